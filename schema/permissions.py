"""Permission classes: the coarse gate on every root field (deny by default).

Each class carries a message and an extensions.code. Fine-grained rules
(ownership, shares) live in the services. tests/schema/test_permissions.py walks
the schema and fails on any root field without one of these.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from schema.context import Info


class AllowAny(BasePermission):
    """An explicit decision that a field is public (setupStatus, setup, login)."""

    message = "allowed"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


class IsAuthenticated(BasePermission):
    message = "sign in first"
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        # Raises the precise reason (expired, revoked, disabled) when there is one.
        info.context.require_actor()
        return True


class IsAdmin(BasePermission):
    message = "admin rights required"
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.require_actor().is_admin


def scope_permission(scope: str) -> type[BasePermission]:
    """Signed in, and an API token (if that is how) carries ``scope``."""

    class HasScope(BasePermission):
        message = f"this API token lacks the '{scope}' scope"
        error_extensions = {"code": "FORBIDDEN"}

        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            return info.context.require_actor().has_scope(scope)

    HasScope.__name__ = f"HasScope_{scope}"
    return HasScope


CanRead = scope_permission("read")
CanGenerate = scope_permission("generate")
CanManage = scope_permission("manage")

PUBLIC = [AllowAny]
SIGNED_IN = [IsAuthenticated, CanRead]
WRITER = [IsAuthenticated, CanManage]
GENERATOR = [IsAuthenticated, CanGenerate]
ADMIN = [IsAuthenticated, IsAdmin]
