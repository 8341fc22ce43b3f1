"""Start-up and shutdown of the long-lived parts: demo model, GPU worker."""

from __future__ import annotations

import asyncio

from gql_invoke.runtime import Runtime
from gql_invoke.services import models
from gql_invoke.worker import Worker


async def startup(rt: Runtime) -> None:
    rt.bus.bind_loop(asyncio.get_running_loop())
    # Before the worker starts, so it finds a default model to claim jobs with.
    await ensure_models(rt)
    if rt.settings.worker_enabled:
        await start_worker(rt)


async def ensure_models(rt: Runtime) -> None:
    """With no main model installed, build and register the demo model (if configured)."""
    await models.ensure_demo_model(rt.settings)


async def start_worker(rt: Runtime) -> None:
    """The GPU task loop; it first re-queues what a crash left IN_PROGRESS."""
    rt.worker = Worker(rt.settings, rt.bus)
    await rt.worker.start()


async def shutdown(rt: Runtime) -> None:
    # Waits for the step in flight: a torch thread alive at exit aborts the process.
    if rt.worker is not None:
        await rt.worker.stop()
        rt.worker = None
