"""One worker process (`gql-invoke worker`): a GPU task loop that joins a deployment.

`gql-invoke serve` starts one per entry of `generation_devices` (worker_pool.py);
on another machine `gql-invoke worker --device cuda:1` joins the same PostgreSQL
database. A worker:

- registers in the `workers` table and heartbeats every third of
  `worker_lease_seconds`, renewing the lease of the item it runs; on each beat it also
  re-queues items whose lease expired (a worker that was killed), as every process does;
- imports torch and loads the default model before it claims anything (warm), so the
  first job after start-up starts at once;
- started by `serve` (``managed``): begins importing torch at once and opens the
  database when the server says "go" on its stdin pipe; EOF there means the server
  is gone, and the worker stops (follow_server_pipe);
- talks to the API processes through the relay (relay.py): its progress, queue and
  image events reach their subscribers, and their wake-ups (enqueue, resume) and
  cancels (CancelRequested) reach it;
- on SIGTERM or Ctrl-C finishes the step in flight, gives its item back as PENDING and
  deregisters; a second Ctrl-C exits at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import threading
import uuid
from typing import Any

from gql_invoke import events, runtime
from gql_invoke.config import Settings
from gql_invoke.db import close_db, init_db
from gql_invoke.events import Event, EventBus
from gql_invoke.generation.devices import EXIT_DEVICE_UNAVAILABLE, DeviceUnavailable
from gql_invoke.relay import make_relay
from gql_invoke.services import queue_events, queue_jobs, queue_view, workers
from gql_invoke.worker import Worker

log = logging.getLogger("gql_invoke.worker")


def new_worker_id() -> str:
    """host-pid-random: unique across machines and restarts, readable in `workers`."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def invalidate_queue_reads(event: Event) -> None:
    """A queue change made by another process: this process's cached reads are stale."""
    if event.topic == events.QUEUE:
        queue_view.invalidate(processor=isinstance(event.payload, events.ProcessorStateChanged))


async def follow_control(bus: EventBus, worker: Worker) -> None:
    """Wake-ups and cancels sent by the API processes."""
    sub = bus.subscribe([events.CONTROL])
    try:
        async for event in sub:
            payload = event.payload
            if isinstance(payload, events.WorkerWake):
                worker.wake()
            elif isinstance(payload, events.CancelRequested):
                worker.request_cancel(payload.item_id)
    finally:
        bus.unsubscribe(sub)


async def heartbeat(
    worker: Worker,
    worker_id: str,
    every: float,
    ready: asyncio.Event,
    identity: list[Any] | None = None,
) -> None:
    """Renew the lease, say what this worker does, re-queue what lost workers left.
    It beats from the start: warming up (importing torch, loading the model) can take
    longer than a lease, and a silent worker is LOST."""
    while True:
        await asyncio.sleep(every)
        try:
            if not ready.is_set():
                status = "STARTING"
            else:
                status = "BUSY" if worker.current_item is not None else "IDLE"
            if not await workers.heartbeat(worker_id, status, worker.current_item):
                # Forgotten (silent for a day: suspended): listed again from now on.
                log.warning("worker %s was not registered any more: registering", worker_id)
                await workers.register(worker_id, *(identity or ["auto", "", 0]))
                await workers.heartbeat(worker_id, status, worker.current_item)
            await queue_jobs.reap_expired_leases()
        except Exception:  # a database hiccup must not end the worker
            log.exception("worker %s: heartbeat failed", worker_id)
        # Also a safety net: a wake-up lost in transit is noticed within a beat.
        worker.wake()


