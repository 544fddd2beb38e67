"""Benchmark: POST /api/requests (create + auto-assign) against GET /api/health, over HTTP.

Starts the real server (`executor-balancer serve`, SQLite in a temporary directory, 1,000
executors, the sample rules, authentication on with a Bearer key) and drives it from separate
client processes over keep-alive HTTP/1.1 connections, each phase after a short warm-up:

1. closed loop, `--concurrency` connections sending as fast as answers come: health, then
   assignment. Their throughput ratio is the figure that counts on a noisy machine.
2. open loop, assignments at `--rate` and at half the closed-loop throughput; latency runs
   from each request's *scheduled* send time, so a stalled server cannot hide behind a
   stalled client (coordinated omission).

The client is a minimal asyncio HTTP/1.1 client, not httpx: server and client share the
machine's cores, and every microsecond the client burns is taken from the server. Server
settings pass through the environment (e.g. DISPATCH_SWEEP_SECONDS). If the server stops
answering, the run still ends (10 s timeouts) and prints where its threads wait (py-spy).

Run: `python bench/http.py [--executors 1000] [--seconds 10] [--concurrency 32] [--rate 500]`
"""


from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's `http` package: take bench/ off the import
# path, or any `import http.client` below (or in a worker process) would load this script.
HERE = Path(__file__).resolve()
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE.parent]

import argparse
import asyncio
import functools
import json
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from typing import Any

from executor_balancer.sample_data import RULES, SKILL_FAMILIES

HOST = "127.0.0.1"
WARMUP_SECONDS = 1.0
REQUEST_TIMEOUT = 10.0  # far above any healthy answer; bounds the run if the server hangs
LATE_MS = 10.0  # an open-loop send this late means the client ran out of free connections
BODIES = 4096
TARGET_RATIO, TARGET_P99_MS = 0.40, 50.0
EASY_SHARE = 0.5  # the second open-loop rate, as a share of the closed-loop throughput

# Which skill families each role draws from, and which a request category asks for.
ROLE_FAMILIES = {
    "programmer": ("backend", "frontend", "data"), "support": ("support",),
    "admin": ("devops", "support"), "tester": ("qa", "backend"), "designer": ("design", "frontend"),
    "analyst": ("data", "marketing"), "marketer": ("marketing", "design"),
    "devops": ("devops", "backend"), "manager": ("support", "marketing", "data"),
}  # fmt: skip
ROLE_SHARE = (30, 20, 8, 10, 6, 8, 6, 8, 4)  # in ROLE_FAMILIES order
CATEGORY_FAMILIES = {
    "technical": ("backend", "devops"), "support": ("support",),
    "development": ("backend", "frontend"), "testing": ("qa",), "design": ("design",),
    "marketing": ("marketing",), "infrastructure": ("devops",), "analytics": ("data",),
    "billing": ("support",),
}  # fmt: skip
LANGUAGES = ("en", "ru", "de", "es", "fr", "kk", "zh")
ZONES = ("Europe/Moscow", "UTC", "Europe/Berlin", "Europe/London", "America/New_York",
         "Asia/Almaty", "Asia/Tokyo", "Asia/Novosibirsk")  # fmt: skip
FIRST = ("Анна", "Дмитрий", "Ольга", "Сергей", "Мария", "James", "Emily", "Lukas", "Wei", "Aigerim")
LAST = ("Смирнова", "Иванов", "Кузнецова", "Попов", "Carter", "Johnson", "Schneider", "Zhang")
TITLES = ("Не проходит оплата картой", "Login page returns 500", "Настроить CI для сервиса",
          "Invoice shows the wrong VAT", "Новый лендинг к акции", "Flaky checkout test",
          "Отчёт по оттоку за квартал", "Kubernetes node out of disk", "Клиент не получает письма",
          "Update the onboarding copy")  # fmt: skip


# --------------------------------------------------------------------------------------------
# A minimal keep-alive HTTP/1.1 client
# --------------------------------------------------------------------------------------------


