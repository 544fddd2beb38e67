"""Assignments over HTTP: manual assignment under every hard limit, the lifecycle, cascades.

Every assignment here is made by hand (`POST /api/assignments`), which must obey the same
hard limits as distribution (SPEC §4.6). Requests are created with `auto_assign=false` and
the background dispatcher is not started, so the queue stays exactly where a test leaves it
(a cancelled request is `pending`, not already re-dispatched); the dispatcher has its own tests.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from conftest import make_executor
from executor_balancer.app import create_app
from executor_balancer.config import Settings

EXCLUSION_KEYS = {"rejected", "status", "daily_limit", "capacity", "languages", "skills", "rules"}
SCORE_FACTORS = {"role", "skills", "language", "timezone", "load", "success_rate", "experience",
                 "weight"}


# --- fixtures and helpers ----------------------------------------------------------------------

@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app without its lifespan: no background dispatcher touches the queue."""
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as api:
        yield api
    app.state.engine.dispose()


async def make_request(client: httpx.AsyncClient, **overrides: object) -> dict:
    """A request left waiting in the queue (`auto_assign=false`)."""
    body = {"title": "Payment fails", "category": "support", "priority": "high",
            "required_skills": ["billing"], "required_languages": ["ru"]} | overrides
    response = await client.post("/api/requests", params={"auto_assign": "false"}, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "pending"
    return response.json()


async def get(client: httpx.AsyncClient, path: str) -> dict:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


async def executor_of(client: httpx.AsyncClient, executor: dict) -> dict:
    return await get(client, f"/api/executors/{executor['id']}")


async def request_of(client: httpx.AsyncClient, request: dict) -> dict:
    return await get(client, f"/api/requests/{request['id']}")


async def assignment_of(client: httpx.AsyncClient, assignment: dict) -> dict:
    return await get(client, f"/api/assignments/{assignment['id']}")


async def try_assign(client: httpx.AsyncClient, request: dict, executor: dict) -> httpx.Response:
    body = {"request_id": request["id"], "executor_id": executor["id"]}
    return await client.post("/api/assignments", json=body)


async def assign(client: httpx.AsyncClient, request: dict, executor: dict) -> dict:
    response = await try_assign(client, request, executor)
    assert response.status_code == 201, response.text
    return response.json()


async def act(client: httpx.AsyncClient, assignment: dict, action: str, body: dict | None = None,
              expect: int = 200) -> dict:
    """POST /api/assignments/{id}/{action} and check the status code."""
    response = await client.post(f"/api/assignments/{assignment['id']}/{action}", json=body)
    assert response.status_code == expect, response.text
    return response.json()


async def assigned_pair(client: httpx.AsyncClient, **executor_overrides: object
                        ) -> tuple[dict, dict, dict]:
    """A fresh executor with one fresh request assigned to them: (executor, request, assignment)."""
    executor = await make_executor(client, **executor_overrides)
    request = await make_request(client)
    return executor, request, await assign(client, request, executor)


async def assert_counters(client: httpx.AsyncClient, executor: dict, *, load: int,
                          today: int) -> dict:
    current = await executor_of(client, executor)
    assert (current["current_load"], current["assigned_today"]) == (load, today), current
    return current


async def assert_request(client: httpx.AsyncClient, request: dict, status: str,
                         executor: dict | None) -> None:
    current = await request_of(client, request)
    assert current["status"] == status
    assert current["assigned_executor_id"] == (executor["id"] if executor else None)


async def assert_refused(client: httpx.AsyncClient, request: dict, executor: dict,
                         reason: str) -> None:
    """A 409 naming `reason`, and nothing changed: request pending, executor's counters kept."""
    before = await executor_of(client, executor)
    assignments_before = (await get(client, "/api/assignments"))["total"]
    response = await try_assign(client, request, executor)
    assert response.status_code == 409, response.text
    body = response.json()
    assert body["reason"] == reason, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert await executor_of(client, executor) == before
    await assert_request(client, request, "pending", None)
    assert (await get(client, "/api/assignments"))["total"] == assignments_before


# --- manual assignment -------------------------------------------------------------------------

async def test_manual_assignment_is_created_with_its_explanation(client):
    executor = await make_executor(client)
    request = await make_request(client)

    assignment = await assign(client, request, executor)

    assert assignment["status"] == "assigned"
    assert assignment["strategy"] == "manual"
    assert (assignment["request_id"], assignment["executor_id"]) == (request["id"], executor["id"])
    assert assignment["assigned_at"] and assignment["started_at"] is None
    assert 0 < assignment["score"] <= 100
    explanation = assignment["explanation"]
    assert explanation["strategy"] == "manual"
    assert explanation["score"] == pytest.approx(assignment["score"], abs=1e-3)
    assert set(explanation["excluded"]) == EXCLUSION_KEYS
    assert {f["name"] for f in explanation["factors"]} >= SCORE_FACTORS
    for factor in explanation["factors"]:
        assert {"name", "value", "weight", "contribution", "reason"} <= set(factor)
    contributions = sum(f["contribution"] for f in explanation["factors"])
    assert contributions == pytest.approx(assignment["score"], abs=1e-3)
    assert await assignment_of(client, assignment) == assignment

    await assert_request(client, request, "assigned", executor)
    await assert_counters(client, executor, load=1, today=1)


@pytest.mark.parametrize(
    ("executor_overrides", "request_overrides", "reason"),
    [
        pytest.param({"status": "offline"}, {}, "status", id="offline"),
        pytest.param({"status": "busy"}, {}, "status", id="busy"),
        pytest.param({"languages": ["en"]}, {"required_languages": ["ru"]}, "languages",
                     id="missing-language"),
        pytest.param({"skills": ["billing"]}, {"required_skills": ["billing", "sql"]}, "skills",
                     id="missing-skill"),
    ],
)
async def test_profile_limits_refuse_assignment(client, executor_overrides, request_overrides,
                                                reason):
    executor = await make_executor(client, **executor_overrides)
    request = await make_request(client, **request_overrides)
    await assert_refused(client, request, executor, reason)


async def test_daily_limit_is_not_given_back_by_completion(client):
    executor, _, first = await assigned_pair(client, daily_limit=1, capacity=5)
    await act(client, first, "start")
    await act(client, first, "complete", {"outcome": "success"})
    await assert_counters(client, executor, load=0, today=1)

    await assert_refused(client, await make_request(client), executor, "daily_limit")


async def test_capacity_counts_open_assignments(client):
    executor, _, _ = await assigned_pair(client, daily_limit=5, capacity=1)
    await assert_refused(client, await make_request(client), executor, "capacity")


async def test_rule_require_excludes_executor(client):
    rule = {
        "name": "Support goes to programmers",
        "conditions": [{"field": "category", "operator": "eq", "value": "support"}],
        "require": [{"field": "role", "operator": "eq", "value": "programmer"}],
    }
    response = await client.post("/api/rules", json=rule)
    assert response.status_code == 201, response.text
    support = await make_executor(client, role="support")
    programmer = await make_executor(client, role="programmer")
    request = await make_request(client, category="support")

    await assert_refused(client, request, support, "rules")
    assignment = await assign(client, request, programmer)
    assert [r["id"] for r in assignment["explanation"]["rules"]] == [response.json()["id"]]


async def test_executor_who_rejected_is_never_given_the_request_again(client):
    executor, request, assignment = await assigned_pair(client)
    await act(client, assignment, "reject", {"reason": "not my area"})

    await assert_refused(client, request, executor, "rejected")
    await assign(client, request, await make_executor(client))


async def test_only_a_pending_request_can_be_assigned(client):
    _, request, _ = await assigned_pair(client)
    other = await make_executor(client)

    response = await try_assign(client, request, other)

    assert response.status_code == 409, response.text
    assert response.json()["reason"] == "request_status"
    await assert_counters(client, other, load=0, today=0)


async def test_a_cancelled_request_cannot_be_assigned(client):
    executor = await make_executor(client)
    request = await make_request(client)
    response = await client.patch(f"/api/requests/{request['id']}", json={"status": "cancelled"})
    assert response.status_code == 200, response.text

    response = await try_assign(client, request, executor)

    assert response.status_code == 409, response.text
    assert response.json()["reason"] == "request_status"
    await assert_counters(client, executor, load=0, today=0)


@pytest.mark.parametrize("unknown", ["request_id", "executor_id"])
async def test_unknown_ids_are_404(client, unknown):
    executor = await make_executor(client)
    request = await make_request(client)
    body = {"request_id": request["id"], "executor_id": executor["id"], unknown: str(uuid.uuid4())}

    response = await client.post("/api/assignments", json=body)

    assert response.status_code == 404, response.text
    assert "detail" in response.json()
    await assert_counters(client, executor, load=0, today=0)
    await assert_request(client, request, "pending", None)


@pytest.mark.parametrize("path", ["", "/start", "/complete", "/reject", "/cancel"])
async def test_unknown_assignment_is_404(client, path):
    method = "GET" if path == "" else "POST"
    response = await client.request(method, f"/api/assignments/{uuid.uuid4()}{path}")
    assert response.status_code == 404, response.text
    assert "detail" in response.json()


# --- lifecycle -------------------------------------------------------------------------------

async def test_start_then_complete_and_success_rate_follows_outcomes(client):
    executor, request, assignment = await assigned_pair(client, success_rate=0.8)

    started = await act(client, assignment, "start")
    assert started["status"] == "in_progress" and started["started_at"]
    await assert_request(client, request, "in_progress", executor)
    await assert_counters(client, executor, load=1, today=1)

    completed = await act(client, assignment, "complete", {"outcome": "failure"})
    assert completed["status"] == "completed"
    assert completed["outcome"] == "failure" and completed["finished_at"]
    await assert_request(client, request, "completed", executor)
    after_failure = await assert_counters(client, executor, load=0, today=1)
    assert after_failure["success_rate"] == 0.0

    second = await assign(client, await make_request(client), executor)
    await act(client, second, "start")
    await act(client, second, "complete", {"outcome": "success"})
    after_both = await assert_counters(client, executor, load=0, today=2)
    assert after_both["success_rate"] == pytest.approx(0.5)


@pytest.mark.parametrize("started", [False, True], ids=["from-assigned", "from-in-progress"])
async def test_reject_returns_request_to_queue_and_gives_allowance_back(client, started):
    executor, request, assignment = await assigned_pair(client)
    if started:
        await act(client, assignment, "start")

    rejected = await act(client, assignment, "reject", {"reason": "on holiday"})

    assert rejected["status"] == "rejected"
    assert rejected["reason"] == "on holiday" and rejected["finished_at"]
    await assert_request(client, request, "pending", None)
    await assert_counters(client, executor, load=0, today=0)


async def test_cancel_returns_request_to_queue_and_allows_same_executor_again(client):
    executor, request, assignment = await assigned_pair(client)

    cancelled = await act(client, assignment, "cancel")

    assert cancelled["status"] == "cancelled"
    await assert_request(client, request, "pending", None)
    await assert_counters(client, executor, load=0, today=0)
    await assign(client, request, executor)  # cancelling is not the executor declining


async def bring_to(client: httpx.AsyncClient, state: str) -> tuple[dict, dict]:
    """An assignment in `state`, with its executor."""
    executor, _, assignment = await assigned_pair(client)
    steps = {
        "assigned": [],
        "in_progress": [("start", None)],
        "completed": [("start", None), ("complete", {"outcome": "success"})],
        "rejected": [("reject", None)],
        "cancelled": [("cancel", None)],
    }[state]
    for action, body in steps:
        assignment = await act(client, assignment, action, body)
    assert assignment["status"] == state
    return assignment, executor


ALL_ACTIONS = ["start", "complete", "reject", "cancel"]


@pytest.mark.parametrize(
    ("state", "actions"),
    [
        pytest.param("assigned", ["complete"], id="complete-from-assigned"),
        pytest.param("in_progress", ["start"], id="start-from-in-progress"),
        pytest.param("completed", ALL_ACTIONS, id="anything-from-completed"),
        pytest.param("rejected", ALL_ACTIONS, id="anything-from-rejected"),
        pytest.param("cancelled", ALL_ACTIONS, id="anything-from-cancelled"),
    ],
)
async def test_illegal_transitions_are_409_and_change_nothing(client, state, actions):
    assignment, executor = await bring_to(client, state)
    executor_before = await executor_of(client, executor)
    request_before = await get(client, f"/api/requests/{assignment['request_id']}")

    for action in actions:
        refused = await act(client, assignment, action, expect=409)
        assert refused["reason"] == "transition", (action, refused)

    assert await assignment_of(client, assignment) == assignment
    assert await executor_of(client, executor) == executor_before
    assert await get(client, f"/api/requests/{assignment['request_id']}") == request_before


async def test_put_and_patch_move_status_through_the_same_table(client):
    executor, request, assignment = await assigned_pair(client)
    url = f"/api/assignments/{assignment['id']}"

    response = await client.patch(url, json={"status": "in_progress"})
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "in_progress"
    await assert_request(client, request, "in_progress", executor)

    response = await client.put(url, json={"status": "assigned"})
    assert response.status_code == 409, response.text
    assert response.json()["reason"] == "transition"

    response = await client.put(url, json={"status": "completed", "outcome": "failure"})
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["outcome"]) == ("completed", "failure")
    await assert_request(client, request, "completed", executor)
    assert (await assert_counters(client, executor, load=0, today=1))["success_rate"] == 0.0

    response = await client.patch(url, json={"status": "in_progress"})
    assert response.status_code == 409, response.text
    assert (await assignment_of(client, assignment))["status"] == "completed"


