"""Analytics endpoints at scale: /api/dashboard, /api/stats, /api/metrics with 100,000 requests.

Usage: python bench/dashboard.py [--requests 100000] [--executors 500] [--repeat 15]
Fills a temporary SQLite database (or DATABASE_URL=postgresql://... for PostgreSQL) with
requests spread over the last 24 hours, assignments for most of them and completions for
many, then times each endpoint through the app and prints a table, with GET /api/health
as the reference measured in the same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py would shadow the standard library's http package for scripts run from here.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import insert

from executor_balancer.app import create_app
from executor_balancer.config import Settings
from executor_balancer.db import make_engine
from executor_balancer.domain import PRIORITY_RANK, Category, Priority
from executor_balancer.migrate import upgrade
from executor_balancer.models import Assignment, Executor, WorkRequest

ENDPOINTS = ("/api/health", "/api/dashboard", "/api/stats", "/api/metrics")
FIRST: dict[str, float] = {}


def fill(url: str, requests: int, executors: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    engine = make_engine(url)
    upgrade(engine)
    people = [{"id": uuid.uuid4(), "name": f"Executor {i}", "email": f"e{i}@example.com",
               "role": "support", "skills": ["billing"], "languages": ["en"], "timezone": "UTC",
               "experience_years": 3.0, "status": "active", "daily_limit": 50, "capacity": 20,
               "current_load": rng.randint(0, 20), "assigned_today": 0, "assigned_day": 0,
               "completed_count": 0, "success_count": 0, "success_rate": 0.9, "weight": 1.0,
               "created_at": now, "updated_at": now} for i in range(executors)]
    rows, jobs = [], []
    for i in range(requests):
        created = now - timedelta(seconds=rng.uniform(0, 86_400))
        priority = rng.choice(list(Priority))
        status = rng.choices(["pending", "assigned", "in_progress", "completed"], [1, 3, 2, 6])[0]
        request_id = uuid.uuid4()
        rows.append({"id": request_id, "title": f"Request {i}", "description": "",
                     "category": rng.choice(list(Category)).value, "priority": priority.value,
                     "priority_rank": PRIORITY_RANK[priority], "complexity": "medium",
                     "required_skills": [], "required_languages": [], "status": status,
                     "deadline": created + timedelta(hours=rng.choice([1, 4, 24]))
                     if rng.random() < 0.5 else None,
                     "created_at": created, "updated_at": created})
        if status != "pending":
            assigned = created + timedelta(seconds=rng.expovariate(1 / 30))
            jobs.append({"id": uuid.uuid4(), "request_id": request_id,
                         "executor_id": rng.choice(people)["id"],
                         "status": "completed" if status == "completed" else "assigned",
                         "strategy": "best_match", "score": 80.0, "quota_day": 0,
                         "assigned_at": assigned,
                         "waited_seconds": (assigned - created).total_seconds(),
                         "deadline_met": None if rows[-1]["deadline"] is None
                         else assigned <= rows[-1]["deadline"],
                         "finished_at": assigned + timedelta(minutes=20)
                         if status == "completed" else None,
                         "outcome": "success" if status == "completed" else None})
    with engine.begin() as conn:
        conn.execute(insert(Executor), people)
        for start in range(0, len(rows), 5000):
            conn.execute(insert(WorkRequest), rows[start:start + 5000])
        for start in range(0, len(jobs), 5000):
            conn.execute(insert(Assignment), jobs[start:start + 5000])
    engine.dispose()


async def measure(url: str, repeat: int) -> dict[str, list[float]]:
    settings = Settings(database_url=url, auth_enabled=False, load_sample_data=False,
                        dispatch_sweep_seconds=3600, _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings)
    timings: dict[str, list[float]] = {path: [] for path in ENDPOINTS}
    transport = httpx.ASGITransport(app=app)
    async with (app.router.lifespan_context(app),
                httpx.AsyncClient(transport=transport, base_url="http://bench") as client):
        await _settle(client)
        for path in ENDPOINTS:
            started = time.perf_counter()
            await client.get(path)  # the first call: cold caches (the 24-hour series)
            FIRST[path] = (time.perf_counter() - started) * 1000
        for _ in range(repeat):
            for path in ENDPOINTS:
                started = time.perf_counter()
                response = await client.get(path)
                timings[path].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.text)
    return timings


async def _settle(client: httpx.AsyncClient) -> None:
    """Let the dispatcher serve the queue it finds at start, so it does not compete."""
    last = None
    while True:
        depth = (await client.get("/api/stats")).json()["queue_depth"]
        if depth == last:
            return
        last = depth
        await asyncio.sleep(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--executors", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/dashboard.db"
        started = time.perf_counter()
        fill(url, args.requests, args.executors)
        print(f"filled {args.requests:,} requests, {args.executors:,} executors "
              f"({url.split(':')[0]}) in {time.perf_counter() - started:.1f} s")
        timings = asyncio.run(measure(url, args.repeat))
    reference = statistics.median(timings["/api/health"])
    print("\n| endpoint | first call ms | median ms | p95 ms | x health | under 200 ms |")
    print("|---|--:|--:|--:|--:|:-:|")
    for path, values in timings.items():
        median = statistics.median(values)
        p95 = sorted(values)[max(0, int(len(values) * 0.95) - 1)]
        print(f"| GET {path} | {FIRST[path]:.1f} | {median:.1f} | {p95:.1f} | "
              f"{median / reference:.1f} | "
              f"{'yes' if p95 < 200 else 'NO'} |")
    print(f"\n{args.repeat} calls each, in process over ASGI; {os.cpu_count()} cores; "
          f"Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
