"""The worker processes `gql-invoke serve` starts: one per `generation_devices` entry.

Each is `python -m gql_invoke.launch worker --root R [--device D]`: `gql-invoke worker`,
the command an operator runs on another machine, so there is one way a worker starts
(launch.py starts it without importing the whole CLI: worker_cmd.py). The pool
restarts a worker that dies (after a pause, at most MAX_RESTARTS in RESTART_WINDOW_S,
then it says so and stops trying), and at shutdown sends SIGTERM to all, waits for
them to finish their step and give their items back, and kills what is left after
STOP_TIMEOUT_S.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import time

from gql_invoke.config import Settings

log = logging.getLogger("gql_invoke.workers")
RESTART_DELAY_S = 2.0
RESTART_WINDOW_S = 60.0
MAX_RESTARTS = 5
STOP_TIMEOUT_S = 30.0


def devices_of(settings: Settings) -> list[str]:
    """One entry per worker: `generation_devices`, else one worker on `device` ("" = auto)."""
    return list(settings.generation_devices) or [settings.device]


class WorkerPool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.devices = devices_of(settings)
        self.procs: dict[int, asyncio.subprocess.Process] = {}
        self._watchers: list[asyncio.Task[None]] = []
        self._stopping = False

    def command(self, device: str) -> list[str]:
        root = str(self.settings.root)
        cmd = [sys.executable, "-m", "gql_invoke.launch", "worker", "--root", root, "--managed"]
        return [*cmd, "--device", device] if device else cmd

    async def start(self) -> None:
        for slot, device in enumerate(self.devices):
            await self._spawn(slot, device)
            self._watchers.append(asyncio.create_task(self._watch(slot, device)))
        log.info("started %d worker process(es): %s", len(self.devices), self.describe())

    def describe(self) -> str:
        return ", ".join(d or "auto" for d in self.devices)

    async def _spawn(self, slot: int, device: str) -> None:
        # Their own process group: the terminal's Ctrl-C reaches the server, which then
        # stops them in order (a worker must not exit before it gives its item back).
        self.procs[slot] = await asyncio.create_subprocess_exec(
            *self.command(device), start_new_session=True
        )

    async def _watch(self, slot: int, device: str) -> None:
        restarts: list[float] = []
        while True:
            code = await self.procs[slot].wait()
            if self._stopping:
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
            await self._spawn(slot, device)

    async def stop(self) -> None:
        timeout = STOP_TIMEOUT_S
        self._stopping = True
        for task in self._watchers:
            task.cancel()
        live = [p for p in self.procs.values() if p.returncode is None]
        for proc in live:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(asyncio.gather(*(p.wait() for p in live)), timeout)
        except TimeoutError:
            for proc in live:
                if proc.returncode is None:
                    log.warning("worker pid %d did not stop in %.0f s: killed", proc.pid, timeout)
                    with contextlib.suppress(ProcessLookupError):
                        proc.kill()
            await asyncio.gather(*(p.wait() for p in live))
