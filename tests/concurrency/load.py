"""Concurrent clients for the limit tests: many POST /api/requests at once over real sockets."""

from __future__ import annotations

import asyncio

import httpx


async def post_requests(bases: list[str], count: int, concurrency: int = 50) -> list[str]:
    """Create `count` requests spread over the servers; return ids of those answered 201."""
    semaphore = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def one(i: int) -> str | None:
            body = {"title": f"Load request {i}", "category": "support", "priority": "medium"}
            async with semaphore:
                try:
                    response = await client.post(f"{bases[i % len(bases)]}/api/requests", json=body)
                except httpx.HTTPError:
                    return None  # the server died mid-request: not acknowledged
            assert response.status_code in (201,), response.text
            return str(response.json()["id"])

        results = await asyncio.gather(*(one(i) for i in range(count)))
    return [r for r in results if r is not None]


def make_executors(base: str, count: int, daily_limit: int) -> list[str]:
    ids = []
    for i in range(count):
        response = httpx.post(f"{base}/api/executors", json={
            "name": f"Executor {i}", "email": f"load{i}@example.com", "role": "support",
            "languages": ["en"], "daily_limit": daily_limit,
        }, timeout=30)
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    return ids
