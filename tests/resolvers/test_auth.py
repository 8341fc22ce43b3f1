"""setupStatus, setup, login, logout, sessions and API tokens through GraphQL."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import bcrypt
import jwt
import pytest

from gql_invoke.auth import tokens
from tests.helpers import ADMIN_EMAIL, PASSWORD, Server, error_code

LOGIN = """mutation($i: LoginInput!) {
  login(input: $i) { token expiresAt user { id email displayName isAdmin stats { boardCount } } }
}"""
SETUP = "mutation($i: SetupInput!){ setup(input: $i){ token expiresAt user { email isAdmin } } }"
ME = "{ me { id email isAdmin } }"


def login_body(
    server: Server, email: str, password: str = PASSWORD, remember_me: bool | None = False
) -> dict[str, Any]:
    return server.gql(
        LOGIN, {"i": {"email": email, "password": password, "rememberMe": remember_me}}
    )


def message(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["message"])


def jwt_secret(server: Server) -> str:
    return str(server.sql("SELECT value FROM app_settings WHERE key='jwt_secret'")[0][0])


def test_setup_then_login_then_me(server: Server) -> None:
    assert server.ok("{ setupStatus { setupRequired multiuserEnabled } }")["setupStatus"] == {
        "setupRequired": True,
        "multiuserEnabled": True,
    }
    server.setup_admin()
    token = server.login(ADMIN_EMAIL.upper())
    me = server.ok("{ me { email isAdmin stats { boardCount } } }", token=token)["me"]
    assert me == {"email": ADMIN_EMAIL, "isAdmin": True, "stats": {"boardCount": 0}}
    assert error_code(server.gql("{ me { id } }")) == "UNAUTHENTICATED"


def test_setup_status_shows_the_password_policy(server: Server) -> None:
    status = server.ok("{ setupStatus { passwordPolicy } }")["setupStatus"]
    assert "8" in status["passwordPolicy"] and "digit" in status["passwordPolicy"]


class TestSingleUserMode:
    def test_no_token_needed_and_acts_as_system_admin(self, single: Server) -> None:
        me = single.ok("{ me { displayName isAdmin isActive } }")["me"]
        assert me == {"displayName": "System", "isAdmin": True, "isActive": True}
        assert single.ok("{ users { id } }")["users"] == []

    def test_setup_status_says_no_setup(self, single: Server) -> None:
        assert single.ok("{ setupStatus { setupRequired multiuserEnabled } }")["setupStatus"] == {
            "setupRequired": False,
            "multiuserEnabled": False,
        }

    def test_login_and_setup_are_forbidden(self, single: Server) -> None:
        for body in (
            login_body(single, ADMIN_EMAIL),
            single.gql(
                SETUP, {"i": {"email": ADMIN_EMAIL, "displayName": "A", "password": PASSWORD}}
            ),
        ):
            assert error_code(body) == "FORBIDDEN"
            assert message(body) == "multiuser mode is disabled"

    def test_a_token_is_ignored(self, single: Server) -> None:
        assert single.ok(ME, token="garbage")["me"]["isAdmin"] is True


class TestSetup:
    def test_returns_a_working_token_and_the_admin(self, server: Server) -> None:
        data = server.ok(
            SETUP,
            {"i": {"email": "Root@Example.local", "displayName": "Root", "password": PASSWORD}},
        )["setup"]
        assert data["user"] == {"email": "root@example.local", "isAdmin": True}
        assert server.ok(ME, token=data["token"])["me"]["isAdmin"] is True
        assert (
            server.ok("{ setupStatus { setupRequired } }")["setupStatus"]["setupRequired"] is False
        )

    def test_second_setup_is_a_conflict(self, server: Server) -> None:
        server.setup_admin()
        body = server.gql(
            SETUP, {"i": {"email": "x@example.local", "displayName": "X", "password": PASSWORD}}
        )
        assert error_code(body) == "CONFLICT"

    @pytest.mark.parametrize(
        ("field", "value", "named"),
        [
            ("email", "nope", "email"),
            ("password", "password", "password"),
            ("displayName", "", "displayName"),
        ],
    )
    def test_bad_input_names_the_field(
        self, server: Server, field: str, value: str, named: str
    ) -> None:
        data = {"email": ADMIN_EMAIL, "displayName": "A", "password": PASSWORD, field: value}
        body = server.gql(SETUP, {"i": data})
        assert error_code(body) == "BAD_USER_INPUT" and named in message(body)
        assert server.ok("{ setupStatus { setupRequired } }")["setupStatus"]["setupRequired"]


@pytest.mark.parametrize(
    "query",
    [
        "{ me { id } }",
        "{ users { id } }",
        "{ apiTokens { id } }",
        "{ auditLog { id } }",
        "mutation { logout }",
        "mutation { logoutEverywhere }",
        'mutation { createApiToken(name: "x") { token } }',
        'mutation { updateMe(input: {displayName: "x"}) { id } }',
        'mutation { deleteUser(id: "00000000-0000-0000-0000-000000000001") }',
        "{ sessions { id } }",
        f'mutation {{ revokeSession(id: "{"0" * 32}") }}',
        'mutation { unlockUser(id: "00000000-0000-0000-0000-000000000001") { id } }',
    ],
)
def test_everything_but_setup_and_login_needs_a_token(server: Server, query: str) -> None:
    server.setup_admin()
    assert error_code(server.gql(query)) == "UNAUTHENTICATED"


class TestLogin:
    def test_payload_shows_the_caller_their_own_email_and_stats(self, server: Server) -> None:
        server.setup_admin()
        data = login_body(server, ADMIN_EMAIL)["data"]["login"]
        assert data["user"]["email"] == ADMIN_EMAIL
        assert data["user"]["stats"] == {"boardCount": 0}

    def test_email_is_case_insensitive(self, server: Server) -> None:
        server.setup_admin()
        assert server.login("ADMIN@EXAMPLE.LOCAL")

    def test_unknown_email_and_wrong_password_look_the_same(self, server: Server) -> None:
        server.setup_admin()
        unknown = login_body(server, "nobody@example.local")
        wrong = login_body(server, ADMIN_EMAIL, "Wrong-Horse-9")
        assert error_code(unknown) == error_code(wrong) == "UNAUTHENTICATED"
        assert message(unknown) == message(wrong)
        assert unknown["data"] is None

    def test_malformed_email_is_bad_input(self, server: Server) -> None:
        body = login_body(server, "not an email")
        assert error_code(body) == "BAD_USER_INPUT" and "email" in message(body)

    def test_disabled_account_with_the_right_password_is_forbidden(self, server: Server) -> None:
        admin = server.setup_admin()
        bob = server.create_user(admin, "bob@example.local")
        server.ok(
            "mutation($id: ID!){ updateUser(id: $id, input: {isActive: false}) { id } }",
            {"id": bob},
            admin,
        )
        body = login_body(server, "bob@example.local")
        assert error_code(body) == "FORBIDDEN" and message(body) == "account is disabled"
        assert error_code(login_body(server, "bob@example.local", "Wrong-Horse-9")) == (
            "UNAUTHENTICATED"
        )

    def test_system_user_cannot_log_in(self, server: Server) -> None:
        server.setup_admin()
        legacy = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        server.sql("UPDATE users SET password_hash=? WHERE is_system=1", (legacy,))
        assert error_code(login_body(server, "system@system.invalid")) == "UNAUTHENTICATED"

    @pytest.mark.parametrize(
        ("remember", "lifetime"),
        [(False, timedelta(hours=24)), (None, timedelta(hours=24)), (True, timedelta(days=7))],
    )
    def test_expiry_follows_remember_me(
        self, server: Server, remember: bool | None, lifetime: timedelta
    ) -> None:
        server.setup_admin()
        data = login_body(server, ADMIN_EMAIL, remember_me=remember)["data"]["login"]
        expires = datetime.fromisoformat(data["expiresAt"])
        assert abs(expires - datetime.now(UTC) - lifetime) < timedelta(minutes=1)
        claims = tokens.decode(jwt_secret(server), data["token"])
        assert claims.expires_at == int(expires.timestamp())

    def test_expiry_hours_and_days_come_from_config(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, jwt_token_expiry_hours=2, jwt_remember_me_days=3)
        server.setup_admin()
        for remember, lifetime in ((False, timedelta(hours=2)), (True, timedelta(days=3))):
            data = login_body(server, ADMIN_EMAIL, remember_me=remember)["data"]["login"]
            expires = datetime.fromisoformat(data["expiresAt"])
            assert abs(expires - datetime.now(UTC) - lifetime) < timedelta(minutes=1)

    def test_legacy_bcrypt_hash_is_accepted_and_upgraded(self, server: Server) -> None:
        admin = server.setup_admin()
        server.create_user(admin, "old@example.local")
        legacy = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        server.sql("UPDATE users SET password_hash=? WHERE email='old@example.local'", (legacy,))
        server.login("old@example.local")
        stored = server.sql("SELECT password_hash FROM users WHERE email='old@example.local'")
        assert stored[0][0].startswith("$argon2id$")
        server.login("old@example.local")


class TestRateLimit:
    def test_account_limit_answers_rate_limited_with_retry_after(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, login_max_failures_per_account=3)
        server.setup_admin()
        for _ in range(3):
            assert error_code(login_body(server, ADMIN_EMAIL, "Wrong-Horse-9")) == (
                "UNAUTHENTICATED"
            )
        body = login_body(server, ADMIN_EMAIL)
        assert error_code(body) == "RATE_LIMITED"
        retry_after = body["errors"][0]["extensions"]["retryAfter"]
        assert isinstance(retry_after, int) and 0 < retry_after <= 15 * 60

    def test_aliased_logins_in_one_request_count_every_attempt(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, login_max_failures_per_account=5)
        server.setup_admin()
        aliases = " ".join(
            f'a{i}: login(input: {{email: "{ADMIN_EMAIL}", password: "Wrong-Horse-{i}"}}) '
            "{ token }"
            for i in range(8)
        )
        body = server.gql(f"mutation {{ {aliases} }}")
        # More attempts than the account has left: the request is refused as a whole
        # (the first failure would end the mutation anyway; all eight are counted).
        assert [e["extensions"]["code"] for e in body["errors"]] == ["RATE_LIMITED"]
        assert body["errors"][0]["extensions"]["retryAfter"] > 0
        assert error_code(login_body(server, ADMIN_EMAIL)) == "RATE_LIMITED"

    def test_aliased_logins_under_the_limit_all_count(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, login_max_failures_per_account=5)
        server.setup_admin()
        aliases = " ".join(f"a{i}: login(input: $i{i}) {{ token }}" for i in range(4))
        variables = " ".join(f"$i{i}: LoginInput!" for i in range(4))
        body = server.gql(
            f"mutation({variables}) {{ {aliases} }}",
            {f"i{i}": {"email": ADMIN_EMAIL, "password": "Wrong-Horse-9"} for i in range(4)},
        )
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
        assert error_code(login_body(server, ADMIN_EMAIL, "Wrong-Horse-9")) == "UNAUTHENTICATED"
        assert error_code(login_body(server, ADMIN_EMAIL)) == "RATE_LIMITED"

    def test_several_good_logins_in_one_request_all_work(self, server: Server) -> None:
        admin = server.setup_admin()
        server.create_user(admin, "bob@example.local")
        body = server.ok(
            'fragment L on Mutation { b: login(input: {email: "bob@example.local", '
            f'password: "{PASSWORD}"}}) {{ token }} }} '
            f'mutation {{ a: login(input: {{email: "{ADMIN_EMAIL}", password: "{PASSWORD}"}}) '
            "{ token } ...L }"
        )
        assert body["a"]["token"] and body["b"]["token"]

    def test_ip_limit_spans_accounts(self, make_server: Callable[..., Server]) -> None:
        server = make_server(multiuser=True, login_max_failures_per_ip=3)
        server.setup_admin()
        for i in range(3):
            assert error_code(login_body(server, f"u{i}@example.local")) == "UNAUTHENTICATED"
        body = login_body(server, ADMIN_EMAIL)
        assert error_code(body) == "RATE_LIMITED"
        assert body["errors"][0]["extensions"]["retryAfter"] > 0


def forged(server: Server, user_id: str, **changes: Any) -> str:
    """A token for ``user_id`` built by hand, optionally broken in one way."""
    secret = changes.pop("secret", None) or jwt_secret(server)
    algorithm = changes.pop("algorithm", "HS256")
    now = int(time.time())
    payload: dict[str, Any] = {
        "sub": user_id,
        "jti": "forged",
        "ver": 0,
        "iat": now,
        "exp": now + 600,
        "iss": tokens.ISSUER,
    }
    payload.update(changes)
    payload = {k: v for k, v in payload.items() if v is not None}
    if algorithm == "none":
        return jwt.encode(payload, None, algorithm="none")
    return jwt.encode(payload, secret, algorithm=algorithm)


class TestTokens:
    @pytest.mark.parametrize(
        "broken",
        [
            {"algorithm": "none"},
            {"algorithm": "HS512"},
            {"secret": tokens.new_secret()},
            {"exp": None},
            {"sub": None},
            {"exp": int(time.time()) - 10},
        ],
    )
    def test_broken_tokens_are_unauthenticated(
        self, server: Server, broken: dict[str, Any]
    ) -> None:
        server.setup_admin()
        user_id = server.sql("SELECT id FROM users WHERE email=?", (ADMIN_EMAIL,))[0][0]
        assert error_code(server.gql(ME, token=forged(server, user_id, **broken))) == (
            "UNAUTHENTICATED"
        )

    def test_token_not_issued_by_the_server_is_refused_even_if_signed(self, server: Server) -> None:
        server.setup_admin()
        user_id = server.sql("SELECT id FROM users WHERE email=?", (ADMIN_EMAIL,))[0][0]
        assert error_code(server.gql(ME, token=forged(server, user_id))) == "UNAUTHENTICATED"

    def test_tampered_payload_is_refused(self, server: Server) -> None:
        token = server.setup_admin()
        header, body, sig = token.split(".")
        flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
        assert error_code(server.gql(ME, token=f"{header}.{flipped}.{sig}")) == "UNAUTHENTICATED"

    def test_expired_session_is_refused(self, server: Server) -> None:
        token = server.setup_admin()
        claims = tokens.decode(jwt_secret(server), token)
        expired = forged(
            server,
            claims.user_id,
            jti=claims.token_id,
            exp=int(time.time()) - 1,
            iat=int(time.time()) - 100,
        )
        body = server.gql(ME, token=expired)
        assert error_code(body) == "UNAUTHENTICATED" and "expired" in message(body)

    def test_header_must_be_a_bearer_token(self, server: Server) -> None:
        token = server.setup_admin()
        body = server.gql(ME, headers={"Authorization": f"Basic {token}"})
        assert error_code(body) == "UNAUTHENTICATED"
        assert server.gql(ME, headers={"Authorization": f"bearer {token}"})["data"]["me"]


class TestSessions:
    def test_logout_revokes_only_that_token(self, server: Server) -> None:
        server.setup_admin()
        one, two = server.login(ADMIN_EMAIL), server.login(ADMIN_EMAIL)
        assert server.ok("mutation { logout }", token=one) == {"logout": True}
        assert error_code(server.gql(ME, token=one)) == "UNAUTHENTICATED"
        assert server.ok(ME, token=two)["me"]

    def test_logout_everywhere_revokes_all(self, server: Server) -> None:
        first = server.setup_admin()
        second = server.login(ADMIN_EMAIL)
        assert server.ok("mutation { logoutEverywhere }", token=second) == {
            "logoutEverywhere": True
        }
        for token in (first, second):
            assert error_code(server.gql(ME, token=token)) == "UNAUTHENTICATED"

    def test_password_change_keeps_current_token_and_ends_the_others(self, server: Server) -> None:
        current = server.setup_admin()
        other = server.login(ADMIN_EMAIL)
        query = "mutation($i: UpdateMeInput!){ updateMe(input: $i) { id } }"
        body = server.gql(query, {"i": {"newPassword": "Another-Horse-8"}}, current)
        assert error_code(body) == "BAD_USER_INPUT" and "currentPassword" in message(body)
        server.ok(
            query, {"i": {"currentPassword": PASSWORD, "newPassword": "Another-Horse-8"}}, current
        )
        assert server.ok(ME, token=current)["me"]
        assert error_code(server.gql(ME, token=other)) == "UNAUTHENTICATED"
        server.login(ADMIN_EMAIL, "Another-Horse-8")

    @pytest.mark.parametrize(
        "change", [{"isActive": False}, {"isAdmin": False}, {"password": "Another-Horse-8"}]
    )
    def test_admin_change_takes_effect_on_the_next_request(
        self, server: Server, change: dict[str, Any]
    ) -> None:
        admin = server.setup_admin()
        bob, bob_token = server.user_with_token(admin, "bob@example.local", is_admin=True)
        assert server.ok("{ users { id } }", token=bob_token)
        server.ok(
            "mutation($id: ID!, $i: UpdateUserInput!){ updateUser(id: $id, input: $i){ id } }",
            {"id": bob, "i": change},
            admin,
        )
        assert error_code(server.gql("{ users { id } }", token=bob_token)) == "UNAUTHENTICATED"

    def test_deleted_user_is_refused_on_the_next_request(self, server: Server) -> None:
        admin = server.setup_admin()
        bob, bob_token = server.user_with_token(admin, "bob@example.local")
        server.ok("mutation($id: ID!){ deleteUser(id: $id) }", {"id": bob}, admin)
        assert error_code(server.gql(ME, token=bob_token)) == "UNAUTHENTICATED"

    def test_rights_are_read_from_the_database_every_request(self, server: Server) -> None:
        admin = server.setup_admin()
        bob, bob_token = server.user_with_token(admin, "bob@example.local")
        assert error_code(server.gql("{ users { id } }", token=bob_token)) == "FORBIDDEN"
        # Promoted behind the server's back (another process): no new token needed.
        server.sql("UPDATE users SET is_admin=1 WHERE id=?", (bob,))
        assert server.ok("{ users { id } }", token=bob_token)
        server.sql("UPDATE users SET is_admin=0 WHERE id=?", (bob,))
        assert error_code(server.gql("{ users { id } }", token=bob_token)) == "FORBIDDEN"

    def test_rotated_secret_ends_every_session(self, server: Server) -> None:
        token = server.setup_admin()
        server.sql("UPDATE app_settings SET value=? WHERE key='jwt_secret'", (tokens.new_secret(),))
        assert error_code(server.gql(ME, token=token)) == "UNAUTHENTICATED"
        assert server.ok(ME, token=server.login(ADMIN_EMAIL))["me"]


CREATE_TOKEN = """mutation($name: String!, $scopes: [String!]!, $days: Int) {
  createApiToken(name: $name, scopes: $scopes, expiresInDays: $days) {
    token apiToken { id name scopes expiresAt lastUsedAt }
  }
}"""


def api_token(
    server: Server, session: str, scopes: list[str], days: int | None = 30
) -> tuple[str, str]:
    data = server.ok(CREATE_TOKEN, {"name": "bot", "scopes": scopes, "days": days}, session)
    return data["createApiToken"]["token"], data["createApiToken"]["apiToken"]["id"]


class TestApiTokens:
    def test_default_scope_is_read_and_expiry_90_days(self, server: Server) -> None:
        admin = server.setup_admin()
        data = server.ok(
            'mutation { createApiToken(name: "x") { token apiToken { scopes expiresAt } } }',
            token=admin,
        )["createApiToken"]
        assert data["apiToken"]["scopes"] == ["read"]
        expires = datetime.fromisoformat(data["apiToken"]["expiresAt"])
        assert abs(expires - datetime.now(UTC) - timedelta(days=90)) < timedelta(minutes=1)
        assert server.ok("{ apiTokens { id scopes } }", token=admin)["apiTokens"][0]["scopes"] == [
            "read"
        ]

    def test_read_only_token_reads_but_cannot_manage(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        secret, _ = api_token(server, bob, ["read"])
        assert server.ok(ME, token=secret)["me"]["email"] == "bob@example.local"
        body = server.gql('mutation { updateMe(input: {displayName: "B"}) { id } }', token=secret)
        assert error_code(body) == "FORBIDDEN" and "manage" in message(body)
        write, _ = api_token(server, bob, ["manage"])
        assert (
            server.ok(
                'mutation { updateMe(input: {displayName: "B"}) { displayName } }', token=write
            )["updateMe"]["displayName"]
            == "B"
        )

    def test_admin_scope_only_for_admins(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        body = server.gql(CREATE_TOKEN, {"name": "x", "scopes": ["admin"]}, bob)
        assert error_code(body) == "FORBIDDEN"
        admin_secret, _ = api_token(server, admin, ["admin"])
        assert server.ok("{ users { id } }", token=admin_secret)["users"]
        plain, _ = api_token(server, admin, ["read"])
        assert error_code(server.gql("{ users { id } }", token=plain)) == "FORBIDDEN"

    def test_bad_scopes_are_bad_input(self, server: Server) -> None:
        admin = server.setup_admin()
        body = server.gql(CREATE_TOKEN, {"name": "x", "scopes": ["sudo"]}, admin)
        assert error_code(body) == "BAD_USER_INPUT" and "scopes" in message(body)

    def test_revoked_and_expired_tokens_are_refused(self, server: Server) -> None:
        admin = server.setup_admin()
        secret, token_id = api_token(server, admin, ["read"])
        assert server.ok(
            "mutation($id: ID!){ revokeApiToken(id: $id) }", {"id": token_id}, admin
        ) == {"revokeApiToken": True}
        assert error_code(server.gql(ME, token=secret)) == "UNAUTHENTICATED"
        old, old_id = api_token(server, admin, ["read"])
        server.sql(
            "UPDATE api_tokens SET expires_at='2000-01-01 00:00:00+00:00' WHERE id=?", (old_id,)
        )
        assert error_code(server.gql(ME, token=old)) == "UNAUTHENTICATED"

    def test_cannot_revoke_someone_elses_token(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        _, eve = server.user_with_token(admin, "eve@example.local")
        _, token_id = api_token(server, bob, ["read"])
        revoke = "mutation($id: ID!){ revokeApiToken(id: $id) }"
        # Someone else's token is as absent as a missing one: its id confirms nothing.
        assert error_code(server.gql(revoke, {"id": token_id}, eve)) == "NOT_FOUND"
        assert error_code(server.gql(revoke, {"id": token_id})) == "UNAUTHENTICATED"
        assert error_code(server.gql(revoke, {"id": "bad"}, eve)) == "BAD_USER_INPUT"
        assert server.ok(revoke, {"id": token_id}, admin)["revokeApiToken"] is True
        assert error_code(server.gql(revoke, {"id": token_id}, bob)) == "NOT_FOUND"

    def test_last_used_is_recorded(self, server: Server) -> None:
        admin = server.setup_admin()
        secret, _ = api_token(server, admin, ["read"])
        server.ok(ME, token=secret)
        assert server.ok("{ apiTokens { lastUsedAt } }", token=admin)["apiTokens"][0]["lastUsedAt"]

    def test_api_token_cannot_mint_tokens(self, server: Server) -> None:
        admin = server.setup_admin()
        secret, _ = api_token(server, admin, ["admin"])
        assert (
            error_code(server.gql(CREATE_TOKEN, {"name": "y", "scopes": ["read"]}, secret))
            == "FORBIDDEN"
        )


class TestTokenScopes:
    """A read-scope token (a script's) cannot end its owner's sign-ins or tokens."""

    @pytest.mark.parametrize(
        "mutation",
        [
            "mutation { logoutEverywhere }",
            "mutation($id: ID!) { revokeApiToken(id: $id) }",
            f'mutation {{ revokeSession(id: "{"0" * 32}") }}',
            'mutation { createApiToken(name: "more") { token } }',
            'mutation { updateMe(input: {displayName: "Mallory"}) { id } }',
        ],
    )
    def test_a_read_token_cannot_manage_sign_ins_or_tokens(
        self, server: Server, mutation: str
    ) -> None:
        admin = server.setup_admin()
        read, _ = api_token(server, admin, ["read", "generate"])
        _, other_id = api_token(server, admin, ["read"])
        body = server.gql(mutation, {"id": other_id} if "$id" in mutation else None, read)
        assert error_code(body) == "FORBIDDEN" and "manage" in message(body)
        assert server.ok(ME, token=admin)["me"]["email"] == ADMIN_EMAIL
        assert len(server.ok("{ apiTokens { id } }", token=admin)["apiTokens"]) == 2
        assert server.ok("{ me { displayName } }", token=admin)["me"]["displayName"] == "Admin"

    def test_a_manage_token_may(self, server: Server) -> None:
        admin = server.setup_admin()
        manage, _ = api_token(server, admin, ["manage"])
        _, other_id = api_token(server, admin, ["read"])
        assert server.ok(
            "mutation($id: ID!){ revokeApiToken(id: $id) }", {"id": other_id}, manage
        ) == {"revokeApiToken": True}
        assert server.ok("mutation { logoutEverywhere }", token=manage) == {
            "logoutEverywhere": True
        }
        assert error_code(server.gql(ME, token=admin)) == "UNAUTHENTICATED"

    def test_a_read_token_may_log_itself_out_only(self, server: Server) -> None:
        admin = server.setup_admin()
        read, _ = api_token(server, admin, ["read"])
        assert server.ok("mutation { logout }", token=read) == {"logout": True}
        assert error_code(server.gql(ME, token=read)) == "UNAUTHENTICATED"
        assert server.ok(ME, token=admin)
