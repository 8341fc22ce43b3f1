"""One server per SQLite root.

Two `serve` processes on one SQLite root would both run the GPU loop on the same
jobs and fight over one database file. The first takes an exclusive lock on
`<root>/server.pid` (flock: released by the kernel when the process dies, so a
crash leaves no stale lock) and writes its pid there; a second exits at once naming
it. The user CLI takes no lock: it works beside a running server; `db restore`
takes it while it swaps the database in (restore.py), so it refuses a running server.
On PostgreSQL several API processes and workers share a deployment: no lock.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from gql_invoke.config import Settings

LOCK_NAME = "server.pid"


class AlreadyRunning(Exception):
    """Another process owns this root; the message says which and what to do."""


def needs_lock(settings: Settings) -> bool:
    return not settings.database_url.startswith("postgres") and not settings.use_memory_db


def acquire(settings: Settings) -> IO[str] | None:
    """Takes the root's lock for the life of this process (keep the returned file open);
    None when the deployment needs none. AlreadyRunning when another process holds it."""
    if not needs_lock(settings):
        return None
    settings.root.mkdir(parents=True, exist_ok=True)
    path = Path(settings.root) / LOCK_NAME
    handle = path.open("a+", encoding="ascii")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        pid = handle.read().strip() or "?"
        handle.close()
        raise AlreadyRunning(
            f"already running (pid {pid}) on {settings.root}: stop it or use another --root"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle
