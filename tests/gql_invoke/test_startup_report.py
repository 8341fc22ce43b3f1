"""What serve prints once ready: version, mode, URLs, database, models, workers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from gql_invoke import runtime, startup_report
from gql_invoke.config import Settings
from gql_invoke.services import auth
from tests.helpers import add_main_model
from tests.live_server import live_server


async def test_single_user_mode_warns_that_everyone_here_is_admin(db: Settings) -> None:
    single = dataclasses.replace(db, multiuser=False, worker_enabled=False)
    lines = await startup_report.lines(single)
    assert lines[0].startswith("gql-invoke ") and lines[0].endswith(" ready")
    assert "single-user: no sign-in, everyone who can reach this port is admin" in lines[1]
    assert f"web UI: http://127.0.0.1:{db.port}/" in lines[2]
    assert f"GraphiQL: http://127.0.0.1:{db.port}/graphql" in lines[2]
    assert lines[3] == f"database: SQLite at {db.root}/databases/gql_invoke.db"
    assert "models: none installed" in lines[4] and "installModel" in lines[4]
    assert "worker_enabled: false" in lines[5]


async def test_multiuser_mode_says_whether_setup_is_pending_and_how(db: Settings) -> None:
    pending = await startup_report.mode_lines(db)
    assert "setup pending" in pending[0] and "gql-invoke user add --admin" in pending[0]
    await auth.setup("admin@example.local", "Admin", "Correct-Horse-9", ip=None)
    assert "setup pending" not in (await startup_report.mode_lines(db))[0]


async def test_the_demo_model_is_called_noise_and_devices_are_listed(db: Settings) -> None:
    await add_main_model()
    line = (await startup_report.model_lines())[0]
    assert line.startswith("models: 1 installed, default demo-tiny-sd") and "noise" in line
    two = dataclasses.replace(db, worker_enabled=True, generation_devices=["cuda:0", "cuda:1"])
    assert startup_report.worker_line(two, True) == "worker processes: 2, on cuda:0, cuda:1"


def test_urls_follow_public_url_and_postgres_passwords_are_never_shown(tmp_path: Path) -> None:
    from tests.helpers import make_settings

    behind = make_settings(tmp_path, public_url="https://art.example.org/")
    assert startup_report.base_url(behind) == "https://art.example.org"
    pg = make_settings(tmp_path, db_url="postgres://gen:s3cret@db.lan:5433/gen")
    assert startup_report.database_line(pg) == "database: PostgreSQL at db.lan:5433/gen"
    runtime.stop()


def test_a_real_serve_prints_the_summary(tmp_path: Path) -> None:
    with live_server(tmp_path, multiuser=True) as live:
        log = live.log.read_text()
    assert "gql-invoke: starting, root" in log
    assert "setup pending" in log
    assert f"web UI: http://127.0.0.1:{live.port}/" in log
    assert "database: SQLite at" in log
    assert "models: none installed" in log
