"""schema/schema.graphql is the generated snapshot of what is served; it must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gql_invoke import cli
from resolvers.export import render_sdl, schema_path

# The next contract: it re-types storageBytes/maxStorageBytes as Long ([breadth], built).
CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "api-contract-next.graphql"


def test_committed_snapshot_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["schema", "--check"])
    assert code == 0, (
        "schema/schema.graphql is stale: run `.venv/bin/gql-invoke schema` and commit it\n"
        + capsys.readouterr().err
    )


def test_check_fails_on_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: Int }\n")
    assert cli.main(["schema", "--check", "--output", str(stale)]) != 0
    assert "stale" in capsys.readouterr().err
    assert cli.main(["schema", "--output", str(stale)]) == 0
    assert stale.read_text() == render_sdl()
    assert cli.main(["schema", "--check", "--output", str(stale)]) == 0


def test_console_script_checks_too(tmp_path: Path) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "gql_invoke.cli", "schema", "--check", "--output", str(stale)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "stale" in result.stderr


def test_snapshot_lives_in_the_schema_package() -> None:
    assert schema_path().name == "schema.graphql" and schema_path().parent.name == "schema"


def test_auth_and_user_fields_match_the_contract() -> None:
    from graphql import build_schema as parse_sdl

    contract = parse_sdl(CONTRACT.read_text())
    served = parse_sdl(render_sdl())
    for type_name in (
        "SetupStatus",
        "User",
        "UserStats",
        "AuthPayload",
        "ApiToken",
        "NewApiToken",
        "Quota",
        "AuditEvent",
        "SetupInput",
        "LoginInput",
        "CreateUserInput",
        "UpdateUserInput",
        "UpdateMeInput",
    ):
        wanted = contract.type_map[type_name].fields  # type: ignore[attr-defined]
        have = served.type_map[type_name].fields  # type: ignore[attr-defined]
        for name, field in wanted.items():
            assert name in have, f"{type_name}.{name} missing"
            assert str(have[name].type) == str(field.type), f"{type_name}.{name}"
    for root, names in (
        ("Query", ("setupStatus", "me", "users", "user", "apiTokens", "auditLog")),
        (
            "Mutation",
            (
                "setup",
                "login",
                "logout",
                "logoutEverywhere",
                "createApiToken",
                "revokeApiToken",
                "updateMe",
                "createUser",
                "updateUser",
                "setQuota",
                "deleteUser",
            ),
        ),
    ):
        for name in names:
            want = contract.type_map[root].fields[name]  # type: ignore[attr-defined]
            have = served.type_map[root].fields[name]  # type: ignore[attr-defined]
            assert str(have.type) == str(want.type), f"{root}.{name}"
            assert {a: str(t.type) for a, t in have.args.items()} == {
                a: str(t.type) for a, t in want.args.items()
            }, f"{root}.{name} arguments"
