"""The worker processes `gql-invoke serve` starts: one per `generation_devices` entry.

Each is `python -m gql_invoke.launch worker --root R [--device D] [--cpu-threads N]`:
`gql-invoke worker`, the command an operator runs on another machine, so there is one
way a worker starts (launch.py starts it without importing the whole CLI: worker_cmd.py).

A managed worker's stdin is a pipe from this process: it imports torch and loads
nothing of the database until the pool writes "go" (the database is migrated by
then), and EOF on it means the server is gone, even killed with -9. That lets
`gql-invoke serve` start its workers first thing (spawn_early, from launch.py),
before it imports the app: the second or so that takes is spent importing torch in
the worker at the same time, so the first job starts that much sooner. The pool
restarts a worker that dies (after a pause, at most MAX_RESTARTS in RESTART_WINDOW_S,
then it says so and stops trying), and at shutdown sends SIGTERM to all, waits for
them to finish their step and give their items back, and kills what is left after
STOP_TIMEOUT_S.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import weakref

from gql_invoke.config import Settings
from gql_invoke.generation.devices import EXIT_DEVICE_UNAVAILABLE

log = logging.getLogger("gql_invoke.workers")
RESTART_DELAY_S = 2.0
RESTART_WINDOW_S = 60.0
MAX_RESTARTS = 5
STOP_TIMEOUT_S = 30.0
GO = b"go\n"
# Workers spawn_early started, waiting for their pool to adopt them (one process: serve).
_early: list[subprocess.Popen[bytes]] = []


def devices_of(settings: Settings) -> list[str]:
    """One entry per worker: `generation_devices`, else one worker on `device` ("" = auto)."""
    return list(settings.generation_devices) or [settings.device]


class WorkerPool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.devices = devices_of(settings)
        self.procs: dict[int, subprocess.Popen[bytes]] = {}
        self._watchers: list[asyncio.Task[None]] = []
        self._stopping = False
        _pools.add(self)

    def command(self, device: str) -> list[str]:
        return worker_command(self.settings, device, cpu_threads_each(self.devices))

    async def start(self) -> None:
        for slot, device in enumerate(self.devices):
            self.procs[slot] = _adopt_early(self.command(device)) or _spawn(self.command(device))
            _go(self.procs[slot])
            self._watchers.append(asyncio.create_task(self._watch(slot, device)))
        discard_early()  # a mismatch (not expected: the same settings) must not linger
        log.info("started %d worker process(es): %s", len(self.devices), self.describe())

    def describe(self) -> str:
        return ", ".join(d or "auto" for d in self.devices)

    async def _watch(self, slot: int, device: str) -> None:
        restarts: list[float] = []
        while True:
            code = await _exited(self.procs[slot])
            if self._stopping:
                return
            if code == EXIT_DEVICE_UNAVAILABLE:
                log.error(
                    "worker %d (%s) cannot run on this machine (see its message above); not "
                    "restarting it: fix generation_devices or the device key and restart",
                    slot,
                    device or "auto",
                )
                return
            now = time.monotonic()
            restarts = [t for t in restarts if now - t < RESTART_WINDOW_S]
            if len(restarts) >= MAX_RESTARTS:
                log.error(
                    "worker %d (%s) exited %d times in %.0f s; not restarting it: see its "
                    "log above, fix the cause and restart the server",
                    slot,
                    device or "auto",
                    len(restarts),
                    RESTART_WINDOW_S,
                )
                return
            log.warning("worker %d (%s) exited with %s; restarting", slot, device or "auto", code)
            restarts.append(now)
            await asyncio.sleep(RESTART_DELAY_S)
            if self._stopping:
                return
            self.procs[slot] = _spawn(self.command(device))
            _go(self.procs[slot])

    async def stop(self) -> None:
        timeout = STOP_TIMEOUT_S
        self._stopping = True
        for task in self._watchers:
            task.cancel()
        live = [p for p in self.procs.values() if p.poll() is None]
        for proc in live:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
        if live:
            _, pending = await asyncio.wait([_exited(p) for p in live], timeout=timeout)
        if live and pending:
            for proc in live:
                if proc.poll() is None:
                    log.warning("worker pid %d did not stop in %.0f s: killed", proc.pid, timeout)
                    with contextlib.suppress(ProcessLookupError):
                        proc.kill()
            await asyncio.gather(*(_exited(p) for p in live))
        for proc in self.procs.values():
            _close_pipe(proc)


# Every pool of this process, for force_stop (called from a signal handler).
_pools: weakref.WeakSet[WorkerPool] = weakref.WeakSet()


def force_stop() -> None:
    """The second Ctrl-C: kill every pool's workers now, without waiting for their step
    (torch may not return for a long while: a 512x512 step on a CPU takes tens of
    seconds). Their items are IN_PROGRESS still; the lease sweep re-queues them."""
    for pool in list(_pools):
        pool._stopping = True
        for proc in pool.procs.values():
            if proc.poll() is None:
                log.warning("worker pid %d killed (a second interrupt)", proc.pid)
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()


def worker_command(settings: Settings, device: str, cpu_threads: int | None = None) -> list[str]:
    root = str(settings.root)
    cmd = [sys.executable, "-m", "gql_invoke.launch", "worker", "--root", root, "--managed"]
    if device:
        cmd += ["--device", device]
    if cpu_threads is not None and device == "cpu":
        cmd += ["--cpu-threads", str(cpu_threads)]
    return cmd


def cpu_threads_each(devices: list[str]) -> int | None:
    """torch threads for each `cpu` worker when several share this machine's cores (None:
    one or none, which keeps torch's default). Each with a thread per core, they spin
    against each other: two CPU workers on two cores made images 9x slower than one."""
    on_cpu = devices.count("cpu")
    if on_cpu < 2:
        return None
    return max(1, usable_cores() // on_cpu)


def usable_cores() -> int:
    """The cores this process may run on (its affinity, as a container's cpuset sets it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def spawn_early(settings: Settings) -> None:
    """Start the workers `serve` will need now; its pool adopts them (WorkerPool.start)."""
    devices = devices_of(settings)
    threads = cpu_threads_each(devices)
    _early.extend(_spawn(worker_command(settings, device, threads)) for device in devices)


def discard_early() -> None:
    """Workers spawned early that no pool adopted: EOF on their pipe, they exit."""
    while _early:
        _close_pipe(_early.pop())


def _adopt_early(command: list[str]) -> subprocess.Popen[bytes] | None:
    for proc in _early:
        if proc.args == command:
            _early.remove(proc)
            return proc
    return None


def _spawn(command: list[str]) -> subprocess.Popen[bytes]:
    # Their own process group: the terminal's Ctrl-C reaches the server, which then
    # stops them in order (a worker must not exit before it gives its item back).
    return subprocess.Popen(command, stdin=subprocess.PIPE, start_new_session=True)


def _go(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):  # it died: _watch restarts it
        assert proc.stdin is not None
        proc.stdin.write(GO)
        proc.stdin.flush()


def _close_pipe(proc: subprocess.Popen[bytes]) -> None:
    if proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()


_exits: weakref.WeakKeyDictionary[subprocess.Popen[bytes], asyncio.Future[int]] = (
    weakref.WeakKeyDictionary()
)


def _exited(proc: subprocess.Popen[bytes]) -> asyncio.Future[int]:
    """The process's exit code, from a waiting thread of its own (a thread of the default
    executor would be held for the worker's whole life). Shielded: a watcher canceled
    at shutdown does not cancel what stop() waits on."""
    loop = asyncio.get_running_loop()
    future = _exits.get(proc)
    if future is None or future.get_loop() is not loop:
        future = _exits[proc] = loop.create_future()

        def wait(future: asyncio.Future[int] = future) -> None:
            code = proc.wait()
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(_settle, future, code)

        threading.Thread(target=wait, name=f"worker-{proc.pid}-wait", daemon=True).start()
    return asyncio.shield(future)


def _settle(future: asyncio.Future[int], code: int) -> None:
    if not future.done():
        future.set_result(code)
