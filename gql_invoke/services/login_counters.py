"""Sign-in attempt counters in the database, shared by every process of a deployment.

Sliding windows per (account, client IP) and per client IP, one ``login_attempts`` row
per counted attempt. In memory, N API processes (``serve --processes N``) would grant N
times the attempts, and an unlock or a success seen by one process would not reach the
others; rows in the database are seen by all of them.

An attempt is counted the moment it starts, inside one transaction that first locks
its keys (PostgreSQL: transaction-scoped advisory locks; SQLite: transactions begin
IMMEDIATE, so they already run one at a time): aliased or batched logins in one request,
or the same guess sent to two processes, run concurrently, and a check-then-count
scheme would let all of them through. An attempt is forgiven only when it succeeds.

The account limit is kept per (account, client IP), not per account: counted per
account alone, five wrong passwords sent from anywhere lock the owner out as well.
Keyed by client too, the guessing client is refused and the owner signs in from
elsewhere; the per-IP limit still bounds what one client tries across all accounts,
and anonymous setup calls count against it too.

Times are wall-clock seconds (``now`` is a parameter so the windows can be tested).
Rows older than the window are deleted as keys are counted and, at most once a minute,
for every key, so a spray of made-up addresses leaves nothing behind after the window.
"""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth.rate_limit import ACCOUNT, CLIENT, Verdict
from gql_invoke.db.models import LoginAttempt

# The separator cannot occur in a validated email address or an IP address.
_SEP = "\x1f"
PRUNE_EVERY_S = 60.0
_last_prune = 0.0


def account_key(email: str, ip: str | None) -> str:
    """Internal: this module and its tests; raises nothing. The key of (account, client)."""
    return f"{ACCOUNT}{_SEP}{email}{_SEP}{ip or ''}"


def client_key(ip: str) -> str:
    """Internal: this module; raises nothing. The key of one client."""
    return f"{CLIENT}{_SEP}{ip}"


def _limits() -> tuple[int, int, int]:
    s = runtime.current().settings
    return (
        s.login_max_failures_per_account,
        s.login_max_failures_per_ip,
        s.login_failure_window_minutes * 60,
    )


def _when(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


async def _lock(keys: list[str]) -> None:
    """Hold the keys until the transaction ends (PostgreSQL; SQLite holds the database)."""
    conn = Tortoise.get_connection("default")
    if conn.capabilities.dialect != "postgres":
        return
    for key in sorted(keys):  # one order everywhere: no deadlock between two callers
        await conn.execute_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key])


async def _wait(key: str, limit: int, window_s: int, now: float) -> int | None:
    """Seconds until ``key`` may try again, None when under its limit; drops old rows."""
    cutoff = _when(now - window_s)
    await LoginAttempt.filter(key=key, at__lte=cutoff).delete()
    recent = await LoginAttempt.filter(key=key).order_by("-at").limit(limit).values_list("at")
    if len(recent) < limit:
        return None
    # The limit-th most recent attempt ages out first: then one more may be counted.
    oldest: datetime = recent[-1][0]
    return max(1, math.ceil(oldest.timestamp() + window_s - now))


async def _prune(window_s: int, now: float) -> None:
    global _last_prune
    if now - _last_prune < PRUNE_EVERY_S:
        return
    _last_prune = now
    await LoginAttempt.filter(at__lte=_when(now - window_s)).delete()


async def count(email: str, ip: str | None, now: float | None = None) -> Verdict:
    """Internal: login_limits (sign-in and password checks); raises nothing.

    Count a sign-in attempt on (email, ip) and on ip, unless a limit refuses it (then
    nothing is counted: refused attempts do not extend the lockout)."""
    now = time.time() if now is None else now
    per_account, per_ip, window_s = _limits()
    account = account_key(email, ip)
    client = client_key(ip) if ip else None
    await _prune(window_s, now)
    async with in_transaction():
        await _lock([k for k in (account, client) if k])
        account_wait = await _wait(account, per_account, window_s, now)
        ip_wait = await _wait(client, per_ip, window_s, now) if client else None
        if ip_wait is not None:
            # Named first: an unlock of the account cannot lift this one.
            return Verdict(max(ip_wait, account_wait or 0), now, CLIENT)
        if account_wait is not None:
            return Verdict(account_wait, now, ACCOUNT)
        at = _when(now)
        rows = [await LoginAttempt.create(key=account, at=at)]
        if client:
            rows.append(await LoginAttempt.create(key=client, at=at))
    return Verdict(None, now, None, tuple(r.id for r in rows))


async def count_client(ip: str | None, now: float | None = None) -> Verdict:
    """Internal: login_limits.begin_setup (anonymous setup); raises nothing.

    Count an attempt against the client only (setup names no account)."""
    now = time.time() if now is None else now
    if not ip:
        return Verdict(None, now)
    _, per_ip, window_s = _limits()
    key = client_key(ip)
    async with in_transaction():
        await _lock([key])
        wait = await _wait(key, per_ip, window_s, now)
        if wait is not None:
            return Verdict(wait, now, CLIENT)
        row = await LoginAttempt.create(key=key, at=_when(now))
    return Verdict(None, now, None, (row.id,))


async def forgive(verdict: Verdict) -> None:
    """Internal: auth.setup, once the setup succeeded; raises nothing.

    Un-count the attempt (its rows)."""
    if verdict.row_ids:
        await LoginAttempt.filter(id__in=list(verdict.row_ids)).delete()


async def succeeded(email: str, ip: str | None, verdict: Verdict) -> None:
    """Internal: auth.login and users' password checks, after the password matched; raises
    nothing.

    Clear the failures of (account, this client) and un-count this attempt for the
    client. Other clients' failures on the account stay: the owner signing in must not
    hand a guesser a fresh budget."""
    await LoginAttempt.filter(key=account_key(email, ip)).delete()
    await forgive(verdict)


async def forget_account(email: str) -> int:
    """Internal: login_limits.unlock_user (admins); raises nothing.

    Forget the account's failures from every client; returns how many were dropped."""
    prefix = f"{ACCOUNT}{_SEP}{email}{_SEP}"
    # Tortoise escapes LIKE's wildcards (an address may hold _ or %) and adds ESCAPE.
    return await LoginAttempt.filter(key__startswith=prefix).delete()
