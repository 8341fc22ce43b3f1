"""`gql-invoke serve` with its GPU loops in worker processes, for real: two CPU workers
on one SQLite root (`generation_devices: [cpu, cpu]`), a 3 s lease.

The API process never imports torch; both workers register and share the queue;
every item makes exactly one image; a worker killed with -9 mid-job loses nothing
(its item runs again elsewhere within the lease); a cancel reaches the worker that
runs the item; a second server on the same root is refused.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fair_share_live import check_fair_share_across_two_workers
from tests.live_server import LiveServer, children, free_port, live_server

LEASE_S = 5  # short for the kill tests; long enough for a loaded 2-core CI box


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(
        tmp_path_factory.mktemp("split"),
        worker_enabled=True,
        build_demo_model=True,
        generation_devices=["cpu", "cpu"],
        worker_lease_seconds=LEASE_S,
        previews=False,
    ) as live:
        wait_for(lambda: len(idle_workers(live)) == 2, 90, "two idle workers", live)
        yield live


def ok(server: LiveServer, query: str, **variables: Any) -> Any:
    body = server.gql(query, variables)
    assert not body.get("errors"), body["errors"]
    return body["data"]


def wait_for(check: Callable[[], Any], seconds: float, what: str, server: LiveServer) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"no {what} after {seconds} s; server log:\n{server.log.read_text()}")


def workers(server: LiveServer) -> list[dict[str, Any]]:
    query = "{ workers { id device host status currentItem { id } lastHeartbeatAt } }"
    return list(ok(server, query)["workers"])


def idle_workers(server: LiveServer) -> list[dict[str, Any]]:
    return [w for w in workers(server) if w["status"] == "IDLE"]


def gone(pid: int) -> bool:
    """Exited (a zombie until its parent reaps it counts as exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status


def server_pid(server: LiveServer) -> int:
    return int((server.root / "server.pid").read_text().strip())


def worker_pid(worker: dict[str, Any]) -> int:
    # Worker ids are host-pid-random (worker_process.new_worker_id).
    return int(worker["id"].rsplit("-", 2)[1])


def enqueue(
    server: LiveServer, prompt: str, steps: int, runs: int = 1, size: int = 64
) -> list[str]:
    generation = {"prompt": prompt, "steps": steps, "width": size, "height": size}
    data = ok(
        server,
        "mutation($i: EnqueueInput!) { enqueue(input: $i) { items { id } } }",
        i={"generation": generation, "runs": runs},
    )
    return [item["id"] for item in data["enqueue"]["items"]]


def item(server: LiveServer, item_id: str) -> dict[str, Any]:
    query = "query($id: ID!) { queueItem(id: $id) { id status error images { id } } }"
    return dict(ok(server, query, id=item_id)["queueItem"])


def settled(server: LiveServer, ids: list[str]) -> list[dict[str, Any]] | None:
    items = [item(server, i) for i in ids]
    done = all(i["status"] in ("COMPLETED", "FAILED", "CANCELED") for i in items)
    return items if done else None


def test_the_api_process_never_imports_torch_and_stays_small(split: LiveServer) -> None:
    pid = server_pid(split)
    maps = Path(f"/proc/{pid}/maps").read_text()
    assert "libtorch" not in maps and "torch/lib" not in maps
    rss_kb = int(
        next(
            line.split()[1]
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("VmRSS:")
        )
    )
    print(f"\nAPI process RSS: {rss_kb / 1024:.0f} MB")
    assert rss_kb < 200 * 1024
    # The workers are other processes, each with torch loaded (warmed at start).
    for worker in workers(split):
        assert worker["device"] == "cpu"
        assert worker_pid(worker) != pid
        assert "libtorch" in Path(f"/proc/{worker_pid(worker)}/maps").read_text()


def test_both_workers_share_the_queue_and_every_item_makes_one_image(split: LiveServer) -> None:
    ids = enqueue(split, "a lighthouse", steps=12, runs=6)
    busy: set[str] = set()

    def watch() -> list[dict[str, Any]] | None:
        busy.update(w["id"] for w in workers(split) if w["status"] == "BUSY")
        return settled(split, ids)

    items = wait_for(watch, 120, "six finished items", split)
    assert [i["status"] for i in items] == ["COMPLETED"] * 6, [i["error"] for i in items]
    assert all(len(i["images"]) == 1 for i in items)
    assert len(busy) == 2, f"only {busy} ever ran a job"


def test_a_worker_killed_mid_job_loses_nothing(split: LiveServer) -> None:
    wait_for(lambda: len(idle_workers(split)) == 2, 60, "two idle workers", split)
    [item_id] = enqueue(split, "a long one", steps=40)  # seconds on a worker's one core

    def running_worker(besides: str = "") -> dict[str, Any] | None:
        return next(
            (
                w
                for w in workers(split)
                if w["status"] == "BUSY"
                and w["id"] != besides
                and (w["currentItem"] or {}).get("id") == item_id
            ),
            None,
        )

    victim = wait_for(running_worker, 60, "a worker running the item", split)
    os.kill(worker_pid(victim), signal.SIGKILL)
    killed_at = time.monotonic()
    # Re-queued by a live process once the lease expires, then run to the end elsewhere.
    rerun = wait_for(
        lambda: running_worker(besides=victim["id"]),
        LEASE_S * 4,
        "the item running on another worker",
        split,
    )
    print(f"\nre-run on {rerun['id']} {time.monotonic() - killed_at:.1f} s after the kill")
    [done] = wait_for(
        lambda: settled(split, [item_id]), 300, "the item finished", split
    )  # slow on a loaded 2-core box
    assert done["status"] == "COMPLETED" and len(done["images"]) == 1
    lost = [w for w in workers(split) if w["id"] == victim["id"]]
    assert not lost or lost[0]["status"] == "LOST"


def test_a_cancel_reaches_the_worker_process_within_a_step(split: LiveServer) -> None:
    wait_for(lambda: len(idle_workers(split)) >= 1, 60, "an idle worker", split)
    [item_id] = enqueue(split, "cancel me", steps=150, size=128)
    wait_for(lambda: item(split, item_id)["status"] == "IN_PROGRESS", 60, "the job running", split)
    time.sleep(0.5)
    ok(split, "mutation($id: ID!) { cancelQueueItem(id: $id) { status } }", id=item_id)
    canceled_at = time.monotonic()

    def freed() -> bool:
        return all((w["currentItem"] or {}).get("id") != item_id for w in workers(split))

    wait_for(freed, 5, "the worker letting go of the canceled item", split)
    print(f"\nworker free {time.monotonic() - canceled_at:.2f} s after the cancel")
    final = item(split, item_id)
    assert final["status"] == "CANCELED" and final["images"] == []


def worker_processes_of(root: Path) -> set[int]:
    """Worker processes (of any server) started for ``root``, by their command line."""
    pids = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"worker" in argv and str(root).encode() in argv and not gone(int(proc.name)):
            pids.add(int(proc.name))
    return pids


def test_a_second_server_on_the_same_root_is_refused(split: LiveServer) -> None:
    before = worker_processes_of(split.root)
    assert len(before) == 2
    started = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-m", "gql_invoke.launch", "serve", "--root", str(split.root)]
        + ["--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=30,
        env={k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")},
    )
    assert second.returncode != 0
    assert f"already running (pid {server_pid(split)})" in second.stderr
    assert "stop it or use another --root" in second.stderr
    assert time.monotonic() - started < 10
    # The workers it started before it found the lock taken (launch.py) exit without a
    # trace: the server's two are all there are, and all that are registered (besides the
    # LOST ones the kill test left).
    wait_for(lambda: worker_processes_of(split.root) == before, 15, "its workers gone", split)
    assert {worker_pid(w) for w in workers(split) if w["status"] != "LOST"} == before


def test_the_workers_stop_when_the_server_is_killed(split: LiveServer) -> None:
    # Last of the tests on `split`: it ends that server.
    pids = worker_processes_of(split.root)
    assert len(pids) == 2
    os.kill(server_pid(split), signal.SIGKILL)
    killed_at = time.monotonic()
    wait_for(lambda: all(gone(pid) for pid in pids), 10, "the workers gone", split)
    print(f"\nworkers gone {time.monotonic() - killed_at:.2f} s after the server's kill -9")


def test_stopping_the_server_gives_the_running_item_back_and_stops_the_workers(
    tmp_path: Path,
) -> None:
    import sqlite3

    with live_server(
        tmp_path, worker_enabled=True, build_demo_model=True, previews=False
    ) as server:
        wait_for(lambda: len(idle_workers(server)) == 1, 90, "an idle worker", server)
        [worker] = workers(server)
        [item_id] = enqueue(server, "interrupted", steps=150, size=128)
        wait_for(lambda: item(server, item_id)["status"] == "IN_PROGRESS", 60, "running", server)
        pid = server_pid(server)
        stopped_at = time.monotonic()
        os.kill(pid, signal.SIGTERM)  # what systemd and Ctrl-C's first press do
        wait_for(lambda: gone(pid), 30, "the server gone", server)
        print(f"\nserver stopped {time.monotonic() - stopped_at:.1f} s after SIGTERM")
        assert gone(worker_pid(worker))
        # Its exit was clean: no abort at interpreter shutdown (the worker's stderr is the
        # server's log; a buffered read of the pipe left blocked once made it SIGABRT).
        assert "Fatal Python error" not in server.log.read_text()
        db = sqlite3.connect(server.root / "databases" / "gql_invoke.db")
        try:
            row = db.execute(
                "SELECT status, worker_id, attempts FROM queue_items WHERE id = ?", (item_id,)
            ).fetchone()
            registered = db.execute("SELECT count(*) FROM workers").fetchone()[0]
        finally:
            db.close()
        # Given back as it was: PENDING, no worker, this run not counted as an attempt.
        assert row == ("PENDING", None, 0)
        assert registered == 0


def _torch_children(pid: int) -> list[int]:
    found = []
    for child in children(pid):
        try:
            if "libtorch" in Path(f"/proc/{child}/maps").read_text():
                found.append(child)
        except OSError:
            continue  # gone meanwhile
    return found


def test_a_new_server_builds_the_demo_in_a_child_and_a_second_interrupt_stops_it_at_once(
    tmp_path: Path,
) -> None:
    # As on a new machine: nothing placed in the root, the server builds the model itself.
    with live_server(
        tmp_path,
        prebuilt_demo=False,
        worker_enabled=True,
        build_demo_model=True,
        previews=False,
        device="cpu",  # the slow step this needs: a GPU would finish the job first
    ) as server:
        [model] = ok(server, "{ models { key } }")["models"]
        assert model["key"] == "demo-tiny-sd"
        pid = server_pid(server)
        assert "libtorch" not in Path(f"/proc/{pid}/maps").read_text()
        wait_for(lambda: len(idle_workers(server)) == 1, 90, "an idle worker", server)
        [worker] = workers(server)
        # The builder (torch, about 460 MB) ended with the start-up: the one child holding
        # torch now is the worker.
        wait_for(
            lambda: _torch_children(pid) == [worker_pid(worker)], 15, "only the worker", server
        )

        # One step of a 512x512 image takes tens of seconds on a CPU: a graceful stop
        # would wait for it (up to worker_pool.STOP_TIMEOUT_S).
        [item_id] = enqueue(server, "a slow step", steps=4, size=512)
        wait_for(lambda: item(server, item_id)["status"] == "IN_PROGRESS", 60, "running", server)
        time.sleep(1.0)  # inside the first step
        os.kill(pid, signal.SIGINT)  # Ctrl-C ...
        time.sleep(0.3)
        assert not gone(pid)  # ... waits for the step
        forced_at = time.monotonic()
        os.kill(pid, signal.SIGINT)  # ... and Ctrl-C again does not
        wait_for(lambda: gone(pid) and gone(worker_pid(worker)), 10, "all gone", server)
        took = time.monotonic() - forced_at
        print(f"\nserver and worker gone {took:.2f} s after the second Ctrl-C")
        assert took < 3, server.log.read_text()  # 1 s asked; slack for a loaded CI box
        assert "killed (a second interrupt)" in server.log.read_text()


def test_fair_share_across_two_worker_processes_starts_bobs_job_before_alices_backlog(
    tmp_path: Path,
) -> None:
    with live_server(
        tmp_path,
        multiuser=True,
        worker_enabled=True,
        build_demo_model=True,
        generation_devices=["cpu", "cpu"],
        previews=False,
    ) as live:
        check_fair_share_across_two_workers(live)
