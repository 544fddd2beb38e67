"""Read-only distribution: candidate search and rule dry runs rank and explain, change nothing."""

from __future__ import annotations

import uuid

import pytest

from conftest import make_executor, make_request

QUERY = {"category": "support", "required_skills": ["billing"], "required_languages": ["ru"]}


async def make_rule(client, **body) -> dict:
    response = await client.post("/api/rules", json={"name": "Rule"} | body)
    assert response.status_code == 201, response.text
    return response.json()


async def snapshot_of_state(client) -> tuple:
    """Everything a dry run could disturb: counts, executors' counters, assignments."""
    stats = (await client.get("/api/stats")).json()
    executors = (await client.get("/api/executors", params={"limit": 500})).json()
    assignments = (await client.get("/api/assignments", params={"limit": 500})).json()
    return stats, executors, assignments


async def search(client, body: dict, **params) -> dict:
    response = await client.post("/api/executors/search", json=body, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# --- POST /api/executors/search -------------------------------------------------------------

async def test_search_ranks_eligible_executors_best_first_and_changes_nothing(client):
    support = await make_executor(client, name="Support")
    programmer = await make_executor(client, name="Programmer", role="programmer")
    designer = await make_executor(client, name="Designer", role="designer")
    await make_executor(client, name="Offline", status="offline")
    await make_executor(client, name="No billing", skills=["sql"])
    await make_executor(client, name="English only", languages=["en"])
    before = await snapshot_of_state(client)

    result = await search(client, QUERY)

    assert result["total"] == 3
    assert [item["executor"]["id"] for item in result["items"]] == [
        support["id"], programmer["id"], designer["id"]]
    scores = [item["score"] for item in result["items"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    first = result["items"][0]
    assert first["executor"]["name"] == "Support"
    assert {"email", "role", "current_load", "assigned_today"} <= first["executor"].keys()
    explanation = first["explanation"]
    assert explanation["score"] == pytest.approx(first["score"], abs=0.01)
    total = sum(f["contribution"] for f in explanation["factors"])
    assert total == pytest.approx(first["score"], abs=0.01)
    assert explanation["excluded"] == {"status": 1, "daily_limit": 0, "capacity": 0,
                                       "languages": 1, "skills": 1, "rules": 0, "rejected": 0}
    assert await snapshot_of_state(client) == before
    assert before[2]["total"] == 0


async def test_search_title_is_optional_and_limit_caps_items_not_total(client):
    best = await make_executor(client, name="Best")
    for i in range(3):
        await make_executor(client, name=f"Other {i}", role="tester")

    result = await search(client, {"category": "support"}, limit=2)

    assert result["total"] == 4
    assert len(result["items"]) == 2
    assert result["items"][0]["executor"]["id"] == best["id"]


async def test_search_skips_executors_at_their_limits(client):
    full = await make_executor(client, name="Full", daily_limit=1)
    await make_request(client)
    assert (await client.get(f"/api/executors/{full['id']}")).json()["assigned_today"] == 1
    free = await make_executor(client, name="Free", role="designer")

    result = await search(client, QUERY)

    assert [item["executor"]["id"] for item in result["items"]] == [free["id"]]
    assert result["items"][0]["explanation"]["excluded"]["daily_limit"] == 1


async def test_search_with_nobody_eligible_is_empty(client):
    await make_executor(client)
    result = await search(client, QUERY | {"required_languages": ["de"]})
    assert result == {"items": [], "total": 0}


async def test_search_applies_rules_like_distribution(client):
    rule = await make_rule(client, name="Seniors", require=[
        {"field": "experience_years", "operator": "gte", "value": 5}], prefer=[
        {"field": "role", "operator": "eq", "value": "designer", "bonus": 40}])
    await make_executor(client, name="Junior", experience_years=1)
    senior_support = await make_executor(client, name="Senior support", experience_years=8)
    senior_designer = await make_executor(client, name="Senior designer", role="designer",
                                          experience_years=8)

    result = await search(client, QUERY)

    assert [item["executor"]["id"] for item in result["items"]] == [
        senior_designer["id"], senior_support["id"]]
    explanation = result["items"][0]["explanation"]
    assert explanation["excluded"]["rules"] == 1
    assert [r["id"] for r in explanation["rules"]] == [rule["id"]]
    bonus = next(f for f in explanation["factors"] if f["name"] == "rule_bonus")
    assert bonus["value"] == pytest.approx(40)


@pytest.mark.parametrize("body", [
    {},  # category is required
    {"category": "cooking"},
    {"category": "support", "required_languages": ["english"]},
    {"category": "support", "unknown": 1},
    {"category": "support", "priority": "urgent"},
])
async def test_search_with_a_bad_body_is_422(client, body):
    response = await client.post("/api/executors/search", json=body)
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("limit", [0, 501, "x"])
async def test_search_with_a_bad_limit_is_422(client, limit):
    response = await client.post("/api/executors/search", json=QUERY, params={"limit": limit})
    assert response.status_code == 422, response.text


# --- POST /api/rules/{id}/test ----------------------------------------------------------------

async def test_rule_dry_run_reports_admitted_excluded_and_boosted(client):
    rule = await make_rule(
        client, name="Russian support", is_active=False,
        conditions=[{"field": "category", "operator": "eq", "value": "support"}],
        require=[{"field": "languages", "operator": "contains", "value": "ru"}],
        prefer=[{"field": "experience_years", "operator": "gte", "value": 5, "bonus": 15}])
    senior = await make_executor(client, name="Senior", experience_years=6)
    junior = await make_executor(client, name="Junior", experience_years=1)
    english = await make_executor(client, name="English", languages=["en"], experience_years=9)
    before = await snapshot_of_state(client)

    response = await client.post(f"/api/rules/{rule['id']}/test", json={"category": "support"})

    assert response.status_code == 200, response.text
    result = response.json()
    assert result["applies"] is True
    assert sorted((e["id"], e["name"]) for e in result["admitted"]) == sorted(
        [(senior["id"], "Senior"), (junior["id"], "Junior")])
    assert result["excluded"] == [{"id": english["id"], "name": "English"}]
    assert result["boosted"] == [{"id": senior["id"], "name": "Senior", "bonus": 15}]
    assert await snapshot_of_state(client) == before


async def test_rule_dry_run_does_not_apply_when_conditions_do_not_match(client):
    rule = await make_rule(
        client, conditions=[{"field": "priority", "operator": "eq", "value": "critical"}],
        require=[{"field": "role", "operator": "eq", "value": "admin"}])
    await make_executor(client)

    response = await client.post(f"/api/rules/{rule['id']}/test",
                                 json={"category": "support", "priority": "low"})

    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["applies"], result["admitted"], result["excluded"], result["boosted"]) == (
        False, [], [], [])


async def test_rule_dry_run_of_an_unknown_rule_is_404(client):
    response = await client.post(f"/api/rules/{uuid.uuid4()}/test", json={"category": "support"})
    assert response.status_code == 404, response.text


@pytest.mark.parametrize("body", [{}, {"category": "nope"}, {"category": "support", "x": 1},
                                  {"category": "support", "required_skills": "billing"}])
async def test_rule_dry_run_with_a_bad_body_is_422(client, body):
    rule = await make_rule(client)
    response = await client.post(f"/api/rules/{rule['id']}/test", json=body)
    assert response.status_code == 422, response.text
