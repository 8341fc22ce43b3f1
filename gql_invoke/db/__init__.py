"""Database lifecycle: Tortoise init/close and aerich migrations.

TORTOISE_ORM is what the aerich CLI reads (pyproject [tool.aerich]); the server
and the CLI call ``init_db``, which applies pending migrations before anything
else touches the database.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE

import migrations
from gql_invoke.db import sqlite_immediate

MODEL_MODULES = ["gql_invoke.db.models"]
# aerich's own table (the applied migrations): registered only to migrate. Importing
# aerich costs about a tenth of a second (it pulls in numpy through dictdiffer), and a
# server that starts on an up-to-date database needs none of it.
AERICH_MODELS = "aerich.models"
AERICH_APP = "models"  # the Tortoise app aerich migrates
# pg_advisory_lock key held while migrating ("gqlinvok" as an int64).
MIGRATION_LOCK_KEY = 0x67716C696E766F6B


def tortoise_config(db_url: str, *, with_aerich: bool = True) -> dict[str, Any]:
    connection: str | dict[str, Any] = db_url
    if db_url.startswith("sqlite://"):
        # Same settings as the URL, with transactions that take the write lock at
        # BEGIN (sqlite_immediate.py says why).
        connection = {**expand_db_url(db_url), "engine": sqlite_immediate.ENGINE}
    modules = [*MODEL_MODULES, AERICH_MODELS] if with_aerich else MODEL_MODULES
    return {
        "connections": {"default": connection},
        "apps": {AERICH_APP: {"models": modules, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


# For the aerich CLI when authoring migrations; the server never uses this.
TORTOISE_ORM = tortoise_config(os.environ.get("GQL_INVOKE_AERICH_DB_URL", "sqlite://aerich-dev.db"))


def migrations_location() -> Path:
    # Resolved from the installed package so a non-editable install finds them.
    return Path(migrations.__file__).resolve().parent


def migration_files() -> list[str]:
    """The version files aerich would apply, ordered as it orders them (numeric prefix)."""
    found = [
        p.name
        for p in (migrations_location() / AERICH_APP).glob("*.py")
        if p.stem.split("_", 1)[0].isdigit() and "_" in p.stem
    ]
    return sorted(found, key=lambda name: int(name.split("_", 1)[0]))


async def _up_to_date() -> bool:
    """Every migration file is recorded in the aerich table (read with plain SQL)."""
    try:
        rows = await Tortoise.get_connection("default").execute_query_dict(
            "SELECT version FROM aerich WHERE app = 'models'"
        )
    except Exception:  # no aerich table yet (a new database): the engines differ in type
        return False
    return set(migration_files()) <= {str(r["version"]) for r in rows}


async def init_db(db_url: str, *, migrate: bool = True) -> list[str]:
    """Connect and apply pending migrations; returns the migrations applied."""
    if db_url.startswith("sqlite://") and ":memory:" not in db_url:
        db_file = db_url.removeprefix("sqlite://").split("?", 1)[0]
        Path(db_file).parent.mkdir(parents=True, exist_ok=True)
    # Tortoise caches each table's INSERT/DELETE SQL by connection name, not by
    # engine: a process that moves from SQLite to PostgreSQL (the tests) would
    # send SQLite placeholders to PostgreSQL.
    EXECUTOR_CACHE.clear()
    # Global fallback: Tortoise 1.x keeps state in a contextvar, which request
    # handlers and worker tasks started elsewhere would not see.
    plain = tortoise_config(db_url, with_aerich=False)
    await Tortoise.init(config=plain, _enable_global_fallback=True)
    if not migrate or await _up_to_date():
        return []
    await Tortoise.close_connections()
    EXECUTOR_CACHE.clear()
    config = tortoise_config(db_url)
    await Tortoise.init(config=config, _enable_global_fallback=True)
    from aerich import Command  # only to migrate (see AERICH_MODELS)

    command = Command(tortoise_config=config, app=AERICH_APP, location=str(migrations_location()))
    if not db_url.startswith("postgres"):
        await command.init()  # SQLite: one server per root (root_lock.py)
        return await command.upgrade(run_in_transaction=True)
    # Several API processes and workers may start at once on one PostgreSQL database:
    # one of them migrates, the others wait for it and then find nothing pending.
    import asyncpg

    lock = await asyncpg.connect(db_url.split("?", 1)[0])
    try:
        await lock.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
        await command.init()
        return await command.upgrade(run_in_transaction=True)
    finally:
        await lock.close()  # ends the session, and with it the advisory lock


async def close_db() -> None:
    await Tortoise.close_connections()
