"""How long one event takes from ``send()`` in one process to delivery in another.

    .venv/bin/python tests/perf/bench_relay.py [--events 1000] [--preview-bytes 0]
        [--pg postgres://...]

A child process publishes GenerationProgress events (1 ms apart, so that this measures
latency, not a queue filling up) on a bus with a relay attached; this process's bus
receives them through its own relay, and its on_remote callback (called when the event is
delivered to the subscribers) takes ``time.time() - sent_at``. Prints JSON: per
transport, p50/p99/max in milliseconds. PgRelay runs when --pg or TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from gql_invoke import events  # noqa: E402
from gql_invoke.events import Event, EventBus  # noqa: E402
from gql_invoke.relay import UnixRelay  # noqa: E402
from gql_invoke.relay_pg import PgRelay  # noqa: E402

WARMUP = 20


def make(kind: str, where: str) -> Any:
    return UnixRelay(Path(where)) if kind == "unix" else PgRelay(where)


async def child(kind: str, where: str, count: int, preview_bytes: int) -> None:
    bus = EventBus()
    relay = make(kind, where)
    await relay.start(bus)
    bus.attach(relay)
    await asyncio.sleep(0.3)  # the parent re-lists / is listening
    preview = "data:image/webp;base64," + "A" * preview_bytes if preview_bytes else None
    for n in range(WARMUP + count):
        p = events.GenerationProgress(n, "b", "u", n, count, preview, time.time())
        bus.publish(events.PROGRESS, p, str(n))
        await asyncio.sleep(0.001)
    bus.publish(events.CONTROL, events.CancelRequested(-1))  # the end
    await asyncio.sleep(0.5)
    await relay.stop()


async def measure(kind: str, where: str, count: int, preview_bytes: int) -> dict[str, Any]:
    bus = EventBus()
    relay = make(kind, where)
    latencies: list[float] = []
    done = asyncio.get_running_loop().create_future()

    def on_remote(event: Event) -> None:
        p = event.payload
        if isinstance(p, events.GenerationProgress):
            if p.item_id >= WARMUP:
                latencies.append((time.time() - p.sent_at) * 1000)
        elif isinstance(p, events.CancelRequested) and not done.done():
            done.set_result(None)

    bus.on_remote(on_remote)
    await relay.start(bus)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--child", kind, where, str(count), str(preview_bytes)
    )
    try:
        await asyncio.wait_for(done, 60 + count * 0.01)
    finally:
        await proc.wait()
        await relay.stop()
    latencies.sort()
    return {
        "events": len(latencies),
        "p50_ms": round(statistics.median(latencies), 3),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 3),
        "max_ms": round(latencies[-1], 3),
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--pg", default=os.environ.get("TEST_POSTGRES_URL", ""))
    # A preview of this many characters on every event (PgRelay: through relay_blobs
    # beyond 8000 bytes).
    parser.add_argument("--preview-bytes", type=int, default=0)
    parser.add_argument("--child", nargs=4, metavar=("KIND", "WHERE", "COUNT", "PREVIEW"))
    args = parser.parse_args()
    if args.child:
        kind, where, count, preview = args.child
        await child(kind, where, int(count), int(preview))
        return
    result: dict[str, Any] = {"preview_bytes": args.preview_bytes}
    with tempfile.TemporaryDirectory() as root:
        result["unix"] = await measure("unix", root, args.events, args.preview_bytes)
    result["pg"] = (
        await measure("pg", args.pg, args.events, args.preview_bytes)
        if args.pg
        else "skipped: no --pg"
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
