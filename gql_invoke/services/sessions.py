"""Signed-in sessions (one AuthSession row per issued JWT): open, seen, listed, revoked.

Session.id is the row's public_id, not the JWT's jti. The jti is not a secret by
itself (it travels inside the JWT), but it is the second thing a forged token
needs should the signing secret leak: listing it to every read-scope API token
would hand that over. The public id is random and used for nothing else.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import AuthSession
from gql_invoke.errors import Invalid, NotFound
from gql_invoke.services import audit, field_rules, session_end

# last_seen_at is for people ("active 3 minutes ago"): one write a minute per session
# is plenty, and a write per request would serialize every request on SQLite.
LAST_SEEN_EVERY = timedelta(seconds=60)
USER_AGENT_MAX = 255  # the column's length
_PUBLIC_ID = re.compile(r"[0-9a-f]{32}")


async def open_session(
    jti: str, user_id: str, expires_at: datetime, ip: str | None, user_agent: str | None
) -> AuthSession:
    """Internal: auth's login and setup (a new JWT); raises nothing.

    Records the session, then sweeps expired ones."""
    now = datetime.now(UTC)
    row = await AuthSession.create(
        jti=jti,
        public_id=uuid.uuid4().hex,
        user_id=user_id,
        expires_at=expires_at,
        last_seen_at=now,
        ip=ip[:64] if ip else None,
        user_agent=field_rules.printable(user_agent, USER_AGENT_MAX),
    )
    # Expired sessions are useless rows; sweep them while we are here.
    await AuthSession.filter(expires_at__lt=now).delete()
    return row


async def still_open(jti: str) -> bool:
    """Internal: auth.authenticate (every request); raises nothing.

    Whether the session is live (not revoked); notes that it was seen.

    The read was needed anyway (revocation check); the write happens only when the
    stored last_seen_at is over a minute old.
    """
    seen = (
        await AuthSession.filter(jti=jti, revoked=False)
        .limit(1)
        .values_list("last_seen_at", flat=True)
    )
    if not seen:
        return False
    now = datetime.now(UTC)
    last = seen[0]
    if not isinstance(last, datetime) or now - last >= LAST_SEEN_EVERY:
        await AuthSession.filter(jti=jti).update(last_seen_at=now)
    return True


async def list_own(actor: Actor) -> list[AuthSession]:
    """Any signed-in actor (their own; the system actor has none); raises nothing.

    The caller's signed-in sessions still in force, newest first (API tokens are not
    sessions: they are listed by apiTokens)."""
    if actor.is_system:
        return []
    return await AuthSession.filter(
        user_id=actor.user_id,
        revoked=False,
        expires_at__gt=datetime.now(UTC),
    ).order_by("-created_at", "-public_id")


def parse_public_id(value: str) -> str:
    """Internal: revoke; Invalid unless 32 hex digits.

    The session id, trimmed and lower-cased."""
    public_id = str(value).strip().lower()
    if not _PUBLIC_ID.fullmatch(public_id):
        raise Invalid("id is not a valid session id", field="id")
    return public_id


async def revoke(actor: Actor, session_id: str) -> bool:
    """Any signed-in actor, for their own sessions; Invalid for a bad id, NotFound for
    anyone else's, an ended or an unknown session.

    Ids of others' sessions are not confirmed: they all answer alike."""
    public_id = parse_public_id(session_id)
    row = await AuthSession.get_or_none(
        public_id=public_id, user_id=actor.user_id, revoked=False, expires_at__gt=datetime.now(UTC)
    )
    if row is None or actor.is_system:
        raise NotFound("session not found")
    row.revoked = True
    await row.save(update_fields=["revoked"])
    session_end.announce(actor.user_id)
    await audit.record(actor, "session_revoked", "session", public_id)
    return True
