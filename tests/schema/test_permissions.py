"""Deny by default: every root field must carry one of the permission lists."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.permission import PermissionExtension

from schema import permissions
from schema.root import build_schema

SANCTIONED = {
    "PUBLIC": permissions.PUBLIC, "SIGNED_IN": permissions.SIGNED_IN,
    "WRITER": permissions.WRITER, "GENERATOR": permissions.GENERATOR,
    "ADMIN": permissions.ADMIN,
}
# The only fields anyone may call without a token. Adding one is a security decision.
PUBLIC_FIELDS = {"setupStatus", "setup", "login"}


def root_fields() -> list[tuple[str, Any]]:
    schema = build_schema()
    found = []
    for root in ("Query", "Mutation", "Subscription"):
        definition = schema.get_type_by_name(root)
        if definition is None:
            continue
        for field in definition.fields:  # type: ignore[union-attr]
            found.append((f"{root}.{schema.config.name_converter.get_graphql_name(field)}",
                          field))
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
        f"{name}: only {sorted(PUBLIC_FIELDS)} may be public")


def test_admin_fields_are_the_admin_ones() -> None:
    admin_only = {name for name, field in root_fields()
                  if permission_classes(field) == permissions.ADMIN}
    assert {"Query.users", "Query.auditLog", "Mutation.createUser", "Mutation.updateUser",
            "Mutation.deleteUser", "Mutation.setQuota"} <= admin_only
