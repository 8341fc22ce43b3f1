"""Gallery benchmark: 100,000 images over 200 boards and 20 users, real HTTP.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_gallery.py [--requests 200] [--root DIR]

Seeds rows in bulk (no image files: listing never opens them), starts the real
app under uvicorn on 127.0.0.1 in a child process (so client and server do not
share a GIL), and prints JSON: p50/p99 latency of gallery and board queries and
the SQL statements each request costs (counted inside the server process).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import random
import secrets
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

USERS = 20
BOARDS = 200
IMAGES = 100_000
BIG_BOARD_IMAGES = 5_000  # one board deep enough to page 2,000 images in
UNCATEGORIZED_SHARE = 0.1
PASSWORD = "Bench-Password-9"
TARGET_P99_MS = 20.0


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


async def _seed(settings: Settings) -> dict[str, Any]:
    from gql_invoke import runtime
    from gql_invoke.auth import passwords
    from gql_invoke.db import close_db, init_db
    from gql_invoke.db.models import Board, BoardShare, Image, User

    runtime.start(settings)
    await init_db(settings.database_url)
    rng = random.Random(7)
    try:
        pw_hash = await passwords.hash_password(PASSWORD)
        users = [
            User(
                id=uuid.uuid4(),
                email=f"user{i}@bench.local",
                display_name=f"User {i}",
                password_hash=pw_hash,
                is_admin=(i == 0),
            )
            for i in range(USERS)
        ]
        await User.bulk_create(users)
        boards = [
            Board(
                id=uuid.uuid4(),
                owner_id=users[i % USERS].id,
                name=f"Board {i}",
                is_public=(i % 10 == 0),
            )
            for i in range(BOARDS)
        ]
        await Board.bulk_create(boards)
        shares = [
            BoardShare(
                board_id=b.id,
                user_id=users[(i + k) % USERS].id,
                access=("READ", "WRITE", "ADMIN")[k % 3],
            )
            for i, b in enumerate(boards)
            for k in (1, 2)
        ]
        await BoardShare.bulk_create(shares)
        # The benchmarked user (user 1) owns board 1, the deep one.
        big = boards[1]
        start = datetime.now(UTC) - timedelta(days=60)
        rows: list[Image] = []
        inserted = 0
        for n in range(IMAGES):
            if n < BIG_BOARD_IMAGES:
                board = big
            elif rng.random() < UNCATEGORIZED_SHARE:
                board = None
            else:
                board = boards[rng.randrange(BOARDS)]
            owner = board.owner_id if board is not None else users[rng.randrange(USERS)].id
            stem = secrets.token_hex(16)
            rows.append(
                Image(
                    id=uuid.uuid4(),
                    owner_id=owner,
                    board_id=board.id if board else None,
                    filename=f"{stem[:2]}/{stem}.png",
                    thumbnail=f"{stem[:2]}/{stem}.webp",
                    width=512,
                    height=512,
                    size_bytes=rng.randrange(300_000, 600_000),
                    starred=rng.random() < 0.05,
                    metadata={"prompt": f"a bench image {n}", "seed": n, "steps": 20},
                    created_at=start + timedelta(seconds=n * 50 + rng.randrange(50)),
                )
            )
            if len(rows) == 5000:
                await Image.bulk_create(rows, batch_size=1000)
                inserted += len(rows)
                rows = []
        if rows:
            await Image.bulk_create(rows, batch_size=1000)
            inserted += len(rows)
        return {
            "big_board": str(big.id),
            "user_email": users[1].email,
            "admin_email": users[0].email,
            "images": inserted,
        }
    finally:
        await close_db()
        runtime.stop()


def _serve(root: str, port: int, counter: Any) -> None:
    """Child process: count SQL statements, then run the real app under uvicorn."""
    import uvicorn

    from gql_invoke.app import create_app
    from tests.helpers import count_sql

    def one_more(_statement: str) -> None:
        with counter.get_lock():
            counter.value += 1

    count_sql(one_more)
    settings = _settings(Path(root))
    uvicorn.run(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )


def wait_healthy(http: httpx.Client, timeout_s: float = 60) -> None:
    """Until the server started in a child process answers /healthz."""
    deadline = time.time() + timeout_s
    while True:
        try:
            if http.get("/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Client:
    def __init__(self, base: str, counter: Any) -> None:
        self.http = httpx.Client(base_url=base, timeout=30)
        self.counter = counter

    def gql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        return body["data"]

    def login(self, email: str) -> str:
        data = self.gql(
            "mutation($i: LoginInput!){ login(input: $i){ token } }",
            {"i": {"email": email, "password": PASSWORD}},
        )
        return data["login"]["token"]

    def queries(self, query: str, variables: dict[str, Any], token: str) -> int:
        before = self.counter.value
        self.gql(query, variables, token)
        return int(self.counter.value - before)

    def timed(self, query: str, variables: dict[str, Any], token: str, n: int) -> dict[str, Any]:
        for _ in range(10):
            self.gql(query, variables, token)
        samples = []
        for _ in range(n):
            t0 = time.perf_counter()
            self.gql(query, variables, token)
            samples.append((time.perf_counter() - t0) * 1000)
        samples.sort()
        return {
            "p50_ms": round(statistics.median(samples), 2),
            "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2),
            "max_ms": round(samples[-1], 2),
            "requests": n,
        }


PAGE = """query($b: ID, $f: Int, $a: String){ images(boardId: $b, first: $f, after: $a){
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id width height starred createdAt url thumbnailUrl
    owner { id displayName } } } } }"""
UNCATEGORIZED = """query($f: Int){ images(uncategorized: true, first: $f){ totalCount
  edges { node { id url thumbnailUrl } } } }"""
BOARDS_Q = """{ boards { id name myAccess isPublic imageCount owner { id displayName }
  coverImage { id thumbnailUrl } } }"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--root")
    args = parser.parse_args()
    root = Path(args.root or tempfile.mkdtemp(prefix="gql-invoke-bench-"))
    t0 = time.perf_counter()
    seeded = asyncio.run(_seed(_settings(root)))
    seed_s = time.perf_counter() - t0

    ctx = mp.get_context("spawn")
    counter = ctx.Value("q", 0)
    port = _free_port()
    proc = ctx.Process(target=_serve, args=(str(root), port, counter), daemon=True)
    proc.start()
    try:
        client = Client(f"http://127.0.0.1:{port}", counter)
        wait_healthy(client.http)
        user = client.login(seeded["user_email"])
        admin = client.login(seeded["admin_email"])
        big = seeded["big_board"]
        after = None
        for _ in range(40):  # walk 2,000 images into the deep board
            page = client.gql(PAGE, {"b": big, "f": 50, "a": after}, user)["images"]
            after = page["pageInfo"]["endCursor"]
        n = args.requests
        results = {
            "images_first50_page1": client.timed(PAGE, {"b": big, "f": 50}, user, n),
            "images_first50_after2000": client.timed(
                PAGE, {"b": big, "f": 50, "a": after}, user, n
            ),
            "images_uncategorized_first50": client.timed(UNCATEGORIZED, {"f": 50}, user, n),
            "boards_user": client.timed(BOARDS_Q, {}, user, n),
            "boards_admin_all_200": client.timed(BOARDS_Q, {}, admin, n),
        }
        sql = {
            "images_first10": client.queries(PAGE, {"b": big, "f": 10}, user),
            "images_first50": client.queries(PAGE, {"b": big, "f": 50}, user),
            "boards_user": client.queries(BOARDS_Q, {}, user),
            "boards_admin_all_200": client.queries(BOARDS_Q, {}, admin),
        }
        board_count = len(client.gql(BOARDS_Q, {}, user)["boards"])
    finally:
        proc.terminate()
        proc.join(10)
    worst = max(r["p99_ms"] for r in results.values())
    print(
        json.dumps(
            {
                "dataset": {
                    "users": USERS,
                    "boards": BOARDS,
                    "images": seeded["images"],
                    "deep_board_images": BIG_BOARD_IMAGES,
                    "user_sees_boards": board_count,
                    "seed_seconds": round(seed_s, 1),
                },
                "latency": results,
                "sql_queries_per_request": sql,
                "target_p99_ms": TARGET_P99_MS,
                "target_met": worst < TARGET_P99_MS,
                "root": str(root),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
