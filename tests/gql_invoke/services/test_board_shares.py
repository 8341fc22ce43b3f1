"""Board shares: who may give, change and take back a share, and what it gives."""

from __future__ import annotations

import uuid

import pytest

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import BoardShare
from gql_invoke.errors import Forbidden, Invalid, NotFound
from gql_invoke.services import board_shares, boards
from gql_invoke.services.boards import Access
from tests.helpers import new_user

pytestmark = pytest.mark.usefixtures("db")


async def _three() -> tuple[Actor, Actor, Actor]:
    return (
        await new_user("owner@example.com"),
        await new_user("other@example.com"),
        await new_user("admin@example.com", is_admin=True),
    )


async def test_sharing_lifecycle_read_write_admin_unshare() -> None:
    owner, other, _ = await _three()
    third = await new_user("third@example.com")
    board = await boards.create_board(owner, "team")
    bid = str(board.id)
    await board_shares.share_board(owner, bid, other.user_id, "READ")
    await boards.readable(other, bid)
    with pytest.raises(Forbidden):
        await boards.require(other, bid, Access.WRITE, "add images")
    await board_shares.share_board(owner, bid, other.user_id, "WRITE")
    await boards.require(other, bid, Access.WRITE, "add images")
    with pytest.raises(Forbidden):
        await board_shares.share_board(other, bid, third.user_id, "READ")
    with pytest.raises(Forbidden):
        await boards.update_board(other, bid, name="renamed")
    await board_shares.share_board(owner, bid, other.user_id, "ADMIN")
    await board_shares.share_board(other, bid, third.user_id, "READ")
    assert (await boards.update_board(other, bid, name="renamed")).name == "renamed"
    with pytest.raises(Forbidden):
        await boards.delete_board(other, bid)
    await board_shares.unshare_board(owner, bid, other.user_id)
    with pytest.raises(NotFound):
        await boards.readable(other, bid)
    assert await BoardShare.filter(board_id=board.id).count() == 1


async def test_cannot_grant_owner_share_with_self_or_owner() -> None:
    owner, other, admin = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    with pytest.raises(Invalid):
        await board_shares.share_board(owner, bid, other.user_id, "OWNER")
    with pytest.raises(Invalid):
        await board_shares.share_board(owner, bid, owner.user_id, "READ")
    with pytest.raises(Invalid):
        await board_shares.share_board(admin, bid, owner.user_id, "READ")
    with pytest.raises(Invalid):
        await board_shares.share_board(admin, bid, admin.user_id, "READ")


async def test_share_with_unknown_user_or_board_is_not_found() -> None:
    owner, other, _ = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    with pytest.raises(NotFound):
        await board_shares.share_board(owner, bid, str(uuid.uuid4()), "READ")
    with pytest.raises(NotFound):
        await board_shares.share_board(owner, str(uuid.uuid4()), other.user_id, "READ")


async def test_stranger_cannot_share_and_gets_forbidden() -> None:
    owner, other, _ = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    with pytest.raises(Forbidden):
        await board_shares.share_board(other, bid, other.user_id, "READ")
    with pytest.raises(Forbidden):
        await board_shares.unshare_board(other, bid, owner.user_id)


async def test_a_sharee_may_leave_a_board() -> None:
    owner, other, _ = await _three()
    bid = str((await boards.create_board(owner, "b")).id)
    await board_shares.share_board(owner, bid, other.user_id, "READ")
    await board_shares.unshare_board(other, bid, other.user_id)
    assert await boards.list_boards(other) == []
