"""me/updateMe and admin user management through GraphQL."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import SYSTEM_USER_ID
from gql_invoke.db.models import User as UserRow
from schema.users import User
from tests.helpers import ADMIN_EMAIL, PASSWORD, Server, bare_context, error_code

USER_FIELDS = (
    "id email displayName isAdmin isActive createdAt lastLoginAt "
    "stats { boardCount imageCount storageBytes pendingJobs } "
    "quota { maxPendingJobs maxImagesPerDay maxStorageBytes }"
)
CREATE = f"mutation($i: CreateUserInput!){{ createUser(input: $i) {{ {USER_FIELDS} }} }}"
UPDATE = (
    "mutation($id: ID!, $i: UpdateUserInput!){ updateUser(id: $id, input: $i) "
    "{ id displayName isAdmin isActive } }"
)
DELETE = "mutation($id: ID!){ deleteUser(id: $id) }"
UPDATE_ME = "mutation($i: UpdateMeInput!){ updateMe(input: $i) { id displayName } }"


def new_user_input(email: str = "bob@example.local", **changes: Any) -> dict[str, Any]:
    return {"email": email, "displayName": "Bob", "password": PASSWORD, **changes}


def message(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["message"])


def admin_id(server: Server) -> str:
    return str(server.sql("SELECT id FROM users WHERE email=?", (ADMIN_EMAIL,))[0][0])


class TestMe:
    def test_every_user_reads_themself_in_full(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        me = server.ok(f"{{ me {{ {USER_FIELDS} }} }}", token=bob)["me"]
        assert me["email"] == "bob@example.local" and me["isAdmin"] is False
        assert me["stats"] == {
            "boardCount": 0,
            "imageCount": 0,
            "storageBytes": 0,
            "pendingJobs": 0,
        }
        assert me["quota"] == {
            "maxPendingJobs": None,
            "maxImagesPerDay": None,
            "maxStorageBytes": None,
        }
        assert me["lastLoginAt"] is not None

    def test_update_me_changes_the_display_name(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        assert (
            server.ok(UPDATE_ME, {"i": {"displayName": "Bobby"}}, bob)["updateMe"]["displayName"]
            == "Bobby"
        )

    def test_update_me_bad_input_names_the_field(self, server: Server) -> None:
        admin = server.setup_admin()
        for change, field in (
            ({"displayName": ""}, "displayName"),
            ({"currentPassword": PASSWORD, "newPassword": "weak"}, "newPassword"),
            (
                {"currentPassword": "Wrong-Horse-9", "newPassword": "Another-Horse-8"},
                "currentPassword",
            ),
        ):
            body = server.gql(UPDATE_ME, {"i": change}, admin)
            assert error_code(body) == "BAD_USER_INPUT" and field in message(body)

    def test_update_me_needs_a_token(self, server: Server) -> None:
        server.setup_admin()
        assert error_code(server.gql(UPDATE_ME, {"i": {"displayName": "x"}})) == ("UNAUTHENTICATED")


class TestQueries:
    def test_admin_lists_users_without_the_system_user(self, server: Server) -> None:
        admin = server.setup_admin()
        server.create_user(admin, "bob@example.local")
        users = server.ok("{ users { email isAdmin } }", token=admin)["users"]
        assert users == [
            {"email": ADMIN_EMAIL, "isAdmin": True},
            {"email": "bob@example.local", "isAdmin": False},
        ]

    def test_non_admin_cannot_list_users(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        assert error_code(server.gql("{ users { id } }", token=bob)) == "FORBIDDEN"

    def test_user_by_id_admin_or_self(self, server: Server) -> None:
        admin = server.setup_admin()
        bob_id, bob = server.user_with_token(admin, "bob@example.local")
        query = "query($id: ID!){ user(id: $id) { email stats { boardCount } } }"
        assert server.ok(query, {"id": bob_id}, admin)["user"]["email"] == "bob@example.local"
        assert server.ok(query, {"id": bob_id}, bob)["user"]["email"] == "bob@example.local"
        assert error_code(server.gql(query, {"id": admin_id(server)}, bob)) == "FORBIDDEN"
        assert error_code(server.gql(query, {"id": bob_id})) == "UNAUTHENTICATED"
        missing = "00000000-0000-0000-0000-00000000abcd"
        assert server.ok(query, {"id": missing}, admin)["user"] is None
        assert error_code(server.gql(query, {"id": "nope"}, admin)) == "BAD_USER_INPUT"


def test_other_viewers_see_no_email_stats_or_quota() -> None:
    """Types that show another user (board owner, ...) must not leak private fields."""
    row = UserRow(
        id=SYSTEM_USER_ID,
        email="amy@example.local",
        display_name="Amy",
        is_admin=False,
        is_active=True,
        is_system=False,
        max_pending_jobs=3,
    )

    def viewer(user_id: str, is_admin: bool) -> Any:
        actor = Actor(user_id=user_id, display_name="V", is_admin=is_admin, multiuser=True)
        return SimpleNamespace(context=bare_context(actor))

    amy = User.from_row(row)
    other = viewer("00000000-0000-0000-0000-0000000000bb", is_admin=False)
    assert amy.email(other) == "" and amy.quota(other) is None
    assert amy.email(viewer(SYSTEM_USER_ID, is_admin=False)) == "amy@example.local"
    admin = viewer("00000000-0000-0000-0000-0000000000cc", is_admin=True)
    assert amy.email(admin) == "amy@example.local"
    assert amy.quota(admin).max_pending_jobs == 3


async def test_other_viewers_get_null_stats() -> None:
    row = UserRow(
        id=SYSTEM_USER_ID,
        email="amy@example.local",
        display_name="Amy",
        is_admin=False,
        is_active=True,
        is_system=False,
    )
    actor = Actor(
        user_id="00000000-0000-0000-0000-0000000000bb",
        display_name="V",
        is_admin=False,
        multiuser=True,
    )
    info = SimpleNamespace(context=bare_context(actor))
    assert await User.from_row(row).stats(info) is None


class TestCreateUser:
    def test_admin_creates_a_user_who_can_sign_in(self, server: Server) -> None:
        admin = server.setup_admin()
        data = server.ok(CREATE, {"i": new_user_input("Bob@Example.local", isAdmin=True)}, admin)[
            "createUser"
        ]
        assert data["email"] == "bob@example.local" and data["isAdmin"] is True
        assert data["isActive"] is True and data["lastLoginAt"] is None
        assert server.login("bob@example.local")

    def test_is_admin_defaults_to_false_and_accepts_null(self, server: Server) -> None:
        admin = server.setup_admin()
        data = server.ok(CREATE, {"i": new_user_input(isAdmin=None)}, admin)["createUser"]
        assert data["isAdmin"] is False

    def test_not_signed_in_or_not_admin_is_refused(self, server: Server) -> None:
        admin = server.setup_admin()
        _, bob = server.user_with_token(admin, "bob@example.local")
        assert error_code(server.gql(CREATE, {"i": new_user_input("x@example.local")})) == (
            "UNAUTHENTICATED"
        )
        assert (
            error_code(server.gql(CREATE, {"i": new_user_input("x@example.local")}, bob))
            == "FORBIDDEN"
        )

    def test_duplicate_email_is_a_conflict(self, server: Server) -> None:
        admin = server.setup_admin()
        body = server.gql(CREATE, {"i": new_user_input(ADMIN_EMAIL.upper())}, admin)
        assert error_code(body) == "CONFLICT" and "email" in message(body)

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"email": "bob"}, "email"),
            ({"displayName": " "}, "displayName"),
            ({"password": "bobbobbob"}, "password"),
        ],
    )
    def test_bad_input_names_the_field(
        self, server: Server, change: dict[str, Any], field: str
    ) -> None:
        admin = server.setup_admin()
        body = server.gql(CREATE, {"i": new_user_input(**change)}, admin)
        assert error_code(body) == "BAD_USER_INPUT" and field in message(body)

    def test_missing_required_field_is_bad_input(self, server: Server) -> None:
        admin = server.setup_admin()
        body = server.gql(CREATE, {"i": {"email": "x@example.local"}}, admin)
        assert error_code(body) == "BAD_USER_INPUT"


class TestUpdateUser:
    def test_admin_updates_every_field(self, server: Server) -> None:
        admin = server.setup_admin()
        bob = server.create_user(admin, "bob@example.local")
        data = server.ok(
            UPDATE,
            {
                "id": bob,
                "i": {"displayName": "Robert", "isAdmin": True, "password": "Another-Horse-8"},
            },
            admin,
        )["updateUser"]
        assert data == {"id": bob, "displayName": "Robert", "isAdmin": True, "isActive": True}
        server.login("bob@example.local", "Another-Horse-8")

    def test_not_signed_in_or_not_admin_is_refused(self, server: Server) -> None:
        admin = server.setup_admin()
        bob, bob_token = server.user_with_token(admin, "bob@example.local")
        variables = {"id": bob, "i": {"isAdmin": True}}
        assert error_code(server.gql(UPDATE, variables)) == "UNAUTHENTICATED"
        assert error_code(server.gql(UPDATE, variables, bob_token)) == "FORBIDDEN"

    @pytest.mark.parametrize("change", [{"isAdmin": False}, {"isActive": False}])
    def test_last_active_admin_cannot_lose_admin(
        self, server: Server, change: dict[str, bool]
    ) -> None:
        admin = server.setup_admin()
        body = server.gql(UPDATE, {"id": admin_id(server), "i": change}, admin)
        assert error_code(body) == "CONFLICT" and "last active admin" in message(body)

    @pytest.mark.parametrize(
        "change", [{"isAdmin": True}, {"password": PASSWORD}, {"isActive": False}]
    )
    def test_system_user_cannot_be_changed(self, server: Server, change: dict[str, Any]) -> None:
        admin = server.setup_admin()
        body = server.gql(UPDATE, {"id": SYSTEM_USER_ID, "i": change}, admin)
        assert error_code(body) == "FORBIDDEN" and "system user" in message(body)

    def test_bad_input(self, server: Server) -> None:
        admin = server.setup_admin()
        bob = server.create_user(admin, "bob@example.local")
        assert error_code(server.gql(UPDATE, {"id": bob, "i": {"password": "x"}}, admin)) == (
            "BAD_USER_INPUT"
        )
        assert error_code(server.gql(UPDATE, {"id": "nope", "i": {}}, admin)) == ("BAD_USER_INPUT")
        missing = "00000000-0000-0000-0000-00000000abcd"
        assert (
            error_code(server.gql(UPDATE, {"id": missing, "i": {"displayName": "x"}}, admin))
            == "NOT_FOUND"
        )


class TestDeleteUser:
    def test_admin_deletes_a_user(self, server: Server) -> None:
        admin = server.setup_admin()
        bob = server.create_user(admin, "bob@example.local")
        assert server.ok(DELETE, {"id": bob}, admin) == {"deleteUser": True}
        assert [u["email"] for u in server.ok("{ users { email } }", token=admin)["users"]] == [
            ADMIN_EMAIL
        ]
        assert error_code(server.gql(DELETE, {"id": bob}, admin)) == "NOT_FOUND"

    def test_not_signed_in_or_not_admin_is_refused(self, server: Server) -> None:
        admin = server.setup_admin()
        bob, bob_token = server.user_with_token(admin, "bob@example.local")
        assert error_code(server.gql(DELETE, {"id": bob})) == "UNAUTHENTICATED"
        assert error_code(server.gql(DELETE, {"id": bob}, bob_token)) == "FORBIDDEN"

    def test_last_active_admin_and_system_user_cannot_be_deleted(self, server: Server) -> None:
        admin = server.setup_admin()
        assert error_code(server.gql(DELETE, {"id": admin_id(server)}, admin)) == "CONFLICT"
        assert error_code(server.gql(DELETE, {"id": SYSTEM_USER_ID}, admin)) == "FORBIDDEN"
        assert error_code(server.gql(DELETE, {"id": "nope"}, admin)) == "BAD_USER_INPUT"

    def test_an_admin_can_be_deleted_when_another_remains(self, server: Server) -> None:
        admin = server.setup_admin()
        other = server.create_user(admin, "amy@example.local", is_admin=True)
        assert server.ok(DELETE, {"id": admin_id(server)}, server.login("amy@example.local"))
        assert (
            error_code(server.gql(DELETE, {"id": other}, server.login("amy@example.local")))
            == "CONFLICT"
        )


class TestSetQuota:
    QUERY = (
        "mutation($id: ID!, $n: Int){ setQuota(userId: $id, maxPendingJobs: $n) "
        "{ quota { maxPendingJobs maxImagesPerDay } } }"
    )

    def test_admin_sets_and_clears_a_quota(self, server: Server) -> None:
        admin = server.setup_admin()
        bob = server.create_user(admin, "bob@example.local")
        assert server.ok(self.QUERY, {"id": bob, "n": 4}, admin)["setQuota"]["quota"] == {
            "maxPendingJobs": 4,
            "maxImagesPerDay": None,
        }
        assert (
            server.ok(self.QUERY, {"id": bob, "n": None}, admin)["setQuota"]["quota"][
                "maxPendingJobs"
            ]
            is None
        )

    def test_refusals_and_bad_input(self, server: Server) -> None:
        admin = server.setup_admin()
        bob, bob_token = server.user_with_token(admin, "bob@example.local")
        assert error_code(server.gql(self.QUERY, {"id": bob, "n": 1})) == "UNAUTHENTICATED"
        assert error_code(server.gql(self.QUERY, {"id": bob, "n": 1}, bob_token)) == "FORBIDDEN"
        body = server.gql(self.QUERY, {"id": bob, "n": -1}, admin)
        assert error_code(body) == "BAD_USER_INPUT" and "maxPendingJobs" in message(body)
