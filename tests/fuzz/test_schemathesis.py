"""Fuzz every operation of the live OpenAPI schema with an admin key (schemathesis).

Asserted for every generated call: no server error, the response matches the documented
schema, and its status code is a documented one. Bounded so the run takes a few minutes.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from e2e.server import running_server

pytestmark = pytest.mark.e2e
ADMIN = "eb_fuzz-admin-token-0123456789abcdefgh"
EXAMPLES = int(os.environ.get("EB_FUZZ_EXAMPLES", "50"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    env = {"DATABASE_URL": f"sqlite:///{path}", "AUTH_ENABLED": "true", "ADMIN_TOKEN": ADMIN,
           "LOAD_SAMPLE_DATA": "true", "LOG_LEVEL": "WARNING"}
    with running_server(env) as base:
        yield base


def _app_schema() -> dict:
    """The schema the server publishes (checked against /openapi.json below)."""
    from executor_balancer.app import create_app
    from executor_balancer.config import Settings

    return create_app(Settings(database_url="sqlite://", _env_file=None)).openapi()  # type: ignore[call-arg]


OPENAPI = _app_schema()
schema = schemathesis.openapi.from_dict(OPENAPI)


def test_the_live_schema_is_the_one_fuzzed(live):
    import httpx

    assert httpx.get(f"{live}/openapi.json").json() == OPENAPI


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_api(case, live):
    case.call_and_validate(base_url=live, headers={"Authorization": f"Bearer {ADMIN}"},
                           checks=CHECKS)