class Connection:
    def __init__(self, port: int, token: str | None = None) -> None:
        self.port = port
        self.auth = f"Authorization: Bearer {token}\r\n" if token else ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        await self.connect()
        assert self.reader is not None and self.writer is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n{self.auth}"
        if method != "GET":
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        try:
            self.writer.write(head.encode() + b"\r\n" + body)
            return await self._response(self.reader)
        except BaseException:
            self.close()  # the stream is in an unknown state: the next request reconnects
            raise

    async def _response(self, reader: asyncio.StreamReader) -> tuple[int, bytes]:
        lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if "content-length" not in headers:  # FastAPI's JSON answers always carry one
            raise ValueError("response without Content-Length")
        body = await reader.readexactly(int(headers["content-length"]))
        if headers.get("connection") == "close":
            self.close()
        return status, body


# --------------------------------------------------------------------------------------------
# Worker mode: one client process runs one phase and prints its samples as JSON
# --------------------------------------------------------------------------------------------


def outcome(kind: str, status: int, body: bytes) -> str:
    """'ok', 'assigned', 'pending' or 'http <status>' for one answer."""
    if kind == "health":
        return "ok" if status == 200 else f"http {status}"
    if status != 201:
        return f"http {status}"
    return "pending" if json.loads(body)["assignment"] is None else "assigned"


class Phase:
    """One process's share of a phase: the schedule, the window and what was seen in it."""

    def __init__(self, cfg: dict[str, Any], start: float) -> None:
        self.cfg = cfg
        self.kind = cfg["kind"]
        self.bodies = [b.encode() for b in cfg.get("bodies", [])]
        self.next_body = cfg["index"] * 997  # processes start at different bodies
        self.start = start
        self.window = (start + WARMUP_SECONDS, start + WARMUP_SECONDS + cfg["seconds"])
        self.slot = 0
        self.latencies: list[float] = []  # ms, requests sent (or scheduled) in the window
        self.served = 0  # answers that arrived inside the window, any outcome
        self.outcomes: Counter[str] = Counter()  # every answer, warm-up included
        self.window_outcomes: Counter[str] = Counter()
        self.late = self.unsent = 0
        self.cpu = 0.0

    def request(self) -> tuple[str, str, bytes]:
        if self.kind == "health":
            return "GET", "/api/health", b""
        self.next_body += 1
        return "POST", "/api/requests", self.bodies[self.next_body % len(self.bodies)]

    async def send(self, conn: Connection, ref: float) -> None:
        """One request; `ref` is when it was sent (closed loop) or due (open loop)."""
        method, path, body = self.request()
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                status, answer = await conn.request(method, path, body)
            seen = outcome(self.kind, status, answer)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError, KeyError) as exc:
            seen = type(exc).__name__
        end = asyncio.get_running_loop().time()
        self.outcomes[seen] += 1
        low, high = self.window
        if low <= end < high:
            self.served += 1
        if low <= ref < high:
            self.latencies.append((end - ref) * 1000.0)
            self.window_outcomes[seen] += 1

    async def closed(self, conn: Connection) -> None:
        loop = asyncio.get_running_loop()
        while (now := loop.time()) < self.window[1]:
            await self.send(conn, now)

    def due(self) -> float | None:
        """The next open-loop send time; processes interleave their slots."""
        rate, procs = self.cfg["rate"], self.cfg["processes"]
        due = self.start + (self.slot * procs + self.cfg["index"]) / rate
        self.slot += 1
        return due if due < self.window[1] else None

    async def open(self, conn: Connection) -> None:
        loop = asyncio.get_running_loop()
        give_up = self.window[1] + 2.0
        while (due := self.due()) is not None:
            lag = loop.time() - due
            if lag < 0:
                await asyncio.sleep(-lag)
            elif loop.time() > give_up:  # hopelessly behind: bounded run time
                if due >= self.window[0]:
                    self.unsent += 1
                continue
            elif lag * 1000.0 > LATE_MS and due >= self.window[0]:
                self.late += 1
            await self.send(conn, due)

    async def cpu_meter(self) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(max(0.0, self.window[0] - loop.time()))
        before = time.process_time()
        await asyncio.sleep(max(0.0, self.window[1] - loop.time()))
        self.cpu = time.process_time() - before


