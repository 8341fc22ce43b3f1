"""Sliding-window sign-in counters per account and client, kept in the database so every
process of a deployment sees the same counts (service level, SQLite; the PostgreSQL
scale-out test checks two API processes share them)."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from gql_invoke import runtime
from gql_invoke.auth.rate_limit import ACCOUNT, CLIENT
from gql_invoke.config import Settings
from gql_invoke.db.models import LoginAttempt
from gql_invoke.services import login_counters

pytestmark = pytest.mark.usefixtures("db")

EMAIL = "a@b.local"


def limits(db: Settings, per_account: int = 100, per_ip: int = 100) -> None:
    runtime.start(
        dataclasses.replace(
            db,
            login_max_failures_per_account=per_account,
            login_max_failures_per_ip=per_ip,
            login_failure_window_minutes=1,
        )
    )


async def fail(
    times: int, email: str = EMAIL, ip: str | None = "1.1.1.1", now: float = 1000.0
) -> list[int | None]:
    return [(await login_counters.count(email, ip, now=now + i)).retry_after for i in range(times)]


async def test_account_is_refused_after_max_failures_with_retry_after(db: Settings) -> None:
    limits(db, per_account=3)
    results = await fail(4)
    assert results[:3] == [None, None, None]
    # The oldest counted attempt (t=1000) ages out at 1060; now is 1003.
    assert results[3] == 57


async def test_window_slides_and_lets_the_account_try_again(db: Settings) -> None:
    limits(db, per_account=2)
    await fail(2)
    assert (await login_counters.count(EMAIL, "1.1.1.1", now=1030)).retry_after is not None
    assert (await login_counters.count(EMAIL, "1.1.1.1", now=1061)).retry_after is None


async def test_refused_attempts_do_not_extend_the_lockout(db: Settings) -> None:
    limits(db, per_account=1)
    await fail(1)
    for t in range(1001, 1050, 7):
        assert (await login_counters.count(EMAIL, "1.1.1.1", now=t)).retry_after is not None
    assert (await login_counters.count(EMAIL, "1.1.1.1", now=1060)).retry_after is None


async def test_ip_limit_spans_accounts(db: Settings) -> None:
    limits(db, per_ip=3)
    for i in range(3):
        assert (
            await login_counters.count(f"user{i}@b.local", "9.9.9.9", now=1000)
        ).retry_after is None
    assert (
        await login_counters.count("other@b.local", "9.9.9.9", now=1001)
    ).retry_after is not None
    assert (await login_counters.count("other@b.local", "8.8.8.8", now=1001)).retry_after is None


async def test_success_clears_the_account_and_uncounts_itself_for_the_ip(db: Settings) -> None:
    limits(db, per_account=3, per_ip=3)
    await fail(2)
    verdict = await login_counters.count(EMAIL, "1.1.1.1", now=1010)
    assert verdict.retry_after is None and len(verdict.row_ids) == 2
    await login_counters.succeeded(EMAIL, "1.1.1.1", verdict)
    # Account: clean slate. IP: the two failures still count, the success does not.
    assert (await login_counters.count(EMAIL, "1.1.1.1", now=1011)).retry_after is None
    assert (await login_counters.count(EMAIL, "1.1.1.1", now=1012)).retry_after is not None


async def test_no_ip_means_only_the_account_limit(db: Settings) -> None:
    limits(db, per_account=2, per_ip=1)
    assert (await login_counters.count(EMAIL, None, now=1)).retry_after is None
    assert (await login_counters.count("b@b.local", None, now=2)).retry_after is None


async def test_rows_past_the_window_are_deleted(db: Settings) -> None:
    limits(db, per_account=5, per_ip=1000)
    for i in range(20):
        await login_counters.count(f"u{i}@b.local", "1.1.1.1", now=1000)
    assert await LoginAttempt.all().count() == 40  # account + client row each
    login_counters._last_prune = 0.0
    await login_counters.count("late@b.local", "1.1.1.2", now=2000)
    assert await LoginAttempt.all().count() == 2  # only the late attempt's rows


async def test_account_limit_is_per_client_so_others_still_sign_in(db: Settings) -> None:
    limits(db, per_account=2)
    await fail(2, ip="6.6.6.6")
    verdict = await login_counters.count(EMAIL, "6.6.6.6", now=1005)
    assert verdict.retry_after is not None and verdict.limit == ACCOUNT
    assert (await login_counters.count(EMAIL, "7.7.7.7", now=1005)).retry_after is None


async def test_success_from_one_client_leaves_another_clients_failures(db: Settings) -> None:
    limits(db, per_account=2)
    await fail(2, ip="6.6.6.6")
    verdict = await login_counters.count(EMAIL, "7.7.7.7", now=1005)
    await login_counters.succeeded(EMAIL, "7.7.7.7", verdict)
    assert (await login_counters.count(EMAIL, "6.6.6.6", now=1006)).retry_after is not None


async def test_ip_refusal_is_named_ip_even_when_the_account_is_also_full(db: Settings) -> None:
    limits(db, per_account=1, per_ip=1)
    await fail(1)
    assert (await login_counters.count(EMAIL, "1.1.1.1", now=1001)).limit == CLIENT


async def test_forgetting_an_account_clears_every_client_and_only_that_account(
    db: Settings,
) -> None:
    limits(db, per_account=2)
    await fail(2, email="a_b@b.local", ip="6.6.6.6")
    await fail(2, email="a_b@b.local", ip="7.7.7.7")
    # "_" is a LIKE wildcard: "axb@..." must not be taken for "a_b@...".
    await fail(2, email="axb@b.local", ip="6.6.6.6")
    assert await login_counters.forget_account("a_b@b.local") == 4
    assert (await login_counters.count("a_b@b.local", "6.6.6.6", now=1010)).retry_after is None
    assert (await login_counters.count("a_b@b.local", "7.7.7.7", now=1010)).retry_after is None
    assert (await login_counters.count("axb@b.local", "6.6.6.6", now=1010)).retry_after is not None


async def test_client_only_attempts_count_toward_the_ip_limit(db: Settings) -> None:
    limits(db, per_ip=2)
    first = await login_counters.count_client("5.5.5.5", now=1000)
    assert (await login_counters.count_client("5.5.5.5", now=1001)).retry_after is None
    refused = await login_counters.count_client("5.5.5.5", now=1002)
    assert refused.retry_after == 58 and refused.limit == CLIENT
    assert (await login_counters.count(EMAIL, "5.5.5.5", now=1002)).retry_after is not None
    await login_counters.forgive(first)
    assert (await login_counters.count_client("5.5.5.5", now=1003)).retry_after is None
    assert (await login_counters.count_client(None, now=1003)).retry_after is None


async def test_concurrent_attempts_never_pass_the_limit(db: Settings) -> None:
    limits(db, per_account=3)
    verdicts = await asyncio.gather(
        *(login_counters.count(EMAIL, "1.1.1.1", now=1000) for _ in range(10))
    )
    assert sum(v.retry_after is None for v in verdicts) == 3
    assert await LoginAttempt.filter(key=login_counters.account_key(EMAIL, "1.1.1.1")).count() == 3