@pytest.mark.parametrize("state", ["assigned", "in_progress"])
async def test_outcome_without_completing_is_409(client, state):
    assignment, _ = await bring_to(client, state)

    response = await client.patch(f"/api/assignments/{assignment['id']}",
                                  json={"outcome": "success"})

    assert response.status_code == 409, response.text
    assert response.json()["reason"] == "outcome"
    assert await assignment_of(client, assignment) == assignment


async def test_outcome_of_a_completed_assignment_is_final(client):
    assignment, executor = await bring_to(client, "completed")
    executor_before = await executor_of(client, executor)
    url = f"/api/assignments/{assignment['id']}"

    for body in ({"status": "completed", "outcome": "failure"}, {"outcome": "failure"}):
        response = await client.patch(url, json=body)
        assert response.status_code == 409, (body, response.text)
        assert response.json()["reason"] == "outcome"

    assert await assignment_of(client, assignment) == assignment
    assert await executor_of(client, executor) == executor_before
    same = await client.patch(url, json={"status": "completed", "outcome": "success"})
    assert same.status_code == 200, same.text  # repeating what is already true is harmless


async def test_patch_note_changes_only_the_note(client):
    _, _, assignment = await assigned_pair(client)
    url = f"/api/assignments/{assignment['id']}"

    response = await client.patch(url, json={"note": "  customer prefers e-mail  "})
    assert response.status_code == 200, response.text
    assert response.json() == assignment | {"note": "customer prefers e-mail"}

    response = await client.patch(url, json={"note": None})
    assert response.status_code == 200, response.text
    assert response.json() == assignment | {"note": None}