async def run_worker(cfg: dict[str, Any]) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    token = cfg.get("token")  # a health probe sends none
    conns = [Connection(cfg["port"], token) for _ in range(cfg["connections"])]
    await asyncio.gather(*(c.connect() for c in conns))
    phase = Phase(cfg, loop.time() + max(0.0, cfg["start_at"] - time.time()))
    await asyncio.sleep(max(0.0, phase.start - loop.time()))
    client = phase.closed if cfg["mode"] == "closed" else phase.open
    await asyncio.gather(phase.cpu_meter(), *(client(c) for c in conns))
    for conn in conns:
        conn.close()
    return {
        "latencies": [round(x, 3) for x in phase.latencies],
        "served": phase.served,
        "outcomes": phase.outcomes,
        "window_outcomes": phase.window_outcomes,
        "late": phase.late,
        "unsent": phase.unsent,
        "cpu": phase.cpu,
    }


def worker_main() -> None:
    cfg = json.load(sys.stdin)
    json.dump(asyncio.run(run_worker(cfg)), sys.stdout)


# --------------------------------------------------------------------------------------------
# Data: executors, rules and request bodies (seeded, the same on every run)
# --------------------------------------------------------------------------------------------


def executor_bodies(count: int, rng: random.Random) -> list[dict[str, Any]]:
    roles = list(ROLE_FAMILIES)
    people = []
    for i in range(count):
        role = rng.choices(roles, ROLE_SHARE)[0]
        own = sorted({s for f in ROLE_FAMILIES[role] for s in SKILL_FAMILIES[f]})
        other = sorted({s for f in SKILL_FAMILIES.values() for s in f} - set(own))
        skills = rng.sample(own, rng.randint(3, min(6, len(own))))
        skills += rng.sample(other, rng.randint(0, 2))
        languages = ["ru" if rng.random() < 0.6 else "en"]
        languages += rng.sample(LANGUAGES, rng.randint(0, 2))
        people.append({
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "email": f"bench.executor.{i:05d}@example.com", "role": role, "skills": skills,
            "languages": languages, "timezone": rng.choice(ZONES),
            "experience_years": round(rng.uniform(0, 15), 1),
            "status": rng.choices(("active", "busy", "offline"), (90, 5, 5))[0],
            "daily_limit": 10_000, "capacity": 10_000,
            "success_rate": round(rng.uniform(0.6, 1.0), 2),
            "weight": round(rng.uniform(0.3, 1.0), 2),
        })  # fmt: skip
    return people


def request_bodies(count: int, rng: random.Random) -> list[str]:
    """Half without required skills, the rest one or two skills of the category's family."""
    bodies = []
    for _ in range(count):
        category = rng.choice(list(CATEGORY_FAMILIES))
        family = SKILL_FAMILIES[rng.choice(CATEGORY_FAMILIES[category])]
        skills = rng.sample(family, rng.choices((0, 1, 2), (50, 35, 15))[0])
        if category == "billing" and skills:
            skills[0] = "billing"  # the billing rule requires it anyway
        body = {
            "title": rng.choice(TITLES), "description": "Создано нагрузочным тестом.",
            "category": category,
            "priority": rng.choices(("critical", "high", "medium", "low"), (5, 20, 50, 25))[0],
            "complexity": rng.choice(("low", "medium", "high", "expert")),
            "required_skills": sorted(set(skills)),
            "required_languages": rng.choices(([], ["en"], ["ru"]), (60, 25, 15))[0],
        }  # fmt: skip
        if rng.random() < 0.3:
            body["timezone_preference"] = rng.choice(ZONES)
        bodies.append(json.dumps(body, ensure_ascii=False))
    return bodies


