"""The ``gql-invoke`` entry point: what ``serve`` must refuse, before any heavy work.

Importing the CLI pulls in the schema, the ORM and the app (about a second). A busy
port or an exposed single-user server is known from the configuration alone, so
``serve`` checks both first (serve_checks.py) and answers in a fraction of a second.
"""

from __future__ import annotations

import argparse
import sys

from gql_invoke.config import ConfigError, Settings, load_settings
from gql_invoke.serve_checks import serve_problem


def _serve_settings(args: list[str]) -> Settings | None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--root")
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    try:
        known, _ = parser.parse_known_args(args)
    except SystemExit:
        return None  # the real parser reports it
    overrides = {k: v for k, v in (("host", known.host), ("port", known.port)) if v is not None}
    try:
        return load_settings(known.root, overrides=overrides)
    except ConfigError:
        return None  # the CLI reports it, with the same message


def _worker_args(args: list[str]) -> argparse.Namespace | None:
    """`worker`'s options, when they are all known (else the full CLI reports them)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--root")
    parser.add_argument("--device")
    parser.add_argument("--managed", action="store_true")
    try:
        known, unknown = parser.parse_known_args(args)
    except SystemExit:
        return None
    return None if unknown else known


def _worker(args: argparse.Namespace) -> int:
    from gql_invoke import root_lock, worker_cmd  # the ORM and the task loop, not the schema

    try:
        return worker_cmd.main(args.root, args.device, args.managed)
    except (ConfigError, root_lock.AlreadyRunning) as exc:
        print(f"gql-invoke: error: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["worker"]:
        worker_args = _worker_args(args[1:])
        if worker_args is not None:
            return _worker(worker_args)
    if args[:1] == ["serve"] and not {"-h", "--help"} & set(args):
        settings = _serve_settings(args[1:])
        problem = serve_problem(settings) if settings is not None else None
        if problem is not None:
            print(f"gql-invoke: error: {problem}", file=sys.stderr)
            return 2
    from gql_invoke import cli  # the schema, the ORM, the app: the heavy part

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
