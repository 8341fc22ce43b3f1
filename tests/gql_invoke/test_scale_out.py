"""Scale-out on PostgreSQL, with real processes: two API servers on one database and two
`gql-invoke worker --device cpu` processes that joined it; `serve --processes 2`.

Enqueued through one API process, followed through the other: progress and the
finished item arrive there; each item makes one image; a cancel sent to the other
process stops the job; a worker killed mid-job loses nothing. With SQLite,
`--processes 2` is refused with the reason.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from gql_invoke.generation.devices import EXIT_DEVICE_UNAVAILABLE
from tests.fair_share_live import check_fair_share_across_two_workers
from tests.gql_invoke.test_worker_processes import (
    enqueue,
    item,
    ok,
    settled,
    wait_for,
    worker_pid,
    workers,
)
from tests.live_server import LiveServer, children, free_port

PG_URL = os.environ.get("TEST_POSTGRES_URL")
LEASE_S = 5  # short for the kill tests; long enough for a loaded 2-core CI box
pytestmark = pytest.mark.skipif(not PG_URL, reason="TEST_POSTGRES_URL is not set")


def _admin_sql(statement: str) -> None:
    import asyncio

    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(str(PG_URL).replace("postgres://", "postgresql://", 1))
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(run())


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """The URL of a new, empty database on TEST_POSTGRES_URL's server, dropped after."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    _admin_sql(f"CREATE DATABASE {name}")
    try:
        yield f"{str(PG_URL).rsplit('/', 1)[0]}/{name}"
    finally:
        _admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    with fresh_database("scale") as url:
        yield url


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")}


def _root(tmp: Path, db_url: str, **config: Any) -> Path:
    root = tmp / f"r{free_port()}"
    root.mkdir()
    settings = {
        "db_url": db_url,
        "build_demo_model": True,
        "worker_lease_seconds": LEASE_S,
        "previews": False,
        **config,
    }
    (root / "gql_invoke.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root


@contextmanager
def process(args: list[str], root: Path, log_name: str) -> Iterator[subprocess.Popen[bytes]]:
    log = (root / log_name).open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gql_invoke.cli", *args, "--root", str(root)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_env(),
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextmanager
def api(root: Path, *extra: str) -> Iterator[LiveServer]:
    port = free_port()
    with process(["serve", "--port", str(port), *extra], root, f"api{port}.log"):
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10, trust_env=False)
        live = LiveServer(port, root / f"api{port}.log", client, root)
        wait_for(lambda: _healthy(client), 90, "a healthy API process", live)
        try:
            yield live
        finally:
            client.close()


def _healthy(client: httpx.Client) -> bool:
    try:
        return client.get("/healthz").status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture(scope="module")
def deployment(
    database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, LiveServer]]:
    tmp = tmp_path_factory.mktemp("scale")
    # API only: the workers are separate processes that join through the database.
    root = _root(tmp, database, worker_enabled=False)
    with (
        api(root) as first,
        api(root) as second,
        # Two on one machine's cores: each its share (a thread per core each spin
        # against each other).
        process(["worker", "--device", "cpu", "--cpu-threads", "1"], root, "worker1.log"),
        process(["worker", "--device", "cpu", "--cpu-threads", "1"], root, "worker2.log"),
    ):
        wait_for(
            lambda: [w["status"] for w in workers(first)] == ["IDLE", "IDLE"],
            120,
            "two idle workers",
            first,
        )
        yield first, second


def _follow(server: LiveServer, query: str) -> Any:
    ws = server.ws()
    ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
    ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    return ws


def test_enqueued_on_one_api_process_followed_on_the_other(
    deployment: tuple[LiveServer, LiveServer],
) -> None:
    first, second = deployment
    progress = _follow(second, "subscription { generationProgress { queueItemId step } }")
    queue = _follow(
        second,
        "subscription { queueEvents { ... on QueueItemStatusChanged "
        "{ cursor item { id status } } } }",
    )
    ids = enqueue(first, "two rooms", steps=8, runs=4)
    seen_steps: set[str] = set()
    completed: set[str] = set()
    deadline = time.monotonic() + 120
    # Until both have seen every item: one message per socket a round, so the progress
    # frames (many per item) may still be arriving when the last completion is in.
    while (completed, seen_steps) != (set(ids), set(ids)) and time.monotonic() < deadline:
        for ws, into in ((progress, seen_steps), (queue, completed)):
            try:
                message = json.loads(ws.recv(timeout=0.2))
            except TimeoutError:
                continue
            data = message.get("payload", {}).get("data") or {}
            if "generationProgress" in data:
                into.add(data["generationProgress"]["queueItemId"])
            event = data.get("queueEvents") or {}
            if (event.get("item") or {}).get("status") == "COMPLETED":
                into.add(event["item"]["id"])
    progress.close()
    queue.close()
    assert completed == set(ids), f"completions seen through the other process: {completed}"
    assert seen_steps == set(ids)
    items = settled(first, ids)
    assert items and all(len(i["images"]) == 1 for i in items)


