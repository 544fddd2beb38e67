"""Rules over HTTP: validated on save (422 naming the fault), CRUD, ordering and filters."""

from __future__ import annotations

import uuid

import pytest

RULE = {
    "name": "Critical tickets to seniors",
    "description": "Critical requests prefer experienced, reliable executors.",
    "priority": 100,
    "conditions": [{"field": "priority", "operator": "eq", "value": "critical"},
                   {"field": "required_languages", "operator": "contains", "value": "ru"}],
    "require": [{"field": "status", "operator": "eq", "value": "active"},
                {"field": "role", "operator": "in", "value": ["support", "programmer"]}],
    "prefer": [{"field": "experience_years", "operator": "gte", "value": 5, "bonus": 20}],
    "strategy": "least_loaded",
}


async def make_rule(client, **overrides):
    response = await client.post("/api/rules", json=RULE | overrides)
    assert response.status_code == 201, response.text
    return response.json()


def error_text(response) -> str:
    """Where and what, from either a validation list or a domain error string (not the input)."""
    detail = response.json()["detail"]
    if isinstance(detail, str):
        return detail
    return " ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in detail)


async def test_create_answers_201_with_the_rule(client):
    rule = await make_rule(client)
    uuid.UUID(rule["id"])
    for key in ("name", "description", "priority", "conditions", "require", "strategy"):
        assert rule[key] == RULE[key]
    assert rule["prefer"] == RULE["prefer"]
    assert rule["is_active"] is True
    assert {"created_at", "updated_at"} <= rule.keys()


async def test_minimal_rule_gets_defaults(client):
    response = await client.post("/api/rules", json={"name": "Empty"})
    assert response.status_code == 201, response.text
    rule = response.json()
    assert (rule["priority"], rule["is_active"], rule["strategy"]) == (0, True, None)
    assert rule["conditions"] == rule["require"] == rule["prefer"] == []


