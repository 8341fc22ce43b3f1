"""The gallery: listing, reading, starring, moving and deleting images."""

from __future__ import annotations

import strawberry
from starlette.datastructures import UploadFile

from gql_invoke.errors import Invalid
from gql_invoke.services import images, uploads
from schema.boards import forget_boards
from schema.context import Info
from schema.images import Image, ImageConnection, warm_url_key
from schema.permissions import GENERATOR, SIGNED_IN, WRITER
from schema.scalars import Upload


@strawberry.type
class ImagesQuery:
    @strawberry.field(
        permission_classes=SIGNED_IN,
        description=(
            "Newest first. boardId: that board. uncategorized: your images without a board "
            "(admins may add ownerId). Neither: every image you can read. first: 1..500."
        ),
    )
    async def images(
        self,
        info: Info,
        board_id: strawberry.ID | None = None,
        uncategorized: bool | None = False,
        first: int | None = 50,
        after: str | None = None,
        starred_only: bool | None = False,
        owner_id: strawberry.ID | None = None,
    ) -> ImageConnection:
        page = await images.list_images(
            info.context.require_actor(),
            board_id=board_id,
            uncategorized=bool(uncategorized),
            first=50 if first is None else first,
            after=after,
            starred_only=bool(starred_only),
            owner_id=owner_id,
        )
        await warm_url_key(info)
        return ImageConnection.from_page(page)

    @strawberry.field(
        permission_classes=SIGNED_IN,
        description="NOT_FOUND for a missing image or one you cannot read.",
    )
    async def image(self, info: Info, id: strawberry.ID) -> Image | None:
        row = await images.get_image(info.context.require_actor(), id)
        await warm_url_key(info)
        return Image.from_row(row)


@strawberry.type
class ImagesMutation:
    @strawberry.mutation(
        permission_classes=WRITER,
        description=(
            "starred: needs WRITE on the image's board. boardId moves it to a board you can "
            "WRITE; clearBoard moves it back to its owner's Uncategorized. Moving is for the "
            "image's owner and admins (FORBIDDEN for collaborators). NOT_FOUND for an image you "
            "cannot read."
        ),
    )
    async def update_image(
        self,
        info: Info,
        id: strawberry.ID,
        starred: bool | None = None,
        board_id: strawberry.ID | None = None,
        clear_board: bool | None = False,
    ) -> Image:
        row = await images.update_image(
            info.context.require_actor(),
            id,
            starred=starred,
            board_id=board_id,
            clear_board=bool(clear_board),
        )
        forget_boards(info)
        await warm_url_key(info)
        return Image.from_row(row)

    @strawberry.mutation(
        permission_classes=GENERATOR,
        description=(
            "A PNG, JPEG or WebP image (at most 4096x4096), sent as a GraphQL multipart request "
            "with a GraphQL-Preflight: 1 header, into a board you can WRITE (null: your "
            "Uncategorized). Generation parameters in a PNG (ours, InvokeAI's, A1111's) become "
            "its metadata. NOT_FOUND for a board you cannot read."
        ),
    )
    async def upload_image(
        self, info: Info, file: Upload, board_id: strawberry.ID | None = None
    ) -> Image:
        if not isinstance(file, UploadFile):  # a string sent in JSON, or an inline literal
            raise Invalid("file must be a file part of a GraphQL multipart request", field="file")
        data = await file.read()
        row = await uploads.upload_image(
            info.context.require_actor(),
            data,
            str(board_id) if board_id is not None else None,
        )
        forget_boards(info)
        await warm_url_key(info)
        return Image.from_row(row)

    @strawberry.mutation(
        permission_classes=WRITER,
        description="All or nothing; files are removed too. Returns the count.",
    )
    async def delete_images(self, info: Info, ids: list[strawberry.ID]) -> int:
        count = await images.delete_images(info.context.require_actor(), list(ids))
        forget_boards(info)
        return count
