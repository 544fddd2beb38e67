"""Two server processes on one PostgreSQL and one Redis behave like one instance."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
import websockets

from e2e.server import running_server
from realtime.wsclient import collect, types

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_servers(pg_url, redis_url):
    env = {"DATABASE_URL": pg_url, "REDIS_URL": redis_url, "DISPATCH_SWEEP_SECONDS": "600"}
    with running_server(env) as first, running_server(env) as second:
        yield first, second


async def test_client_on_a_sees_events_caused_on_b(two_servers):
    a, b = two_servers
    async with websockets.connect(a.replace("http://", "ws://") + "/ws") as ws:
        await asyncio.sleep(0.2)
        created = await asyncio.to_thread(httpx.post, f"{b}/api/requests",
                                          json={"title": "From B", "category": "support"})
        got = await collect(ws, lambda g: "request.created" in types(g))
    event = next(m for m in got if m["type"] == "request.created")
    assert event["data"]["id"] == created.json()["id"]


def test_an_executor_created_on_b_is_used_by_a_at_once(two_servers):
    """A learns of B's executor over Redis, not from its own reload (which needs a view
    over a second old) nor the sweep (ten minutes away)."""
    a, b = two_servers
    nobody = httpx.post(f"{a}/api/requests", json={"title": "T", "category": "support"}).json()
    assert nobody["assignment"] is None  # and A's view has just been reloaded
    started = time.monotonic()
    executor = httpx.post(f"{b}/api/executors", json={
        "name": "Remote", "email": "remote@example.com", "role": "support"}).json()
    answer = None
    while time.monotonic() - started < 0.8:  # stay inside A's one-second window
        answer = httpx.post(f"{a}/api/requests", params={"auto_assign": "false"},
                            json={"title": "T", "category": "support"}).json()
        answer = httpx.post(f"{a}/api/requests/{answer['id']}/assign").json()
        if answer["assignment"]:
            break
        time.sleep(0.05)
    assert answer and answer["assignment"], "A never saw B's executor within its window"
    assert answer["assignment"]["executor_id"] == executor["id"]
