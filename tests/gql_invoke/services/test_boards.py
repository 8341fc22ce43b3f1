"""Board service: access levels, listing, sharing, deletion."""

from __future__ import annotations

import uuid

import pytest

from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings
from gql_invoke.db.models import Board, BoardShare, Image
from gql_invoke.errors import Forbidden, Invalid, NotFound
from gql_invoke.services import boards
from gql_invoke.services.boards import Access
from tests.helpers import new_user
from tests.image_helpers import store

pytestmark = pytest.mark.usefixtures("db")


async def _three() -> tuple[Actor, Actor, Actor]:
    return (
        await new_user("owner@example.com"),
        await new_user("other@example.com"),
        await new_user("admin@example.com", is_admin=True),
    )


async def test_creator_is_owner_and_others_see_nothing() -> None:
    owner, other, _ = await _three()
    board = await boards.create_board(owner, "  Cats  ")
    assert board.name == "Cats"
    assert await boards.level_for(owner, board) is Access.OWNER
    assert await boards.level_for(other, board) is None
    with pytest.raises(NotFound):
        await boards.readable(other, str(board.id))


async def test_site_admin_gets_admin_level_on_others_boards() -> None:
    owner, _, admin = await _three()
    board = await boards.create_board(owner, "b")
    assert await boards.level_for(admin, board) is Access.ADMIN
    assert await boards.level_for(system_actor(multiuser=False), board) is Access.ADMIN


async def test_public_board_gives_every_user_read() -> None:
    owner, other, _ = await _three()
    board = await boards.create_board(owner, "pub", is_public=True)
    assert await boards.level_for(other, board) is Access.READ
    _, level = await boards.readable(other, str(board.id))
    assert level is Access.READ


async def test_share_level_beats_public_read() -> None:
    owner, other, _ = await _three()
    board = await boards.create_board(owner, "pub", is_public=True)
    await boards.share_board(owner, str(board.id), other.user_id, "WRITE")
    assert await boards.level_for(other, board) is Access.WRITE


async def test_cannot_create_board_with_blank_or_long_name() -> None:
    owner, _, _ = await _three()
    for name in ("   ", "x" * 301):
        with pytest.raises(Invalid) as exc:
            await boards.create_board(owner, name)
        assert exc.value.extensions["field"] == "name"


async def test_list_boards_shows_own_shared_and_public_only() -> None:
    owner, other, admin = await _three()
    mine = await boards.create_board(other, "mine")
    shared = await boards.create_board(owner, "shared")
    public = await boards.create_board(owner, "public", is_public=True)
    private = await boards.create_board(owner, "private")
    await boards.share_board(owner, str(shared.id), other.user_id, "READ")
    seen = {b.name for b in await boards.list_boards(other)}
    assert seen == {mine.name, shared.name, public.name}
    everything = {b.name for b in await boards.list_boards(admin)}
    assert private.name in everything and len(everything) == 4


async def test_archived_boards_only_when_asked() -> None:
    owner, _, _ = await _three()
    board = await boards.create_board(owner, "old")
    await boards.update_board(owner, str(board.id), archived=True)
    assert await boards.list_boards(owner) == []
    assert [b.id for b in await boards.list_boards(owner, include_archived=True)] == [board.id]


async def test_owner_filter_narrows_the_list() -> None:
    owner, other, admin = await _three()
    await boards.create_board(owner, "a")
    await boards.create_board(other, "b")
    rows = await boards.list_boards(admin, owner_id=other.user_id)
    assert [r.name for r in rows] == ["b"]
    with pytest.raises(Invalid):
        await boards.list_boards(admin, owner_id="nope")


async def test_sharing_lifecycle_read_write_admin_unshare() -> None:
    owner, other, _ = await _three()
    third = await new_user("third@example.com")
    board = await boards.create_board(owner, "team")
    bid = str(board.id)
    await boards.share_board(owner, bid, other.user_id, "READ")
    await boards.readable(other, bid)
    with pytest.raises(Forbidden):
        await boards.require(other, bid, Access.WRITE, "add images")
    await boards.share_board(owner, bid, other.user_id, "WRITE")
    await boards.require(other, bid, Access.WRITE, "add images")
    with pytest.raises(Forbidden):
        await boards.share_board(other, bid, third.user_id, "READ")
    with pytest.raises(Forbidden):
        await boards.update_board(other, bid, name="renamed")
    await boards.share_board(owner, bid, other.user_id, "ADMIN")
    await boards.share_board(other, bid, third.user_id, "READ")
    assert (await boards.update_board(other, bid, name="renamed")).name == "renamed"
    with pytest.raises(Forbidden):
        await boards.delete_board(other, bid)
    await boards.unshare_board(owner, bid, other.user_id)
    with pytest.raises(NotFound):
        await boards.readable(other, bid)
    assert await BoardShare.filter(board_id=board.id).count() == 1


