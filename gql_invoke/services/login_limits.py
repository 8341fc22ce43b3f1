"""Sign-in limits around the shared counters (login_counters): admins' unlocks, and
refusals audited as one aggregated row per limited key and window."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NoReturn

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.auth.rate_limit import ACCOUNT, Verdict
from gql_invoke.db.models import AuditEvent, User
from gql_invoke.errors import NotFound, RateLimited
from gql_invoke.services import audit, login_counters
from gql_invoke.services.scope import parse_uuid, require_admin


async def begin_login(email: str, ip: str | None) -> Verdict:
    """Internal: auth.login and count_login_attempts (anonymous callers); raises nothing.

    Count one sign-in attempt of ``email`` from ``ip`` (refused: nothing counted)."""
    return await login_counters.count(email, ip)


async def begin_setup(ip: str | None) -> Verdict:
    """Internal: auth.setup (anonymous callers); raises nothing.

    Anonymous setup calls count against the client's limit (login_max_failures_per_ip)."""
    return await login_counters.count_client(ip)


async def refuse(action: str, verdict: Verdict, email: str | None, ip: str | None) -> NoReturn:
    """Internal: auth's login and setup; always raises RateLimited (after the audit row).

    Audits the refused attempt (one aggregated row per key and window)."""
    assert verdict.retry_after is not None
    await _record_refusal(action, verdict, email, ip)
    what = "setup attempts" if action.startswith("setup") else "failed sign-in attempts"
    raise RateLimited(f"too many {what}; try again in {verdict.retry_after} s", verdict.retry_after)


async def _record_refusal(action: str, verdict: Verdict, email: str | None, ip: str | None) -> None:
    """One row per (account and client, or client) and window, its detail.count kept
    current: a flood of refused requests must not grow the audit log without bound."""
    refusals = runtime.current().login_refusals
    by_account = verdict.limit == ACCOUNT
    key = (action, email if by_account else None, ip)
    entry, first = refusals.note(key, verdict.stamp)

    def detail() -> dict[str, Any]:
        found: dict[str, Any] = {
            "limit": verdict.limit,
            "count": entry.count,
            "last": datetime.fromtimestamp(entry.last, UTC).isoformat(),
        }
        if by_account and email:
            found["email"] = email
        return found

    if first:
        written = detail()
        row = await AuditEvent.create(
            actor_id=None, action=action, target_type="user", target_id=None, detail=written, ip=ip
        )
        entry.row_id = row.id
        if entry.count != written["count"]:  # refusals that came in while we wrote
            await AuditEvent.filter(id=row.id).update(detail=detail())
    elif entry.row_id is not None:
        await AuditEvent.filter(id=entry.row_id).update(detail=detail())
    # else: the first refusal of this window is still writing its row; it writes the count.


async def unlock_user(actor: Actor, user_id: str) -> User:
    """Admins only (Forbidden otherwise); Invalid for a bad id, NotFound for a missing or
    system user.

    Clear every sign-in failure counter of the account (shared rows: every process
    sees it at once); the row keeps when it was last unlocked."""
    require_admin(actor, "only admins can unlock accounts")
    user = await User.get_or_none(id=parse_uuid(user_id, "id"), is_system=False)
    if user is None:
        raise NotFound("user not found")
    user.login_unlocked_at = datetime.now(UTC)
    await user.save(update_fields=["login_unlocked_at"])
    await login_counters.forget_account(user.email)
    await audit.record(actor, "user_unlocked", "user", str(user.id), {"email": user.email})
    return user
