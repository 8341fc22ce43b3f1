"""Uploaded images: who may upload where, and the file's checks, before it is stored.

An upload goes to a board the uploader can WRITE (or their own Uncategorized) and is
stored like a generated image (services/image_store.store_new: PNG + thumbnail + row,
counted in the owner's quotas, ImageAdded), with ``origin`` UPLOADED. A board the
uploader cannot read, a missing one and a malformed id all answer NOT_FOUND alike, so
board ids cannot be probed; one they can read but not WRITE is FORBIDDEN.

The bytes are decoded by generation/image_upload.py in a thread (PNG, JPEG and WebP only,
bombs refused, EXIF orientation applied, EXIF dropped); generation parameters a PNG
carries (ours, InvokeAI's or A1111's chunk) become the image's metadata.
"""

from __future__ import annotations

import uuid

import anyio

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Board, Image, User
from gql_invoke.domain import ImageOrigin
from gql_invoke.errors import Forbidden, Invalid, NotFound
from gql_invoke.generation import image_upload
from gql_invoke.services import audit, boards, image_store
from gql_invoke.services.boards import Access


async def _target(actor: Actor, board_id: str | None) -> uuid.UUID | None:
    if board_id is None:
        return None
    try:
        board = await Board.get_or_none(id=uuid.UUID(str(board_id)))
    except ValueError:
        board = None
    level = await boards.level_for(actor, board) if board is not None else None
    if board is None or level is None:
        raise NotFound(f"board {board_id} not found", field="boardId")
    if level < Access.WRITE:
        raise Forbidden("WRITE access to the board is required to add images to it")
    return board.id


async def upload_image(actor: Actor, data: bytes, board_id: str | None = None) -> Image:
    """Any signed-in actor, into a board they can WRITE (none: their own Uncategorized);
    NotFound for a board they cannot read (or a malformed id), Forbidden without WRITE on
    it, Invalid for a file that is not a PNG, JPEG or WebP image, a decompression bomb or
    one past 4096x4096, Conflict past their quotas (maxStorageBytes, maxImagesPerDay).

    The size of the request is the edge's rule (max_upload_bytes, body_limit.py)."""
    target = await _target(actor, board_id)
    user = await User.get_or_none(id=uuid.UUID(actor.user_id))
    if user is None:  # an authenticated actor always has a row; a race with deleteUser
        raise NotFound("the uploading user no longer exists", field="file")
    # Before the (slow) decode, so a full quota costs no CPU.
    await image_store.check_quota(user)
    try:
        decoded = await anyio.to_thread.run_sync(image_upload.decode, data)
    except image_upload.UploadRefused as exc:
        raise Invalid(f"file: {exc}", field="file") from None
    row = await image_store.store_new(
        user, target, decoded.image, decoded.metadata, ImageOrigin.UPLOADED
    )
    await audit.record(
        actor,
        "image_uploaded",
        "image",
        str(row.id),
        {"format": decoded.format, "width": row.width, "height": row.height},
    )
    return row
