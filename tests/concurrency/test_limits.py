"""Exact limits under concurrency: 10 executors x 5 a day, 200 simultaneous requests.

Real server processes over sockets; on PostgreSQL two processes share one database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time

import httpx
import pytest

from concurrency.invariants import check_invariants
from concurrency.load import make_executors, post_requests
from e2e.server import CLI, free_port, running_server, wait_healthy

pytestmark = pytest.mark.e2e
EXECUTORS, DAILY_LIMIT, REQUESTS = 10, 5, 200


def assert_exact(database_url: str, acknowledged: list[str]) -> None:
    assert len(acknowledged) == REQUESTS
    by_status = check_invariants(database_url)
    assert by_status == {
        "assigned": EXECUTORS * DAILY_LIMIT,
        "pending": REQUESTS - EXECUTORS * DAILY_LIMIT,
    }


def test_sqlite_one_server(tmp_path):
    url = f"sqlite:///{tmp_path / 'load.db'}"
    with running_server({"DATABASE_URL": url}) as base:
        make_executors(base, EXECUTORS, DAILY_LIMIT)
        acknowledged = asyncio.run(post_requests([base], REQUESTS))
    assert_exact(url, acknowledged)


def test_postgresql_two_server_processes(pg_url):
    env = {"DATABASE_URL": pg_url}
    with running_server(env) as first:
        make_executors(first, EXECUTORS, DAILY_LIMIT)
        with running_server(env) as second:
            acknowledged = asyncio.run(post_requests([first, second], REQUESTS))
    assert_exact(pg_url, acknowledged)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_mid_load_loses_nothing(backend, tmp_path, request):
    url = (
        f"sqlite:///{tmp_path / 'crash.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "LOAD_SAMPLE_DATA": "false"}
    args = [CLI, "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(base, server, 60)
        make_executors(base, EXECUTORS, DAILY_LIMIT)

        async def load_then_kill() -> list[str]:
            load = asyncio.create_task(post_requests([base], REQUESTS, concurrency=20))
            while _count(base) < 40:  # let some work land, then pull the plug
                await asyncio.sleep(0.01)
            server.send_signal(signal.SIGKILL)
            return await load

        acknowledged = asyncio.run(load_then_kill())
        server.wait(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
    assert 40 <= len(acknowledged) < REQUESTS
    check_invariants(url)
    with running_server({"DATABASE_URL": url}) as base:  # restart: everything acknowledged is there
        for request_id in acknowledged:
            assert httpx.get(f"{base}/api/requests/{request_id}").status_code == 200
        time.sleep(0.5)
    check_invariants(url)


def _count(base: str) -> int:
    try:
        return int(
            httpx.get(f"{base}/api/requests", params={"limit": 1}, timeout=5).json()["total"]
        )
    except httpx.HTTPError:
        return 0
