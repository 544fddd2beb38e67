"""Command line: serve, migrate, seed, version."""

from __future__ import annotations

import logging
import os
import tempfile
import uuid
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from pydantic import ValidationError
from rich.console import Console

from executor_balancer import __version__
from executor_balancer.config import Settings, describe_error
from executor_balancer.security import redact
from executor_balancer.security.bootstrap import login_message
from executor_balancer.security.roles import Role

app = typer.Typer(help="Executor Balancer: routes requests to the best executor.",
                  no_args_is_help=True, add_completion=False)
keys_app = typer.Typer(help="API keys: create (shown once), list, revoke.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
console = Console(stderr=True)


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        console.print(f"[red]{describe_error(exc)}[/red]")
        raise typer.Exit(2) from None


def _database(settings: Settings):  # type: ignore[no-untyped-def]
    from executor_balancer.db import make_engine, make_session_factory

    engine = make_engine(settings.effective_database_url)
    return engine, make_session_factory(engine)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface (default: HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: PORT)")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (PostgreSQL only)")] = 1,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development)")] = False,
) -> None:
    """Apply pending migrations, then serve the API and web app."""
    settings = _settings()
    if workers > 1 and settings.is_sqlite:
        console.print("[red]--workers > 1 needs PostgreSQL: SQLite allows one writer process. "
                      "Set DATABASE_URL=postgresql://… or run one worker.[/red]")
        raise typer.Exit(2)
    logging.basicConfig(level=settings.log_level,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    redact.install()
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per migration is noise
    host = host or settings.host
    port = port or settings.port
    if settings.use_database:
        from executor_balancer.startup import prepare_database

        token = prepare_database(*_database(settings), settings)
        if settings.auth_enabled:
            typer.echo(login_message(token, settings, port))
    if workers > 1 and settings.prometheus_enabled:
        _prometheus_multiprocess_dir()
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    console.print(f"Executor Balancer {__version__} on http://{shown}:{port}  (API docs: /docs)")
    uvicorn.run(
        "executor_balancer.app:create_app_from_env", factory=True, host=host, port=port,
        workers=workers, reload=reload, log_level=settings.log_level.lower(),
    )


def _prometheus_multiprocess_dir() -> None:
    """Workers write their counters to files that /metrics in any worker adds up."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="eb-metrics-")
    for stale in Path(path).glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    from executor_balancer.migrate import upgrade

    settings = _settings()
    engine, _ = _database(settings)
    upgrade(engine)
    console.print("database is up to date")


@app.command()
def seed() -> None:
    """Load the sample executors, rules and requests (only into an empty database)."""
    from executor_balancer.migrate import upgrade
    from executor_balancer.seeding import load_sample_data

    settings = _settings()
    engine, factory = _database(settings)
    upgrade(engine)
    if load_sample_data(factory):
        console.print("sample data loaded")
    else:
        console.print("[yellow]the database already holds data; sample data not loaded[/yellow]")


@keys_app.command("create")
def keys_create(
    role: Annotated[Role, typer.Option(help="admin, dispatcher, viewer or executor")],
    name: Annotated[str, typer.Option(help="Who or what uses the key")],
    executor_id: Annotated[str | None, typer.Option(help="For role executor")] = None,
) -> None:
    """Create a key and print it (the only time it is shown)."""
    from executor_balancer.db import transaction
    from executor_balancer.errors import BalancerError
    from executor_balancer.migrate import upgrade
    from executor_balancer.security import keys

    settings = _settings()
    engine, factory = _database(settings)
    upgrade(engine)
    try:
        owner = uuid.UUID(executor_id) if executor_id else None
        with transaction(factory) as session:
            key, token = keys.create(session, name=name, role=role, executor_id=owner)
    except (BalancerError, ValueError) as exc:
        console.print(f"[red]{getattr(exc, 'detail', exc)}[/red]")
        raise typer.Exit(2) from None
    console.print(f"created {key.role} key {key.id} ({key.name}); store it now:")
    typer.echo(token)


@keys_app.command("list")
def keys_list() -> None:
    """List keys (never their values)."""
    from rich.table import Table

    from executor_balancer.db import transaction
    from executor_balancer.security import keys

    settings = _settings()
    _, factory = _database(settings)
    table = Table("id", "name", "role", "prefix", "created", "last used", "revoked")
    with transaction(factory) as session:
        for key in keys.list_keys(session):
            table.add_row(str(key.id), key.name, key.role, key.prefix + "…",
                          f"{key.created_at:%Y-%m-%d %H:%M}",
                          f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "-",
                          f"{key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "-")
    Console().print(table)


@keys_app.command("revoke")
def keys_revoke(key_id: str) -> None:
    """Revoke a key: it stops working at once."""
    from executor_balancer.db import transaction
    from executor_balancer.errors import BalancerError
    from executor_balancer.security import keys

    settings = _settings()
    _, factory = _database(settings)
    try:
        with transaction(factory) as session:
            keys.revoke(session, uuid.UUID(key_id))
    except (BalancerError, ValueError) as exc:
        console.print(f"[red]{getattr(exc, 'detail', exc)}[/red]")
        raise typer.Exit(2) from None
    console.print(f"revoked {key_id}")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console script wrapper
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app(prog_name="executor-balancer")
