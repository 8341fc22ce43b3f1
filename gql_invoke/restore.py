"""`gql-invoke db restore FILE`: put a backup (backup.py) back into a stopped root.

Order matters, so that a refusal at any point leaves the root as it was:

1. Hold the root's lock (root_lock.py) for the whole restore: a running server (or
   `gql-invoke worker`) refuses it, and no server can start halfway through.
2. Stage: copy the database out of FILE next to the live one (same file system, so
   the swap is a rename) and check it: a SQLite file, `integrity_check` ok, our tables,
   no migration this release does not know. An archive's images are unpacked beside
   outputs/ (tarfile's "data" filter: no links out, no absolute paths).
3. Swap: the current database (with its -wal/-shm) and outputs/ are renamed aside with
   a timestamp, never deleted; the staged ones take their place.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import sqlite3
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from gql_invoke import root_lock
from gql_invoke.backup import DB_MEMBER, FORMAT, MANIFEST, OUTPUTS, sqlite_file, stamp
from gql_invoke.config import Settings
from gql_invoke.db import pending

SQLITE_MAGIC = b"SQLite format 3\x00"
_OUR_TABLES = {"aerich", "users", "images"}


class RestoreError(Exception):
    """The file cannot be restored (or not now); nothing was changed."""


@dataclass
class RestoreResult:
    schema_version: str | None
    pending: list[str]
    database_aside: Path | None = None
    outputs_aside: Path | None = None
    images_restored: int | None = None  # None: the file had no images (outputs/ kept)
    notes: list[str] = field(default_factory=list)


def restore(settings: Settings, source: Path) -> RestoreResult:
    target = sqlite_file(settings)
    if not source.is_file():
        raise RestoreError(f"{source}: no such file")
    lock = _lock(settings)
    try:
        return _restore_locked(settings, source, target)
    finally:
        if lock is not None:
            lock.close()


def _lock(settings: Settings) -> IO[str] | None:
    try:
        return root_lock.acquire(settings)
    except root_lock.AlreadyRunning:
        pid_file = settings.root / root_lock.LOCK_NAME
        pid = pid_file.read_text(encoding="ascii").strip() or "?"
        raise RestoreError(
            f"a server is running on {settings.root} (pid {pid}): stop it, then run "
            "`gql-invoke db restore` again; nothing was changed"
        ) from None


def _restore_locked(settings: Settings, source: Path, target: Path) -> RestoreResult:
    when = stamp()
    target.parent.mkdir(parents=True, exist_ok=True)
    staged_db = target.with_name(f".restore-{when}.db")
    staged_outputs = settings.root / f".restore-{when}-outputs"
    try:
        if _is_sqlite(source):
            shutil.copyfile(source, staged_db)
            images = None
        elif _is_tar(source):
            images = _stage_archive(source, staged_db, staged_outputs)
        else:
            raise RestoreError(f"{source}: {_what_it_is(source)}; nothing was changed")
        status = check_database(staged_db, source)
        result = RestoreResult(status.applied[-1] if status.applied else None, status.pending)
        result.database_aside = _set_aside(target, when)
        os.replace(staged_db, target)
        if images is not None:
            result.outputs_aside = _swap_outputs(settings.outputs_dir, staged_outputs, when)
            result.images_restored = images
        return result
    finally:
        staged_db.unlink(missing_ok=True)
        shutil.rmtree(staged_outputs, ignore_errors=True)


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _is_tar(path: Path) -> bool:
    """An archive that starts with our manifest (backup.py writes it first): reading one
    header tells a truncated backup (damaged, said later) from some other tar."""
    try:
        with tarfile.open(path, "r:*") as tar:
            first = tar.next()
    except (tarfile.TarError, OSError, EOFError):
        return False
    return first is not None and first.name == MANIFEST


def _what_it_is(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(b"PGDMP"):
        return "a PostgreSQL dump: restore it with pg_restore (docs/deployment.md, Backups)"
    if path.stat().st_size and tarfile.is_tarfile(path):
        return "a tar archive without a gql-invoke manifest.json: not a gql-invoke backup"
    return (
        "not a gql-invoke backup (neither a SQLite database nor an archive made by "
        "`gql-invoke db backup --with-images`)"
    )


def check_database(db_file: Path, source: Path) -> pending.MigrationStatus:
    """RestoreError unless ``db_file`` is a sound gql-invoke database this release can run."""
    try:
        conn = sqlite3.connect(db_file)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(
            f"{source}: the database cannot be read ({exc}); nothing was changed"
        ) from None
    if not ok or ok[0] != "ok":
        raise RestoreError(f"{source}: the database is damaged ({ok}); nothing was changed")
    missing = sorted(_OUR_TABLES - tables)
    if missing:
        raise RestoreError(
            f"{source}: a SQLite database, but not gql-invoke's (no {', '.join(missing)} "
            "table); nothing was changed"
        )
    status = pending.status_from(pending.sqlite_applied(db_file))
    if status.unknown:
        raise RestoreError(
            f"{source}: made by a newer gql-invoke (migration {status.unknown[-1]} is unknown "
            "here): upgrade gql-invoke first; nothing was changed"
        )
    return status


def _stage_archive(source: Path, staged_db: Path, staged_outputs: Path) -> int:
    try:
        return _unpack(source, staged_db, staged_outputs)
    except (tarfile.TarError, EOFError, KeyError, gzip.BadGzipFile, zlib.error) as exc:
        raise RestoreError(
            f"{source}: the archive is damaged or incomplete ({exc}); nothing was changed"
        ) from None


def _unpack(source: Path, staged_db: Path, staged_outputs: Path) -> int:
    with tarfile.open(source, "r:*") as tar:
        manifest = _read_manifest(tar, source)
        if manifest.get("database") != DB_MEMBER:
            raise RestoreError(
                f"{source}: this archive holds no database (made on PostgreSQL: restore the "
                "database with pg_restore, the images with tar); nothing was changed"
            )
        members = tar.getmembers()
        _check_members(members, source)
        db_member = tar.extractfile(DB_MEMBER)
        if db_member is None:
            raise RestoreError(f"{source}: {DB_MEMBER} is not a file; nothing was changed")
        with db_member, staged_db.open("wb") as out:
            shutil.copyfileobj(db_member, out)
        images = [m for m in members if m.name.startswith(OUTPUTS + "/") and m.isfile()]
        staged_outputs.mkdir()
        for member in images:
            member.name = member.name.removeprefix(OUTPUTS + "/")
            tar.extract(member, staged_outputs, filter="data")
    return len(images)


def _read_manifest(tar: tarfile.TarFile, source: Path) -> dict[str, Any]:
    raw = tar.extractfile(MANIFEST)
    try:
        manifest = json.loads(raw.read()) if raw else None
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RestoreError(f"{source}: manifest.json is not a gql-invoke backup's")
    return manifest


def _check_members(members: list[tarfile.TarInfo], source: Path) -> None:
    for m in members:
        name = m.name
        inside = name in (MANIFEST, DB_MEMBER, "database") or name.startswith(OUTPUTS)
        if not inside or name.startswith("/") or ".." in name.split("/"):
            raise RestoreError(f"{source}: unexpected entry {name!r}; nothing was changed")
        if not (m.isfile() or m.isdir()):
            raise RestoreError(f"{source}: {name!r} is not a plain file; nothing was changed")


def _set_aside(target: Path, when: str) -> Path | None:
    """Fold the WAL into the current database, then rename it (and any -wal/-shm left)."""
    if not target.exists():
        return None
    with contextlib.suppress(sqlite3.DatabaseError):
        conn = sqlite3.connect(target)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    aside = target.with_name(f"{target.name}.before-restore-{when}")
    os.replace(target, aside)
    for suffix in ("-wal", "-shm"):
        extra = target.with_name(target.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))
    return aside


def _swap_outputs(outputs: Path, staged: Path, when: str) -> Path | None:
    aside = None
    if outputs.exists():
        aside = outputs.with_name(f"{outputs.name}.before-restore-{when}")
        os.replace(outputs, aside)
    os.replace(staged, outputs)
    return aside
