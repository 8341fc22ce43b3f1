"""The command line: user admin against a running server, prompts, refusals, serve."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gql_invoke import cli
from tests.helpers import PASSWORD
from tests.live_server import live_server

CLI = [sys.executable, "-m", "gql_invoke.cli"]
ADMIN = "root@example.local"
AMY = "amy@example.local"


def user_add(
    email: str, name: str, *, password: str | None = PASSWORD, admin: bool = False
) -> list[str]:
    """`user add` with these flags (no --root: each caller places it)."""
    args = ["user", "add", "--email", email, "--name", name]
    if password is not None:
        args += ["--password", password]
    return [*args, "--admin"] if admin else args


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")}
    env.update(
        {
            "GQL_INVOKE_MULTIUSER": "true",
            "GQL_INVOKE_WORKER_ENABLED": "false",
            "GQL_INVOKE_BUILD_DEMO_MODEL": "false",
            **extra,
        }
    )
    return env


def run_cli(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args, "--root", str(root)],
        capture_output=True,
        text=True,
        input=stdin,
        env=child_env(),
        timeout=60,
    )


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Path, httpx.Client]]:
    """`gql-invoke serve` in a child process, multiuser, on a free port."""
    with live_server(tmp_path, multiuser=True) as server:
        yield server.root, server.client


def gql(
    client: httpx.Client,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    return dict(response.json())


def login(client: httpx.Client, email: str, password: str = PASSWORD) -> str:
    body = gql(
        client,
        "mutation($i: LoginInput!){ login(input: $i){ token } }",
        {"i": {"email": email, "password": password}},
    )
    assert not body.get("errors"), body
    return str(body["data"]["login"]["token"])


def code(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], result.stderr


def in_process(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> str:
    """The same CLI without a new interpreter (seconds cheaper); the server still runs apart."""
    capsys.readouterr()
    code_ = cli.main([*args, "--root", str(root)])
    captured = capsys.readouterr()
    assert code_ == 0, captured.err
    return captured.out


def test_user_commands_change_what_the_running_server_sees(
    live: tuple[Path, httpx.Client], capsys: pytest.CaptureFixture[str]
) -> None:
    root, client = live
    me = "{ me { email isAdmin } }"
    status = "{ setupStatus { setupRequired } }"
    assert gql(client, status)["data"]["setupStatus"]["setupRequired"] is True
    assert (root / "gql_invoke.yaml").exists() and (root / "databases" / "gql_invoke.db").exists()

    ok(run_cli(root, *user_add(ADMIN, "Root", admin=True)))
    assert gql(client, status)["data"]["setupStatus"]["setupRequired"] is False
    admin = login(client, ADMIN)
    in_process(capsys, root, *user_add("bob@example.local", "Bob"))
    bob = login(client, "bob@example.local")
    assert gql(client, me, token=bob)["data"]["me"] == {
        "email": "bob@example.local",
        "isAdmin": False,
    }

    # Deactivating ends Bob's session on his very next request.
    ok(run_cli(root, "user", "mod", "--email", "bob@example.local", "--deactivate"))
    assert code(gql(client, me, token=bob)) == "UNAUTHENTICATED"
    listed = json.loads(in_process(capsys, root, "user", "list", "--json"))
    assert {u["email"]: u["isActive"] for u in listed} == {ADMIN: True, "bob@example.local": False}

    in_process(
        capsys,
        root,
        "user",
        "mod",
        "--email",
        "bob@example.local",
        "--activate",
        "--admin",
        "--name",
        "Robert",
        "--password",
        "Another-Horse-8",
    )
    bob = login(client, "bob@example.local", "Another-Horse-8")
    assert gql(client, me, token=bob)["data"]["me"]["isAdmin"] is True

    in_process(capsys, root, "user", "del", "--email", "bob@example.local", "--force")
    assert code(gql(client, me, token=bob)) == "UNAUTHENTICATED"

    # rotate-secret ends every session of the running server.
    assert "JWT secret replaced" in ok(run_cli(root, "rotate-secret"))
    assert code(gql(client, me, token=admin)) == "UNAUTHENTICATED"
    admin = login(client, ADMIN)
    log = gql(client, "{ auditLog(first: 20) { action ip targetId } }", token=admin)
    actions = [e["action"] for e in log["data"]["auditLog"]]
    assert {"secret_rotated", "user_deleted", "user_updated", "user_created"} <= set(actions)
    assert {e["ip"] for e in log["data"]["auditLog"] if e["action"] == "user_created"} == {"cli"}


def test_serve_with_a_bad_config_exits_naming_key_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "gql_invoke.yaml"
    config.write_text("multiuser: true\nprot: 9000\n")
    result = subprocess.run(
        [*CLI, "serve", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
    )
    refused(result, "prot")
    assert str(config) in result.stderr
    config.write_text("port: nine\n")
    cli_refuses(capsys, ["serve", "--root", str(tmp_path)], f"{config}: key 'port'")


class FakeTty:
    """stdin that says it is a terminal and answers input() from a list."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, answers: list[str], secrets: list[str]
    ) -> None:
        monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
        monkeypatch.setattr("builtins.input", lambda _prompt="": answers.pop(0))
        monkeypatch.setattr("getpass.getpass", lambda _prompt="": secrets.pop(0))


