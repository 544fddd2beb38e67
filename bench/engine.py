"""Benchmark: one decision of the vectorised ExecutorPool vs the naive per-executor loop.

Run with `PYTHONPATH=src python bench/engine.py` (or with the package installed).
Synthetic, seeded data: the same pools and requests on every run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from executor_balancer.engine import (
    CompiledRule,
    ExecutorPool,
    ExecutorProfile,
    RequestProfile,
    Weights,
    compile_rule,
    decide_naive,
)

NOW = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
ROLES = ("programmer", "support", "admin", "tester", "designer", "analyst", "marketer", "devops")
CATEGORIES = ("technical", "support", "development", "testing", "design", "billing")
ZONES = (
    "UTC", "MSK", "Europe/Berlin", "Europe/London", "America/New_York",
    "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Asia/Dubai",
)  # fmt: skip
LANGUAGES = ("en", "ru", "de", "fr", "es", "zh", "ja", "hi")
SKILLS = tuple(f"skill-{i:03d}" for i in range(200))
# (engine decisions, naive decisions) per pool size
SIZES = {1_000: (200, 50), 10_000: (200, 20), 100_000: (100, 5)}
REPEAT = 3


def executors(count: int, rng: random.Random) -> list[ExecutorProfile]:
    day = NOW.date().toordinal()
    return [
        ExecutorProfile(
            id=f"ex-{i:06d}",
            name=f"Executor {i}",
            role=rng.choice(ROLES),
            skills=frozenset(rng.sample(SKILLS, rng.randint(3, 10))),
            languages=frozenset(rng.sample(LANGUAGES, rng.randint(1, 3))),
            timezone=rng.choice(ZONES),
            experience_years=round(rng.uniform(0, 12), 1),
            status=rng.choices(("active", "busy", "offline"), (8, 1, 1))[0],
            daily_limit=rng.randint(5, 20),
            capacity=rng.choice((None, 3, 5)),
            current_load=rng.randint(0, 4),
            assigned_today=rng.randint(0, 10),
            assigned_day=day - rng.choice((0, 0, 0, 1)),
            success_rate=round(rng.uniform(0.5, 1.0), 2),
            weight=round(rng.uniform(0, 1), 2),
            last_assigned_at=rng.choice((None, NOW.timestamp() - rng.uniform(0, 86_400))),
        )
        for i in range(count)
    ]


def requests(count: int, rng: random.Random) -> list[RequestProfile]:
    return [
        RequestProfile(
            id=f"rq-{i}",
            category=rng.choice(CATEGORIES),
            priority=rng.choice(("critical", "high", "medium", "low")),
            complexity=rng.choice(("low", "medium", "high", "expert")),
            required_skills=frozenset(rng.sample(SKILLS, rng.choice((0, 1, 1, 2)))),
            required_languages=frozenset(rng.sample(LANGUAGES[:3], rng.choice((0, 1)))),
            timezone_preference=rng.choice((None, "Europe/Moscow", "America/New_York")),
            title=rng.choice(("Login broken", "Invoice question", "New landing page")),
        )
        for i in range(count)
    ]


def rules() -> list[CompiledRule]:
    return [
        compile_rule(
            "r-critical", "Critical to seniors", 20,
            [{"field": "priority", "operator": "eq", "value": "critical"}],
            [{"field": "experience_years", "operator": "gte", "value": 3}],
            [{"field": "success_rate", "operator": "gte", "value": 0.9, "bonus": 10}],
            None,
        ),
        compile_rule(
            "r-billing", "Billing in Russian", 10,
            [{"field": "category", "operator": "eq", "value": "billing"}],
            [{"field": "role", "operator": "in", "value": ["support", "analyst"]}],
            [{"field": "languages", "operator": "contains", "value": "ru", "bonus": 15}],
            "least_loaded",
        ),
        compile_rule(
            "r-invoice", "Invoices", 5,
            [{"field": "title", "operator": "contains", "value": "invoice"}],
            [],
            [{"field": "skills", "operator": "in", "value": ["skill-001", "skill-002"],
              "bonus": 5}],
            None,
        ),
    ]  # fmt: skip


def timings(call: Callable[[RequestProfile], object], batch: list[RequestProfile]) -> list[float]:
    """Milliseconds per request, best of REPEAT runs (filters scheduler noise on a busy box)."""
    result = []
    for request in batch:
        best = float("inf")
        for _ in range(REPEAT):
            start = time.perf_counter()
            call(request)
            best = min(best, time.perf_counter() - start)
        result.append(best * 1000.0)
    return result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(size: int, rng: random.Random) -> tuple[list[float], list[float]]:
    """Decision times of the pool and of the naive loop for one pool size."""
    n_engine, n_naive = SIZES.get(size, (100, 5))
    weights, rule_list = Weights(), rules()
    people = executors(size, rng)
    pool = ExecutorPool(people)
    batch = requests(n_engine, rng)

    def engine(request: RequestProfile) -> object:
        return pool.decide(request, rule_list, weights, now=NOW)

    def naive(request: RequestProfile) -> object:
        return decide_naive(people, request, rule_list, weights, now=NOW)

    for request in batch[:5]:  # first-use work: id ranks, affinity rows, postings
        engine(request)
    return timings(engine, batch), timings(naive, batch[:n_naive])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    rng = random.Random(20250602)
    print(f"one decision, ms, best of {REPEAT} per request: ExecutorPool.decide vs decide_naive")
    print("speedup = naive median / engine median over the same requests")
    print(f"{'size':>8} | {'engine med ms':>13} | {'p95 ms':>8} | {'naive med ms':>12} | "
          f"{'p95 ms':>8} | {'speedup':>8}")  # fmt: skip
    for size in args.sizes:
        fast, slow = measure(size, rng)
        fast_med, slow_med = statistics.median(fast), statistics.median(slow)
        speedup = slow_med / statistics.median(fast[: len(slow)])
        print(f"{size:>8,} | {fast_med:>13.3f} | {p95(fast):>8.3f} | "
              f"{slow_med:>12.1f} | {p95(slow):>8.1f} | {speedup:>7.0f}x")  # fmt: skip


if __name__ == "__main__":
    main()
