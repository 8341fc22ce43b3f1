"""`gql-invoke db backup | restore | upgrade --dry-run` through the real command line:
a backup taken while a real server writes, a round trip with images, the refusals."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from gql_invoke import cli
from gql_invoke.db.pending import migration_files
from tests.gql_invoke.test_cli import child_env
from tests.live_server import live_server

CLI = [sys.executable, "-m", "gql_invoke.cli"]


def db_cli(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "db", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env=child_env(GQL_INVOKE_MULTIUSER="false", **env),
        timeout=120,
    )


def in_process(
    capsys: pytest.CaptureFixture[str], root: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """The same command without a new interpreter (seconds cheaper), as a CompletedProcess."""
    capsys.readouterr()
    code = cli.main(["db", *args, "--root", str(root)])
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, captured.out, captured.err)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], *texts: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gql-invoke: error: "), result.stderr
    for text in texts:
        assert text in lines[0], lines[0]


def rows(db_file: Path, query: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db_file)) as conn:
        return conn.execute(query).fetchall()


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class BoardWriter(threading.Thread):
    """Creates boards through the server's GraphQL API, one per request, until stopped."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.created = 0
        self.stop = threading.Event()
        self.errors: list[object] = []

    def run(self) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=10) as client:
            while not self.stop.is_set() and self.created < 2000:
                body = client.post(
                    "/graphql",
                    json={"query": f'mutation {{ createBoard(name: "b{self.created}") {{ id }} }}'},
                ).json()
                if body.get("errors"):
                    self.errors.append(body["errors"])
                    return
                self.created += 1


