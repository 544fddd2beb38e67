"""Keys: shown once, stored hashed, listed without values, revoked at once, last use noted."""

from __future__ import annotations

from sqlalchemy import select

from executor_balancer.db import transaction
from executor_balancer.models import ApiKey


async def test_key_lifecycle(secured):
    admin = secured.auth("admin")
    made = await secured.client.post(
        "/api/keys", headers=admin, json={"name": "CRM", "role": "dispatcher"}
    )
    assert made.status_code == 201
    token = made.json()["key"]
    with transaction(secured.app.state.session_factory) as session:
        stored = session.scalars(select(ApiKey).where(ApiKey.name == "CRM")).one()
        assert token not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64
    listed = (await secured.client.get("/api/keys", headers=admin)).json()
    assert all("key" not in k for k in listed)
    mine = {"Authorization": f"Bearer {token}"}
    assert (await secured.client.get("/api/executors", headers=mine)).status_code == 200
    used = next(
        k
        for k in (await secured.client.get("/api/keys", headers=admin)).json()
        if k["name"] == "CRM"
    )
    assert used["last_used_at"] is not None
    revoked = await secured.client.delete(f"/api/keys/{made.json()['id']}", headers=admin)
    assert revoked.status_code == 204
    assert (await secured.client.get("/api/executors", headers=mine)).status_code == 401


async def test_executor_key_needs_an_executor(secured):
    admin = secured.auth("admin")
    answer = await secured.client.post(
        "/api/keys", headers=admin, json={"name": "x", "role": "executor"}
    )
    assert answer.status_code == 422
    other = await secured.client.post(
        "/api/keys",
        headers=admin,
        json={"name": "x", "role": "viewer", "executor_id": secured.executor_id},
    )
    assert other.status_code == 422


async def test_only_admin_manages_keys(secured):
    answer = await secured.client.post(
        "/api/keys", headers=secured.auth("dispatcher"), json={"name": "x", "role": "admin"}
    )
    assert answer.status_code == 403
