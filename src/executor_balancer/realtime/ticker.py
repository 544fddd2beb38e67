"""stats.tick: the counts, pushed to this instance's WebSocket clients every few seconds."""

from __future__ import annotations

import asyncio
import logging

import anyio
from sqlalchemy.orm import Session, sessionmaker

from executor_balancer.analytics import service as analytics_service
from executor_balancer.db import transaction
from executor_balancer.realtime.bus import EventBus
from executor_balancer.realtime.events import STATS_TICK, message

log = logging.getLogger(__name__)
TICK_SECONDS = 2.0


async def run_ticker(factory: sessionmaker[Session], bus: EventBus) -> None:
    while True:
        await asyncio.sleep(TICK_SECONDS)
        if not bus.subscribers:
            continue
        try:
            stats = await anyio.to_thread.run_sync(_stats, factory)
        except Exception:
            log.warning("stats tick failed", exc_info=True)
            continue
        bus.broadcast_local(message(STATS_TICK, stats))


def _stats(factory: sessionmaker[Session]) -> dict[str, object]:
    with transaction(factory) as session:
        return analytics_service.stats(session)
