"""Test helpers: the Server wrapper, settings for tests, quick user and model creation."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.testclient import TestClient

from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings, load_settings
from gql_invoke.db.models import ModelRecord
from gql_invoke.services.scheduler import Pending, Running, running_wait, work_ahead

if TYPE_CHECKING:
    from schema.context import Context

ADMIN_EMAIL = "admin@example.local"
PASSWORD = "Correct-Horse-9"


def make_settings(root: Path, **overrides: Any) -> Settings:
    # allowed_hosts: starlette's TestClient sends "Host: testserver".
    base: dict[str, Any] = {
        "worker_enabled": False,
        "build_demo_model": False,
        "allowed_hosts": ["testserver"],
    }
    base.update(overrides)
    return load_settings(root, overrides=base, environ={})


class Server:
    """A running app plus helpers; one per test."""

    def __init__(self, client: TestClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings

    @property
    def app(self) -> Starlette:
        """The app under test, as create_app built it."""
        app = self.client.app
        assert isinstance(app, Starlette)
        return app

    def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        hdrs = dict(headers or {})
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=hdrs
        )
        assert response.status_code in (200, 400), response.text
        return response.json()

    def ok(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = self.gql(query, variables, token)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def from_address(self, ip: str) -> Server:
        """The same running app as seen from another client address."""
        client = TestClient(self.client.app, client=(ip, 50000))
        client.portal = self.client.portal  # the app's event loop, where its database lives
        return Server(client, self.settings)

    def sql(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read or write the server's SQLite file directly (what another process would see)."""
        import sqlite3
        from contextlib import closing

        db_file = self.settings.root / "databases" / "gql_invoke.db"
        with closing(sqlite3.connect(db_file, timeout=10)) as conn, conn:
            return conn.execute(statement, params).fetchall()

    def setup_admin(self, email: str = ADMIN_EMAIL, password: str = PASSWORD) -> str:
        data = self.ok(
            "mutation($i: SetupInput!){ setup(input: $i){ token } }",
            {"i": {"email": email, "displayName": "Admin", "password": password}},
        )
        return data["setup"]["token"]

    def login(self, email: str, password: str = PASSWORD, remember_me: bool = False) -> str:
        data = self.ok(
            "mutation($i: LoginInput!){ login(input: $i){ token } }",
            {"i": {"email": email, "password": password, "rememberMe": remember_me}},
        )
        return data["login"]["token"]

    def create_user(
        self,
        admin_token: str,
        email: str,
        name: str = "User",
        password: str = PASSWORD,
        is_admin: bool = False,
    ) -> str:
        data = self.ok(
            "mutation($i: CreateUserInput!){ createUser(input: $i){ id } }",
            {"i": {"email": email, "displayName": name, "password": password, "isAdmin": is_admin}},
            admin_token,
        )
        return data["createUser"]["id"]

    def user_with_token(
        self, admin_token: str, email: str, is_admin: bool = False
    ) -> tuple[str, str]:
        """Create a user and sign them in: (user id, token)."""
        user_id = self.create_user(admin_token, email, email.split("@")[0], is_admin=is_admin)
        return user_id, self.login(email)


def error_code(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    return errors[0].get("extensions", {}).get("code") if errors else None


async def new_user(email: str, is_admin: bool = False) -> Actor:
    """Create a user through the service and return their Actor."""
    from gql_invoke.services import users

    row = await users.create_user(
        system_actor(multiuser=True), email, email.split("@")[0], PASSWORD, is_admin
    )
    return Actor(
        user_id=str(row.id), display_name=row.display_name, is_admin=is_admin, multiuser=True
    )


async def add_main_model(
    key: str = "demo-tiny-sd",
    name: str = "Demo",
    *,
    source: str = "builtin:demo",
    path: str = "/nowhere",
    is_default: bool = True,
    defaults: dict[str, Any] | None = None,
) -> ModelRecord:
    """Register a MAIN SD1 diffusers model (a row only: no files behind it)."""
    return await ModelRecord.create(
        key=key,
        name=name,
        type="MAIN",
        base="SD1",
        source=source,
        path=path,
        format="diffusers",
        is_default=is_default,
        defaults=defaults or {},
    )


def estimated_starts(
    line: Sequence[Pending],
    running: Sequence[Running],
    now: datetime,
    rate: float,
    paused: bool = False,
) -> dict[int, datetime | None]:
    """The scheduler's ETA rule in one piece, to check queue_line's Line against: each
    pending item starts after what runs now and what is ahead of it; None while paused."""
    if paused:
        return {item.id: None for item in line}
    base = now + timedelta(seconds=running_wait(running, now, rate))
    return {
        item.id: base + timedelta(seconds=ahead)
        for item, ahead in zip(line, work_ahead(line, rate), strict=True)
    }


def bare_context(actor: Actor) -> Context:
    """A Context for running a resolver outside a request: the actor, and a request
    that carries nothing."""
    from starlette.requests import Request

    from schema.context import Context

    return Context(request=Request({"type": "http"}), actor=actor)


SQL_METHODS = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")


def count_sql(
    on_statement: Callable[[str], None], patch: Callable[[Any, str, Any], None] = setattr
) -> None:
    """Call ``on_statement`` with every SQL statement the app sends to SQLite.

    ``patch`` is setattr, or pytest's monkeypatch.setattr so a test undoes it.
    """
    from tortoise.backends.sqlite.client import SqliteClient

    for name in SQL_METHODS:
        original = getattr(SqliteClient, name)

        def make(orig: Any) -> Any:
            async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
                on_statement(query)
                return await orig(self, query, *args, **kwargs)

            return counted

        patch(SqliteClient, name, make(original))


def run_entry_point(*args: str) -> subprocess.CompletedProcess[str]:
    """`gql-invoke ARGS` (gql_invoke.launch) in a subprocess without GQL_INVOKE_* variables,
    under -X importtime: its stderr also lists every module it imported (imported_modules)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gql_invoke.launch", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def imported_modules(stderr: str) -> set[str]:
    """The modules named by -X importtime's lines in ``stderr``."""
    return set(re.findall(r"^import time:.*\|\s+(\S+)$", stderr, re.M))
