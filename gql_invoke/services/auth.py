"""Sign-in: setup of the first admin, login, logout, and turning a token into an Actor."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth import passwords, tokens
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.auth.rate_limit import Verdict
from gql_invoke.db.models import ApiToken, AuthSession, User
from gql_invoke.domain import Scope
from gql_invoke.errors import Conflict, Forbidden, Invalid, Unauthenticated
from gql_invoke.services import (
    app_settings,
    audit,
    field_rules,
    login_counters,
    login_limits,
    session_end,
    sessions,
)

MULTIUSER_DISABLED = "multiuser mode is disabled"
BAD_CREDENTIALS = "incorrect email or password"
API_TOKEN_PREFIX = "gqi_"

# API tokens' last_used_at, like sessions' last_seen_at: a write a minute, not a request.
LAST_USED_EVERY = timedelta(seconds=60)


# An attempt already counted against the limits; retry_after set means refused.
LoginAttempt = Verdict


@dataclass(frozen=True)
class Session:
    token: str
    expires_at: datetime
    user: User


async def active_admin_exists() -> bool:
    """Internal: setup and setup_status; raises nothing.

    Whether an active admin (a person, not the system user) exists."""
    return await User.filter(is_admin=True, is_active=True, is_system=False).exists()


async def setup_status() -> tuple[bool, bool]:
    """Anyone, signed in or not; raises nothing.

    (setup_required, multiuser_enabled)."""
    multiuser = runtime.current().settings.multiuser
    return (multiuser and not await active_admin_exists()), multiuser


async def _issue(user: User, remember_me: bool, ip: str | None, user_agent: str | None) -> Session:
    settings = runtime.current().settings
    lifetime = (
        settings.jwt_remember_me_days * 86400
        if remember_me
        else settings.jwt_token_expiry_hours * 3600
    )
    token, claims = tokens.issue(
        await app_settings.jwt_secret(), str(user.id), user.token_version, lifetime
    )
    expires_at = datetime.fromtimestamp(claims.expires_at, UTC)
    await sessions.open_session(claims.token_id, str(user.id), expires_at, ip, user_agent)
    return Session(token=token, expires_at=expires_at, user=user)


async def setup(
    email: str,
    display_name: str,
    password: str,
    ip: str | None = None,
    user_agent: str | None = None,
) -> Session:
    """Anyone (anonymous) while no active admin exists; Forbidden in single-user mode,
    RateLimited past the client's limit, Conflict once an admin exists or for a taken email,
    Invalid for the email, display name or password.

    Creates the first admin and signs them in."""
    if not runtime.current().settings.multiuser:
        raise Forbidden(MULTIUSER_DISABLED)
    # Anyone may call setup, so every call counts against the client's limit, and a
    # finished setup is refused before the (deliberately slow) password hash: 48
    # such calls used to push a real sign-in from 0.2 s to 10 s.
    verdict = await login_limits.begin_setup(ip)
    if verdict.retry_after is not None:
        await login_limits.refuse("setup_rate_limited", verdict, None, ip)
    if await active_admin_exists():
        raise Conflict("setup is already done: an administrator exists")
    email = field_rules.email(email)
    display_name = field_rules.display_name(display_name)
    passwords.check_policy(password)
    password_hash = await passwords.hash_password(password)
    async with in_transaction():
        # Again inside the transaction: two first setups may race past the check above.
        if await active_admin_exists():
            raise Conflict("setup is already done: an administrator exists")
        if await User.filter(email=email).exists():
            raise Conflict("a user with this email already exists", field="email")
        user = await User.create(
            email=email, display_name=display_name, password_hash=password_hash, is_admin=True
        )
    await login_counters.forgive(verdict)
    await audit.record(
        None, "setup", "user", str(user.id), {"email": email}, ip=ip, actor_id=str(user.id)
    )
    return await _issue(user, remember_me=False, ip=ip, user_agent=user_agent)


async def count_login_attempts(emails: list[str], ip: str | None) -> list[LoginAttempt | None]:
    """Internal: the login resolver (resolvers/auth), once per request; raises nothing.

    Count every login of one request before any of them runs.

    A request carrying more attempts than an account has left is refused as a
    whole, so aliases cannot slip guesses past the limit. None: not an email
    (that login fails validation without costing an attempt).
    """
    counted: list[LoginAttempt | None] = []
    for email in emails:
        try:
            normalized = field_rules.email(email)
        except Invalid:
            counted.append(None)
            continue
        counted.append(await login_limits.begin_login(normalized, ip))
    refused = [c for c in counted if c is not None and c.retry_after is not None]
    if not refused:
        return counted
    worst = max(refused, key=lambda c: c.retry_after or 0)
    return [
        None if c is None else LoginAttempt(worst.retry_after, c.stamp, worst.limit, c.row_ids)
        for c in counted
    ]


async def login(
    email: str,
    password: str,
    remember_me: bool,
    ip: str | None,
    attempt: LoginAttempt | None = None,
    user_agent: str | None = None,
) -> Session:
    """Anyone (anonymous); Forbidden in single-user mode or for a disabled account, Invalid
    for a malformed email, RateLimited past the limits, Unauthenticated for a wrong email or
    password.

    ``attempt``: counted beforehand by count_login_attempts (several logins at once)."""
    rt = runtime.current()
    if not rt.settings.multiuser:
        raise Forbidden(MULTIUSER_DISABLED)
    # A malformed address names no account, so saying so reveals nothing.
    email = field_rules.email(email)
    if attempt is None:
        attempt = await login_limits.begin_login(email, ip)
    if attempt.retry_after is not None:
        await login_limits.refuse("login_rate_limited", attempt, email, ip)
    user = await User.get_or_none(email=email, is_system=False)
    ok, new_hash = await passwords.verify_password(password, user.password_hash if user else None)
    if user is None or not ok:
        await audit.record(
            None, "login_failed", "user", str(user.id) if user else None, {"email": email}, ip=ip
        )
        raise Unauthenticated(BAD_CREDENTIALS)
    if not user.is_active:
        await audit.record(
            None,
            "login_failed",
            "user",
            str(user.id),
            {"email": email, "reason": "disabled"},
            ip=ip,
        )
        raise Forbidden("account is disabled")
    await login_counters.succeeded(email, ip, attempt)
    user.last_login_at = datetime.now(UTC)
    update_fields = ["last_login_at"]
    if new_hash:
        user.password_hash = new_hash
        update_fields.append("password_hash")
    await user.save(update_fields=update_fields)
    await audit.record(
        None, "login", "user", str(user.id), {"email": email}, ip=ip, actor_id=str(user.id)
    )
    return await _issue(user, remember_me, ip, user_agent)


async def logout(actor: Actor) -> bool:
    """Any signed-in actor (ends their own credential); raises nothing.

    Revoke the credential this request came with; False when there is none."""
    if actor.api_token_id is not None:
        await ApiToken.filter(id=actor.api_token_id).update(revoked=True)
        session_end.announce(actor.user_id)
        return True
    if actor.token_id is None:
        return False  # single-user mode: no session to end
    await AuthSession.filter(jti=actor.token_id).update(revoked=True)
    session_end.announce(actor.user_id)  # the same token's other tabs end too
    return True


async def logout_everywhere(actor: Actor) -> bool:
    """Any signed-in actor (their own sessions and API tokens); raises nothing.

    False for the system actor, who has none."""
    if actor.is_system:
        return False
    await end_sessions(actor.user_id)
    return True


async def end_sessions(
    user_id: str, keep_token_id: str | None = None, keep_api_token_id: str | None = None
) -> None:
    """Internal: users (password, rights, deactivation) and logout_everywhere; raises
    nothing.

    Revoke the user's sessions and API tokens, except the ones named."""
    query = AuthSession.filter(user_id=user_id, revoked=False)
    if keep_token_id:
        query = query.exclude(jti=keep_token_id)
    await query.update(revoked=True)
    api_query = ApiToken.filter(user_id=user_id, revoked=False)
    if keep_api_token_id:
        api_query = api_query.exclude(id=keep_api_token_id)
    await api_query.update(revoked=True)
    session_end.announce(user_id)


