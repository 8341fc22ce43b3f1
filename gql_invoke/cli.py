"""The gql-invoke command line: serve, user admin, schema export, database, secrets.

User commands act as the built-in system user through the same services as the
GraphQL API, so every rule (password policy, last admin, ...) applies here too.
Every refusal prints one line to stderr and exits non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from gql_invoke import cli_db, logs, root_lock, runtime, serve_checks, serve_cmd, worker_cmd
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.cli_errors import CliError
from gql_invoke.config import ConfigError, Settings, load_settings
from gql_invoke.db import close_db, init_db
from gql_invoke.errors import DomainError
from gql_invoke.services import login_limits, secrets_admin, users
from resolvers.export import render_sdl, schema_path


def _settings(args: argparse.Namespace, **overrides: Any) -> Settings:
    return load_settings(args.root, overrides=overrides)


def _run_with_db(args: argparse.Namespace, work: Callable[[Settings], Awaitable[int]]) -> int:
    async def main() -> int:
        settings = _settings(args)
        runtime.start(settings)
        await init_db(settings.database_url)
        try:
            return await work(settings)
        finally:
            await close_db()
            runtime.stop()

    return asyncio.run(main())


def _system(settings: Settings) -> Actor:
    return system_actor(multiuser=settings.multiuser, ip="cli")


def _prompt(label: str, secret: bool = False, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        raise CliError(f"--{label} is required (no terminal to prompt on)")
    if not secret:
        return input(f"{label}: ").strip()
    value = getpass.getpass(f"{label}: ")
    if confirm and getpass.getpass(f"{label} (again): ") != value:
        raise CliError("the two passwords differ; nothing was changed")
    return value


def _lock_root(settings: Settings) -> Any:
    try:
        return root_lock.acquire(settings)
    except root_lock.AlreadyRunning as exc:
        raise CliError(str(exc)) from None


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args, host=args.host, port=args.port)
    problem = serve_checks.serve_problem(settings, args.processes)
    if problem is not None:
        raise CliError(problem)
    lock = _lock_root(settings)  # noqa: F841 - held (open) for the life of the server
    logs.configure(settings.log_level)
    # The full summary (mode, URLs, models, workers) follows once the server is ready.
    print(f"gql-invoke: starting, root {settings.root}", file=sys.stderr)
    try:
        serve_cmd.serve(settings, args.processes)
    except serve_cmd.ServeError as exc:
        raise CliError(str(exc)) from None
    return 0


def _at_least_one(text: str) -> int:
    value = worker_cmd.cpu_threads_value(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def cmd_worker(args: argparse.Namespace) -> int:
    try:
        return worker_cmd.main(args.root, args.device, args.managed, args.cpu_threads)
    except root_lock.AlreadyRunning as exc:
        raise CliError(str(exc)) from None


def _user_json(user: Any) -> dict[str, Any]:
    return {
        "id": str(user.id),
        "email": user.email,
        "displayName": user.display_name,
        "isAdmin": user.is_admin,
        "isActive": user.is_active,
        "createdAt": user.created_at.isoformat(),
        "lastLoginAt": user.last_login_at.isoformat() if user.last_login_at else None,
    }


def cmd_user_add(args: argparse.Namespace) -> int:
    email = args.email or _prompt("email")
    name = args.name or _prompt("name")
    password = args.password or _prompt("password", secret=True, confirm=True)

    async def work(settings: Settings) -> int:
        user = await users.create_user(_system(settings), email, name, password, args.admin)
        role = "admin" if user.is_admin else "user"
        print(f"created {role} {user.email} ({user.id})")
        return 0

    return _run_with_db(args, work)


def cmd_user_list(args: argparse.Namespace) -> int:
    async def work(settings: Settings) -> int:
        rows = [u for u in await users.list_users(_system(settings)) if not u.is_system]
        if args.json:
            print(json.dumps([_user_json(u) for u in rows], indent=2))
            return 0
        if not rows:
            print("no users yet: add one with `gql-invoke user add --email E --name N --admin`")
        for u in rows:
            flags = ",".join(
                f for f, on in (("admin", u.is_admin), ("inactive", not u.is_active)) if on
            )
            print(f"{u.email:40} {u.display_name:24} {flags}")
        return 0

    return _run_with_db(args, work)


def cmd_user_mod(args: argparse.Namespace) -> int:
    email = args.email or _prompt("email")
    if args.password == "-":
        args.password = _prompt("password", secret=True, confirm=True)

    async def work(settings: Settings) -> int:
        actor = _system(settings)
        user = await users.get_by_email(actor, email)
        user = await users.update_user(
            actor,
            str(user.id),
            display_name=args.name,
            password=args.password,
            is_admin=args.admin,
            is_active=args.active,
        )
        print(f"updated {user.email}")
        return 0

    return _run_with_db(args, work)


def cmd_user_del(args: argparse.Namespace) -> int:
    email = args.email or _prompt("email")
    if not args.force:
        if not sys.stdin.isatty():
            raise CliError("refusing to delete without confirmation: pass --force")
        answer = input(f"Delete {email} and everything they own? Type yes: ")
        if answer.strip() != "yes":
            raise CliError("not confirmed; nothing was deleted")

    async def work(settings: Settings) -> int:
        actor = _system(settings)
        user = await users.get_by_email(actor, email)
        await users.delete_user(actor, str(user.id))
        print(f"deleted {user.email}")
        return 0

    return _run_with_db(args, work)


def cmd_user_unlock(args: argparse.Namespace) -> int:
    email = args.email or _prompt("email")

    async def work(settings: Settings) -> int:
        actor = _system(settings)
        user = await users.get_by_email(actor, email)
        await login_limits.unlock_user(actor, str(user.id))
        # The running server reads the stamp this leaves on the user row.
        print(f"unlocked {user.email}: earlier failed sign-ins no longer count, from any address")
        return 0

    return _run_with_db(args, work)


def cmd_rotate_secret(args: argparse.Namespace) -> int:
    async def work(settings: Settings) -> int:
        done = await secrets_admin.rotate(
            _system(settings), api_tokens=args.api_tokens, image_urls=args.image_urls
        )
        print(
            f"JWT secret replaced: every session has ended ({done.sessions_ended} were open); "
            "users must sign in again"
        )
        if done.api_tokens_revoked is not None:
            print(f"API tokens revoked: {done.api_tokens_revoked}; scripts need new ones")
        if done.image_url_key_replaced:
            print("image URL key replaced: every signed image URL handed out has stopped working")
        return 0

    return _run_with_db(args, work)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    if args.dry_run:
        return cli_db.cmd_upgrade_dry_run(args)

    async def main() -> int:
        settings = _settings(args)
        applied = await init_db(settings.database_url)
        await close_db()
        print("applied: " + ", ".join(applied) if applied else "database is up to date")
        return 0

    return asyncio.run(main())


def cmd_schema(args: argparse.Namespace) -> int:
    target = Path(args.output) if args.output else schema_path()
    sdl = render_sdl()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != sdl:
            raise CliError(f"{target} is stale: run `gql-invoke schema` and commit the result")
        print(f"{target} is up to date")
        return 0
    target.write_text(sdl, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gql-invoke", description=__doc__.splitlines()[0])
    root_parent = argparse.ArgumentParser(add_help=False)
    root_parent.add_argument(
        "--root", help="root folder (default: $GQL_INVOKE_ROOT or ~/gql-invoke)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[root_parent], help="start the server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument(
        "--processes",
        type=int,
        default=1,
        help="API processes on the port (PostgreSQL only; default 1)",
    )
    serve.set_defaults(func=cmd_serve)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_cmd", required=True
    )
    add = user.add_parser("add", parents=[root_parent], help="create a user")
    add.add_argument("--email")
    add.add_argument("--password")
    add.add_argument("--name")
    add.add_argument("--admin", action="store_true")
    add.set_defaults(func=cmd_user_add)
    lst = user.add_parser("list", parents=[root_parent], help="list users")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_user_list)
    mod = user.add_parser("mod", parents=[root_parent], help="change a user")
    mod.add_argument("--email")
    mod.add_argument("--name")
    mod.add_argument(
        "--password", nargs="?", const="-", help="new password (no value: prompt for it)"
    )
    mod.add_argument("--admin", dest="admin", action="store_true", default=None)
    mod.add_argument("--no-admin", dest="admin", action="store_false")
    mod.add_argument("--activate", dest="active", action="store_true", default=None)
    mod.add_argument("--deactivate", dest="active", action="store_false")
    mod.set_defaults(func=cmd_user_mod)
    dele = user.add_parser("del", parents=[root_parent], help="delete a user and their data")
    dele.add_argument("--email")
    dele.add_argument("--force", action="store_true", help="do not ask for confirmation")
    dele.set_defaults(func=cmd_user_del)
    unlock = user.add_parser(
        "unlock", parents=[root_parent], help="clear an account's failed sign-in counters"
    )
    unlock.add_argument("--email")
    unlock.set_defaults(func=cmd_user_unlock)

    worker = sub.add_parser(
        "worker",
        parents=[root_parent],
        help="run one GPU worker that joins the deployment (same config and database)",
    )
    worker.add_argument("--device", help="cpu, mps, cuda or cuda:N (default: the device key)")
    worker.add_argument(
        "--cpu-threads",
        type=_at_least_one,
        metavar="N",
        help="torch threads on the CPU (default: every core; serve gives each of several "
        "cpu workers its share)",
    )
    worker.add_argument("--managed", action="store_true", help=argparse.SUPPRESS)
    worker.set_defaults(func=cmd_worker)

    schema = sub.add_parser("schema", help="write schema/schema.graphql from the code")
    schema.add_argument(
        "--check", action="store_true", help="exit non-zero when the committed file is stale"
    )
    schema.add_argument("--output")
    schema.set_defaults(func=cmd_schema)

    db = sub.add_parser("db", help="database").add_subparsers(dest="db_cmd", required=True)
    upgrade = db.add_parser("upgrade", parents=[root_parent], help="apply pending migrations")
    upgrade.add_argument("--dry-run", action="store_true", help="list them, apply nothing")
    upgrade.set_defaults(func=cmd_db_upgrade)
    backup = db.add_parser("backup", parents=[root_parent], help="copy the database (and images)")
    backup.add_argument("--to", help="file or folder (default: <root>/backups/, UTC time name)")
    backup.add_argument("--with-images", action="store_true", help="one .tar with outputs/")
    backup.set_defaults(func=cli_db.cmd_backup)
    restore = db.add_parser("restore", parents=[root_parent], help="restore a backup (stopped)")
    restore.add_argument("file", help="a backup: a .db file or a --with-images archive")
    restore.set_defaults(func=cli_db.cmd_restore)

    rotate = sub.add_parser(
        "rotate-secret", parents=[root_parent], help="replace the JWT secret (ends every session)"
    )
    rotate.add_argument("--api-tokens", action="store_true", help="also revoke every API token")
    rotate.add_argument(
        "--image-urls",
        action="store_true",
        help="also replace the image URL key (every signed image URL stops working)",
    )
    rotate.set_defaults(func=cmd_rotate_secret)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (CliError, ConfigError) as exc:
        print(f"gql-invoke: error: {exc}", file=sys.stderr)
        return 2
    except DomainError as exc:
        print(f"gql-invoke: error: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("gql-invoke: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
