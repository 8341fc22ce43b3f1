"""`gql-invoke serve [--processes N]`: the API process(es) and their worker processes.

One process (the default): uvicorn runs the app, whose start-up spawns the worker
processes (lifecycle.py). Several (`--processes N`, PostgreSQL only): this process
prepares the database once (migrations, keys, the demo model), starts the worker
processes itself, then uvicorn's supervisor runs N API processes on one port (each
with its relay, so every process's subscribers get every worker's events); when
uvicorn returns (Ctrl-C, SIGTERM) the workers are stopped in order.

A second Ctrl-C while the workers finish their step kills them (worker_pool.force_stop)
so that serve exits at once; their items come back when their leases lapse (as an
attempt: the item of a second loss is FAILED).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import threading
from types import FrameType
from typing import Any

import uvicorn

from gql_invoke import lifecycle, runtime, serve_checks, startup_report, worker_pool
from gql_invoke.app import create_app
from gql_invoke.config import Settings, load_settings
from gql_invoke.db import close_db, init_db
from gql_invoke.generation import offload
from gql_invoke.http_guard import uvicorn_options
from gql_invoke.services import app_settings
from gql_invoke.worker_pool import WorkerPool

# How the supervisor tells each API process its root and command-line overrides (not a
# config key: GQL_INVOKE_* names are configuration and unknown ones stop start-up).
SERVE_ENV = "GQLI_SERVE"


class ServeError(Exception):
    """serve cannot start as asked; the message says why and what to do."""


def serve(settings: Settings, processes: int = 1) -> None:
    problem = serve_checks.processes_problem(settings, processes)
    if problem is not None:  # the CLI said so before starting; other callers hear it here
        raise ServeError(problem)
    common = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "ws": "websockets-sansio",
        **uvicorn_options(settings),
    }
    if processes == 1:
        app = create_app(settings, worker_processes=True)
        with contextlib.suppress(KeyboardInterrupt):  # as uvicorn.run: Ctrl-C is a clean exit
            _Server(uvicorn.Config(app, **common)).run()
        return
    asyncio.run(prepare(settings))
    os.environ[SERVE_ENV] = json.dumps(
        {"root": str(settings.root), "host": settings.host, "port": settings.port}
    )
    pool = _PoolThread(settings) if settings.worker_enabled else None
    if pool is not None:
        pool.start()
    try:
        uvicorn.run("gql_invoke.serve_cmd:api_process", factory=True, workers=processes, **common)
    finally:
        if pool is not None:
            pool.stop()


async def prepare(settings: Settings) -> None:
    """Once, before N processes start: migrations, the keys, the demo model (built in a
    child process: this one stays free of torch, as the API processes are)."""
    rt = runtime.start(settings)
    offload.use_child(True)
    try:
        await init_db(settings.database_url)
        await app_settings.jwt_secret()
        await app_settings.image_url_key()
        await lifecycle.ensure_models(rt)
        await startup_report.report(settings)
    finally:
        offload.shutdown()
        offload.use_child(False)
        await close_db()
        runtime.stop()


def api_process() -> Any:
    """uvicorn's factory in each API process: the app, without workers of its own."""
    spec = json.loads(os.environ[SERVE_ENV])
    settings = load_settings(spec["root"], overrides={"host": spec["host"], "port": spec["port"]})
    return create_app(settings, worker_processes=True, spawn_workers=False)


class _Server(uvicorn.Server):
    """uvicorn's server (what uvicorn.run builds for one process), whose second Ctrl-C
    also kills the workers: uvicorn itself only stops waiting for connections then, while
    the app's shutdown would wait up to worker_pool.STOP_TIMEOUT_S for their step."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        if self.force_exit:
            worker_pool.force_stop()


class _PoolThread:
    """The worker processes, managed from a thread with its own event loop (uvicorn's
    supervisor holds the main thread)."""

    def __init__(self, settings: Settings) -> None:
        self.pool = WorkerPool(settings)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="gql-invoke-workers")

    def start(self) -> None:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.pool.start(), self.loop).result()

    def stop(self) -> None:
        # uvicorn's supervisor has returned (the first Ctrl-C); a second one now forces.
        main = threading.current_thread() is threading.main_thread()
        previous = (
            signal.signal(signal.SIGINT, lambda *_: worker_pool.force_stop()) if main else None
        )
        try:
            asyncio.run_coroutine_threadsafe(self.pool.stop(), self.loop).result()
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
