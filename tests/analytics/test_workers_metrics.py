"""With --workers N, /metrics adds up every worker (prometheus-client multiprocess mode)."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from e2e.server import running_server

pytestmark = pytest.mark.e2e


def test_counters_add_up_over_workers(pg_url):
    env = {"DATABASE_URL": pg_url}
    with running_server(env, workers=2) as base:
        made = httpx.post(
            f"{base}/api/executors",
            json={
                "name": "Ann",
                "email": "ann@example.com",
                "role": "support",
                "daily_limit": 100,
                "capacity": 100,
            },
        )
        assert made.status_code == 201, made.text
        # Without Redis the other worker learns of her when its view is over a second old
        # and nobody else fits (dispatch.service.RELOAD_WHEN_NOBODY_SECONDS).
        time.sleep(1.1)
        for i in range(12):  # fresh connections spread over both workers
            answer = httpx.post(
                f"{base}/api/requests", json={"title": f"R{i}", "category": "support"}
            )
            assert answer.status_code == 201 and answer.json()["assignment"] is not None, (
                answer.text
            )
        for _ in range(4):  # whichever worker answers, the total is the same
            body = httpx.get(f"{base}/metrics").text
            found = re.search(
                r'executor_balancer_assignments_total\{outcome="assigned",'
                r'strategy="best_match"\} (\S+)',
                body,
            )
            assert found and float(found.group(1)) == 12.0, body[:2000]