def follow_server_pipe(
    loop: asyncio.AbstractEventLoop, stop: asyncio.Event
) -> asyncio.Future[bool]:
    """A worker `serve` started reads its pool's pipe on stdin (worker_pool.py): True
    once the pool says "go" (the database is ready), False on EOF before it; EOF
    after it means the server is gone (even killed with -9): this worker stops."""
    go: asyncio.Future[bool] = loop.create_future()

    def on_line(line: bytes) -> None:
        if not line:  # EOF
            if not go.done():
                go.set_result(False)
            elif not stop.is_set():
                log.warning("the server is gone: stopping")
                stop.set()
        elif line.strip() == b"go" and not go.done():
            go.set_result(True)

    def deliver(line: bytes) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed: the worker is done
            loop.call_soon_threadsafe(on_line, line)

    # A daemon thread: a blocking read must not hold up the worker's exit.
    reader = threading.Thread(
        target=_read_lines, args=(sys.stdin.fileno(), deliver), name="server-pipe", daemon=True
    )
    reader.start()
    return go


def _read_lines(fd: int, deliver: Any) -> None:
    """Each line read from ``fd`` to ``deliver``, then b"" at EOF. The raw descriptor, not
    sys.stdin.buffer: a thread blocked in a buffered read holds its lock, and the
    interpreter's exit then aborts ("could not acquire lock for <stdin> at interpreter
    shutdown") with SIGABRT instead of the worker's exit code."""
    pending = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            deliver(b"")
            return
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            deliver(line + b"\n")


async def run(
    settings: Settings,
    device: str | None,
    worker_id: str | None = None,
    managed: bool = False,
    cpu_threads: int | None = None,
) -> int:
    """Runs until SIGTERM / SIGINT (``managed``: or until the server that started it is
    gone; it starts when that server says so: follow_server_pipe)."""
    worker_id = worker_id or new_worker_id()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    _on_signals(loop, stop)
    go = follow_server_pipe(loop, stop) if managed else None
    rt = runtime.start(settings)
    rt.bus.bind_loop(loop)
    worker = rt.worker = Worker(
        settings, rt.bus, device=device, worker_id=worker_id, cpu_threads=cpu_threads
    )
    # Importing torch and diffusers takes seconds: under way while the server starts
    # and the database opens.
    importing = worker.import_torch()
    if go is not None and not await _until_go(go, stop):
        # The server did not start (or was stopped first): this worker touched nothing,
        # and the import in the torch thread cannot be interrupted.
        os._exit(0)
    await init_db(settings.database_url)
    relay = make_relay(settings)
    queue_events.bind(rt.bus)  # its status events get their cursors from the database
    rt.bus.attach(relay)
    rt.bus.on_remote(invalidate_queue_reads)
    await relay.start(rt.bus)
    host = socket.gethostname()
    # device, host, pid: what the heartbeat registers again with (the device resolved below).
    identity: list[Any] = [device or settings.device or "auto", host, os.getpid()]
    await workers.register(worker_id, *identity)
    ready = asyncio.Event()
    every = max(1.0, settings.worker_lease_seconds / 3)
    tasks = [
        asyncio.create_task(follow_control(rt.bus, worker)),
        asyncio.create_task(heartbeat(worker, worker_id, every, ready, identity)),
    ]
    try:
        try:
            await importing
        except DeviceUnavailable as exc:
            log.error("worker %s cannot start: %s", worker_id, exc)
            return EXIT_DEVICE_UNAVAILABLE
        identity[0] = str(worker.device)  # "auto" resolved
        await workers.set_device(worker_id, identity[0])
        await worker.warm()
        await workers.set_status(worker_id, "IDLE")
        ready.set()
        await worker.start()
        log.info("worker %s ready on %s", worker_id, worker.device)
        await stop.wait()
        log.info("worker %s stopping", worker_id)
        await workers.set_status(worker_id, "STOPPING")
        await worker.stop()
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(Exception):
            await workers.deregister(worker_id)
        # The last status events (an item given back) are written before the pool closes.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(queue_events.flush(rt.bus), 5.0)
        await relay.stop()
        await close_db()
        runtime.stop()
    return 0


async def _until_go(go: asyncio.Future[bool], stop: asyncio.Event) -> bool:
    stopped: asyncio.Future[bool] = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({go, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    return go.done() and go.result() and not stop.is_set()


def _on_signals(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    def first() -> None:
        if stop.is_set():
            # The second Ctrl-C: do not wait for the step (torch may hold the GIL a while).
            os._exit(130)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, first)
