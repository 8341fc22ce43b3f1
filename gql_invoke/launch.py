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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
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
