"""Refused sign-ins aggregate into one entry per key and window, and the log stays
bounded (the attempt counters are tested in tests/gql_invoke/services/test_login_counters.py)."""

from __future__ import annotations

import pytest

from gql_invoke.auth import rate_limit


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
