"""Images: who may see and change them, the gallery connection, deletion with files.

An image can be read by its owner, site admins, and whoever can READ its board;
starred and deleted by its owner, site admins, and whoever can WRITE its board;
moved (to another board or to Uncategorized) only by its owner and site admins.
Images without a board are their owner's Uncategorized: only the owner and
admins see them. The owner keeps their own images even after losing access to
the board they sit in (they still count against the owner's quota).

An image the caller cannot read does not exist for them: every id field answers
NOT_FOUND, as for a missing one. Moving is the owner's alone because a move
changes who can read the image: a collaborator moving it into a board of their
own would keep it (and could publish it) after the owner unshared the board.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import anyio
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth import url_signing
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Image
from gql_invoke.errors import Forbidden, Invalid, NotFound
from gql_invoke.generation import image_files
from gql_invoke.services import audit, boards
from gql_invoke.services.boards import Access
from gql_invoke.services.image_store import store_generated
from gql_invoke.services.pagination import decode_cursor, encode_cursor
from gql_invoke.services.scope import parse_uuid

__all__ = ["store_generated"]

MAX_PAGE = 500
MAX_DELETE_BATCH = 1000


@dataclass(frozen=True)
class Rights:
    read: bool
    write: bool


@dataclass(frozen=True)
class ImagePage:
    rows: list[Image]
    has_next: bool
    total: int

    @property
    def end_cursor(self) -> str | None:
        """Internal: the connection's pageInfo (schema/images); raises nothing.

        The cursor of the last row; None for an empty page."""
        return cursor_of(self.rows[-1]) if self.rows else None


def cursor_of(row: Image) -> str:
    """Internal: the image connection's edges (schema/images); raises nothing.

    The keyset cursor of one row."""
    return encode_cursor(row.created_at, str(row.id))


async def rights_for(actor: Actor, rows: list[Image]) -> dict[str, Rights]:
    """Internal: images' own checks, for any actor; raises nothing.

    Rights on many images with at most two queries (their boards, then shares)."""
    if actor.sees_all:
        return {str(r.id): Rights(True, True) for r in rows}
    board_ids = {str(r.board_id) for r in rows if r.board_id}
    levels = await boards.levels_by_ids(actor, list(board_ids)) if board_ids else {}
    out: dict[str, Rights] = {}
    for row in rows:
        if actor.owns(row.owner_id):
            out[str(row.id)] = Rights(True, True)
            continue
        level = levels.get(str(row.board_id)) if row.board_id else None
        out[str(row.id)] = Rights(level is not None, level is not None and level >= Access.WRITE)
    return out


async def _get(image_id: str, field: str = "id") -> Image:
    row = await Image.get_or_none(id=parse_uuid(image_id, field))
    if row is None:
        raise NotFound(f"image {image_id} not found", field=field)
    return row


async def get_image(actor: Actor, image_id: str) -> Image:
    """Any signed-in actor; Invalid for a bad id, NotFound when missing or unreadable.

    An image the viewer cannot read answers NOT_FOUND, like a missing one."""
    row = await _get(image_id)
    if not (await rights_for(actor, [row]))[str(row.id)].read:
        raise NotFound(f"image {image_id} not found", field="id")
    return row


async def _writable(actor: Actor, image_id: str) -> Image:
    row = await _get(image_id)
    rights = (await rights_for(actor, [row]))[str(row.id)]
    if not rights.read:
        raise NotFound(f"image {image_id} not found", field="id")
    if not rights.write:
        raise Forbidden("WRITE access to the image's board is required to change it")
    return row


def may_move(actor: Actor, row: Image) -> bool:
    """Internal: update_image, for any actor; raises nothing.

    Only the owner and site admins (single-user mode: the system actor) move images."""
    return actor.owns_or_admin(row.owner_id)


def _visible_images(actor: Actor) -> QuerySet[Image]:
    if actor.sees_all:
        return Image.all()
    readable_boards = boards.visible_boards(actor).values("id")
    return Image.filter(Q(owner_id=actor.user_id) | Q(board_id__in=Subquery(readable_boards)))


async def list_images(
    actor: Actor,
    *,
    board_id: str | None = None,
    uncategorized: bool = False,
    first: int = 50,
    after: str | None = None,
    starred_only: bool = False,
    owner_id: str | None = None,
) -> ImagePage:
    """Any signed-in actor; Invalid for ``first``, ``after``, a bad id or boardId with
    uncategorized, NotFound for a board they cannot read, Forbidden for another user's
    Uncategorized (non-admins).

    Newest first, keyset-paged on (created_at, id) so cursors survive inserts.

    boardId: that board (NOT_FOUND unless readable). uncategorized: the caller's
    own board-less images (admins may name ownerId; single-user mode: everyone's).
    Neither: every image the viewer can read. ownerId narrows any of these.
    """
    if not 1 <= first <= MAX_PAGE:
        raise Invalid(f"first must be between 1 and {MAX_PAGE}", field="first")
    if board_id is not None and uncategorized:
        raise Invalid("give either boardId or uncategorized, not both", field="boardId")
    owner = str(parse_uuid(owner_id, "ownerId")) if owner_id is not None else None
    if board_id is not None:
        board, _ = await boards.readable(actor, board_id, "boardId")
        query = Image.filter(board_id=board.id)
    elif uncategorized:
        if owner is not None and not actor.owns_or_admin(owner):
            raise Forbidden("only admins can see another user's Uncategorized images")
        # multiuser, not sees_all: an admin's own Uncategorized is theirs alone
        # unless they name ownerId; only single-user mode lists everyone's.
        if owner is None and actor.multiuser:
            owner = actor.user_id
        query = Image.filter(board_id__isnull=True)
    else:
        query = _visible_images(actor)
    if owner is not None:
        query = query.filter(owner_id=owner)
    if starred_only:
        query = query.filter(starred=True)
    total = await query.count()
    if after:
        at, last_id = decode_cursor(after)
        # <= plus an exclusion (not an OR) keeps this a range scan on the
        # (board_id, created_at) / (owner_id, board_id, created_at) indexes.
        # (exclude(a=.., b=..) would negate each term separately in Tortoise.)
        query = query.filter(created_at__lte=at).filter(~Q(created_at=at, id__gte=last_id))
    rows = await query.order_by("-created_at", "-id").limit(first + 1)
    return ImagePage(rows=rows[:first], has_next=len(rows) > first, total=total)


async def update_image(
    actor: Actor,
    image_id: str,
    *,
    starred: bool | None = None,
    board_id: str | None = None,
    clear_board: bool = False,
) -> Image:
    """Any signed-in actor who may change the image (owner, admins, board WRITE); moving it:
    the owner and admins only. Invalid for a bad id or boardId with clearBoard, NotFound for
    a missing or unreadable image or target board, Forbidden without the right (WRITE on the
    target board included)."""
    if board_id is not None and clear_board:
        raise Invalid("give either boardId or clearBoard, not both", field="boardId")
    row = await _writable(actor, image_id)
    if (board_id is not None or clear_board) and not may_move(actor, row):
        raise Forbidden(
            "only the image's owner or an admin can move it to another board or to Uncategorized",
            field="boardId" if board_id else "clearBoard",
        )
    changes: dict[str, object] = {}
    if board_id is not None:
        target, _ = await boards.require(
            actor, board_id, Access.WRITE, "add images to it", field="boardId"
        )
        row.board_id = target.id
        changes["boardId"] = str(target.id)
    elif clear_board:
        row.board_id = None
        changes["boardId"] = None
    if starred is not None:
        row.starred = changes["starred"] = starred
    if changes:
        await row.save(update_fields=["board_id", "starred"])
    return row


async def delete_images(actor: Actor, ids: list[str]) -> int:
    """Any signed-in actor who may change every image (owner, admins, board WRITE); Invalid
    past 1000 ids or for a bad id, NotFound for a missing or unreadable image, Forbidden for
    one they may not change.

    All or nothing: every id is checked before anything is deleted."""
    if len(ids) > MAX_DELETE_BATCH:
        raise Invalid(f"at most {MAX_DELETE_BATCH} ids per call", field="ids")
    wanted = list(dict.fromkeys(parse_uuid(i, "ids") for i in ids))
    if not wanted:
        return 0
    rows = await Image.filter(id__in=wanted)
    found = {str(r.id) for r in rows}
    missing = [str(i) for i in wanted if str(i) not in found]
    if missing:
        raise NotFound(f"image {missing[0]} not found", field="ids")
    rights = await rights_for(actor, rows)
    # Unreadable ones answer like missing ones, so ids cannot be probed.
    hidden = [i for i in map(str, wanted) if not rights[i].read]
    if hidden:
        raise NotFound(f"image {hidden[0]} not found", field="ids")
    denied = [i for i, r in rights.items() if not r.write]
    if denied:
        raise Forbidden(f"not allowed to delete image {denied[0]}; nothing was deleted")
    async with in_transaction():
        deleted = await Image.filter(id__in=wanted).delete()
    await _remove_files(rows)
    await audit.record(
        actor, "images_deleted", "image", None, {"ids": sorted(found), "count": deleted}
    )
    return deleted


async def _remove_files(rows: list[Image]) -> int:
    names = [name for r in rows for name in (r.filename, r.thumbnail)]
    outputs = runtime.current().settings.outputs_dir
    return await anyio.to_thread.run_sync(image_files.delete_files, outputs, names)


async def delete_files_of_owner(user_id: str) -> int:
    """Internal: cascade.user_deleting (the rows go with the user); raises nothing.

    Removes every image file of the owner; returns how many were removed."""
    rows = await Image.filter(owner_id=user_id).values_list("filename", "thumbnail")
    names = [name for row in rows for name in row]
    outputs = runtime.current().settings.outputs_dir
    return await anyio.to_thread.run_sync(image_files.delete_files, outputs, names)


async def by_queue_items(item_ids: Sequence[int]) -> list[list[Image]]:
    """Internal: QueueItem.images' DataLoader (schema/queue); raises nothing.

    Each queue item's images, oldest first, in one query. Who may see them is the caller's
    rule (Actor.owns_or_admin)."""
    rows = await Image.filter(queue_item_id__in=list(item_ids)).order_by("created_at")
    by_item: dict[int, list[Image]] = {}
    for row in rows:
        by_item.setdefault(row.queue_item_id, []).append(row)  # type: ignore[arg-type]
    return [by_item.get(i, []) for i in item_ids]


def url_for(
    key: bytes, image_id: str, variant: url_signing.Variant, now: float | None = None
) -> str:
    """Internal: Image's URL fields (schema/images), after the read check; raises nothing.

    A signed URL of one variant, valid for image_url_lifetime_seconds: absolute under
    public_url when it is set (behind a proxy), else a path on this server."""
    settings = runtime.current().settings
    path = url_signing.image_url(
        key, image_id, variant, settings.image_url_lifetime_seconds, now=now
    )
    return f"{settings.public_url.rstrip('/')}{path}" if settings.public_url else path


async def file_for(image_id: str, variant: str) -> str | None:
    """Internal: the image HTTP route, once it checked the URL's signature; raises nothing.

    The stored file name of a variant, or None when the image is gone.

    The HTTP route checks the URL's signature before serving anything.
    """
    try:
        uid = parse_uuid(image_id)
    except Invalid:
        return None
    row = await Image.get_or_none(id=uid).only("id", "filename", "thumbnail")
    if row is None:
        return None
    return row.filename if variant == "full" else row.thumbnail
