"""`gql-invoke worker`: one worker process, started without the CLI's heavy imports.

A worker needs the ORM, the relay and the task loop, not the GraphQL schema, the
app or the admin commands that importing the whole CLI brings (about 0.4 s of a
worker's start, on top of importing torch). launch.py sends `worker` here before
it imports the CLI; `python -m gql_invoke.cli worker` ends up here too.
"""

from __future__ import annotations

import asyncio

from gql_invoke import logs, root_lock, worker_process
from gql_invoke.config import load_settings


def main(
    root: str | None, device: str | None, managed: bool, cpu_threads: int | None = None
) -> int:
    """Run one worker until it is stopped. Raises ConfigError (a bad config) and
    root_lock.AlreadyRunning (a server owns this SQLite root); callers print them."""
    settings = load_settings(root, overrides={"device": device} if device else {})
    # Started by `serve` (which holds the root's lock): no lock of its own.
    lock = None if managed else root_lock.acquire(settings)  # noqa: F841 - held while it runs
    logs.configure(settings.log_level)
    return asyncio.run(
        worker_process.run(
            settings, settings.device or None, managed=managed, cpu_threads=cpu_threads
        )
    )
