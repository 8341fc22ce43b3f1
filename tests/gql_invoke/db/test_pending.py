"""db/pending.py: the migrations a database lacks, read without creating anything, on
SQLite and PostgreSQL; and the same order aerich applies them in."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest

from gql_invoke.db import close_db, init_db, migrations_location, pending


def test_files_are_ordered_by_number_like_aerich(monkeypatch: pytest.MonkeyPatch) -> None:
    from aerich.migrate import Migrate

    location = migrations_location() / pending.AERICH_APP
    monkeypatch.setattr(Migrate, "migrate_location", location, raising=False)
    assert pending.migration_files() == Migrate.get_all_version_files()
    assert pending.migration_files()[0] == "0_init.py"


def test_a_missing_sqlite_file_is_not_created_and_lacks_everything(tmp_path: Path) -> None:
    db_file = tmp_path / "none.db"
    assert pending.sqlite_applied(db_file) == []
    assert not db_file.exists()
    assert pending.status_from([]).pending == pending.migration_files()


def test_versions_this_release_does_not_have_are_reported(tmp_path: Path) -> None:
    db_file = tmp_path / "newer.db"
    with closing(sqlite3.connect(db_file)) as conn:
        conn.execute("CREATE TABLE aerich (id INTEGER, version TEXT, app TEXT, content TEXT)")
        conn.executemany(
            "INSERT INTO aerich VALUES (?, ?, 'models', '{}')",
            [(i, v) for i, v in enumerate([*pending.migration_files(), "99_future.py"])],
        )
        conn.commit()
    status = pending.status_from(pending.sqlite_applied(db_file))
    assert status.pending == [] and status.unknown == ["99_future.py"]


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        pytest.skip("TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)")
    import asyncpg

    admin_url = base.replace("postgres://", "postgresql://", 1)
    name = f"gqi_pending_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    try:
        yield f"{base.rsplit('/', 1)[0]}/{name}"
    finally:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


async def test_postgres_lacks_everything_before_and_nothing_after_init(postgres_url: str) -> None:
    assert await pending.postgres_applied(postgres_url) == []
    await init_db(postgres_url)
    await close_db()
    status = pending.status_from(await pending.postgres_applied(postgres_url))
    assert status.applied == pending.migration_files() and status.pending == []
