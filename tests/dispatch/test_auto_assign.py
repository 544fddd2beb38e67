"""Distribution at create time: who wins, the explanation, strategies and rules (SPEC §4, §9).

A request created with auto-assign is decided inside its own transaction, so these tests do
not race the background dispatcher (it only picks up requests already committed as pending).
"""

from __future__ import annotations

import pytest

from conftest import make_executor, make_request

EXCLUSION_KEYS = {"status", "daily_limit", "capacity", "languages", "skills", "rules", "rejected"}
FACTORS = ["role", "skills", "language", "timezone", "load", "success_rate", "experience",
           "weight", "rule_bonus"]


async def make_rule(client, **body) -> dict:
    response = await client.post("/api/rules", json={"name": "Rule"} | body)
    assert response.status_code == 201, response.text
    return response.json()


def factor(explanation: dict, name: str) -> dict:
    return next(f for f in explanation["factors"] if f["name"] == name)


# --- auto-assign on create ------------------------------------------------------------------

async def test_create_assigns_the_best_match_with_a_full_explanation(client):
    best = await make_executor(client, name="Has everything", skills=["billing"], languages=["ru"])
    await make_executor(client, name="No billing", skills=["sql"])
    await make_executor(client, name="No russian", languages=["en"])
    others = [await make_executor(client, name=f"Other {i}", role="programmer",
                                  experience_years=i) for i in range(4)]

    response = await client.post("/api/requests", json={
        "title": "Payment fails", "category": "support", "required_skills": ["billing"],
        "required_languages": ["ru"]})

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "assigned"
    assert body["assigned_executor_id"] == best["id"]
    assignment = body["assignment"]
    assert (assignment["status"], assignment["strategy"]) == ("assigned", "best_match")
    assert assignment["executor_id"] == best["id"]
    explanation = assignment["explanation"]
    assert explanation["strategy"] == "best_match"
    assert explanation["score"] == pytest.approx(assignment["score"], abs=0.01)
    assert [f["name"] for f in explanation["factors"]] == FACTORS
    for item in explanation["factors"]:
        assert {"name", "value", "weight", "contribution", "reason"} <= item.keys()
    total = sum(f["contribution"] for f in explanation["factors"])
    assert total == pytest.approx(explanation["score"], abs=0.01)
    assert explanation["rules"] == []
    assert set(explanation["excluded"]) == EXCLUSION_KEYS
    assert explanation["excluded"] == {"status": 0, "daily_limit": 0, "capacity": 0,
                                       "languages": 1, "skills": 1, "rules": 0, "rejected": 0}
    runners = explanation["runners_up"]
    assert len(runners) == 3
    assert {r["executor_id"] for r in runners} <= {o["id"] for o in others}
    scores = [r["score"] for r in runners]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] <= explanation["score"]
    assert {"executor_id", "name", "score"} <= runners[0].keys()


async def test_role_affinity_decides_between_otherwise_equal_executors(client):
    designer = await make_executor(client, name="Designer", role="designer")
    support = await make_executor(client, name="Support", role="support")

    support_request = await make_request(client, category="support")
    design_request = await make_request(client, category="design")

    assert support_request["assigned_executor_id"] == support["id"]
    assert design_request["assigned_executor_id"] == designer["id"]
    role = factor(support_request["assignment"]["explanation"], "role")
    assert role["value"] == pytest.approx(1.0)


async def test_timezone_preference_favours_the_nearest_executor(client):
    await make_executor(client, name="New York", timezone="America/New_York")
    moscow = await make_executor(client, name="Moscow", timezone="Europe/Moscow")
    await make_executor(client, name="Tokyo", timezone="Asia/Tokyo")

    request = await make_request(client, timezone_preference="Europe/Moscow")

    assert request["assigned_executor_id"] == moscow["id"]
    timezone = factor(request["assignment"]["explanation"], "timezone")
    assert timezone["value"] == pytest.approx(1.0)


async def test_runners_up_are_empty_for_a_lone_candidate(client):
    await make_executor(client)
    alone = await make_request(client)
    assert alone["assignment"]["explanation"]["runners_up"] == []


