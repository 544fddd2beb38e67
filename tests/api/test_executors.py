"""Executors over HTTP: create/normalise, read, list and filter, replace, patch, delete."""

from __future__ import annotations

import uuid

import pytest

from conftest import make_executor, make_request

ANNA = {
    "name": "Anna Smirnova", "email": "Anna.Smirnova@Example.COM", "role": "support",
    "skills": ["  Billing ", "ZENDESK", "billing", "zendesk "], "languages": ["RU", "en", "ru"],
    "timezone": "MSK", "experience_years": 4, "daily_limit": 12,
}


async def test_create_answers_201_with_normalised_object(client):
    response = await client.post("/api/executors", json=ANNA)
    assert response.status_code == 201, response.text
    body = response.json()
    uuid.UUID(body["id"])
    assert body["email"] == "anna.smirnova@example.com"
    assert body["skills"] == ["billing", "zendesk"]
    assert body["languages"] == ["ru", "en"]
    assert body["timezone"] in ("MSK", "Europe/Moscow")
    assert (body["current_load"], body["assigned_today"]) == (0, 0)
    assert body["status"] == "active" and body["capacity"] is None
    assert {"created_at", "updated_at", "success_rate", "weight"} <= body.keys()


async def test_read_only_counters_sent_on_create_are_ignored(client):
    executor = await make_executor(client, current_load=7, assigned_today=3)
    assert (executor["current_load"], executor["assigned_today"]) == (0, 0)


async def test_duplicate_email_in_other_case_is_409(client):
    await make_executor(client, email="dup@example.com")
    response = await client.post("/api/executors", json=ANNA | {"email": "DUP@Example.com"})
    assert response.status_code == 409
    assert "detail" in response.json()


async def test_patch_to_an_existing_email_is_409(client):
    await make_executor(client, email="taken@example.com")
    other = await make_executor(client)
    response = await client.patch(f"/api/executors/{other['id']}",
                                  json={"email": "Taken@example.com"})
    assert response.status_code == 409


async def test_patch_own_email_in_other_case_is_allowed(client):
    executor = await make_executor(client, email="me@example.com")
    response = await client.patch(f"/api/executors/{executor['id']}",
                                  json={"email": "ME@example.com"})
    assert response.status_code == 200, response.text
    assert response.json()["email"] == "me@example.com"


@pytest.mark.parametrize("zone", ["MSK", "UTC", "Asia/Tokyo"])
async def test_known_time_zones_and_aliases_are_accepted(client, zone):
    assert (await make_executor(client, timezone=zone))["timezone"] in (zone, "Europe/Moscow")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timezone", "Mars/Olympus"),
        ("languages", ["english"]),
        ("email", "not-an-email"),
        ("role", "wizard"),
        ("daily_limit", 0),
        ("capacity", 0),
        ("experience_years", -1),
        ("success_rate", 1.5),
        ("weight", -0.1),
        ("status", "sleeping"),
        ("name", ""),
        ("name", "x" * 201),
        ("name", "nul\x00byte"),
        ("skills", ["x" * 65]),
        ("skills", [f"s{i}" for i in range(51)]),
        ("unknown_field", 1),
    ],
)
async def test_invalid_create_is_422_naming_the_field(client, field, value):
    response = await client.post("/api/executors", json=ANNA | {field: value})
    assert response.status_code == 422, response.text
    assert field in str(response.json()["detail"])


async def test_get_returns_the_executor(client):
    executor = await make_executor(client)
    response = await client.get(f"/api/executors/{executor['id']}")
    assert response.status_code == 200
    assert response.json() == executor


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_unknown_id_is_404(client, method):
    response = await client.request(method, f"/api/executors/{uuid.uuid4()}", json={})
    assert response.status_code == 404
    assert isinstance(response.json()["detail"], str)


async def test_unknown_id_on_put_is_404(client):
    response = await client.put(f"/api/executors/{uuid.uuid4()}", json=ANNA)
    assert response.status_code == 404


async def test_non_uuid_id_is_422(client):
    assert (await client.get("/api/executors/not-a-uuid")).status_code == 422


