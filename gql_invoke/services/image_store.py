"""Storing an image for its owner: quotas, the target board, files, the row.

``store_new`` is the one path every stored image takes (files, then the row under the
owner's lock with the quota checked again, then ImageAdded), for both origins:
``images.store_generated`` (the worker, once per finished image) and
``uploads.upload_image``. A finished generation is never thrown away because its
board went away or the owner lost access meanwhile: it lands in the owner's
Uncategorized and its metadata says why.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
from PIL import Image as PILImage
from tortoise.transactions import in_transaction

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.db.models import Board, Image, User
from gql_invoke.domain import ImageOrigin
from gql_invoke.errors import Conflict, NotFound
from gql_invoke.generation import image_files
from gql_invoke.services import boards, storage
from gql_invoke.services.boards import Access
from gql_invoke.services.scope import lock_owner

# Written into the metadata when the requested board could not be used.
FALLBACK_KEY = "boardFallback"


def _owner_actor(user: User, multiuser: bool) -> Actor:
    if user.is_system:
        return system_actor(multiuser=multiuser)
    return Actor(
        user_id=str(user.id),
        display_name=user.display_name,
        is_admin=user.is_admin,
        multiuser=multiuser,
    )


async def check_quota(user: User, new_bytes: int = 0) -> None:
    """Internal: store_generated, store_new and uploads, for the owner's row; Conflict past
    maxStorageBytes or maxImagesPerDay.

    Refuse with CONFLICT when one more image would exceed the owner's quota.

    maxImagesPerDay counts the images stored in the last 24 hours (rolling);
    maxStorageBytes everything the owner stores, saved text included (storage).
    """
    if user.max_storage_bytes is not None:
        used = await storage.used_bytes(user.id)
        if used + new_bytes > user.max_storage_bytes or used >= user.max_storage_bytes:
            raise Conflict(
                f"storage quota exceeded: {used} of {user.max_storage_bytes} bytes "
                f"used, this image needs {new_bytes}",
                field="maxStorageBytes",
            )
    if user.max_images_per_day is not None:
        since = datetime.now(UTC) - timedelta(days=1)
        today = await Image.filter(owner_id=user.id, created_at__gte=since).count()
        if today >= user.max_images_per_day:
            raise Conflict(
                f"daily image quota exceeded: {today} of {user.max_images_per_day} "
                "images in the last 24 hours",
                field="maxImagesPerDay",
            )


async def _target_board(
    owner: Actor, board_id: str | None, metadata: dict[str, Any]
) -> uuid.UUID | None:
    if board_id is None:
        return None
    try:
        board = await Board.get_or_none(id=uuid.UUID(str(board_id)))
    except ValueError:
        board = None
    reason = None
    if board is None:
        reason = "the board no longer exists"
    else:
        level = await boards.level_for(owner, board)
        if level is None or level < Access.WRITE:
            reason = "the owner can no longer add images to the board"
    if reason is not None:
        metadata[FALLBACK_KEY] = {
            "requestedBoardId": str(board_id),
            "reason": f"{reason}; stored in Uncategorized",
        }
        return None
    return board.id  # type: ignore[union-attr]


async def store_generated(
    owner_id: str,
    pil_image: PILImage.Image,
    metadata: dict[str, Any],
    board_id: str | None,
    queue_item_id: int | None = None,
) -> Image:
    """Internal: the worker, once per finished image (no actor); NotFound for a missing
    owner, Conflict past the owner's quotas.

    Write the PNG (metadata embedded) and thumbnail, then the row; publish ImageAdded."""
    rt = runtime.current()
    user = await User.get_or_none(id=uuid.UUID(str(owner_id)))
    if user is None:
        raise NotFound(f"user {owner_id} not found", field="ownerId")
    meta = dict(metadata)
    target = await _target_board(_owner_actor(user, rt.settings.multiuser), board_id, meta)
    # Checked before the (slow) encode too, so a full quota costs no disk work.
    await check_quota(user)
    return await store_new(
        user, target, pil_image, meta, ImageOrigin.GENERATED, queue_item_id=queue_item_id
    )


async def store_new(
    user: User,
    board_id: uuid.UUID | None,
    pil_image: PILImage.Image,
    metadata: dict[str, Any] | None,
    origin: ImageOrigin,
    queue_item_id: int | None = None,
) -> Image:
    """Internal: store_generated and uploads.upload_image, once they settled the owner and
    the board (``board_id``: one the owner may add to); Conflict past the owner's quotas.

    Files first (in a thread), then the row under the owner's lock with the quota checked
    again with the real size; files of a row that was not written are removed."""
    rt = runtime.current()
    meta = metadata or {}
    target = board_id
    outputs = rt.settings.outputs_dir
    stored = await anyio.to_thread.run_sync(image_files.store_image, outputs, pil_image, meta)
    try:
        async with in_transaction():
            await lock_owner(user.id)
            await check_quota(user, stored.size_bytes)
            row = await Image.create(
                owner_id=user.id,
                board_id=target,
                filename=stored.filename,
                thumbnail=stored.thumbnail,
                width=stored.width,
                height=stored.height,
                size_bytes=stored.size_bytes,
                metadata=metadata,
                origin=str(origin),
                queue_item_id=queue_item_id,
            )
    except BaseException:
        # No row points at the files: remove them rather than leak disk space.
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(
                image_files.delete_files, outputs, [stored.filename, stored.thumbnail]
            )
        raise
    rt.bus.publish(
        events.IMAGE,
        events.ImageAdded(
            image_id=str(row.id),
            board_id=str(target) if target else None,
            owner_id=str(user.id),
        ),
    )
    return row
