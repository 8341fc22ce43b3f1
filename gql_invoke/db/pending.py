"""Which migrations a database still lacks, without applying (or creating) anything.

`gql-invoke db upgrade --dry-run` and `db restore` need the answer before they touch
the database: a dry run must not create a missing SQLite file or write the aerich
table, and a restore must refuse a backup made by a newer release (one whose applied
migrations this code does not have). So this reads the `aerich` table directly
(sqlite3, or one asyncpg connection) instead of going through Tortoise and aerich's
Command, which would create both.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gql_invoke.db import AERICH_APP, migration_files


@dataclass(frozen=True)
class MigrationStatus:
    applied: list[str]  # in the database, in the order they were applied
    pending: list[str]  # files not yet applied, in the order aerich would apply them
    unknown: list[str]  # applied but absent here: a newer release made this database


def status_from(applied: list[str]) -> MigrationStatus:
    files = migration_files()
    done = set(applied)
    return MigrationStatus(
        applied=applied,
        pending=[f for f in files if f not in done],
        unknown=[v for v in applied if v not in set(files)],
    )


def sqlite_applied(db_file: Path) -> list[str]:
    """Versions recorded in a SQLite file's aerich table ([] when the file or table is
    missing). A missing file is not created. Not opened with mode=ro: a read-only
    connection to a WAL database leaves its -wal and -shm files behind."""
    if not db_file.exists():
        return []
    conn = sqlite3.connect(db_file, timeout=10)
    try:
        rows = conn.execute(
            "SELECT version FROM aerich WHERE app = ? ORDER BY id", (AERICH_APP,)
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    finally:
        conn.close()
    return [str(r[0]) for r in rows]


async def postgres_applied(db_url: str) -> list[str]:
    """The same on PostgreSQL ([] when the aerich table does not exist yet)."""
    import asyncpg

    conn = await asyncpg.connect(db_url.split("?", 1)[0])
    try:
        rows = await conn.fetch("SELECT version FROM aerich WHERE app = $1 ORDER BY id", AERICH_APP)
    except asyncpg.UndefinedTableError:
        return []
    finally:
        await conn.close()
    return [str(r["version"]) for r in rows]
