"""Board service: access levels, listing, the chosen cover, deletion (shares: test_board_shares)."""

from __future__ import annotations

import uuid

import pytest

from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.config import Settings
from gql_invoke.db.models import Board, Image
from gql_invoke.errors import Invalid, NotFound
from gql_invoke.services import board_shares, boards
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
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
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
    await board_shares.share_board(owner, str(shared.id), other.user_id, "READ")
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


async def test_deleting_a_board_moves_images_to_uncategorized() -> None:
    owner, other, _ = await _three()
    board = await boards.create_board(owner, "b")
    await board_shares.share_board(owner, str(board.id), other.user_id, "WRITE")
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
    await board_shares.share_board(owner, str(rows[1].id), other.user_id, "WRITE")
    levels = await boards.levels_by_ids(other, [str(r.id) for r in rows])
    assert levels == {str(rows[0].id): None, str(rows[1].id): Access.WRITE, str(rows[2].id): None}
