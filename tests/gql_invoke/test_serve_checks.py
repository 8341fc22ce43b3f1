"""serve refuses, before any heavy work: single-user mode beyond loopback (unless
allow_unauthenticated_network), a busy port (with the --port hint), --processes it
cannot run, a PostgreSQL database it cannot open."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from gql_invoke.serve_checks import (
    database_problem,
    exposure_problem,
    is_loopback,
    port_problem,
    processes_problem,
)
from tests.helpers import make_settings, run_entry_point
from tests.live_server import free_port


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def serve(root: Path, *args: str, **config: object) -> subprocess.CompletedProcess[str]:
    root.mkdir(exist_ok=True)
    (root / "gql_invoke.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    # -X importtime: shows which modules the refusal needed (none of the heavy ones).
    return run_entry_point("serve", "--root", str(root), *args)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("gpu-box.lan", False),
    ],
)
def test_only_loopback_hosts_count_as_private(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_single_user_on_the_network_is_refused_unless_allowed(tmp_path: Path) -> None:
    exposed = make_settings(tmp_path, host="0.0.0.0", multiuser=False)
    problem = exposure_problem(exposed)
    assert problem is not None and "multi-user mode" in problem and "admin" in problem
    allowed = make_settings(tmp_path, host="0.0.0.0", allow_unauthenticated_network=True)
    assert exposure_problem(allowed) is None
    assert exposure_problem(make_settings(tmp_path, host="0.0.0.0", multiuser=True)) is None
    assert exposure_problem(make_settings(tmp_path, host="127.0.0.1")) is None


def test_a_free_port_has_no_problem_and_a_taken_one_names_the_next(busy_port: int) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert port_problem("127.0.0.1", port) is None
    problem = port_problem("127.0.0.1", busy_port)
    assert problem is not None and f"--port {busy_port + 1}" in problem


def test_serve_on_a_busy_port_exits_at_once_with_the_hint(tmp_path: Path, busy_port: int) -> None:
    started = time.monotonic()
    done = serve(tmp_path / "root", "--port", str(busy_port))
    elapsed = time.monotonic() - started
    assert done.returncode == 2
    assert f"port {busy_port} on 127.0.0.1 is already in use" in done.stderr
    assert f"gql-invoke serve --port {busy_port + 1}" in done.stderr
    # Before any heavy work: neither the schema nor the ORM was imported.
    assert "strawberry" not in done.stderr and "tortoise" not in done.stderr
    assert elapsed < 10, elapsed  # generous: a loaded 2-core box; typically ~0.2 s


def test_serve_single_user_on_all_interfaces_is_refused(tmp_path: Path) -> None:
    done = serve(tmp_path / "root", "--host", "0.0.0.0", "--port", "9")
    assert done.returncode == 2
    assert "refusing to serve single-user mode on 0.0.0.0" in done.stderr
    assert "multiuser: true" in done.stderr


def test_the_exposure_guard_lets_multiuser_and_the_allowed_through(
    tmp_path: Path, busy_port: int
) -> None:
    # Past the guard, the busy port is what stops them: proof they were let through.
    for config in ({"multiuser": True}, {"allow_unauthenticated_network": True}):
        done = serve(tmp_path / "root", "--host", "0.0.0.0", "--port", str(busy_port), **config)
        assert done.returncode == 2 and "already in use" in done.stderr, done.stderr


def test_the_cli_module_checks_too(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")}
    done = subprocess.run(
        [sys.executable, "-m", "gql_invoke.cli", "serve", "--root", str(root)]
        + ["--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "refusing to serve single-user mode" in done.stderr


@pytest.mark.parametrize(
    ("processes", "wanted"), [("2", "--processes needs PostgreSQL"), ("0", "at least 1")]
)
def test_serve_with_processes_sqlite_cannot_run_exits_at_once_saying_why(
    tmp_path: Path, processes: str, wanted: str
) -> None:
    done = serve(tmp_path / "root", "--port", str(free_port()), "--processes", processes)
    assert done.returncode == 2
    assert wanted in done.stderr
    if processes == "2":
        assert "SQLite takes one writer at a time" in done.stderr
    # Refused before anything starts: no "starting" line, no schema, no ORM, no lock.
    assert "starting" not in done.stderr
    assert "strawberry" not in done.stderr and "tortoise" not in done.stderr
    assert not (tmp_path / "root" / "databases").exists()


def test_processes_on_postgresql_or_one_on_sqlite_are_fine(tmp_path: Path) -> None:
    sqlite = make_settings(tmp_path / "a")
    postgres = make_settings(tmp_path / "b", db_url="postgres://u@127.0.0.1:5432/x")
    assert processes_problem(sqlite, 1) is None
    assert processes_problem(postgres, 4) is None
    assert processes_problem(sqlite, 2) is not None


PG_URL = os.environ.get("TEST_POSTGRES_URL", "")


def test_a_postgresql_database_that_cannot_be_opened_is_named_with_what_to_do(
    tmp_path: Path,
) -> None:
    assert database_problem(make_settings(tmp_path)) is None  # SQLite: start-up creates it
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    unreachable = make_settings(tmp_path, db_url=f"postgres://u:s3cret@127.0.0.1:{port}/gen")
    problem = database_problem(unreachable)
    assert problem is not None
    assert f"cannot open the database of db_url (postgres://u:***@127.0.0.1:{port}/gen)" in problem
    assert "check that PostgreSQL runs there" in problem and "s3cret" not in problem
    # A password that urlsplit cannot find (an unescaped /) is masked all the same.
    odd = make_settings(tmp_path, db_url=f"postgres://u:pa/ss@127.0.0.1:{port}/gen")
    problem = database_problem(odd)
    assert problem is not None and "pa/ss" not in problem and "u:***@127.0.0.1" in problem


@pytest.mark.skipif(not PG_URL, reason="TEST_POSTGRES_URL is not set")
def test_serve_and_worker_on_a_missing_postgresql_database_exit_at_once_naming_it(
    tmp_path: Path,
) -> None:
    url = PG_URL.rsplit("/", 1)[0] + "/gqli_no_such_database"
    assert database_problem(make_settings(tmp_path, db_url=PG_URL)) is None
    for command in ("serve", "worker"):
        root = tmp_path / command
        root.mkdir()
        (root / "gql_invoke.yaml").write_text(yaml.safe_dump({"db_url": url}), encoding="utf-8")
        started = time.monotonic()
        done = run_entry_point(command, "--root", str(root))
        assert done.returncode == 2, done.stderr
        assert 'database "gqli_no_such_database" does not exist; create it or fix' in done.stderr
        assert "Traceback" not in done.stderr
        assert "torch" not in done.stderr  # before the worker's import of torch
        assert time.monotonic() - started < 20  # typically ~1 s