async def test_deleting_an_open_assignment_cancels_it_first(client):
    executor, request, assignment = await assigned_pair(client)
    await act(client, assignment, "start")

    response = await client.delete(f"/api/assignments/{assignment['id']}")

    assert response.status_code == 204, response.text
    assert (await client.get(f"/api/assignments/{assignment['id']}")).status_code == 404
    assert (await client.delete(f"/api/assignments/{assignment['id']}")).status_code == 404
    await assert_request(client, request, "pending", None)
    await assert_counters(client, executor, load=0, today=0)


async def test_deleting_a_closed_assignment_keeps_the_counters(client):
    assignment, executor = await bring_to(client, "completed")

    response = await client.delete(f"/api/assignments/{assignment['id']}")

    assert response.status_code == 204, response.text
    await assert_counters(client, executor, load=0, today=1)
    assert (await get(client, f"/api/requests/{assignment['request_id']}"))["status"] == "completed"


# --- cascades from executors and requests ----------------------------------------------------

async def test_executor_going_offline_returns_only_unstarted_work(client):
    executor = await make_executor(client, daily_limit=5)
    waiting_request, started_request = await make_request(client), await make_request(client)
    waiting = await assign(client, waiting_request, executor)
    started = await act(client, await assign(client, started_request, executor), "start")

    response = await client.patch(f"/api/executors/{executor['id']}", json={"status": "offline"})

    assert response.status_code == 200, response.text
    assert (response.json()["current_load"], response.json()["assigned_today"]) == (1, 1)
    assert (await assignment_of(client, waiting))["status"] == "cancelled"
    await assert_request(client, waiting_request, "pending", None)
    assert await assignment_of(client, started) == started
    await assert_request(client, started_request, "in_progress", executor)
    await assert_counters(client, executor, load=1, today=1)


