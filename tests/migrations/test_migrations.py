"""Migrations: a fresh root gets a database with the system user; PostgreSQL works too;
the migration files ship inside the built wheel."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
import zipfile
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest

from gql_invoke import cli
from gql_invoke.db import close_db, init_db, migrations_location
from gql_invoke.db.models import SYSTEM_USER_EMAIL, SYSTEM_USER_ID

REPO = Path(__file__).resolve().parents[2]


def sqlite_rows(db_file: Path, query: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db_file)) as conn:
        return conn.execute(query).fetchall()


def test_db_upgrade_creates_the_database_with_the_system_user(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "fresh"
    assert cli.main(["db", "upgrade", "--root", str(root)]) == 0
    assert "applied: 0_init" in capsys.readouterr().out
    db_file = root / "databases" / "gql_invoke.db"
    assert sqlite_rows(db_file, "SELECT id, email, is_system, password_hash FROM users") == [
        (SYSTEM_USER_ID, SYSTEM_USER_EMAIL, 1, None)
    ]
    assert sqlite_rows(db_file, "PRAGMA journal_mode") == [("wal",)]
    assert (root / "gql_invoke.yaml").exists()


def test_db_upgrade_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tmp_path / "r")
    assert cli.main(["db", "upgrade", "--root", root]) == 0
    capsys.readouterr()
    assert cli.main(["db", "upgrade", "--root", root]) == 0
    assert "up to date" in capsys.readouterr().out
    rows = sqlite_rows(tmp_path / "r" / "databases" / "gql_invoke.db", "SELECT count(*) FROM users")
    assert rows == [(1,)]


def test_db_upgrade_with_a_bad_config_fails_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gql_invoke.yaml").write_text("db_ulr: x\n")
    assert cli.main(["db", "upgrade", "--root", str(tmp_path)]) != 0
    assert "db_ulr" in capsys.readouterr().err


def test_migrations_are_found_inside_the_package() -> None:
    location = migrations_location()
    assert (location / "models" / "0_init.py").exists()
    assert (location / "models" / "1_session_details_and_unlock.py").exists()
    assert (location / "models" / "2_workers_and_leases.py").exists()
    assert (location / "models" / "3_queue_events_and_login_counters.py").exists()
    assert (location / "models" / "4_image_origin.py").exists()
    assert (location / "models" / "5_worker_lease_seconds.py").exists()


USER_ID = "11111111-1111-1111-1111-111111111111"
# Rows as a database released with 0_init holds them (no public_id, ip, ...).
OLD_USER = f"""
INSERT INTO "users" ("id", "email", "display_name", "password_hash", "is_admin", "is_active",
    "is_system", "token_version", "created_at", "updated_at")
VALUES ('{USER_ID}', 'old@example.local', 'Old', NULL, TRUE, TRUE, FALSE, 0,
    '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');
"""
OLD_ROWS = (
    OLD_USER
    + f"""
INSERT INTO "auth_sessions" ("jti", "created_at", "expires_at", "revoked", "user_id")
VALUES ('jti-one', '2026-01-01 00:00:00+00:00', '2099-01-01 00:00:00+00:00', FALSE, '{USER_ID}'),
       ('jti-two', '2026-01-02 00:00:00+00:00', '2099-01-01 00:00:00+00:00', FALSE, '{USER_ID}');
"""
)
NEW_COLUMNS = {"public_id", "last_seen_at", "ip", "user_agent"}


async def _columns(table: str) -> set[str]:
    from tortoise import Tortoise

    conn = Tortoise.get_connection("default")
    if conn.capabilities.dialect == "postgres":
        sql = (
            "SELECT column_name AS name FROM information_schema.columns "
            f"WHERE table_name = '{table}'"
        )
    else:
        sql = f"SELECT name FROM pragma_table_info('{table}')"
    _, rows = await conn.execute_query(sql)
    return {str(r["name"]) for r in rows}


async def database_at(db_url: str, tmp_path: Path, last: int, rows_sql: str) -> list[str]:
    """The database as the release whose newest migration was number ``last`` left it,
    with ``rows_sql``'s rows in it (and its pool closed). Returns what that release applied."""
    from aerich import Command
    from tortoise import Tortoise

    from gql_invoke.db import tortoise_config

    released = tmp_path / "released"
    (released / "models").mkdir(parents=True)
    for path in sorted((migrations_location() / "models").glob("[0-9]*_*.py")):
        if int(path.name.split("_", 1)[0]) <= last:
            shutil.copy(path, released / "models")
    await init_db(db_url, migrate=False)
    command = Command(tortoise_config=tortoise_config(db_url), app="models", location=str(released))
    await command.init()
    applied = list(await command.upgrade(run_in_transaction=True))
    await Tortoise.get_connection("default").execute_script(rows_sql)
    await close_db()
    return applied


