"""SQLite transactions take the write lock at BEGIN, so a write committed by another
process cannot make a read-then-write transaction fail with "database is locked"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from gql_invoke.db import close_db, init_db, tortoise_config
from gql_invoke.db.models import User


def test_sqlite_urls_use_the_immediate_engine_with_the_url_settings(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path}/db.sqlite3?journal_mode=WAL&busy_timeout=10000"
    connection = tortoise_config(url)["connections"]["default"]
    assert connection["engine"] == "gql_invoke.db.sqlite_immediate"
    assert connection["credentials"]["busy_timeout"] == "10000"
    assert connection["credentials"]["file_path"] == f"{tmp_path}/db.sqlite3"
    postgres = "postgres://u@127.0.0.1:5432/test"
    assert tortoise_config(postgres)["connections"]["default"] == postgres


@pytest.mark.anyio
async def test_a_transaction_holds_the_write_lock_from_its_first_read(tmp_path: Path) -> None:
    db_file = tmp_path / "db.sqlite3"
    await init_db(f"sqlite://{db_file}?journal_mode=WAL&busy_timeout=10000")
    try:
        other = sqlite3.connect(db_file, timeout=0.2, isolation_level=None)
        async with in_transaction():
            before = await User.all().count()  # a read first, as the quota checks do
            # Another process trying to write now waits for us (and here gives up)
            # instead of committing under our snapshot.
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("CREATE TABLE elsewhere (x INTEGER)")
            await User.create(email="a@example.org", display_name="A", password_hash="x")
        other.execute("CREATE TABLE elsewhere (x INTEGER)")  # free again after COMMIT
        other.close()
        assert await User.all().count() == before + 1
        assert Tortoise.get_connection("default").__class__.__name__ == "ImmediateSqliteClient"
    finally:
        await close_db()