async def test_cannot_grant_owner_share_with_self_or_owner() -> None:
    owner, other, admin = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    with pytest.raises(Invalid):
        await boards.share_board(owner, bid, other.user_id, "OWNER")
    with pytest.raises(Invalid):
        await boards.share_board(owner, bid, owner.user_id, "READ")
    with pytest.raises(Invalid):
        await boards.share_board(admin, bid, owner.user_id, "READ")
    with pytest.raises(Invalid):
        await boards.share_board(admin, bid, admin.user_id, "READ")


async def test_share_with_unknown_user_or_board_is_not_found() -> None:
    owner, other, _ = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    with pytest.raises(NotFound):
        await boards.share_board(owner, bid, str(uuid.uuid4()), "READ")
    with pytest.raises(NotFound):
        await boards.share_board(owner, str(uuid.uuid4()), other.user_id, "READ")


async def test_stranger_cannot_share_and_gets_forbidden() -> None:
    owner, other, _ = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    with pytest.raises(Forbidden):
        await boards.share_board(other, bid, other.user_id, "READ")
    with pytest.raises(Forbidden):
        await boards.unshare_board(other, bid, owner.user_id)


async def test_a_sharee_may_leave_a_board() -> None:
    owner, other, _ = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    await boards.share_board(owner, bid, other.user_id, "READ")
    await boards.unshare_board(other, bid, other.user_id)
    assert await boards.list_boards(other) == []


async def test_cover_must_be_an_image_in_the_board() -> None:
    owner, _, _ = await _three()
    board = await boards.create_board(owner, "b")
    inside = await store(owner.user_id, str(board.id))
    outside = await store(owner.user_id)
    updated = await boards.update_board(owner, str(board.id), cover_image_id=inside)
    assert str(updated.cover_image_id) == inside
    with pytest.raises(Invalid):
        await boards.update_board(owner, str(board.id), cover_image_id=outside)
    with pytest.raises(NotFound):
        await boards.update_board(owner, str(board.id), cover_image_id=str(uuid.uuid4()))
    cleared = await boards.update_board(owner, str(board.id), cover_image_id="")
    assert cleared.cover_image_id is None


async def test_covers_fall_back_to_the_newest_image() -> None:
    owner, _, _ = await _three()
    a = await boards.create_board(owner, "a")
    b = await boards.create_board(owner, "b")
    empty = await boards.create_board(owner, "empty")
    first = await store(owner.user_id, str(a.id))
    newest = await store(owner.user_id, str(a.id))
    only_b = await store(owner.user_id, str(b.id))
    keys = [
        (str(a.id), None),
        (str(b.id), str(uuid.uuid4())),
        (str(empty.id), None),
        (str(a.id), first),
    ]
    found = await boards.covers(keys)
    assert str(found[(str(a.id), None)].id) == newest
    assert str(found[(str(b.id), keys[1][1])].id) == only_b
    assert (str(empty.id), None) not in found
    assert str(found[(str(a.id), first)].id) == first


async def test_deleting_a_board_moves_images_to_uncategorized() -> None:
    owner, other, _ = await _three()
    board = await boards.create_board(owner, "b")
    await boards.share_board(owner, str(board.id), other.user_id, "WRITE")
    mine = await store(owner.user_id, str(board.id))
    theirs = await store(other.user_id, str(board.id))
    assert await boards.delete_board(owner, str(board.id)) is True
    assert not await Board.filter(id=board.id).exists()
    rows = {str(r.id): r for r in await Image.all()}
    assert rows[mine].board_id is None and rows[theirs].board_id is None
    assert str(rows[theirs].owner_id) == other.user_id


async def test_deleting_a_board_with_images_removes_files(db: Settings) -> None:
    owner, _, _ = await _three()
    board = await boards.create_board(owner, "b")
    await store(owner.user_id, str(board.id))
    kept = await store(owner.user_id)
    await boards.delete_board(owner, str(board.id), delete_images=True)
    assert [str(i.id) for i in await Image.all()] == [kept]
    files = [p for p in db.outputs_dir.rglob("*") if p.is_file()]
    assert len(files) == 2  # the kept image's PNG and thumbnail


async def test_admin_may_delete_any_board() -> None:
    owner, _, admin = await _three()
    board = await boards.create_board(owner, "b")
    assert await boards.delete_board(admin, str(board.id))
    with pytest.raises(NotFound):
        await boards.delete_board(admin, str(board.id))


async def test_levels_for_many_boards() -> None:
    owner, other, _ = await _three()
    rows = [await boards.create_board(owner, f"b{i}") for i in range(3)]
    await boards.share_board(owner, str(rows[1].id), other.user_id, "WRITE")
    levels = await boards.levels_by_ids(other, [str(r.id) for r in rows])
    assert levels == {str(rows[0].id): None, str(rows[1].id): Access.WRITE, str(rows[2].id): None}
