"""backup.py: one consistent snapshot while another connection keeps writing; the
archive's layout and manifest; the pg_dump line."""

from __future__ import annotations

import json
import sqlite3
import tarfile
import threading
from contextlib import closing
from pathlib import Path

from gql_invoke import backup
from gql_invoke.backup import copy_database, pg_dump_command, write_archive
from tests.helpers import make_settings


def test_a_copy_taken_during_writes_holds_whole_transactions_only(tmp_path: Path) -> None:
    source = tmp_path / "live.db"
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE pairs (n INTEGER, half INTEGER)")
        conn.commit()
    stop = threading.Event()

    def write() -> None:
        # Each transaction adds both halves of a pair: a torn copy would hold one.
        with closing(sqlite3.connect(source, timeout=30)) as conn:
            n = 0
            while not stop.is_set() and n < 20_000:
                with conn:
                    conn.execute("INSERT INTO pairs VALUES (?, 0)", (n,))
                    conn.execute("INSERT INTO pairs VALUES (?, 1)", (n,))
                n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = []
        for i in range(5):
            dest = tmp_path / f"copy{i}.db"
            copy_database(source, dest)
            copies.append(dest)
    finally:
        stop.set()
        writer.join()
    for dest in copies:
        with closing(sqlite3.connect(dest)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            total, pairs = conn.execute("SELECT count(*), count(DISTINCT n) FROM pairs").fetchone()
            assert total == 2 * pairs
    assert not list(tmp_path.glob("copy*.db-wal"))


def test_the_archive_holds_manifest_database_and_finished_files_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "root")
    shard = settings.outputs_dir / "ab"
    shard.mkdir(parents=True)
    (shard / "one.png").write_bytes(b"png" * 100)
    (shard / "one.webp").write_bytes(b"webp")
    (shard / ".tmp-two.png.part").write_bytes(b"half written")
    snapshot = tmp_path / "snap.db"
    with closing(sqlite3.connect(snapshot)) as conn:
        conn.execute("CREATE TABLE aerich (id INTEGER, version TEXT, app TEXT)")
        conn.execute("INSERT INTO aerich VALUES (1, '0_init.py', 'models')")
        conn.commit()
    dest = tmp_path / "b.tar.gz"
    done = write_archive(settings, tmp_path / "b.part", dest, snapshot)
    assert (done.image_files, done.image_bytes, done.missing_files) == (2, 304, 0)
    with tarfile.open(tmp_path / "b.part", "r:gz") as tar:
        names = tar.getnames()
        raw = tar.extractfile("manifest.json")
        assert raw is not None
        manifest = json.loads(raw.read())
    assert names == ["manifest.json", "database/gql_invoke.db", "outputs/ab/one.png",
                     "outputs/ab/one.webp"]  # fmt: skip
    assert manifest["format"] == backup.FORMAT and manifest["schema_version"] == "0_init.py"
    assert manifest["images"] == {"files": 2, "bytes": 304}
    assert manifest["created_at"].endswith("+00:00") and manifest["gql_invoke_version"]


def test_pg_dump_line_drops_password_and_tortoise_parameters() -> None:
    line = pg_dump_command("postgres://u:pw@h:5433/d?maxsize=5", Path("/b/x.dump"))
    assert line == "pg_dump --format=custom --file='/b/x.dump' 'postgresql://u@h:5433/d'"
    assert pg_dump_command("postgres://h/d", Path("x")).endswith("'postgresql://h/d'")
