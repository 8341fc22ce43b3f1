"""Workflows, style presets and per-user client state."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from gql_invoke.services import client_state, presets, workflows
from schema.context import Info
from schema.library import StylePreset, Workflow
from schema.permissions import SIGNED_IN, WRITER


@strawberry.type
class LibraryQuery:
    @strawberry.field(
        permission_classes=SIGNED_IN,
        description=(
            "Your own workflows and everyone's public ones, by name; first: 1..500, after: "
            "the last id of the previous page."
        ),
    )
    async def workflows(
        self, info: Info, first: int | None = 100, after: strawberry.ID | None = None
    ) -> list[Workflow]:
        rows = await workflows.list_workflows(
            info.context.require_actor(),
            100 if first is None else first,
            None if after is None else str(after),
        )
        return [Workflow.from_row(r) for r in rows]

    @strawberry.field(
        permission_classes=SIGNED_IN,
        description=(
            "Your own style presets and everyone's public ones, by name; first: 1..500, "
            "after: the last id of the previous page."
        ),
    )
    async def style_presets(
        self, info: Info, first: int | None = 100, after: strawberry.ID | None = None
    ) -> list[StylePreset]:
        rows = await presets.list_presets(
            info.context.require_actor(),
            100 if first is None else first,
            None if after is None else str(after),
        )
        return [StylePreset.from_row(r) for r in rows]

    @strawberry.field(
        permission_classes=SIGNED_IN, description="The caller's own value, null if unset."
    )
    async def client_state(self, info: Info, key: str) -> str | None:
        return await client_state.get_value(info.context.require_actor(), key)


@strawberry.type
class LibraryMutation:
    @strawberry.mutation(
        permission_classes=WRITER,
        description=(
            "Creates, or updates your own workflow when id is given. graph: up to 2 MiB as "
            "compact JSON; 500 workflows per user; name + description + graph count toward "
            "maxStorageBytes. Over a limit: CONFLICT, extensions.field naming it."
        ),
    )
    async def save_workflow(
        self,
        info: Info,
        name: str,
        graph: JSON,
        id: strawberry.ID | None = None,
        description: str | None = "",
        is_public: bool | None = False,
    ) -> Workflow:
        row = await workflows.save_workflow(
            info.context.require_actor(),
            id,
            name=name,
            description=description or "",
            graph=graph,
            is_public=bool(is_public),
        )
        return Workflow.from_row(row)

    @strawberry.mutation(permission_classes=WRITER)
    async def delete_workflow(self, info: Info, id: strawberry.ID) -> bool:
        return await workflows.delete_workflow(info.context.require_actor(), id)

    @strawberry.mutation(
        permission_classes=WRITER,
        description=(
            "Creates, or updates your own preset when id is given. 500 presets per user; name "
            "+ prompts count toward maxStorageBytes. Over a limit: CONFLICT naming it."
        ),
    )
    async def save_style_preset(
        self,
        info: Info,
        name: str,
        positive_prompt: str,
        id: strawberry.ID | None = None,
        negative_prompt: str | None = "",
        is_public: bool | None = False,
    ) -> StylePreset:
        row = await presets.save_preset(
            info.context.require_actor(),
            id,
            name=name,
            positive_prompt=positive_prompt,
            negative_prompt=negative_prompt or "",
            is_public=bool(is_public),
        )
        return StylePreset.from_row(row)

    @strawberry.mutation(permission_classes=WRITER)
    async def delete_style_preset(self, info: Info, id: strawberry.ID) -> bool:
        return await presets.delete_preset(info.context.require_actor(), id)

    @strawberry.mutation(
        permission_classes=WRITER,
        description=(
            "Values up to 256 KiB (UTF-8); 200 keys per user; key + value count toward "
            "maxStorageBytes. Over a limit: CONFLICT, extensions.field naming it."
        ),
    )
    async def set_client_state(self, info: Info, key: str, value: str) -> bool:
        return await client_state.set_value(info.context.require_actor(), key, value)

    @strawberry.mutation(permission_classes=WRITER)
    async def delete_client_state(self, info: Info, key: str) -> bool:
        return await client_state.delete_value(info.context.require_actor(), key)
