"""The worker pool (worker_pool.py): workers `serve` starts before it imports the app are
adopted and told to go; ones nobody adopts exit having touched nothing; a worker that
dies is restarted and told to go at once.

The pool's own logic runs against a stand-in worker (a few lines of Python that speak
the pipe: it records "go" and exits on SIGTERM or EOF); the live tests
(test_worker_processes.py) run real workers through `gql-invoke serve`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gql_invoke import worker_pool
from gql_invoke.config import Settings
from gql_invoke.generation.devices import EXIT_DEVICE_UNAVAILABLE
from tests.helpers import make_settings

STAND_IN = """
import signal, sys
out = open(sys.argv[1], "a")
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
for line in sys.stdin:
    out.write(line); out.flush()
out.write("EOF\\n"); out.flush()
"""


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """worker_command -> the stand-in, whose log (one per device) is returned."""

    def command(settings: Settings, device: str, _threads: int | None = None) -> list[str]:
        assert settings.generation_devices  # the pool's own settings, passed on
        return [sys.executable, "-c", STAND_IN, str(tmp_path / f"{device}.log")]

    monkeypatch.setattr(worker_pool, "worker_command", command)
    monkeypatch.setattr(worker_pool, "RESTART_DELAY_S", 0.1)
    return lambda device: tmp_path / f"{device}.log"


async def until(check: Callable[[], Any], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the time"
        await asyncio.sleep(0.05)


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


async def test_early_workers_are_adopted_and_told_to_go(
    tmp_path: Path, stand_in: Callable[[str], Path]
) -> None:
    settings = make_settings(tmp_path, generation_devices=["cpu", "cuda:1"])
    worker_pool.spawn_early(settings)
    early = {p.args[-1]: p.pid for p in worker_pool._early}  # type: ignore[index]
    assert len(early) == 2
    await asyncio.sleep(0.3)
    assert lines(stand_in("cpu")) == []  # nothing before the pool says so
    pool = worker_pool.WorkerPool(settings)
    await pool.start()
    try:
        assert worker_pool._early == []
        assert {p.pid for p in pool.procs.values()} == set(early.values())
        await until(lambda: lines(stand_in("cpu")) == ["go"] and lines(stand_in("cuda:1")))
        assert lines(stand_in("cuda:1")) == ["go"]
    finally:
        await pool.stop()
    assert all(p.poll() == 0 for p in pool.procs.values())  # SIGTERM: a clean exit


async def test_a_worker_that_dies_is_restarted_and_told_to_go_at_once(
    tmp_path: Path, stand_in: Callable[[str], Path]
) -> None:
    pool = worker_pool.WorkerPool(make_settings(tmp_path, generation_devices=["cpu"]))
    await pool.start()
    try:
        first = pool.procs[0]
        await until(lambda: lines(stand_in("cpu")) == ["go"])
        os.kill(first.pid, signal.SIGKILL)
        await until(lambda: pool.procs[0] is not first)
        await until(lambda: lines(stand_in("cpu")) == ["go", "go"])
    finally:
        await pool.stop()


def test_a_worker_spawned_early_that_nobody_adopts_exits_having_touched_nothing(
    tmp_path: Path,
) -> None:
    """The real worker: what a second `serve` on an owned root leaves when it exits."""
    settings = make_settings(tmp_path, generation_devices=["cpu"])
    worker_pool.spawn_early(settings)
    [proc] = worker_pool._early
    time.sleep(0.5)
    worker_pool.discard_early()
    assert proc.wait(timeout=60) == 0
    assert not (tmp_path / "databases").exists()
    assert not any(tmp_path.rglob("*.db"))


def test_the_workers_command_runs_the_worker_entry_point(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    cmd = worker_pool.worker_command(settings, "cuda:1")
    assert cmd[1:4] == ["-m", "gql_invoke.launch", "worker"]
    assert cmd[-3:] == ["--managed", "--device", "cuda:1"]
    assert "--device" not in worker_pool.worker_command(settings, "")
    result = subprocess.run(
        [*cmd[:4], "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and "--device" in result.stdout
    assert "--cpu-threads" in result.stdout


def test_several_cpu_workers_share_the_cores_and_others_keep_torchs_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(worker_pool, "usable_cores", lambda: 8)
    assert worker_pool.cpu_threads_each(["cpu", "cpu"]) == 4
    assert worker_pool.cpu_threads_each(["cpu", "cpu", "cpu"]) == 2
    assert worker_pool.cpu_threads_each(["cpu", "cuda:0", "cuda:1"]) is None  # one on the CPU
    assert worker_pool.cpu_threads_each(["cuda:0", "cuda:1"]) is None
    assert worker_pool.cpu_threads_each([""]) is None
    monkeypatch.setattr(worker_pool, "usable_cores", lambda: 2)
    assert worker_pool.cpu_threads_each(["cpu"] * 3) == 1  # never none at all
    pool = worker_pool.WorkerPool(make_settings(tmp_path, generation_devices=["cpu", "cpu"]))
    assert pool.command("cpu")[-4:] == ["--device", "cpu", "--cpu-threads", "1"]
    mixed = worker_pool.WorkerPool(
        make_settings(tmp_path, generation_devices=["cpu", "cpu", "cuda:0"])
    )
    assert "--cpu-threads" not in mixed.command("cuda:0")


async def test_a_worker_whose_device_is_not_here_is_not_restarted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "runs.log"
    exits = f"open({str(log)!r}, 'a').write('ran\\n'); raise SystemExit({EXIT_DEVICE_UNAVAILABLE})"
    monkeypatch.setattr(worker_pool, "worker_command", lambda *_: [sys.executable, "-c", exits])
    monkeypatch.setattr(worker_pool, "RESTART_DELAY_S", 0.05)
    pool = worker_pool.WorkerPool(make_settings(tmp_path, generation_devices=["cuda:3"]))
    await pool.start()
    try:
        await until(lambda: all(task.done() for task in pool._watchers))
        assert pool.procs[0].returncode == EXIT_DEVICE_UNAVAILABLE
        await asyncio.sleep(0.3)  # several restart delays
        assert lines(log) == ["ran"]
    finally:
        await pool.stop()
