"""Sliding-window login limits per account and per client IP."""

from __future__ import annotations

import pytest

from gql_invoke.auth import rate_limit
from gql_invoke.auth.rate_limit import LoginRateLimiter


def fail(limiter: LoginRateLimiter, times: int, email: str = "a@b.local", ip: str = "1.1.1.1",
         now: float = 1000.0) -> list[int | None]:
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
