"""A small WebSocket reader for tests: collect messages until a predicate or a timeout."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import websockets


async def collect(
    ws: websockets.ClientConnection, until: Callable[[list[dict[str, Any]]], bool],
    timeout: float = 5.0,
) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = []
    try:
        async with asyncio.timeout(timeout):
            while not until(got):
                got.append(json.loads(await ws.recv()))
    except TimeoutError:
        pass
    return got


def types(messages: list[dict[str, Any]]) -> list[str]:
    return [m["type"] for m in messages]
