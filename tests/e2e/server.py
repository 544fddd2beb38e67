"""Start the real `executor-balancer serve` process on a free port, for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CLI = str(Path(sys.executable).parent / "executor-balancer")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server(str):
    """The base URL, plus what the process printed (read after it stopped)."""

    output: str = ""


@contextmanager
def running_server(
    env: dict[str, str], *, workers: int = 1, timeout: float = 60, cwd: Path | None = None
) -> Iterator[str]:
    """Yield the base URL of a live server; stop it (SIGTERM) afterwards."""
    port = free_port()
    full_env = {**os.environ, "LOAD_SAMPLE_DATA": "false", "AUTH_ENABLED": "false", **env}
    process = subprocess.Popen(
        [CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=full_env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = Server(f"http://127.0.0.1:{port}")
    try:
        wait_healthy(base, process, timeout)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            base.output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            base.output, _ = process.communicate()


def wait_healthy(base: str, process: subprocess.Popen[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"server at {base} not healthy after {timeout}s")
