"""Sliding-window login limits per account and per client IP."""

from __future__ import annotations

import pytest

from gql_invoke.auth import rate_limit
from gql_invoke.auth.rate_limit import LoginRateLimiter


def fail(
    limiter: LoginRateLimiter,
    times: int,
    email: str = "a@b.local",
    ip: str = "1.1.1.1",
    now: float = 1000.0,
) -> list[int | None]:
    return [limiter.begin(email, ip, now=now + i)[0] for i in range(times)]


def test_account_is_refused_after_max_failures_with_retry_after() -> None:
    limiter = LoginRateLimiter(per_account=3, per_ip=100, window_minutes=1)
    results = fail(limiter, 4)
    assert results[:3] == [None, None, None]
    # The oldest counted attempt (t=1000) ages out at 1060; now is 1003.
    assert results[3] == 57


def test_window_slides_and_lets_the_account_try_again() -> None:
    limiter = LoginRateLimiter(per_account=2, per_ip=100, window_minutes=1)
    fail(limiter, 2)
    assert limiter.begin("a@b.local", "1.1.1.1", now=1030)[0] is not None
    assert limiter.begin("a@b.local", "1.1.1.1", now=1061)[0] is None


def test_refused_attempts_do_not_extend_the_lockout() -> None:
    limiter = LoginRateLimiter(per_account=1, per_ip=100, window_minutes=1)
    fail(limiter, 1)
    for t in range(1001, 1050):
        assert limiter.begin("a@b.local", "1.1.1.1", now=t)[0] is not None
    assert limiter.begin("a@b.local", "1.1.1.1", now=1060)[0] is None


def test_ip_limit_spans_accounts() -> None:
    limiter = LoginRateLimiter(per_account=100, per_ip=3, window_minutes=1)
    for i in range(3):
        assert limiter.begin(f"user{i}@b.local", "9.9.9.9", now=1000)[0] is None
    assert limiter.begin("other@b.local", "9.9.9.9", now=1001)[0] is not None
    assert limiter.begin("other@b.local", "8.8.8.8", now=1001)[0] is None


def test_success_clears_the_account_and_uncounts_itself_for_the_ip() -> None:
    limiter = LoginRateLimiter(per_account=3, per_ip=3, window_minutes=1)
    fail(limiter, 2)
    retry, stamp = limiter.begin("a@b.local", "1.1.1.1", now=1010)
    assert retry is None
    limiter.succeeded("a@b.local", "1.1.1.1", stamp)
    # Account: clean slate. IP: the two failures still count, the success does not.
    assert limiter.begin("a@b.local", "1.1.1.1", now=1011)[0] is None
    assert limiter.begin("a@b.local", "1.1.1.1", now=1012)[0] is not None


def test_no_ip_means_only_the_account_limit() -> None:
    limiter = LoginRateLimiter(per_account=2, per_ip=1, window_minutes=1)
    assert limiter.begin("a@b.local", None, now=1)[0] is None
    assert limiter.begin("b@b.local", None, now=2)[0] is None


def test_stale_keys_are_pruned_when_the_table_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limit, "PRUNE_ABOVE", 10)
    limiter = LoginRateLimiter(per_account=5, per_ip=1000, window_minutes=1)
    for i in range(20):
        limiter.begin(f"u{i}@b.local", "1.1.1.1", now=1000)
    assert len(limiter._accounts) == 20  # all within the window: nothing to forget
    limiter.begin("late@b.local", "1.1.1.1", now=2000)
    assert len(limiter._accounts) == 1


def test_account_limit_is_per_client_so_others_still_sign_in() -> None:
    limiter = LoginRateLimiter(per_account=2, per_ip=100, window_minutes=1)
    fail(limiter, 2, ip="6.6.6.6")
    verdict = limiter.check("a@b.local", "6.6.6.6", now=1005)
    assert verdict.retry_after is not None and verdict.limit == rate_limit.ACCOUNT
    assert limiter.check("a@b.local", "7.7.7.7", now=1005).retry_after is None


def test_success_from_one_client_leaves_another_clients_failures() -> None:
    limiter = LoginRateLimiter(per_account=2, per_ip=100, window_minutes=1)
    fail(limiter, 2, ip="6.6.6.6")
    retry, stamp = limiter.begin("a@b.local", "7.7.7.7", now=1005)
    limiter.succeeded("a@b.local", "7.7.7.7", stamp)
    assert limiter.check("a@b.local", "6.6.6.6", now=1006).retry_after is not None


def test_ip_refusal_is_named_ip_even_when_the_account_is_also_full() -> None:
    limiter = LoginRateLimiter(per_account=1, per_ip=1, window_minutes=1)
    fail(limiter, 1)
    assert limiter.check("a@b.local", "1.1.1.1", now=1001).limit == rate_limit.CLIENT


def test_unlock_forgets_every_clients_failures_up_to_a_stamp() -> None:
    limiter = LoginRateLimiter(per_account=2, per_ip=100, window_minutes=1)
    fail(limiter, 2, ip="6.6.6.6", now=1000)
    fail(limiter, 2, ip="7.7.7.7", now=1010)
    assert limiter.unlock("a@b.local", before=1005) is True
    assert limiter.check("a@b.local", "6.6.6.6", now=1020).retry_after is None
    assert limiter.check("a@b.local", "7.7.7.7", now=1020).retry_after is not None
    assert limiter.unlock("a@b.local", before=1005) is False  # nothing older is left
    assert limiter.unlock("a@b.local") is True
    assert limiter.check("a@b.local", "7.7.7.7", now=1021).retry_after is None


def test_client_only_attempts_count_toward_the_ip_limit() -> None:
    limiter = LoginRateLimiter(per_account=100, per_ip=2, window_minutes=1)
    first = limiter.begin_client("5.5.5.5", now=1000)
    assert limiter.begin_client("5.5.5.5", now=1001).retry_after is None
    refused = limiter.begin_client("5.5.5.5", now=1002)
    assert refused.retry_after == 58 and refused.limit == rate_limit.CLIENT
    assert limiter.check("a@b.local", "5.5.5.5", now=1002).retry_after is not None
    limiter.forgive_client("5.5.5.5", first.stamp)
    assert limiter.begin_client("5.5.5.5", now=1003).retry_after is None
    assert limiter.begin_client(None, now=1003).retry_after is None


def test_refusals_aggregate_per_key_and_window() -> None:
    log = rate_limit.RefusalLog(window_s=60)
    entry, first = log.note("k", now=1000)
    assert first and entry.count == 1
    again, first = log.note("k", now=1059)
    assert again is entry and not first and entry.count == 2 and entry.last == 1059
    fresh, first = log.note("k", now=1060)
    assert first and fresh.count == 1


def test_refusal_log_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limit, "PRUNE_ABOVE", 10)
    log = rate_limit.RefusalLog(window_s=60)
    for i in range(100):
        log.note(f"k{i}", now=1000 + i / 100)
    assert len(log) <= 10
    log.note("late", now=5000)
    assert len(log) <= 10
