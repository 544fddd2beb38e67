"""Distribution settings (SPEC §9): DEFAULT_STRATEGY, SKILL_MATCH and the factor weights."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from conftest import make_executor, make_request
from executor_balancer.app import create_app
from executor_balancer.config import Settings


@asynccontextmanager
async def serving(settings: Settings, **options: object) -> AsyncIterator[httpx.AsyncClient]:
    """The app (with its dispatcher) on the suite's settings with some options changed."""
    tuned = Settings(**(settings.model_dump() | options), _env_file=None)  # type: ignore[call-arg]
    app = create_app(tuned)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as api,
    ):
        yield api


async def test_default_strategy_setting_is_used_when_nothing_else_chooses(settings):
    async with serving(settings, default_strategy="round_robin") as client:
        team = {(await make_executor(client, name=f"Agent {i}"))["id"] for i in range(3)}
        chosen = [(await make_request(client))["assignment"] for _ in range(6)]
    assert {a["strategy"] for a in chosen} == {"round_robin"}
    first, second = [a["executor_id"] for a in chosen[:3]], [a["executor_id"] for a in chosen[3:]]
    assert set(first) == team
    assert second == first  # the rotation repeats in the same order


async def test_skill_match_any_admits_partial_skills_and_scores_coverage(settings):
    async with serving(settings, skill_match="any") as client:
        half = await make_executor(client, name="Half", skills=["billing"])
        full = await make_executor(client, name="Full", skills=["billing", "sql"], role="tester")
        await make_executor(client, name="None", skills=["design"])
        request = await make_request(client, required_skills=["billing", "sql"])
    explanation = request["assignment"]["explanation"]
    assert explanation["excluded"]["skills"] == 1
    skills = next(f for f in explanation["factors"] if f["name"] == "skills")
    chosen = {half["id"]: 0.5, full["id"]: 1.0}[request["assigned_executor_id"]]
    assert skills["value"] == pytest.approx(chosen)
    assert len(explanation["runners_up"]) == 1


async def test_skill_match_all_is_the_default(client):
    await make_executor(client, name="Half", skills=["billing"])
    request = await make_request(client, required_skills=["billing", "sql"])
    assert request["status"] == "pending"
    assert request["explanation"]["excluded"]["skills"] == 1


async def test_factor_weights_are_settings(settings):
    async with serving(settings, weight_role=0.0, weight_experience=5.0) as client:
        await make_executor(client, name="Support novice", experience_years=0)
        veteran = await make_executor(client, name="Designer veteran", role="designer",
                                      experience_years=10)
        request = await make_request(client, complexity="expert")
    assert request["assigned_executor_id"] == veteran["id"]
    explanation = request["assignment"]["explanation"]
    weights = {f["name"]: f["weight"] for f in explanation["factors"]}
    assert (weights["role"], weights["experience"]) == (0.0, 5.0)
    role = next(f for f in explanation["factors"] if f["name"] == "role")
    assert role["contribution"] == 0
    total = sum(f["contribution"] for f in explanation["factors"])
    assert total == pytest.approx(explanation["score"], abs=0.01)
