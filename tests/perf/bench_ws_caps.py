"""Websocket caps benchmark: one user floods sockets and subscriptions; another's `{ me }`.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_ws_caps.py [--requests 200] [--subscriptions 4000]

Starts the real app under uvicorn (ws="websockets-sansio", as `gql-invoke serve` does)
in a child process, twice: with the caps (max_connections_per_user 20,
max_subscriptions_per_user 200, the defaults) and, for comparison, with caps too
high to matter. In each run user A (another child process, so the clients share
no GIL with the timing) opens 2x the connection cap and spreads --subscriptions
queueEvents subscriptions over the sockets it got, while an admin toggles the
processor (pause/resume) every --event-interval-ms so every subscription renders
an event for itself. User B times `{ me }` over HTTP meanwhile. Prints JSON:
what A got (acked / refused with 4429, running / RATE_LIMITED) and B's p50/p99 in
three phases: idle, during A's connect+subscribe burst, and while events flow.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing as mp
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

import httpx  # noqa: E402

from gql_invoke.config import Settings, load_settings  # noqa: E402
from tests.perf.bench_gallery import wait_healthy  # noqa: E402

PASSWORD = "Bench-Password-9"
ME = "{ me { id email } }"
QUEUE = "subscription { queueEvents { __typename } }"
PHASE_TIMEOUT_S = 120.0


def _settings(root: Path, caps: dict[str, int]) -> Settings:
    overrides: dict[str, Any] = {
        "multiuser": True,
        "worker_enabled": False,
        "build_demo_model": False,
        "log_level": "warning",
        **caps,
    }
    return load_settings(root, overrides=overrides, environ={})


def _serve(root: str, port: int, caps: dict[str, int]) -> None:
    import uvicorn

    from gql_invoke.app import create_app

    settings = _settings(Path(root), caps)
    uvicorn.run(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        ws="websockets-sansio",
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _gql(
    http: httpx.Client,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    ).json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    return body["data"]  # type: ignore[no-any-return]


# --- user A, in its own process ------------------------------------------------------------


async def _open_socket(url: str, token: str, got: dict[str, Any]) -> Any:
    """One acknowledged connection, or None (counted by close code) if it is refused."""
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    ws = await connect(url, subprotocols=["graphql-transport-ws"], max_queue=None)
    await ws.send(
        json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
    )
    try:
        ack = json.loads(await ws.recv())
    except ConnectionClosed as exc:
        code = exc.rcvd.code if exc.rcvd else None
        if code == 4429:
            got["connections_closed_4429"] += 1
        else:
            got["other_close_codes"].append(code)
        return None
    assert ack["type"] == "connection_ack", ack
    got["connections_acked"] += 1
    return ws


async def _read_socket(ws: Any, got: dict[str, Any]) -> None:
    """Count what arrives (events, refusals) and answer pings, until the socket closes."""
    from websockets.exceptions import ConnectionClosed

    with contextlib.suppress(ConnectionClosed):
        async for raw in ws:
            msg = json.loads(raw)
            if msg["type"] == "next":
                got["events_received"] += 1
            elif msg["type"] == "error":
                code = msg["payload"][0].get("extensions", {}).get("code")
                got["rate_limited" if code == "RATE_LIMITED" else "other_errors"] += 1
            elif msg["type"] == "ping":
                await ws.send(json.dumps({"type": "pong"}))


async def _until_refusals_settle(got: dict[str, Any]) -> None:
    """Refusals come back at once; the rest are running once the count stops moving."""
    settled, last = 0, -1
    while settled < 5:
        await asyncio.sleep(0.1)
        settled = settled + 1 if got["rate_limited"] == last else 0
        last = got["rate_limited"]


async def _toggle_processor(base: str, admin: str, event_interval_s: float, stop: Any) -> None:
    """Pause and resume the processor every ``event_interval_s``: one event each time."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        paused = False
        while not stop.is_set():
            paused = not paused
            op = "pauseProcessor" if paused else "resumeProcessor"
            await http.post(
                "/graphql",
                json={"query": f"mutation{{ {op} {{ paused }} }}"},
                headers={"Authorization": f"Bearer {admin}"},
            )
            await asyncio.sleep(event_interval_s)


async def _flood(
    base: str,
    token: str,
    admin: str,
    connections: int,
    subscriptions: int,
    event_interval_s: float,
    report: Any,
    stop: Any,
) -> None:
    url = base.replace("http://", "ws://") + "/graphql"
    got: dict[str, Any] = {
        "connections_tried": connections,
        "connections_acked": 0,
        "connections_closed_4429": 0,
        "other_close_codes": [],
        "subscriptions_tried": subscriptions,
        "rate_limited": 0,
        "other_errors": 0,
        "events_received": 0,
    }

    t0 = time.perf_counter()
    sockets = [
        ws
        for ws in await asyncio.gather(*(_open_socket(url, token, got) for _ in range(connections)))
        if ws is not None
    ]
    readers = [asyncio.create_task(_read_socket(ws, got)) for ws in sockets]
    for n in range(subscriptions):
        ws = sockets[n % len(sockets)]
        await ws.send(json.dumps({"id": str(n), "type": "subscribe", "payload": {"query": QUEUE}}))
    await _until_refusals_settle(got)
    got["subscriptions_running"] = subscriptions - got["rate_limited"] - got["other_errors"]
    got["burst_seconds"] = round(time.perf_counter() - t0, 2)
    report.put(("ready", dict(got)))

    await _toggle_processor(base, admin, event_interval_s, stop)
    for ws in sockets:
        await ws.close()
    for task in readers:
        task.cancel()
    report.put(("done", dict(got)))


