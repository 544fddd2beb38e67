"""Health probe and aggregate counts."""

from __future__ import annotations

from conftest import make_executor


async def queued_request(client, **overrides):
    body = {"title": "Queued", "category": "support"} | overrides
    response = await client.post("/api/requests", params={"auto_assign": "false"}, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def test_health_is_ok_with_version(client):
    response = await client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert isinstance(body["version"], str) and body["version"]


async def test_stats_on_an_empty_database(client):
    response = await client.get("/api/stats")
    assert response.status_code == 200
    stats = response.json()
    assert stats["executors"]["total"] == 0
    assert stats["requests"]["total"] == 0
    assert stats["queue_depth"] == 0


async def test_stats_count_executors_and_requests(client):
    # Offline executors take nothing, so every request stays in the queue.
    await make_executor(client, status="offline")
    await make_executor(client, status="offline")
    await make_executor(client, status="busy")
    await queued_request(client, priority="high", category="support")
    await queued_request(client, priority="high", category="technical")
    await queued_request(client, priority="low", category="support")
    cancelled = await queued_request(client, priority="critical", category="design")
    await client.patch(f"/api/requests/{cancelled['id']}", json={"status": "cancelled"})

    stats = (await client.get("/api/stats")).json()
    assert stats["executors"]["total"] == 3
    assert stats["executors"]["by_status"] == {"offline": 2, "busy": 1}
    requests = stats["requests"]
    assert requests["total"] == 4
    assert requests["by_status"] == {"pending": 3, "cancelled": 1}
    assert requests["by_priority"] == {"high": 2, "low": 1, "critical": 1}
    assert requests["by_category"] == {"support": 2, "technical": 1, "design": 1}
    assert stats["queue_depth"] == 3


async def test_stats_follow_an_assignment(client):
    executor = await make_executor(client, skills=[])
    request = await queued_request(client)
    made = await client.post("/api/assignments",
                             json={"request_id": request["id"], "executor_id": executor["id"]})
    assert made.status_code in (201, 409), made.text  # 409: the background dispatcher was first
    stats = (await client.get("/api/stats")).json()
    assert stats["requests"]["by_status"] == {"assigned": 1}
    assert stats["assignments"]["by_status"] == {"assigned": 1}
    assert stats["queue_depth"] == 0