def test_a_cancel_sent_to_the_other_api_process_stops_the_job(
    deployment: tuple[LiveServer, LiveServer],
) -> None:
    first, second = deployment
    [item_id] = enqueue(first, "cancel me elsewhere", steps=150, size=128)
    wait_for(lambda: item(first, item_id)["status"] == "IN_PROGRESS", 60, "running", first)
    ok(second, "mutation($id: ID!) { cancelQueueItem(id: $id) { status } }", id=item_id)

    def freed() -> bool:
        return all((w["currentItem"] or {}).get("id") != item_id for w in workers(first))

    wait_for(freed, 5, "the worker letting go", first)
    final = item(first, item_id)
    assert final["status"] == "CANCELED" and final["images"] == []


def test_a_worker_killed_mid_job_loses_nothing_on_postgresql(
    deployment: tuple[LiveServer, LiveServer],
) -> None:
    first, _ = deployment
    [item_id] = enqueue(first, "a long one", steps=40)  # seconds on one core

    def runner(besides: str = "") -> dict[str, Any] | None:
        return next(
            (
                w
                for w in workers(first)
                if w["status"] == "BUSY"
                and w["id"] != besides
                and (w["currentItem"] or {}).get("id") == item_id
            ),
            None,
        )

    victim = wait_for(runner, 60, "a worker running the item", first)
    os.kill(worker_pid(victim), signal.SIGKILL)
    wait_for(lambda: runner(besides=victim["id"]), LEASE_S * 4, "the re-run elsewhere", first)
    [done] = wait_for(
        lambda: settled(first, [item_id]), 300, "the item finished", first
    )  # slow on a loaded 2-core box
    assert done["status"] == "COMPLETED" and len(done["images"]) == 1


def test_serve_with_two_processes_runs_two_api_processes_on_one_port(
    database: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = _root(tmp_path_factory.mktemp("procs"), database, worker_enabled=False)
    port = free_port()
    with process(["serve", "--port", str(port), "--processes", "2"], root, "procs.log") as proc:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10, trust_env=False)
        live = LiveServer(port, root / "procs.log", client, root)
        try:
            wait_for(lambda: _healthy(client), 120, "a healthy server", live)
            # uvicorn names each API process it starts ("Started server process [pid]").
            served = wait_for(
                lambda: len(api_pids := _served_by(live)) == 2 and api_pids,
                30,
                "two API processes",
                live,
            )
            assert set(served) <= set(children(proc.pid))
            for _ in range(20):  # fresh connections: the kernel spreads them over both
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as c:
                    assert c.get("/healthz").status_code == 200
            assert ok(live, "{ setupStatus { multiuserEnabled } }")["setupStatus"]
            assert all("libtorch" not in Path(f"/proc/{c}/maps").read_text() for c in served)
        finally:
            client.close()


def _served_by(live: LiveServer) -> list[int]:
    return [int(p) for p in re.findall(r"Started server process \[(\d+)\]", live.log.read_text())]


