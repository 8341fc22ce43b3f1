"""Upload service: where an upload may go, what is stored, quotas, refusals store nothing."""

from __future__ import annotations

import json

import pytest

from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings
from gql_invoke.db.models import Image
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.services import board_shares, boards, uploads, users
from tests.helpers import new_user
from tests.image_helpers import read_metadata
from tests.upload_helpers import bomb_png, image_bytes, rotated_jpeg

pytestmark = pytest.mark.usefixtures("db")


def _files(settings: Settings) -> list[str]:
    return sorted(str(p) for p in settings.outputs_dir.rglob("*") if p.is_file())


async def _pair() -> tuple[Actor, Actor]:
    return await new_user("owner@example.com"), await new_user("other@example.com")


async def test_an_upload_is_stored_like_a_generated_image_with_origin_uploaded(
    db: Settings,
) -> None:
    owner, _ = await _pair()
    board = await boards.create_board(owner, "mine")
    row = await uploads.upload_image(owner, rotated_jpeg(), str(board.id))
    assert (row.origin, row.width, row.height, row.board_id) == ("UPLOADED", 20, 60, board.id)
    assert row.metadata is None and row.queue_item_id is None
    png, thumb = db.outputs_dir / row.filename, db.outputs_dir / row.thumbnail
    assert png.suffix == ".png" and thumb.suffix == ".webp"
    assert row.size_bytes == png.stat().st_size + thumb.stat().st_size


async def test_metadata_of_an_uploaded_png_fills_the_image_metadata(db: Settings) -> None:
    owner, _ = await _pair()
    a1111 = "a castle\nNegative prompt: fog\nSteps: 9, Sampler: DDIM, CFG scale: 5, Seed: 77"
    row = await uploads.upload_image(owner, image_bytes(text={"parameters": a1111}))
    want = {
        "prompt": "a castle",
        "negativePrompt": "fog",
        "steps": 9,
        "scheduler": "DDIM",
        "cfgScale": 5.0,
        "seed": 77,
    }
    assert row.metadata == want
    # Stored in our chunk too, so a download of it says the same.
    assert read_metadata(db.outputs_dir / row.filename) == want
    assert json.loads(json.dumps(row.metadata)) == want


async def test_no_board_means_the_uploaders_uncategorized() -> None:
    owner, _ = await _pair()
    row = await uploads.upload_image(owner, image_bytes("WEBP"))
    assert row.board_id is None and str(row.owner_id) == owner.user_id


async def test_write_share_may_upload_into_someone_elses_board() -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "shared")
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
    row = await uploads.upload_image(other, image_bytes(), str(board.id))
    assert str(row.owner_id) == other.user_id and row.board_id == board.id


async def test_read_share_is_forbidden_and_nothing_is_stored(db: Settings) -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "shared")
    await board_shares.share_board(owner, str(board.id), other.user_id, "READ")
    with pytest.raises(Forbidden, match="WRITE"):
        await uploads.upload_image(other, image_bytes(), str(board.id))
    assert await Image.all().count() == 0 and _files(db) == []


@pytest.mark.parametrize("board_id", ["private", "missing", "not-a-uuid"])
async def test_a_board_the_uploader_cannot_read_is_not_found_like_a_missing_one(
    db: Settings, board_id: str
) -> None:
    owner, other = await _pair()
    private = await boards.create_board(owner, "private")
    target = {
        "private": str(private.id),
        "missing": "00000000-0000-0000-0000-000000000000",
        "not-a-uuid": "nope",
    }[board_id]
    with pytest.raises(NotFound) as err:
        await uploads.upload_image(other, image_bytes(), target)
    assert err.value.extensions["field"] == "boardId"
    assert await Image.all().count() == 0 and _files(db) == []


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"just text, named picture.png", "not a PNG, JPEG or WebP"),
        (image_bytes("GIF"), "not a PNG, JPEG or WebP"),
        (image_bytes("PNG", (4097, 16), mode="1"), "at most 4096x4096"),
    ],
)
async def test_bad_files_are_invalid_naming_the_file_and_store_nothing(
    db: Settings, data: bytes, says: str
) -> None:
    owner, _ = await _pair()
    with pytest.raises(Invalid, match=says) as err:
        await uploads.upload_image(owner, data)
    assert err.value.extensions["field"] == "file"
    assert await Image.all().count() == 0 and _files(db) == []


async def test_a_decompression_bomb_is_invalid(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image as PILImage

    owner, _ = await _pair()
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 1_000_000)
    with pytest.raises(Invalid, match="too large to decode safely"):
        await uploads.upload_image(owner, bomb_png(4000))
    assert _files(db) == []


async def test_uploads_count_in_the_storage_and_daily_quotas(db: Settings) -> None:
    owner, _ = await _pair()
    admin = system_actor(multiuser=True)
    await users.set_quota(
        admin, owner.user_id, max_pending_jobs=None, max_images_per_day=1, max_storage_bytes=None
    )
    await uploads.upload_image(owner, image_bytes())
    with pytest.raises(Conflict) as err:
        await uploads.upload_image(owner, image_bytes())
    assert err.value.extensions["field"] == "maxImagesPerDay"
    await users.set_quota(
        admin, owner.user_id, max_pending_jobs=None, max_images_per_day=None, max_storage_bytes=10
    )
    with pytest.raises(Conflict) as err:
        await uploads.upload_image(owner, image_bytes())
    assert err.value.extensions["field"] == "maxStorageBytes"
    assert await Image.all().count() == 1 and len(_files(db)) == 2
