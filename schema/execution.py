"""How graphql-core runs an operation here: root fields of queries one after another.

graphql-core starts every root field of a query at once. With SQLite's single
connection that queues all of their statements ahead of every other request's: 15
aliases of a boards page held a trivial query behind 15 queries and the building of
their rows. One root field at a time lets other requests' statements in between; the
cost is a few milliseconds for a page that asks for two root lists.
"""

from __future__ import annotations

from typing import Any

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from typing_extensions import override


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
