"""Per-request DataLoaders: list fields cost a constant number of SQL queries.

Each loader batches every ``load(key)`` made while resolving one level of the
result into one query. A new Loaders object is made for every request, so
nothing is cached across requests (rights can change between them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from gql_invoke.db.models import User as UserRow
from gql_invoke.services import users as users_service

K = TypeVar("K")
V = TypeVar("V")


def by_key(
    fetch: Callable[[list[Any]], Awaitable[dict[Any, Any]]], default: Any = None
) -> Callable[[Sequence[Any]], Awaitable[list[Any]]]:
    async def load(keys: Sequence[Any]) -> list[Any]:
        found = await fetch(list(keys))
        return [found.get(k, default) for k in keys]

    return load


async def _users(ids: list[str]) -> dict[str, UserRow]:
    return {str(u.id): u for u in await UserRow.filter(id__in=ids)}


class Loaders:
    def __init__(self) -> None:
        self.user = DataLoader(load_fn=by_key(_users))
        self.user_stats = DataLoader(load_fn=by_key(users_service.stats_for))
        self.extra: dict[str, DataLoader[Any, Any]] = {}

    def get(
        self, name: str, load_fn: Callable[[Sequence[Any]], Awaitable[list[Any]]]
    ) -> DataLoader[Any, Any]:
        """Loaders of other domains, created on first use in this request."""
        loader = self.extra.get(name)
        if loader is None:
            loader = self.extra[name] = DataLoader(load_fn=load_fn)
        return loader
