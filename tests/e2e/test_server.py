"""The real server process over a socket: sample data, the API, and a restart on one file."""

from __future__ import annotations

import httpx
import pytest

from e2e.server import running_server

pytestmark = pytest.mark.e2e


def test_serve_seed_and_survive_a_restart(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'eb.db'}", "LOAD_SAMPLE_DATA": "true"}
    with running_server(env) as base:
        health = httpx.get(f"{base}/api/health").json()
        assert health["status"] == "ok" and health["database"] == "ok"
        assert httpx.get(f"{base}/docs").status_code == 200
        executors = httpx.get(f"{base}/api/executors", params={"limit": 500}).json()
        requests = httpx.get(f"{base}/api/requests", params={"limit": 1}).json()
        assert executors["total"] >= 30
        assert requests["total"] == 100
        created = httpx.post(f"{base}/api/executors", json={
            "name": "Пётр Петров", "email": "petr@example.com", "role": "support",
            "languages": ["ru"],
        })
        assert created.status_code == 201

    with running_server(env) as base:  # same file: data kept, samples not loaded twice
        again = httpx.get(f"{base}/api/executors", params={"limit": 500}).json()
        assert again["total"] == executors["total"] + 1
        assert httpx.get(f"{base}/api/executors/{created.json()['id']}").status_code == 200
        assert httpx.get(f"{base}/api/requests", params={"limit": 1}).json()["total"] == 100


def test_in_memory_database_serves_and_vanishes(tmp_path):
    env = {"USE_DATABASE": "false", "LOAD_SAMPLE_DATA": "true"}
    with running_server(env, cwd=tmp_path) as base:
        assert httpx.get(f"{base}/api/executors").json()["total"] >= 30
    assert list(tmp_path.iterdir()) == []  # no database file was written


def test_workers_with_sqlite_are_refused(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'eb.db'}"}
    with pytest.raises(RuntimeError, match="needs PostgreSQL"), running_server(env, workers=2):
        pass
