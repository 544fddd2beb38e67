"""/api/dashboard and /api/stats reflect what happened, computed by SQL aggregates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import make_executor, make_request


async def test_dashboard_counts_activity(client):
    executor = await make_executor(client, daily_limit=10)
    soon = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    first = await make_request(client, deadline=soon)
    await make_request(client, required_languages=["de"])  # nobody speaks German: waits
    assignment = first["assignment"]
    await client.post(f"/api/assignments/{assignment['id']}/start")
    await client.post(f"/api/assignments/{assignment['id']}/complete", json={"outcome": "success"})

    board = (await client.get("/api/dashboard")).json()
    minute = board["per_minute"][-1]
    assert len(board["per_minute"]) == 60 and len(board["per_hour"]) == 24
    assert (minute["created"], minute["assigned"], minute["completed"]) == (2, 1, 1)
    assert minute["queue_depth"] == board["queue_depth"] == 1
    assert board["time_to_assign"]["count"] == 1
    assert board["time_to_assign"]["p95_seconds"] >= 0
    assert board["sla"] == {"with_deadline": 1, "met": 1, "share": 1.0}
    assert board["by_status"] == {"completed": 1, "pending": 1}
    assert board["fairness"]["active_executors"] == 1
    row = next(e for e in board["executors"] if e["id"] == executor["id"])
    assert row["assigned_today"] == 1 and row["utilisation"] == 0.1


async def test_fairness_is_jains_index(client):
    busy = await make_executor(client, daily_limit=2, capacity=2)
    await make_executor(client, daily_limit=2, capacity=2, status="offline")
    idle = await make_executor(client, daily_limit=2, capacity=2, languages=["fr"])
    for _ in range(2):
        await make_request(client)  # only `busy` speaks ru
    board = (await client.get("/api/dashboard")).json()
    loads = {e["id"]: e["load_ratio"] for e in board["executors"]}
    assert loads[busy["id"]] == 1.0 and loads[idle["id"]] == 0.0
    assert board["fairness"] == {"jain_index": 0.5, "active_executors": 2}


async def test_empty_dashboard(client):
    board = (await client.get("/api/dashboard")).json()
    assert board["queue_depth"] == 0
    assert board["time_to_assign"]["mean_seconds"] is None
    assert board["fairness"]["jain_index"] is None
    assert board["sla"]["share"] is None


async def test_stats_and_metrics_json(client):
    await make_executor(client)
    await make_request(client, priority="critical")
    stats = (await client.get("/api/stats")).json()
    assert stats["requests"]["by_priority"] == {"critical": 1}
    assert stats["executors"]["total"] == 1
    metrics = (await client.get("/api/metrics")).json()
    assert metrics["process"]["pid"] > 0
    assert metrics["dispatcher"]["executors_in_snapshot"] == 1
