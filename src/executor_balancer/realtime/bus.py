"""Event bus: fan events out to local subscribers; with Redis, to every instance.

`publish` is called from worker threads right after a commit; it never blocks on a slow
client. Each subscriber has a bounded queue: one that falls behind is dropped, so a dead
or slow WebSocket never slows anyone else.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)
CHANNEL = "executor_balancer:events"
SUBSCRIBER_BUFFER = 1000

Envelope = dict[str, Any]  # {"events": [...], "sync": {...}} as published after one commit


class Subscriber:
    """One consumer (a WebSocket): a bounded queue; `dropped` once it could not keep up."""

    def __init__(self, buffer: int = SUBSCRIBER_BUFFER) -> None:
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=buffer)
        self.dropped = False

    def offer(self, message: dict[str, Any]) -> bool:
        try:
            self.queue.put_nowait(message)
            return True
        except asyncio.QueueFull:
            self.dropped = True
            return False


class EventBus(Protocol):
    def publish(self, envelope: Envelope) -> None: ...
    def subscribe(self, buffer: int = SUBSCRIBER_BUFFER) -> Subscriber: ...
    def unsubscribe(self, subscriber: Subscriber) -> None: ...
    def broadcast_local(self, message: dict[str, Any]) -> None: ...
    async def start(self, on_remote: Callable[[Envelope], None]) -> None: ...
    async def stop(self) -> None: ...
    @property
    def subscribers(self) -> int: ...


class MemoryBus:
    """In-process bus: the default, for one instance."""

    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)

    async def start(self, on_remote: Callable[[Envelope], None]) -> None:
        self._loop = asyncio.get_running_loop()

    async def stop(self) -> None:
        self._loop = None

    def subscribe(self, buffer: int = SUBSCRIBER_BUFFER) -> Subscriber:
        subscriber = Subscriber(buffer)
        self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)

    def publish(self, envelope: Envelope) -> None:
        for event in envelope.get("events", []):
            self.broadcast_local(event)

    def broadcast_local(self, message: dict[str, Any]) -> None:
        """Thread-safe: hand the message to the event loop, which fans it out."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._fan_out, message)

    def _fan_out(self, message: dict[str, Any]) -> None:
        for subscriber in list(self._subscribers):
            if not subscriber.offer(message):
                log.info("dropping a subscriber that fell %d messages behind",
                         subscriber.queue.maxsize)
                self._subscribers.discard(subscriber)


class RedisBus(MemoryBus):
    """Local fan-out plus Redis pub/sub, so clients of instance A see events caused on B."""

    def __init__(self, url: str) -> None:
        super().__init__()
        import redis

        self.origin = uuid.uuid4().hex
        self._publisher = redis.Redis.from_url(url, socket_timeout=2)
        self._url = url
        self._task: asyncio.Task[None] | None = None

    async def start(self, on_remote: Callable[[Envelope], None]) -> None:
        await super().start(on_remote)
        self._task = asyncio.create_task(self._listen(on_remote), name="redis-events")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._publisher.close()
        await super().stop()

    def publish(self, envelope: Envelope) -> None:
        super().publish(envelope)
        payload = json.dumps({"origin": self.origin, **envelope}, default=str)
        try:
            self._publisher.publish(CHANNEL, payload)
        except Exception:  # Redis down: local clients still got it; the sweep resyncs
            log.warning("could not publish events to Redis", exc_info=True)

    async def _listen(self, on_remote: Callable[[Envelope], None]) -> None:
        import redis.asyncio as aioredis

        while True:
            try:
                client = aioredis.Redis.from_url(self._url)
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    async for item in pubsub.listen():
                        self._receive(item, on_remote)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("Redis subscription lost; retrying in 1 s", exc_info=True)
                await asyncio.sleep(1)

    def _receive(self, item: dict[str, Any], on_remote: Callable[[Envelope], None]) -> None:
        if item.get("type") != "message":
            return
        envelope = json.loads(item["data"])
        if envelope.get("origin") == self.origin:
            return
        on_remote(envelope)
        for event in envelope.get("events", []):
            self._fan_out(event)


def make_bus(redis_url: str | None) -> EventBus:
    return RedisBus(redis_url) if redis_url else MemoryBus()