def _user_a(
    base: str,
    token: str,
    admin: str,
    connections: int,
    subscriptions: int,
    event_interval_s: float,
    report: Any,
    stop: Any,
) -> None:
    asyncio.run(
        _flood(base, token, admin, connections, subscriptions, event_interval_s, report, stop)
    )


# --- user B: timings ---------------------------------------------------------------------


def _timed(http: httpx.Client, token: str, n: int, until: Any = None) -> dict[str, Any]:
    """n `{ me }` requests (or, with ``until``, as many as fit before it returns True)."""
    samples: list[float] = []
    deadline = time.monotonic() + PHASE_TIMEOUT_S
    while (len(samples) < n if until is None else not until()) and time.monotonic() < deadline:
        t0 = time.perf_counter()
        _gql(http, ME, token=token)
        samples.append((time.perf_counter() - t0) * 1000)
    if not samples:
        return {"requests": 0}
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
        "max_ms": round(samples[-1], 2),
        "requests": len(samples),
    }


def _run(caps: dict[str, int], connections: int, args: argparse.Namespace) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="gql-invoke-bench-ws-"))
    ctx = mp.get_context("spawn")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = ctx.Process(target=_serve, args=(str(root), port, caps), daemon=True)
    server.start()
    load = None
    try:
        http = httpx.Client(base_url=base, timeout=60)
        wait_healthy(http)
        admin = _gql(
            http,
            "mutation($i: SetupInput!){ setup(input: $i){ token } }",
            {"i": {"email": "admin@bench.local", "displayName": "Admin", "password": PASSWORD}},
        )["setup"]["token"]
        tokens = {}
        for name in ("a", "b"):
            _gql(
                http,
                "mutation($i: CreateUserInput!){ createUser(input: $i){ id } }",
                {
                    "i": {
                        "email": f"{name}@bench.local",
                        "displayName": name.upper(),
                        "password": PASSWORD,
                    }
                },
                admin,
            )
            tokens[name] = _gql(
                http,
                "mutation($i: LoginInput!){ login(input: $i){ token } }",
                {"i": {"email": f"{name}@bench.local", "password": PASSWORD}},
            )["login"]["token"]
        for _ in range(20):
            _gql(http, ME, token=tokens["b"])
        idle = _timed(http, tokens["b"], args.requests)

        report, stop = ctx.Queue(), ctx.Event()
        load = ctx.Process(
            target=_user_a,
            args=(
                base,
                tokens["a"],
                admin,
                connections,
                args.subscriptions,
                args.event_interval_ms / 1000,
                report,
                stop,
            ),
            daemon=True,
        )
        load.start()
        ready: dict[str, Any] = {}

        def a_is_ready() -> bool:
            with contextlib.suppress(Exception):
                ready.update(report.get(timeout=0.0)[1])
            return bool(ready)

        burst = _timed(http, tokens["b"], 0, until=a_is_ready)
        while not ready:
            ready.update(report.get(timeout=PHASE_TIMEOUT_S)[1])
        steady = _timed(http, tokens["b"], args.requests)
        stop.set()
        _kind, done = report.get(timeout=PHASE_TIMEOUT_S)
        load.join(30)
    finally:
        if load is not None and load.is_alive():
            load.terminate()
        server.terminate()
        server.join(10)
    return {
        "user_a": {**ready, "events_received": done["events_received"]},
        "user_b_me": {"idle": idle, "during_a_burst": burst, "while_events_flow": steady},
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--subscriptions", type=int, default=4000)
    parser.add_argument("--event-interval-ms", type=float, default=100.0)
    parser.add_argument(
        "--no-compare", action="store_true", help="skip the run with caps too high to matter"
    )
    args = parser.parse_args()
    defaults = Settings()
    capped = {
        "max_connections_per_user": defaults.max_connections_per_user,
        "max_subscriptions_per_user": defaults.max_subscriptions_per_user,
    }
    runs = {"capped": capped}
    if not args.no_compare:
        runs["uncapped"] = {
            "max_connections_per_user": 100_000,
            "max_subscriptions_per_user": 100_000,
        }
    results: dict[str, Any] = {}
    for name, caps in runs.items():
        # Both runs try twice the default connection cap: they differ only in the caps.
        connections = 2 * capped["max_connections_per_user"]
        results[name] = {"caps": caps, **_run(caps, connections, args)}
    print(
        json.dumps(
            {
                "subscriptions_tried": args.subscriptions,
                "event_interval_ms": args.event_interval_ms,
                **results,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
