"""The queue: its order, and the background dispatcher serving it when capacity appears.

The periodic sweep is pushed out to a minute here, so whatever gets assigned within the few
seconds a test waits was dispatched by the trigger under test, not by the sweep.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from conftest import make_executor, make_request
from executor_balancer.config import Settings

WAIT_SECONDS = 5.0
STEP_SECONDS = 0.05


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The suite's settings with the periodic sweep a minute away."""
    tuned = settings.model_dump() | {"dispatch_sweep_seconds": 60}
    return Settings(**tuned, _env_file=None)  # type: ignore[call-arg]


# --- helpers ----------------------------------------------------------------------------------

async def get(client, path: str, **params: Any) -> dict:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def eventually(fetch: Callable[[], Awaitable[dict]], check: Callable[[dict], bool],
                     what: str) -> dict:
    """Poll until `check` holds (the background dispatcher works asynchronously)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    while True:
        value = await fetch()
        if check(value):
            return value
        if loop.time() > deadline:
            raise AssertionError(f"not within {WAIT_SECONDS}s: {what}; last seen {value}")
        await asyncio.sleep(STEP_SECONDS)


async def assigned_to(client, request: dict, executor: dict) -> dict:
    """Wait until the request is assigned to this executor, by the background dispatcher."""
    return await eventually(
        lambda: get(client, f"/api/requests/{request['id']}"),
        lambda r: r["status"] == "assigned" and r["assigned_executor_id"] == executor["id"],
        f"request {request['title']!r} assigned to {executor['name']!r}",
    )


async def act(client, assignment_id: str, action: str, body: dict | None = None) -> dict:
    response = await client.post(f"/api/assignments/{assignment_id}/{action}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


async def still_waiting(client, request: dict) -> dict:
    """Run distribution for a pending request now; it must stay pending. Returns the answer."""
    response = await client.post(f"/api/requests/{request['id']}/assign")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "pending", body
    return body


# --- queue order -------------------------------------------------------------------------------

async def test_queue_lists_pending_requests_in_dispatch_order(client):
    def new(title: str, priority: str, deadline: str | None = None):
        return make_request(client, title=title, priority=priority, deadline=deadline)

    low = await new("low", "low")
    medium_old = await new("medium old", "medium")
    critical = await new("critical", "critical")
    high_late = await new("high 10:00Z", "high", "2030-01-01T10:00:00+00:00")
    high_none = await new("high no deadline", "high")
    high_early = await new("high 09:00Z", "high", "2030-01-01T12:00:00+03:00")
    medium_new = await new("medium new", "medium")
    medium_due = await new("medium due", "medium", "2031-06-01T00:00:00Z")
    gone = await new("cancelled", "critical")
    patched = await client.patch(f"/api/requests/{gone['id']}", json={"status": "cancelled"})
    assert patched.status_code == 200, patched.text

    queue = await get(client, "/api/queue")

    expected = [critical, high_early, high_late, high_none, medium_due, medium_old, medium_new, low]
    assert [item["title"] for item in queue["items"]] == [r["title"] for r in expected]
    assert [item["position"] for item in queue["items"]] == list(range(1, 9))
    assert queue["total"] == 8
    assert all(item["status"] == "pending" for item in queue["items"])

    page = await get(client, "/api/queue", limit=3, offset=3)
    assert [item["title"] for item in page["items"]] == [r["title"] for r in expected[3:6]]
    assert [item["position"] for item in page["items"]] == [4, 5, 6]
    assert (page["total"], page["limit"], page["offset"]) == (8, 3, 3)


async def test_changing_priority_moves_a_request_in_the_queue(client):
    first = await make_request(client, title="first", priority="medium")
    second = await make_request(client, title="second", priority="medium")
    response = await client.patch(f"/api/requests/{second['id']}", json={"priority": "critical"})
    assert response.status_code == 200, response.text

    queue = await get(client, "/api/queue")

    assert [item["id"] for item in queue["items"]] == [second["id"], first["id"]]


async def test_assigned_requests_leave_the_queue(client):
    waiting = await make_request(client, title="nobody speaks german", required_languages=["de"])
    await make_executor(client)
    served = await make_request(client, title="served")
    assert served["status"] == "assigned"

    queue = await get(client, "/api/queue")
    assert [item["id"] for item in queue["items"]] == [waiting["id"]]
    assert queue["total"] == 1


# --- capacity appears: the queue is served without any further call --------------------------

async def end_by(client, how: str, request: dict) -> None:
    """End the open assignment of `request` in one of the ways that frees its executor."""
    assignment_id = request["assignment"]["id"]
    if how == "complete":
        await act(client, assignment_id, "start")
        await act(client, assignment_id, "complete", {"outcome": "success"})
    elif how in ("cancel", "reject"):
        await act(client, assignment_id, how)
    elif how == "cancel request":
        response = await client.patch(f"/api/requests/{request['id']}",
                                      json={"status": "cancelled"})
        assert response.status_code == 200, response.text
    elif how == "delete request":
        response = await client.delete(f"/api/requests/{request['id']}")
        assert response.status_code == 204, response.text
    else:
        response = await client.delete(f"/api/assignments/{assignment_id}")
        assert response.status_code == 204, response.text


@pytest.mark.parametrize("how", ["complete", "reject", "cancel request", "delete request"])
async def test_an_assignment_ending_serves_the_next_request(client, how):
    solo = await make_executor(client, name="Solo", capacity=1)
    first = await make_request(client, title="first")
    second = await make_request(client, title="second")
    assert (second["status"], second["explanation"]["excluded"]["capacity"]) == ("pending", 1)

    await end_by(client, how, first)

    served = await assigned_to(client, second, solo)
    assert served["assignment"]["strategy"] == "best_match"


@pytest.mark.parametrize("how", ["cancel", "delete assignment"])
async def test_a_cancelled_assignment_puts_its_request_back_first_in_line(client, how):
    """Its request returns to the queue, ahead of a younger one, and may go to anyone."""
    solo = await make_executor(client, name="Solo", capacity=1)
    first = await make_request(client, title="first")
    second = await make_request(client, title="second")

    await end_by(client, how, first)

    again = await assigned_to(client, first, solo)
    assert again["assignment"]["id"] != first["assignment"]["id"]
    assert (await get(client, f"/api/requests/{second['id']}"))["status"] == "pending"


@pytest.mark.parametrize(("profile", "change", "excluded_by"), [
    ({"status": "offline"}, {"status": "active"}, "status"),
    ({"status": "busy"}, {"status": "active"}, "status"),
    ({"skills": ["sql"]}, {"skills": ["sql", "billing"]}, "skills"),
    ({"languages": ["en"]}, {"languages": ["en", "ru"]}, "languages"),
], ids=["offline-to-active", "busy-to-active", "gains-skill", "gains-language"])
async def test_an_executor_becoming_eligible_serves_the_queue(client, profile, change,
                                                              excluded_by):
    executor = await make_executor(client, name="Becoming eligible", **profile)
    request = await make_request(client)
    assert request["status"] == "pending"
    assert request["explanation"]["excluded"][excluded_by] == 1

    response = await client.patch(f"/api/executors/{executor['id']}", json=change)
    assert response.status_code == 200, response.text

    await assigned_to(client, request, executor)


async def test_raising_the_daily_limit_serves_the_queue(client):
    worker = await make_executor(client, name="Worker", daily_limit=1, capacity=5)
    await make_request(client, title="first")
    second = await make_request(client, title="second")
    assert second["explanation"]["excluded"]["daily_limit"] == 1

    response = await client.patch(f"/api/executors/{worker['id']}", json={"daily_limit": 2})
    assert response.status_code == 200, response.text

    await assigned_to(client, second, worker)


async def test_raising_capacity_serves_the_queue(client):
    worker = await make_executor(client, name="Worker", capacity=1)
    await make_request(client, title="first")
    second = await make_request(client, title="second")
    assert second["explanation"]["excluded"]["capacity"] == 1

    response = await client.patch(f"/api/executors/{worker['id']}", json={"capacity": 2})
    assert response.status_code == 200, response.text

    await assigned_to(client, second, worker)


@pytest.mark.parametrize("relax", ["delete", "deactivate"])
async def test_relaxing_a_rule_serves_the_queue(client, relax):
    rule = (await client.post("/api/rules", json={
        "name": "Admins only", "require": [{"field": "role", "operator": "eq",
                                            "value": "admin"}]})).json()
    executor = await make_executor(client, name="Support")
    request = await make_request(client)
    assert request["explanation"]["excluded"]["rules"] == 1

    if relax == "delete":
        response = await client.delete(f"/api/rules/{rule['id']}")
    else:
        response = await client.patch(f"/api/rules/{rule['id']}", json={"is_active": False})
    assert response.status_code in (200, 204), response.text

    await assigned_to(client, request, executor)


async def test_deleting_an_executor_redispatches_their_open_work(client):
    leaving = await make_executor(client, name="Leaving")
    backup = await make_executor(client, name="Backup", role="designer")
    unstarted = await make_request(client, title="unstarted")
    started = await make_request(client, title="started")
    await act(client, started["assignment"]["id"], "start")

    response = await client.delete(f"/api/executors/{leaving['id']}")
    assert response.status_code == 204, response.text

    await assigned_to(client, unstarted, backup)
    await assigned_to(client, started, backup)


async def test_a_new_executor_who_fits_serves_the_queue(client):
    await make_executor(client, name="Wrong skills", skills=["sql"])
    request = await make_request(client)
    assert request["status"] == "pending"

    newcomer = await make_executor(client, name="Newcomer")

    await assigned_to(client, request, newcomer)


async def test_the_most_urgent_waiting_request_is_served_first(client):
    solo = await make_executor(client, name="Solo", capacity=1)
    current = await make_request(client, title="current")
    low = await make_request(client, title="low, oldest", priority="low")
    medium = await make_request(client, title="medium with deadline", priority="medium",
                                deadline="2030-01-01T00:00:00Z")
    critical = await make_request(client, title="critical, newest", priority="critical")
    assert {low["status"], medium["status"], critical["status"]} == {"pending"}

    await act(client, current["assignment"]["id"], "cancel")

    await assigned_to(client, critical, solo)
    queue = await get(client, "/api/queue")
    assert [item["id"] for item in queue["items"]] == [current["id"], medium["id"], low["id"]]


# --- reject -------------------------------------------------------------------------------------

@pytest.mark.parametrize("started", [False, True])
async def test_a_rejected_request_is_offered_to_someone_else(client, started):
    first_choice = await make_executor(client, name="First choice")
    other = await make_executor(client, name="Other", role="designer")
    request = await make_request(client)
    assert request["assigned_executor_id"] == first_choice["id"]
    if started:
        await act(client, request["assignment"]["id"], "start")

    await act(client, request["assignment"]["id"], "reject", {"reason": "on leave"})

    served = await assigned_to(client, request, other)
    assert served["assignment"]["explanation"]["excluded"]["rejected"] == 1
    history = await get(client, "/api/assignments", request_id=request["id"])
    assert sorted((a["executor_id"], a["status"]) for a in history["items"]) == sorted(
        [(first_choice["id"], "rejected"), (other["id"], "assigned")])


async def test_a_rejected_request_waits_when_nobody_else_fits(client):
    only = await make_executor(client, name="Only one")
    request = await make_request(client)
    assert request["assigned_executor_id"] == only["id"]

    await act(client, request["assignment"]["id"], "reject")

    answer = await still_waiting(client, request)
    assert answer["explanation"]["excluded"]["rejected"] == 1
    assert answer["assigned_executor_id"] is None
    assert answer["assignment"] is None or answer["assignment"]["status"] == "rejected"
    assert (await get(client, f"/api/executors/{only['id']}"))["current_load"] == 0

    newcomer = await make_executor(client, name="Newcomer")
    await assigned_to(client, request, newcomer)


async def test_a_rejection_is_remembered_when_the_request_comes_back_again(client):
    first_choice = await make_executor(client, name="First choice")
    other = await make_executor(client, name="Other", role="designer")
    request = await make_request(client)
    await act(client, request["assignment"]["id"], "reject")
    await assigned_to(client, request, other)

    response = await client.patch(f"/api/executors/{other['id']}", json={"status": "offline"})
    assert response.status_code == 200, response.text

    answer = await still_waiting(client, request)
    assert answer["explanation"]["excluded"]["rejected"] == 1
    assert answer["explanation"]["excluded"]["status"] == 1
    assert (await get(client, f"/api/executors/{first_choice['id']}"))["current_load"] == 0


# --- executor going offline ------------------------------------------------------------------

async def test_going_offline_returns_unstarted_work_to_the_queue(client):
    leaving = await make_executor(client, name="Leaving")
    backup = await make_executor(client, name="Backup", role="designer")
    unstarted = await make_request(client, title="unstarted")
    started = await make_request(client, title="started")
    assert {unstarted["assigned_executor_id"], started["assigned_executor_id"]} == {leaving["id"]}
    await act(client, started["assignment"]["id"], "start")

    response = await client.patch(f"/api/executors/{leaving['id']}", json={"status": "offline"})
    assert response.status_code == 200, response.text

    await assigned_to(client, unstarted, backup)
    kept = await get(client, f"/api/requests/{started['id']}")
    assert (kept["status"], kept["assigned_executor_id"]) == ("in_progress", leaving["id"])
    returned = await get(client, f"/api/assignments/{unstarted['assignment']['id']}")
    assert returned["status"] == "cancelled"
    assert (await get(client, f"/api/executors/{leaving['id']}"))["current_load"] == 1


# --- completion and the daily limit ---------------------------------------------------------

async def test_completing_records_the_outcome_and_updates_success_rate(client):
    agent = await make_executor(client, name="Agent", success_rate=0.9)
    for outcome, rate in (("failure", 0.0), ("success", 0.5)):
        request = await make_request(client)
        assignment = request["assignment"]
        assert assignment["executor_id"] == agent["id"]
        await act(client, assignment["id"], "start")
        done = await act(client, assignment["id"], "complete", {"outcome": outcome})
        assert (done["status"], done["outcome"]) == ("completed", outcome)
        assert done["finished_at"] is not None
        assert (await get(client, f"/api/requests/{request['id']}"))["status"] == "completed"
        state = await get(client, f"/api/executors/{agent['id']}")
        assert state["success_rate"] == pytest.approx(rate)
        assert state["current_load"] == 0
    assert state["assigned_today"] == 2


async def test_daily_limit_caps_assignments_and_a_rejection_gives_one_back(client):
    worker = await make_executor(client, name="Worker", daily_limit=2, capacity=5)
    first = await make_request(client, title="first")
    second = await make_request(client, title="second")
    third = await make_request(client, title="third")
    assert [r["assigned_executor_id"] for r in (first, second)] == [worker["id"]] * 2
    assert (third["status"], third["explanation"]["excluded"]["daily_limit"]) == ("pending", 1)

    await act(client, first["assignment"]["id"], "start")
    await act(client, first["assignment"]["id"], "complete")  # completion gives nothing back
    assert (await still_waiting(client, third))["explanation"]["excluded"]["daily_limit"] == 1

    await act(client, second["assignment"]["id"], "reject")

    await assigned_to(client, third, worker)
    state = await get(client, f"/api/executors/{worker['id']}")
    assert (state["assigned_today"], state["current_load"]) == (2, 1)
    assert (await still_waiting(client, second))["explanation"]["excluded"]["rejected"] == 1