@pytest.mark.parametrize(
    ("change", "mentions"),
    [
        ({"conditions": [{"field": "colour", "operator": "eq", "value": "red"}]},
         ["conditions", "colour"]),
        ({"require": [{"field": "salary", "operator": "gt", "value": 1}]}, ["require", "salary"]),
        ({"require": [{"field": "role", "operator": "gt", "value": "support"}]},
         ["require", "role"]),
        ({"prefer": [{"field": "experience_years", "operator": "contains", "value": 3,
                      "bonus": 5}]},
         ["prefer", "experience_years"]),
        ({"require": [{"field": "experience_years", "operator": "gte", "value": "five"}]},
         ["require", "experience_years"]),
        ({"conditions": [{"field": "category", "operator": "eq", "value": "nope"}]},
         ["conditions", "category"]),
        ({"conditions": [{"field": "priority", "operator": "in", "value": []}]},
         ["conditions", "priority"]),
        ({"conditions": [{"field": "priority", "operator": "like", "value": "high"}]},
         ["conditions", "like"]),
        ({"prefer": [{"field": "weight", "operator": "gt", "value": 0.5, "bonus": 51}]},
         ["prefer", "bonus"]),
        ({"prefer": [{"field": "weight", "operator": "gt", "value": 0.5, "bonus": -1}]},
         ["prefer", "bonus"]),
        ({"strategy": "random"}, ["strategy"]),
        ({"strategy": "manual"}, ["strategy"]),
        ({"require": [{"field": "weight", "operator": "gt", "value": True}]},
         ["require", "weight"]),
        ({"conditions": [{"field": "category", "operator": "eq"}]}, ["conditions", "value"]),
        ({"name": ""}, ["name"]),
    ],
)
async def test_invalid_rule_is_422_naming_the_list_and_field(client, change, mentions):
    response = await client.post("/api/rules", json=RULE | change)
    assert response.status_code == 422, response.text
    text = error_text(response)
    for word in mentions:
        assert word in text, text
    assert (await client.get("/api/rules")).json()["total"] == 0


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "1e400"])
async def test_non_finite_condition_value_is_422_and_not_stored(client, raw):
    condition = f'{{"field": "weight", "operator": "gte", "value": {raw}}}'
    body = f'{{"name": "N", "require": [{condition}]}}'
    response = await client.post("/api/rules", content=body,
                                 headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert (await client.get("/api/rules")).json()["total"] == 0


async def test_get_and_404_and_422(client):
    rule = await make_rule(client)
    assert (await client.get(f"/api/rules/{rule['id']}")).json() == rule
    assert (await client.get(f"/api/rules/{uuid.uuid4()}")).status_code == 404
    assert (await client.get("/api/rules/not-a-uuid")).status_code == 422


async def test_patch_changes_only_sent_fields(client):
    rule = await make_rule(client)
    response = await client.patch(f"/api/rules/{rule['id']}",
                                  json={"is_active": False, "strategy": None})
    assert response.status_code == 200, response.text
    patched = response.json()
    assert (patched["is_active"], patched["strategy"]) == (False, None)
    assert (patched["conditions"], patched["require"], patched["prefer"]) == (
        rule["conditions"], rule["require"], rule["prefer"])


@pytest.mark.parametrize(
    ("change", "mentions"),
    [
        ({"require": [{"field": "role", "operator": "gt", "value": "support"}]}, "require"),
        ({"prefer": [{"field": "nope", "operator": "eq", "value": 1, "bonus": 5}]}, "prefer"),
        ({"conditions": [{"field": "category", "operator": "eq", "value": "nope"}]}, "conditions"),
        ({"strategy": "manual"}, "strategy"),
        ({"strategy": "random"}, "strategy"),
        ({"name": None}, "name"),
    ],
)
async def test_patch_making_the_rule_invalid_is_422_and_changes_nothing(client, change, mentions):
    rule = await make_rule(client)
    response = await client.patch(f"/api/rules/{rule['id']}", json=change)
    assert response.status_code == 422, response.text
    assert mentions in error_text(response)
    assert (await client.get(f"/api/rules/{rule['id']}")).json() == rule


async def test_put_replaces_the_rule(client):
    rule = await make_rule(client)
    body = {"name": "Design to designers", "priority": 5,
            "conditions": [{"field": "category", "operator": "eq", "value": "design"}],
            "require": [{"field": "role", "operator": "eq", "value": "designer"}]}
    response = await client.put(f"/api/rules/{rule['id']}", json=body)
    assert response.status_code == 200, response.text
    replaced = response.json()
    assert replaced["id"] == rule["id"]
    assert (replaced["name"], replaced["prefer"], replaced["strategy"]) == (
        "Design to designers", [], None)
    assert replaced["require"] == body["require"]


async def test_put_echoing_a_get_body_is_accepted(client):
    rule = await make_rule(client)
    body = (await client.get(f"/api/rules/{rule['id']}")).json() | {"priority": 7}
    response = await client.put(f"/api/rules/{rule['id']}", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["priority"] == 7


async def test_invalid_put_is_422_and_changes_nothing(client):
    rule = await make_rule(client)
    body = RULE | {"require": [{"field": "skills", "operator": "gt", "value": "x"}]}
    assert (await client.put(f"/api/rules/{rule['id']}", json=body)).status_code == 422
    assert (await client.get(f"/api/rules/{rule['id']}")).json() == rule


async def test_list_is_ordered_by_priority_desc_and_filters_is_active(client):
    await make_rule(client, name="low", priority=1)
    await make_rule(client, name="high", priority=50)
    await make_rule(client, name="off", priority=10, is_active=False)
    page = (await client.get("/api/rules")).json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert [r["name"] for r in page["items"]] == ["high", "off", "low"]
    active = (await client.get("/api/rules", params={"is_active": "true"})).json()
    assert ([r["name"] for r in active["items"]], active["total"]) == (["high", "low"], 2)
    inactive = (await client.get("/api/rules", params={"is_active": "false"})).json()
    assert [r["name"] for r in inactive["items"]] == ["off"]
    paged = (await client.get("/api/rules", params={"limit": 1, "offset": 1})).json()
    assert ([r["name"] for r in paged["items"]], paged["total"]) == (["off"], 3)


async def test_delete_answers_204_then_404(client):
    rule = await make_rule(client)
    response = await client.delete(f"/api/rules/{rule['id']}")
    assert response.status_code == 204 and response.content == b""
    assert (await client.get(f"/api/rules/{rule['id']}")).status_code == 404
    assert (await client.delete(f"/api/rules/{rule['id']}")).status_code == 404
