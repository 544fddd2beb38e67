"""The audit log answers "why did X get this?" later: events and a request's history."""

from __future__ import annotations

from conftest import eventually, make_executor, make_request


async def test_history_tells_the_whole_story(client):
    first = await make_executor(client, name="First", experience_years=9)
    second = await make_executor(client, name="Second", experience_years=1)
    request = await make_request(client)
    offered = request["assignment"]
    assert offered["executor_id"] == first["id"]
    await client.post(f"/api/assignments/{offered['id']}/reject", json={"reason": "on leave"})

    async def reoffered():  # the dispatcher is woken by the reject and offers it again
        detail = (await client.get(f"/api/requests/{request['id']}")).json()
        return detail["assignment"] if detail["status"] == "assigned" else None

    again = await eventually(reoffered)
    assert again["executor_id"] == second["id"]
    await client.post(f"/api/assignments/{again['id']}/start")
    await client.post(f"/api/assignments/{again['id']}/complete", json={"outcome": "success"})

    history = (await client.get(f"/api/requests/{request['id']}/history")).json()
    story = [
        (e["type"], e["data"].get("to") or e["data"].get("executor_id")) for e in history["items"]
    ]
    assert story == [
        ("request.created", None),
        ("request.assigned", first["id"]),
        ("assignment.updated", "rejected"),
        ("request.assigned", second["id"]),
        ("assignment.updated", "in_progress"),
        ("assignment.updated", "completed"),
    ]
    reject = history["items"][2]
    assert reject["reason"] == "on leave"
    explanation = history["items"][3]["data"]["explanation"]
    assert explanation["excluded"]["rejected"] == 1
    assert explanation["executor_id"] == second["id"]


async def test_events_filter_and_paginate(client):
    executor = await make_executor(client)
    await make_request(client)
    page = (await client.get("/api/events", params={"entity_type": "executor"})).json()
    assert page["total"] == 1 and page["items"][0]["entity_id"] == executor["id"]
    everything = (await client.get("/api/events", params={"limit": 1})).json()
    assert everything["total"] >= 3 and len(everything["items"]) == 1
    assigned = (await client.get("/api/events", params={"type": "request.assigned"})).json()
    assert assigned["total"] == 1
    future = (await client.get("/api/events", params={"since": "2999-01-01T00:00:00Z"})).json()
    assert future["total"] == 0


async def test_history_of_unknown_request_is_404(client):
    response = await client.get("/api/requests/00000000-0000-0000-0000-000000000000/history")
    assert response.status_code == 404