async def test_deleting_executor_requeues_their_open_work(client):
    executor = await make_executor(client, daily_limit=5)
    requests = [await make_request(client) for _ in range(3)]
    waiting, started, done = [await assign(client, r, executor) for r in requests]
    await act(client, started, "start")
    await act(client, done, "start")
    await act(client, done, "complete", {"outcome": "success"})

    response = await client.delete(f"/api/executors/{executor['id']}")

    assert response.status_code == 204, response.text
    assert (await client.get(f"/api/executors/{executor['id']}")).status_code == 404
    for open_assignment, request in ((waiting, requests[0]), (started, requests[1])):
        assert (await assignment_of(client, open_assignment))["status"] == "cancelled"
        await assert_request(client, request, "pending", None)
    assert (await assignment_of(client, done))["status"] == "completed"
    assert (await request_of(client, requests[2]))["status"] == "completed"


@pytest.mark.parametrize("started", [False, True], ids=["assigned", "in-progress"])
async def test_cancelling_a_request_cancels_its_assignment(client, started):
    executor, request, assignment = await assigned_pair(client)
    if started:
        await act(client, assignment, "start")

    response = await client.patch(f"/api/requests/{request['id']}", json={"status": "cancelled"})

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled"
    await assert_request(client, request, "cancelled", None)
    assert (await assignment_of(client, assignment))["status"] == "cancelled"
    await assert_counters(client, executor, load=0, today=0)


