"""The ``gql-invoke`` entry point: what ``serve`` must refuse, before any heavy work.

Importing the CLI pulls in the schema, the ORM and the app (about a second). A busy
port or an exposed single-user server is known from the configuration alone, so
``serve`` checks both first (serve_checks.py) and answers in a fraction of a second.
Then it starts its worker processes, before that second: they spend it importing
torch (worker_pool.spawn_early).
"""

from __future__ import annotations

import argparse
import sys

from gql_invoke.config import ConfigError, Settings, load_settings
from gql_invoke.serve_checks import serve_problem


def _serve_settings(args: list[str]) -> tuple[Settings, int] | None:
    """The settings `serve ARGS` runs with, and its --processes."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--root")
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    parser.add_argument("--processes", type=int, default=1)
    try:
        known, _ = parser.parse_known_args(args)
    except SystemExit:
        return None  # the real parser reports it
    overrides = {k: v for k, v in (("host", known.host), ("port", known.port)) if v is not None}
    try:
        return load_settings(known.root, overrides=overrides), known.processes
    except ConfigError:
        return None  # the CLI reports it, with the same message


def _worker_args(args: list[str]) -> argparse.Namespace | None:
    """`worker`'s options, when they are all known (else the full CLI reports them)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--root")
    parser.add_argument("--device")
    parser.add_argument("--managed", action="store_true")
    parser.add_argument("--cpu-threads")
    try:
        known, unknown = parser.parse_known_args(args)
    except SystemExit:
        return None
    if known.cpu_threads is not None:
        from gql_invoke.worker_cmd import cpu_threads_value  # _worker imports it next

        known.cpu_threads = cpu_threads_value(known.cpu_threads)
        if known.cpu_threads is None:
            return None  # the full CLI says what is wrong
    return None if unknown else known


def _worker(args: argparse.Namespace) -> int:
    from gql_invoke import root_lock, worker_cmd  # the ORM and the task loop, not the schema

    try:
        return worker_cmd.main(args.root, args.device, args.managed, args.cpu_threads)
    except (ConfigError, root_lock.AlreadyRunning) as exc:
        print(f"gql-invoke: error: {exc}", file=sys.stderr)
        return 2


def _spawns_its_workers(settings: Settings, processes: int) -> bool:
    # --processes N starts its workers after preparing the database (serve_cmd.py);
    # an in-memory database keeps the task loop in the server process (lifecycle.py).
    return settings.worker_enabled and processes == 1 and not settings.use_memory_db


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["worker"]:
        worker_args = _worker_args(args[1:])
        if worker_args is not None:
            return _worker(worker_args)
    if args[:1] == ["serve"] and not {"-h", "--help"} & set(args):
        serving = _serve_settings(args[1:])
        problem = serve_problem(*serving) if serving is not None else None
        if problem is not None:
            print(f"gql-invoke: error: {problem}", file=sys.stderr)
            return 2
        if serving is not None and _spawns_its_workers(*serving):
            from gql_invoke import worker_pool

            # Now, not once the app is imported: they import torch meanwhile and open
            # the database when the server says so (worker_pool.py); they exit if it
            # does not start (a root another server owns, say).
            worker_pool.spawn_early(serving[0])
    from gql_invoke import cli  # the schema, the ORM, the app: the heavy part

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