def test_missing_email_and_password_are_prompted_on_a_tty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    FakeTty(monkeypatch, [AMY, "Amy"], [PASSWORD, PASSWORD])
    assert cli.main(["user", "add", "--root", str(tmp_path)]) == 0
    assert "created user amy@example.local" in capsys.readouterr().out


def test_password_confirmation_must_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    FakeTty(monkeypatch, [], [PASSWORD, "Other-Horse-9"])
    assert cli.main([*user_add(AMY, "Amy", password=None), "--root", str(tmp_path)]) != 0
    assert "differ" in capsys.readouterr().err
    assert cli.main(["user", "list", "--root", str(tmp_path)]) == 0
    assert AMY not in capsys.readouterr().out


def test_mod_password_without_value_prompts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = str(tmp_path)
    assert cli.main([*user_add(AMY, "Amy"), "--root", root]) == 0
    FakeTty(monkeypatch, [], ["Another-Horse-8", "Another-Horse-8"])
    assert cli.main(["user", "mod", "--root", root, "--email", AMY, "--password"]) == 0


@pytest.mark.parametrize(("answer", "deleted"), [("yes", True), ("y", False), ("", False)])
def test_delete_asks_for_a_typed_yes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    deleted: bool,
) -> None:
    root = str(tmp_path)
    assert cli.main([*user_add(AMY, "Amy"), "--root", root]) == 0
    FakeTty(monkeypatch, [answer], [])
    code_ = cli.main(["user", "del", "--root", root, "--email", AMY])
    assert (code_ == 0) is deleted
    capsys.readouterr()
    cli.main(["user", "list", "--root", root])
    assert (AMY in capsys.readouterr().out) is not deleted