async def test_deleting_a_request_frees_its_executor(client):
    executor, request, assignment = await assigned_pair(client)

    response = await client.delete(f"/api/requests/{request['id']}")

    assert response.status_code == 204, response.text
    assert (await client.get(f"/api/requests/{request['id']}")).status_code == 404
    assert (await client.get(f"/api/assignments/{assignment['id']}")).status_code == 404
    await assert_counters(client, executor, load=0, today=0)


# --- listing -----------------------------------------------------------------------------------

async def test_list_filters_and_pagination(client):
    first, second = await make_executor(client), await make_executor(client)
    requests = [await make_request(client) for _ in range(3)]
    done = await assign(client, requests[0], first)
    await act(client, done, "start")
    await act(client, done, "complete", {"outcome": "success"})
    waiting = await assign(client, requests[1], first)
    other = await assign(client, requests[2], second)

    async def ids(query: str) -> tuple[set[str], int]:
        page = await get(client, f"/api/assignments?{query}")
        return {a["id"] for a in page["items"]}, page["total"]

    assert await ids("status=completed") == ({done["id"]}, 1)
    assert await ids("status=assigned") == ({waiting["id"], other["id"]}, 2)
    assert await ids(f"executor_id={first['id']}") == ({done["id"], waiting["id"]}, 2)
    assert await ids(f"request_id={requests[2]['id']}") == ({other["id"]}, 1)
    assert await ids(f"executor_id={first['id']}&status=assigned") == ({waiting["id"]}, 1)
    assert await ids(f"executor_id={uuid.uuid4()}") == (set(), 0)

    pages = [await get(client, f"/api/assignments?limit=2&offset={o}") for o in (0, 2, 4)]
    assert [(p["total"], p["limit"], p["offset"], len(p["items"])) for p in pages] == [
        (3, 2, 0, 2), (3, 2, 2, 1), (3, 2, 4, 0)]
    seen = [a["id"] for p in pages for a in p["items"]]
    assert sorted(seen) == sorted([done["id"], waiting["id"], other["id"]])


@pytest.mark.parametrize(
    "query", ["status=done", "executor_id=nope", "request_id=1", "limit=0", "limit=501",
              "offset=-1"],
)
async def test_list_rejects_bad_filters(client, query):
    response = await client.get(f"/api/assignments?{query}")
    assert response.status_code == 422, response.text
    assert query.split("=")[0] in response.text
