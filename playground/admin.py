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
    ):
        sub.add_parser(name, help=text).add_argument("user_email")
    reset = sub.add_parser("reset-password", help="set a new password (ends their sessions)")
    reset.add_argument("user_email")
    reset.add_argument("--user-password", "--new-password", dest="user_password", required=True)
    delete = sub.add_parser("delete", help="delete a user and everything they own")
    delete.add_argument("user_email")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return parser


def run(args: argparse.Namespace, client: AdminClient) -> Any:
    """Carry out one command; returns what to print."""
    if client.token is None:
        if not args.email:
            raise AdminError("USAGE", "--email (or GQLI_EMAIL, or GQLI_TOKEN) is required")
        password = args.password or getpass.getpass(f"password for {args.email}: ")
        client.login(args.email, password)
    if args.command == "list":
        return client.list_users()
    if args.command == "add":
        return client.add(args.user_email, args.name, args.user_password, args.admin)
    if args.command == "disable":
        return client.disable(args.user_email)
    if args.command == "enable":
        return client.enable(args.user_email)
    if args.command == "reset-password":
        return client.reset_password(args.user_email, args.user_password)
    if args.command == "delete":
        if (
            not args.yes
            and input(f"Delete {args.user_email} and all they own? Type yes: ").strip() != "yes"
        ):
            raise AdminError("ABORTED", "not confirmed; nothing was deleted")
        return client.delete(args.user_email)
    raise AdminError("USAGE", f"unknown command {args.command}")  # pragma: no cover


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
        return f"{result['email']}: {state}{', admin' if result['isAdmin'] else ''}"
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
        print(f"admin.py: cannot reach {args.url}: {exc}", file=sys.stderr)
        return 2
    finally:
        if own:
            client.http.close()
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
