"""Sign-in limits through GraphQL: setup cannot burn argon2, guesses lock out only the
guessing client, admins unlock accounts, refusals are audited once per window."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from gql_invoke.auth import passwords
from tests.helpers import ADMIN_EMAIL, PASSWORD, Server, error_code

SETUP = "mutation($i: SetupInput!){ setup(input: $i){ token } }"
LOGIN = "mutation($i: LoginInput!){ login(input: $i){ token } }"
UNLOCK = "mutation($id: ID!){ unlockUser(id: $id){ id email } }"
AUDIT = "query($a: String){ auditLog(action: $a){ action ip detail targetId actor { id } } }"
WRONG = "Wrong-Horse-9"
BOB = "bob@example.local"


def setup_body(server: Server, email: str = "late@example.local") -> dict[str, Any]:
    return server.gql(SETUP, {"i": {"email": email, "displayName": "Late", "password": PASSWORD}})


def login_code(server: Server, email: str, password: str = PASSWORD) -> str | None:
    return error_code(server.gql(LOGIN, {"i": {"email": email, "password": password}}))


def audit(server: Server, admin: str, action: str) -> list[dict[str, Any]]:
    return list(server.ok(AUDIT, {"a": action}, admin)["auditLog"])


class TestSetupAfterSetup:
    def test_is_refused_before_any_password_hashing(
        self, server: Server, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        server.setup_admin()
        hashed: list[int] = []
        original = passwords.hash_password

        async def counting(password: str) -> str:
            hashed.append(1)
            return await original(password)

        monkeypatch.setattr(passwords, "hash_password", counting)
        bodies = [setup_body(server) for _ in range(10)]
        assert {error_code(b) for b in bodies} == {"CONFLICT"}
        assert hashed == []

    def test_counts_in_the_per_ip_limit_at_and_past_it(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, login_max_failures_per_ip=3)
        admin = server.setup_admin()  # the successful setup is not counted
        for _ in range(3):
            assert error_code(setup_body(server)) == "CONFLICT"
        body = setup_body(server)
        assert error_code(body) == "RATE_LIMITED"
        assert 0 < body["errors"][0]["extensions"]["retryAfter"] <= 15 * 60
        # Same client, same budget: its sign-ins are refused too; other clients are not.
        assert login_code(server, ADMIN_EMAIL) == "RATE_LIMITED"
        other = server.from_address("10.7.7.7")
        assert error_code(setup_body(other)) == "CONFLICT"
        assert other.login(ADMIN_EMAIL)
        rows = audit(server, admin, "setup_rate_limited")
        assert [(r["ip"], r["detail"]["count"]) for r in rows] == [("10.1.2.3", 1)]

    def test_bad_input_on_a_finished_setup_is_still_a_conflict(self, server: Server) -> None:
        server.setup_admin()
        body = server.gql(SETUP, {"i": {"email": "nope", "displayName": "", "password": "x"}})
        assert error_code(body) == "CONFLICT"


class TestAccountLockout:
    def test_aliased_guesses_lock_out_the_guessing_client_not_the_owner(
        self, server: Server
    ) -> None:
        server.setup_admin()
        aliases = " ".join(
            f'a{i}: login(input: {{email: "{ADMIN_EMAIL}", password: "{WRONG}{i}"}}) {{ token }}'
            for i in range(5)
        )
        body = server.gql(f"mutation {{ {aliases} }}")
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
        assert login_code(server, ADMIN_EMAIL) == "RATE_LIMITED"  # even the right password
        owner = server.from_address("10.7.7.7")
        assert owner.ok(LOGIN, {"i": {"email": ADMIN_EMAIL, "password": PASSWORD}})
        # The owner's success does not hand the guesser a fresh budget.
        assert login_code(server, ADMIN_EMAIL) == "RATE_LIMITED"

    def test_the_per_account_limit_at_and_past_it(self, make_server: Callable[..., Server]) -> None:
        server = make_server(multiuser=True, login_max_failures_per_account=2)
        server.setup_admin()
        assert [login_code(server, ADMIN_EMAIL, WRONG) for _ in range(2)] == [
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
        ]
        assert login_code(server, ADMIN_EMAIL, WRONG) == "RATE_LIMITED"
        assert login_code(server.from_address("10.7.7.7"), ADMIN_EMAIL, WRONG) == (
            "UNAUTHENTICATED"
        )

    def test_the_per_ip_limit_still_spans_accounts_per_client(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, login_max_failures_per_ip=3)
        server.setup_admin()
        for i in range(3):
            assert login_code(server, f"u{i}@example.local") == "UNAUTHENTICATED"
        assert login_code(server, ADMIN_EMAIL) == "RATE_LIMITED"
        assert server.from_address("10.7.7.7").login(ADMIN_EMAIL)


def lock_bob(server: Server, admin: str, times: int = 5) -> str:
    bob = server.create_user(admin, BOB)
    for _ in range(times):
        assert login_code(server, BOB, WRONG) == "UNAUTHENTICATED"
    assert login_code(server, BOB) == "RATE_LIMITED"
    return bob


class TestUnlockUser:
    def test_not_signed_in(self, server: Server) -> None:
        admin = server.setup_admin()
        bob = lock_bob(server, admin)
        assert error_code(server.gql(UNLOCK, {"id": bob})) == "UNAUTHENTICATED"
        assert login_code(server, BOB) == "RATE_LIMITED"

    def test_not_allowed_for_users_or_non_admin_tokens(self, server: Server) -> None:
        admin = server.setup_admin()
        bob = lock_bob(server, admin)
        _, eve = server.user_with_token(admin, "eve@example.local")
        token = server.ok(
            'mutation { createApiToken(name: "t", scopes: ["read", "manage"]) { token } }',
            token=admin,
        )["createApiToken"]["token"]
        for caller in (eve, token):
            assert error_code(server.gql(UNLOCK, {"id": bob}, caller)) == "FORBIDDEN"
        assert login_code(server, BOB) == "RATE_LIMITED"

    def test_bad_and_unknown_ids(self, server: Server) -> None:
        admin = server.setup_admin()
        assert error_code(server.gql(UNLOCK, {"id": "nope"}, admin)) == "BAD_USER_INPUT"
        unknown = {"id": "00000000-0000-0000-0000-0000000000aa"}
        assert error_code(server.gql(UNLOCK, unknown, admin)) == "NOT_FOUND"

    def test_admin_unlocks_every_client_with_a_fresh_budget_and_it_is_audited(
        self, server: Server
    ) -> None:
        admin = server.setup_admin()
        bob = lock_bob(server, admin)
        elsewhere = server.from_address("10.7.7.7")
        for _ in range(5):
            login_code(elsewhere, BOB, WRONG)
        assert login_code(elsewhere, BOB) == "RATE_LIMITED"
        assert server.ok(UNLOCK, {"id": bob}, admin)["unlockUser"] == {"id": bob, "email": BOB}
        assert login_code(elsewhere, BOB) is None
        # The guesser starts again from zero: at the limit, then past it.
        assert [login_code(server, BOB, WRONG) for _ in range(5)] == ["UNAUTHENTICATED"] * 5
        assert login_code(server, BOB) == "RATE_LIMITED"
        (row,) = audit(server, admin, "user_unlocked")
        assert row["targetId"] == bob and row["detail"] == {"email": BOB}
        assert row["actor"] is not None and row["ip"] == "10.1.2.3"

    def test_an_unlock_by_the_cli_in_another_process_is_honoured(self, server: Server) -> None:
        admin = server.setup_admin()
        lock_bob(server, admin)
        # The counters are rows in the database: the CLI's process clears them for all.
        done = subprocess.run(
            [sys.executable, "-m", "gql_invoke.cli", "user", "unlock", "--email", BOB]
            + ["--root", str(server.settings.root)],
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "GQL_INVOKE_MULTIUSER": "true",
                "GQL_INVOKE_WORKER_ENABLED": "false",
            },
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert login_code(server, BOB) is None


class TestRefusalAudit:
    def test_a_flood_of_refused_logins_writes_one_row_with_the_count(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, login_max_failures_per_account=2)
        admin = server.from_address("10.7.7.7").setup_admin()
        for _ in range(2):
            login_code(server, ADMIN_EMAIL, WRONG)
        for _ in range(20):
            assert login_code(server, ADMIN_EMAIL) == "RATE_LIMITED"
        rows = audit(server, admin, "login_rate_limited")
        assert len(rows) == 1
        detail = rows[0]["detail"]
        assert (detail["count"], detail["limit"], detail["email"]) == (20, "account", ADMIN_EMAIL)
        assert rows[0]["ip"] == "10.1.2.3"

    def test_each_limited_client_gets_its_own_row(self, make_server: Callable[..., Server]) -> None:
        server = make_server(multiuser=True, login_max_failures_per_ip=1)
        admin = server.setup_admin()
        clients = [server, server.from_address("10.7.7.7")]
        for client in clients:
            login_code(client, "nobody@example.local")
            for _ in range(3):
                assert login_code(client, f"x{len(clients)}@example.local") == "RATE_LIMITED"
        rows = audit(server, admin, "login_rate_limited")
        assert sorted((r["ip"], r["detail"]["count"], r["detail"]["limit"]) for r in rows) == [
            ("10.1.2.3", 3, "ip"),
            ("10.7.7.7", 3, "ip"),
        ]
