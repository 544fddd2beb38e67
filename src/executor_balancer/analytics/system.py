"""GET /api/metrics: process and system figures as JSON (the Prometheus text is /metrics)."""

from __future__ import annotations

import os
import platform
import resource
import sys
import threading
import time
from typing import Any

from sqlalchemy import Engine

from executor_balancer import __version__

STARTED = time.time()


def system_metrics(*, engine: Engine, websocket_clients: int, pool_size: int) -> dict[str, Any]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "version": __version__,
        "process": {
            "pid": os.getpid(),
            "uptime_seconds": round(time.time() - STARTED, 3),
            "cpu_user_seconds": usage.ru_utime,
            "cpu_system_seconds": usage.ru_stime,
            "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "threads": threading.active_count(),
            "python": sys.version.split()[0],
        },
        "system": {
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "load_average": [round(x, 2) for x in load],
        },
        "database": {"dialect": engine.dialect.name, "pool": engine.pool.status()},
        "realtime": {"websocket_clients": websocket_clients},
        "dispatcher": {"executors_in_snapshot": pool_size},
    }
