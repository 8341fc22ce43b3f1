"""Claim benchmark: claim latency, queue reads and claim throughput, on SQLite and PostgreSQL.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_claims.py [--db sqlite,postgres] [--sizes 100,1000,10000] \
        [--claims 200] [--requests 100] [--rounds 2] [--claimers 1,4] [--jobs 3000]

PostgreSQL: the server of --pg-url or TEST_POSTGRES_URL; every site is a fresh database
(CREATE DATABASE bench_<random>), dropped at the end. SQLite: a fresh root each.

Per engine and pending size (100 / 1,000 / 10,000 pending, seeded in bulk as
bench_queue_reads.py does: 10 users, 20 finished jobs, one running; FAIR_SHARE):

- claim latency: ``queue_jobs.claim_next(worker_id=...)`` in this process, timed per
  call; after each, untimed, the item is completed and one new pending item enqueued
  (bulk insert + cache invalidation), so the line keeps its length;
- queue reads: the real API process (create_app(worker_processes=True), no workers)
  under uvicorn in a child process, over HTTP as user 0: queueStatus and queueItems'
  first page (ids/statuses, full, with position and estimatedStartAt), steady (the
  queue unchanged) and after_change (the first read after one of the user's jobs is
  canceled or retried), as bench_queue_reads.py measures.

Rounds alternate the sizes (A B A B), p50/p99 merged over rounds.

Throughput: a fresh database with --jobs pending empty jobs; --claimers processes,
each a loop of claim_next(worker_id=...) + complete until the line is empty or
--seconds pass; jobs/s = claims / (last finish - first start), and a check that no job
was claimed twice. (A point of comparison: pgqueuer publishes 6-18k jobs/s.)

Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

from gql_invoke.config import Settings, load_settings  # noqa: E402
from tests.perf.bench_generation import Databases, _free_port  # noqa: E402
from tests.perf.bench_queue_reads import QUERIES, Site, _seed, _summary  # noqa: E402

SIZES = (100, 1_000, 10_000)


def _settings(root: Path, db_url: str) -> Settings:
    overrides: dict[str, Any] = {
        "multiuser": True,
        "worker_enabled": False,
        "build_demo_model": False,
        "log_level": "warning",
    }
    if db_url:
        overrides["db_url"] = db_url
    return load_settings(root, overrides=overrides, environ={})


def _serve(root: str, db_url: str, port: int) -> None:
    import uvicorn

    from gql_invoke.app import create_app

    uvicorn.run(
        create_app(_settings(Path(root), db_url), worker_processes=True),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _pcts(samples: list[float]) -> dict[str, Any]:
    samples = sorted(samples)
    return {
        "p50_ms": _ms(statistics.median(samples)),
        "p99_ms": _ms(samples[min(len(samples) - 1, int(len(samples) * 0.99))]),
        "max_ms": _ms(samples[-1]),
        "n": len(samples),
    }


# --- claim latency (this process) ------------------------------------------------------------


async def _claim_latency(settings: Settings, claims: int, seed: int) -> list[float]:
    from gql_invoke import runtime
    from gql_invoke.db import close_db, init_db
    from gql_invoke.db.models import QueueItem
    from gql_invoke.services import queue_events, queue_jobs, queue_view

    rt = runtime.start(settings)
    rt.bus.bind_loop(asyncio.get_running_loop())
    await init_db(settings.database_url)
    rng = random.Random(seed)
    samples: list[float] = []
    try:
        template = await QueueItem.filter(status="PENDING").first()
        assert template is not None
        owners = list(
            await QueueItem.filter(status="PENDING").distinct().values_list("owner_id", flat=True)
        )
        for _ in range(claims):
            t0 = time.perf_counter()
            item = await queue_jobs.claim_next(worker_id="bench-latency")
            samples.append(time.perf_counter() - t0)
            assert item is not None
            await queue_jobs.complete(item.id)
            await QueueItem.bulk_create(
                [
                    QueueItem(
                        batch_id=uuid.uuid4(),
                        owner_id=rng.choice(owners),
                        status="PENDING",
                        priority=0,
                        params=template.params,
                        model_key=template.model_key,
                        cost=rng.choice((1.3, 5.2, 10.5)),
                    )
                ]
            )
            queue_view.invalidate()
    finally:
        # The status events are numbered in the background: written before the pool
        # closes, as the server's shutdown does (else "could not number" tracebacks).
        await asyncio.wait_for(queue_events.flush(rt.bus), 10)
        await close_db()
        runtime.stop()
    return samples


# --- throughput (claimer processes) ----------------------------------------------------------


def _claimer(root: str, db_url: str, index: int, start: Any, seconds: float, out: Any) -> None:
    out.put(asyncio.run(_claim_loop(_settings(Path(root), db_url), index, start, seconds)))


async def _claim_loop(settings: Settings, index: int, start: Any, seconds: float) -> dict[str, Any]:
    from gql_invoke import runtime
    from gql_invoke.db import close_db, init_db
    from gql_invoke.services import queue_events, queue_jobs

    rt = runtime.start(settings)
    rt.bus.bind_loop(asyncio.get_running_loop())
    await init_db(settings.database_url)
    ids: list[int] = []
    errors: list[str] = []
    try:
        await asyncio.to_thread(start.wait)
        began = time.time()
        deadline = time.monotonic() + seconds
        empty = 0
        while time.monotonic() < deadline:
            try:
                item = await queue_jobs.claim_next(worker_id=f"bench-claimer-{index}")
            except Exception as exc:  # SQLite "database is locked" and the like
                errors.append(f"{type(exc).__name__}: {exc}"[:200])
                continue
            if item is None:
                empty += 1
                if empty >= 3:  # the line is empty (or every try lost its race thrice)
                    break
                continue
            empty = 0
            ids.append(item.id)
            await queue_jobs.complete(item.id)
        ended = time.time()
    finally:
        await asyncio.wait_for(queue_events.flush(rt.bus), 10)  # as in _claim_latency
        await close_db()
        runtime.stop()
    return {"ids": ids, "began": began, "ended": ended, "errors": errors}


def throughput(root: Path, db_url: str, claimers: int, seconds: float) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_claimer, args=(str(root), db_url, i, start, seconds, out))
        for i in range(claimers)
    ]
    for p in procs:
        p.start()
    time.sleep(3.0 + claimers)  # every claimer connected (init_db) and waiting
    start.set()
    results = [out.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(30)
    ids = [i for r in results for i in r["ids"]]
    wall = max(r["ended"] for r in results) - min(r["began"] for r in results)
    errors = [e for r in results for e in r["errors"]]
    return {
        "claimers": claimers,
        "claimed": len(ids),
        "claimed_twice": len(ids) - len(set(ids)),
        "per_claimer": [len(r["ids"]) for r in results],
        "wall_s": round(wall, 3),
        "jobs_per_s": round(len(ids) / wall, 1) if wall > 0 else None,
        "errors": len(errors),
        "first_errors": errors[:3],
    }


# --- main ------------------------------------------------------------------------------------


def run_engine(  # noqa: C901 - one straight sequence of measurements
    engine: str, pg_url: str, args: argparse.Namespace, base: Path
) -> dict[str, Any]:
    dbs = Databases(pg_url) if engine == "postgres" else None
    sizes = [int(s) for s in args.sizes.split(",")]
    ctx = mp.get_context("spawn")
    procs: list[Any] = []
    try:
        sites: list[tuple[int, Path, str, dict[str, Any]]] = []
        for size in sizes:
            root = base / f"{engine}{size}"
            url = dbs.create() if dbs else ""
            seeded = asyncio.run(_seed(_settings(root, url), size, False))
            sites.append((size, root, url, seeded))
        # Queue reads: one API process per size, all up at once.
        clients: list[Site] = []
        for size, root, url, seeded in sites:
            port = _free_port()
            proc = ctx.Process(target=_serve, args=(str(root), url, port), daemon=True)
            proc.start()
            procs.append(proc)
            clients.append(Site(size, port, seeded))
        for client in clients:
            client.wait_ready()
        raw: dict[tuple[int, str, str], list[float]] = {}
        for r in range(args.rounds):
            order = list(QUERIES.items()) if r % 2 == 0 else list(QUERIES.items())[::-1]
            for client in clients if r % 2 == 0 else clients[::-1]:
                for name, query in order:
                    raw.setdefault((client.pending, name, "steady"), []).extend(
                        client.steady(query, args.requests)
                    )
                    raw.setdefault((client.pending, name, "after_change"), []).extend(
                        client.after_change(query, args.changes)
                    )
        for proc in procs:
            proc.terminate()
            proc.join(10)
        procs.clear()
        reads = {
            f"pending_{c.pending}": {
                name: {
                    kind: _summary(raw[(c.pending, name, kind)])
                    for kind in ("steady", "after_change")
                }
                for name in QUERIES
            }
            for c in clients
        }
        # Claim latency, alternating the sizes per round.
        claim_samples: dict[int, list[float]] = {size: [] for size in sizes}
        per_round = max(1, args.claims // args.rounds)
        for r in range(args.rounds):
            for size, root, url, _ in sites if r % 2 == 0 else sites[::-1]:
                claim_samples[size] += asyncio.run(
                    _claim_latency(_settings(root, url), per_round, seed=r)
                )
        claims = {f"pending_{size}": _pcts(claim_samples[size]) for size in sizes}
        # Throughput on a fresh database per claimer count.
        rates = []
        for claimers in (int(c) for c in args.claimers.split(",")):
            root = base / f"{engine}-throughput-{claimers}"
            url = dbs.create() if dbs else ""
            asyncio.run(_seed(_settings(root, url), args.jobs, False))
            rates.append(throughput(root, url, claimers, args.seconds))
        return {"claim_latency": claims, "queue_reads": reads, "throughput": rates}
    finally:
        for proc in procs:
            proc.terminate()
            proc.join(10)
        if dbs:
            dbs.drop_all()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite,postgres", help="engines, comma-separated")
    parser.add_argument("--pg-url", default=os.environ.get("TEST_POSTGRES_URL", ""))
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--claims", type=int, default=200, help="timed claims per size")
    parser.add_argument("--requests", type=int, default=100, help="steady reads per round")
    parser.add_argument("--changes", type=int, default=10, help="after-change reads per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--claimers", default="1,4", help="claimer process counts")
    parser.add_argument("--jobs", type=int, default=3000, help="pending jobs to drain")
    parser.add_argument("--seconds", type=float, default=10.0, help="throughput time limit")
    args = parser.parse_args()
    engines = args.db.split(",")
    if "postgres" in engines and not args.pg_url:
        parser.error("postgres needs --pg-url or TEST_POSTGRES_URL")
    base = Path(tempfile.mkdtemp(prefix="gql-invoke-bench-claims-"))
    results = {engine: run_engine(engine, args.pg_url, args, base) for engine in engines}
    print(
        json.dumps(
            {
                "config": {
                    "sizes": args.sizes,
                    "claims_per_size": args.claims,
                    "requests_per_round": args.requests,
                    "rounds": args.rounds,
                    "jobs": args.jobs,
                    "seconds_limit": args.seconds,
                    "policy": "FAIR_SHARE",
                    "cpu_count": os.cpu_count(),
                    "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
                },
                **results,
                "comparison": "pgqueuer publishes 6-18k jobs/s",
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
