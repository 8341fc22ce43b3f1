"""Deny by default: every root field must carry one of the permission lists."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.permission import PermissionExtension

from resolvers.root import build_schema
from schema import permissions

SANCTIONED = {
    "PUBLIC": permissions.PUBLIC,
    "SIGNED_IN": permissions.SIGNED_IN,
    "WRITER": permissions.WRITER,
    "GENERATOR": permissions.GENERATOR,
    "SESSION_OR_MANAGE": permissions.SESSION_OR_MANAGE,
    "ADMIN": permissions.ADMIN,
}
# The only fields anyone may call without a token. Adding one is a security decision.
PUBLIC_FIELDS = {"setupStatus", "setup", "login"}
# The API-token scope each list demands (ADMIN: an API token is admin only with "admin").
SCOPE_OF = {
    "SIGNED_IN": "read",
    "GENERATOR": "generate",
    "WRITER": "manage",
    "SESSION_OR_MANAGE": "session or manage",
    "ADMIN": "admin",
}
# Mutations a read-only token may call. Each is a decision, with its reason:
READ_SCOPE_MUTATIONS = {
    # Ends only the credential the request came with (a read token revokes itself):
    # it can only take access away, and a leaked token's holder may as well drop it.
    "logout",
}
# Sensitive mutations and the list each must carry (token and session management need
# a signed-in session or the manage scope; a read token must not end its owner's sign-ins).
EXPECTED = {
    "logout": "SIGNED_IN",
    "logoutEverywhere": "SESSION_OR_MANAGE",
    "revokeSession": "SESSION_OR_MANAGE",
    "createApiToken": "SESSION_OR_MANAGE",
    "revokeApiToken": "SESSION_OR_MANAGE",
    "updateMe": "SESSION_OR_MANAGE",
    "createUser": "ADMIN",
    "updateUser": "ADMIN",
    "deleteUser": "ADMIN",
    "setQuota": "ADMIN",
    "unlockUser": "ADMIN",
    "enqueue": "GENERATOR",
}


def root_fields() -> list[tuple[str, Any]]:
    schema = build_schema()
    found = []
    for root in ("Query", "Mutation", "Subscription"):
        definition = schema.get_type_by_name(root)
        if definition is None:
            continue
        for field in definition.fields:  # type: ignore[union-attr]
            found.append((f"{root}.{schema.config.name_converter.get_graphql_name(field)}", field))
    return found


def permission_classes(field: Any) -> list[type]:
    classes = list(field.permission_classes or [])
    for extension in field.extensions:
        if isinstance(extension, PermissionExtension):
            classes += [type(p) for p in extension.permissions if type(p) not in classes]
    return classes


def test_the_schema_has_root_fields_to_check() -> None:
    names = {name for name, _ in root_fields()}
    assert {"Query.me", "Query.setupStatus", "Mutation.login", "Mutation.createUser"} <= names


@pytest.mark.parametrize(("name", "field"), root_fields(), ids=[n for n, _ in root_fields()])
def test_root_field_has_a_sanctioned_permission_list(name: str, field: Any) -> None:
    classes = permission_classes(field)
    assert classes, f"{name} has no permission classes"
    matches = [label for label, sanctioned in SANCTIONED.items() if classes == sanctioned]
    assert matches, f"{name} uses {classes}, not one of {', '.join(SANCTIONED)}"
    public = matches == ["PUBLIC"]
    assert public == (name.split(".")[1] in PUBLIC_FIELDS), (
        f"{name}: only {sorted(PUBLIC_FIELDS)} may be public"
    )


def test_admin_fields_are_the_admin_ones() -> None:
    admin_only = {
        name for name, field in root_fields() if permission_classes(field) == permissions.ADMIN
    }
    assert {
        "Query.users",
        "Query.auditLog",
        "Mutation.createUser",
        "Mutation.updateUser",
        "Mutation.deleteUser",
        "Mutation.setQuota",
    } <= admin_only


def label_of(field: Any) -> str | None:
    classes = permission_classes(field)
    return next((label for label, lst in SANCTIONED.items() if classes == lst), None)


def mutation_and_subscription_fields() -> list[tuple[str, Any]]:
    return [(n, f) for n, f in root_fields() if n.startswith(("Mutation.", "Subscription."))]


@pytest.mark.parametrize(
    ("name", "field"),
    mutation_and_subscription_fields(),
    ids=[n for n, _ in mutation_and_subscription_fields()],
)
def test_every_mutation_and_subscription_declares_its_scope(name: str, field: Any) -> None:
    label = label_of(field)
    short = name.split(".")[1]
    if label == "PUBLIC":
        assert short in PUBLIC_FIELDS, f"{name} is public"
        return
    assert label in SCOPE_OF, (
        f"{name}: its permission list names no API-token scope; use one of {sorted(SCOPE_OF)}"
    )
    if name.startswith("Mutation.") and label == "SIGNED_IN":
        assert short in READ_SCOPE_MUTATIONS, (
            f"{name} changes something with only the read scope: give it GENERATOR, WRITER, "
            "SESSION_OR_MANAGE or ADMIN, or add it to READ_SCOPE_MUTATIONS with the reason"
        )


def test_the_scope_walk_catches_a_field_without_a_scope() -> None:
    class Unscoped:
        permission_classes = [permissions.IsAuthenticated]
        extensions: list[Any] = []

    assert label_of(Unscoped()) not in SCOPE_OF


@pytest.mark.parametrize(("mutation", "expected"), sorted(EXPECTED.items()))
def test_sensitive_mutations_need_the_expected_scope(mutation: str, expected: str) -> None:
    fields = dict(root_fields())
    assert f"Mutation.{mutation}" in fields, f"no Mutation.{mutation}"
    assert label_of(fields[f"Mutation.{mutation}"]) == expected


def test_sessions_query_is_read_scope() -> None:
    # Listing one's own sessions (IP, user agent) is reading one's own data, like apiTokens.
    assert label_of(dict(root_fields())["Query.sessions"]) == "SIGNED_IN"


def test_workers_query_is_admin_only() -> None:
    # Hosts, pids and every user's current job: the site admin's view of the machines.
    assert label_of(dict(root_fields())["Query.workers"]) == "ADMIN"
