"""User administration and self-service. Every rule about users lives here.

The GraphQL resolvers and the CLI both call these functions; the CLI acts as
the system actor (admin rights), so the same guards apply to both.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth import passwords
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Board, Image, QueueItem, User
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound, RateLimited
from gql_invoke.services import audit, cascade, field_rules, storage
from gql_invoke.services.auth import end_sessions
from gql_invoke.services.scope import parse_uuid, require_admin


@dataclass(frozen=True)
class UserStats:
    board_count: int
    image_count: int
    storage_bytes: int
    pending_jobs: int


async def _get_user(user_id: str) -> User:
    user = await User.get_or_none(id=parse_uuid(user_id, "id"))
    if user is None:
        raise NotFound("user not found")
    return user


async def get_by_email(actor: Actor, email: str) -> User:
    require_admin(actor, "only admins can look users up by email")
    address = field_rules.email(email)
    user = await User.get_or_none(email=address, is_system=False)
    if user is None:
        raise NotFound(f"no user with email {address}")
    return user


async def me(actor: Actor) -> User:
    return await _get_user(actor.user_id)


async def list_users(actor: Actor) -> list[User]:
    """Every account a person can sign in with (the built-in system user is not one)."""
    require_admin(actor, "only admins can list users")
    return await User.filter(is_system=False).order_by("created_at", "email")


async def get_user(actor: Actor, user_id: str) -> User | None:
    """Admins read anyone; other users only themselves."""
    uid = parse_uuid(user_id, "id")
    if not actor.owns_or_admin(uid):
        raise Forbidden("only admins can read other users")
    return await User.get_or_none(id=uid)


async def create_user(
    actor: Actor, email: str, display_name: str, password: str, is_admin: bool = False
) -> User:
    require_admin(actor, "only admins can create users")
    email = field_rules.email(email)
    display_name = field_rules.display_name(display_name)
    passwords.check_policy(password)
    password_hash = await passwords.hash_password(password)
    try:
        user = await User.create(
            email=email, display_name=display_name, password_hash=password_hash, is_admin=is_admin
        )
    except IntegrityError:
        raise Conflict(f"a user with email {email} already exists", field="email") from None
    await audit.record(
        actor, "user_created", "user", str(user.id), {"email": email, "isAdmin": is_admin}
    )
    return user


async def _other_active_admins(user_id: object) -> int:
    return (
        await User.filter(is_admin=True, is_active=True, is_system=False)
        .exclude(id=user_id)
        .count()
    )


async def update_user(  # noqa: C901 - one branch per optional field, each a line
    actor: Actor,
    user_id: str,
    *,
    display_name: str | None = None,
    password: str | None = None,
    is_admin: bool | None = None,
    is_active: bool | None = None,
) -> User:
    require_admin(actor, "only admins can update users")
    if display_name is not None:
        display_name = field_rules.display_name(display_name)
    if password is not None:
        passwords.check_policy(password)
    new_hash = await passwords.hash_password(password) if password is not None else None
    async with in_transaction():
        user = await _get_user(user_id)
        if user.is_system and (
            is_admin is not None or password is not None or is_active is not None
        ):
            raise Forbidden(
                "the system user cannot be promoted, demoted, given a password, "
                "activated or deactivated"
            )
        losing_admin = (
            user.is_admin and user.is_active and (is_admin is False or is_active is False)
        )
        if losing_admin and await _other_active_admins(user.id) == 0:
            raise Conflict("cannot demote or deactivate the last active admin")
        changes: dict[str, object] = {}
        if display_name is not None and display_name != user.display_name:
            changes["displayName"] = display_name
            user.display_name = display_name
        if is_admin is not None and is_admin != user.is_admin:
            changes["isAdmin"] = is_admin
            user.is_admin = is_admin
        if is_active is not None and is_active != user.is_active:
            changes["isActive"] = is_active
            user.is_active = is_active
        if new_hash is not None:
            changes["password"] = "reset"
            user.password_hash = new_hash
        ends_sessions = (
            "password" in changes
            or changes.get("isActive") is False
            or (changes.get("isAdmin") is False)
        )
        if ends_sessions:
            # Rights are read from the database anyway; this also ends sessions
            # so a re-activated or re-promoted user must sign in again.
            user.token_version += 1
        await user.save()
    if ends_sessions:
        # API tokens too: "deactivated" or "password reset" must mean locked out.
        await end_sessions(str(user.id))
    if changes.get("isActive") is False:
        await cascade.user_deactivated(actor, str(user.id))
    await audit.record(actor, "user_updated", "user", str(user.id), changes)
    return user


async def set_quota(
    actor: Actor,
    user_id: str,
    *,
    max_pending_jobs: int | None,
    max_images_per_day: int | None,
    max_storage_bytes: int | None,
) -> User:
    require_admin(actor, "only admins can set quotas")
    for name, value in (
        ("maxPendingJobs", max_pending_jobs),
        ("maxImagesPerDay", max_images_per_day),
        ("maxStorageBytes", max_storage_bytes),
    ):
        if value is not None and value < 0:
            raise Invalid(
                f"{name} must be 0 or more (null: no own limit; maxPendingJobs then "
                "uses the site's default_max_pending_jobs)",
                field=name,
            )
    user = await _get_user(user_id)
    user.max_pending_jobs = max_pending_jobs
    user.max_images_per_day = max_images_per_day
    user.max_storage_bytes = max_storage_bytes
    await user.save(update_fields=["max_pending_jobs", "max_images_per_day", "max_storage_bytes"])
    await audit.record(
        actor,
        "quota_set",
        "user",
        str(user.id),
        {
            "maxPendingJobs": max_pending_jobs,
            "maxImagesPerDay": max_images_per_day,
            "maxStorageBytes": max_storage_bytes,
        },
    )
    return user


async def delete_user(actor: Actor, user_id: str) -> bool:
    require_admin(actor, "only admins can delete users")
    user = await _get_user(user_id)
    if user.is_system:
        raise Forbidden("the system user cannot be deleted")
    if user.is_admin and user.is_active and await _other_active_admins(user.id) == 0:
        raise Conflict("cannot delete the last active admin")
    # Files and pending jobs first: the rows cascade with the user, files do not.
    await cascade.user_deleting(actor, str(user.id))
    email = user.email
    await user.delete()
    await audit.record(actor, "user_deleted", "user", str(user_id), {"email": email})
    return True


async def _check_current_password(actor: Actor, user: User, current_password: str | None) -> None:
    if not current_password:
        raise Invalid("currentPassword is required to change the password", field="currentPassword")
    # Counted like a login: a stolen session must not become a password oracle.
    limiter = runtime.current().rate_limiter
    retry_after, stamp = limiter.begin(user.email, actor.ip)
    if retry_after is not None:
        raise RateLimited(
            f"too many failed password checks; try again in {retry_after} s", retry_after
        )
    ok, _ = await passwords.verify_password(current_password, user.password_hash)
    if not ok:
        raise Invalid("currentPassword is incorrect", field="currentPassword")
    limiter.succeeded(user.email, actor.ip, stamp)


async def update_me(
    actor: Actor,
    *,
    display_name: str | None = None,
    current_password: str | None = None,
    new_password: str | None = None,
) -> User:
    user = await _get_user(actor.user_id)
    if user.is_system and new_password is not None:
        raise Forbidden("the system user cannot have a password")
    if display_name is not None:
        display_name = field_rules.display_name(display_name)
    if new_password is not None:
        passwords.check_policy(new_password, "newPassword")
        await _check_current_password(actor, user, current_password)
        user.password_hash = await passwords.hash_password(new_password)
    if display_name is not None:
        user.display_name = display_name
    await user.save()
    if new_password is not None:
        # Every other session and API token ends; the one making the change goes on.
        await end_sessions(
            actor.user_id, keep_token_id=actor.token_id, keep_api_token_id=actor.api_token_id
        )
        await audit.record(actor, "password_changed", "user", actor.user_id)
    return user


async def by_ids(user_ids: list[str]) -> dict[str, User]:
    """Users by id in one query (DataLoader backend); the User type hides private fields."""
    return {str(u.id): u for u in await User.filter(id__in=user_ids)}


async def stats_for(user_ids: list[str]) -> dict[str, UserStats]:
    """Stats for many users in a constant number of queries (DataLoader backend)."""
    boards = (
        await Board.filter(owner_id__in=user_ids)
        .annotate(n=Count("id"))
        .group_by("owner_id")
        .values("owner_id", "n")
    )
    images = (
        await Image.filter(owner_id__in=user_ids)
        .annotate(n=Count("id"), size=Sum("size_bytes"))
        .group_by("owner_id")
        .values("owner_id", "n", "size")
    )
    pending = (
        await QueueItem.filter(owner_id__in=user_ids, status="PENDING")
        .annotate(n=Count("id"))
        .group_by("owner_id")
        .values("owner_id", "n")
    )
    # storageBytes is what maxStorageBytes counts: image files plus saved text.
    text = await storage.text_bytes_by_user(user_ids)
    board_n = {str(r["owner_id"]): r["n"] for r in boards}
    image_n = {str(r["owner_id"]): (r["n"], int(r["size"] or 0)) for r in images}
    pending_n = {str(r["owner_id"]): r["n"] for r in pending}
    return {
        uid: UserStats(
            board_count=board_n.get(uid, 0),
            image_count=image_n.get(uid, (0, 0))[0],
            storage_bytes=image_n.get(uid, (0, 0))[1] + text.get(uid, 0),
            pending_jobs=pending_n.get(uid, 0),
        )
        for uid in user_ids
    }
