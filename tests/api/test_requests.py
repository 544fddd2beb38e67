"""Work requests over HTTP: create, read, list and filter, patch/cancel, replace, delete."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from conftest import make_executor, make_request


def stored(request: dict) -> dict:
    """A request without the create-time `explanation` (why nobody could take it just then)."""
    return {k: v for k, v in request.items() if k != "explanation"}


def at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def queued_request(client, **overrides):
    """A request that stays pending even when someone could take it."""
    body = {"title": "Queued", "category": "support"} | overrides
    response = await client.post("/api/requests", params={"auto_assign": "false"}, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def assign(client, request_id: str, executor_id: str) -> None:
    """Assign by hand; the background dispatcher may get there first, with the same result."""
    made = await client.post("/api/assignments",
                             json={"request_id": request_id, "executor_id": executor_id})
    if made.status_code != 201:
        current = (await client.get(f"/api/requests/{request_id}")).json()
        assert current["assigned_executor_id"] == executor_id, made.text


async def assigned_request(client, **overrides):
    """A request assigned to a fresh executor who can take nothing else today."""
    executor = await make_executor(client, skills=overrides.get("required_skills", []),
                                   daily_limit=1)
    request = await queued_request(client, **overrides)
    await assign(client, request["id"], executor["id"])
    return request, executor


async def test_create_answers_201_pending_with_defaults(client):
    response = await client.post("/api/requests",
                                 json={"title": "  Printer jam ", "category": "support"})
    assert response.status_code == 201, response.text
    body = response.json()
    uuid.UUID(body["id"])
    assert body["title"] == "Printer jam"
    assert (body["status"], body["priority"], body["complexity"]) == ("pending", "medium", "medium")
    assert body["assignment"] is None and body["assigned_executor_id"] is None
    assert (body["description"], body["required_skills"], body["deadline"]) == ("", [], None)


async def test_create_normalises_skills_and_languages(client):
    request = await make_request(client, required_skills=[" Billing", "billing", "SQL"],
                                 required_languages=["RU", "ru"])
    assert request["required_skills"] == ["billing", "sql"]
    assert request["required_languages"] == ["ru"]


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        ("2030-01-01T12:00:00", datetime(2030, 1, 1, 12, tzinfo=UTC)),
        ("2030-01-01T12:00:00+03:00", datetime(2030, 1, 1, 9, tzinfo=UTC)),
        ("2030-01-01T12:00:00Z", datetime(2030, 1, 1, 12, tzinfo=UTC)),
    ],
)
async def test_deadline_is_timezone_aware_and_naive_means_utc(client, deadline, expected):
    request = await make_request(client, deadline=deadline)
    assert at(request["deadline"]) == expected
    fetched = (await client.get(f"/api/requests/{request['id']}")).json()
    assert at(fetched["deadline"]) == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 301),
        ("title", "bad\x00title"),
        ("description", "x" * 10_001),
        ("category", "nope"),
        ("priority", "urgent"),
        ("complexity", "trivial"),
        ("required_languages", ["english"]),
        ("required_skills", ["x" * 65]),
        ("timezone_preference", "Mars/Olympus"),
        ("deadline", "tomorrow"),
        ("status", "pending"),
    ],
)
async def test_invalid_create_is_422_naming_the_field(client, field, value):
    body = {"title": "Valid", "category": "support", field: value}
    response = await client.post("/api/requests", json=body)
    assert response.status_code == 422, response.text
    assert field in str(response.json()["detail"])


async def test_missing_required_fields_are_422(client):
    response = await client.post("/api/requests", json={})
    assert response.status_code == 422
    assert {"title", "category"} <= {e["loc"][-1] for e in response.json()["detail"]}


async def test_get_returns_the_request(client):
    request = await make_request(client)
    response = await client.get(f"/api/requests/{request['id']}")
    assert response.status_code == 200
    assert stored(response.json()) == stored(request)


async def test_unknown_and_malformed_ids(client):
    assert (await client.get(f"/api/requests/{uuid.uuid4()}")).status_code == 404
    assert (await client.patch(f"/api/requests/{uuid.uuid4()}", json={})).status_code == 404
    assert (await client.delete(f"/api/requests/{uuid.uuid4()}")).status_code == 404
    assert (await client.get("/api/requests/42")).status_code == 422


async def test_list_is_newest_first_and_paginated(client):
    for i in range(4):
        await make_request(client, title=f"Request {i}")
    page = (await client.get("/api/requests", params={"limit": 2, "offset": 1})).json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)
    assert [r["title"] for r in page["items"]] == ["Request 2", "Request 1"]
    assert (await client.get("/api/requests", params={"limit": 501})).status_code == 422


@pytest.fixture
async def backlog(client):
    """Four requests spread over statuses, categories, priorities and skills."""
    _, executor = await assigned_request(client, title="Deploy fails", category="technical",
                                                priority="critical", required_skills=["devops"])
    await queued_request(client, title="Refund", description="Customer wants money back",
                         category="support", priority="low", required_skills=["billing"])
    await queued_request(client, title="Logo", category="design", priority="low")
    cancelled = await queued_request(client, title="Old ticket", category="support",
                                     priority="high")
    await client.patch(f"/api/requests/{cancelled['id']}", json={"status": "cancelled"})
    return {"executor_id": executor["id"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "assigned"}, ["Deploy fails"]),
        ({"status": "cancelled"}, ["Old ticket"]),
        ({"status": "pending"}, ["Logo", "Refund"]),
        ({"category": "support"}, ["Old ticket", "Refund"]),
        ({"priority": "low"}, ["Logo", "Refund"]),
        ({"skill": "Billing"}, ["Refund"]),
        ({"q": "deploy"}, ["Deploy fails"]),
        ({"q": "MONEY"}, ["Refund"]),
        ({"category": "support", "priority": "low"}, ["Refund"]),
    ],
)
async def test_list_filters(client, backlog, params, expected):
    page = (await client.get("/api/requests", params=params)).json()
    assert sorted(r["title"] for r in page["items"]) == expected
    assert page["total"] == len(expected)


async def test_list_filter_by_executor(client, backlog):
    params = {"executor_id": backlog["executor_id"]}
    page = (await client.get("/api/requests", params=params)).json()
    assert [r["title"] for r in page["items"]] == ["Deploy fails"]
    assert page["items"][0]["assigned_executor_id"] == backlog["executor_id"]


@pytest.mark.parametrize("params", [{"status": "open"}, {"category": "nope"},
                                    {"priority": "urgent"}, {"executor_id": "bob"}])
async def test_list_with_invalid_filter_is_422(client, params):
    assert (await client.get("/api/requests", params=params)).status_code == 422


async def test_q_matches_non_ascii_titles_case_insensitively(client):
    await make_request(client, title="Не проходит оплата")
    page = (await client.get("/api/requests", params={"q": "не проходит"})).json()
    assert [r["title"] for r in page["items"]] == ["Не проходит оплата"]


async def test_q_treats_like_wildcards_literally(client):
    await make_request(client, title="Refund")
    await make_request(client, title="Discount 100%")
    page = (await client.get("/api/requests", params={"q": "%"})).json()
    assert [r["title"] for r in page["items"]] == ["Discount 100%"]


async def test_patch_changes_only_sent_fields(client):
    request = await make_request(client, priority="low", deadline="2030-01-01T00:00:00Z")
    response = await client.patch(f"/api/requests/{request['id']}",
                                  json={"priority": "critical", "required_skills": ["SQL"],
                                        "deadline": None})
    assert response.status_code == 200, response.text
    patched = response.json()
    assert (patched["priority"], patched["required_skills"], patched["deadline"]) == (
        "critical", ["sql"], None)
    assert (patched["title"], patched["category"], patched["status"]) == (
        request["title"], request["category"], "pending")


@pytest.mark.parametrize("body", [{"title": None}, {"category": None}, {"priority": "urgent"},
                                  {"assigned_executor_id": None, "bogus": 1}])
async def test_invalid_patch_is_422_and_changes_nothing(client, body):
    request = await make_request(client)
    assert (await client.patch(f"/api/requests/{request['id']}", json=body)).status_code == 422
    assert stored((await client.get(f"/api/requests/{request['id']}")).json()) == stored(request)


async def test_patch_status_cancelled_cancels(client):
    request = await make_request(client)
    response = await client.patch(f"/api/requests/{request['id']}", json={"status": "cancelled"})
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled"


@pytest.mark.parametrize("status", ["completed", "assigned", "in_progress"])
async def test_patch_status_other_than_cancelled_is_409(client, status):
    request = await make_request(client)
    response = await client.patch(f"/api/requests/{request['id']}", json={"status": status})
    assert response.status_code == 409
    assert (await client.get(f"/api/requests/{request['id']}")).json()["status"] == "pending"


async def test_cancelling_a_cancelled_request_is_409(client):
    request = await make_request(client)
    await client.patch(f"/api/requests/{request['id']}", json={"status": "cancelled"})
    response = await client.patch(f"/api/requests/{request['id']}", json={"status": "cancelled"})
    assert response.status_code == 409


async def test_cancelling_an_assigned_request_frees_the_executor(client):
    request, executor = await assigned_request(client)
    response = await client.patch(f"/api/requests/{request['id']}", json={"status": "cancelled"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["assigned_executor_id"]) == ("cancelled", None)
    assert body["assignment"]["status"] == "cancelled"
    freed = (await client.get(f"/api/executors/{executor['id']}")).json()
    assert (freed["current_load"], freed["assigned_today"]) == (0, 0)


async def test_put_replaces_and_ignores_echoed_read_only_fields(client):
    request = await make_request(client, description="old", required_skills=["billing"])
    body = (await client.get(f"/api/requests/{request['id']}")).json()
    body |= {"id": str(uuid.uuid4()), "title": "New title", "description": "new",
             "required_skills": [], "priority": "low"}
    response = await client.put(f"/api/requests/{request['id']}", json=body)
    assert response.status_code == 200, response.text
    replaced = response.json()
    assert replaced["id"] == request["id"]
    assert (replaced["title"], replaced["description"], replaced["required_skills"],
            replaced["priority"], replaced["status"]) == ("New title", "new", [], "low", "pending")


async def test_put_resets_omitted_fields_to_defaults(client):
    request = await make_request(client, priority="critical", description="something")
    response = await client.put(f"/api/requests/{request['id']}",
                                json={"title": "Bare", "category": "design"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["priority"], body["description"], body["category"]) == ("medium", "", "design")


async def test_delete_answers_204_then_404(client):
    request = await make_request(client)
    response = await client.delete(f"/api/requests/{request['id']}")
    assert response.status_code == 204 and response.content == b""
    assert (await client.get(f"/api/requests/{request['id']}")).status_code == 404


async def test_deleting_an_assigned_request_frees_the_executor(client):
    request, executor = await assigned_request(client)
    assert (await client.delete(f"/api/requests/{request['id']}")).status_code == 204
    freed = (await client.get(f"/api/executors/{executor['id']}")).json()
    assert freed["current_load"] == 0
