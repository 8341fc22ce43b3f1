"""`gql-invoke worker` through the entry point: its refusals, and that it starts
without importing the GraphQL schema (worker_cmd.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gql_invoke import launch, root_lock
from tests.helpers import imported_modules, make_settings, run_entry_point


def worker(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_entry_point("worker", "--root", str(root), *args)


def test_a_worker_on_a_root_a_server_owns_is_refused_without_the_schema(tmp_path: Path) -> None:
    held = root_lock.acquire(make_settings(tmp_path))
    try:
        result = worker(tmp_path)
    finally:
        assert held is not None
        held.close()
    assert result.returncode == 2
    assert "already running" in result.stderr and "use another --root" in result.stderr
    imported = imported_modules(result.stderr)
    assert "gql_invoke.worker_cmd" in imported
    assert not {"resolvers.root", "gql_invoke.cli", "gql_invoke.app"} & imported


def test_an_unknown_option_gets_the_full_usage(tmp_path: Path) -> None:
    result = worker(tmp_path, "--bogus")
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr


def test_cpu_threads_below_one_or_not_a_number_are_refused_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = worker(tmp_path, "--device", "cpu", "--cpu-threads", "0")
    assert result.returncode == 2
    assert "--cpu-threads: '0' is not a whole number of at least 1" in result.stderr
    for bad in ("-2", "many", "1.5"):  # the same path, in this process
        with pytest.raises(SystemExit) as exit_:
            launch.main(["worker", "--root", str(tmp_path), "--cpu-threads", bad])
        assert exit_.value.code == 2
        assert f"--cpu-threads: '{bad}' is not a whole number of at least 1" in (
            capsys.readouterr().err
        )
    assert not (tmp_path / "databases").exists()  # refused before touching anything


def test_a_worker_on_sqlite_is_refused_saying_serve_runs_the_workers(tmp_path: Path) -> None:
    for root in (tmp_path, tmp_path / "not-there-yet"):
        result = worker(root)
        assert result.returncode == 2
        assert "gql-invoke worker joins a deployment on PostgreSQL" in result.stderr
        assert "on SQLite `gql-invoke serve` runs the workers itself" in result.stderr
        assert not (root / "databases").exists()  # nothing created, nothing locked
    assert root_lock.acquire(make_settings(tmp_path)) is not None  # the root stays free
