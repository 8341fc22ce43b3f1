"""The root Query/Mutation/Subscription, composed from the per-domain resolver classes.

It lives here, above schema/, because it imports every resolver module: schema/ holds
the types the resolvers return and must not import them back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from gql_invoke.config import Settings
from resolvers.auth import AuthMutation, AuthQuery
from resolvers.boards import BoardsMutation, BoardsQuery
from resolvers.images import ImagesMutation, ImagesQuery
from resolvers.library import LibraryMutation, LibraryQuery
from resolvers.models import ModelsMutation, ModelsQuery, ModelsSubscription
from resolvers.queue import QueueMutation, QueueQuery
from resolvers.subscriptions import QueueSubscription
from resolvers.users import UsersMutation, UsersQuery
from resolvers.workers import WorkersQuery
from schema.document_cache import DocumentCache
from schema.errors import DomainErrors
from schema.execution import RootFieldsInTurn
from schema.query_cost import ExpansionLimiter, QueryCostLimiter
from schema.scalars import SCALARS
from schema.strings import RejectLoneSurrogates

QUERIES: tuple[type, ...] = (
    AuthQuery,
    UsersQuery,
    ModelsQuery,
    BoardsQuery,
    ImagesQuery,
    LibraryQuery,
    QueueQuery,
    WorkersQuery,
)
MUTATIONS: tuple[type, ...] = (
    AuthMutation,
    UsersMutation,
    ModelsMutation,
    BoardsMutation,
    ImagesMutation,
    LibraryMutation,
    QueueMutation,
)
SUBSCRIPTIONS: tuple[type, ...] = (ModelsSubscription, QueueSubscription)

Query = merge_types("Query", QUERIES)
Mutation = merge_types("Mutation", MUTATIONS)
Subscription = merge_types("Subscription", SUBSCRIPTIONS) if SUBSCRIPTIONS else None


# Without fragments a query selects fewer fields than it has tokens; fragments may
# reuse a selection, within reason (validation time grows with the expanded size).
MAX_EXPANDED_FIELDS_PER_TOKEN = 5


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    # The limiters' rules are made once, so DocumentCache can validate each
    # distinct query text once instead of on every request.
    documents = DocumentCache(
        [
            *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
            *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
        ]
    )
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        # Before the document cache: validation rules walk every expanded fragment.
        partial(ExpansionLimiter, max_fields=MAX_EXPANDED_FIELDS_PER_TOKEN * settings.max_tokens),
        documents.extension,
        # After the document cache: it costs the validated document.
        partial(QueryCostLimiter, max_cost=settings.max_query_cost),
        RejectLoneSurrogates,  # unencodable text in variables: BAD_USER_INPUT
        DomainErrors,
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        execution_context_class=RootFieldsInTurn,
        config=StrawberryConfig(
            disable_field_suggestions=not settings.introspection, scalar_map=SCALARS
        ),
    )