def test_several_processes_on_sqlite_are_refused_with_the_reason(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gql_invoke.cli", "serve", "--root", str(tmp_path)]
        + ["--port", str(free_port()), "--processes", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert result.returncode == 2
    assert "--processes needs PostgreSQL" in result.stderr
    assert "SQLite takes one writer at a time" in result.stderr


def _next_data(ws: Any, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = json.loads(ws.recv(timeout=deadline - time.monotonic()))
        if message.get("type") == "next":
            return dict(message["payload"]["data"])
    raise AssertionError("no event")


def test_a_cursor_from_one_api_process_replays_on_the_other(
    deployment: tuple[LiveServer, LiveServer],
) -> None:
    first, second = deployment
    query = (
        "subscription($since: String) { queueEvents(since: $since) { "
        "... on QueueItemStatusChanged { cursor item { id status } } "
        "... on BatchEnqueued { cursor batchId } } }"
    )
    ws = first.ws()
    ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
    ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    enqueue(first, "before the drop", steps=2)
    cursor = _next_data(ws)["queueEvents"]["cursor"]
    ws.close()  # the network drops; the client comes back through the other process
    missed = enqueue(first, "while away", steps=2)
    wait_for(lambda: settled(first, missed), 60, "the missed item finished", first)
    again = second.ws()
    again.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(again.recv(timeout=10))["type"] == "connection_ack"
    again.send(
        json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": query, "variables": {"since": cursor}},
            }
        )
    )
    statuses: list[str] = []
    cursors: list[str] = []
    while "COMPLETED" not in statuses:
        event = _next_data(again)["queueEvents"]
        cursors.append(event["cursor"])
        item = event.get("item") or {}
        if item.get("id") == missed[0]:
            statuses.append(item["status"])
    again.close()
    assert statuses[-1] == "COMPLETED" and "IN_PROGRESS" in statuses
    # Cursors are the database's: they only grow, whichever process hands them out.
    numbers = [int(c.removeprefix("q")) for c in [cursor, *cursors]]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_fair_share_across_two_worker_machines_starts_bobs_job_before_alices_backlog(
    tmp_path: Path,
) -> None:
    with fresh_database("fair") as database:
        root = _root(tmp_path, database, worker_enabled=False, multiuser=True)
        with (
            api(root, "--processes", "2") as server,
            process(["worker", "--device", "cpu", "--cpu-threads", "1"], root, "w1.log"),
            process(["worker", "--device", "cpu", "--cpu-threads", "1"], root, "w2.log"),
        ):
            check_fair_share_across_two_workers(server)


LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { user { email } }
}"""


def _login_code(server: LiveServer, password: str) -> str | None:
    answer = server.gql(LOGIN, {"email": "admin@example.local", "password": password})
    errors = answer.get("errors")
    return errors[0]["extensions"]["code"] if errors else None


def test_two_api_processes_share_the_sign_in_limits(tmp_path: Path) -> None:
    with fresh_database("limits") as database:
        _share_the_sign_in_limits(tmp_path, database)


def _share_the_sign_in_limits(tmp_path: Path, database: str) -> None:
    root = _root(
        tmp_path,
        database,
        worker_enabled=False,
        build_demo_model=False,
        multiuser=True,
        login_max_failures_per_account=3,
    )
    with api(root) as first, api(root) as second:
        setup = first.gql(
            """mutation { setup(input: {email: "admin@example.local", displayName: "Admin",
            password: "Correct-Horse-9"}) { user { email } } }"""
        )
        assert "errors" not in setup, setup
        wrong = "Wrong-Horse-9"
        assert [_login_code(first, wrong) for _ in range(2)] == ["UNAUTHENTICATED"] * 2
        # The third and last allowed attempt lands on the other process...
        assert _login_code(second, wrong) == "UNAUTHENTICATED"
        # ...and both processes now refuse the account from this client.
        assert _login_code(second, "Correct-Horse-9") == "RATE_LIMITED"
        assert _login_code(first, "Correct-Horse-9") == "RATE_LIMITED"


def test_a_user_deactivated_through_one_api_process_stops_receiving_on_the_other(
    tmp_path: Path,
) -> None:
    with fresh_database("ended") as database:
        root = _root(
            tmp_path, database, worker_enabled=False, build_demo_model=False, multiuser=True
        )
        with api(root) as first, api(root) as second:
            _stream_of_a_deactivated_user_ends(first, second)


def _stream_of_a_deactivated_user_ends(first: LiveServer, second: LiveServer) -> None:
    setup = first.gql(
        """mutation { setup(input: {email: "admin@example.local", displayName: "Admin",
        password: "Correct-Horse-9"}) { token } }"""
    )
    admin = setup["data"]["setup"]["token"]
    bob_id = first.ok_as(
        admin,
        """mutation { createUser(input: {email: "bob@example.local", displayName: "Bob",
        password: "Correct-Horse-9"}) { id } }""",
    )["createUser"]["id"]
    login = first.gql(
        'mutation { login(input: {email: "bob@example.local", password: "Correct-Horse-9"}) '
        "{ token } }"
    )
    bob = login["data"]["login"]["token"]
    ws = second.ws()
    ws.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {bob}"}}))
    assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
    query = "subscription { queueEvents { __typename } }"
    ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    first.ok_as(admin, "mutation { pauseProcessor { paused } }")
    assert _next_data(ws)["queueEvents"]["__typename"] == "ProcessorStateChanged"  # live
    first.ok_as(
        admin,
        "mutation($id: ID!) { updateUser(id: $id, input: {isActive: false}) { id } }",
        id=bob_id,
    )
    asked = time.monotonic()
    # Nothing else happens: only the announcement that crossed the processes ends it
    # now (without it, the stream would re-check after services.live.IDLE_RECHECK_S).
    message = json.loads(ws.recv(timeout=10))
    took = time.monotonic() - asked
    ws.close()
    print(f"\nstream on the other API process ended {took:.2f} s after the deactivation")
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED", message
    assert took < 5  # 1 s asked; slack for a loaded CI box (the idle re-check is 30 s)


def _torch_sees_cuda() -> bool:
    import torch

    return bool(torch.cuda.is_available())


@pytest.mark.skipif(_torch_sees_cuda(), reason="this machine has a CUDA GPU")
def test_a_worker_on_a_device_the_machine_lacks_exits_with_the_reason_not_a_traceback(
    database: str, tmp_path: Path
) -> None:
    # Last in this module: it registers (and deregisters) a worker in the shared database.
    root = _root(tmp_path, database, worker_enabled=False)
    result = subprocess.run(
        [sys.executable, "-m", "gql_invoke.launch", "worker", "--root", str(root)]
        + ["--device", "cuda"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert result.returncode == EXIT_DEVICE_UNAVAILABLE
    assert "cannot start: device 'cuda' is not available" in result.stderr
    assert "use --device cpu" in result.stderr
    assert "Traceback" not in result.stderr
