"""/ws on the real server: live events, filters and heartbeats."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import websockets

from e2e.server import running_server
from realtime.wsclient import collect, types

pytestmark = pytest.mark.e2e


@pytest.fixture
def server(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'ws.db'}", "WS_HEARTBEAT_SECONDS": "0.5"}
    with running_server(env) as base:
        yield base


def ws_url(base: str, query: str = "") -> str:
    return base.replace("http://", "ws://") + "/ws" + query


async def test_events_arrive_live_with_the_contract_shape(server):
    async with websockets.connect(ws_url(server)) as ws:
        await asyncio.to_thread(httpx.post, f"{server}/api/executors", json={
            "name": "Ann", "email": "ann@example.com", "role": "support", "languages": ["en"]})
        await asyncio.to_thread(httpx.post, f"{server}/api/requests",
                                json={"title": "Refund", "category": "support"})
        got = await collect(ws, lambda g: "request.assigned" in types(g))
    names = types(got)
    assert {"executor.updated", "request.created", "request.assigned"} <= set(names)
    assigned = next(m for m in got if m["type"] == "request.assigned")
    assert set(assigned) == {"type", "ts", "data"}
    assert assigned["data"]["explanation"]["score"] == assigned["data"]["score"]


async def test_filter_by_type(server):
    async with websockets.connect(ws_url(server, "?types=executor.*")) as ws:
        await asyncio.to_thread(httpx.post, f"{server}/api/requests",
                                json={"title": "Refund", "category": "support"})
        await asyncio.to_thread(httpx.post, f"{server}/api/executors", json={
            "name": "Bo", "email": "bo@example.com", "role": "support"})
        got = await collect(ws, lambda g: "executor.updated" in types(g))
    assert set(types(got)) <= {"executor.updated", "heartbeat"}
    assert "executor.updated" in types(got)


async def test_heartbeat_keeps_an_idle_connection_alive(server):
    async with websockets.connect(ws_url(server)) as ws:
        got = await collect(ws, lambda g: types(g).count("heartbeat") >= 2, timeout=5)
    assert types(got).count("heartbeat") >= 2


async def test_clients_are_counted_in_metrics(server):
    async with websockets.connect(ws_url(server)), websockets.connect(ws_url(server)):
        await asyncio.sleep(0.2)
        body = (await asyncio.to_thread(httpx.get, f"{server}/metrics")).text
        assert "executor_balancer_websocket_clients 2.0" in body
