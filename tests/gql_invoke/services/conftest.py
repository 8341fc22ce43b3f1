"""Fixtures of the service tests: the same service on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from gql_invoke import runtime
from gql_invoke.db import close_db, init_db
from tests.helpers import make_settings


@pytest.fixture
async def on_postgres(tmp_path: Path) -> AsyncIterator[str]:
    """Runtime + a throw-away database on TEST_POSTGRES_URL (skipped when unset); yields
    its URL (for a second connection of the test's own)."""
    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        pytest.skip(
            "TEST_POSTGRES_URL is not set (CI sets it; e.g. "
            "postgres://postgres@127.0.0.1:5432/test)"
        )
    admin_url = base.replace("postgres://", "postgresql://", 1)
    name = f"gqi_test_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    runtime.start(make_settings(tmp_path / "root", multiuser=True))
    url = f"{base.rsplit('/', 1)[0]}/{name}"
    await init_db(url)
    try:
        yield url
    finally:
        await close_db()
        runtime.stop()
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()
