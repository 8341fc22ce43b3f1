"""Start-up and shutdown of the long-lived parts: demo model, workers, the relay.

Two shapes (create_app's ``worker_processes``):

- `gql-invoke serve`: the GPU loops run in worker processes (worker_pool.py), events
  and wake-ups cross through the relay, and this process never imports torch (the
  demo build and model checks run in a child: generation/offload.py). Every beat it
  also re-queues items whose worker was lost (lease expired).
- embedded (tests, `use_memory_db`): one task loop in this process, as a library user
  would run it; torch is imported by the first job.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from gql_invoke import startup_report
from gql_invoke.generation import offload
from gql_invoke.relay import make_relay
from gql_invoke.runtime import Runtime
from gql_invoke.services import models, queue_events, queue_jobs
from gql_invoke.worker import Worker
from gql_invoke.worker_pool import WorkerPool
from gql_invoke.worker_process import invalidate_queue_reads

log = logging.getLogger("gql_invoke.server")


async def startup(rt: Runtime, worker_processes: bool = False, spawn_workers: bool = True) -> None:
    rt.bus.bind_loop(asyncio.get_running_loop())
    if worker_processes and rt.settings.use_memory_db:
        log.warning(
            "use_memory_db: an in-memory database cannot be shared with worker processes; "
            "the GPU loop runs in the server process"
        )
        worker_processes = False
    if worker_processes:
        await _start_split(rt, spawn_workers)
    else:
        # Before the worker starts, so it finds a default model to claim jobs with.
        await ensure_models(rt)
        if rt.settings.worker_enabled:
            await start_worker(rt)
    if spawn_workers:  # the one process that speaks for the server (serve_cmd.prepare, else)
        await startup_report.report(rt.settings)


async def ensure_models(rt: Runtime) -> None:
    """With no main model installed, build and register the demo model (if configured)."""
    await models.ensure_demo_model(rt.settings)


async def start_worker(rt: Runtime) -> None:
    """The GPU task loop; it first re-queues what a crash left IN_PROGRESS."""
    rt.worker = Worker(rt.settings, rt.bus)
    await rt.worker.start()


async def _start_split(rt: Runtime, spawn_workers: bool) -> None:
    offload.use_child(True)
    relay = make_relay(rt.settings)
    # Queue events numbered by the database from the start, relayed ones included: every
    # API process hands out the same cursor for the same event (services/queue_events).
    queue_events.bind(rt.bus)
    rt.bus.attach(relay)
    rt.bus.on_remote(invalidate_queue_reads)
    await relay.start(rt.bus)
    rt.extras["relay"] = relay
    rt.extras["reaper"] = asyncio.create_task(_reap(rt))
    if rt.settings.worker_enabled and spawn_workers:
        # First: a worker takes seconds to import torch and load the model, and this
        # way it does so while the API finishes starting (the first job starts sooner).
        pool = rt.extras["worker_pool"] = WorkerPool(rt.settings)
        await pool.start()
    # Here, once (in a child process: offload.py), so workers on this and other machines
    # never build it twice at once; a worker that warmed up before it exists loads it
    # with its first job.
    await ensure_models(rt)
    # The child that built it holds torch (about 460 MB) and would otherwise stay for
    # the server's life (and outlive a kill -9 of it); an install starts a new one.
    offload.shutdown()


async def _reap(rt: Runtime) -> None:
    """Any live process re-queues the items of lost workers within one lease period."""
    every = max(1.0, rt.settings.worker_lease_seconds / 3)
    while True:
        await asyncio.sleep(every)
        try:
            await queue_jobs.reap_expired_leases()
        except Exception:
            log.exception("could not re-queue the items of lost workers")


async def shutdown(rt: Runtime) -> None:
    # Waits for the step in flight: a torch thread alive at exit aborts the process.
    if rt.worker is not None:
        await rt.worker.stop()
        rt.worker = None
    pool = rt.extras.pop("worker_pool", None)
    if pool is not None:
        await pool.stop()
    reaper = rt.extras.pop("reaper", None)
    if reaper is not None:
        reaper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reaper
    # Queue events still being written go out before the database closes.
    with contextlib.suppress(Exception):
        await asyncio.wait_for(queue_events.flush(rt.bus), 5.0)
    relay = rt.extras.pop("relay", None)
    if relay is not None:
        await relay.stop()
    offload.shutdown()
    offload.use_child(False)
