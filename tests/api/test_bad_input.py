"""Bad input on every create/update endpoint: a 4xx naming the field, and nothing changed.

SPEC §5: "No input, however malformed, produces a 500 or a half-written change." One table,
one test: each row is sent to a world with one object of each kind, and everything a client
can observe (stats and every list, with timestamps) must be identical before and after.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from conftest import make_executor, truncate_all
from executor_balancer.app import create_app
from executor_balancer.config import Settings
from executor_balancer.db import make_engine

# Valid bodies; each row breaks one thing. "$name" strings are replaced by the world's ids.
EXECUTOR = {"name": "Ivan Petrov", "email": "ivan@example.com", "role": "support",
            "skills": ["billing"], "languages": ["ru"], "timezone": "Europe/Moscow",
            "daily_limit": 5}
REQUEST = {"title": "Refund", "category": "support", "required_skills": ["billing"],
           "required_languages": ["ru"]}
RULE = {"name": "Critical first",
        "conditions": [{"field": "priority", "operator": "eq", "value": "critical"}]}
ASSIGN = {"request_id": "$request", "executor_id": "$free_executor"}

EXECUTORS, EXECUTOR_ID = "/api/executors", "/api/executors/$executor"
REQUESTS, REQUEST_ID = "/api/requests?auto_assign=false", "/api/requests/$request"
RULES, RULE_ID = "/api/rules", "/api/rules/$rule"
ASSIGNMENTS, ASSIGNMENT_ID = "/api/assignments", "/api/assignments/$assignment"
COMPLETE, REJECT, CANCEL = (f"{ASSIGNMENT_ID}/{a}" for a in ("complete", "reject", "cancel"))

MALFORMED = b'{"name": '
LONG_SKILL = "s" * 65
TOO_MANY_SKILLS = [f"skill-{i}" for i in range(51)]
NOT_A_UUID = "not-a-uuid"


def case(method: str, path: str, body: Any, field: str | None, *, id: str,
         status: int = 422) -> Any:
    """One row: `body` is JSON-encoded unless it is bytes (sent raw as application/json)."""
    return pytest.param(method, path, body, status, field, id=id)


def but(base: dict, **changes: Any) -> dict:
    return base | changes


def without(base: dict, key: str) -> dict:
    return {k: v for k, v in base.items() if k != key}


CASES = [
    # --- executors ---------------------------------------------------------------------------
    case("POST", EXECUTORS, MALFORMED, None, id="executor-post-malformed-json"),
    case("POST", EXECUTORS, [EXECUTOR], None, id="executor-post-json-list"),
    case("POST", EXECUTORS, "Ivan", None, id="executor-post-json-string"),
    case("POST", EXECUTORS, without(EXECUTOR, "email"), "email", id="executor-post-missing-email"),
    case("POST", EXECUTORS, without(EXECUTOR, "role"), "role", id="executor-post-missing-role"),
    case("POST", EXECUTORS, but(EXECUTOR, daily_limit="ten"), "daily_limit",
         id="executor-post-daily-limit-string"),
    case("POST", EXECUTORS, but(EXECUTOR, skills="billing"), "skills",
         id="executor-post-skills-not-list"),
    case("POST", EXECUTORS, but(EXECUTOR, daily_limit=0), "daily_limit",
         id="executor-post-daily-limit-0"),
    case("POST", EXECUTORS, but(EXECUTOR, weight=2), "weight", id="executor-post-weight-2"),
    case("POST", EXECUTORS, but(EXECUTOR, experience_years=-1), "experience_years",
         id="executor-post-experience-negative"),
    case("POST", EXECUTORS, but(EXECUTOR, role="wizard"), "role", id="executor-post-unknown-role"),
    case("POST", EXECUTORS, but(EXECUTOR, status="asleep"), "status",
         id="executor-post-unknown-status"),
    case("POST", EXECUTORS, but(EXECUTOR, email="ivan-at-example"), "email",
         id="executor-post-invalid-email"),
    case("POST", EXECUTORS, but(EXECUTOR, name="x" * 201), "name", id="executor-post-name-201"),
    case("POST", EXECUTORS, but(EXECUTOR, skills=[LONG_SKILL]), "skills",
         id="executor-post-skill-65"),
    case("POST", EXECUTORS, but(EXECUTOR, skills=TOO_MANY_SKILLS), "skills",
         id="executor-post-51-skills"),
    case("POST", EXECUTORS, but(EXECUTOR, name="Iv\x00an"), "name", id="executor-post-nul-name"),
    case("POST", EXECUTORS, but(EXECUTOR, languages=["english"]), "languages",
         id="executor-post-language-name"),
    case("POST", EXECUTORS, but(EXECUTOR, timezone="Mars/Olympus"), "timezone",
         id="executor-post-unknown-timezone"),
    case("POST", EXECUTORS, but(EXECUTOR, nickname="vanya"), "nickname",
         id="executor-post-unknown-field"),
    case("POST", EXECUTORS, b'{"name": "Ivan", "email": "i@example.com", "role": "support", '
         b'"weight": NaN}', "weight", id="executor-post-weight-nan"),
    case("PUT", EXECUTOR_ID, {"name": "Only a name"}, "email", id="executor-put-missing-fields"),
    case("PUT", EXECUTOR_ID, but(EXECUTOR, capacity=0), "capacity", id="executor-put-capacity-0"),
    case("PUT", EXECUTOR_ID, but(EXECUTOR, email="$free_executor_email"), "email", status=409,
         id="executor-put-duplicate-email"),
    case("PUT", f"{EXECUTORS}/{NOT_A_UUID}", EXECUTOR, "executor_id",
         id="executor-put-path-not-uuid"),
    case("PATCH", EXECUTOR_ID, MALFORMED, None, id="executor-patch-malformed-json"),
    case("PATCH", EXECUTOR_ID, [{"name": "x"}], None, id="executor-patch-json-list"),
    case("PATCH", EXECUTOR_ID, {"daily_limit": 0}, "daily_limit",
         id="executor-patch-daily-limit-0"),
    case("PATCH", EXECUTOR_ID, {"daily_limit": None}, "daily_limit",
         id="executor-patch-daily-limit-null"),
    case("PATCH", EXECUTOR_ID, {"success_rate": 1.5}, "success_rate",
         id="executor-patch-success-rate-1.5"),
    case("PATCH", EXECUTOR_ID, {"status": "vacation"}, "status",
         id="executor-patch-unknown-status"),
    case("PATCH", EXECUTOR_ID, {"skills": ["ok", "b\x00d"]}, "skills",
         id="executor-patch-nul-skill"),
    case("PATCH", EXECUTOR_ID, {"na\x00me": "x"}, "na\\u0000me", id="executor-patch-nul-in-key"),
    case("PATCH", EXECUTOR_ID, {"current_load": 0, "nickname": "x"}, "nickname",
         id="executor-patch-unknown-field"),
    case("PATCH", EXECUTOR_ID, b'{"experience_years": Infinity}', "experience_years",
         id="executor-patch-experience-infinity"),
    case("PATCH", EXECUTOR_ID, b'{"name": "\\ud800"}', "name", id="executor-patch-lone-surrogate"),
    case("PATCH", f"{EXECUTORS}/{NOT_A_UUID}", {"name": "x"}, "executor_id",
         id="executor-patch-path-not-uuid"),
    # --- requests ----------------------------------------------------------------------------
    case("POST", REQUESTS, MALFORMED, None, id="request-post-malformed-json"),
    case("POST", REQUESTS, [REQUEST], None, id="request-post-json-list"),
    case("POST", REQUESTS, "Refund", None, id="request-post-json-string"),
    case("POST", REQUESTS, without(REQUEST, "title"), "title", id="request-post-missing-title"),
    case("POST", REQUESTS, without(REQUEST, "category"), "category",
         id="request-post-missing-category"),
    case("POST", REQUESTS, but(REQUEST, title=42), "title", id="request-post-title-number"),
    case("POST", REQUESTS, but(REQUEST, title="   "), "title", id="request-post-title-blank"),
    case("POST", REQUESTS, but(REQUEST, title="t" * 301), "title", id="request-post-title-301"),
    case("POST", REQUESTS, but(REQUEST, description="d" * 10_001), "description",
         id="request-post-description-10001"),
    case("POST", REQUESTS, but(REQUEST, category="cooking"), "category",
         id="request-post-unknown-category"),
    case("POST", REQUESTS, but(REQUEST, priority="urgent"), "priority",
         id="request-post-unknown-priority"),
    case("POST", REQUESTS, but(REQUEST, complexity="extreme"), "complexity",
         id="request-post-unknown-complexity"),
    case("POST", REQUESTS, but(REQUEST, required_skills=[LONG_SKILL]), "required_skills",
         id="request-post-skill-65"),
    case("POST", REQUESTS, but(REQUEST, required_skills=TOO_MANY_SKILLS), "required_skills",
         id="request-post-51-skills"),
    case("POST", REQUESTS, but(REQUEST, required_languages=["russian"]), "required_languages",
         id="request-post-language-name"),
    case("POST", REQUESTS, but(REQUEST, title="Re\x00fund"), "title", id="request-post-nul-title"),
    case("POST", REQUESTS, but(REQUEST, description="\x00"), "description",
         id="request-post-nul-description"),
    case("POST", REQUESTS, but(REQUEST, deadline="tomorrow"), "deadline",
         id="request-post-deadline-not-a-date"),
    case("POST", REQUESTS, but(REQUEST, deadline="9999-12-31T23:59:59-12:00"), "deadline",
         id="request-post-deadline-beyond-utc"),
    case("POST", REQUESTS, but(REQUEST, urgency="high"), "urgency",
         id="request-post-unknown-field"),
    case("PUT", REQUEST_ID, without(REQUEST, "category"), "category",
         id="request-put-missing-category"),
    case("PUT", REQUEST_ID, but(REQUEST, status="done"), "status", id="request-put-unknown-status"),
    case("PUT", f"/api/requests/{NOT_A_UUID}", REQUEST, "request_id",
         id="request-put-path-not-uuid"),
    case("PATCH", REQUEST_ID, MALFORMED, None, id="request-patch-malformed-json"),
    case("PATCH", REQUEST_ID, "cancel", None, id="request-patch-json-string"),
    case("PATCH", REQUEST_ID, {"title": None}, "title", id="request-patch-title-null"),
    case("PATCH", REQUEST_ID, {"priority": 1}, "priority", id="request-patch-priority-number"),
    case("PATCH", REQUEST_ID, {"status": "completed"}, "status", status=409,
         id="request-patch-status-not-settable"),
    case("PATCH", REQUEST_ID, b'{"title": "\\udfff"}', "title", id="request-patch-lone-surrogate"),
    case("PATCH", f"/api/requests/{NOT_A_UUID}", {"title": "x"}, "request_id",
         id="request-patch-path-not-uuid"),
    # --- rules ---------------------------------------------------------------------------------
    case("POST", RULES, MALFORMED, None, id="rule-post-malformed-json"),
    case("POST", RULES, [RULE], None, id="rule-post-json-list"),
    case("POST", RULES, without(RULE, "name"), "name", id="rule-post-missing-name"),
    case("POST", RULES, but(RULE, name="r" * 201), "name", id="rule-post-name-201"),
    case("POST", RULES, but(RULE, name="r\x00"), "name", id="rule-post-nul-name"),
    case("POST", RULES, but(RULE, priority="high"), "priority", id="rule-post-priority-string"),
    case("POST", RULES, but(RULE, priority=10**9), "priority", id="rule-post-priority-huge"),
    case("POST", RULES, but(RULE, conditions={"field": "priority"}), "conditions",
         id="rule-post-conditions-not-list"),
    case("POST", RULES, but(RULE, conditions=[{"field": "mood", "operator": "eq", "value": "x"}]),
         "mood", id="rule-post-unknown-request-field"),
    case("POST", RULES, but(RULE, require=[{"field": "role", "operator": "gt", "value": "admin"}]),
         "role", id="rule-post-operator-unfit-for-field"),
    case("POST", RULES, but(RULE, require=[{"field": "role", "operator": "like", "value": "a"}]),
         "like", id="rule-post-unknown-operator"),
    case("POST", RULES, but(RULE, require=[{"field": "role", "operator": "eq", "value": "x",
                                            "weight": 1}]), "weight",
         id="rule-post-unknown-field-in-condition"),
    case("POST", RULES, but(RULE, prefer=[{"field": "role", "operator": "eq", "value": "support",
                                           "bonus": 99}]), "bonus", id="rule-post-bonus-99"),
    case("POST", RULES, but(RULE, strategy="random"), "strategy", id="rule-post-unknown-strategy"),
    case("POST", RULES, but(RULE, strategy="manual"), "strategy", id="rule-post-manual-strategy"),
    case("POST", RULES, b'{"name": "r", "require": [{"field": "experience_years", '
         b'"operator": "gte", "value": NaN}]}', "value", id="rule-post-value-nan"),
    case("PUT", RULE_ID, without(RULE, "name"), "name", id="rule-put-missing-name"),
    case("PUT", f"/api/rules/{NOT_A_UUID}", RULE, "rule_id", id="rule-put-path-not-uuid"),
    case("PATCH", RULE_ID, MALFORMED, None, id="rule-patch-malformed-json"),
    case("PATCH", RULE_ID, {"is_active": "maybe"}, "is_active", id="rule-patch-is-active-string"),
    case("PATCH", RULE_ID, {"name": None}, "name", id="rule-patch-name-null"),
    case("PATCH", RULE_ID, {"strategy": "manual"}, "strategy", id="rule-patch-manual-strategy"),
    case("PATCH", RULE_ID, {"require": [{"field": "mood", "operator": "eq", "value": "x"}]},
         "mood", id="rule-patch-unknown-executor-field"),
    case("PATCH", RULE_ID, {"colour": "red"}, "colour", id="rule-patch-unknown-field"),
    case("PATCH", f"/api/rules/{NOT_A_UUID}", {"name": "x"}, "rule_id",
         id="rule-patch-path-not-uuid"),
    # --- assignments ---------------------------------------------------------------------------
    case("POST", ASSIGNMENTS, MALFORMED, None, id="assignment-post-malformed-json"),
    case("POST", ASSIGNMENTS, [ASSIGN], None, id="assignment-post-json-list"),
    case("POST", ASSIGNMENTS, without(ASSIGN, "executor_id"), "executor_id",
         id="assignment-post-missing-executor"),
    case("POST", ASSIGNMENTS, but(ASSIGN, request_id=NOT_A_UUID), "request_id",
         id="assignment-post-request-id-not-uuid"),
    case("POST", ASSIGNMENTS, but(ASSIGN, executor_id=42), "executor_id",
         id="assignment-post-executor-id-number"),
    case("POST", ASSIGNMENTS, but(ASSIGN, request_id="00000000-0000-4000-8000-000000000000"),
         "request", status=404, id="assignment-post-unknown-request"),
    case("POST", ASSIGNMENTS, but(ASSIGN, strategy="best_match"), "strategy",
         id="assignment-post-unknown-field"),
    case("POST", ASSIGNMENTS, but(ASSIGN, note="n\x00"), "note", id="assignment-post-nul-note"),
    case("POST", ASSIGNMENTS, but(ASSIGN, note="n" * 2001), "note", id="assignment-post-note-2001"),
    case("PUT", ASSIGNMENT_ID, {"status": "done"}, "status", id="assignment-put-unknown-status"),
    case("PUT", f"{ASSIGNMENTS}/{NOT_A_UUID}", {"note": "x"}, "assignment_id",
         id="assignment-put-path-not-uuid"),
    case("PATCH", ASSIGNMENT_ID, MALFORMED, None, id="assignment-patch-malformed-json"),
    case("PATCH", ASSIGNMENT_ID, {"status": None}, "status", id="assignment-patch-status-null"),
    case("PATCH", ASSIGNMENT_ID, {"outcome": "meh"}, "outcome",
         id="assignment-patch-unknown-outcome"),
    case("PATCH", ASSIGNMENT_ID, {"outcome": "success"}, "outcome", status=409,
         id="assignment-patch-outcome-without-completing"),
    case("PATCH", ASSIGNMENT_ID, {"status": "assigned"}, None, status=409,
         id="assignment-patch-status-backwards"),
    case("PATCH", ASSIGNMENT_ID, {"score": 100}, "score", id="assignment-patch-read-only-field"),
    case("PATCH", ASSIGNMENT_ID, {"note": ["a"]}, "note", id="assignment-patch-note-list"),
    case("POST", COMPLETE, MALFORMED, None, id="complete-malformed-json"),
    case("POST", COMPLETE, ["success"], None, id="complete-json-list"),
    case("POST", COMPLETE, {"outcome": "great"}, "outcome", id="complete-unknown-outcome"),
    case("POST", COMPLETE, {"outcome": "success", "rating": 5}, "rating",
         id="complete-unknown-field"),
    case("POST", f"{ASSIGNMENTS}/{NOT_A_UUID}/complete", {"outcome": "success"}, "assignment_id",
         id="complete-path-not-uuid"),
    case("POST", REJECT, {"reason": 5}, "reason", id="reject-reason-number"),
    case("POST", REJECT, {"reason": "busy\x00"}, "reason", id="reject-nul-reason"),
    case("POST", REJECT, {"reason": "r" * 2001}, "reason", id="reject-reason-2001"),
    case("POST", REJECT, "busy", None, id="reject-json-string"),
    case("POST", CANCEL, MALFORMED, None, id="cancel-malformed-json"),
    case("POST", CANCEL, {"reason": ["x"]}, "reason", id="cancel-reason-list"),
    case("POST", CANCEL, {"why": "x"}, "why", id="cancel-unknown-field"),
]


# --- fixtures and helpers ----------------------------------------------------------------------
# The world is built once per backend and shared by every row: each row asserts that it changed
# nothing, so a passing row cannot leak into the next one (and 120 rows x 2 backends stay fast).

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh database of each kind for this module (the PG one is the run's, emptied)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("bad_input") / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("pg_database")
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    truncate_all(engine)
    engine.dispose()
    return url


async def created(client: httpx.AsyncClient, path: str, body: dict) -> dict:
    response = await client.post(path, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def build_world(client: httpx.AsyncClient) -> dict[str, str]:
    """One of everything; the in-progress assignment accepts complete, reject and cancel."""
    executor = await make_executor(client)
    free_executor = await make_executor(client)
    request = await created(client, REQUESTS, REQUEST)
    busy_request = await created(client, REQUESTS, REQUEST)
    rule = await created(client, RULES, RULE)
    assignment = await created(client, ASSIGNMENTS, {"request_id": busy_request["id"],
                                                     "executor_id": executor["id"]})
    started = await client.post(f"/api/assignments/{assignment['id']}/start")
    assert started.status_code == 200, started.text
    return {"executor": executor["id"], "free_executor": free_executor["id"],
            "free_executor_email": free_executor["email"], "request": request["id"],
            "rule": rule["id"], "assignment": assignment["id"]}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def api(shared_db_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str]]]:
    """The app without its lifespan (no background dispatcher moves the queue), and its world."""
    settings = Settings(database_url=shared_db_url, load_sample_data=False,
                        _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as client:
        yield client, await build_world(client)
    app.state.engine.dispose()


def fill(value: Any, world: dict[str, str]) -> Any:
    """Replace "$name" placeholders in strings (paths and bodies) with the world's values."""
    if isinstance(value, str):
        for name in sorted(world, key=len, reverse=True):
            value = value.replace(f"${name}", world[name])
        return value
    if isinstance(value, dict):
        return {k: fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, world) for v in value]
    return value


