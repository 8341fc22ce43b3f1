"""The audit log: what is recorded, and auditLog paging (admin only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.helpers import ADMIN_EMAIL, PASSWORD, Server, error_code

LOG = """query($first: Int, $after: String, $actorId: ID, $action: String) {
  auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {
    id cursor at action targetType targetId detail ip actor { id email }
  }
}"""


def events(server: Server, token: str, **variables: Any) -> list[dict[str, Any]]:
    return list(server.ok(LOG, variables, token)["auditLog"])


def by_action(rows: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["action"] == action]


def test_sign_in_and_user_management_are_recorded_with_actor_target_time_and_ip(
    server: Server,
) -> None:
    admin = server.setup_admin()
    admin_id = server.ok("{ me { id } }", token=admin)["me"]["id"]
    bad = server.gql(
        'mutation { login(input: {email: "admin@example.local", '
        'password: "Wrong-Horse-9"}) { token } }'
    )
    assert error_code(bad) == "UNAUTHENTICATED"
    server.login(ADMIN_EMAIL)
    bob = server.create_user(admin, "bob@example.local")
    server.ok(
        'mutation($id: ID!){ updateUser(id: $id, input: {displayName: "B"}) { id } }',
        {"id": bob},
        admin,
    )
    server.ok("mutation($id: ID!){ deleteUser(id: $id) }", {"id": bob}, admin)

    rows = events(server, admin)
    actions = [r["action"] for r in rows]
    assert actions[:6] == [
        "user_deleted",
        "user_updated",
        "user_created",
        "login",
        "login_failed",
        "setup",
    ]
    now = datetime.now(UTC)
    for row in rows[:6]:
        assert row["ip"] == "10.1.2.3"
        assert abs(datetime.fromisoformat(row["at"]) - now) < timedelta(minutes=1)
        assert row["targetType"] == "user"
    for action in ("setup", "login", "user_created", "user_updated", "user_deleted"):
        assert by_action(rows, action)[0]["actor"] == {"id": admin_id, "email": ADMIN_EMAIL}
    assert by_action(rows, "login_failed")[0]["actor"] is None
    assert by_action(rows, "login_failed")[0]["targetId"] == admin_id
    assert by_action(rows, "user_created")[0]["targetId"] == bob
    assert by_action(rows, "user_updated")[0]["detail"] == {"displayName": "B"}
    assert by_action(rows, "user_deleted")[0]["detail"] == {"email": "bob@example.local"}


def test_failed_login_of_unknown_email_is_recorded_without_target(server: Server) -> None:
    admin = server.setup_admin()
    server.gql('mutation { login(input: {email: "ghost@example.local", password: "x"}) { token } }')
    row = events(server, admin, action="login_failed")[0]
    assert row["targetId"] is None and row["detail"] == {"email": "ghost@example.local"}


def test_paging_with_cursor_or_id_walks_every_event_once(server: Server) -> None:
    admin = server.setup_admin()
    for i in range(7):
        server.create_user(admin, f"u{i}@example.local")
    everything = events(server, admin, first=100)
    assert len(everything) == 8
    for key in ("cursor", "id"):
        seen: list[str] = []
        after = None
        while True:
            page = events(server, admin, first=3, after=after)
            if not page:
                break
            seen += [r["id"] for r in page]
            after = page[-1][key]
        assert seen == [r["id"] for r in everything], key


def test_filters_by_actor_and_action(server: Server) -> None:
    admin = server.setup_admin()
    admin_id = server.ok("{ me { id } }", token=admin)["me"]["id"]
    server.create_user(admin, "bob@example.local")
    server.login("bob@example.local")
    assert [r["action"] for r in events(server, admin, action="user_created")] == ["user_created"]
    assert {r["action"] for r in events(server, admin, actorId=admin_id)} == {
        "setup",
        "user_created",
    }


def test_non_admin_is_forbidden_and_anonymous_unauthenticated(server: Server) -> None:
    admin = server.setup_admin()
    _, bob = server.user_with_token(admin, "bob@example.local")
    assert error_code(server.gql(LOG, {}, bob)) == "FORBIDDEN"
    assert error_code(server.gql(LOG, {})) == "UNAUTHENTICATED"


def test_bad_paging_input_names_the_field(server: Server) -> None:
    admin = server.setup_admin()
    for variables, field in (
        ({"first": 0}, "first"),
        ({"first": 5000}, "first"),
        ({"after": "!!not-a-cursor"}, "after"),
        ({"after": "00000000-0000-0000-0000-00000000abcd"}, "after"),
        ({"actorId": "nope"}, "actorId"),
    ):
        body = server.gql(LOG, variables, admin)
        assert error_code(body) == "BAD_USER_INPUT", variables
        assert field in body["errors"][0]["message"]


def test_password_change_and_api_tokens_are_recorded(server: Server) -> None:
    admin = server.setup_admin()
    server.ok(
        "mutation($i: UpdateMeInput!){ updateMe(input: $i) { id } }",
        {"i": {"currentPassword": PASSWORD, "newPassword": "Another-Horse-8"}},
        admin,
    )
    server.ok('mutation { createApiToken(name: "bot") { token } }', token=admin)
    actions = [r["action"] for r in events(server, admin)]
    assert actions[:2] == ["api_token_created", "password_changed"]
