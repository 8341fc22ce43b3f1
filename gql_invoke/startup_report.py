"""What ``serve`` says once it is ready: version, mode, URLs, database, models, workers.

A newcomer's first questions (is anyone able to sign in? where is the UI? why are
the pictures noise?) are answered in the first screen of output instead of the docs.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import gql_invoke
from gql_invoke.auth.actor import system_actor
from gql_invoke.config import Settings
from gql_invoke.serve_checks import is_loopback
from gql_invoke.services import auth, models

log = logging.getLogger("gql_invoke.server")


def base_url(settings: Settings) -> str:
    """Where users reach the server: public_url, else the address it listens on."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = settings.host
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"  # what works from this machine; others use its address
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def database_line(settings: Settings) -> str:
    url = settings.database_url
    if url.startswith("sqlite://"):
        if settings.use_memory_db:
            return "database: in-memory SQLite (use_memory_db: everything is lost at exit)"
        return f"database: SQLite at {url.removeprefix('sqlite://').split('?', 1)[0]}"
    parts = urlsplit(url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    return f"database: PostgreSQL at {where}"  # never the password


async def mode_lines(settings: Settings) -> list[str]:
    if not settings.multiuser:
        exposed = "" if is_loopback(settings.host) else f" (listening on {settings.host}!)"
        return [
            "mode: single-user: no sign-in, everyone who can reach this port is admin" + exposed
        ]
    setup_required, _ = await auth.setup_status()
    if setup_required:
        return [
            "mode: multi-user, setup pending: no administrator yet. Open the web UI to "
            "create one, or run: gql-invoke user add --admin --email you@example.org"
        ]
    return ["mode: multi-user: people sign in; admins manage users in the web UI or CLI"]


async def model_lines() -> list[str]:
    rows = [r for r in await models.list_models(system_actor()) if r.type == "MAIN"]
    default = next((r for r in rows if r.is_default), None)
    if default is None:
        return [
            "models: none installed: nothing can be generated until an admin installs one "
            "(installModel), or set build_demo_model: true"
        ]
    line = f"models: {len(rows)} installed, default {default.key}"
    if default.key == models.DEMO_KEY:
        line += (
            " (the demo model: tiny random weights, its pictures are noise; install a real "
            "one with installModel)"
        )
    return [line]


def worker_line(settings: Settings, here: bool) -> str:
    if not settings.worker_enabled:
        return "workers: none here (worker_enabled: false); run `gql-invoke worker` to add one"
    devices = settings.generation_devices or [settings.device or "auto (cuda, else mps, else cpu)"]
    where = "worker processes" if here else "workers"
    return f"{where}: {len(devices)}, on {', '.join(devices)}"


async def lines(settings: Settings, *, workers_here: bool = True) -> list[str]:
    base = base_url(settings)
    graphiql = f"{base}/graphql" if settings.graphiql else "off (graphiql: false)"
    return [
        f"gql-invoke {gql_invoke.__version__} ready",
        *await mode_lines(settings),
        f"web UI: {base}/   GraphiQL: {graphiql}",
        database_line(settings),
        *await model_lines(),
        worker_line(settings, workers_here),
    ]


async def report(settings: Settings, *, workers_here: bool = True) -> None:
    """Log the start-up summary at INFO (logs.configure shows it)."""
    for line in await lines(settings, workers_here=workers_here):
        log.info("%s", line)
