"""/metrics: Prometheus text with the documented names; off when PROMETHEUS_ENABLED=false."""

from __future__ import annotations

import httpx
import pytest

from conftest import make_executor, make_request
from executor_balancer.app import create_app
from executor_balancer.config import Settings


async def test_metrics_count_assignments_and_http(client):
    await make_executor(client)
    await make_request(client)
    body = (await client.get("/metrics")).text
    assert 'executor_balancer_assignments_total{outcome="assigned",strategy="best_match"}' in body
    assert "executor_balancer_decision_seconds_bucket" in body
    assert "executor_balancer_time_to_assign_seconds_count" in body
    assert "executor_balancer_queue_depth 0.0" in body
    assert 'executor_balancer_executors{status="active"} 1.0' in body
    assert 'route="/api/requests"' in body


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_metrics_can_be_turned_off(db_url):
    settings = Settings(database_url=db_url, prometheus_enabled=False, _env_file=None)
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/metrics")).status_code == 404
