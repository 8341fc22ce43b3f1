"""Per-request DataLoaders: list fields cost a constant number of SQL queries.

Each loader batches every ``load(key)`` made while resolving one level of the
result into one query. A new Loaders object is made for every request, so
nothing is cached across requests (rights can change between them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from strawberry.dataloader import DataLoader

from gql_invoke.services import boards as boards_service
from gql_invoke.services import user_stats

# For annotations only: schema.context imports this module (for Loaders) at run time.
if TYPE_CHECKING:
    from gql_invoke.db.models import Board as BoardRow
    from schema.context import Info

K = TypeVar("K")
V = TypeVar("V")


def by_key(
    fetch: Callable[[list[Any]], Awaitable[dict[Any, Any]]], default: Any = None
) -> Callable[[Sequence[Any]], Awaitable[list[Any]]]:
    async def load(keys: Sequence[Any]) -> list[Any]:
        found = await fetch(list(keys))
        return [found.get(k, default) for k in keys]

    return load


class Loaders:
    def __init__(self) -> None:
        self.user = DataLoader(load_fn=by_key(user_stats.by_ids))
        self.user_stats = DataLoader(load_fn=by_key(user_stats.stats_for))
        self.extra: dict[str, DataLoader[Any, Any]] = {}

    def get(
        self, name: str, load_fn: Callable[[Sequence[Any]], Awaitable[list[Any]]]
    ) -> DataLoader[Any, Any]:
        """Loaders of other domains, created on first use in this request."""
        loader = self.extra.get(name)
        if loader is None:
            loader = self.extra[name] = DataLoader(load_fn=load_fn)
        return loader


# Board loaders are shared by Board's fields and Image.board (schema/boards.py and
# schema/images.py), so they live here rather than in either of the two.
def access_loader(info: Info) -> DataLoader[boards_service.BoardRef, boards_service.Access | None]:
    actor = info.context.require_actor()

    async def fetch(refs: list[boards_service.BoardRef]) -> dict[Any, Any]:
        return await boards_service.levels_for_refs(actor, refs)

    return info.context.loaders.get("board_access", by_key(fetch))


def board_loader(info: Info) -> DataLoader[str, BoardRow | None]:
    return info.context.loaders.get("board", by_key(boards_service.rows_by_ids))