async def check_session_migration_on_an_existing_database(db_url: str, tmp_path: Path) -> None:
    """0_init with live sessions in it, then the upgrade: every session keeps working
    and gets its own public id; the downgrade takes the columns away again."""
    import importlib

    from tortoise import Tortoise

    from gql_invoke.db.models import AuthSession, User
    from gql_invoke.services import sessions

    assert await database_at(db_url, tmp_path, 0, OLD_ROWS) == ["0_init.py"]

    assert await init_db(db_url) == [
        "1_session_details_and_unlock.py",
        "2_workers_and_leases.py",
        "3_queue_events_and_login_counters.py",
        "4_image_origin.py",
        "5_worker_lease_seconds.py",
    ]
    try:
        rows = await AuthSession.all().order_by("jti")
        assert [r.jti for r in rows] == ["jti-one", "jti-two"]
        ids = [r.public_id for r in rows]
        assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids) and len(set(ids)) == 2
        assert [(r.last_seen_at, r.ip, r.user_agent, r.revoked) for r in rows] == [
            (None, None, None, False)
        ] * 2
        assert (await User.get(id=USER_ID)).login_unlocked_at is None
        await sessions.open_session("jti-three", USER_ID, rows[0].expires_at, "10.0.0.1", "UA")
        assert await sessions.still_open("jti-one")
        assert "login_unlocked_at" in await _columns("users")
        assert await _columns("auth_sessions") >= NEW_COLUMNS

        module = importlib.import_module("migrations.models.1_session_details_and_unlock")
        conn = Tortoise.get_connection("default")
        await conn.execute_script(await module.downgrade(conn))
        assert not NEW_COLUMNS & await _columns("auth_sessions")
        assert "login_unlocked_at" not in await _columns("users")
    finally:
        await close_db()


async def test_session_migration_applies_on_an_existing_sqlite_database(tmp_path: Path) -> None:
    await check_session_migration_on_an_existing_database(
        f"sqlite://{tmp_path / 'old.db'}", tmp_path
    )


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A throw-away database on the server named by TEST_POSTGRES_URL."""
    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        pytest.skip(
            "TEST_POSTGRES_URL is not set (CI sets it; e.g. "
            "postgres://postgres@127.0.0.1:5432/test)"
        )
    import asyncpg

    admin_url = base.replace("postgres://", "postgresql://", 1)
    name = f"gqi_test_{uuid.uuid4().hex[:12]}"
    try:
        conn = await asyncpg.connect(admin_url)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.fail(f"TEST_POSTGRES_URL is set but unreachable: {exc}")
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    prefix = base.rsplit("/", 1)[0]
    try:
        yield f"{prefix}/{name}"
    finally:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


async def test_postgres_migrates_and_stores_users(postgres_url: str) -> None:
    from gql_invoke.auth.actor import system_actor
    from gql_invoke.db.models import User
    from gql_invoke.services import audit, users

    applied = await init_db(postgres_url)
    try:
        assert [Path(m).stem for m in applied] == [
            "0_init",
            "1_session_details_and_unlock",
            "2_workers_and_leases",
            "3_queue_events_and_login_counters",
            "4_image_origin",
            "5_worker_lease_seconds",
        ]
        system = await User.get(id=SYSTEM_USER_ID)
        assert system.is_system and system.email == SYSTEM_USER_EMAIL
        actor = system_actor(multiuser=True)
        created = await users.create_user(actor, "pg@example.local", "Pg", "Correct-Horse-9")
        again = await User.get(email="pg@example.local")
        assert again.id == created.id and again.display_name == "Pg"
        # Cursor paging compares uuids and timestamps: check it on this engine too.
        for i in range(4):
            await audit.record(actor, f"a{i}", "t")
        seen: list[str] = []
        after = None
        while page := await audit.list_events(actor, first=2, after=after):
            seen += [e.action for e in page]
            after = audit.cursor_of(page[-1])
        assert seen == ["a3", "a2", "a1", "a0", "user_created"]
    finally:
        await close_db()
    assert await init_db(postgres_url) == []  # idempotent
    await close_db()


async def test_session_migration_applies_on_an_existing_postgres_database(
    postgres_url: str, tmp_path: Path
) -> None:
    await check_session_migration_on_an_existing_database(postgres_url, tmp_path)


# An item a server released before leases was running when it stopped (0_init's columns).
OLD_RUNNING_ITEM = f"""
INSERT INTO "queue_items" ("batch_id", "status", "priority", "params", "model_key", "cost",
    "attempts", "created_at", "started_at", "owner_id")
