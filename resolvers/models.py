"""The model registry: everyone signed in lists models, admins manage them."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.scalars import JSON

from gql_invoke import events
from gql_invoke.services import model_install, models
from schema.context import Info
from schema.models import Model, ModelInstallInput, ModelInstallProgress, ModelType
from schema.permissions import ADMIN, SIGNED_IN


@strawberry.type
class ModelsQuery:
    @strawberry.field(permission_classes=SIGNED_IN)
    async def models(self, info: Info) -> list[Model]:
        return [Model.from_row(r) for r in await models.list_models(info.context.require_actor())]


@strawberry.type
class ModelsMutation:
    @strawberry.mutation(
        permission_classes=ADMIN,
        description=("Admin. The model is loaded once to check it works before it is registered."),
    )
    async def install_model(self, info: Info, input: ModelInstallInput) -> Model:
        row = await model_install.install_model(
            info.context.require_actor(),
            input.source,
            name=input.name,
            type=(input.type or ModelType.MAIN).value,
            base=input.base.value if input.base is not None else None,
            description=input.description,
        )
        return Model.from_row(row)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description=("Admin. defaults replaces the model's default settings as a whole."),
    )
    async def update_model(
        self,
        info: Info,
        key: strawberry.ID,
        name: str | None = None,
        description: str | None = None,
        defaults: JSON | None = None,
        is_default: bool | None = None,
    ) -> Model:
        row = await models.update_model(
            info.context.require_actor(),
            str(key),
            name=name,
            description=description,
            defaults=defaults,
            is_default=is_default,
        )
        return Model.from_row(row)

    @strawberry.mutation(permission_classes=ADMIN)
    async def delete_model(self, info: Info, key: strawberry.ID, force: bool = False) -> bool:
        return await models.delete_model(info.context.require_actor(), str(key), force)


@strawberry.type
class ModelsSubscription:
    # Ends with FORBIDDEN once the caller is no longer an admin and UNAUTHENTICATED once
    # their session ends, checked before each event (install events name server paths).
    @strawberry.subscription(permission_classes=ADMIN)
    async def model_install_progress(
        self, info: Info
    ) -> AsyncGenerator[ModelInstallProgress, None]:
        ctx = info.context
        with model_install.follow_install_progress(ctx.require_actor(), ctx.token) as stream:
            while True:
                progress, ctx.actor = await stream.next_of(events.ModelInstallProgress)
                yield ModelInstallProgress.from_event(progress)
