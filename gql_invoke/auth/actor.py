"""The Actor: who is making a request, as read from the database for this request."""

from __future__ import annotations

from dataclasses import dataclass

from gql_invoke.db.models import SYSTEM_USER_ID
from gql_invoke.domain import Scope


@dataclass(frozen=True)
class Actor:
    user_id: str
    display_name: str
    is_admin: bool
    multiuser: bool
    is_system: bool = False
    # The jti of the session token, so logout can revoke exactly this token.
    token_id: str | None = None
    # API tokens narrow what a session may do; None means an interactive session.
    scopes: frozenset[str] | None = None
    # Set when the request came with a personal API token (logout revokes it).
    api_token_id: str | None = None
    ip: str | None = None

    def has_scope(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes or Scope.ADMIN in self.scopes

    @property
    def sees_all(self) -> bool:
        """Admins see and manage everyone's objects; in single-user mode everyone is admin."""
        return self.is_admin or not self.multiuser

    def owns(self, owner_id: object) -> bool:
        """Whether the object whose owner id is given belongs to this actor."""
        return str(owner_id) == self.user_id

    def owns_or_admin(self, owner_id: object) -> bool:
        """The rule for private objects: their owner, or whoever sees everything."""
        return self.owns(owner_id) or self.sees_all


def system_actor(multiuser: bool = False, ip: str | None = None) -> Actor:
    """The built-in system user: every request in single-user mode, and the CLI."""
    return Actor(
        user_id=SYSTEM_USER_ID,
        display_name="System",
        is_admin=True,
        multiuser=multiuser,
        is_system=True,
        ip=ip,
    )
