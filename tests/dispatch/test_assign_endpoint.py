"""POST /api/requests/{id}/assign: run distribution now for one pending request.

The app runs without its lifespan here, so no background dispatcher can pick up the pending
request before the test asks for it; the endpoint's own path is what is under test.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from conftest import make_executor, make_request
from executor_balancer.app import create_app
from executor_balancer.config import Settings


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as api:
        yield api
    app.state.engine.dispose()


async def pending(client, **overrides) -> dict:
    body = {"title": "Waiting", "category": "support", "required_skills": ["billing"]} | overrides
    response = await client.post("/api/requests", params={"auto_assign": "false"}, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "pending"
    return response.json()


async def assign(client, request_id: str, body: dict | None = None) -> httpx.Response:
    return await client.post(f"/api/requests/{request_id}/assign", json=body)


async def test_assign_gives_a_pending_request_to_the_best_executor(client):
    await make_executor(client, name="Designer", role="designer")
    support = await make_executor(client, name="Support")
    request = await pending(client)

    response = await assign(client, request["id"])

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["assigned_executor_id"]) == ("assigned", support["id"])
    assert body["assignment"]["strategy"] == "best_match"
    assert body["assignment"]["explanation"]["runners_up"][0]["name"] == "Designer"
    stored = (await client.get(f"/api/requests/{request['id']}")).json()
    assert stored["assignment"]["id"] == body["assignment"]["id"]


async def test_assign_with_an_explicit_strategy_uses_it(client):
    busy = await make_executor(client, name="Busy support", daily_limit=4)
    await make_request(client)  # auto-assigned to the support executor: load 1 of 4
    idle = await make_executor(client, name="Idle designer", role="designer")
    request = await pending(client)

    response = await assign(client, request["id"], {"strategy": "least_loaded"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["assigned_executor_id"] == idle["id"]
    assert body["assignment"]["strategy"] == "least_loaded"
    assert body["assignment"]["explanation"]["strategy"] == "least_loaded"
    # best_match would have chosen the support executor despite the load
    assert body["assignment"]["explanation"]["runners_up"][0]["executor_id"] == busy["id"]
    assert body["assignment"]["explanation"]["runners_up"][0]["score"] > body["assignment"]["score"]


async def test_an_explicit_strategy_overrides_a_rule_strategy(client):
    await client.post("/api/rules", json={"name": "Spread", "strategy": "least_loaded"})
    support = await make_executor(client, name="Support", daily_limit=4)
    await make_request(client)  # least_loaded by the rule; the only executor
    await make_executor(client, name="Idle designer", role="designer")
    request = await pending(client)

    response = await assign(client, request["id"], {"strategy": "best_match"})

    assert response.status_code == 200, response.text
    assignment = response.json()["assignment"]
    assert (assignment["strategy"], assignment["executor_id"]) == ("best_match", support["id"])
    assert assignment["explanation"]["rules"][0]["effect"] == "strategy: least_loaded (not used)"


async def test_an_empty_body_uses_the_default_strategy(client):
    await make_executor(client)
    request = await pending(client)
    response = await assign(client, request["id"], {})
    assert response.status_code == 200, response.text
    assert response.json()["assignment"]["strategy"] == "best_match"


async def test_assign_with_nobody_eligible_keeps_it_pending_and_explains(client):
    await make_executor(client, skills=["sql"])
    request = await pending(client)

    response = await assign(client, request["id"])

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["assignment"]) == ("pending", None)
    assert body["explanation"]["excluded"]["skills"] == 1


@pytest.mark.parametrize("body", [{"strategy": "fastest"}, {"strategy": "manual"},
                                  {"strategy": "least_loaded", "extra": 1}, [1]])
async def test_assign_with_an_invalid_body_is_422_and_changes_nothing(client, body):
    await make_executor(client)
    request = await pending(client)

    response = await assign(client, request["id"], body)

    assert response.status_code == 422, response.text
    stored = (await client.get(f"/api/requests/{request['id']}")).json()
    assert stored["status"] == "pending"


async def test_assign_on_an_assigned_request_is_409(client):
    await make_executor(client)
    request = await make_request(client)
    assert request["status"] == "assigned"

    response = await assign(client, request["id"])

    assert response.status_code == 409, response.text
    assert "detail" in response.json()
    stored = (await client.get(f"/api/requests/{request['id']}")).json()
    assert stored["assignment"]["id"] == request["assignment"]["id"]


async def test_assign_on_a_cancelled_request_is_409(client):
    await make_executor(client)
    request = await pending(client)
    cancelled = await client.patch(f"/api/requests/{request['id']}", json={"status": "cancelled"})
    assert cancelled.status_code == 200, cancelled.text
    assert (await assign(client, request["id"])).status_code == 409


async def test_assign_on_an_unknown_request_is_404(client):
    response = await assign(client, str(uuid.uuid4()))
    assert response.status_code == 404, response.text
    assert (await assign(client, "not-a-uuid")).status_code == 422
