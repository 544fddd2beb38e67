"""/ws: live events as JSON `{type, ts, data}`, optionally filtered by type, with heartbeats."""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from executor_balancer.analytics.prometheus import WEBSOCKET_CLIENTS
from executor_balancer.realtime.bus import EventBus
from executor_balancer.realtime.events import HEARTBEAT, matches, message

router = APIRouter()
CLOSE_TOO_SLOW = 1013  # "try again later": the client fell too far behind


@router.websocket("/ws")
async def events(websocket: WebSocket, types: str = "") -> None:
    """Stream events; `?types=request.*,assignment.updated` narrows them."""
    bus: EventBus = websocket.app.state.bus
    heartbeat = websocket.app.state.settings.ws_heartbeat_seconds
    patterns = tuple(t.strip() for t in types.split(",") if t.strip())
    await websocket.accept()
    subscriber = bus.subscribe()
    WEBSOCKET_CLIENTS.inc()
    watcher = asyncio.create_task(_until_disconnect(websocket))
    try:
        while not watcher.done():
            try:
                item = await asyncio.wait_for(subscriber.queue.get(), heartbeat)
            except TimeoutError:
                item = message(HEARTBEAT, {})
            if item["type"] == HEARTBEAT or matches(item["type"], patterns):
                await websocket.send_json(item)
            if subscriber.dropped and subscriber.queue.empty():
                await websocket.close(CLOSE_TOO_SLOW, "too slow: events were dropped")
                break
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        bus.unsubscribe(subscriber)
        WEBSOCKET_CLIENTS.dec()
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


async def _until_disconnect(websocket: WebSocket) -> None:
    """Read (and ignore) client messages; returns when the client goes away."""
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await websocket.receive_text()
