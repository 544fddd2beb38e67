"""The background dispatcher: serves the queue when woken and on a periodic sweep."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import anyio
from sqlalchemy.orm import Session, sessionmaker

from executor_balancer.config import Settings
from executor_balancer.db import transaction
from executor_balancer.dispatch.service import dispatch_queue
from executor_balancer.dispatch.snapshot import PoolSnapshot
from executor_balancer.tracking import Changes

log = logging.getLogger(__name__)
FULL_RELOAD_SECONDS = 30.0


class Dispatcher:
    """Owns the pool snapshot and the queue loop; `wake` is safe from any thread."""

    def __init__(self, factory: sessionmaker[Session], settings: Settings) -> None:
        self.factory = factory
        self.settings = settings
        self.snapshot = PoolSnapshot()
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def on_commit(self, changes: Changes) -> None:
        """After each commit: refresh the view; serve the queue if room appeared."""
        self.snapshot.note(changes)
        if changes.capacity_freed:
            self.wake()

    def wake(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.create_task(self._run(), name="dispatcher")
        self.wake()

    async def stop(self) -> None:
        # A flag as well as cancel(): on Python 3.11 wait_for can swallow a cancel that
        # arrives as the wake event fires, and the loop would never end.
        self._stopping = True
        self.wake()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._loop = None

    async def _run(self) -> None:
        while not self._stopping:
            try:
                async with asyncio.timeout(self.settings.dispatch_sweep_seconds):
                    await self._wake.wait()
            except TimeoutError:
                pass  # the sweep: day rollovers, other instances, missed triggers
            if self._stopping:
                return
            self._wake.clear()
            try:
                assigned = await anyio.to_thread.run_sync(self.run_once)
                if assigned:
                    log.info("dispatched %d queued request(s)", assigned)
            except Exception:  # keep serving; the next sweep retries
                log.exception("queue dispatch failed")

    def run_once(self) -> int:
        """One sweep; every so often it first rebuilds the pool here, off the request path."""
        if time.monotonic() - self.snapshot.loaded_at > FULL_RELOAD_SECONDS:
            with transaction(self.factory, readonly=True) as session:
                self.snapshot.reload(session)
                self.snapshot.mark_rules_dirty()
        return dispatch_queue(self.factory, self.snapshot, self.settings)
