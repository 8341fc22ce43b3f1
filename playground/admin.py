#!/usr/bin/env python3
"""Manage the users of a remote gql-invoke server over its GraphQL API.

For site admins without shell access to the server: signs in as an admin and
calls the admin mutations. Needs only httpx (pip install httpx).

    export GQLI_URL=https://gpu.example.org/graphql GQLI_EMAIL=admin@example.org
    python playground/admin.py list                     # asks for the admin's password
    python playground/admin.py add bob@example.org --name Bob --user-password 'Correct-Horse-9'
    python playground/admin.py disable bob@example.org
    python playground/admin.py enable bob@example.org
    python playground/admin.py reset-password bob@example.org --user-password 'Another-Horse-8'
    python playground/admin.py promote bob@example.org      # make an admin; demote undoes it
    python playground/admin.py rename bob@example.org --name 'Bob B.'
    python playground/admin.py delete bob@example.org --yes

Options before the command: --url, --email and --password (the admin's) default
to the env vars GQLI_URL, GQLI_EMAIL and GQLI_PASSWORD (not GQL_INVOKE_*: the
server reads those as its own config). GQLI_TOKEN skips the sign-in (e.g. an API
token with the admin scope). With neither password nor token, it asks.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any

import httpx

USER_FIELDS = "id email displayName isAdmin isActive lastLoginAt"


class AdminError(Exception):
    """The server refused; ``code`` is the GraphQL error code (FORBIDDEN, CONFLICT, ...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class AdminClient:
    """The admin operations; ``http`` is any httpx.Client (tests pass a TestClient)."""

    def __init__(self, http: httpx.Client, url: str = "/graphql", token: str | None = None) -> None:
        self.http = http
        self.url = url
        self.token = token

    def call(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = self.http.post(
            self.url, json={"query": query, "variables": variables or {}}, headers=headers
        )
        try:
            body = response.json()
        except ValueError:
            raise AdminError(f"HTTP {response.status_code}", response.text[:200]) from None
        errors = body.get("errors") or []
        if errors:
            first = errors[0]
            raise AdminError(first.get("extensions", {}).get("code", "ERROR"), first["message"])
        if response.status_code != 200 or body.get("data") is None:
            raise AdminError(f"HTTP {response.status_code}", response.text[:200])
        return dict(body["data"])

    def login(self, email: str, password: str) -> str:
        data = self.call(
            "mutation($i: LoginInput!) { login(input: $i) { token } }",
            {"i": {"email": email, "password": password}},
        )
        self.token = str(data["login"]["token"])
        return self.token

    def list_users(self) -> list[dict[str, Any]]:
        return list(self.call(f"{{ users {{ {USER_FIELDS} }} }}")["users"])

    def find(self, email: str) -> dict[str, Any]:
        wanted = email.strip().lower()
        for user in self.list_users():
            if user["email"] == wanted:
                return user
        raise AdminError("NOT_FOUND", f"no user with email {wanted}")

    def add(self, email: str, name: str, password: str, admin: bool = False) -> dict[str, Any]:
        query = f"mutation($i: CreateUserInput!) {{ createUser(input: $i) {{ {USER_FIELDS} }} }}"
        return dict(
            self.call(
                query,
                {
                    "i": {
                        "email": email,
                        "displayName": name,
                        "password": password,
                        "isAdmin": admin,
                    }
                },
            )["createUser"]
        )

    def update(self, email: str, **changes: Any) -> dict[str, Any]:
        query = (
            f"mutation($id: ID!, $i: UpdateUserInput!) "
            f"{{ updateUser(id: $id, input: $i) {{ {USER_FIELDS} }} }}"
        )
        user_id = self.find(email)["id"]
        return dict(self.call(query, {"id": user_id, "i": changes})["updateUser"])

    def disable(self, email: str) -> dict[str, Any]:
        return self.update(email, isActive=False)

    def enable(self, email: str) -> dict[str, Any]:
        return self.update(email, isActive=True)

    def set_admin(self, email: str, admin: bool) -> dict[str, Any]:
        return self.update(email, isAdmin=admin)

    def rename(self, email: str, name: str) -> dict[str, Any]:
        return self.update(email, displayName=name)

    def reset_password(self, email: str, password: str) -> dict[str, Any]:
        return self.update(email, password=password)

    def delete(self, email: str) -> bool:
        user_id = self.find(email)["id"]
        return bool(
            self.call("mutation($id: ID!) { deleteUser(id: $id) }", {"id": user_id})["deleteUser"]
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", default=os.environ.get("GQLI_URL", "http://127.0.0.1:9090/graphql")
    )
    parser.add_argument("--email", default=os.environ.get("GQLI_EMAIL"), help="the admin's email")
    parser.add_argument(
        "--password",
        default=os.environ.get("GQLI_PASSWORD"),
        help="the admin's password (default: $GQLI_PASSWORD, else asked)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list users")
    add = sub.add_parser("add", help="create a user")
    add.add_argument("user_email")
    add.add_argument("--name", required=True)
    add.add_argument("--user-password", "--new-password", dest="user_password", required=True)
    add.add_argument("--admin", action="store_true")
    for name, text in (
        ("disable", "deactivate a user (ends their sessions)"),
        ("enable", "re-activate a user"),
        ("promote", "make a user an admin"),
        ("demote", "take a user's admin rights away"),
    ):
        sub.add_parser(name, help=text).add_argument("user_email")
    rename = sub.add_parser("rename", help="change a user's display name")
    rename.add_argument("user_email")
    rename.add_argument("--name", required=True)
    reset = sub.add_parser("reset-password", help="set a new password (ends their sessions)")
    reset.add_argument("user_email")
    reset.add_argument("--user-password", "--new-password", dest="user_password", required=True)
    delete = sub.add_parser("delete", help="delete a user and everything they own")
    delete.add_argument("user_email")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return parser


NO_TERMINAL = (
    "no password and no terminal to ask for one: set GQLI_PASSWORD (or pass --password), "
    "or GQLI_TOKEN to an admin API token"
)


def _password(args: argparse.Namespace) -> str:
    if args.password:
        return str(args.password)
    if not sys.stdin.isatty():
        raise AdminError("USAGE", NO_TERMINAL)
    try:
        return getpass.getpass(f"password for {args.email}: ")
    except EOFError:
        raise AdminError("USAGE", NO_TERMINAL) from None


def _confirmed(question: str) -> bool:
    if not sys.stdin.isatty():
        raise AdminError("ABORTED", "no terminal to confirm on: pass --yes; nothing was deleted")
    try:
        return input(question).strip() == "yes"
    except EOFError:
        return False


def _delete(args: argparse.Namespace, client: AdminClient) -> bool:
    if not args.yes and not _confirmed(f"Delete {args.user_email} and all they own? Type yes: "):
        raise AdminError("ABORTED", "not confirmed; nothing was deleted")
    return client.delete(args.user_email)


# What each command does, given the parsed arguments and a signed-in client.
COMMANDS: dict[str, Callable[[argparse.Namespace, AdminClient], Any]] = {
    "list": lambda _a, c: c.list_users(),
    "add": lambda a, c: c.add(a.user_email, a.name, a.user_password, a.admin),
    "disable": lambda a, c: c.disable(a.user_email),
    "enable": lambda a, c: c.enable(a.user_email),
    "promote": lambda a, c: c.set_admin(a.user_email, True),
    "demote": lambda a, c: c.set_admin(a.user_email, False),
    "rename": lambda a, c: c.rename(a.user_email, a.name),
    "reset-password": lambda a, c: c.reset_password(a.user_email, a.user_password),
    "delete": _delete,
}


def run(args: argparse.Namespace, client: AdminClient) -> Any:
    """Carry out one command; returns what to print."""
    if client.token is None:
        if not args.email:
            raise AdminError("USAGE", "--email (or GQLI_EMAIL, or GQLI_TOKEN) is required")
        client.login(args.email, _password(args))
    return COMMANDS[args.command](args, client)


def render(result: Any) -> str:
    if isinstance(result, list):
        return "\n".join(
            f"{u['email']:40} {u['displayName']:24} "
            f"{'admin ' if u['isAdmin'] else ''}"
            f"{'' if u['isActive'] else 'disabled'}".rstrip()
            for u in result
        )
    if isinstance(result, dict):
        state = "active" if result["isActive"] else "disabled"
        admin = ", admin" if result["isAdmin"] else ""
        return f"{result['email']} ({result['displayName']}): {state}{admin}"
    return "done" if result else "nothing changed"


def main(argv: list[str] | None = None, http: httpx.Client | None = None) -> int:
    args = build_parser().parse_args(argv)
    own = http is None
    client = AdminClient(http or httpx.Client(timeout=30), args.url, os.environ.get("GQLI_TOKEN"))
    try:
        result = run(args, client)
    except AdminError as exc:
        print(f"admin.py: {exc}", file=sys.stderr)
        return 1
    except httpx.HTTPError as exc:
        print(
            f"admin.py: cannot reach {args.url}: {exc}; is the server running? "
            "Set GQLI_URL (or --url) to its /graphql address",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("admin.py: interrupted", file=sys.stderr)
        return 130
    finally:
        if own:
            client.http.close()
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
