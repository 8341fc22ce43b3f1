"""Boards and sharing."""

from __future__ import annotations

import strawberry

from gql_invoke.services import board_shares, boards
from schema.boards import Board, BoardAccess, forget_boards
from schema.context import Info
from schema.permissions import SIGNED_IN, WRITER


@strawberry.type
class BoardsQuery:
    @strawberry.field(
        permission_classes=SIGNED_IN,
        description=(
            "Own, shared with me and public boards (admins: all), newest first. first: 1..500; "
            "after: the last board id of the previous page."
        ),
    )
    async def boards(
        self,
        info: Info,
        include_archived: bool | None = False,
        owner_id: strawberry.ID | None = None,
        first: int | None = 100,
        after: strawberry.ID | None = None,
    ) -> list[Board]:
        rows = await boards.list_boards(
            info.context.require_actor(),
            bool(include_archived),
            owner_id,
            100 if first is None else first,
            None if after is None else str(after),
        )
        return [Board.from_row(r) for r in rows]

    @strawberry.field(
        permission_classes=SIGNED_IN,
        description="NOT_FOUND for a missing board or one you cannot read.",
    )
    async def board(self, info: Info, id: strawberry.ID) -> Board | None:
        row, _ = await boards.readable(info.context.require_actor(), id)
        return Board.from_row(row)


@strawberry.type
class BoardsMutation:
    @strawberry.mutation(permission_classes=WRITER)
    async def create_board(self, info: Info, name: str, is_public: bool | None = False) -> Board:
        return Board.from_row(
            await boards.create_board(info.context.require_actor(), name, bool(is_public))
        )

    @strawberry.mutation(
        permission_classes=WRITER, description='coverImageId "" clears the chosen cover.'
    )
    async def update_board(
        self,
        info: Info,
        id: strawberry.ID,
        name: str | None = None,
        archived: bool | None = None,
        is_public: bool | None = None,
        cover_image_id: strawberry.ID | None = None,
    ) -> Board:
        row = await boards.update_board(
            info.context.require_actor(),
            id,
            name=name,
            archived=archived,
            is_public=is_public,
            cover_image_id=cover_image_id,
        )
        forget_boards(info)
        return Board.from_row(row)

    @strawberry.mutation(permission_classes=WRITER)
    async def delete_board(
        self, info: Info, id: strawberry.ID, delete_images: bool | None = False
    ) -> bool:
        done = await boards.delete_board(info.context.require_actor(), id, bool(delete_images))
        forget_boards(info)
        return done

    @strawberry.mutation(permission_classes=WRITER)
    async def share_board(
        self, info: Info, board_id: strawberry.ID, user_id: strawberry.ID, access: BoardAccess
    ) -> Board:
        row = await board_shares.share_board(
            info.context.require_actor(), board_id, user_id, access.name
        )
        forget_boards(info)
        return Board.from_row(row)

    @strawberry.mutation(permission_classes=WRITER)
    async def unshare_board(
        self, info: Info, board_id: strawberry.ID, user_id: strawberry.ID
    ) -> Board:
        row = await board_shares.unshare_board(info.context.require_actor(), board_id, user_id)
        forget_boards(info)
        return Board.from_row(row)
