"""Query cost benchmark: one user's heaviest allowed query against everyone else's.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_cost.py [--requests 300] [--rounds 4] [--no-queue]

Seeds a multiuser site where one user owns 1,200 boards of 2 images each (rows in
bulk, no files) and starts the real app under uvicorn in a child process. Measures:

- heavy: the most expensive query the default max_query_cost allows (15 aliases of a
  boards page with images, sized with the server's own cost function), its duration
  alone; the attack from the security report (15 aliases of
  ``boards { images(first: 1) { totalCount } }``) and a refused over-limit query;
- others: other users' trivial ``{ me }`` p50/p99, alternating rounds with the
  attacker idle (A) and with the attacker looping the heavy query (B; --attackers
  clients, default 1), on the server as shipped and on one that starts every root field
  at once (graphql-core's default; schema/execution.py), rounds alternating;
- queue reads at 100 / 1,000 / 10,000 pending (tests/perf/bench_queue_reads.py).

Prints JSON. The goal: others' p99 < 100 ms while the heavy query runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

from graphql import parse  # noqa: E402

from tests.perf.bench_gallery import (  # noqa: E402
    PASSWORD,
    Client,
    _free_port,
    _serve,
    _settings,
    wait_healthy,
)

BOARDS = 1_200
IMAGES_PER_BOARD = 2
OTHER_USERS = 4
TARGET_P99_MS = 100.0
ATTACK = (
    "{ "
    + " ".join(f"a{i}: boards {{ images(first: 1) {{ totalCount }} }}" for i in range(15))
    + " }"
)
OVER_LIMIT = """{ boards(first: 500) { images(first: 500) { edges { node {
  board { images(first: 500) { edges { node { id } } } } } } } } }"""


def heavy_query(boards_per_alias: int) -> str:
    alias = (
        f"boards(first: {boards_per_alias}) {{ id name imageCount "
        "images(first: 1) { totalCount edges { node { id url } } } }"
    )
    return "{ " + " ".join(f"a{i}: {alias}" for i in range(15)) + " }"


def heaviest_allowed() -> tuple[str, int, int]:
    """The largest page size whose 15-alias query the default limit still allows."""
    from gql_invoke.config import Settings
    from resolvers.root import build_schema
    from schema.query_cost import operation_cost

    limit = Settings().max_query_cost
    schema = build_schema()._schema
    best = None
    for n in range(1, 501):
        cost = operation_cost(schema, parse(heavy_query(n)))
        if cost > limit:
            break
        best = (heavy_query(n), n, cost)
    assert best is not None
    return best


async def _seed(root: Path) -> dict[str, Any]:
    from gql_invoke import runtime
    from gql_invoke.auth import passwords
    from gql_invoke.db import close_db, init_db
    from gql_invoke.db.models import Board, Image, User

    settings = _settings(root)
    runtime.start(settings)
    await init_db(settings.database_url)
    try:
        pw_hash = await passwords.hash_password(PASSWORD)
        users = [
            User(
                id=uuid.uuid4(),
                email=f"user{i}@bench.local",
                display_name=f"User {i}",
                password_hash=pw_hash,
            )
            for i in range(OTHER_USERS + 1)
        ]
        await User.bulk_create(users)
        attacker = users[0]
        boards = [
            Board(id=uuid.uuid4(), owner_id=attacker.id, name=f"Board {i}") for i in range(BOARDS)
        ]
        await Board.bulk_create(boards, batch_size=500)
        start = datetime.now(UTC) - timedelta(days=1)
        rows = []
        for i, board in enumerate(boards):
            for k in range(IMAGES_PER_BOARD):
                stem = secrets.token_hex(16)
                rows.append(
                    Image(
                        id=uuid.uuid4(),
                        owner_id=attacker.id,
                        board_id=board.id,
                        filename=f"{stem[:2]}/{stem}.png",
                        thumbnail=f"{stem[:2]}/{stem}.webp",
                        width=512,
                        height=512,
                        size_bytes=400_000,
                        metadata={"prompt": "bench"},
                        created_at=start + timedelta(seconds=i * 10 + k),
                    )
                )
        await Image.bulk_create(rows, batch_size=1000)
        return {"attacker": attacker.email, "others": [u.email for u in users[1:]]}
    finally:
        await close_db()
        runtime.stop()


def _percentiles(samples: list[float]) -> dict[str, Any]:
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
        "max_ms": round(samples[-1], 2),
        "requests": len(samples),
    }


def _timed(client: Client, query: str, token: str) -> tuple[float, dict[str, Any]]:
    t0 = time.perf_counter()
    headers = {"Authorization": f"Bearer {token}"}
    body = client.http.post("/graphql", json={"query": query}, headers=headers).json()
    return (time.perf_counter() - t0) * 1000, body


def _trivial_round(base: str, counter: Any, tokens: list[str], n: int) -> list[float]:
    """Other users, one client each, ``{ me }`` back to back."""
    samples: list[float] = []
    lock = threading.Lock()

    def one_user(token: str) -> None:
        client = Client(base, counter)
        mine = []
        for _ in range(n // len(tokens)):
            ms, body = _timed(client, "{ me { id } }", token)
            assert not body.get("errors"), body
            mine.append(ms)
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=one_user, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples


def _serve_variant(root: str, port: int, counter: Any, in_turn: bool) -> None:
    """bench_gallery's server as shipped (root fields in turn) or with graphql-core's
    default of starting every root field at once, for comparison in the same run."""
    if not in_turn:
        from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

        from schema.execution import RootFieldsInTurn

        RootFieldsInTurn.execute_root_grouped_field_set = (  # type: ignore[method-assign]
            StrawberryGraphQLCoreExecutionContext.execute_root_grouped_field_set
        )
    _serve(root, port, counter)


class Site:
    """One server process over the seeded root, and the bench's clients of it."""

    def __init__(self, root: Path, seeded: dict[str, Any], in_turn: bool = True) -> None:
        ctx = mp.get_context("spawn")
        self.counter = ctx.Value("q", 0)
        port = _free_port()
        self.proc = ctx.Process(
            target=_serve_variant, args=(str(root), port, self.counter, in_turn), daemon=True
        )
        self.proc.start()
        self.base = f"http://127.0.0.1:{port}"
        self.client = Client(self.base, self.counter)
        wait_healthy(self.client.http)
        self.attacker = self.client.login(seeded["attacker"])
        self.others = [self.client.login(e) for e in seeded["others"]]
        self.idle: list[float] = []
        self.loaded: list[float] = []
        self.heavy_ms: list[float] = []

    def alone(self, query: str, runs: int = 5) -> dict[str, Any]:
        samples, statements, last = [], [], {}
        for _ in range(runs):
            before = self.counter.value
            ms, last = _timed(self.client, query, self.attacker)
            samples.append(ms)
            statements.append(self.counter.value - before)
        return {
            **_percentiles(samples),
            "sql_statements": max(statements),
            "errors": [e.get("extensions") for e in last.get("errors", [])][:1],
        }

    def round(self, heavy: str, attackers: int, requests: int) -> None:
        """A: others alone; B: others while the attacker loops the heavy query."""
        self.idle += _trivial_round(self.base, self.counter, self.others, requests)
        stop = threading.Event()

        def attack_loop() -> None:
            mine = Client(self.base, self.counter)
            while not stop.is_set():
                ms, body = _timed(mine, heavy, self.attacker)
                assert not body.get("errors"), body["errors"][:1]
                self.heavy_ms.append(ms)

        threads = [threading.Thread(target=attack_loop) for _ in range(attackers)]
        for t in threads:
            t.start()
        time.sleep(0.2)
        self.loaded += _trivial_round(self.base, self.counter, self.others, requests)
        stop.set()
        for t in threads:
            t.join()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.join(10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument(
        "--attackers",
        type=int,
        default=1,
        help="clients of the attacking user looping the heavy query",
    )
    parser.add_argument("--no-queue", action="store_true", help="skip the queue reads")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="gql-invoke-bench-cost-"))
    seeded = asyncio.run(_seed(root))
    heavy, per_alias, heavy_cost = heaviest_allowed()
    # The server as shipped, and one starting every root field at once (graphql-core's
    # default); rounds alternate between them so machine noise hits both alike.
    site, parallel = Site(root, seeded), Site(root, seeded, in_turn=False)
    try:
        heavy_alone = site.alone(heavy)
        attack_alone = site.alone(ATTACK)
        refused = site.alone(OVER_LIMIT)
        parallel_alone = parallel.alone(heavy)
        for _ in range(args.rounds):  # A B A B, each server in turn
            site.round(heavy, args.attackers, args.requests)
            parallel.round(heavy, args.attackers, args.requests)
    finally:
        site.close()
        parallel.close()

    queue: Any = "skipped"
    if not args.no_queue:
        out = subprocess.run(
            [sys.executable, str(ROOT_DIR / "tests/perf/bench_queue_reads.py")],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        queue = json.loads(out.stdout) if out.returncode == 0 else {"error": out.stderr[-2000:]}
    others_loaded = _percentiles(site.loaded)
    print(
        json.dumps(
            {
                "dataset": {
                    "attacker_boards": BOARDS,
                    "images_per_board": IMAGES_PER_BOARD,
                    "other_users": OTHER_USERS,
                },
                "attacker_clients": args.attackers,
                "heavy_query": {
                    "aliases": 15,
                    "boards_per_alias": per_alias,
                    "cost": heavy_cost,
                    "alone": heavy_alone,
                    "under_load": _percentiles(site.heavy_ms),
                    "alone_root_fields_at_once": parallel_alone,
                    "under_load_root_fields_at_once": _percentiles(parallel.heavy_ms),
                },
                "attack_15_aliases_images_first_1": attack_alone,
                "over_limit_refused": refused,
                "others_me": {
                    "attacker_idle": _percentiles(site.idle),
                    "attacker_running": others_loaded,
                },
                "others_me_root_fields_at_once": {
                    "attacker_idle": _percentiles(parallel.idle),
                    "attacker_running": _percentiles(parallel.loaded),
                },
                "target_p99_ms": TARGET_P99_MS,
                "target_met": others_loaded["p99_ms"] < TARGET_P99_MS,
                "queue_reads": queue,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
