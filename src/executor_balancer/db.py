"""Database engine, session factory and the one-transaction-per-use-case session scope.

SQLite runs in WAL mode and opens every transaction with BEGIN IMMEDIATE, so a
read-then-write transaction never fails half-way on a lock upgrade. SQLite has one writer
at a time anyway, so inside the process writers queue on a Python lock (fair and cheap)
instead of polling SQLite's busy handler. PostgreSQL needs nothing special: every limit is
enforced by a conditional UPDATE.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from executor_balancer.config import IN_MEMORY_SQLITE

SQLITE_BUSY_TIMEOUT_MS = 30_000
_HOLDS_WRITER = "eb_holds_writer"
READ_ONLY = "eb_read_only"


def make_engine(url: str) -> Engine:
    if url == IN_MEMORY_SQLITE:
        return _memory_engine()
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=20, max_overflow=30,
        )
        _configure_sqlite(engine, wal=True)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def _memory_engine() -> Engine:
    """One shared connection, handed to one session at a time: the database lives in it."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    engine = create_engine(
        "sqlite://", poolclass=QueuePool, pool_size=1, max_overflow=0, pool_timeout=60,
        creator=lambda: connection,
    )
    _configure_sqlite(engine, wal=False)
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        # SQLite's lower() folds ASCII only; searches must match "анна" to "Анна" too.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    writer = threading.Lock()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")  # WAL readers never wait for the writer
            return
        writer.acquire()
        connection.info[_HOLDS_WRITER] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(connection)
            raise

    def _release(connection: Any, *_args: Any) -> None:
        if connection.info.pop(_HOLDS_WRITER, False):
            writer.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


def read_only(session: Session) -> Session:
    """Mark the session's transaction as a reader: on SQLite it takes no writer lock.

    Call before the first query; a write in such a transaction fails rather than waits.
    """
    session.connection(execution_options={READ_ONLY: True})
    return session


@contextmanager
def transaction(factory: sessionmaker[Session], *, readonly: bool = False) -> Iterator[Session]:
    """A use case's unit of work: commit on success, roll back on any error."""
    session = factory()
    if readonly:
        read_only(session)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
