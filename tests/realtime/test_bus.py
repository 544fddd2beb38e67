"""The bus fans out to every subscriber; a slow one is dropped without holding others up."""

from __future__ import annotations

import asyncio

from executor_balancer.realtime.bus import MemoryBus
from executor_balancer.realtime.events import matches, message


async def test_every_subscriber_gets_every_event_in_order():
    bus = MemoryBus()
    await bus.start(lambda envelope: None)
    first, second = bus.subscribe(), bus.subscribe()
    bus.publish({"events": [message("request.created", {"n": i}) for i in range(3)]})
    await asyncio.sleep(0.05)
    for subscriber in (first, second):
        got = [subscriber.queue.get_nowait()["data"]["n"] for _ in range(3)]
        assert got == [0, 1, 2]


async def test_a_slow_subscriber_is_dropped_and_others_keep_receiving():
    bus = MemoryBus()
    await bus.start(lambda envelope: None)
    slow, healthy = bus.subscribe(buffer=2), bus.subscribe(buffer=100)
    bus.publish({"events": [message("request.created", {"n": i}) for i in range(10)]})
    await asyncio.sleep(0.05)
    assert slow.dropped
    assert bus.subscribers == 1
    assert healthy.queue.qsize() == 10


def test_type_filters():
    assert matches("request.created", ())
    assert matches("request.created", ("request.*",))
    assert matches("assignment.updated", ("request.*", "assignment.updated"))
    assert not matches("executor.updated", ("request.*",))
    assert not matches("requests.x", ("request.*",))
