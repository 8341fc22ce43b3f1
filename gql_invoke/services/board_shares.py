"""Sharing boards: who may give, change and take back a per-user share.

A share gives one user READ, WRITE or ADMIN on a board (OWNER is the creator's
alone); giving, changing or removing another user's share takes board ADMIN, and
anyone may leave a board shared with them. What a share is worth next to
ownership, isPublic and site admins is decided in boards.py (``level_of``).
"""

from __future__ import annotations

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Board, BoardShare, User
from gql_invoke.errors import Invalid, NotFound
from gql_invoke.services import audit, boards
from gql_invoke.services.boards import Access
from gql_invoke.services.scope import parse_uuid

# Levels a share may give, by the names shares store (OWNER is the creator's alone).
GRANTABLE = frozenset(a.name for a in Access if a < Access.OWNER)


async def share_board(actor: Actor, board_id: str, user_id: str, access: str) -> Board:
    """Any signed-in actor with board ADMIN (Forbidden otherwise); Invalid for the access, a
    bad id, or sharing with oneself, the owner or the system user; NotFound for a missing
    board or user.

    Gives ``user_id`` the ``access`` level (READ, WRITE or ADMIN), replacing their share."""
    if access not in GRANTABLE:
        raise Invalid(
            "access must be READ, WRITE or ADMIN (OWNER is not grantable)", field="access"
        )
    uid = parse_uuid(user_id, "userId")
    board, _ = await boards.require(actor, board_id, Access.ADMIN, "share it", field="boardId")
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
    """Any signed-in actor leaving a board they can READ, else board ADMIN (Forbidden
    otherwise); Invalid for a bad id, NotFound for a missing board or user."""
    uid = parse_uuid(user_id, "userId")
    # Anyone may leave a board shared with them; removing others takes ADMIN.
    leaving = str(uid) == actor.user_id
    board, _ = await boards.require(
        actor, board_id, Access.READ if leaving else Access.ADMIN, "unshare it", field="boardId"
    )
    if not leaving and not await User.filter(id=uid).exists():
        raise NotFound(f"user {user_id} not found", field="userId")
    removed = await BoardShare.filter(board_id=board.id, user_id=uid).delete()
    if removed:
        await audit.record(actor, "board_unshared", "board", str(board.id), {"userId": str(uid)})
    return board


async def shares_by_board(board_ids: list[str]) -> dict[str, list[BoardShare]]:
    """Internal: Board.shares' DataLoader (schema/boards, after its ADMIN check); raises
    nothing.

    Each board's shares, oldest first."""
    found: dict[str, list[BoardShare]] = {b: [] for b in board_ids}
    rows = await BoardShare.filter(board_id__in=boards.uuids(board_ids)).order_by(
        "created_at", "id"
    )
    for row in rows:
        found[str(row.board_id)].append(row)
    return found
