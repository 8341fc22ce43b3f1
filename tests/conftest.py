"""Shared fixtures: a server per test (TestClient, real lifespan, SQLite file under
tmp_path), fast password hashing, and a migrated database for service tests."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pwdlib.hashers.bcrypt import BcryptHasher
from starlette.testclient import TestClient

from gql_invoke import runtime
from gql_invoke.auth import passwords
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings
from tests.helpers import Server, make_settings

# Keep the developer's environment (GQL_INVOKE_*) out of the tests.
for _key in [k for k in os.environ if k.startswith("GQL_INVOKE_")]:
    del os.environ[_key]


@pytest.fixture(autouse=True, scope="session")
def fast_hashing() -> Iterator[None]:
    """Production argon2 costs ~125 ms a hash; tests use the same code, cheaper."""
    passwords.set_hasher(
        PasswordHash(
            (
                Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),
                BcryptHasher(rounds=4),
            )
        )
    )
    yield


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    from gql_invoke.app import create_app

    stack: list[TestClient] = []

    def factory(root: Path | None = None, **overrides: Any) -> Server:
        # Passing the root of an earlier (closed) server reuses its data.
        settings = make_settings(root or tmp_path / f"root{len(stack)}", **overrides)
        client = TestClient(create_app(settings), client=("10.1.2.3", 50000))
        client.__enter__()
        stack.append(client)
        return Server(client, settings)

    yield factory
    for client in reversed(stack):
        client.__exit__(None, None, None)


@pytest.fixture
def server(make_server: Callable[..., Server]) -> Server:
    """Multiuser server with no users yet."""
    return make_server(multiuser=True)


@pytest.fixture
def single(make_server: Callable[..., Server]) -> Server:
    """Single-user (default) server."""
    return make_server()


@pytest_asyncio.fixture
async def db(tmp_path: Path) -> AsyncIterator[Settings]:
    """Service-level tests: runtime + a migrated SQLite database, no HTTP."""
    from gql_invoke.db import close_db, init_db

    settings = make_settings(tmp_path / "root", multiuser=True)
    runtime.start(settings)
    await init_db(settings.database_url)
    try:
        yield settings
    finally:
        await close_db()
        runtime.stop()


@pytest.fixture
def system() -> Actor:
    return system_actor(multiuser=True)
