"""Me, user administration, quotas and the audit log."""

from __future__ import annotations

import strawberry

from gql_invoke.services import audit, login_limits, users
from schema.context import Info
from schema.permissions import ADMIN, SESSION_OR_MANAGE, SIGNED_IN
from schema.scalars import Long
from schema.users import AuditEvent, CreateUserInput, UpdateMeInput, UpdateUserInput, User


@strawberry.type
class UsersQuery:
    @strawberry.field(permission_classes=SIGNED_IN)
    async def me(self, info: Info) -> User:
        return User.from_row(await users.me(info.context.require_actor()))

    @strawberry.field(permission_classes=ADMIN)
    async def users(self, info: Info) -> list[User]:
        return [User.from_row(r) for r in await users.list_users(info.context.require_actor())]

    @strawberry.field(permission_classes=SIGNED_IN, description="Admin, or the user themself.")
    async def user(self, info: Info, id: strawberry.ID) -> User | None:
        row = await users.get_user(info.context.require_actor(), id)
        return User.from_row(row) if row else None

    @strawberry.field(permission_classes=ADMIN)
    async def audit_log(
        self,
        info: Info,
        first: int | None = 100,
        after: str | None = None,
        actor_id: strawberry.ID | None = None,
        action: str | None = None,
    ) -> list[AuditEvent]:
        """Newest first; pass the last event's cursor (or id) as ``after`` for the next page."""
        rows = await audit.list_events(
            info.context.require_actor(), 100 if first is None else first, after, actor_id, action
        )
        return [AuditEvent.from_row(r) for r in rows]


@strawberry.type
class UsersMutation:
    @strawberry.mutation(permission_classes=SESSION_OR_MANAGE)
    async def update_me(self, info: Info, input: UpdateMeInput) -> User:
        row = await users.update_me(
            info.context.require_actor(),
            display_name=input.display_name,
            current_password=input.current_password,
            new_password=input.new_password,
        )
        return User.from_row(row)

    @strawberry.mutation(permission_classes=ADMIN)
    async def create_user(self, info: Info, input: CreateUserInput) -> User:
        row = await users.create_user(
            info.context.require_actor(),
            input.email,
            input.display_name,
            input.password,
            bool(input.is_admin),
        )
        return User.from_row(row)

    @strawberry.mutation(permission_classes=ADMIN)
    async def update_user(self, info: Info, id: strawberry.ID, input: UpdateUserInput) -> User:
        row = await users.update_user(
            info.context.require_actor(),
            id,
            display_name=input.display_name,
            password=input.password,
            is_admin=input.is_admin,
            is_active=input.is_active,
        )
        return User.from_row(row)

    @strawberry.mutation(permission_classes=ADMIN)
    async def set_quota(
        self,
        info: Info,
        user_id: strawberry.ID,
        max_pending_jobs: int | None = None,
        max_images_per_day: int | None = None,
        max_storage_bytes: Long | None = None,
    ) -> User:
        row = await users.set_quota(
            info.context.require_actor(),
            user_id,
            max_pending_jobs=max_pending_jobs,
            max_images_per_day=max_images_per_day,
            max_storage_bytes=max_storage_bytes,
        )
        return User.from_row(row)

    @strawberry.mutation(permission_classes=ADMIN)
    async def delete_user(self, info: Info, id: strawberry.ID) -> bool:
        return await users.delete_user(info.context.require_actor(), id)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description=("Clears every sign-in failure counter of the account (all clients); audited."),
    )
    async def unlock_user(self, info: Info, id: strawberry.ID) -> User:
        row = await login_limits.unlock_user(info.context.require_actor(), id)
        return User.from_row(row)