async def observable_state(client: httpx.AsyncClient) -> dict[str, Any]:
    """Everything a client can see; any write, even a timestamp touch, changes it."""
    state = {}
    for path in ("/api/stats", "/api/executors?limit=500", "/api/requests?limit=500",
                 "/api/rules?limit=500", "/api/assignments?limit=500"):
        response = await client.get(path)
        assert response.status_code == 200, (path, response.text)
        state[path] = response.json()
    return state


def without_inputs(detail: Any) -> Any:
    """FastAPI echoes the offending input; the field must be named elsewhere (loc, msg)."""
    if isinstance(detail, list):
        return [without_inputs(item) for item in detail]
    if isinstance(detail, dict):
        return {k: without_inputs(v) for k, v in detail.items() if k != "input"}
    return detail


# --- the test ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "body", "status", "field"), CASES)
async def test_bad_input_is_refused_and_changes_nothing(api, method, path, body, status, field):
    client, world = api
    before = await observable_state(client)
    if isinstance(body, bytes):
        sent = {"content": body, "headers": {"content-type": "application/json"}}
    else:
        sent = {"json": fill(body, world)}

    response = await client.request(method, fill(path, world), **sent)

    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert detail
    if field is not None:
        assert field in json.dumps(without_inputs(detail), ensure_ascii=False), detail
    assert await observable_state(client) == before