async def test_auto_assign_false_leaves_the_request_pending(client):
    await make_executor(client)
    response = await client.post("/api/requests", params={"auto_assign": "false"},
                                 json={"title": "Later", "category": "support"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["assignment"], body["assigned_executor_id"]) == (
        "pending", None, None)


async def test_nobody_eligible_leaves_it_pending_and_says_why(client):
    await make_executor(client, skills=["sql"])
    await make_executor(client, skills=["design"])
    await make_executor(client, status="offline")

    response = await client.post("/api/requests", json={
        "title": "Payment fails", "category": "support", "required_skills": ["billing"]})

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["assignment"], body["assigned_executor_id"]) == (
        "pending", None, None)
    excluded = body["explanation"]["excluded"]
    assert set(excluded) == EXCLUSION_KEYS
    assert (excluded["skills"], excluded["status"], excluded["languages"]) == (2, 1, 0)
    queue = (await client.get("/api/queue")).json()
    assert [item["id"] for item in queue["items"]] == [body["id"]]


# --- strategies -------------------------------------------------------------------------------

async def test_round_robin_rotates_among_equally_eligible_executors(client):
    await make_rule(client, name="Rotate support", strategy="round_robin",
                    conditions=[{"field": "category", "operator": "eq", "value": "support"}])
    team = {(await make_executor(client, name=f"Agent {i}"))["id"] for i in range(3)}

    chosen = [(await make_request(client))["assignment"] for _ in range(3)]

    assert {a["strategy"] for a in chosen} == {"round_robin"}
    assert {a["executor_id"] for a in chosen} == team


async def test_a_rule_strategy_applies_only_to_matching_requests(client):
    rule = await make_rule(client, name="Spread critical", strategy="least_loaded",
                           conditions=[{"field": "priority", "operator": "eq",
                                        "value": "critical"}])
    specialist = await make_executor(client, name="Specialist", daily_limit=4)
    first = await make_request(client, priority="low")
    assert first["assigned_executor_id"] == specialist["id"]
    idle = await make_executor(client, name="Idle designer", role="designer")

    normal = await make_request(client, priority="high")
    critical = await make_request(client, priority="critical")

    assert (normal["assignment"]["strategy"], normal["assigned_executor_id"]) == (
        "best_match", specialist["id"])
    assert (critical["assignment"]["strategy"], critical["assigned_executor_id"]) == (
        "least_loaded", idle["id"])
    rules = critical["assignment"]["explanation"]["rules"]
    assert [(r["id"], r["name"]) for r in rules] == [(rule["id"], "Spread critical")]
    assert "least_loaded" in rules[0]["effect"]


async def test_rule_require_excludes_executors(client):
    rule = await make_rule(client, name="Seniors only for experts",
                           conditions=[{"field": "complexity", "operator": "eq",
                                        "value": "expert"}],
                           require=[{"field": "experience_years", "operator": "gte", "value": 7}])
    await make_executor(client, name="Junior", experience_years=1)
    await make_executor(client, name="Middle", experience_years=4)
    senior = await make_executor(client, name="Senior", role="designer", experience_years=9)

    request = await make_request(client, complexity="expert")

    explanation = request["assignment"]["explanation"]
    assert request["assigned_executor_id"] == senior["id"]
    assert explanation["excluded"]["rules"] == 2
    assert [r["id"] for r in explanation["rules"]] == [rule["id"]]
    assert explanation["runners_up"] == []


async def test_rule_require_with_nobody_left_keeps_the_request_waiting(client):
    await make_rule(client, name="Only admins", require=[
        {"field": "role", "operator": "eq", "value": "admin"}])
    await make_executor(client)
    request = await make_request(client)
    assert (request["status"], request["assignment"]) == ("pending", None)
    assert request["explanation"]["excluded"]["rules"] == 1


async def test_rule_prefer_bonus_is_visible_and_can_change_the_winner(client):
    rule = await make_rule(client, name="English speakers first", prefer=[
        {"field": "languages", "operator": "contains", "value": "en", "bonus": 30}])
    await make_executor(client, name="Russian only support", languages=["ru"])
    bilingual = await make_executor(client, name="Bilingual designer", role="designer",
                                    languages=["ru", "en"])

    request = await make_request(client)

    explanation = request["assignment"]["explanation"]
    assert request["assigned_executor_id"] == bilingual["id"]
    bonus = factor(explanation, "rule_bonus")
    assert bonus["value"] == pytest.approx(30)
    assert bonus["contribution"] > 0
    assert "English speakers first" in bonus["reason"]
    assert [(r["id"], r["name"]) for r in explanation["rules"]] == [
        (rule["id"], "English speakers first")]
    assert "prefer +30" in explanation["rules"][0]["effect"]
    total = sum(f["contribution"] for f in explanation["factors"])
    assert total == pytest.approx(explanation["score"], abs=0.01)
    runner = explanation["runners_up"][0]
    assert runner["score"] < explanation["score"]
