"""How graphql-core runs an operation here.

Root fields of queries one after another: graphql-core starts every root field of a
query at once. With SQLite's single connection that queues all of their statements
ahead of every other request's: 15 aliases of a boards page held a trivial query
behind 15 queries and the building of their rows. One root field at a time lets other
requests' statements in between; the cost is a few milliseconds for a page that asks
for two root lists.

Subscription events rendered once: a progress event reaches a hundred subscribers
who mostly sent the same document. The view of an event for one viewer class (the
owner, with preview; admins, without) is one object shared by all of them
(services/live.py); marked with ``render_once``, its execution result is kept on it
per (operation, variables) and handed to every subscriber of that pair, so the
selection set runs once per (document, variables, viewer class) instead of once per
subscriber. The websocket handler then serializes that result once too
(gql_invoke/ws_frames.py).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from graphql import ExecutionResult, OperationType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from typing_extensions import override

_FRAMES = "_gql_invoke_results"
T = TypeVar("T")


def render_once(view: T) -> T:
    """Mark a subscription event view as shared by its subscribers: the result of
    executing a document on it is computed once and reused."""
    object.__setattr__(view, _FRAMES, {})
    return view


def _variables_key(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


class RootFieldsInTurn(StrawberryGraphQLCoreExecutionContext):
    @override
    def execute_root_grouped_field_set(
        self,
        root_type: Any,
        root_value: Any,
        grouped_field_set: Any,
        serially: bool,
        position_context: Any,
    ) -> Any:
        # Subscriptions have a single root field; mutations are serial already.
        return super().execute_root_grouped_field_set(
            root_type, root_value, grouped_field_set, True, position_context
        )

    @override
    def execute_operation(self, serially: bool | None = None) -> Any:
        results: dict[Any, Any] | None = getattr(self.root_value, _FRAMES, None)
        if results is None or self.operation.operation != OperationType.SUBSCRIPTION:
            return super().execute_operation(serially)
        # The operation node is the cached parse of the document (schema/document_cache.py),
        # so its identity names the document; it is kept in the value to keep the id valid.
        key = (id(self.operation), _variables_key(self.variable_values.coerced))
        hit = results.get(key)
        if hit is not None:
            return hit[1]
        result = super().execute_operation(serially)
        if self.is_awaitable(result):
            return self._keep(results, key, result)
        if isinstance(result, ExecutionResult) and not result.errors:
            results[key] = (self.operation, result)
        return result

    async def _keep(self, results: dict[Any, Any], key: Any, pending: Any) -> Any:
        result = await pending
        if isinstance(result, ExecutionResult) and not result.errors:
            results.setdefault(key, (self.operation, result))
        return result
