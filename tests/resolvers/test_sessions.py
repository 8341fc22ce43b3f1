"""sessions and revokeSession through GraphQL: the caller's own signed-in sessions, what is
shown of them, how cheaply last seen is kept, and ending one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from gql_invoke.auth import tokens
from tests.helpers import ADMIN_EMAIL, PASSWORD, Server, count_sql, error_code

SESSIONS = "{ sessions { id createdAt lastSeenAt expiresAt ip userAgent current } }"
REVOKE = "mutation($id: ID!){ revokeSession(id: $id) }"
LOGIN = "mutation($i: LoginInput!){ login(input: $i){ token } }"
ME = "{ me { id } }"


def login_as(server: Server, email: str = ADMIN_EMAIL, agent: str | None = None) -> str:
    headers = {"User-Agent": agent} if agent is not None else None
    body = server.gql(LOGIN, {"i": {"email": email, "password": PASSWORD}}, headers=headers)
    assert not body.get("errors"), body
    return str(body["data"]["login"]["token"])


def sessions(server: Server, token: str) -> list[dict[str, Any]]:
    return list(server.ok(SESSIONS, token=token)["sessions"])


def jti(server: Server, token: str) -> str:
    secret = server.sql("SELECT value FROM app_settings WHERE key='jwt_secret'")[0][0]
    return tokens.decode(secret, token).token_id


def api_token(server: Server, session: str, scopes: list[str]) -> str:
    return str(
        server.ok(
            'mutation($s: [String!]!){ createApiToken(name: "t", scopes: $s){ token } }',
            {"s": scopes},
            session,
        )["createApiToken"]["token"]
    )


class TestSessions:
    def test_lists_the_callers_own_signed_in_sessions_newest_first(self, server: Server) -> None:
        admin = server.setup_admin()
        phone = login_as(server.from_address("10.7.7.7"), agent="Phone/1.0")
        laptop = login_as(server, agent="Laptop/2.0")
        bob_id = server.create_user(admin, "bob@example.local")
        login_as(server, "bob@example.local", agent="Bob/1")
        api_token(server, admin, ["read"])  # API tokens are not sessions
        listed = sessions(server, laptop)
        assert [(s["ip"], s["userAgent"], s["current"]) for s in listed] == [
            ("10.1.2.3", "Laptop/2.0", True),
            ("10.7.7.7", "Phone/1.0", False),
            ("10.1.2.3", "testclient", False),
        ]  # the setup session
        created = [datetime.fromisoformat(s["createdAt"]) for s in listed]
        assert created == sorted(created, reverse=True)
        for s in listed:
            expires = datetime.fromisoformat(s["expiresAt"])
            assert abs(expires - datetime.now(UTC) - timedelta(hours=24)) < timedelta(minutes=1)
            assert s["lastSeenAt"] is not None
        assert [s["current"] for s in sessions(server, phone)] == [False, True, False]
        assert bob_id not in str(listed)

    def test_session_ids_are_opaque_not_the_jwt_jti(self, server: Server) -> None:
        token = server.setup_admin()
        (listed,) = sessions(server, token)
        assert (
            jti(server, token)
            not in server.client.post(
                "/graphql", json={"query": SESSIONS}, headers={"Authorization": f"Bearer {token}"}
            ).text
        )
        assert len(listed["id"]) == 32

    def test_ended_and_expired_sessions_are_not_listed(self, server: Server) -> None:
        current = server.setup_admin()
        gone, old = login_as(server), login_as(server)
        server.ok("mutation { logout }", token=gone)
        server.sql(
            "UPDATE auth_sessions SET expires_at='2000-01-01 00:00:00+00:00' WHERE jti=?",
            (jti(server, old),),
        )
        assert [s["current"] for s in sessions(server, current)] == [True]

    def test_user_agent_is_kept_up_to_255_characters_then_truncated(self, server: Server) -> None:
        server.setup_admin()
        exact = "Bot/1 " + "x" * 249
        login_as(server, agent=exact)
        token = login_as(server, agent=exact + "y")
        newest, at_limit, _ = sessions(server, token)
        assert at_limit["userAgent"] == exact and len(exact) == 255
        assert newest["userAgent"] == exact

    def test_an_api_token_sees_the_sessions_but_none_is_current(self, server: Server) -> None:
        admin = server.setup_admin()
        token = api_token(server, admin, ["read"])
        assert [s["current"] for s in sessions(server, token)] == [False]

    def test_last_seen_is_written_at_most_once_a_minute(
        self, server: Server, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        token = server.setup_admin()
        writes: list[str] = []
        count_sql(
            lambda sql: writes.append(sql) if sql.startswith('UPDATE "auth_sessions"') else None,
            monkeypatch.setattr,
        )
        for _ in range(5):
            server.ok(ME, token=token)
        assert writes == []  # signing in counts as seen
        server.sql("UPDATE auth_sessions SET last_seen_at='2000-01-01 00:00:00+00:00'")
        for _ in range(5):
            server.ok(ME, token=token)
        assert len(writes) == 1
        (listed,) = sessions(server, token)
        seen = datetime.fromisoformat(listed["lastSeenAt"])
        assert datetime.now(UTC) - seen < timedelta(minutes=1)


class TestRevokeSession:
    def test_not_signed_in(self, server: Server) -> None:
        token = server.setup_admin()
        (own,) = sessions(server, token)
        assert error_code(server.gql(REVOKE, {"id": own["id"]})) == "UNAUTHENTICATED"
        assert server.ok(ME, token=token)

    def test_not_allowed_with_a_read_token(self, server: Server) -> None:
        admin = server.setup_admin()
        read = api_token(server, admin, ["read"])
        (own,) = sessions(server, admin)
        body = server.gql(REVOKE, {"id": own["id"]}, read)
        assert error_code(body) == "FORBIDDEN" and "manage" in body["errors"][0]["message"]
        assert server.ok(ME, token=admin)

    def test_another_users_session_and_unknown_ids_are_not_found(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        (bobs,) = sessions(server, bob)
        assert error_code(server.gql(REVOKE, {"id": bobs["id"]}, admin)) == "NOT_FOUND"
        assert error_code(server.gql(REVOKE, {"id": "0" * 32}, admin)) == "NOT_FOUND"
        assert server.ok(ME, token=bob)

    @pytest.mark.parametrize("bad", ["nope", "", "0" * 31, "0" * 33, "g" * 32])
    def test_a_malformed_id_is_bad_input(self, server: Server, bad: str) -> None:
        admin = server.setup_admin()
        body = server.gql(REVOKE, {"id": bad}, admin)
        assert error_code(body) == "BAD_USER_INPUT" and "id" in body["errors"][0]["message"]

    def test_ends_exactly_that_session(self, server: Server) -> None:
        current = server.setup_admin()
        other = login_as(server.from_address("10.7.7.7"))
        target = next(s for s in sessions(server, current) if not s["current"])
        assert server.ok(REVOKE, {"id": target["id"]}, current) == {"revokeSession": True}
        assert error_code(server.gql(ME, token=other)) == "UNAUTHENTICATED"
        assert server.ok(ME, token=current)
        assert error_code(server.gql(REVOKE, {"id": target["id"]}, current)) == "NOT_FOUND"
        log = server.ok('{ auditLog(action: "session_revoked") { targetId } }', token=current)
        assert log["auditLog"] == [{"targetId": target["id"]}]

    def test_a_manage_token_may_end_a_session_and_so_may_the_session_itself(
        self, server: Server
    ) -> None:
        admin = server.setup_admin()
        manage = api_token(server, admin, ["manage"])
        other = login_as(server)
        mine = {s["current"]: s["id"] for s in sessions(server, other)}
        assert server.ok(REVOKE, {"id": mine[False]}, manage)["revokeSession"] is True
        assert error_code(server.gql(ME, token=admin)) == "UNAUTHENTICATED"
        assert server.ok(REVOKE, {"id": mine[True]}, other)["revokeSession"] is True
        assert error_code(server.gql(ME, token=other)) == "UNAUTHENTICATED"
