"""Image types and the gallery connection. URLs are signed per request with a key
read once per request (a DataLoader), so a page of N images costs no N queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from gql_invoke.domain import ImageOrigin
from gql_invoke.services import app_settings
from gql_invoke.services import boards as boards_service
from gql_invoke.services import images as images_service
from schema.context import Info
from schema.loaders import access_loader, board_loader
from schema.scalars import Long
from schema.users import User, load_user

if TYPE_CHECKING:
    from gql_invoke.db.models import Image as ImageRow
    from schema.boards import Board


async def _url_key(keys: Sequence[str]) -> list[bytes]:
    key = await app_settings.image_url_key()
    return [key for _ in keys]


def _key_loader(info: Info) -> DataLoader[str, bytes]:
    return info.context.loaders.get("image_url_key", _url_key)


async def warm_url_key(info: Info) -> None:
    """Fields returning images call this once, so the url fields of a whole page
    resolve synchronously (far cheaper than 2 x N awaited resolvers)."""
    await _key_loader(info).load("key")


def _signed(info: Info, image_id: str, variant: Any) -> Any:
    """The URL, or an awaitable of it when nothing warmed the key (graphql awaits it)."""
    loader = _key_loader(info)
    ready = loader.cache_map.get("key")
    if ready is not None and ready.done() and ready.exception() is None:
        return images_service.url_for(ready.result(), image_id, variant)

    async def later() -> str:
        return images_service.url_for(await loader.load("key"), image_id, variant)

    return later()


strawberry.enum(
    ImageOrigin,
    name="ImageOrigin",
    description="GENERATED: made by a queue item; UPLOADED: uploaded with uploadImage.",
)


@strawberry.type
class Image:
    id: strawberry.ID
    width: int
    height: int
    size_bytes: Long = strawberry.field(
        description=(
            "Bytes the image takes on disk: the PNG plus its WebP thumbnail (what the "
            "storage quota counts)."
        )
    )
    origin: ImageOrigin
    starred: bool
    created_at: datetime
    metadata: JSON | None
    queue_item_id: strawberry.ID | None
    _owner_id: strawberry.Private[str]
    _board_id: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: ImageRow) -> Image:
        board_id = row.board_id
        return cls(
            id=strawberry.ID(str(row.id)),
            width=row.width,
            height=row.height,
            size_bytes=Long(row.size_bytes),
            origin=ImageOrigin(row.origin),
            starred=row.starred,
            created_at=row.created_at,
            metadata=row.metadata,
            queue_item_id=strawberry.ID(str(row.queue_item_id))
            if row.queue_item_id is not None
            else None,
            _owner_id=str(row.owner_id),
            _board_id=str(board_id) if board_id else None,
        )

    @strawberry.field
    async def owner(self, info: Info) -> User:
        return await load_user(info, self._owner_id)

    @strawberry.field(
        description="null: the owner's Uncategorized (or a board the viewer cannot read)."
    )
    async def board(self, info: Info) -> Annotated[Board, strawberry.lazy("schema.boards")] | None:
        # The one import back: schema.boards imports this module (Board's fields return
        # Images) and each type builds the other, so one side must import at call time.
        from schema.boards import Board

        if self._board_id is None:
            return None
        row = await board_loader(info).load(self._board_id)
        if row is None or await access_loader(info).load(boards_service.ref_of(row)) is None:
            return None
        return Board.from_row(row)

    @strawberry.field(description="Signed, short-lived URL of the PNG; no header needed.")
    def url(self, info: Info) -> str:
        return _signed(info, str(self.id), "full")

    @strawberry.field(description="Signed, short-lived URL of the WebP thumbnail.")
    def thumbnail_url(self, info: Info) -> str:
        return _signed(info, str(self.id), "thumbnail")


@strawberry.type
class ImageEdge:
    cursor: str
    node: Image


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ImageConnection:
    edges: list[ImageEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: images_service.ImagePage) -> ImageConnection:
        return cls(
            edges=[
                ImageEdge(cursor=images_service.cursor_of(r), node=Image.from_row(r))
                for r in page.rows
            ],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            total_count=page.total,
        )