def hash_api_token(secret: str) -> str:
    """Internal: api_tokens and authenticate; raises nothing.

    The stored form of an API token: its SHA-256, in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


async def authenticate(token: str | None, ip: str | None = None) -> Actor:
    """Internal: the request context, the permission classes and live.recheck;
    Unauthenticated for a missing, invalid, expired or revoked credential or a disabled
    account (never in single-user mode).

    Turn a bearer token into an Actor, reading rights from the database.

    Single-user mode: always the system actor. Multiuser: raises Unauthenticated.
    """
    settings = runtime.current().settings
    if not settings.multiuser:
        return system_actor(multiuser=False, ip=ip)
    if not token:
        raise Unauthenticated("sign in first: send Authorization: Bearer <token>")
    if not token.isascii():
        # Tokens are ASCII; anything else (a lone surrogate from a websocket payload)
        # would fail inside hashing or JWT decoding instead of being refused.
        raise Unauthenticated("invalid token")
    if token.startswith(API_TOKEN_PREFIX):
        return await _authenticate_api_token(token, ip)
    try:
        claims = tokens.decode(await app_settings.jwt_secret(), token)
    except tokens.InvalidToken as exc:
        raise Unauthenticated(str(exc)) from None
    user = await User.get_or_none(id=claims.user_id)
    if user is None or user.is_system or user.token_version != claims.version:
        raise Unauthenticated("session has ended; sign in again")
    if not user.is_active:
        raise Unauthenticated("account is disabled")
    if not await sessions.still_open(claims.token_id):
        raise Unauthenticated("session has ended; sign in again")
    return Actor(
        user_id=str(user.id),
        display_name=user.display_name,
        is_admin=user.is_admin,
        multiuser=True,
        token_id=claims.token_id,
        ip=ip,
    )


async def _authenticate_api_token(token: str, ip: str | None) -> Actor:
    row = await ApiToken.get_or_none(token_hash=hash_api_token(token), revoked=False)
    now = datetime.now(UTC)
    if row is None or (row.expires_at is not None and row.expires_at <= now):
        raise Unauthenticated("invalid or expired API token")
    user = await User.get_or_none(id=row.user_id)
    if user is None or not user.is_active or user.is_system:
        raise Unauthenticated("account is disabled")
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY:
        row.last_used_at = now
        await row.save(update_fields=["last_used_at"])
    scopes = frozenset(row.scopes)
    # A token never carries more than its owner has now: "admin" needs an admin.
    is_admin = user.is_admin and Scope.ADMIN in scopes
    return Actor(
        user_id=str(user.id),
        display_name=user.display_name,
        is_admin=is_admin,
        multiuser=True,
        scopes=scopes,
        api_token_id=str(row.id),
        ip=ip,
    )
