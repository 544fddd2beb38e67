"""The periodic sweep: pending work an executor could take never stays stranded.

Nothing here wakes the dispatcher (a request created with auto_assign=false, or edited so
that it fits, frees no capacity), so only the sweep can serve these requests.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from conftest import make_executor
from executor_balancer.app import create_app
from executor_balancer.config import Settings
from executor_balancer.domain import PRIORITY_RANK, Priority
from executor_balancer.models import WorkRequest

# More than one page of a naively batched sweep, so the servable request comes after it.
N_UNSERVABLE = 600


def tuned(settings: Settings, **options: object) -> Settings:
    """The suite's settings (conftest) with some distribution settings changed."""
    return Settings(**(settings.model_dump() | options), _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The suite's settings with a sweep every 0.2 s."""
    return tuned(settings, dispatch_sweep_seconds=0.2)


async def eventually_assigned(client, request_id: str, seconds: float = 5.0) -> dict:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        body = (await client.get(f"/api/requests/{request_id}")).json()
        if body["status"] == "assigned" or loop.time() > deadline:
            return body
        await asyncio.sleep(0.05)


async def test_the_sweep_serves_a_request_created_without_assignment(client):
    executor = await make_executor(client)
    response = await client.post("/api/requests", params={"auto_assign": "false"},
                                 json={"title": "Later", "category": "support"})
    assert response.json()["status"] == "pending"

    served = await eventually_assigned(client, response.json()["id"])

    assert served["assigned_executor_id"] == executor["id"]


async def test_the_sweep_serves_a_request_edited_so_that_it_fits(client):
    executor = await make_executor(client)
    response = await client.post("/api/requests", json={
        "title": "German", "category": "support", "required_languages": ["de"]})
    request = response.json()
    assert request["status"] == "pending"

    patched = await client.patch(f"/api/requests/{request['id']}", json={"required_languages": []})
    assert patched.status_code == 200, patched.text

    served = await eventually_assigned(client, request["id"])
    assert served["assigned_executor_id"] == executor["id"]


async def test_a_restarted_app_serves_the_queue_it_finds(settings):
    """Work left pending by a previous run is served at start, not a sweep later."""
    slow = tuned(settings, dispatch_sweep_seconds=60)
    before = create_app(slow)  # no lifespan: nothing dispatches while the request is made
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=before),
                                 base_url="http://test") as client:
        executor = await make_executor(client)
        response = await client.post("/api/requests", params={"auto_assign": "false"},
                                     json={"title": "Left over", "category": "support"})
        request_id = response.json()["id"]
    before.state.engine.dispose()

    after = create_app(slow)
    async with (
        after.router.lifespan_context(after),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=after),
                          base_url="http://test") as client,
    ):
        served = await eventually_assigned(client, request_id)
    assert served["assigned_executor_id"] == executor["id"]


async def test_requests_beyond_the_first_batch_of_unservable_ones_are_not_stranded(settings):
    """A batch of critical requests nobody can take must not hide a low one someone can."""
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                          base_url="http://test") as client,
    ):
        executor = await make_executor(client)
        with app.state.session_factory.begin() as session:
            session.add_all(
                WorkRequest(title=f"German {i}", category="support", priority="critical",
                            priority_rank=PRIORITY_RANK[Priority.critical], complexity="medium",
                            required_languages=["de"], status="pending")
                for i in range(N_UNSERVABLE))
        response = await client.post("/api/requests", params={"auto_assign": "false"},
                                     json={"title": "Easy", "category": "support",
                                           "priority": "low"})
        assert response.json()["status"] == "pending"

        served = await eventually_assigned(client, response.json()["id"])

        assert served["assigned_executor_id"] == executor["id"]