def test_backup_while_the_server_writes_is_a_sound_snapshot_and_restore_is_refused(
    tmp_path: Path,
) -> None:
    with live_server(tmp_path) as server:
        writer = BoardWriter(server.port)
        writer.start()
        while writer.created < 20 and writer.is_alive():
            time.sleep(0.01)
        before = writer.created
        target = tmp_path / "nightly.db"
        out = ok(db_cli(server.root, "backup", "--to", str(target)))
        after = writer.created
        assert f"backup written: {target}" in out and f"schema {migration_files()[-1]}" in out

        # A running server owns the root: restore says so and changes nothing.
        db_dir = server.root / "databases"
        listing = sorted(p.name for p in db_dir.iterdir())
        refused(
            db_cli(server.root, "restore", str(target)),
            "a server is running on",
            "stop it",
            "nothing was changed",
        )
        writer.stop.set()
        writer.join(20)
        assert not writer.errors
        assert sorted(p.name for p in db_dir.iterdir()) == listing

    assert rows(target, "PRAGMA integrity_check") == [("ok",)]
    assert rows(target, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
    (count,) = rows(target, "SELECT count(*) FROM boards")[0]
    assert isinstance(count, int) and before <= count <= after
    assert not list(tmp_path.glob("*.part"))


async def _store_images(root: Path, n: int) -> list[str]:
    from gql_invoke import runtime
    from gql_invoke.config import load_settings
    from gql_invoke.db import close_db, init_db
    from gql_invoke.db.models import SYSTEM_USER_ID
    from tests.image_helpers import store

    settings = load_settings(root)
    runtime.start(settings)
    await init_db(settings.database_url)
    try:
        return [await store(SYSTEM_USER_ID) for _ in range(n)]
    finally:
        await close_db()
        runtime.stop()


def test_backup_with_images_round_trips_through_restore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "root"
    ids = asyncio.run(_store_images(root, 3))
    outputs = root / "outputs"
    saved = tree(outputs)
    assert len(saved) == 6  # a PNG and a thumbnail each

    archive = tmp_path / "full.tar"
    result = db_cli(root, "backup", "--with-images", "--to", str(archive))
    assert "6 image files" in ok(result)
    # Not a terminal: plain percentage lines, no carriage returns or escapes.
    assert "images: 100% (6/6 files" in result.stderr
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    # It holds the JWT secret and the password hashes: its owner alone may read it.
    assert archive.stat().st_mode & 0o777 == 0o600
    # --to a folder: the timestamped name inside it.
    folder = tmp_path / "nightly"
    folder.mkdir()
    ok(in_process(capsys, root, "backup", "--to", str(folder)))
    (plain,) = folder.glob("gql_invoke-*Z.db")
    assert rows(plain, "SELECT count(*) FROM images") == [(3,)]

    # Lose an image and its row after the backup; the restore brings both back.
    db_file = root / "databases" / "gql_invoke.db"
    with closing(sqlite3.connect(db_file)) as conn:
        conn.execute("DELETE FROM images WHERE id = ?", (ids[0],))
        conn.commit()
    for path in outputs.rglob("*"):
        if path.is_file():
            path.unlink()
            break
    out = ok(in_process(capsys, root, "restore", str(archive)))
    assert f"restored {archive}" in out and "images: 6 files restored" in out
    assert tree(outputs) == saved
    assert {r[0] for r in rows(db_file, "SELECT id FROM images")} == set(ids)
    assert rows(db_file, "PRAGMA integrity_check") == [("ok",)]

    # What was there before is kept aside, never deleted.
    (aside_db,) = (root / "databases").glob("gql_invoke.db.before-restore-*")
    assert len(rows(aside_db, "SELECT id FROM images")) == 2
    (aside_outputs,) = root.glob("outputs.before-restore-*")
    assert len(tree(aside_outputs)) == 5
    assert str(aside_db) in out and str(aside_outputs) in out
    assert not list(root.glob(".restore-*")) and not list(root.glob("databases/.restore-*"))


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "root"
    asyncio.run(_store_images(root, 1))
    before = tree(root)
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database\n")
    refused(db_cli(root, "restore", str(junk)), "not a gql-invoke backup", "nothing was changed")

    def restore(path: Path) -> subprocess.CompletedProcess[str]:
        return in_process(capsys, root, "restore", str(path))

    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    refused(restore(other), "not gql-invoke's", "nothing was changed")

    tarball = tmp_path / "random.tar"
    subprocess.run(["tar", "-cf", str(tarball), "-C", str(tmp_path), "notes.txt"], check=True)
    refused(restore(tarball), "without a gql-invoke manifest.json")
    refused(restore(tmp_path / "missing.db"), "no such file")

    # A real archive cut short (a full disk, a copy interrupted).
    whole = tmp_path / "whole.tar"
    ok(in_process(capsys, root, "backup", "--with-images", "--to", str(whole)))
    cut = tmp_path / "cut.tar"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    refused(restore(cut), "damaged or incomplete", "nothing was changed")
    whole.unlink()

    # The lock file is the only trace a refusal may leave (it records the last holder).
    after = tree(root)
    after.pop("server.pid", None)
    for name in [n for n in after if n.startswith("backups/")]:
        after.pop(name)
    assert after == before


def test_upgrade_dry_run_lists_what_is_pending_and_applies_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "fresh"
    out = ok(db_cli(root, "upgrade", "--dry-run"))
    files = migration_files()
    assert f"{len(files)} pending" in out and "not created yet" in out
    assert [line.strip() for line in out.splitlines()[1:]] == files
    assert not (root / "databases").exists()

    ok(in_process(capsys, root, "upgrade"))
    out = ok(in_process(capsys, root, "upgrade", "--dry-run"))
    assert "up to date, nothing to apply" in out


def test_postgresql_backup_prints_the_pg_dump_command_without_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgres://gen:s3cret@db.internal:5432/gqlinvoke?minsize=2"
    monkeypatch.setenv("GQL_INVOKE_DB_URL", url)
    result = in_process(capsys, tmp_path, "backup")
    refused(result, "pg_dump --format=custom", "'postgresql://gen@db.internal:5432/gqlinvoke'")
    assert "s3cret" not in result.stderr and "minsize" not in result.stderr
    refused(in_process(capsys, tmp_path, "restore", str(tmp_path)), "pg_restore")
    monkeypatch.delenv("GQL_INVOKE_DB_URL")
    monkeypatch.setenv("GQL_INVOKE_USE_MEMORY_DB", "true")
    refused(in_process(capsys, tmp_path, "backup"), "in-memory")
