"""`gql-invoke worker` through the entry point: its refusals, and that it starts
without importing the GraphQL schema (worker_cmd.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from gql_invoke import root_lock
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
