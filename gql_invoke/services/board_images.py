"""What a list of boards shows of its images: Board.images, imageCount and coverImage.

Board.images is the first page of images of many boards at once. Per board, a
page is a count plus a keyset page: asked board by board, a list of 1,000 boards
costs 2,000 statements, and 15 aliases of it kept the server busy for a minute.
Here every board asking for the same page (same first, after and starredOnly) is
answered by two statements whatever the number of boards: one COUNT ... GROUP BY
board_id and one ROW_NUMBER() OVER (PARTITION BY board_id) query (SQLite >= 3.25
and PostgreSQL both have window functions).

Board.imageCount (``image_counts``) and Board.coverImage (``covers``) are batched the
same way: one and two statements for the whole list. Who may read each board is
decided before (boards.py); these only read.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Board, Image
from gql_invoke.errors import DomainError, Invalid, NotFound
from gql_invoke.services import boards
from gql_invoke.services.images import MAX_PAGE, ImagePage
from gql_invoke.services.pagination import decode_cursor


async def _ranked(query: QuerySet[Image], limit: int) -> list[Image]:
    """The first ``limit`` rows of ``query`` per board, newest first."""
    ranked = query.annotate(rank=_RANK)
    # Tortoise builds the inner statement with its placeholders and its value
    # conversions (inlined values would not match how SQLite stores datetimes);
    # only the integer limit is added around it.
    ranked._choose_db_if_not_chosen()
    ranked._make_query()
    sql, params = ranked.query.get_parameterized_sql()
    rows = await ranked._db.execute_query_dict(
        f'SELECT * FROM ({sql}) "ranked" WHERE "rank" <= {int(limit)} ORDER BY "board_id", "rank"',
        params,
    )
    for row in rows:
        del row["rank"]
    return [Image._init_from_db(**row) for row in rows]


@dataclass(frozen=True)
class PageKey:
    """One Board.images field: which board, seen how, and which page."""

    board: boards.BoardRef
    first: int
    after: str | None
    starred_only: bool


_RANK = RawSQL('ROW_NUMBER() OVER (PARTITION BY "board_id" ORDER BY "created_at" DESC, "id" DESC)')


async def pages(actor: Actor, keys: Sequence[PageKey]) -> list[ImagePage | DomainError]:
    """Internal: Board.images' DataLoader (schema/boards) for the viewer ``actor``; raises
    nothing: a key gets the error its field raises instead (Invalid for ``first`` or
    ``after``, NotFound for a board the viewer cannot read).

    A page (or the error that board's field gets) per key, in key order."""
    levels = await boards.levels_for_refs(actor, list({k.board for k in keys}))
    out: dict[PageKey, ImagePage | DomainError] = {}
    groups: dict[tuple[int, str | None, bool], list[PageKey]] = {}
    for key in keys:
        if not 1 <= key.first <= MAX_PAGE:
            out[key] = Invalid(f"first must be between 1 and {MAX_PAGE}", field="first")
        elif levels.get(key.board) is None:
            # Same answer as board(id:) for a board the viewer cannot read.
            out[key] = NotFound(f"board {key.board[0]} not found", field="boardId")
        else:
            groups.setdefault((key.first, key.after, key.starred_only), []).append(key)
    for (first, after, starred_only), group in groups.items():
        try:
            found = await _group_pages([k.board[0] for k in group], first, after, starred_only)
        except DomainError as exc:  # a bad cursor: every field that sent it
            for key in group:
                out[key] = exc
            continue
        for key in group:
            out[key] = found[key.board[0]]
    return [out[k] for k in keys]


async def _group_pages(
    board_ids: list[str], first: int, after: str | None, starred_only: bool
) -> dict[str, ImagePage]:
    ids = list(dict.fromkeys(uuid.UUID(b) for b in board_ids))
    base = Image.filter(board_id__in=ids)
    if starred_only:
        base = base.filter(starred=True)
    counts = {
        str(r["board_id"]): r["n"]
        for r in await base.annotate(n=Count("board_id"))
        .group_by("board_id")
        .values("board_id", "n")
    }
    page = base
    if after:
        at, last_id = decode_cursor(after)
        # Same keyset condition as images.list_images (a range scan on the index).
        page = page.filter(created_at__lte=at).filter(~Q(created_at=at, id__gte=last_id))
    by_board: dict[str, list[Image]] = {str(i): [] for i in ids}
    # On the first page the count tells whether there is more; past it, one row extra
    # per board does (the count is of the whole board, not of what follows the cursor).
    for row in await _ranked(page, first + 1 if after else first):
        by_board[str(row.board_id)].append(row)
    return {
        b: ImagePage(
            rows=r[:first],
            total=counts.get(b, 0),
            has_next=len(r) > first if after else counts.get(b, 0) > first,
        )
        for b, r in by_board.items()
    }


async def image_counts(board_ids: list[str]) -> dict[str, int]:
    """Internal: Board.imageCount's DataLoader (schema/boards); raises nothing.

    Images per board; boards without images are left out."""
    # COUNT(board_id), not COUNT(id): answered from the (board_id, created_at)
    # index alone, without reading each image row.
    rows = (
        await Image.filter(board_id__in=boards.uuids(board_ids))
        .annotate(n=Count("board_id"))
        .group_by("board_id")
        .values("board_id", "n")
    )
    return {str(r["board_id"]): r["n"] for r in rows}


# The newest image of each board in one statement: an index seek per board on
# (board_id, created_at), where MAX() ... GROUP BY would scan every image row.
_NEWEST_IMAGE = RawSQL(
    '(SELECT "i"."id" FROM "images" "i" WHERE "i"."board_id"="boards"."id" '
    'ORDER BY "i"."created_at" DESC,"i"."id" DESC LIMIT 1)'
)


async def covers(keys: list[tuple[str, str | None]]) -> dict[tuple[str, str | None], Image]:
    """Internal: Board.coverImage's DataLoader (schema/boards); raises nothing.

    Cover images keyed by (board id, chosen cover id): the chosen image while it
    is still in the board, else the board's newest image. Two queries."""
    board_ids = boards.uuids({k[0] for k in keys})
    newest = {
        str(r["id"]): str(r["newest"])
        for r in await Board.filter(id__in=board_ids)
        .annotate(newest=_NEWEST_IMAGE)
        .values("id", "newest")
        if r["newest"] is not None
    }
    wanted = set(newest.values()) | {k[1] for k in keys if k[1]}
    if not wanted:
        return {}
    rows = {str(r.id): r for r in await Image.filter(id__in=boards.uuids(wanted))}
    found: dict[tuple[str, str | None], Image] = {}
    for key in keys:
        chosen = rows.get(key[1]) if key[1] else None
        if chosen is not None and str(chosen.board_id) == key[0]:
            found[key] = chosen
        elif key[0] in newest and newest[key[0]] in rows:
            found[key] = rows[newest[key[0]]]
    return found
