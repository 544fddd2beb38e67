"""Every route declares who may call it; each role gets exactly what the table says.

Generated from the app's route table: a new endpoint without a policy entry fails here.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute

from executor_balancer.app import create_app
from executor_balancer.config import Settings
from executor_balancer.security.roles import POLICY, ROLES, Access, access_for


def _flatten(routes):
    """Included routers appear as one entry each; walk into them."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _flatten(route.original_router.routes)
        else:
            yield route


def _routes():
    app = create_app(Settings(database_url="sqlite://", _env_file=None))  # type: ignore[call-arg]
    for route in _flatten(app.routes):
        if isinstance(route, APIRoute):
            for method in sorted(route.methods - {"HEAD"}):
                yield method, route.path
        elif isinstance(route, APIWebSocketRoute):
            yield "WS", route.path


ROUTES = sorted(set(_routes()))
API_ROUTES = [(m, p) for m, p in ROUTES if p.startswith("/api") and p != "/api/health"]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_has_a_policy(method, path):
    assert access_for(method, path) is not None, f"{method} {path} declares no access policy"


def test_no_policy_for_a_route_that_does_not_exist():
    assert set(POLICY) <= set(ROUTES)


def _fill(path: str) -> str:
    return path.replace("{code}", "en").format_map(_AnyId())


class _AnyId(dict):
    def __missing__(self, key: str) -> str:
        return str(uuid.uuid4())


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
async def test_each_role_gets_what_the_table_says(secured, method, path):
    url = _fill(path)
    anonymous = await secured.client.request(method, url, json={})
    assert anonymous.status_code == 401, f"{method} {path} without credentials"
    bad = await secured.client.request(
        method, url, json={}, headers={"Authorization": "Bearer eb_not-a-key"}
    )
    assert bad.status_code == 401
    allowed = ROLES[access_for(method, path)]
    for role in ("admin", "dispatcher", "viewer", "executor"):
        answer = await secured.client.request(method, url, json={}, headers=secured.auth(role))
        if role in allowed:
            assert answer.status_code not in (401, 403), f"{role} refused {method} {path}"
        else:
            assert answer.status_code == 403, f"{role} allowed {method} {path}"
            assert answer.json()["reason"] == "role"


def test_public_routes_are_few():
    public = sorted(k for k, v in POLICY.items() if v is Access.public)
    assert ("GET", "/api/health") in public
    assert all(not p.startswith("/api") or p == "/api/health" for _, p in public)


def test_the_readme_lists_every_route_with_its_roles():
    from pathlib import Path

    from executor_balancer.security.roles import markdown_table

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "regenerate the README's access table"
