"""Permission classes: the coarse gate on every root field (deny by default).

Each class carries a message and an extensions.code. Fine-grained rules
(ownership, shares) live in the services. tests/schema/test_permissions.py walks
the schema and fails on any root field without one of these lists, and on any
mutation or subscription whose list does not name the API-token scope it needs:

  SIGNED_IN          read       (queries, subscriptions; the only mutation: logout)
  GENERATOR          generate
  WRITER             manage
  SESSION_OR_MANAGE  a signed-in session, or a token with manage: sign-ins and tokens
  ADMIN              admin      (an API token is admin only with the admin scope)
"""

from __future__ import annotations

from typing import Any

from starlette.websockets import WebSocket
from strawberry.permission import BasePermission
from typing_extensions import override

from gql_invoke.domain import Scope
from gql_invoke.services import auth
from schema.context import Info
from schema.loaders import Loaders


class AllowAny(BasePermission):
    """An explicit decision that a field is public (setupStatus, setup, login)."""

    message = "allowed"

    @override
    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


class IsAuthenticated(BasePermission):
    message = "sign in first"
    error_extensions = {"code": "UNAUTHENTICATED"}

    @override
    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        context = info.context
        if isinstance(context.request, WebSocket) and context.actor is not None:
            # One context lives as long as the socket: re-read the caller's rights
            # for every operation, as an HTTP request would, and start from empty
            # DataLoaders (they cache rows and the viewer's board access).
            context.actor = await auth.authenticate(context.token, context.ip)
            context.loaders = Loaders()
        # Raises the precise reason (expired, revoked, disabled) when there is one.
        context.require_actor()
        return True


class IsAdmin(BasePermission):
    message = "admin rights required"
    error_extensions = {"code": "FORBIDDEN"}

    @override
    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.require_actor().is_admin


def scope_permission(scope: Scope) -> type[BasePermission]:
    """Signed in, and an API token (if that is how) carries ``scope``."""

    class HasScope(BasePermission):
        message = f"this API token lacks the '{scope}' scope"
        error_extensions = {"code": "FORBIDDEN"}

        @override
        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            return info.context.require_actor().has_scope(scope)

    HasScope.__name__ = f"HasScope_{scope}"
    return HasScope


class SessionOrManage(BasePermission):
    """Ending sessions, minting or revoking tokens, changing the account.

    A read-only token given to a script must not be able to sign its owner out
    everywhere or revoke their other tokens.
    """

    message = "this needs a signed-in session or an API token with the 'manage' scope"
    error_extensions = {"code": "FORBIDDEN"}

    @override
    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        actor = info.context.require_actor()
        return actor.scopes is None or actor.has_scope(Scope.MANAGE)


CanRead = scope_permission(Scope.READ)
CanGenerate = scope_permission(Scope.GENERATE)
CanManage = scope_permission(Scope.MANAGE)

Permissions = list[type[BasePermission]]
PUBLIC: Permissions = [AllowAny]
SIGNED_IN: Permissions = [IsAuthenticated, CanRead]
WRITER: Permissions = [IsAuthenticated, CanManage]
GENERATOR: Permissions = [IsAuthenticated, CanGenerate]
SESSION_OR_MANAGE: Permissions = [IsAuthenticated, SessionOrManage]
ADMIN: Permissions = [IsAuthenticated, IsAdmin]
