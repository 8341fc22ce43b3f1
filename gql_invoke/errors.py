"""The domain error hierarchy.

Services raise these; the GraphQL layer maps each to ``extensions.code`` in one
place (schema/errors.py) and the CLI prints the message and exits non-zero.
Anything that is not a DomainError is a bug and is masked as INTERNAL.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "INTERNAL"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions


class Unauthenticated(DomainError):
    """No, invalid, expired or revoked credentials, or an inactive account."""

    code = "UNAUTHENTICATED"


class Forbidden(DomainError):
    """Authenticated, but this actor may not do this."""

    code = "FORBIDDEN"


class NotFound(DomainError):
    code = "NOT_FOUND"


class Invalid(DomainError):
    """Input failed validation; the message names the field and the rule."""

    code = "BAD_USER_INPUT"


class Conflict(DomainError):
    """The current state forbids it (duplicate, last admin, quota, ...)."""

    code = "CONFLICT"


class RateLimited(DomainError):
    code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, retryAfter=retry_after)
        self.retry_after = retry_after
