"""Board types. Per-board fields (owner, access, counts, cover) go through
DataLoaders so a list of boards costs the same number of queries at any length."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import strawberry

from gql_invoke.domain import BoardAccess
from gql_invoke.services import board_images, board_shares
from gql_invoke.services import boards as boards_service
from schema.context import Info
from schema.images import Image, ImageConnection, warm_url_key
from schema.loaders import access_loader, by_key
from schema.users import User, load_user

if TYPE_CHECKING:
    from gql_invoke.db.models import Board as BoardRow
    from gql_invoke.db.models import BoardShare as BoardShareRow


# The domain's ordered levels as a GraphQL enum, by name (decorated in place).
strawberry.enum(BoardAccess, name="BoardAccess")


# Every loader of board data, schema/loaders.py's board_access and board included.
BOARD_LOADERS = (
    "board_access",
    "board",
    "board_shares",
    "board_image_count",
    "board_cover",
    "board_images",
)


def forget_boards(info: Info) -> None:
    """After a mutation: values cached earlier in this request may be stale."""
    for name in BOARD_LOADERS:
        loader = info.context.loaders.extra.get(name)
        if loader is not None:
            loader.clear_all()


@strawberry.type
class BoardShare:
    access: BoardAccess
    _user_id: strawberry.Private[str]

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await load_user(info, self._user_id)


@strawberry.type
class Board:
    id: strawberry.ID
    name: str
    is_public: bool
    archived: bool
    created_at: datetime
    updated_at: datetime
    _owner_id: strawberry.Private[str]
    _cover_image_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: BoardRow) -> Board:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            is_public=row.is_public,
            archived=row.archived,
            created_at=row.created_at,
            updated_at=row.updated_at,
            _owner_id=str(row.owner_id),
            _cover_image_id=str(row.cover_image_id) if row.cover_image_id else None,
        )

    @strawberry.field
    async def owner(self, info: Info) -> User:
        return await load_user(info, self._owner_id)

    async def _level(self, info: Info) -> boards_service.Access | None:
        return await access_loader(info).load((str(self.id), self._owner_id, self.is_public))

    @strawberry.field(description="The viewer's level; site admins who do not own it: ADMIN.")
    async def my_access(self, info: Info) -> BoardAccess:
        level = await self._level(info)
        return level if level is not None else BoardAccess.READ

    @strawberry.field
    async def image_count(self, info: Info) -> int:
        loader = info.context.loaders.get(
            "board_image_count", by_key(board_images.image_counts, default=0)
        )
        return await loader.load(str(self.id))

    @strawberry.field(
        description="The chosen cover while it is in the board, else the newest "
        "image; null for an empty board."
    )
    async def cover_image(self, info: Info) -> Image | None:
        loader = info.context.loaders.get("board_cover", by_key(board_images.covers))
        row = await loader.load((str(self.id), self._cover_image_id))
        if row is not None:
            await warm_url_key(info)
        return Image.from_row(row) if row else None

    @strawberry.field(description="Owner, board ADMINs and site admins; [] for others.")
    async def shares(self, info: Info) -> list[BoardShare]:
        level = await self._level(info)
        if level is None or level < boards_service.Access.ADMIN:
            return []
        loader = info.context.loaders.get(
            "board_shares", by_key(board_shares.shares_by_board, default=[])
        )
        rows: list[BoardShareRow] = await loader.load(str(self.id))
        return [BoardShare(access=BoardAccess[r.access], _user_id=str(r.user_id)) for r in rows]

    @strawberry.field
    async def images(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        starred_only: bool | None = False,
    ) -> ImageConnection:
        actor = info.context.require_actor()

        async def fetch(keys: Sequence[board_images.PageKey]) -> list[Any]:
            return await board_images.pages(actor, keys)

        # One loader for every board of the request: a list of boards asking for the
        # same page costs two statements in all (see services/board_images.py).
        loader = info.context.loaders.get("board_images", fetch)
        page = await loader.load(
            board_images.PageKey(
                board=(str(self.id), self._owner_id, self.is_public),
                first=50 if first is None else first,
                after=after,
                starred_only=bool(starred_only),
            )
        )
        await warm_url_key(info)  # one load per request; later awaits find it done
        return ImageConnection.from_page(page)