VALUES ('22222222-2222-2222-2222-222222222222', 'IN_PROGRESS', 0, '{{}}', 'm', 1.0, 1,
    '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:01+00:00', '{USER_ID}');
"""
LEASE_COLUMNS = {"worker_id", "lease_expires_at"}


async def check_workers_migration_on_an_existing_database(db_url: str, tmp_path: Path) -> None:
    """1_session_details_and_unlock with an item left running, then the upgrade: the item
    has no worker and no lease, crash recovery re-queues it, the workers table works; the
    downgrade takes the columns and the table away again."""
    import importlib

    from tortoise import Tortoise

    from gql_invoke import runtime
    from gql_invoke.db.models import QueueItem
    from gql_invoke.services import queue_jobs, workers
    from tests.helpers import make_settings

    await database_at(db_url, tmp_path, 1, OLD_USER + OLD_RUNNING_ITEM)

    runtime.start(make_settings(tmp_path / "root", multiuser=True))
    assert await init_db(db_url) == [
        "2_workers_and_leases.py",
        "3_queue_events_and_login_counters.py",
        "4_image_origin.py",
        "5_worker_lease_seconds.py",
    ]
    try:
        (item,) = await QueueItem.all()
        assert (item.status, item.worker_id, item.lease_expires_at) == ("IN_PROGRESS", None, None)
        assert await queue_jobs.recover_interrupted() == (1, 0)
        assert (await QueueItem.get(id=item.id)).status == "PENDING"
        await workers.register("w-1", "cpu", "host", 42)
        assert await _columns("queue_items") >= LEASE_COLUMNS

        module = importlib.import_module("migrations.models.2_workers_and_leases")
        conn = Tortoise.get_connection("default")
        await conn.execute_script(await module.downgrade(conn))
        assert not LEASE_COLUMNS & await _columns("queue_items")
        assert not await _columns("workers")
    finally:
        await close_db()
        runtime.stop()


async def test_workers_migration_applies_on_an_existing_sqlite_database(tmp_path: Path) -> None:
    await check_workers_migration_on_an_existing_database(
        f"sqlite://{tmp_path / 'old.db'}", tmp_path
    )


async def test_workers_migration_applies_on_an_existing_postgres_database(
    postgres_url: str, tmp_path: Path
) -> None:
    await check_workers_migration_on_an_existing_database(postgres_url, tmp_path)


async def check_queue_events_migration_on_an_existing_database(db_url: str, tmp_path: Path) -> None:
    """Up to 2_workers_and_leases with a user, then the upgrade: both tables work (a
    queue event is written and replayed); the downgrade takes them away again."""
    import importlib
    from datetime import UTC, datetime

    from tortoise import Tortoise

    from gql_invoke import events
    from gql_invoke.db.models import LoginAttempt
    from gql_invoke.services import queue_events

    await database_at(db_url, tmp_path, 2, OLD_USER)

    assert await init_db(db_url) == [
        "3_queue_events_and_login_counters.py",
        "4_image_origin.py",
        "5_worker_lease_seconds.py",
    ]
    try:
        (seq,) = await queue_events.append(events.QueueCleared())
        (replayed,) = await queue_events.replay(seq - 1)
        assert replayed.cursor == events.cursor_of(seq)
        await LoginAttempt.create(key="a@example.local|10.0.0.1", at=datetime.now(UTC))
        assert await _columns("login_attempts") >= {"key", "at"}

        module = importlib.import_module("migrations.models.3_queue_events_and_login_counters")
        conn = Tortoise.get_connection("default")
        await conn.execute_script(await module.downgrade(conn))
        assert not await _columns("queue_events") and not await _columns("login_attempts")
    finally:
        await close_db()


async def test_queue_events_migration_applies_on_an_existing_sqlite_database(
    tmp_path: Path,
) -> None:
    await check_queue_events_migration_on_an_existing_database(
        f"sqlite://{tmp_path / 'old.db'}", tmp_path
    )


async def test_queue_events_migration_applies_on_an_existing_postgres_database(
    postgres_url: str, tmp_path: Path
) -> None:
    await check_queue_events_migration_on_an_existing_database(postgres_url, tmp_path)


OLD_IMAGE = f"""
INSERT INTO "images" ("id", "filename", "thumbnail", "width", "height", "size_bytes",
    "starred", "metadata", "created_at", "owner_id")
