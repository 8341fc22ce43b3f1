"""Boards and who may do what with them: the one place board access is decided.

A viewer's level on a board is the highest of: OWNER (created it), a per-user
share (READ / WRITE / ADMIN), READ through isPublic, and ADMIN for site admins
(and the system actor in single-user mode), who may act on any board. Queries
answer NOT_FOUND for a board the viewer cannot read, so ids cannot be probed;
mutations answer FORBIDDEN once the board exists.

Giving and taking back shares is board_shares.py; what a list of boards shows of
its images (pages, counts, covers) is board_images.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import anyio
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Board, BoardShare, Image
from gql_invoke.domain import BoardAccess as Access
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.generation import image_files
from gql_invoke.services import audit, field_rules
from gql_invoke.services.scope import lock_owner, parse_uuid


def level_of(actor: Actor, board: Board, share: str | None) -> Access | None:
    """Internal: levels_for, for any actor; raises nothing.

    The viewer's level from the board row and their share (None: no access)."""
    return _level(actor, str(board.owner_id), board.is_public, share)


def _level(actor: Actor, owner_id: str, is_public: bool, share: str | None) -> Access | None:
    if actor.owns(owner_id):
        return Access.OWNER
    if actor.sees_all:
        return Access.ADMIN
    levels = [Access[share]] if share else []
    if is_public:
        levels.append(Access.READ)
    return max(levels) if levels else None


async def _shares_of_viewer(actor: Actor, board_ids: Iterable[object]) -> dict[str, str]:
    ids = list(board_ids)
    if not ids or actor.sees_all:
        return {}
    rows = await BoardShare.filter(user_id=actor.user_id, board_id__in=ids).values(
        "board_id", "access"
    )
    return {str(r["board_id"]): r["access"] for r in rows}


async def levels_for(actor: Actor, boards: list[Board]) -> dict[str, Access | None]:
    """Internal: level_for and levels_by_ids, for any actor; raises nothing.

    Levels for many boards in at most one query (lists and DataLoaders)."""
    # A share cannot raise an owner above OWNER: their own boards need no query.
    shares = await _shares_of_viewer(
        actor,
        [b.id for b in boards if not actor.owns(b.owner_id)],
    )
    return {str(b.id): level_of(actor, b, shares.get(str(b.id))) for b in boards}


# (board id, owner id, is_public): what a level needs besides the viewer's share,
# so a DataLoader over boards already in hand costs one query (the shares).
BoardRef = tuple[str, str, bool]


def ref_of(board: Board) -> BoardRef:
    """Internal: the board-access loader's keys (schema/images); raises nothing.

    A board row as a BoardRef."""
    return str(board.id), str(board.owner_id), board.is_public


async def levels_for_refs(actor: Actor, refs: list[BoardRef]) -> dict[BoardRef, Access | None]:
    """Internal: the board-access DataLoader (schema/loaders) and board_images, for any
    actor; raises nothing.

    Levels for BoardRefs in at most one query (the viewer's shares)."""
    shares = await _shares_of_viewer(actor, uuids(r[0] for r in refs if not actor.owns(r[1])))
    return {r: _level(actor, r[1], r[2], shares.get(r[0])) for r in refs}


async def level_for(actor: Actor, board: Board) -> Access | None:
    """Internal: readable, require and image_store, for any actor; raises nothing.

    One board's level for ``actor`` (None: no access)."""
    return (await levels_for(actor, [board]))[str(board.id)]


async def levels_by_ids(actor: Actor, board_ids: list[str]) -> dict[str, Access | None]:
    """Internal: images.rights_for, for any actor; raises nothing (the ids come from rows).

    Levels of the boards that exist among ``board_ids``."""
    rows = await Board.filter(id__in=uuids(board_ids))
    return await levels_for(actor, rows)


def visible_boards(actor: Actor) -> QuerySet[Board]:
    """Internal: list_boards and images' lists, for any actor; raises nothing (a query).

    Boards the viewer can read: own, shared with them, public (admins: all)."""
    if actor.sees_all:
        return Board.all()
    shared = BoardShare.filter(user_id=actor.user_id).values("board_id")
    return Board.filter(Q(owner_id=actor.user_id) | Q(is_public=True) | Q(id__in=Subquery(shared)))


async def _get(board_id: str, field: str = "id") -> Board:
    board = await Board.get_or_none(id=parse_uuid(board_id, field))
    if board is None:
        raise NotFound(f"board {board_id} not found", field=field)
    return board


async def readable(actor: Actor, board_id: str, field: str = "id") -> tuple[Board, Access]:
    """Internal: reads of one board for any actor (board(id:), images, live); Invalid for a
    bad id, NotFound when missing or unreadable.

    For queries: a board the viewer cannot read does not exist for them."""
    board = await _get(board_id, field)
    level = await level_for(actor, board)
    if level is None:
        raise NotFound(f"board {board_id} not found", field=field)
    return board, level


async def require(
    actor: Actor, board_id: str, needed: Access, doing: str, field: str = "id"
) -> tuple[Board, Access]:
    """Internal: changes to one board for any actor (boards, board_shares, images, queue);
    Invalid for a bad id, NotFound when missing, Forbidden below ``needed`` (no access at
    all included: mutations do not hide boards)."""
    board = await _get(board_id, field)
    level = await level_for(actor, board)
    if level is None or level < needed:
        raise Forbidden(f"{needed.name} access to the board is required to {doing}")
    return board, level


MAX_BOARD_PAGE = 500


