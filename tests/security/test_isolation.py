"""An executor key sees and acts on its own assignments only; others' look absent (404)."""

from __future__ import annotations


async def _assign(secured, executor_id: str) -> dict:
    admin = secured.auth("admin")
    request = await secured.client.post(
        "/api/requests",
        headers=admin,
        params={"auto_assign": "false"},
        json={"title": "Job", "category": "support"},
    )
    made = await secured.client.post(
        "/api/assignments",
        headers=admin,
        json={"request_id": request.json()["id"], "executor_id": executor_id},
    )
    assert made.status_code == 201, made.text
    return made.json()


async def test_executor_sees_and_acts_on_own_assignments_only(secured):
    mine = await _assign(secured, secured.executor_id)
    theirs = await _assign(secured, secured.other_executor_id)
    me = secured.auth("executor")
    listed = (await secured.client.get("/api/assignments", headers=me)).json()
    assert [a["id"] for a in listed["items"]] == [mine["id"]]
    forced = (
        await secured.client.get(
            "/api/assignments", headers=me, params={"executor_id": secured.other_executor_id}
        )
    ).json()
    assert [a["id"] for a in forced["items"]] == [mine["id"]]
    assert (
        await secured.client.get(f"/api/assignments/{theirs['id']}", headers=me)
    ).status_code == 404
    for action in ("start", "complete", "reject"):
        answer = await secured.client.post(f"/api/assignments/{theirs['id']}/{action}", headers=me)
        assert answer.status_code == 404
    started = await secured.client.post(f"/api/assignments/{mine['id']}/start", headers=me)
    assert started.status_code == 200 and started.json()["status"] == "in_progress"
    done = await secured.client.post(
        f"/api/assignments/{mine['id']}/complete", headers=me, json={"outcome": "success"}
    )
    assert done.json()["status"] == "completed"
    other = await secured.client.get(
        f"/api/assignments/{theirs['id']}", headers=secured.auth("admin")
    )
    assert other.json()["status"] == "assigned"


async def test_executor_cannot_read_the_rest(secured):
    me = secured.auth("executor")
    for path in ("/api/executors", "/api/requests", "/api/rules", "/api/dashboard"):
        assert (await secured.client.get(path, headers=me)).status_code == 403
