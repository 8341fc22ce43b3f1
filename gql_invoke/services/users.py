"""User administration and self-service. Every rule about users lives here.

The GraphQL resolvers and the CLI both call these functions; the CLI acts as
the system actor (admin rights), so the same guards apply to both. The batched
reads behind the User type (rows by id, stats) are user_stats.py.
"""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql_invoke.auth import passwords
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import User
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound, RateLimited
from gql_invoke.services import audit, cascade, field_rules, login_counters, session_end
from gql_invoke.services.auth import end_sessions
from gql_invoke.services.scope import parse_uuid, require_admin


async def _get_user(user_id: str) -> User:
    user = await User.get_or_none(id=parse_uuid(user_id, "id"))
    if user is None:
        raise NotFound("user not found")
    return user


async def get_by_email(actor: Actor, email: str) -> User:
    """Admins only (the CLI's system actor included; Forbidden otherwise); Invalid for a
    malformed email, NotFound for no such user.

    The user with this email (never the system user)."""
    require_admin(actor, "only admins can look users up by email")
    address = field_rules.email(email)
    user = await User.get_or_none(email=address, is_system=False)
    if user is None:
        raise NotFound(f"no user with email {address}")
    return user


async def me(actor: Actor) -> User:
    """Any signed-in actor; NotFound if their row is gone (deleted meanwhile).

    The caller's own user row."""
    return await _get_user(actor.user_id)


async def list_users(actor: Actor) -> list[User]:
    """Admins only (Forbidden otherwise); raises nothing else.

    Every account a person can sign in with (the built-in system user is not one)."""
    require_admin(actor, "only admins can list users")
    return await User.filter(is_system=False).order_by("created_at", "email")


async def get_user(actor: Actor, user_id: str) -> User | None:
    """Admins, or the user themself (Forbidden otherwise); Invalid for a bad id.

    None when there is no such user."""
    uid = parse_uuid(user_id, "id")
    if not actor.owns_or_admin(uid):
        raise Forbidden("only admins can read other users")
    return await User.get_or_none(id=uid)


async def create_user(
    actor: Actor, email: str, display_name: str, password: str, is_admin: bool = False
) -> User:
    """Admins only (Forbidden otherwise); Invalid for the email, display name or password,
    Conflict for a taken email."""
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


async def _new_password_hash(password: str | None) -> str | None:
    """The hash to store for a reset password (None: no reset); Invalid for the policy."""
    if password is None:
        return None
    passwords.check_policy(password)
    return await passwords.hash_password(password)


async def _check_rights_change(
    user: User, *, password: bool, is_admin: bool | None, is_active: bool | None
) -> None:
    """Forbidden for the system user's rights or password; Conflict when the change would
    leave no active admin."""
    if user.is_system and (is_admin is not None or password or is_active is not None):
        raise Forbidden(
            "the system user cannot be promoted, demoted, given a password, "
            "activated or deactivated"
        )
    losing_admin = user.is_admin and user.is_active and (is_admin is False or is_active is False)
    if losing_admin and await _other_active_admins(user.id) == 0:
        raise Conflict("cannot demote or deactivate the last active admin")


def _apply_user_changes(
    user: User,
    display_name: str | None,
    is_admin: bool | None,
    is_active: bool | None,
    new_hash: str | None,
) -> dict[str, object]:
    """Set what differs on the row (not saved); returns the changes, as audited."""
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
    return changes


def _ends_sessions(changes: dict[str, object]) -> bool:
    """A password reset, a deactivation or a demotion ends the user's sessions."""
    return (
        "password" in changes
        or changes.get("isActive") is False
        or (changes.get("isAdmin") is False)
    )


async def update_user(
    actor: Actor,
    user_id: str,
    *,
    display_name: str | None = None,
    password: str | None = None,
    is_admin: bool | None = None,
    is_active: bool | None = None,
) -> User:
    """Admins only (Forbidden otherwise); Invalid for a bad id, display name or password,
    NotFound for a missing user, Forbidden for the system user's rights or password,
    Conflict for demoting or deactivating the last active admin.

    Fields left None stay as they are. A new password, a demotion or a deactivation ends
    every session and API token of the user; a deactivation cancels their jobs."""
    require_admin(actor, "only admins can update users")
    if display_name is not None:
        display_name = field_rules.display_name(display_name)
    new_hash = await _new_password_hash(password)
    async with in_transaction():
        user = await _get_user(user_id)
        await _check_rights_change(
            user, password=password is not None, is_admin=is_admin, is_active=is_active
        )
        changes = _apply_user_changes(user, display_name, is_admin, is_active, new_hash)
        ends_sessions = _ends_sessions(changes)
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
    """Admins only (Forbidden otherwise); Invalid for a negative limit or a bad id, NotFound
    for a missing user.

    Replaces all three limits (None: no own limit)."""
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
    """Admins only (Forbidden otherwise, also for the system user); Invalid for a bad id,
    NotFound when missing, Conflict for the last active admin."""
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
    session_end.announce(str(user_id))
    await audit.record(actor, "user_deleted", "user", str(user_id), {"email": email})
    return True


async def _check_current_password(actor: Actor, user: User, current_password: str | None) -> None:
    if not current_password:
        raise Invalid("currentPassword is required to change the password", field="currentPassword")
    # Counted like a login: a stolen session must not become a password oracle.
    attempt = await login_counters.count(user.email, actor.ip)
    if attempt.retry_after is not None:
        raise RateLimited(
            f"too many failed password checks; try again in {attempt.retry_after} s",
            attempt.retry_after,
        )
    ok, _ = await passwords.verify_password(current_password, user.password_hash)
    if not ok:
        raise Invalid("currentPassword is incorrect", field="currentPassword")
    await login_counters.succeeded(user.email, actor.ip, attempt)


async def update_me(
    actor: Actor,
    *,
    display_name: str | None = None,
    current_password: str | None = None,
    new_password: str | None = None,
) -> User:
    """Any signed-in actor, for themself; Forbidden for the system user's password, Invalid
    for the display name, the new password or a missing or wrong current one, RateLimited
    after too many wrong ones, NotFound if their row is gone.

    A new password ends every other session and API token of the user."""
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
