"""playground/: the example operations are valid, and admin.py manages users end to end."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from graphql import parse, validate

from resolvers.root import build_schema
from tests.helpers import ADMIN_EMAIL, PASSWORD, Server, error_code

PLAYGROUND = Path(__file__).resolve().parents[2] / "playground"
ADMIN_SCRIPT = PLAYGROUND / "admin.py"


def load_admin() -> ModuleType:
    spec = importlib.util.spec_from_file_location("playground_admin", PLAYGROUND / "admin.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


admin = load_admin()


@pytest.mark.parametrize(
    "name", ["setup.graphql", "login.graphql", "me.graphql", "users-admin.graphql"]
)
def test_example_operations_validate_against_the_schema(name: str) -> None:
    document = parse((PLAYGROUND / name).read_text())
    assert validate(build_schema()._schema, document) == []
    assert all(op.name for op in document.definitions)  # type: ignore[attr-defined]


def test_admin_client_manages_users(server: Server) -> None:
    server.setup_admin()
    client = admin.AdminClient(server.client, "/graphql")
    client.login(ADMIN_EMAIL, PASSWORD)
    bob = client.add("Bob@Example.local", "Bob", PASSWORD)
    assert bob["email"] == "bob@example.local" and bob["isActive"]
    assert [u["email"] for u in client.list_users()] == [ADMIN_EMAIL, "bob@example.local"]
    bob_token = server.login("bob@example.local")

    assert client.disable("bob@example.local")["isActive"] is False
    assert error_code(server.gql("{ me { id } }", token=bob_token)) == "UNAUTHENTICATED"
    assert client.enable("bob@example.local")["isActive"] is True
    client.reset_password("bob@example.local", "Another-Horse-8")
    server.login("bob@example.local", "Another-Horse-8")
    assert client.delete("bob@example.local") is True
    assert [u["email"] for u in client.list_users()] == [ADMIN_EMAIL]


def test_admin_client_reports_refusals_with_their_code(server: Server) -> None:
    token = server.setup_admin()
    server.create_user(token, "bob@example.local")
    client = admin.AdminClient(server.client, "/graphql")
    with pytest.raises(admin.AdminError) as exc:
        client.login(ADMIN_EMAIL, "Wrong-Horse-9")
    assert exc.value.code == "UNAUTHENTICATED"
    client.login("bob@example.local", PASSWORD)
    with pytest.raises(admin.AdminError) as exc:
        client.list_users()
    assert exc.value.code == "FORBIDDEN"
    client.login(ADMIN_EMAIL, PASSWORD)
    for call, code in (
        (lambda: client.add(ADMIN_EMAIL, "Dup", PASSWORD), "CONFLICT"),
        (lambda: client.add("x@example.local", "X", "weak"), "BAD_USER_INPUT"),
        (lambda: client.disable(ADMIN_EMAIL), "CONFLICT"),
        (lambda: client.delete("nobody@example.local"), "NOT_FOUND"),
    ):
        with pytest.raises(admin.AdminError) as exc:
            call()
        assert exc.value.code == code


def test_command_line_with_injected_client(
    server: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server.setup_admin()
    monkeypatch.delenv("GQLI_TOKEN", raising=False)
    base = ["--url", "/graphql", "--email", ADMIN_EMAIL, "--password", PASSWORD]
    assert (
        admin.main(
            [
                *base,
                "add",
                "amy@example.local",
                "--name",
                "Amy",
                "--user-password",
                PASSWORD,
                "--admin",
            ],
            http=server.client,
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == "amy@example.local (Amy): active, admin"
    assert admin.main([*base, "disable", "amy@example.local"], http=server.client) == 0
    assert admin.main([*base, "--json", "list"], http=server.client) == 0
    out = capsys.readouterr().out
    assert '"email": "amy@example.local"' in out and '"isActive": false' in out
    assert admin.main([*base, "delete", "amy@example.local", "--yes"], http=server.client) == 0
    assert admin.main([*base, "delete", "amy@example.local", "--yes"], http=server.client) == 1
    assert "NOT_FOUND" in capsys.readouterr().err


def test_command_line_accepts_an_api_token(
    server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = server.setup_admin()
    secret = server.ok(
        'mutation { createApiToken(name: "ops", scopes: ["admin"]) { token } }', token=token
    )["createApiToken"]["token"]
    monkeypatch.setenv("GQLI_TOKEN", secret)
    assert admin.main(["--url", "/graphql", "list"], http=server.client) == 0
    assert ADMIN_EMAIL in capsys.readouterr().out


def test_promote_demote_and_rename(
    server: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = server.setup_admin()
    server.user_with_token(token, "bob@example.local")
    monkeypatch.delenv("GQLI_TOKEN", raising=False)
    base = ["--url", "/graphql", "--email", ADMIN_EMAIL, "--password", PASSWORD]
    assert admin.main([*base, "promote", "bob@example.local"], http=server.client) == 0
    assert capsys.readouterr().out.strip().endswith(": active, admin")
    assert (
        admin.main([*base, "rename", "bob@example.local", "--name", "Bob B."], http=server.client)
        == 0
    )
    assert "(Bob B.)" in capsys.readouterr().out
    assert admin.main([*base, "demote", "bob@example.local"], http=server.client) == 0
    assert capsys.readouterr().out.strip().endswith("(Bob B.): active")
    assert (
        admin.main([*base, "rename", "bob@example.local", "--name", " "], http=server.client) == 1
    )
    assert "BAD_USER_INPUT" in capsys.readouterr().err


def test_without_a_terminal_or_password_it_says_what_to_set() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GQLI_")}
    env["GQLI_EMAIL"] = ADMIN_EMAIL
    done = subprocess.run(
        [sys.executable, str(ADMIN_SCRIPT), "--url", "http://127.0.0.1:9/graphql", "list"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "set GQLI_PASSWORD" in done.stderr and "GQLI_TOKEN" in done.stderr


def test_an_unreachable_server_names_the_url_setting() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GQLI_")}
    done = subprocess.run(
        [sys.executable, str(ADMIN_SCRIPT), "--url", "http://127.0.0.1:9/graphql", "list"],
        capture_output=True,
        text=True,
        env={**env, "GQLI_TOKEN": "x"},
        timeout=60,
    )
    assert done.returncode == 2 and "GQLI_URL" in done.stderr and "Traceback" not in done.stderr