def test_list_plain_and_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tmp_path)
    assert cli.main(["user", "list", "--root", root]) == 0
    assert "no users yet" in capsys.readouterr().out
    assert cli.main(["user", "list", "--root", root, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    cli.main([*user_add(AMY, "Amy", admin=True), "--root", root])
    capsys.readouterr()
    cli.main(["user", "list", "--root", root])
    line = capsys.readouterr().out.strip()
    assert line.startswith(AMY) and "admin" in line


def cli_refuses(capsys: pytest.CaptureFixture[str], args: list[str], text: str) -> None:
    assert cli.main(args) != 0
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], captured.err
    assert lines[0].startswith("gql-invoke: error: ")


def test_refusals_print_one_line_and_exit_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--root", str(tmp_path)]
    assert cli.main([*user_add(ADMIN, "Root", admin=True), *root]) == 0
    capsys.readouterr()
    add = ["user", "add", *root, "--name", "X"]
    cli_refuses(capsys, [*add, "--email", ADMIN.upper(), "--password", PASSWORD], "already exists")
    cli_refuses(
        capsys, [*add, "--email", "x@example.local", "--password", "weak"], "password policy"
    )
    cli_refuses(capsys, [*add, "--email", "bad", "--password", PASSWORD], "email")
    # No terminal (pytest's stdin is not one): no prompt, a clear error instead.
    cli_refuses(capsys, [*add, "--email", "x@example.local"], "--password is required")
    cli_refuses(
        capsys, ["user", "add", *root, "--password", PASSWORD, "--name", "X"], "--email is required"
    )
    cli_refuses(capsys, ["user", "del", *root, "--email", ADMIN], "--force")
    cli_refuses(
        capsys, ["user", "mod", *root, "--email", "nobody@example.local", "--deactivate"], "no user"
    )
    cli_refuses(capsys, ["user", "mod", *root, "--email", ADMIN, "--no-admin"], "last active admin")
    cli_refuses(
        capsys, ["user", "mod", *root, "--email", ADMIN, "--deactivate"], "last active admin"
    )
    cli_refuses(capsys, ["user", "del", *root, "--email", ADMIN, "--force"], "last active admin")


def test_user_unlock_reaches_the_running_server(
    live: tuple[Path, httpx.Client], capsys: pytest.CaptureFixture[str]
) -> None:
    root, client = live
    in_process(capsys, root, *user_add(ADMIN, "Root", admin=True))
    in_process(capsys, root, *user_add("bob@example.local", "Bob"))
    attempt = "mutation($i: LoginInput!){ login(input: $i){ token } }"
    for _ in range(5):  # the default login_max_failures_per_account
        assert code(
            gql(client, attempt, {"i": {"email": "bob@example.local", "password": "Wrong-Horse-9"}})
        ) == ("UNAUTHENTICATED")
    assert (
        code(gql(client, attempt, {"i": {"email": "bob@example.local", "password": PASSWORD}}))
        == "RATE_LIMITED"
    )
    # The server's counters live in its memory; the unlock reaches them through the DB.
    out = in_process(capsys, root, "user", "unlock", "--email", "Bob@Example.local")
    assert "unlocked bob@example.local" in out
    assert login(client, "bob@example.local")
    cli_refuses(
        capsys,
        ["user", "unlock", "--root", str(root), "--email", "nobody@example.local"],
        "no user with email nobody@example.local",
    )
    log = gql(client, '{ auditLog(action: "user_unlocked") { ip } }', token=login(client, ADMIN))
    assert log["data"]["auditLog"] == [{"ip": "cli"}]


async def _store_image(root: Path, owner_id: str) -> str:
    """Store an image in the running server's database and outputs, as its worker would."""
    from gql_invoke import runtime
    from gql_invoke.config import load_settings
    from gql_invoke.db import close_db, init_db
    from tests.image_helpers import store

    settings = load_settings(root)
    runtime.start(settings)
    await init_db(settings.database_url)
    try:
        return await store(owner_id)
    finally:
        await close_db()
        runtime.stop()


def test_rotate_secret_flags_end_api_tokens_and_image_urls(
    live: tuple[Path, httpx.Client], capsys: pytest.CaptureFixture[str]
) -> None:
    root, client = live
    in_process(capsys, root, *user_add(ADMIN, "Root", admin=True))
    admin = login(client, ADMIN)
    me = "{ me { id } }"
    admin_id = gql(client, me, token=admin)["data"]["me"]["id"]
    bot = gql(client, 'mutation { createApiToken(name: "bot") { token } }', token=admin)["data"][
        "createApiToken"
    ]["token"]
    image_id = asyncio.run(_store_image(root, admin_id))
    image = "query($id: ID!){ image(id: $id){ url } }"
    url = gql(client, image, {"id": image_id}, admin)["data"]["image"]["url"]
    assert client.get(url).status_code == 200

    # Plain: sessions end; API tokens and image URLs keep working.
    out = in_process(capsys, root, "rotate-secret")
    assert out.startswith("JWT secret replaced") and "API tokens" not in out
    assert code(gql(client, me, token=admin)) == "UNAUTHENTICATED"
    assert gql(client, me, token=bot)["data"]["me"]["id"] == admin_id
    assert client.get(url).status_code == 200

    out = in_process(capsys, root, "rotate-secret", "--api-tokens", "--image-urls")
    assert "JWT secret replaced" in out
    assert "API tokens revoked: 1" in out and "image URL key replaced" in out
    assert code(gql(client, me, token=bot)) == "UNAUTHENTICATED"
    assert client.get(url).status_code == 403
    admin = login(client, ADMIN)
    fresh = gql(client, image, {"id": image_id}, admin)["data"]["image"]["url"]
    assert fresh != url and client.get(fresh).status_code == 200
