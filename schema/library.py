"""Workflow and style preset types."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import strawberry
from strawberry.scalars import JSON

from schema.context import Info
from schema.users import User, load_user

if TYPE_CHECKING:
    from gql_invoke.db.models import StylePreset as PresetRow
    from gql_invoke.db.models import Workflow as WorkflowRow


@strawberry.type
class Workflow:
    id: strawberry.ID
    name: str
    description: str
    is_public: bool
    graph: JSON
    updated_at: datetime
    _owner_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: WorkflowRow) -> Workflow:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            description=row.description,
            is_public=row.is_public,
            graph=row.graph,
            updated_at=row.updated_at,
            _owner_id=str(row.owner_id),
        )

    @strawberry.field
    async def owner(self, info: Info) -> User:
        return await load_user(info, self._owner_id)


@strawberry.type
class StylePreset:
    id: strawberry.ID
    name: str
    positive_prompt: str
    negative_prompt: str
    is_public: bool
    _owner_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: PresetRow) -> StylePreset:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            positive_prompt=row.positive_prompt,
            negative_prompt=row.negative_prompt,
            is_public=row.is_public,
            _owner_id=str(row.owner_id),
        )

    @strawberry.field
    async def owner(self, info: Info) -> User:
        return await load_user(info, self._owner_id)
