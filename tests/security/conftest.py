"""Authentication on: an app with one key per role, over ASGI with its lifespan."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from executor_balancer.app import create_app
from executor_balancer.config import Settings
from executor_balancer.db import transaction
from executor_balancer.security import keys
from executor_balancer.security.roles import Role


@dataclass
class Secured:
    app: object
    client: httpx.AsyncClient
    tokens: dict[str, str]
    executor_id: str
    other_executor_id: str

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture
async def secured(request, tmp_path) -> AsyncIterator[Secured]:
    """Auth is database-agnostic; SQLite keeps the role matrix fast."""
    path = tmp_path / "secure.db"
    shutil.copy(request.getfixturevalue("sqlite_template"), path)
    settings = Settings(
        database_url=f"sqlite:///{path}", auth_enabled=True, load_sample_data=False, _env_file=None
    )  # type: ignore[call-arg]
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
    ):
        tokens = {}
        with transaction(app.state.session_factory) as session:
            for role in (Role.admin, Role.dispatcher, Role.viewer):
                tokens[role.value] = keys.create(session, name=role.value, role=role)[1]
        admin = {"Authorization": f"Bearer {tokens['admin']}"}
        mine = await client.post(
            "/api/executors",
            headers=admin,
            json={"name": "Me", "email": "me@example.com", "role": "support"},
        )
        other = await client.post(
            "/api/executors",
            headers=admin,
            json={"name": "Other", "email": "other@example.com", "role": "support"},
        )
        key = await client.post(
            "/api/keys",
            headers=admin,
            json={"name": "me", "role": "executor", "executor_id": mine.json()["id"]},
        )
        tokens["executor"] = key.json()["key"]
        yield Secured(app, client, tokens, mine.json()["id"], other.json()["id"])
