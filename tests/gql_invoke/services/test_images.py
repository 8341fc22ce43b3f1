"""Image service: storing, quotas, the gallery connection, moving, deleting, cascade."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings
from gql_invoke.db.models import (
    Board,
    BoardShare,
    ClientState,
    Image,
    StylePreset,
    User,
    Workflow,
)
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.generation import image_files
from gql_invoke.services import (
    board_shares,
    boards,
    client_state,
    images,
    presets,
    users,
    workflows,
)
from gql_invoke.services.image_store import FALLBACK_KEY
from tests.helpers import make_settings, new_user
from tests.image_helpers import png, read_metadata, store

pytestmark = pytest.mark.usefixtures("db")


def _files(settings: Settings) -> list[str]:
    return sorted(
        str(p.relative_to(settings.outputs_dir))
        for p in settings.outputs_dir.rglob("*")
        if p.is_file()
    )


async def _pair() -> tuple[Actor, Actor]:
    return await new_user("owner@example.com"), await new_user("other@example.com")


async def test_store_generated_writes_png_with_metadata_and_row(db: Settings) -> None:
    owner, _ = await _pair()
    board = await boards.create_board(owner, "b")
    sub = runtime.current().bus.subscribe([events.IMAGE])
    row = await images.store_generated(
        owner.user_id, png(), {"prompt": "a cat", "seed": 7}, str(board.id), queue_item_id=12
    )
    assert (row.width, row.height, row.queue_item_id) == (64, 64, 12)
    assert row.metadata == {"prompt": "a cat", "seed": 7}
    path = image_files.resolve(db.outputs_dir, row.filename)
    assert read_metadata(path) == {"prompt": "a cat", "seed": 7}
    assert (
        row.size_bytes
        == path.stat().st_size + image_files.resolve(db.outputs_dir, row.thumbnail).stat().st_size
    )
    event = await sub.get()
    assert event.payload == events.ImageAdded(
        image_id=str(row.id),
        board_id=str(board.id),
        owner_id=owner.user_id,
    )


async def test_store_into_a_vanished_board_lands_in_uncategorized(db: Settings) -> None:
    owner, _ = await _pair()
    missing = str(uuid.uuid4())
    row = await images.store_generated(owner.user_id, png(), {"prompt": "x"}, missing)
    assert row.board_id is None
    assert row.metadata[FALLBACK_KEY]["requestedBoardId"] == missing
    embedded = read_metadata(image_files.resolve(db.outputs_dir, row.filename))
    assert embedded is not None and FALLBACK_KEY in embedded


async def test_store_after_losing_write_access_lands_in_uncategorized() -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "b")
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
    first = await images.store_generated(other.user_id, png(), {}, str(board.id))
    assert first.board_id == board.id
    await board_shares.share_board(owner, str(board.id), other.user_id, "READ")
    row = await images.store_generated(other.user_id, png(), {}, str(board.id))
    assert row.board_id is None
    assert "no longer add" in row.metadata[FALLBACK_KEY]["reason"]


async def test_store_for_unknown_owner_is_not_found_and_writes_nothing(db: Settings) -> None:
    with pytest.raises(NotFound):
        await images.store_generated(str(uuid.uuid4()), png(), {}, None)
    assert _files(db) == []


async def test_storage_quota_exceeded_is_conflict_and_leaves_no_files(db: Settings) -> None:
    owner, _ = await _pair()
    first = await store(owner.user_id)
    size = (await Image.get(id=first)).size_bytes
    await users.set_quota(
        system_actor(True),
        owner.user_id,
        max_pending_jobs=None,
        max_images_per_day=None,
        max_storage_bytes=size + 10,
    )
    before = _files(db)
    with pytest.raises(Conflict, match="storage quota exceeded"):
        await store(owner.user_id)
    assert _files(db) == before
    assert await Image.filter(owner_id=owner.user_id).count() == 1


async def test_daily_image_quota_exceeded_is_conflict() -> None:
    owner, _ = await _pair()
    await users.set_quota(
        system_actor(True),
        owner.user_id,
        max_pending_jobs=None,
        max_images_per_day=2,
        max_storage_bytes=None,
    )
    await store(owner.user_id)
    await store(owner.user_id)
    with pytest.raises(Conflict, match="daily image quota"):
        await store(owner.user_id)
    await Image.filter(owner_id=owner.user_id).update(created_at=datetime(2020, 1, 1, tzinfo=UTC))
    await store(owner.user_id)


async def test_pages_are_newest_first_with_stable_cursors_over_ties() -> None:
    owner, _ = await _pair()
    board = await boards.create_board(owner, "b")
    ids = [await store(owner.user_id, str(board.id)) for _ in range(5)]
    # Identical timestamps: order and cursors must still be total and stable.
    await Image.filter(id__in=ids[1:4]).update(created_at=datetime(2030, 1, 1, tzinfo=UTC))
    seen: list[str] = []
    after = None
    while True:
        page = await images.list_images(owner, board_id=str(board.id), first=2, after=after)
        assert page.total == 5
        seen += [str(r.id) for r in page.rows]
        if not page.has_next:
            break
        after = page.end_cursor
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    assert set(seen[:3]) == set(ids[1:4])
    assert seen[:3] == sorted(ids[1:4], reverse=True)


async def test_first_must_be_between_1_and_500() -> None:
    owner, _ = await _pair()
    for bad in (0, 501, -1):
        with pytest.raises(Invalid) as exc:
            await images.list_images(owner, first=bad)
        assert exc.value.extensions["field"] == "first"


async def test_bad_cursor_is_bad_input() -> None:
    owner, _ = await _pair()
    with pytest.raises(Invalid):
        await images.list_images(owner, after="!!not-a-cursor")


async def test_uncategorized_is_private_to_its_owner() -> None:
    owner, other = await _pair()
    admin = await new_user("admin@example.com", is_admin=True)
    mine = await store(owner.user_id)
    await store(other.user_id)
    page = await images.list_images(owner, uncategorized=True)
    assert [str(r.id) for r in page.rows] == [mine]
    with pytest.raises(Forbidden):
        await images.list_images(other, uncategorized=True, owner_id=owner.user_id)
    admin_view = await images.list_images(admin, uncategorized=True, owner_id=owner.user_id)
    assert [str(r.id) for r in admin_view.rows] == [mine]
    assert (await images.list_images(admin, uncategorized=True)).total == 0
    with pytest.raises(NotFound):
        await images.get_image(other, mine)


async def test_unfiltered_listing_shows_everything_readable() -> None:
    owner, other = await _pair()
    public = await boards.create_board(owner, "pub", is_public=True)
    private = await boards.create_board(owner, "priv")
    in_public = await store(owner.user_id, str(public.id))
    await store(owner.user_id, str(private.id))
    await store(owner.user_id)
    own = await store(other.user_id)
    page = await images.list_images(other)
    assert {str(r.id) for r in page.rows} == {in_public, own}


async def test_starred_only_and_unreadable_board() -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "b")
    a = await store(owner.user_id, str(board.id))
    await store(owner.user_id, str(board.id))
    await images.update_image(owner, a, starred=True)
    page = await images.list_images(owner, board_id=str(board.id), starred_only=True)
    assert [str(r.id) for r in page.rows] == [a] and page.total == 1
    with pytest.raises(NotFound):
        await images.list_images(other, board_id=str(board.id))
    with pytest.raises(Invalid):
        await images.list_images(owner, board_id=str(board.id), uncategorized=True)


async def test_read_share_can_read_but_not_change_images() -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "b")
    image_id = await store(owner.user_id, str(board.id))
    await board_shares.share_board(owner, str(board.id), other.user_id, "READ")
    assert str((await images.get_image(other, image_id)).id) == image_id
    with pytest.raises(Forbidden):
        await images.update_image(other, image_id, starred=True)
    with pytest.raises(Forbidden):
        await images.delete_images(other, [image_id])
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
    assert (await images.update_image(other, image_id, starred=True)).starred is True


async def test_moving_needs_write_on_the_target_board() -> None:
    owner, other = await _pair()
    theirs = await boards.create_board(other, "theirs")
    image_id = await store(owner.user_id)
    with pytest.raises(Forbidden):
        await images.update_image(owner, image_id, board_id=str(theirs.id))
    with pytest.raises(NotFound):
        await images.update_image(owner, image_id, board_id=str(uuid.uuid4()))
    await board_shares.share_board(other, str(theirs.id), owner.user_id, "WRITE")
    moved = await images.update_image(owner, image_id, board_id=str(theirs.id))
    assert moved.board_id == theirs.id
    # The board's owner may not move someone else's image out of it; the image's owner may.
    with pytest.raises(Forbidden):
        await images.update_image(other, image_id, clear_board=True)
    back = await images.update_image(owner, image_id, clear_board=True)
    assert back.board_id is None and str(back.owner_id) == owner.user_id
    with pytest.raises(Invalid):
        await images.update_image(owner, image_id, board_id=str(theirs.id), clear_board=True)


async def test_owner_keeps_own_image_after_losing_the_board() -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "b")
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
    theirs = await store(other.user_id, str(board.id))
    await board_shares.unshare_board(owner, str(board.id), other.user_id)
    assert str((await images.get_image(other, theirs)).id) == theirs
    assert await images.delete_images(other, [theirs]) == 1


async def test_one_forbidden_id_fails_the_whole_batch(db: Settings) -> None:
    owner, other = await _pair()
    mine = [await store(owner.user_id) for _ in range(2)]
    theirs = await store(other.user_id)
    shared = await boards.create_board(other, "shared")
    await board_shares.share_board(other, str(shared.id), owner.user_id, "READ")
    readable = await store(other.user_id, str(shared.id))
    before = _files(db)
    with pytest.raises(Forbidden):
        await images.delete_images(owner, [*mine, readable])
    with pytest.raises(NotFound):  # unreadable: answered like a missing id
        await images.delete_images(owner, [*mine, theirs])
    with pytest.raises(NotFound):
        await images.delete_images(owner, [*mine, str(uuid.uuid4())])
    with pytest.raises(Invalid):
        await images.delete_images(owner, ["nope"])
    assert await Image.all().count() == 4 and _files(db) == before
    assert await images.delete_images(owner, [*mine, mine[0]]) == 2
    assert len(_files(db)) == 4
    assert await images.delete_images(owner, []) == 0


async def test_a_write_collaborator_stars_but_cannot_move_the_owners_image() -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "shared")
    own_board = await boards.create_board(other, "mine")
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
    image_id = await store(owner.user_id, str(board.id))
    for move in (
        {"board_id": str(own_board.id)},
        {"clear_board": True},
        {"board_id": str(own_board.id), "starred": True},
    ):
        with pytest.raises(Forbidden, match="owner or an admin"):
            await images.update_image(other, image_id, **move)
    row = await Image.get(id=image_id)
    assert (row.board_id, row.starred) == (board.id, False)
    assert (await images.update_image(other, image_id, starred=True)).starred is True
    # Their own image in the owner's board is theirs to move.
    theirs = await store(other.user_id, str(board.id))
    moved = await images.update_image(other, theirs, board_id=str(own_board.id))
    assert moved.board_id == own_board.id


async def test_after_unshare_the_owners_images_are_not_found() -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "shared")
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
    image_id = await store(owner.user_id, str(board.id))
    theirs = await store(other.user_id, str(board.id))
    await board_shares.unshare_board(owner, str(board.id), other.user_id)
    for call in (
        images.get_image(other, image_id),
        images.update_image(other, image_id, starred=True),
        images.delete_images(other, [image_id]),
    ):
        with pytest.raises(NotFound):
            await call
    assert [str(r.id) for r in (await images.list_images(other)).rows] == [theirs]


async def test_admins_and_the_single_user_move_any_image() -> None:
    owner, _ = await _pair()
    admin = await new_user("admin@example.com", is_admin=True)
    board = await boards.create_board(owner, "b")
    image_id = await store(owner.user_id, str(board.id))
    elsewhere = await boards.create_board(admin, "admin's")
    moved = await images.update_image(admin, image_id, board_id=str(elsewhere.id))
    assert moved.board_id == elsewhere.id
    single = system_actor(multiuser=False)
    back = await images.update_image(single, image_id, board_id=str(board.id))
    assert back.board_id == board.id
    assert (await images.update_image(single, image_id, clear_board=True)).board_id is None


async def test_admin_may_change_and_delete_any_image() -> None:
    owner, _ = await _pair()
    admin = await new_user("admin@example.com", is_admin=True)
    image_id = await store(owner.user_id)
    assert (await images.update_image(admin, image_id, starred=True)).starred
    assert await images.delete_images(admin, [image_id]) == 1


async def test_deleting_a_user_leaves_nothing_of_theirs(db: Settings) -> None:
    owner, other = await _pair()
    board = await boards.create_board(owner, "b")
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
    theirs_board = await boards.create_board(other, "theirs")
    await board_shares.share_board(other, str(theirs_board.id), owner.user_id, "WRITE")
    await store(owner.user_id, str(board.id))
    await store(owner.user_id)
    await store(owner.user_id, str(theirs_board.id))
    guest = await store(other.user_id, str(board.id))
    await workflows.save_workflow(owner, None, name="w", graph={"nodes": []})
    await presets.save_preset(owner, None, name="p", positive_prompt="x")
    await client_state.set_value(owner, "k", "v")
    guest_row = await Image.get(id=guest)
    other_files = {guest_row.filename, guest_row.thumbnail}

    await users.delete_user(system_actor(True), owner.user_id)

    uid = owner.user_id
    assert not await User.filter(id=uid).exists()
    assert await Board.filter(owner_id=uid).count() == 0
    assert await BoardShare.filter(user_id=uid).count() == 0
    assert await Image.filter(owner_id=uid).count() == 0
    assert await Workflow.filter(owner_id=uid).count() == 0
    assert await StylePreset.filter(owner_id=uid).count() == 0
    assert await ClientState.filter(user_id=uid).count() == 0
    assert set(_files(db)) == other_files
    # The other user's image that sat in the deleted board is back in Uncategorized.
    assert (await Image.get(id=guest)).board_id is None
    assert await BoardShare.filter(board_id=theirs_board.id).count() == 0


async def test_signed_urls_point_at_the_image_routes() -> None:
    url = images.url_for(b"k" * 32, "abc", "thumbnail", now=1000.0)
    assert url.startswith("/images/abc/thumbnail?exp=") and "&sig=" in url


def test_image_urls_are_absolute_under_public_url(tmp_path: Path) -> None:
    runtime.start(make_settings(tmp_path, public_url="https://art.example.org/"))
    try:
        url = images.url_for(b"k" * 32, "abc", "full", now=1000.0)
        assert url.startswith("https://art.example.org/images/abc/full?exp=")
        runtime.start(make_settings(tmp_path))
        assert images.url_for(b"k" * 32, "abc", "full", now=1000.0).startswith("/images/abc/full?")
    finally:
        runtime.stop()
