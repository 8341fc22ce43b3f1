"""Generation benchmark: the server's GPU loop against a plain diffusers loop.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_generation.py [--images 20] [--size 64] [--steps 8]

The demo model at 64x64 (its VAE only upsamples 2x, so 64x64 is a 32x32 latent)
takes ~0.35 s an image on 2 CPU cores with 8 steps. The server runs under real
uvicorn in a child process (single-user mode: no tokens), the clients here.
Rounds are interleaved (plain, server, ...) and the best of each is compared,
since other processes on a shared machine move single runs by 10 % and more.
Prints JSON with:

(a) throughput: the same N images through the server (enqueue -> all COMPLETED,
    watched over queueEvents) vs a plain `pipe(...)` loop in this process, and vs
    a loop over gql_invoke's generate() (which adds a fresh scheduler and
    from_pipe per image, ~10 ms, as the worker does). Target ratio >= 0.97.
(b) gaps between consecutive jobs of the batch, from the worker's trace:
    `gpu_idle` is the end of one generate() to the start of the next (what the
    server adds; target median < 5 ms) and `gpu_thread_busy_pct` the share of
    the batch the GPU thread spent generating. `last_step_to_first_step` also
    holds the pipeline's own VAE decode and prompt encoding: the plain loop's
    value is printed beside it.
(c) progress delivery to --clients websocket clients (generationProgress; all
    are the owner in single-user mode, so previews included), from the step
    callback's time.time() (worker trace) to receipt in the client processes on
    the same machine; p50/p99/max (target p99 < 10 ms).
(d) previews: server wall time with previews on vs off (noisy), and the cost of
    one preview measured on its own, as a share of generation time at the
    configured 4 per second and if made on every step (target < 2 %).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

import httpx  # noqa: E402

DEMO_KEY = "demo-tiny-sd"
WARM_UP = 2
DEVICE = "cpu"
PROMPT = "a lighthouse on a cliff at dusk"
CFG = 7.5
ENQUEUE = """mutation($i: EnqueueInput!){ enqueue(input: $i){ batchId items { id } } }"""
EVENTS = """subscription{ queueEvents { __typename ... on QueueItemStatusChanged {
  item { id status } } } }"""
PROGRESS = """subscription{ generationProgress { queueItemId step totalSteps } }"""


# --- the server (child process) --------------------------------------------------------


def serve(root: str, port: int, overrides: str, trace_path: str) -> None:
    import uvicorn

    from gql_invoke import worker as worker_mod
    from gql_invoke.app import create_app
    from gql_invoke.config import load_settings

    trace: list[Any] = []
    original = worker_mod.Worker.__init__

    def traced(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.trace = trace

    worker_mod.Worker.__init__ = traced  # type: ignore[method-assign]
    settings = load_settings(root, overrides=json.loads(overrides), environ={})
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    )
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises the SIGINT after a clean shutdown
        pass
    finally:
        Path(trace_path).write_text(json.dumps(trace))


class ServerProcess:
    def __init__(self, root: Path, overrides: dict[str, Any]) -> None:
        self.root, self.port = root, _free_port()
        self.trace_path = root / "trace.json"
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                str(root),
                str(self.port),
                json.dumps(overrides),
                str(self.trace_path),
            ],
            env={k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")},
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.1)

    def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = httpx.post(
            self.url + "/graphql", json={"query": query, "variables": variables or {}}, timeout=60
        ).json()
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        return body["data"]

    def stop(self) -> list[Any]:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=120)
        return json.loads(self.trace_path.read_text())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- websocket clients ---------------------------------------------------------------------


async def _ws(url: str) -> Any:
    from websockets.asyncio.client import connect

    ws = await connect(
        url.replace("http", "ws") + "/graphql", subprotocols=["graphql-transport-ws"], max_size=None
    )
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _run_batch(url: str, gql: Any, generation: dict[str, Any], runs: int) -> float:
    """Enqueue ``runs`` images; seconds until the last one is COMPLETED."""
    ws = await _ws(url)
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": EVENTS}}))
    await asyncio.sleep(0.2)  # the subscription is registered server-side
    started = time.perf_counter()
    data = await asyncio.to_thread(gql, ENQUEUE, {"i": {"generation": generation, "runs": runs}})
    wanted = {i["id"] for i in data["enqueue"]["items"]}
    while wanted:
        msg = json.loads(await ws.recv())
        event = (msg.get("payload") or {}).get("data", {}).get("queueEvents", {})
        item = event.get("item") or {}
        if item.get("status") == "COMPLETED":
            wanted.discard(item["id"])
        elif item.get("status") == "FAILED":
            raise RuntimeError(f"item {item['id']} failed")
    elapsed = time.perf_counter() - started
    await ws.close()
    return elapsed


def _clients_proc(url: str, count: int, seconds: float, out: Any) -> None:
    out.put(asyncio.run(_listen(url, count, seconds)))


async def _listen(url: str, count: int, seconds: float) -> list[tuple[str, int, float]]:
    received: list[tuple[str, int, float]] = []
    sockets = [await _ws(url) for _ in range(count)]

    async def reader(ws: Any) -> None:
        await ws.send(json.dumps({"id": "p", "type": "subscribe", "payload": {"query": PROGRESS}}))
        while True:
            raw = await ws.recv()
            now = time.time()
            p = json.loads(raw)["payload"]["data"]["generationProgress"]
            received.append((p["queueItemId"], p["step"], now))

    tasks = [asyncio.create_task(reader(ws)) for ws in sockets]
    await asyncio.sleep(seconds)
    for task in tasks:
        task.cancel()
    for ws in sockets:
        await ws.close()
    return received


# --- measurements ----------------------------------------------------------------------------


def plain_loop(model: Path, n: int, size: int, steps: int, wrapper: bool = False) -> dict[str, Any]:
    """``wrapper``: through gql_invoke's generate() (fresh scheduler + from_pipe per
    image, as the worker does) instead of calling the pipeline directly."""
    import torch

    from gql_invoke.generation.pipelines import (
        GenerationRequest,
        generate,
        load_pipeline,
        pick_dtype,
    )

    device = torch.device(DEVICE)
    pipe = load_pipeline(model, "diffusers", device, pick_dtype(device))
    marks: list[tuple[int, int, float]] = []

    def on_step(_p: Any, i: int, _t: Any, _kwargs: dict[str, Any]) -> dict[str, Any]:
        marks.append((run, i, time.time()))
        return {}

    def once(seed: int) -> None:
        if wrapper:
            req = GenerationRequest(PROMPT, None, size, size, steps, CFG, "EULER", seed % 1000)
            generate(pipe, req, on_step=lambda d, _t, _lat: marks.append((run, d, time.time())))
            return
        pipe(
            prompt=PROMPT,
            width=size,
            height=size,
            num_inference_steps=steps,
            guidance_scale=CFG,
            generator=torch.Generator().manual_seed(seed),
            callback_on_step_end=on_step,
        )

    for run in range(-2, 0):  # warm-up
        once(run)
    started = time.perf_counter()
    for run in range(n):
        once(run)
    elapsed = time.perf_counter() - started
    gaps = []
    for r in range(n - 1):
        last = max(t for k, _, t in marks if k == r)
        first = min(t for k, _, t in marks if k == r + 1)
        gaps.append(first - last)
    return {"seconds": elapsed, "last_step_to_first_step_ms": _ms(statistics.median(gaps))}


def server_gaps(trace: list[Any], skip: int) -> dict[str, Any]:
    """Gaps between the jobs of the measured batch (the first ``skip`` were warm-up)."""
    starts = {item: t for kind, item, _, t in trace if kind == "start"}
    ends = {item: t for kind, item, _, t in trace if kind == "end"}
    steps: dict[int, list[float]] = {}
    for kind, item, _, t in trace:
        if kind == "step":
            steps.setdefault(item, []).append(t)
    items = sorted(starts)[skip:]
    idle, step_gap = [], []
    for a, b in zip(items, items[1:], strict=False):
        idle.append(starts[b] - ends[a])
        step_gap.append(min(steps[b]) - max(steps[a]))
    busy = sum(ends[i] - starts[i] for i in items)
    return {
        "gpu_idle_median_ms": _ms(statistics.median(idle)),
        "gpu_idle_p90_ms": _ms(sorted(idle)[int(len(idle) * 0.9)]),
        "gpu_idle_max_ms": _ms(max(idle)),
        "gpu_thread_busy_pct": round(100 * busy / (ends[items[-1]] - starts[items[0]]), 2),
        "last_step_to_first_step_median_ms": _ms(statistics.median(step_gap)),
    }


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def preview_cost(size: int, per_second: int, image_seconds: float, steps: int) -> dict[str, Any]:
    """What one preview costs, measured on its own (the wall-clock A/B above is
    noisier than the effect it looks for)."""
    import torch

    from gql_invoke.generation.preview import preview_data_url

    latents = torch.randn(1, 4, size // 2, size // 2)
    preview_data_url(latents)
    started = time.perf_counter()
    for _ in range(200):
        preview_data_url(latents)
    each = (time.perf_counter() - started) / 200
    return {
        "one_preview_ms": _ms(each),
        "share_of_generation_at_4_per_s_pct": round(100 * each * per_second, 3),
        "share_if_every_step_pct": round(100 * each * steps / image_seconds, 3),
    }


def run_server(
    model: Path,
    base: Path,
    name: str,
    overrides: dict[str, Any],
    generation: dict[str, Any],
    n: int,
) -> tuple[float, list[Any]]:
    root = base / name
    (root / "models").mkdir(parents=True, exist_ok=True)
    link = root / "models" / DEMO_KEY
    if not link.exists():
        os.symlink(model, link)
    server = ServerProcess(
        root,
        {
            "multiuser": False,
            "worker_enabled": True,
            "build_demo_model": True,
            "log_level": "warning",
            "device": DEVICE,
            **overrides,
        },
    )
    try:
        asyncio.run(_run_batch(server.url, server.gql, generation, WARM_UP))  # loads the model
        seconds = asyncio.run(_run_batch(server.url, server.gql, generation, n))
    finally:
        trace = server.stop()
    return seconds, trace


def progress_latency(
    model: Path, base: Path, generation: dict[str, Any], clients: int, procs: int, images: int
) -> dict[str, Any]:
    root = base / "fanout"
    (root / "models").mkdir(parents=True, exist_ok=True)
    os.symlink(model, root / "models" / DEMO_KEY)
    server = ServerProcess(
        root,
        {
            "multiuser": False,
            "worker_enabled": True,
            "build_demo_model": True,
            "log_level": "warning",
            "device": DEVICE,
        },
    )
    try:
        asyncio.run(_run_batch(server.url, server.gql, generation, 1))  # warm-up
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        listen_s = 6.0 + images * 1.5
        workers = [
            ctx.Process(target=_clients_proc, args=(server.url, clients // procs, listen_s, out))
            for _ in range(procs)
        ]
        for w in workers:
            w.start()
        time.sleep(4.0)  # every client connected and subscribed
        batch = server.gql(ENQUEUE, {"i": {"generation": generation, "runs": images}})
        measured = {i["id"] for i in batch["enqueue"]["items"]}
        received = [r for _ in workers for r in out.get(timeout=listen_s + 60)]
        for w in workers:
            w.join()
    finally:
        trace = server.stop()
    sent = {
        (str(item), step): t
        for kind, item, step, t in trace
        if kind == "step" and str(item) in measured
    }
    latencies = sorted(t - sent[(item, step)] for item, step, t in received if (item, step) in sent)
    if not latencies:
        return {"error": "no progress received"}
    first_event = min(sent, key=lambda k: sent[k])
    later = sorted(
        t - sent[(item, step)]
        for item, step, t in received
        if (item, step) in sent and (item, step) != first_event
    )
    return {
        "clients": clients,
        "client_processes": procs,
        "deliveries": len(latencies),
        "expected_without_coalescing": len(sent) * clients,
        **_pcts(latencies),
        "excluding_the_first_event": _pcts(later),
    }


def _pcts(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": _ms(values[len(values) // 2]),
        "p99_ms": _ms(values[min(len(values) - 1, int(len(values) * 0.99))]),
        "max_ms": _ms(values[-1]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=20)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--client-procs", type=int, default=4)
    parser.add_argument("--fanout-images", type=int, default=4)
    parser.add_argument("--device", default="cpu", help="cpu, cuda (both sides use it)")
    args = parser.parse_args()
    global DEVICE
    DEVICE = args.device

    from gql_invoke.generation.demo import build_demo_model

    base = Path(tempfile.mkdtemp(prefix="bench-gen-"))
    model = build_demo_model(base / "model" / DEMO_KEY)
    generation = {
        "prompt": PROMPT,
        "width": args.size,
        "height": args.size,
        "steps": args.steps,
        "cfgScale": CFG,
        "scheduler": "EULER",
        "seed": 0,
    }
    plain, wrapped, with_previews, without_previews, traces = [], [], [], [], []
    for r in range(args.rounds):  # interleaved, so load from elsewhere hits all alike
        plain.append(plain_loop(model, args.images, args.size, args.steps))
        wrapped.append(plain_loop(model, args.images, args.size, args.steps, wrapper=True))
        seconds, trace = run_server(
            model, base, f"on{r}", {"previews": True}, generation, args.images
        )
        with_previews.append(seconds)
        traces.append(trace)
        seconds, _ = run_server(
            model, base, f"off{r}", {"previews": False}, generation, args.images
        )
        without_previews.append(seconds)
    best_plain = min(p["seconds"] for p in plain)
    best_wrapped = min(p["seconds"] for p in wrapped)
    best_server = min(with_previews)
    gaps = [server_gaps(t, WARM_UP) for t in traces]
    image_s = best_plain / args.images
    result = {
        "config": {
            "device": DEVICE,
            "images": args.images,
            "size": args.size,
            "steps": args.steps,
            "cfgScale": CFG,
            "cpu_count": os.cpu_count(),
            "rounds": args.rounds,
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "a_throughput": {
            "plain_pipe_loop_s": [round(p["seconds"], 3) for p in plain],
            "plain_generate_loop_s": [round(p["seconds"], 3) for p in wrapped],
            "server_s": [round(s, 3) for s in with_previews],
            "seconds_per_image_plain": round(image_s, 4),
            "ratio_plain_pipe_over_server": round(best_plain / best_server, 4),
            "ratio_plain_generate_over_server": round(best_wrapped / best_server, 4),
            "target": ">= 0.97 (best of rounds)",
        },
        "b_gap_between_jobs": {
            "per_round": gaps,
            "plain_loop_last_step_to_first_step_ms": plain[0]["last_step_to_first_step_ms"],
            "target": "gpu_idle median < 5 ms",
        },
        "c_progress_delivery": progress_latency(
            model, base, generation, args.clients, args.client_procs, args.fanout_images
        )
        | {"target": "p99 < 10 ms"},
        "d_previews": {
            "server_s_previews_on": [round(s, 3) for s in with_previews],
            "server_s_previews_off": [round(s, 3) for s in without_previews],
            "wall_difference_pct_best_of": round(
                100 * (min(with_previews) - min(without_previews)) / min(without_previews), 2
            ),
            **preview_cost(args.size, 4, image_s, args.steps),
            "target": "< 2 %",
        },
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
    else:
        main()
