"""What the User type reads for a list of users at once: the rows and their stats.

DataLoader backends (schema/loaders.py): a constant number of queries however many
users a page shows. Who may see which user, and which fields, is decided before
(users.py, the User type).
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.functions import Count, Sum

from gql_invoke.db.models import Board, Image, QueueItem, User
from gql_invoke.services import storage


@dataclass(frozen=True)
class UserStats:
    board_count: int
    image_count: int
    storage_bytes: int
    pending_jobs: int


async def by_ids(user_ids: list[str]) -> dict[str, User]:
    """Internal: the User DataLoader (schema/loaders); raises nothing.

    Users by id in one query (DataLoader backend); the User type hides private fields."""
    return {str(u.id): u for u in await User.filter(id__in=user_ids)}


async def stats_for(user_ids: list[str]) -> dict[str, UserStats]:
    """Internal: the user stats DataLoader (schema/loaders); raises nothing.

    Stats for many users in a constant number of queries (DataLoader backend)."""
    boards = (
        await Board.filter(owner_id__in=user_ids)
        .annotate(n=Count("id"))
        .group_by("owner_id")
        .values("owner_id", "n")
    )
    images = (
        await Image.filter(owner_id__in=user_ids)
        .annotate(n=Count("id"), size=Sum("size_bytes"))
        .group_by("owner_id")
        .values("owner_id", "n", "size")
    )
    pending = (
        await QueueItem.filter(owner_id__in=user_ids, status="PENDING")
        .annotate(n=Count("id"))
        .group_by("owner_id")
        .values("owner_id", "n")
    )
    # storageBytes is what maxStorageBytes counts: image files plus saved text.
    text = await storage.text_bytes_by_user(user_ids)
    board_n = {str(r["owner_id"]): r["n"] for r in boards}
    image_n = {str(r["owner_id"]): (r["n"], int(r["size"] or 0)) for r in images}
    pending_n = {str(r["owner_id"]): r["n"] for r in pending}
    return {
        uid: UserStats(
            board_count=board_n.get(uid, 0),
            image_count=image_n.get(uid, (0, 0))[0],
            storage_bytes=image_n.get(uid, (0, 0))[1] + text.get(uid, 0),
            pending_jobs=pending_n.get(uid, 0),
        )
        for uid in user_ids
    }
