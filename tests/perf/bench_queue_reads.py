"""Queue read benchmark: queueStatus and queueItems(first: 100) at 100 / 1,000 / 10,000 pending.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_queue_reads.py [--requests 200] [--rounds 4]

One multiuser site per size, seeded in bulk (10 users' pending jobs, 20 finished
ones for the ETA rate, one running), each served by the real app under uvicorn
in a child process. Rounds alternate between the sizes and the queries (A B A B)
so drift on this noisy machine hits every case alike. Measured per query:

- steady: the same read repeated while the queue does not change;
- after_change: the first read after one of the user's pending jobs is canceled
  or retried (what a UI polling a busy queue sees).

Prints JSON: p50/p99 per size and query, merged over the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import random
import socket
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

import httpx  # noqa: E402

from gql_invoke.config import Settings, load_settings  # noqa: E402
from tests.perf.bench_gallery import wait_healthy  # noqa: E402

SIZES = (100, 1_000, 10_000)
USERS = 10
PASSWORD = "Bench-Password-9"
TARGET_P50_MS = 10.0

STATUS = """{ queueStatus { paused policy pending inProgress myPending myInProgress completed
  failed canceled } }"""
ITEMS = """{ queueItems(first: 100){ id status isMine cost createdAt } }"""
ITEMS_LINE = """{ queueItems(first: 100){ id status isMine cost createdAt position
  estimatedStartAt } }"""
ITEMS_ID = "{ queueItems(first: 100){ id status } }"
QUERIES = {
    "queueStatus": STATUS,
    "queueItems_first100_id_status": ITEMS_ID,
    "queueItems_first100": ITEMS,
    "queueItems_first100_positions_etas": ITEMS_LINE,
}
# The indexes the queue reads would like (not in the schema yet): with
# --proposed-indexes they are added after seeding, to measure what they buy.
PROPOSED_INDEXES = (
    'CREATE INDEX "bench_q_status_owner" ON "queue_items" ("status", "owner_id", "priority")',
    'CREATE INDEX "bench_q_owner_started" ON "queue_items" ("owner_id", "started_at")',
)
CANCEL = "mutation($id: ID!){ cancelQueueItem(id: $id){ id } }"
RETRY = "mutation($ids: [ID!]!){ retryQueueItems(ids: $ids){ id } }"


def _settings(root: Path) -> Settings:
    return load_settings(
        root,
        overrides={
            "multiuser": True,
            "worker_enabled": False,
            "build_demo_model": False,
            "log_level": "warning",
        },
        environ={},
    )


async def _seed(settings: Settings, pending: int, indexes: bool) -> dict[str, Any]:
    from gql_invoke import runtime
    from gql_invoke.auth import passwords
    from gql_invoke.db import close_db, init_db
    from gql_invoke.db.models import QueueItem, User

    runtime.start(settings)
    await init_db(settings.database_url)
    rng = random.Random(11)
    try:
        pw_hash = await passwords.hash_password(PASSWORD)
        # User 0 (measured) has its own pending quota, above any default cap, so
        # the benchmark's cancel/retry changes are never refused.
        users = [
            User(
                id=uuid.uuid4(),
                email=f"user{i}@bench.local",
                display_name=f"User {i}",
                password_hash=pw_hash,
                max_pending_jobs=10**6 if i == 0 else None,
            )
            for i in range(USERS)
        ]
        await User.bulk_create(users)
        now = datetime.now(UTC)
        params = {
            "prompt": "bench",
            "negativePrompt": "",
            "width": 512,
            "height": 512,
            "steps": 20,
            "cfgScale": 7.0,
            "scheduler": "EULER",
            "seed": 1,
            "model": "bench",
            "boardId": None,
        }

        def item(owner: User, status: str, cost: float, **extra: Any) -> QueueItem:
            return QueueItem(
                batch_id=uuid.uuid4(),
                owner_id=owner.id,
                status=status,
                priority=0,
                params=params,
                model_key="bench",
                cost=cost,
                **extra,
            )

        rows = [
            item(
                users[i % USERS],
                "COMPLETED",
                5.0,
                started_at=now - timedelta(minutes=30 - i),
                completed_at=now - timedelta(minutes=30 - i, seconds=-5),
            )
            for i in range(20)
        ]
        rows.append(item(users[1], "IN_PROGRESS", 5.0, started_at=now, attempts=1))
        # User 0 (the one measured) owns a tenth of the line, the rest is spread.
        rows += [
            item(users[rng.randrange(USERS)], "PENDING", rng.choice((1.3, 5.2, 10.5)))
            for _ in range(pending)
        ]
        await QueueItem.bulk_create(rows, batch_size=1000)
        if indexes:
            db = QueueItem._meta.db
            for statement in PROPOSED_INDEXES:
                await db.execute_script(statement)
        mine = (
            await QueueItem.filter(owner_id=users[0].id, status="PENDING")
            .order_by("-id")
            .values_list("id", flat=True)
        )
        return {"email": users[0].email, "cancelable": list(mine)}
    finally:
        await close_db()
        runtime.stop()


def _serve(root: str, port: int) -> None:
    import uvicorn

    from gql_invoke.app import create_app

    uvicorn.run(
        create_app(_settings(Path(root))),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Site:
    def __init__(self, pending: int, port: int, seeded: dict[str, Any]) -> None:
        self.pending = pending
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        self.cancelable: list[int] = seeded["cancelable"]
        self.canceled: str | None = None
        self.email = seeded["email"]
        self.token = ""

    def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        return body["data"]

    def wait_ready(self) -> None:
        wait_healthy(self.http, 120)
        login = "mutation($i: LoginInput!){ login(input: $i){ token } }"
        self.token = self.gql(login, {"i": {"email": self.email, "password": PASSWORD}})["login"][
            "token"
        ]

    def steady(self, query: str, n: int) -> list[float]:
        self.gql(query)  # the first read after a change is not "steady"
        samples = []
        for _ in range(n):
            t0 = time.perf_counter()
            self.gql(query)
            samples.append((time.perf_counter() - t0) * 1000)
        return samples

    def change(self) -> None:
        """Cancel one of the user's jobs, or retry the one just canceled: the line
        changes while its length stays about the same."""
        if self.canceled is None:
            self.canceled = str(self.cancelable.pop())
            self.gql(CANCEL, {"id": self.canceled})
        else:
            again = self.gql(RETRY, {"ids": [self.canceled]})["retryQueueItems"][0]["id"]
            self.cancelable.append(int(again))
            self.canceled = None

    def after_change(self, query: str, n: int) -> list[float]:
        samples = []
        for _ in range(n):
            self.change()
            t0 = time.perf_counter()
            self.gql(query)
            samples.append((time.perf_counter() - t0) * 1000)
        return samples


def _summary(samples: list[float]) -> dict[str, Any]:
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
        "n": len(samples),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200, help="steady reads per round")
    parser.add_argument("--changes", type=int, default=10, help="after-change reads per round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument(
        "--proposed-indexes",
        action="store_true",
        help="add the indexes of PROPOSED_INDEXES after seeding",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    base = Path(tempfile.mkdtemp(prefix="gql-invoke-bench-queue-"))
    ctx = mp.get_context("spawn")
    sites: list[Site] = []
    procs = []
    try:
        for size in sizes:
            root = base / f"q{size}"
            seeded = asyncio.run(_seed(_settings(root), size, args.proposed_indexes))
            port = _free_port()
            proc = ctx.Process(target=_serve, args=(str(root), port), daemon=True)
            proc.start()
            procs.append(proc)
            sites.append(Site(size, port, seeded))
        for site in sites:
            site.wait_ready()
        kinds = ("steady", "after_change")
        raw: dict[tuple[int, str, str], list[float]] = {}
        for r in range(args.rounds):
            # Alternate the order too, so no case always runs right after another.
            order = list(QUERIES.items()) if r % 2 == 0 else list(QUERIES.items())[::-1]
            for site in sites if r % 2 == 0 else sites[::-1]:
                for name, query in order:
                    raw.setdefault((site.pending, name, "steady"), []).extend(
                        site.steady(query, args.requests)
                    )
                    raw.setdefault((site.pending, name, "after_change"), []).extend(
                        site.after_change(query, args.changes)
                    )
        results: dict[str, Any] = {}
        for site in sites:
            results[f"pending_{site.pending}"] = {
                name: {kind: _summary(raw[(site.pending, name, kind)]) for kind in kinds}
                for name in QUERIES
            }
    finally:
        for proc in procs:
            proc.terminate()
            proc.join(10)
    biggest = results[f"pending_{max(sizes)}"]
    print(
        json.dumps(
            {
                "dataset": {
                    "users": USERS,
                    "sizes": sizes,
                    "rounds": args.rounds,
                    "policy": "FAIR_SHARE",
                    "proposed_indexes": args.proposed_indexes,
                },
                "latency": results,
                "target_p50_ms": TARGET_P50_MS,
                "target_met_steady": all(
                    biggest[q]["steady"]["p50_ms"] < TARGET_P50_MS
                    for q in ("queueStatus", "queueItems_first100_id_status")
                ),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