async def test_list_pages_with_total(client):
    for i in range(5):
        await make_executor(client, name=f"Executor {i}")
    page = (await client.get("/api/executors", params={"limit": 2, "offset": 2})).json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 2)
    assert [e["name"] for e in page["items"]] == ["Executor 2", "Executor 3"]


@pytest.mark.parametrize("params", [{"limit": 501}, {"limit": 0}, {"offset": -1}])
async def test_bad_page_parameters_are_422(client, params):
    assert (await client.get("/api/executors", params=params)).status_code == 422


@pytest.fixture
async def team(client):
    """Three executors that differ in every filterable field."""
    return {
        "anna": await make_executor(client, name="Anna", email="anna@corp.example", role="support",
                                    skills=["billing"], languages=["ru"]),
        "bob": await make_executor(client, name="Bob", role="programmer", skills=["python"],
                                   languages=["en"], status="offline"),
        "chen": await make_executor(client, name="Chen", role="programmer",
                                    skills=["python", "billing"], languages=["zh", "en"]),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "offline"}, ["Bob"]),
        ({"status": "active"}, ["Anna", "Chen"]),
        ({"role": "programmer"}, ["Bob", "Chen"]),
        ({"skill": "billing"}, ["Anna", "Chen"]),
        ({"skill": " Python "}, ["Bob", "Chen"]),
        ({"language": "en"}, ["Bob", "Chen"]),
        ({"language": "ZH"}, ["Chen"]),
        ({"q": "ann"}, ["Anna"]),
        ({"q": "CORP.example"}, ["Anna"]),
        ({"role": "programmer", "skill": "billing"}, ["Chen"]),
        ({"skill": "cobol"}, []),
    ],
)
async def test_list_filters(client, team, params, expected):
    page = (await client.get("/api/executors", params=params)).json()
    assert sorted(e["name"] for e in page["items"]) == expected
    assert page["total"] == len(expected)


@pytest.mark.parametrize("params", [{"status": "sleeping"}, {"role": "wizard"}])
async def test_list_with_invalid_enum_filter_is_422(client, params):
    assert (await client.get("/api/executors", params=params)).status_code == 422


async def test_q_treats_like_wildcards_literally(client):
    await make_executor(client, name="Anna")
    await make_executor(client, name="100% Bob")
    page = (await client.get("/api/executors", params={"q": "%"})).json()
    assert [e["name"] for e in page["items"]] == ["100% Bob"]


async def test_q_matches_non_ascii_names_case_insensitively(client):
    await make_executor(client, name="Анна Смирнова")
    page = (await client.get("/api/executors", params={"q": "анна"})).json()
    assert [e["name"] for e in page["items"]] == ["Анна Смирнова"]


async def test_put_replaces_and_ignores_echoed_read_only_fields(client):
    executor = await make_executor(client, skills=["billing"], capacity=3)
    body = (await client.get(f"/api/executors/{executor['id']}")).json()
    body |= {"id": str(uuid.uuid4()), "current_load": 9, "assigned_today": 9,
             "name": "Renamed", "skills": ["Python"], "capacity": None}
    response = await client.put(f"/api/executors/{executor['id']}", json=body)
    assert response.status_code == 200, response.text
    replaced = response.json()
    assert replaced["id"] == executor["id"]
    assert (replaced["current_load"], replaced["assigned_today"]) == (0, 0)
    assert (replaced["name"], replaced["skills"]) == ("Renamed", ["python"])
    assert replaced["capacity"] is None


async def test_put_with_invalid_body_is_422_and_changes_nothing(client):
    executor = await make_executor(client)
    body = ANNA | {"timezone": "Nowhere/Land"}
    assert (await client.put(f"/api/executors/{executor['id']}", json=body)).status_code == 422
    assert (await client.get(f"/api/executors/{executor['id']}")).json() == executor


async def test_patch_changes_only_sent_fields(client):
    executor = await make_executor(client, capacity=4)
    response = await client.patch(f"/api/executors/{executor['id']}",
                                  json={"status": "busy", "skills": ["SQL", " sql"]})
    assert response.status_code == 200, response.text
    patched = response.json()
    assert (patched["status"], patched["skills"]) == ("busy", ["sql"])
    unchanged = {k: v for k, v in patched.items() if k not in ("status", "skills", "updated_at")}
    assert unchanged == {k: v for k, v in executor.items() if k in unchanged}


