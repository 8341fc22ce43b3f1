"""Model registry types. Explicit fields; the on-disk path and source stay server-side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.scalars import JSON

from gql_invoke import events
from gql_invoke.domain import ModelBase, ModelType
from gql_invoke.services.models import model_defaults

if TYPE_CHECKING:
    from gql_invoke.db.models import ModelRecord


# The domain's enums as GraphQL enums (decorated in place: the annotations use them).
strawberry.enum(ModelType, name="ModelType")
strawberry.enum(ModelBase, name="ModelBase")


@strawberry.type
class Model:
    key: strawberry.ID
    name: str
    type: ModelType
    base: ModelBase
    description: str
    is_default: bool
    defaults: JSON = strawberry.field(
        description="Default generation settings (steps, cfgScale, scheduler, width, height); "
        "for MAIN models, what a generation that leaves them out uses."
    )

    @classmethod
    def from_row(cls, row: ModelRecord) -> Model:
        # Any: strawberry's JSON scalar type does not accept a dict for mypy.
        defaults: Any = model_defaults(row) if row.type == "MAIN" else dict(row.defaults or {})
        return cls(
            key=strawberry.ID(row.key),
            name=row.name,
            type=ModelType(row.type),
            base=ModelBase(row.base),
            description=row.description,
            is_default=row.is_default,
            defaults=defaults,
        )


@strawberry.input
class ModelInstallInput:
    source: str = strawberry.field(
        description="Absolute path of a diffusers folder or a .safetensors/.ckpt file on the "
        "server (registered in place, not copied), or a hub id org/name when online."
    )
    name: str | None = None
    type: ModelType | None = ModelType.MAIN  # null: MAIN, as the contract allows
    base: ModelBase | None = strawberry.field(
        default=None, description="Checked against the detected base; MAIN models are detected."
    )
    description: str | None = None


@strawberry.type
class ModelInstallProgress:
    source: str
    stage: str = strawberry.field(
        description="detecting, downloading (hub ids), loading, registered or failed"
    )
    message: str

    @classmethod
    def from_event(cls, e: events.ModelInstallProgress) -> ModelInstallProgress:
        return cls(source=e.source, stage=e.stage, message=e.message)
