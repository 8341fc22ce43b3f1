"""`gql-invoke worker`: one worker process, started without the CLI's heavy imports.

A worker needs the ORM, the relay and the task loop, not the GraphQL schema, the
app or the admin commands that importing the whole CLI brings (about 0.4 s of a
worker's start, on top of importing torch). launch.py sends `worker` here before
it imports the CLI; `python -m gql_invoke.cli worker` ends up here too.
"""

from __future__ import annotations

import asyncio
from typing import Any

from gql_invoke import logs, root_lock, serve_checks, worker_process
from gql_invoke.config import ConfigError, load_settings

NEEDS_POSTGRES = (
    "gql-invoke worker joins a deployment on PostgreSQL (db_url: postgres://...); on SQLite "
    "`gql-invoke serve` runs the workers itself, one per generation_devices entry"
)


def cpu_threads_value(text: str) -> int | None:
    """``--cpu-threads``: a whole number of at least 1 in ASCII digits, else None (the one
    rule for launch.py's fast path and the CLI's parser, which says what is wrong)."""
    if text.isascii() and text.isdecimal() and int(text) >= 1:
        return int(text)
    return None


def _alone_on_postgres(settings: Any) -> Any:
    """A worker started by hand needs PostgreSQL: on SQLite nothing else could reach the
    jobs it would wait for (a server owning the root runs its own workers, and refuses to
    start beside this one). AlreadyRunning first when a server owns the root."""
    if settings.database_url.startswith("postgres"):
        return root_lock.acquire(settings)  # None: PostgreSQL needs no lock
    if settings.root.is_dir():
        held = root_lock.acquire(settings)  # raises AlreadyRunning, saying whose it is
        if held is not None:  # nobody's: leave it as empty as a stopped server does
            held.truncate(0)
            held.close()
    raise ConfigError(NEEDS_POSTGRES)


def main(
    root: str | None, device: str | None, managed: bool, cpu_threads: int | None = None
) -> int:
    """Run one worker until it is stopped. Raises ConfigError (a bad config) and
    root_lock.AlreadyRunning (a server owns this SQLite root); callers print them."""
    settings = load_settings(root, overrides={"device": device} if device else {})
    # Started by `serve` (which holds the root's lock): no lock of its own.
    lock = None if managed else _alone_on_postgres(settings)  # noqa: F841 - held while it runs
    problem = None if managed else serve_checks.database_problem(settings)
    if problem is not None:
        raise ConfigError(problem)  # now, not after importing torch (seconds)
    logs.configure(settings.log_level)
    return asyncio.run(
        worker_process.run(
            settings, settings.device or None, managed=managed, cpu_threads=cpu_threads
        )
    )
