"""`gql-invoke db backup | restore | upgrade --dry-run`: the commands, not the work.

The work is backup.py, restore.py and db/pending.py; this module reads the flags,
picks the default file names, prints what was done and turns their refusals into
CliError lines that say what to do next (cli.main prints them, exit 2).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from pathlib import Path

import asyncpg

from gql_invoke import backup, restore
from gql_invoke.cli_errors import CliError
from gql_invoke.config import Settings, load_settings
from gql_invoke.db import pending


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.root)


def cmd_backup(args: argparse.Namespace) -> int:
    settings = _settings(args)
    dest = _destination(settings, args.to, args.with_images)
    if backup.is_postgres(settings):
        return _backup_postgres(settings, dest, args.with_images)
    try:
        done = backup.backup(settings, dest, with_images=args.with_images)
    except backup.BackupError as exc:
        raise CliError(str(exc)) from None
    except (OSError, sqlite3.Error) as exc:
        raise CliError(f"could not write {dest}: {exc}; nothing was left under that name") from None
    what = f"database {_mb(done.database_bytes)}, schema {done.schema_version or 'none'}"
    if args.with_images:
        what += f", {done.image_files} image files ({_mb(done.image_bytes)})"
    print(f"backup written: {done.path} ({what})")
    if done.missing_files:
        print(f"note: {done.missing_files} files were deleted while the backup ran")
    return 0


def _destination(settings: Settings, to: str | None, with_images: bool) -> Path:
    """--to FILE as given; --to DIR (an existing folder): the timestamped name in it."""
    default = backup.default_path(settings, with_images)
    if not to:
        return default
    dest = Path(to).expanduser().resolve()
    return dest / default.name if dest.is_dir() else dest


def _backup_postgres(settings: Settings, dest: Path, with_images: bool) -> int:
    dump = backup.default_path(settings, False).with_suffix(".dump")
    command = backup.pg_dump_command(settings.database_url, dump)
    if not with_images:
        raise CliError(
            "the database is PostgreSQL: this command does not dump it; run "
            f"`{command}` (password from PGPASSWORD or ~/.pgpass), and "
            "`gql-invoke db backup --with-images` for the images"
        )
    done = backup.images_only(settings, dest)
    print(
        f"images archived: {done.path} ({done.image_files} files, {_mb(done.image_bytes)}); "
        "the database is NOT in it (PostgreSQL)"
    )
    print(f"dump the database with: {command}", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if backup.is_postgres(settings):
        raise CliError(
            "the database is PostgreSQL: restore it with `pg_restore --clean --if-exists "
            "--dbname=URL FILE.dump` while the servers are stopped; an archive's images with "
            f"`tar -xf ARCHIVE -C {settings.root} outputs`"
        )
    source = Path(args.file).expanduser().resolve()
    try:
        done = restore.restore(settings, source)
    except (restore.RestoreError, backup.BackupError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        # Past validation: say where things stand (the swap renames, it never deletes).
        raise CliError(
            f"restore stopped: {exc}; the database and images kept aside (if any) are "
            f"next to them in {settings.root}, as *.before-restore-*"
        ) from None
    print(f"restored {source} (schema {done.schema_version or 'none'})")
    if done.database_aside:
        print(f"the previous database is kept as {done.database_aside}")
    if done.images_restored is None:
        print(f"images: the file holds none; {settings.outputs_dir} was left as it is")
    else:
        print(f"images: {done.images_restored} files restored into {settings.outputs_dir}")
        if done.outputs_aside:
            print(f"the previous images are kept in {done.outputs_aside}")
    if done.pending:
        print(f"{len(done.pending)} migrations are pending: the server applies them at start")
    print("delete what was kept aside once the restored server looks right")
    return 0


def cmd_upgrade_dry_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    url = settings.database_url
    if backup.is_postgres(settings):
        try:
            applied = asyncio.run(pending.postgres_applied(url))
        except (OSError, asyncpg.PostgresError) as exc:
            raise CliError(f"cannot read the PostgreSQL database of db_url: {exc}") from None
        where = "the PostgreSQL database"
    else:
        try:
            db_file = backup.sqlite_file(settings)
        except backup.BackupError as exc:
            raise CliError(str(exc)) from None
        applied = pending.sqlite_applied(db_file)
        where = str(db_file) if db_file.exists() else f"{db_file} (not created yet)"
    status = pending.status_from(applied)
    if status.unknown:
        print(f"applied but unknown to this release (a newer one): {', '.join(status.unknown)}")
    if not status.pending:
        print(f"{where}: up to date, nothing to apply")
        return 0
    print(f"{where}: {len(status.pending)} pending (`gql-invoke db upgrade` applies them):")
    for name in status.pending:
        print(f"  {name}")
    return 0