@pytest.mark.parametrize("field", ["name", "email", "role", "daily_limit", "skills", "timezone"])
async def test_patch_null_for_a_required_field_is_422(client, field):
    executor = await make_executor(client)
    response = await client.patch(f"/api/executors/{executor['id']}", json={field: None})
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert (await client.get(f"/api/executors/{executor['id']}")).json() == executor


async def test_patch_capacity_null_clears_it(client):
    executor = await make_executor(client, capacity=2)
    response = await client.patch(f"/api/executors/{executor['id']}", json={"capacity": None})
    assert response.status_code == 200
    assert response.json()["capacity"] is None


async def test_patch_cannot_set_read_only_counters(client):
    executor = await make_executor(client)
    response = await client.patch(f"/api/executors/{executor['id']}",
                                  json={"current_load": 3, "assigned_today": 2})
    assert response.status_code in (200, 409, 422)
    current = (await client.get(f"/api/executors/{executor['id']}")).json()
    assert (current["current_load"], current["assigned_today"]) == (0, 0)


async def test_success_rate_is_settable_before_any_completion(client):
    executor = await make_executor(client, success_rate=0.5)
    assert executor["success_rate"] == 0.5
    response = await client.patch(f"/api/executors/{executor['id']}", json={"success_rate": 0.25})
    assert response.status_code == 200
    assert response.json()["success_rate"] == 0.25


@pytest.fixture
async def veteran(client):
    """An executor (success_rate set to 0.5) who has since completed one request successfully."""
    executor = await make_executor(client, success_rate=0.5)
    request = await make_request(client)
    created = await client.post("/api/assignments",
                                json={"request_id": request["id"], "executor_id": executor["id"]})
    if created.status_code == 201:
        assignment = created.json()
    else:  # auto-assignment got there first; this is the only executor who fits
        assignment = (await client.get(f"/api/requests/{request['id']}")).json()["assignment"]
    url = f"/api/assignments/{assignment['id']}"
    assert (await client.post(f"{url}/start")).status_code == 200
    done = await client.post(f"{url}/complete", json={"outcome": "success"})
    assert done.status_code == 200, done.text
    return (await client.get(f"/api/executors/{executor['id']}")).json()


async def test_success_rate_is_derived_once_work_is_completed(client, veteran):
    assert veteran["success_rate"] == 1.0
    response = await client.patch(f"/api/executors/{veteran['id']}", json={"success_rate": 0.1})
    assert response.status_code == 409
    assert (await client.get(f"/api/executors/{veteran['id']}")).json()["success_rate"] == 1.0


async def test_put_echoing_a_derived_success_rate_is_accepted(client, veteran):
    response = await client.put(f"/api/executors/{veteran['id']}", json=veteran | {"name": "Vet"})
    assert response.status_code == 200, response.text
    assert (response.json()["name"], response.json()["success_rate"]) == ("Vet", 1.0)


async def test_put_without_success_rate_keeps_the_derived_one(client, veteran):
    body = {k: veteran[k] for k in ANNA if k in veteran} | {"name": "Vet"}
    response = await client.put(f"/api/executors/{veteran['id']}", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["success_rate"] == 1.0


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity"])
async def test_non_finite_numbers_are_422_not_500(client, raw):
    body = f'{{"name": "N", "email": "n@example.com", "role": "support", "weight": {raw}}}'
    response = await client.post("/api/executors", content=body,
                                 headers={"content-type": "application/json"})
    assert response.status_code == 422


async def test_delete_answers_204_then_404(client):
    executor = await make_executor(client)
    response = await client.delete(f"/api/executors/{executor['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.get(f"/api/executors/{executor['id']}")).status_code == 404
    assert (await client.delete(f"/api/executors/{executor['id']}")).status_code == 404


async def test_email_is_free_again_after_delete(client):
    executor = await make_executor(client, email="reuse@example.com")
    await client.delete(f"/api/executors/{executor['id']}")
    await make_executor(client, email="REUSE@example.com")
