"""Root fields of a query run one after another, so their statements do not all queue
on SQLite's one connection ahead of other requests'."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import Server, count_sql

TWO_ROOTS = "{ a: boards(first: 1) { id imageCount } b: boards(first: 2) { id imageCount } }"


def _kind(statement: str) -> str:
    return (
        "count" if "COUNT(" in statement else "boards" if 'FROM "boards"' in statement else "other"
    )


@pytest.fixture
def owner(server: Server) -> tuple[Server, str]:
    token = server.setup_admin()
    for name in ("x", "y"):
        server.ok("mutation($n: String!){ createBoard(name: $n){ id } }", {"n": name}, token)
    return server, token


def test_each_root_field_finishes_before_the_next_starts(
    owner: tuple[Server, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, token = owner
    seen: list[str] = []
    count_sql(seen.append, monkeypatch.setattr)
    data = server.ok(TWO_ROOTS, token=token)
    assert data["a"] == data["b"][:1] and len(data["b"]) == 2
    order = [k for k in map(_kind, seen) if k != "other"]
    # All at once would be boards, boards, count (one batch for both lists).
    assert order == ["boards", "count", "boards", "count"], seen


def test_mutations_still_run_in_order_and_subscriptions_are_unaffected(
    owner: tuple[Server, str],
) -> None:
    server, token = owner
    data: dict[str, Any] = server.ok(
        'mutation { a: createBoard(name: "one") { name } b: createBoard(name: "two") { name } }',
        token=token,
    )
    assert [data["a"]["name"], data["b"]["name"]] == ["one", "two"]