async def list_boards(
    actor: Actor,
    include_archived: bool = False,
    owner_id: str | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[Board]:
    """Any signed-in actor (the boards they can read); Invalid for ``first``, ownerId or
    ``after``.

    Newest first, ``first`` at a time (1..500); ``after``: the last board id of the
    previous page, which must be a board this viewer can see."""
    if not 1 <= first <= MAX_BOARD_PAGE:
        raise Invalid(f"first must be between 1 and {MAX_BOARD_PAGE}", field="first")
    query = visible_boards(actor)
    if not include_archived:
        query = query.filter(archived=False)
    if owner_id is not None:
        query = query.filter(owner_id=parse_uuid(owner_id, "ownerId"))
    if after is not None:
        last = (
            await visible_boards(actor)
            .get_or_none(id=parse_uuid(after, "after"))
            .only("id", "created_at")
        )
        if last is None:  # missing and unreadable look the same: ids cannot be probed
            raise Invalid("after must be the id of a board from the previous page", field="after")
        # Keyset on (created_at, id) descending, as the order below.
        query = query.filter(
            Q(created_at__lt=last.created_at) | Q(created_at=last.created_at, id__lt=last.id)
        )
    return await query.order_by("-created_at", "-id").limit(first)


async def create_board(actor: Actor, name: str, is_public: bool = False) -> Board:
    """Any signed-in actor, who owns the board; Invalid for the name, Conflict at the
    maxBoards quota (admins have none)."""
    name = field_rules.name(name)
    limit = runtime.current().settings.max_boards
    async with in_transaction():
        # Inside the transaction, so two concurrent creates cannot both slip under it.
        # Site admins have no maxBoards quota (is_admin, as scope.require_admin says why).
        if not actor.is_admin:
            await lock_owner(actor.user_id)
            owned = await Board.filter(owner_id=actor.user_id).count()
            if owned >= limit:
                raise Conflict(
                    f"maxBoards quota reached: you own {owned} boards, the limit "
                    f"is {limit} (delete some, or ask an admin)",
                    field="maxBoards",
                )
        board = await Board.create(owner_id=actor.user_id, name=name, is_public=is_public)
    await audit.record(actor, "board_created", "board", str(board.id), {"name": board.name})
    return board


async def update_board(
    actor: Actor,
    board_id: str,
    *,
    name: str | None = None,
    archived: bool | None = None,
    is_public: bool | None = None,
    cover_image_id: str | None = None,
) -> Board:
    """Any signed-in actor with board ADMIN (name, archived, isPublic) or WRITE (only the
    cover), else Forbidden; Invalid for a bad id, name or coverImageId, NotFound for a
    missing board or cover image."""
    # Renaming, archiving and publishing change what others see: board ADMIN.
    # Choosing a cover is curation, like adding images: WRITE.
    needs_admin = name is not None or archived is not None or is_public is not None
    board, _ = await require(
        actor,
        board_id,
        Access.ADMIN if needs_admin else Access.WRITE,
        "change this" if needs_admin else "set the cover",
    )
    changes: dict[str, object] = {}
    if name is not None:
        board.name = changes["name"] = field_rules.name(name)
    if archived is not None:
        board.archived = changes["archived"] = archived
    if is_public is not None:
        board.is_public = changes["isPublic"] = is_public
    if cover_image_id is not None:
        board.cover_image_id = await _cover(board, cover_image_id)
        changes["coverImageId"] = cover_image_id
    await board.save()
    await audit.record(actor, "board_updated", "board", str(board.id), changes)
    return board


async def _cover(board: Board, cover_image_id: str) -> uuid.UUID | None:
    if cover_image_id == "":
        return None  # "" clears the cover: the newest image is shown instead
    image_id = parse_uuid(cover_image_id, "coverImageId")
    image = await Image.get_or_none(id=image_id).only("id", "board_id")
    if image is None:
        raise NotFound(f"image {cover_image_id} not found", field="coverImageId")
    if image.board_id != board.id:
        raise Invalid("coverImageId must be an image in this board", field="coverImageId")
    return image_id


async def delete_board(actor: Actor, board_id: str, delete_images: bool = False) -> bool:
    """The board's owner or an admin (Forbidden otherwise); Invalid for a bad id, NotFound
    when missing.

    Its images go back to their owners' Uncategorized, or with ``delete_images`` are deleted
    with their files."""
    board = await _get(board_id)
    if not actor.owns_or_admin(board.owner_id):
        raise Forbidden("only the board's owner or an admin can delete it")
    files: list[str] = []
    async with in_transaction():
        images = Image.filter(board_id=board.id)
        if delete_images:
            rows = await images.values_list("filename", "thumbnail")
            files = [name for row in rows for name in row]
            moved = await images.delete()
        else:
            # Each image goes back to its own owner's Uncategorized.
            moved = await images.update(board_id=None)
        await board.delete()
    if files:
        outputs = runtime.current().settings.outputs_dir
        await anyio.to_thread.run_sync(image_files.delete_files, outputs, files)
    await audit.record(
        actor,
        "board_deleted",
        "board",
        str(board_id),
        {"name": board.name, "deleteImages": delete_images, "images": moved},
    )
    return True


def uuids(ids: Iterable[str]) -> list[uuid.UUID]:
    """Internal: the batch reads of boards, board_shares and board_images (ids from rows);
    raises ValueError, not a domain error, for a malformed id."""
    return [uuid.UUID(str(i)) for i in ids]


async def rows_by_ids(board_ids: list[str]) -> dict[str, Board]:
    """Internal: the board DataLoader (schema/loaders), ids from rows; raises nothing.

    Boards by id (missing ones left out); who may read them is the caller's check."""
    return {str(b.id): b for b in await Board.filter(id__in=uuids(board_ids))}