async def post_all(
    port: int, token: str, path: str, bodies: list[dict[str, Any]], connections: int
) -> None:
    queue = list(reversed(bodies))

    async def client() -> None:
        conn = Connection(port, token)
        while queue:
            body = queue.pop()
            async with asyncio.timeout(REQUEST_TIMEOUT):
                status, answer = await conn.request("POST", path, json.dumps(body).encode())
            if status != 201:
                raise RuntimeError(f"POST {path}: {status} {answer[:300]!r}")
        conn.close()

    await asyncio.gather(*(client() for _ in range(connections)))


async def get_json(port: int, path: str, token: str | None = None) -> tuple[int, Any]:
    conn = Connection(port, token)
    try:
        async with asyncio.timeout(REQUEST_TIMEOUT):
            status, body = await conn.request("GET", path)
        return status, json.loads(body) if body else None
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------
# The server process
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(tmp: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    """Authentication stays on, as deployed: `token` becomes the first admin key."""
    script = Path(sys.executable).parent / "executor-balancer"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "executor_balancer"]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}", "USE_DATABASE": "true",
           "LOAD_SAMPLE_DATA": "false", "LOG_LEVEL": "WARNING", "REDIS_URL": "",
           "AUTH_ENABLED": "true", "ADMIN_TOKEN": token}  # fmt: skip
    with (tmp / "server.log").open("wb") as log:  # cwd=tmp: no stray .env file is read
        return subprocess.Popen(
            [*command, "serve", "--host", HOST, "--port", str(port)],
            env=env,
            cwd=tmp,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_healthy(port: int, server: subprocess.Popen[bytes], tmp: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (tmp / "server.log").read_text(errors="replace")
            raise RuntimeError(f"server exited with {server.returncode}:\n{log[-3000:]}")
        try:
            if asyncio.run(get_json(port, "/api/health"))[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server not healthy after {timeout:.0f} s")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------------------------
# Running a phase across client processes, and the report
# --------------------------------------------------------------------------------------------


def run_phase(args: argparse.Namespace, port: int, server_pid: int, name: str,
              **cfg: Any) -> dict[str, Any]:  # fmt: skip
    """Start `--clients` worker processes together; merge what they saw."""
    procs, start_at = args.clients, time.time() + 1.0 + 0.2 * args.clients
    workers = []
    try:
        for index in range(procs):
            worker = subprocess.Popen([sys.executable, str(HERE), "--worker"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
            share = {
                "port": port,
                "start_at": start_at,
                "seconds": args.seconds,
                "index": index,
                "processes": procs,
                "connections": max(1, args.concurrency // procs),
                **cfg,
            }
            assert worker.stdin is not None
            worker.stdin.write(json.dumps(share).encode())
            worker.stdin.close()
            workers.append(worker)
        time.sleep(max(0.0, start_at + WARMUP_SECONDS - time.time()))
        server_before = cpu_seconds(server_pid)
        time.sleep(max(0.0, start_at + WARMUP_SECONDS + args.seconds - time.time()))
        server_after = cpu_seconds(server_pid)
        results = []
        for worker in workers:
            assert worker.stdout is not None
            out = worker.stdout.read()  # a worker ends by itself: every wait in it is bounded
            if worker.wait():
                raise RuntimeError(f"client process failed with {worker.returncode}")
            results.append(json.loads(out))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    merged: dict[str, Any] = {
        "name": name, "kind": cfg["kind"], "rate": cfg.get("rate"), "latencies": [],
        "outcomes": Counter(), "window_outcomes": Counter(), "served": 0, "late": 0, "unsent": 0,
        "client_cpu": [r["cpu"] / args.seconds for r in results],
    }  # fmt: skip
    for r in results:
        merged["latencies"] += r["latencies"]
        for key in ("outcomes", "window_outcomes"):
            merged[key].update(r[key])
        for key in ("served", "late", "unsent"):
            merged[key] += r[key]
    merged["rps"] = merged["served"] / args.seconds
    if server_before is not None and server_after is not None:
        merged["server_cpu"] = (server_after - server_before) / args.seconds
    return merged


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


GOOD = {"ok", "assigned", "pending"}


def errors(result: dict[str, Any]) -> int:
    failed = sum(n for key, n in result["window_outcomes"].items() if key not in GOOD)
    return failed + result["unsent"]


def row(result: dict[str, Any]) -> str:
    lat = result["latencies"]
    p50 = statistics.median(lat) if lat else float("nan")
    server = f"{result['server_cpu']:.0%}" if "server_cpu" in result else "n/a"
    client = "+".join(f"{c:.0%}" for c in result["client_cpu"])
    return (f"| {result['name']} | {len(lat):,} | {result['rps']:,.0f} | "
            f"{p50:.1f} | {percentile(lat, 0.95):.1f} | "
            f"{percentile(lat, 0.99):.1f} | {errors(result)} | {server} | {client} |")  # fmt: skip


def open_loop_line(result: dict[str, Any], rate: float) -> tuple[str, bool]:
    """One line on an open-loop phase, and whether it held its rate within the p99 target."""
    p99 = percentile(result["latencies"], 0.99)
    sustained = result["rps"] >= 0.95 * rate and not result["unsent"]
    line = (f"open loop {rate:g} req/s offered: {result['rps']:,.0f} served "
            f"({'sustained' if sustained else 'NOT sustained'}), p99 {p99:.1f} ms from the "
            f"scheduled send; {result['late']} sent > {LATE_MS:.0f} ms late, {result['unsent']} "
            f"never sent")  # fmt: skip
    return line, sustained and p99 <= TARGET_P99_MS


def answers_line(results: list[dict[str, Any]], stats: dict[str, Any] | None) -> str:
    """Every POST's answer, warm-ups included, checked against the server's own counts."""
    answers = sum((r["outcomes"] for r in results if r["kind"] == "assign"), Counter())
    created = answers["assigned"] + answers["pending"]
    failed = {k: n for k, n in answers.items() if k not in GOOD}
    line = (f"POST /api/requests, warm-ups included: {created:,} answered 201 "
            f"({answers['assigned']:,} assigned, {answers['pending']:,} pending), other answers: "
            f"{failed or 'none'}; ")  # fmt: skip
    if stats is None:
        return line + "GET /api/stats did not answer"
    by_status = stats["requests"]["by_status"]
    agrees = (stats["requests"]["total"] == created
              and by_status.get("assigned", 0) == answers["assigned"])  # fmt: skip
    return line + (f"GET /api/stats {'agrees' if agrees else 'DISAGREES'}: "
                   f"{stats['requests']['total']:,} requests, by status {by_status}")  # fmt: skip


def report(args: argparse.Namespace, setup_s: float, results: list[dict[str, Any]],
           stats: dict[str, Any] | None) -> None:  # fmt: skip
    health, closed, target, easy = results
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"\nExecutor Balancer over HTTP: {args.executors:,} executors, SQLite (WAL), one server "
          f"process, Bearer-key auth; {args.clients} client process(es) x "
          f"{args.concurrency // args.clients} keep-alive connections; {WARMUP_SECONDS:.0f} s "
          f"warm-up, then {args.seconds:g} s per phase")  # fmt: skip
    print(f"machine: {cores} cores shared by server and client; {platform.system()} "
          f"{platform.machine()}, Python {platform.python_version()}; setup (executors + rules) "
          f"{setup_s:.1f} s\n")  # fmt: skip
    print("| what | n | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU | client CPU |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for result in results:
        print(row(result))
    print("\nn: latency samples; req/s: answers inside the window; errors: non-2xx, transport "
          "failures and open-loop sends given up; CPU: share of one core")  # fmt: skip
    ratio = closed["rps"] / health["rps"] if health["rps"] else float("nan")
    print(
        f"assign / health throughput: {ratio:.2f} "
        f"(target >= {TARGET_RATIO:.2f}: {'met' if ratio >= TARGET_RATIO else 'missed'})"
    )
    line, held = open_loop_line(target, args.rate)
    verdict = "met" if held and args.rate >= 500 else "missed"
    print(f"{line} (target p99 <= {TARGET_P99_MS:.0f} ms at >= 500 req/s: {verdict})")
    print(open_loop_line(easy, easy["rate"])[0])
    print(answers_line(results, stats))
    if any(c > 0.8 for r in results for c in r["client_cpu"]):
        print(f"note: a client process used over 80% of a core, so the client may limit these "
              f"figures; try --clients {args.clients + 1}")  # fmt: skip


def timed_out(results: list[dict[str, Any]]) -> int:
    return sum(r["outcomes"]["TimeoutError"] for r in results)


def dump_stuck_server(pid: int) -> None:
    """A server that stopped answering is most likely deadlocked: show where its threads wait."""
    print(f"\nnote: requests timed out after {REQUEST_TIMEOUT:g} s; the server stopped answering")
    spy = Path(sys.executable).parent / "py-spy"
    if not spy.exists():
        print(f"(install py-spy and run `py-spy dump --pid {pid}` while it hangs)")
        return
    dump = subprocess.run([str(spy), "dump", "--pid", str(pid)], capture_output=True, text=True,
                          timeout=60, check=False).stdout  # fmt: skip
    stacks = Counter(  # identical stacks once, with how many threads wait there
        "\n".join(line for line in block.splitlines()[1:] if "sqlalchemy" not in line)
        for block in dump.split("\nThread ")[1:]
    )
    print(f"`py-spy dump --pid {pid}`, SQLAlchemy frames left out:")
    for stack, threads in stacks.most_common():
        print(f"{threads} thread(s):\n{stack}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executors", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per phase")
    parser.add_argument("--concurrency", type=int, default=32, help="connections in all")
    parser.add_argument("--rate", type=float, default=500.0, help="open-loop requests per second")
    parser.add_argument("--clients", type=int, default=1, help="client processes")
    parser.add_argument("--seed", type=int, default=20250602)
    return parser.parse_args()


def measure(args: argparse.Namespace, port: int, server_pid: int, token: str,
            rng: random.Random) -> list[dict[str, Any]]:  # fmt: skip
    """The four phases, in order: health, assignment closed loop, at --rate, at half speed."""
    phase = functools.partial(run_phase, args, port, server_pid)
    posts = {"kind": "assign", "bodies": request_bodies(BODIES, rng), "token": token}
    health = phase(f"GET /api/health, closed loop x{args.concurrency}", kind="health",
                   mode="closed")  # fmt: skip
    closed = phase(f"POST /api/requests, closed loop x{args.concurrency}", mode="closed", **posts)
    target = phase(f"POST /api/requests, open loop {args.rate:g}/s", mode="open",
                   rate=args.rate, **posts)  # fmt: skip
    easy_rate = max(1.0, round(EASY_SHARE * closed["rps"]))
    easy = phase(f"POST /api/requests, open loop {easy_rate:g}/s (half the closed-loop rate)",
                 mode="open", rate=easy_rate, **posts)  # fmt: skip
    return [health, closed, target, easy]


def main() -> None:
    args = parse_args()
    rng = random.Random(args.seed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the cleanup below
    tmp = Path(tempfile.mkdtemp(prefix="eb-bench-http-"))
    server = None
    try:
        port, token = free_port(), "eb_" + secrets.token_urlsafe(32)
        server = start_server(tmp, port, token)
        wait_healthy(port, server, tmp, timeout=60)
        began = time.perf_counter()
        people = executor_bodies(args.executors, rng)
        asyncio.run(post_all(port, token, "/api/executors", people, 8))
        asyncio.run(post_all(port, token, "/api/rules", list(RULES), 1))
        setup_s = time.perf_counter() - began
        print(f"server on :{port}, {args.executors:,} executors and {len(RULES)} rules in "
              f"{setup_s:.1f} s; measuring ...", file=sys.stderr, flush=True)  # fmt: skip
        results = measure(args, port, server.pid, token, rng)
        try:
            status, stats = asyncio.run(get_json(port, "/api/stats", token))
        except (OSError, TimeoutError):
            status, stats = 0, None
        report(args, setup_s, results, stats if status == 200 else None)
        if timed_out(results):
            dump_stuck_server(server.pid)
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker_main()
    else:
        main()
