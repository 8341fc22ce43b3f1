"""Boards and who may do what with them: the one place board access is decided.

A viewer's level on a board is the highest of: OWNER (created it), a per-user
share (READ / WRITE / ADMIN), READ through isPublic, and ADMIN for site admins
(and the system actor in single-user mode), who may act on any board. Queries
answer NOT_FOUND for a board the viewer cannot read, so ids cannot be probed;
mutations answer FORBIDDEN once the board exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import anyio
from tortoise.expressions import Q, RawSQL, Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Board, BoardShare, Image, User
from gql_invoke.domain import BoardAccess as Access
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.generation import image_files
from gql_invoke.services import audit, field_rules
from gql_invoke.services.scope import lock_owner, parse_uuid

# Levels a share may give, by the names shares store (OWNER is the creator's alone).
GRANTABLE = frozenset(a.name for a in Access if a < Access.OWNER)


def level_of(actor: Actor, board: Board, share: str | None) -> Access | None:
    """The viewer's level from the board row and their share (None: no access)."""
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
    """Levels for many boards in at most one query (lists and DataLoaders)."""
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
    return str(board.id), str(board.owner_id), board.is_public


async def levels_for_refs(actor: Actor, refs: list[BoardRef]) -> dict[BoardRef, Access | None]:
    shares = await _shares_of_viewer(actor, _uuids(r[0] for r in refs if not actor.owns(r[1])))
    return {r: _level(actor, r[1], r[2], shares.get(r[0])) for r in refs}


async def level_for(actor: Actor, board: Board) -> Access | None:
    return (await levels_for(actor, [board]))[str(board.id)]


async def levels_by_ids(actor: Actor, board_ids: list[str]) -> dict[str, Access | None]:
    rows = await Board.filter(id__in=_uuids(board_ids))
    return await levels_for(actor, rows)


def visible_boards(actor: Actor) -> QuerySet[Board]:
    """Boards the viewer can read: own, shared with them, public (admins: all)."""
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
    """For queries: a board the viewer cannot read does not exist for them."""
    board = await _get(board_id, field)
    level = await level_for(actor, board)
    if level is None:
        raise NotFound(f"board {board_id} not found", field=field)
    return board, level


async def require(
    actor: Actor, board_id: str, needed: Access, doing: str, field: str = "id"
) -> tuple[Board, Access]:
    """For mutations: NOT_FOUND if missing, FORBIDDEN below ``needed``."""
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
    """Newest first, ``first`` at a time (1..500); ``after``: the last board id of the
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


async def share_board(actor: Actor, board_id: str, user_id: str, access: str) -> Board:
    if access not in GRANTABLE:
        raise Invalid(
            "access must be READ, WRITE or ADMIN (OWNER is not grantable)", field="access"
        )
    uid = parse_uuid(user_id, "userId")
    board, _ = await require(actor, board_id, Access.ADMIN, "share it", field="boardId")
    if str(uid) == actor.user_id:
        raise Invalid("you cannot share a board with yourself", field="userId")
    if uid == board.owner_id:
        raise Invalid("the owner already has full access", field="userId")
    user = await User.get_or_none(id=uid)
    if user is None:
        raise NotFound(f"user {user_id} not found", field="userId")
    if user.is_system:
        raise Invalid("boards cannot be shared with the system user", field="userId")
    await BoardShare.update_or_create(defaults={"access": access}, board_id=board.id, user_id=uid)
    await audit.record(
        actor, "board_shared", "board", str(board.id), {"userId": str(uid), "access": access}
    )
    return board


async def unshare_board(actor: Actor, board_id: str, user_id: str) -> Board:
    uid = parse_uuid(user_id, "userId")
    # Anyone may leave a board shared with them; removing others takes ADMIN.
    leaving = str(uid) == actor.user_id
    board, _ = await require(
        actor, board_id, Access.READ if leaving else Access.ADMIN, "unshare it", field="boardId"
    )
    if not leaving and not await User.filter(id=uid).exists():
        raise NotFound(f"user {user_id} not found", field="userId")
    removed = await BoardShare.filter(board_id=board.id, user_id=uid).delete()
    if removed:
        await audit.record(actor, "board_unshared", "board", str(board.id), {"userId": str(uid)})
    return board


def _uuids(ids: Iterable[str]) -> list[uuid.UUID]:
    return [uuid.UUID(str(i)) for i in ids]


async def rows_by_ids(board_ids: list[str]) -> dict[str, Board]:
    return {str(b.id): b for b in await Board.filter(id__in=_uuids(board_ids))}


async def shares_by_board(board_ids: list[str]) -> dict[str, list[BoardShare]]:
    found: dict[str, list[BoardShare]] = {b: [] for b in board_ids}
    rows = await BoardShare.filter(board_id__in=_uuids(board_ids)).order_by("created_at", "id")
    for row in rows:
        found[str(row.board_id)].append(row)
    return found


async def image_counts(board_ids: list[str]) -> dict[str, int]:
    # COUNT(board_id), not COUNT(id): answered from the (board_id, created_at)
    # index alone, without reading each image row.
    rows = (
        await Image.filter(board_id__in=_uuids(board_ids))
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
    """Cover images keyed by (board id, chosen cover id): the chosen image while it
    is still in the board, else the board's newest image. Two queries."""
    board_ids = _uuids({k[0] for k in keys})
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
    rows = {str(r.id): r for r in await Image.filter(id__in=_uuids(wanted))}
    found: dict[tuple[str, str | None], Image] = {}
    for key in keys:
        chosen = rows.get(key[1]) if key[1] else None
        if chosen is not None and str(chosen.board_id) == key[0]:
            found[key] = chosen
        elif key[0] in newest and newest[key[0]] in rows:
            found[key] = rows[newest[key[0]]]
    return found
