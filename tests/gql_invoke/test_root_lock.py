"""root_lock: one server per SQLite root; none needed on PostgreSQL or in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from gql_invoke import root_lock
from gql_invoke.config import load_settings


def test_a_second_owner_of_a_root_is_refused_naming_the_first(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    first = root_lock.acquire(settings)
    assert first is not None
    assert (tmp_path / "server.pid").read_text().strip().isdigit()
    with pytest.raises(root_lock.AlreadyRunning, match=r"already running \(pid \d+\)"):
        root_lock.acquire(settings)
    first.close()  # the lock goes with the process (or the file): free again
    again = root_lock.acquire(settings)
    assert again is not None
    again.close()


def test_postgresql_and_memory_deployments_take_no_lock(tmp_path: Path) -> None:
    pg = load_settings(tmp_path, overrides={"db_url": "postgres://u@127.0.0.1/db"}, environ={})
    memory = load_settings(tmp_path, overrides={"use_memory_db": True}, environ={})
    assert root_lock.acquire(pg) is None and root_lock.acquire(memory) is None
    assert not (tmp_path / "server.pid").exists()


def test_the_worker_command_refuses_a_device_it_does_not_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gql_invoke import cli

    assert cli.main(["worker", "--root", str(tmp_path), "--device", "gpu7"]) == 2
    assert "'device' must be cpu, mps, cuda or cuda:N" in capsys.readouterr().err