VALUES ('33333333-3333-3333-3333-333333333333', 'ab/old.png', 'ab/old.webp', 64, 64,
    3000000000, FALSE, '{{"prompt": "old"}}', '2026-01-01 00:00:00+00:00', '{USER_ID}');
"""


async def check_image_origin_migration_on_an_existing_database(db_url: str, tmp_path: Path) -> None:
    """Up to 3 with an image stored, then the upgrade: the image is GENERATED (the only
    kind there was) and keeps its 64-bit size; the downgrade takes the column away."""
    import importlib

    from tortoise import Tortoise

    from gql_invoke.db.models import Image

    await database_at(db_url, tmp_path, 3, OLD_USER + OLD_IMAGE)

    assert await init_db(db_url) == ["4_image_origin.py", "5_worker_lease_seconds.py"]
    try:
        (image,) = await Image.all()
        assert (image.origin, image.size_bytes) == ("GENERATED", 3_000_000_000)
        await Image.filter(id=image.id).update(origin="UPLOADED")
        assert (await Image.get(id=image.id)).origin == "UPLOADED"
        module = importlib.import_module("migrations.models.4_image_origin")
        conn = Tortoise.get_connection("default")
        await conn.execute_script(await module.downgrade(conn))
        assert "origin" not in await _columns("images")
    finally:
        await close_db()


async def test_image_origin_migration_applies_on_an_existing_sqlite_database(
    tmp_path: Path,
) -> None:
    await check_image_origin_migration_on_an_existing_database(
        f"sqlite://{tmp_path / 'old.db'}", tmp_path
    )


async def test_image_origin_migration_applies_on_an_existing_postgres_database(
    postgres_url: str, tmp_path: Path
) -> None:
    await check_image_origin_migration_on_an_existing_database(postgres_url, tmp_path)


OLD_WORKER = """
INSERT INTO "workers" ("id", "device", "host", "pid", "status", "current_item_id",
    "started_at", "last_heartbeat_at")
VALUES ('gpu-box-1-abc', 'cuda:0', 'gpu-box', 1, 'IDLE', NULL,
    '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');
"""


async def check_worker_lease_migration_on_an_existing_database(db_url: str, tmp_path: Path) -> None:
    """Up to 4 with a worker registered, then the upgrade: its row has the default lease
    (30 s, what it ran with unless configured otherwise); the downgrade takes it away."""
    import importlib

    from tortoise import Tortoise

    from gql_invoke.db.models import Worker

    await database_at(db_url, tmp_path, 4, OLD_WORKER)

    assert await init_db(db_url) == ["5_worker_lease_seconds.py"]
    try:
        (worker,) = await Worker.all()
        assert (worker.id, worker.lease_seconds) == ("gpu-box-1-abc", 30)
        module = importlib.import_module("migrations.models.5_worker_lease_seconds")
        conn = Tortoise.get_connection("default")
        await conn.execute_script(await module.downgrade(conn))
        assert "lease_seconds" not in await _columns("workers")
    finally:
        await close_db()


async def test_worker_lease_migration_applies_on_an_existing_sqlite_database(
    tmp_path: Path,
) -> None:
    await check_worker_lease_migration_on_an_existing_database(
        f"sqlite://{tmp_path / 'old.db'}", tmp_path
    )


async def test_worker_lease_migration_applies_on_an_existing_postgres_database(
    postgres_url: str, tmp_path: Path
) -> None:
    await check_worker_lease_migration_on_an_existing_database(postgres_url, tmp_path)


def test_wheel_contains_migrations_and_schema_snapshot(tmp_path: Path) -> None:
    """A non-editable install finds its migrations: they ship in the wheel."""
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for folder in ("gql_invoke", "schema", "resolvers", "migrations"):
        shutil.copytree(REPO / folder, src / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, src / name)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "dist").glob("gql_invoke-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "migrations/__init__.py",
        "migrations/models/0_init.py",
        "migrations/models/1_session_details_and_unlock.py",
        "migrations/models/2_workers_and_leases.py",
        "migrations/models/3_queue_events_and_login_counters.py",
        "migrations/models/4_image_origin.py",
        "migrations/models/5_worker_lease_seconds.py",
        "schema/schema.graphql",
        "gql_invoke/db/__init__.py",
    } <= names
