"""`gql-invoke db backup`: a consistent copy of a root while its server runs.

Copying `gql_invoke.db` with cp while the server writes can tear a page or miss what
still sits in the WAL; SQLite's online backup API copies one snapshot (one step, a
read transaction: WAL lets the server keep writing meanwhile). The copy is switched to
a rollback journal so the backup is a single self-contained file.

With images the result is one tar archive (restore.py reads it back):

    manifest.json              FORMAT, versions, created-at, schema migration, counts
    database/gql_invoke.db     the snapshot (absent on PostgreSQL: pg_dump's job)
    outputs/...                the PNGs and thumbnails, as under <root>/outputs

The database is copied first and the files after it, so every row in the copy has its
files unless the image was deleted meanwhile (then it is missing, and counted); files
added meanwhile are harmless orphans. Everything is written to `<dest>.part` and
renamed at the end, so a cron job never leaves a half backup under the final name.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from gql_invoke.config import Settings
from gql_invoke.db import pending
from gql_invoke.progress import Progress

FORMAT = "gql-invoke-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = "database/gql_invoke.db"
OUTPUTS = "outputs"
# image_files.py writes ".tmp-*.part" and renames: those are never finished images.
_TEMP_PREFIX = ".tmp-"


class BackupError(Exception):
    """The backup cannot be made as asked; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    schema_version: str | None
    database_bytes: int
    image_files: int = 0
    image_bytes: int = 0
    missing_files: int = 0  # listed, then gone before they were read (deleted meanwhile)


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def is_postgres(settings: Settings) -> bool:
    return settings.database_url.startswith("postgres")


def sqlite_file(settings: Settings) -> Path:
    """The root's SQLite file; BackupError for an in-memory or PostgreSQL database."""
    url = settings.database_url
    if settings.use_memory_db or ":memory:" in url:
        raise BackupError("use_memory_db is set: an in-memory database has nothing to back up")
    if not url.startswith("sqlite://"):
        raise BackupError(f"db_url {url.split('://', 1)[0]}://... is not SQLite")
    return Path(url.removeprefix("sqlite://").split("?", 1)[0])


def default_path(settings: Settings, with_images: bool, now: datetime | None = None) -> Path:
    suffix = ".tar" if with_images else ".db"
    return settings.root / "backups" / f"gql_invoke-{stamp(now)}{suffix}"


def pg_dump_command(db_url: str, dest: Path) -> str:
    """The pg_dump line for this db_url: custom format (pg_restore reads it), without the
    Tortoise-only query parameters and without the password (PGPASSWORD or ~/.pgpass)."""
    parts = urlsplit(db_url.split("?", 1)[0])
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        netloc = userinfo.split(":", 1)[0] + "@" + host
    url = urlunsplit(("postgresql", netloc, parts.path, "", ""))
    return f"pg_dump --format=custom --file='{dest}' '{url}'"


def copy_database(source: Path, dest: Path) -> None:
    """One consistent snapshot of ``source`` into the new file ``dest``."""
    if not source.exists():
        raise BackupError(
            f"no database at {source} yet: start the server once or run `gql-invoke db upgrade`"
        )
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)  # pages=-1: the whole file in one step, one snapshot
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def schema_version(db_file: Path) -> str | None:
    applied = pending.sqlite_applied(db_file)
    return applied[-1] if applied else None


def backup(settings: Settings, dest: Path, *, with_images: bool) -> BackupResult:
    """Write the backup of ``settings.root`` to ``dest`` (SQLite only)."""
    source = sqlite_file(settings)
    part = _part(dest)
    try:
        if not with_images:
            copy_database(source, part)
            result = BackupResult(dest, schema_version(part), part.stat().st_size)
        else:
            with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
                snapshot = Path(tmp) / "gql_invoke.db"
                copy_database(source, snapshot)
                result = write_archive(settings, part, dest, snapshot)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return result


def _part(dest: Path) -> Path:
    """An empty ``<dest>.part`` readable by its owner only: a backup holds the JWT secret,
    the image URL key and every password hash, like the database itself."""
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return part


def images_only(settings: Settings, dest: Path) -> BackupResult:
    """PostgreSQL: the archive without the database (pg_dump copies that)."""
    part = _part(dest)
    try:
        result = write_archive(settings, part, dest, None)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return result


def list_outputs(outputs: Path) -> list[tuple[Path, int]]:
    """Every finished file under outputs/, with its size, in a stable order."""
    found: list[tuple[Path, int]] = []
    if not outputs.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(outputs):
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith(_TEMP_PREFIX):
                continue
            path = Path(dirpath) / name
            try:
                found.append((path, path.stat().st_size))
            except FileNotFoundError:
                continue
    return found


def _open_tar(part: Path, dest: Path) -> tarfile.TarFile:
    # PNGs barely compress: plain tar unless the name asks for gzip.
    if dest.name.endswith((".tar.gz", ".tgz")):
        return tarfile.open(part, "w:gz")
    return tarfile.open(part, "w")


def _manifest(snapshot: Path | None, files: int, size: int) -> dict[str, object]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "gql_invoke_version": metadata.version("gql-invoke"),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_version": schema_version(snapshot) if snapshot else None,
        "database": DB_MEMBER if snapshot else None,
        "images": {"files": files, "bytes": size},
    }


def write_archive(
    settings: Settings, part: Path, dest: Path, snapshot: Path | None
) -> BackupResult:
    outputs = settings.outputs_dir
    files = list_outputs(outputs)
    total = sum(size for _, size in files)
    manifest = _manifest(snapshot, len(files), total)
    db_bytes = snapshot.stat().st_size if snapshot else 0
    missing = 0
    progress = Progress("images", len(files), total)
    with _open_tar(part, dest) as tar:
        data = json.dumps(manifest, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
        tar.addfile(info, io.BytesIO(data))
        if snapshot:
            tar.add(snapshot, arcname=DB_MEMBER)
        for path, size in files:
            try:
                tar.add(path, arcname=f"{OUTPUTS}/{path.relative_to(outputs).as_posix()}")
            except FileNotFoundError:
                missing += 1
            progress.advance(size)
        progress.finish()
    version = manifest["schema_version"]
    return BackupResult(
        dest,
        version if isinstance(version, str) else None,
        db_bytes,
        len(files) - missing,
        total,
        missing,
    )
