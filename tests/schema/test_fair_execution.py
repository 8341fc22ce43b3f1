"""Costly operations resolve in slices (so other requests are served in between; the
effect is measured by tests/perf/bench_cost.py, not timed here), with the same answer
and the same SQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from schema import fair_execution
from tests.helpers import PASSWORD, make_settings

BOARDS = 500
# One root field, so the test is about field resolution; several would queue their root
# queries ahead of the other requests' on SQLite's one connection. Cost 4,001.
HEAVY = "{ boards(first: 500) { id name createdAt imageCount myAccess owner { id displayName } } }"


@pytest_asyncio.fixture
async def client(tmp_path: Path) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str]]]:
    from gql_invoke.app import create_app
    from gql_invoke.db.models import Board

    app = create_app(make_settings(tmp_path / "root", multiuser=True))
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        body = (await http.post("/graphql", json={
            "query": "mutation($i: SetupInput!){ setup(input: $i){ token user { id } } }",
            "variables": {"i": {"email": "a@example.com", "displayName": "A",
                                "password": PASSWORD}}})).json()
        setup = body["data"]["setup"]
        await Board.bulk_create([Board(id=uuid.uuid4(), owner_id=setup["user"]["id"],
                                       name=f"b{i}") for i in range(BOARDS)])
        yield http, {"Authorization": f"Bearer {setup['token']}"}


async def _post(http: httpx.AsyncClient, headers: dict[str, str], query: str) -> Any:
    response = await http.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert not body.get("errors"), body["errors"]
    return body["data"]


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counted: list[int] = []
    original = fair_execution._Turns.wait

    def counting(self: Any) -> Any:
        counted.append(1)
        return original(self)

    monkeypatch.setattr(fair_execution._Turns, "wait", counting)
    return counted


async def test_a_cheap_operation_never_waits_for_a_turn(
        client: tuple[httpx.AsyncClient, dict[str, str]], waits: list[int]) -> None:
    http, headers = client
    data = await _post(http, headers, "{ boards(first: 500) { id name imageCount } }")
    assert len(data["boards"]) == BOARDS and waits == []


async def test_a_costly_operation_is_sliced_and_gives_the_same_answer(
        client: tuple[httpx.AsyncClient, dict[str, str]], waits: list[int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    http, headers = client
    sliced = await _post(http, headers, HEAVY)
    assert len(waits) > 0
    monkeypatch.setattr(fair_execution, "SLICE_ABOVE_COST", 10**9)
    waits.clear()
    whole = await _post(http, headers, HEAVY)
    assert waits == [] and whole == sliced and len(whole["boards"]) == BOARDS


async def test_a_sliced_operation_batches_each_level_in_one_statement_per_loader(
        client: tuple[httpx.AsyncClient, dict[str, str]], waits: list[int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Slicing must not cut a level into one DataLoader batch per slice."""
    from tests.helpers import count_sql

    http, headers = client
    seen: list[str] = []
    count_sql(seen.append, monkeypatch.setattr)
    await _post(http, headers, HEAVY)
    sliced = len(seen)
    assert len(waits) > 100  # it really was resolved in many slices
    monkeypatch.setattr(fair_execution, "SLICE_ABOVE_COST", 10**9)
    seen.clear()
    await _post(http, headers, HEAVY)
    assert sliced == len(seen), seen
