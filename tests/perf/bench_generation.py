"""Generation benchmark: `gql-invoke serve` as shipped against a plain diffusers loop.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_generation.py [--images 20] [--rounds 3] \
        [--db sqlite|postgres] [--pg-url postgres://user@host:5432/db]

Both sides run in processes of their own, on the same demo model and device:

- server: the real `python -m gql_invoke.launch serve` (`gql-invoke serve`: the API
  process, one `gql-invoke worker --managed` child holding torch, events over the
  relay), single-user mode, configured by a gql_invoke.yaml in a fresh root; with
  --db postgres on a fresh database (CREATE DATABASE bench_<random>, dropped at the
  end) on the server of --pg-url or TEST_POSTGRES_URL.
- raw: a child process that loads the same pipeline (gql_invoke's load_pipeline:
  same weights, dtype, device; scheduler set to Euler as the server's jobs ask) and
  calls ``pipe(...)`` in a loop, nothing else.

Both are warm (two warm-up images per case, the model loaded) before anything is
timed. Rounds alternate raw and server per case (A B A B ...), and each case's
best of rounds is compared (other processes on a shared machine move single runs by
10 % and more). Cases:

- 64x64, 8 steps;  128x128, 12 steps;
- 64x64, 8 steps with --clients websocket clients (in --client-procs processes on
  this machine) following generationProgress, against the raw 64x64 run just before.

The server's time for N images: enqueue (one mutation, runs=N) until the last one is
COMPLETED, watched through one queueEvents subscription (no polling).

Also:

- fan-out skew: for each progress event of the watched rounds, the last receipt
  minus the first across the clients (all on this machine's clock), p50/p99/max;
- first image after ready: a fresh server is started (a new root: its database is
  created and migrated at start); from the moment /healthz first answers 200 (polled
  every 10 ms), a job is enqueued at once, and the time to its first
  generationProgress event is taken (--ready-samples fresh starts); then the same
  server is stopped and started again on its root (a restart: the everyday case) and
  timed the same way.

Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

import httpx  # noqa: E402
import yaml  # noqa: E402

DEMO_KEY = "demo-tiny-sd"
WARM_UP = 2
PROMPT = "a lighthouse on a cliff at dusk"
CFG = 7.5
ENQUEUE = """mutation($i: EnqueueInput!){ enqueue(input: $i){ batchId items { id } } }"""
EVENTS = """subscription{ queueEvents { __typename ... on QueueItemStatusChanged {
  item { id status } } } }"""
PROGRESS = """subscription{ generationProgress { queueItemId step totalSteps } }"""
# name -> (size, steps, watched by the clients)
CASES: dict[str, tuple[int, int, bool]] = {
    "64x64_8steps": (64, 8, False),
    "128x128_12steps": (128, 12, False),
    "64x64_8steps_100_watchers": (64, 8, True),
}
TARGETS = {"64x64_8steps": 0.97, "128x128_12steps": 0.99, "64x64_8steps_100_watchers": 0.95}
SKEW_TARGET_MS = 10.0
FIRST_IMAGE_TARGET_S = 3.0


def _generation(size: int, steps: int) -> dict[str, Any]:
    return {
        "prompt": PROMPT,
        "width": size,
        "height": size,
        "steps": steps,
        "cfgScale": CFG,
        "scheduler": "EULER",
        "seed": 0,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _pcts(values: list[float]) -> dict[str, Any]:
    values = sorted(values)
    if not values:
        return {"n": 0}
    return {
        "p50_ms": _ms(values[len(values) // 2]),
        "p99_ms": _ms(values[min(len(values) - 1, int(len(values) * 0.99))]),
        "max_ms": _ms(values[-1]),
        "n": len(values),
    }


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")}


# --- databases -----------------------------------------------------------------------------


class Databases:
    """Fresh PostgreSQL databases on the server of ``base``, all dropped by ``drop_all``."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.admin = base.replace("postgres://", "postgresql://", 1)
        self.names: list[str] = []

    def create(self) -> str:
        name = f"bench_{uuid.uuid4().hex[:12]}"
        asyncio.run(self._execute(f'CREATE DATABASE "{name}"'))
        self.names.append(name)
        return f"{self.base.rsplit('/', 1)[0]}/{name}"

    def drop_all(self) -> None:
        for name in self.names:
            asyncio.run(self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.names.clear()

    async def _execute(self, sql: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(self.admin)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()


# --- the server: `gql-invoke serve` in a child process ---------------------------------------


class Server:
    def __init__(self, root: Path, model: Path, device: str, db_url: str, clients: int) -> None:
        (root / "models").mkdir(parents=True)
        os.symlink(model, root / "models" / DEMO_KEY)
        config = {
            "multiuser": False,
            "worker_enabled": True,
            "build_demo_model": True,
            "log_level": "warning",
            "device": device,
            # Every watcher is the one single-user owner: room for all of them.
            "max_connections_per_user": clients + 20,
            "max_subscriptions_per_user": 2 * clients + 40,
        }
        if db_url:
            config["db_url"] = db_url
        (root / "gql_invoke.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        self.root, self.port = root, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = root / "server.log"
        self._start()

    def restart(self) -> None:
        """Stopped, then started again on the same root (its database, its model)."""
        self.stop()
        self._start()

    def _start(self) -> None:
        root = self.root
        self.http = httpx.Client(base_url=self.url, timeout=60, trust_env=False)
        with self.log.open("a") as out:
            self.started = time.perf_counter()
            self.proc = subprocess.Popen(
                # What the gql-invoke command runs (it starts the workers first thing).
                [sys.executable, "-m", "gql_invoke.launch", "serve", "--root", str(root)]
                + ["--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=_clean_env(),
                cwd=ROOT_DIR,
            )

    def wait_ready(self, timeout: float = 180) -> float:
        """Poll /healthz every 10 ms; perf_counter() of its first 200."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.http.get("/healthz", timeout=1).status_code == 200:
                    return time.perf_counter()
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start:\n" + self.log.read_text())
            time.sleep(0.01)

    def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.http.post("/graphql", json={"query": query, "variables": variables or {}})
        data = body.json()
        if data.get("errors"):
            raise RuntimeError(data["errors"])
        return dict(data["data"])

    def stop(self) -> None:
        self.http.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


async def _ws(url: str) -> Any:
    from websockets.asyncio.client import connect

    ws = await connect(
        url.replace("http", "ws") + "/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        max_size=None,
        compression=None,
    )
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _run_batch(server: Server, generation: dict[str, Any], runs: int) -> float:
    """Enqueue ``runs`` images; seconds until the last one is COMPLETED (one subscription)."""
    ws = await _ws(server.url)
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": EVENTS}}))
    await asyncio.sleep(0.2)  # the subscription is registered server-side
    started = time.perf_counter()
    data = await asyncio.to_thread(
        server.gql, ENQUEUE, {"i": {"generation": generation, "runs": runs}}
    )
    wanted = {i["id"] for i in data["enqueue"]["items"]}
    while wanted:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 300))
        event = (msg.get("payload") or {}).get("data", {}).get("queueEvents", {})
        item = event.get("item") or {}
        if item.get("status") == "COMPLETED":
            wanted.discard(item["id"])
        elif item.get("status") in ("FAILED", "CANCELED"):
            raise RuntimeError(f"item {item['id']} {item['status']}")
    elapsed = time.perf_counter() - started
    await ws.close()
    return elapsed


async def _first_progress(server: Server, generation: dict[str, Any]) -> dict[str, float]:
    """Right after ready: subscribe, enqueue one job, wait for its first progress event."""
    ready = time.perf_counter()
    ws = await _ws(server.url)
    await ws.send(json.dumps({"id": "p", "type": "subscribe", "payload": {"query": PROGRESS}}))
    await ws.send(json.dumps({"id": "q", "type": "subscribe", "payload": {"query": EVENTS}}))
    data = await asyncio.to_thread(server.gql, ENQUEUE, {"i": {"generation": generation}})
    enqueued = time.perf_counter()
    [wanted] = [i["id"] for i in data["enqueue"]["items"]]
    first = done = 0.0
    while not done:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 300))
        payload = (msg.get("payload") or {}).get("data", {})
        if msg.get("id") == "p" and not first:
            if payload["generationProgress"]["queueItemId"] == wanted:
                first = time.perf_counter()
        elif msg.get("id") == "q":
            item = (payload.get("queueEvents") or {}).get("item") or {}
            if item.get("id") == wanted and item.get("status") == "COMPLETED":
                done = time.perf_counter()
    await ws.close()
    return {
        "enqueued_after_ready_s": round(enqueued - ready, 3),
        "first_progress_after_ready_s": round(first - ready, 3),
        "completed_after_ready_s": round(done - ready, 3),
    }


# --- websocket watchers (child processes) --------------------------------------------------


def _clients_proc(url: str, count: int, ready: Any, stop: Any, out: Any) -> None:
    out.put(asyncio.run(_listen(url, count, ready, stop)))


async def _listen(url: str, count: int, ready: Any, stop: Any) -> list[tuple[str, int, float]]:
    received: list[tuple[str, int, float]] = []
    sockets = [await _ws(url) for _ in range(count)]

    async def reader(ws: Any) -> None:
        while True:
            raw = await ws.recv()
            now = time.time()
            p = json.loads(raw)["payload"]["data"]["generationProgress"]
            received.append((p["queueItemId"], p["step"], now))

    for ws in sockets:
        await ws.send(json.dumps({"id": "p", "type": "subscribe", "payload": {"query": PROGRESS}}))
    tasks = [asyncio.create_task(reader(ws)) for ws in sockets]
    ready.put(count)
    await asyncio.to_thread(stop.wait)
    for task in tasks:
        task.cancel()
    for ws in sockets:
        await ws.close()
    return received


class Watchers:
    def __init__(self, url: str, clients: int, procs: int) -> None:
        ctx = mp.get_context("spawn")
        self.ready, self.out, self.stop_event = ctx.Queue(), ctx.Queue(), ctx.Event()
        self.clients = clients
        self.procs = [
            ctx.Process(
                target=_clients_proc,
                args=(url, clients // procs, self.ready, self.stop_event, self.out),
            )
            for _ in range(procs)
        ]
        for p in self.procs:
            p.start()
        for _ in self.procs:
            self.ready.get(timeout=120)
        time.sleep(1.0)  # every subscription registered server-side

    def stop(self) -> list[list[tuple[str, int, float]]]:
        time.sleep(0.3)  # the last events in flight
        self.stop_event.set()
        got = [self.out.get(timeout=120) for _ in self.procs]
        for p in self.procs:
            p.join(30)
        return got


def cpu_seconds(pid: int) -> float:
    """user + system CPU time of a live process (Linux /proc), 0.0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


class CpuUse:
    """Where the machine's CPU went during a round: the API process, its workers, the
    watchers (in core-seconds per wall second)."""

    def __init__(self, groups: dict[str, list[int]]) -> None:
        self.groups = groups
        self.started = time.perf_counter()
        self.before = {name: sum(map(cpu_seconds, pids)) for name, pids in groups.items()}

    def cores(self) -> dict[str, float]:
        wall = time.perf_counter() - self.started
        return {
            name: round((sum(map(cpu_seconds, pids)) - self.before[name]) / wall, 3)
            for name, pids in self.groups.items()
        }


def skew(per_proc: list[list[tuple[str, int, float]]], clients: int) -> dict[str, Any]:
    """Per progress event: last receipt - first receipt over all clients."""
    times: dict[tuple[str, int], list[float]] = {}
    for received in per_proc:
        for item, step, t in received:
            times.setdefault((item, step), []).append(t)
    full = [max(ts) - min(ts) for ts in times.values() if len(ts) == clients]
    every = [max(ts) - min(ts) for ts in times.values() if len(ts) > 1]
    return {
        "events": len(times),
        "events_reaching_every_client": len(full),
        "deliveries": sum(len(ts) for ts in times.values()),
        "expected_without_coalescing": len(times) * clients,
        "last_minus_first_receipt": _pcts(full),
        "last_minus_first_receipt_incl_partial": _pcts(every),
    }


# --- the raw loop (child process) ------------------------------------------------------------


def raw_child(model: str, device_name: str) -> None:
    """Reads {"size", "steps", "n"} lines on stdin, answers {"seconds"} lines on stdout."""
    import torch
    from diffusers import EulerDiscreteScheduler

    from gql_invoke.generation.pipelines import load_pipeline, pick_dtype

    device = torch.device(device_name)
    pipe = load_pipeline(Path(model), "diffusers", device, pick_dtype(device))
    pipe.scheduler = EulerDiscreteScheduler.from_config(pipe.scheduler.config)
    warm: set[tuple[int, int]] = set()

    def once(size: int, steps: int, seed: int) -> None:
        pipe(
            prompt=PROMPT,
            width=size,
            height=size,
            num_inference_steps=steps,
            guidance_scale=CFG,
            generator=torch.Generator(device).manual_seed(seed),
        )

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        ask = json.loads(line)
        size, steps = ask["size"], ask["steps"]
        if (size, steps) not in warm:
            for i in range(WARM_UP):
                once(size, steps, -1 - i)
            warm.add((size, steps))
        started = time.perf_counter()
        for i in range(ask["n"]):
            once(size, steps, i)
        print(json.dumps({"seconds": time.perf_counter() - started}), flush=True)


class Raw:
    def __init__(self, model: Path, device: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--raw", str(model), device],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_clean_env(),
        )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        assert json.loads(self.proc.stdout.readline())["ready"]

    def run(self, size: int, steps: int, n: int) -> float:
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"size": size, "steps": steps, "n": n}) + "\n")
        self.proc.stdin.flush()
        return float(json.loads(self.proc.stdout.readline())["seconds"])

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


# --- main ------------------------------------------------------------------------------------


def main() -> None:  # noqa: C901 - one straight sequence of measurements
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=20, help="images per round and case")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--client-procs", type=int, default=4)
    parser.add_argument("--ready-samples", type=int, default=3, help="fresh starts timed")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated")
    parser.add_argument("--device", default="cpu", help="cpu, cuda (both sides use it)")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("TEST_POSTGRES_URL", ""))
    args = parser.parse_args()
    if args.db == "postgres" and not args.pg_url:
        parser.error("--db postgres needs --pg-url or TEST_POSTGRES_URL")
    # --cases "": only the start-up samples (first image after ready).
    cases = {name: CASES[name] for name in args.cases.split(",") if name}

    from gql_invoke.generation.demo import build_demo_model

    base = Path(tempfile.mkdtemp(prefix="bench-gen-"))
    model = build_demo_model(base / "model" / DEMO_KEY)
    dbs = Databases(args.pg_url) if args.db == "postgres" else None
    starts = 0

    def new_server() -> Server:
        nonlocal starts
        starts += 1
        url = dbs.create() if dbs else ""
        return Server(base / f"root{starts}", model, args.device, url, args.clients)

    def first_image(server: Server) -> dict[str, float]:
        ready = server.wait_ready()
        sample = asyncio.run(_first_progress(server, _generation(64, 8)))
        return {"process_start_to_ready_s": round(ready - server.started, 3), **sample}

    def restarted(server: Server) -> dict[str, float]:
        server.restart()
        return first_image(server)

    ready_samples: list[dict[str, float]] = []
    restart_samples: list[dict[str, float]] = []
    raw_s: dict[str, list[float]] = {name: [] for name in cases}
    server_s: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
    receipts: list[list[tuple[str, int, float]]] = []
    raw = Raw(model, args.device) if cases else None
    server = new_server()
    try:
        ready_samples.append(first_image(server))
        for size, steps in {(s, n) for s, n, _ in cases.values()}:
            asyncio.run(_run_batch(server, _generation(size, steps), WARM_UP))
        for _ in range(args.rounds):
            for name, (size, steps, watched) in cases.items():
                assert raw is not None
                raw_use = CpuUse({"raw": [raw.proc.pid]})
                raw_s[name].append(raw.run(size, steps, args.images))
                cpu[name].append(raw_use.cores())
                watchers = (
                    Watchers(server.url, args.clients, args.client_procs) if watched else None
                )
                groups = {"api": [server.proc.pid], "workers": children_of(server.proc.pid)}
                if watchers is not None:
                    groups["watchers"] = [p.pid for p in watchers.procs if p.pid is not None]
                use = CpuUse(groups)
                try:
                    seconds = asyncio.run(_run_batch(server, _generation(size, steps), args.images))
                    cpu[name].append(use.cores())
                finally:
                    if watchers is not None:
                        receipts += watchers.stop()
                server_s[name].append(seconds)
        restart_samples.append(restarted(server))
        server.stop()
        if raw is not None:
            raw.stop()
        for _ in range(args.ready_samples - 1):
            server = new_server()
            try:
                ready_samples.append(first_image(server))
                restart_samples.append(restarted(server))
            finally:
                server.stop()
    finally:
        if server.proc.poll() is None:
            server.stop()
        if raw is not None and raw.proc.poll() is None:
            raw.proc.kill()
        if dbs:
            dbs.drop_all()

    throughput: dict[str, Any] = {}
    for name in cases:
        best_raw, best_server = min(raw_s[name]), min(server_s[name])
        ratio = best_raw / best_server
        per_round = [r / s for r, s in zip(raw_s[name], server_s[name], strict=True)]
        throughput[name] = {
            "raw_s": [round(s, 3) for s in raw_s[name]],
            "server_s": [round(s, 3) for s in server_s[name]],
            "raw_s_per_image": round(best_raw / args.images, 4),
            "ratio_raw_over_server_best_of_rounds": round(ratio, 4),
            "ratio_per_round_median": round(statistics.median(per_round), 4),
            "cpu_cores_used_per_round": cpu[name],
            "target": f">= {TARGETS.get(name, 0)}",
            "met": ratio >= TARGETS.get(name, 0),
        }
    firsts = [s["first_progress_after_ready_s"] for s in ready_samples]
    result: dict[str, Any] = {
        "config": {
            "db": args.db,
            "device": args.device,
            "images": args.images,
            "rounds": args.rounds,
            "clients": args.clients,
            "client_procs": args.client_procs,
            "cfgScale": CFG,
            "cpu_count": os.cpu_count(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "throughput": throughput,
    }
    if receipts:
        fanout = skew(receipts, args.clients // args.client_procs * args.client_procs)
        p99 = fanout["last_minus_first_receipt"].get("p99_ms")
        result["fanout_skew"] = fanout | {
            "target": f"p99 < {SKEW_TARGET_MS} ms",
            "met": p99 is not None and p99 < SKEW_TARGET_MS,
        }
    result["first_image_after_ready"] = {
        "samples": ready_samples,
        "median_first_progress_s": round(statistics.median(firsts), 3),
        "target": f"< {FIRST_IMAGE_TARGET_S} s",
        "met": max(firsts) < FIRST_IMAGE_TARGET_S,
    }
    again = [s["first_progress_after_ready_s"] for s in restart_samples]
    result["first_image_after_restart"] = {
        "samples": restart_samples,
        "median_process_start_to_ready_s": round(
            statistics.median(s["process_start_to_ready_s"] for s in restart_samples), 3
        ),
        "median_first_progress_s": round(statistics.median(again), 3),
        "target": f"< {FIRST_IMAGE_TARGET_S} s",
        "met": max(again) < FIRST_IMAGE_TARGET_S,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--raw":
        raw_child(sys.argv[2], sys.argv[3])
    else:
        main()
