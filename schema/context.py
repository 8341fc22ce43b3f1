"""The typed per-request context: the caller (Actor), client IP and DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.types import Info as _Info

from gql_invoke.auth.actor import Actor
from gql_invoke.errors import DomainError, Unauthenticated
from schema.loaders import Loaders


@dataclass
class Context:
    request: Request | WebSocket
    response: Any = None
    ip: str | None = None
    # The bearer token as sent; subscriptions re-check it while they run.
    token: str | None = None
    actor: Actor | None = None
    # Why there is no actor (bad or missing token), raised by permission checks.
    auth_error: DomainError | None = None
    loaders: Loaders = field(default_factory=Loaders)
    # Filled by strawberry from the graphql-transport-ws connection_init payload.
    connection_params: dict[str, Any] | None = None
    # Login attempts of an operation with several logins, counted up front:
    # id(operation) -> (operation, response key -> attempt).
    login_attempts: dict[int, tuple[Any, dict[str, Any]]] = field(default_factory=dict)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise self.auth_error or Unauthenticated("sign in first")
        return self.actor


Info = _Info[Context, None]
