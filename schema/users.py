"""User, session and audit types. Explicit field lists; never hashes or token versions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.scalars import JSON

from gql_invoke.services.audit import cursor_of
from schema.context import Info
from schema.scalars import Long

if TYPE_CHECKING:
    from gql_invoke.db.models import AuditEvent as AuditRow
    from gql_invoke.db.models import AuthSession as SessionRow
    from gql_invoke.db.models import User as UserRow


@strawberry.type
class UserStats:
    board_count: int
    image_count: int
    storage_bytes: Long
    pending_jobs: int


@strawberry.type
class Quota:
    max_pending_jobs: int | None
    max_images_per_day: int | None
    max_storage_bytes: Long | None


@strawberry.type
class User:
    id: strawberry.ID
    display_name: str
    is_admin: bool
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None
    _email: strawberry.Private[str]
    _quota: strawberry.Private[Quota]
    # The payload of setup/login describes the caller, who has no token yet.
    _self_view: strawberry.Private[bool] = False

    @classmethod
    def from_row(cls, row: UserRow, self_view: bool = False) -> User:
        return cls(
            id=strawberry.ID(str(row.id)),
            display_name=row.display_name,
            # The built-in system user acts with admin rights (single-user mode, CLI).
            is_admin=row.is_admin or row.is_system,
            is_active=row.is_active,
            created_at=row.created_at,
            last_login_at=row.last_login_at,
            _email=row.email,
            _quota=Quota(
                max_pending_jobs=row.max_pending_jobs,
                max_images_per_day=row.max_images_per_day,
                max_storage_bytes=None
                if row.max_storage_bytes is None
                else Long(row.max_storage_bytes),
            ),
            _self_view=self_view,
        )

    def _private_ok(self, info: Info) -> bool:
        # Email, stats and quota: the user themself and admins.
        return self._self_view or info.context.require_actor().owns_or_admin(self.id)

    @strawberry.field(description='Visible to the user themself and admins; others see "".')
    def email(self, info: Info) -> str:
        return self._email if self._private_ok(info) else ""

    @strawberry.field(description="The user themself and admins; null for others.")
    async def stats(self, info: Info) -> UserStats | None:
        if not self._private_ok(info):
            return None
        s = await info.context.loaders.user_stats.load(str(self.id))
        return UserStats(
            board_count=s.board_count,
            image_count=s.image_count,
            storage_bytes=Long(s.storage_bytes),
            pending_jobs=s.pending_jobs,
        )

    @strawberry.field(
        description=(
            "The user themself and admins; null: no own limit (maxPendingJobs then falls back "
            "to the site default_max_pending_jobs; the others are unlimited)."
        )
    )
    def quota(self, info: Info) -> Quota | None:
        return self._quota if self._private_ok(info) else None


async def load_user(info: Info, user_id: Any) -> User:
    row = await info.context.loaders.user.load(str(user_id))
    return User.from_row(row)


@strawberry.type
class SetupStatus:
    setup_required: bool
    multiuser_enabled: bool
    password_policy: str


@strawberry.type
class AuthPayload:
    token: str
    expires_at: datetime
    user: User


@strawberry.type
class AuditEvent:
    id: strawberry.ID
    at: datetime
    action: str
    target_type: str
    target_id: str | None
    detail: JSON
    ip: str | None
    cursor: str = strawberry.field(description="Pass as auditLog(after:) to read on.")
    _actor_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: AuditRow) -> AuditEvent:
        return cls(
            id=strawberry.ID(str(row.id)),
            at=row.at,
            action=row.action,
            target_type=row.target_type,
            target_id=row.target_id,
            detail=row.detail,
            ip=row.ip,
            cursor=cursor_of(row),
            _actor_id=str(row.actor_id) if row.actor_id else None,
        )

    @strawberry.field
    async def actor(self, info: Info) -> User | None:
        if self._actor_id is None:
            return None
        row = await info.context.loaders.user.load(self._actor_id)
        return User.from_row(row) if row else None


@strawberry.type
class ApiToken:
    id: strawberry.ID
    name: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None


@strawberry.type(description="One signed-in browser or client (API tokens are in apiTokens).")
class Session:
    id: strawberry.ID
    created_at: datetime
    last_seen_at: datetime | None = strawberry.field(description="Updated at most once a minute.")
    expires_at: datetime
    ip: str | None
    user_agent: str | None
    current: bool = strawberry.field(description="The session making this request.")

    @classmethod
    def from_row(cls, row: SessionRow, current_token_id: str | None) -> Session:
        # The id is the row's public id, never the JWT's jti (services/sessions.py).
        return cls(
            id=strawberry.ID(row.public_id),
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            ip=row.ip,
            user_agent=row.user_agent,
            current=current_token_id is not None and row.jti == current_token_id,
        )


@strawberry.type
class NewApiToken:
    token: str
    api_token: ApiToken


@strawberry.input
class SetupInput:
    email: str
    display_name: str
    password: str


@strawberry.input
class LoginInput:
    email: str
    password: str
    remember_me: bool | None = False


@strawberry.input
class CreateUserInput:
    email: str
    display_name: str
    password: str
    is_admin: bool | None = False


@strawberry.input
class UpdateUserInput:
    display_name: str | None = None
    password: str | None = None
    is_admin: bool | None = None
    is_active: bool | None = None


@strawberry.input
class UpdateMeInput:
    display_name: str | None = None
    current_password: str | None = None
    new_password: str | None = None
