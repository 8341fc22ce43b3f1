"""Static query cost: refuse an operation before it runs when its worst case is too big.

Depth, alias and token limits each bound one dimension; nested page sizes multiply
(boards(first: 500) { images(first: 500) ... } is 250,000 images from 60 bytes of
query). The cost, computed from the document, the schema and the variables:

- every field costs 1 (leaves included; ``__typename`` too), but for the few fields in
  FIELD_WEIGHTS whose value can be huge (a workflow's graph: 1,000);
- a field with a ``first`` argument multiplies the cost of its selection by ``first``
  (the argument's default when absent, DEFAULT_PAGE when that is null too);
- any other list field multiplies its selection by LIST_SIZE, except lists inside a
  *Connection type, which its ``first`` already bounds (edges);
- fragments count where they are spread; introspection (``__schema``, ``__type``)
  costs 1: GraphiQL must work, and DisableIntrospection exists for those who mind.

Over ``max_query_cost`` the request gets BAD_USER_INPUT with extensions.cost and
extensions.maxCost, and nothing is executed. The shape follows Saleor's
query_cost validator, without per-field weights.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql.language import DocumentNode
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

DEFAULT_PAGE = 100
LIST_SIZE = 20
# Fields whose value can be far bigger than a row: a workflow graph is a JSON blob of
# up to 2 MiB, about 1 per KiB of the 1 MiB a request may carry.
FIELD_WEIGHTS = {("Workflow", "graph"): 1_000}


def _is_list(field: GraphQLField) -> bool:
    kind = field.type
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return isinstance(kind, GraphQLList)


class _Coster:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any] | None
    ) -> None:
        self.schema = schema
        self.variables = variables or {}
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        # A fragment costs the same wherever it is spread (for one operation's
        # variables): remembered, or fragments spreading fragments cost 2^n to walk.
        self.memo: dict[str, int] = {}

    def for_operation(
        self, operation: OperationDefinitionNode, variables: Mapping[str, Any] | None
    ) -> None:
        """Variables as graphql will see them: the request's, else the declared defaults."""
        declared: dict[str, Any] = {}
        for definition in operation.variable_definitions or ():
            if isinstance(definition.default_value, IntValueNode):
                declared[definition.variable.name.value] = int(definition.default_value.value)
        self.variables = {**declared, **(variables or {})}
        self.memo = {}

    def _first(self, node: FieldNode, field: GraphQLField) -> int:
        for arg in node.arguments or ():
            if arg.name.value != "first":
                continue
            value = arg.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int) and not isinstance(given, bool):
                    return max(given, 0)
            break  # null or an unusable value: the resolver applies its default
        default = field.args["first"].default_value
        return (
            default if isinstance(default, int) and not isinstance(default, bool) else DEFAULT_PAGE
        )

    def selection(
        self,
        parent: GraphQLNamedType,
        selection_set: SelectionSetNode | None,
        seen: frozenset[str] = frozenset(),
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(parent, node, seen)
            elif isinstance(node, InlineFragmentNode):
                on = (
                    self.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                total += self.selection(on or parent, node.selection_set, seen)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # validation reports both
                    continue
                if name not in self.memo:
                    on = self.schema.get_type(fragment.type_condition.name.value) or parent
                    self.memo[name] = self.selection(on, fragment.selection_set, seen | {name})
                total += self.memo[name]
        return total

    def field(self, parent: GraphQLNamedType, node: FieldNode, seen: frozenset[str]) -> int:
        name = node.name.value
        fields = getattr(parent, "fields", None)
        if name.startswith("__") or not fields or name not in fields:
            return 1  # __typename, introspection; unknown fields fail validation
        field = fields[name]
        named = get_named_type(field.type)
        children = self.selection(named, node.selection_set, seen)
        if not children:
            return FIELD_WEIGHTS.get((parent.name, name), 1)
        if "first" in field.args:
            multiplier = self._first(node, field)
        elif _is_list(field) and not parent.name.endswith("Connection"):
            multiplier = LIST_SIZE
        else:
            multiplier = 1
        return 1 + multiplier * children


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> int:
    """The cost of the operation that would run (the most costly one if that is unclear)."""
    coster = _Coster(schema, document, variables)
    costs: dict[str | None, int] = {}
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        root = schema.get_root_type(definition.operation)
        if not isinstance(root, GraphQLObjectType):
            continue
        name = definition.name.value if definition.name else None
        coster.for_operation(definition, variables)
        costs[name] = coster.selection(root, definition.selection_set)
    if operation_name is not None and operation_name in costs:
        return costs[operation_name]
    return max(costs.values(), default=0)


def expanded_fields(document: DocumentNode) -> int:
    """How many fields the document selects once every fragment spread is expanded.

    Linear in the document (each fragment's size is remembered): ten-token fragments
    that each spread the previous one twice expand to 2^n fields, which graphql-core's
    and strawberry's validation rules would walk one by one.
    """
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    sizes: dict[str, int] = {}
    visiting: set[str] = set()

    def size(selection_set: SelectionSetNode | None) -> int:
        total = 0
        for node in selection_set.selections if selection_set else ():
            if isinstance(node, FieldNode):
                total += 1 + size(node.selection_set)
            elif isinstance(node, InlineFragmentNode):
                total += size(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                if name not in sizes:
                    fragment = fragments.get(name)
                    if fragment is None or name in visiting:  # validation reports both
                        continue
                    visiting.add(name)
                    sizes[name] = size(fragment.selection_set)
                    visiting.discard(name)
                total += sizes[name]
        return total

    return sum(
        size(d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    )


class ExpansionLimiter(SchemaExtension):
    """Refuses, before any validation rule runs, a document whose fragments expand to
    more than ``max_fields`` fields. Must come before the document cache's hook."""

    def __init__(self, *, max_fields: int) -> None:
        super().__init__()
        self.max_fields = max_fields

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.pre_execution_errors is None:
            fields = expanded_fields(document)
            if fields > self.max_fields:
                ctx.pre_execution_errors = [
                    GraphQLError(
                        f"the query selects {fields} fields once its fragments are expanded; "
                        f"at most {self.max_fields} are allowed",
                        extensions={
                            "code": "BAD_USER_INPUT",
                            "fields": fields,
                            "maxFields": self.max_fields,
                        },
                    )
                ]
        yield


class QueryCostLimiter(SchemaExtension):
    """Must run after the document cache's validation hook (it needs a valid document)."""

    def __init__(self, *, max_cost: int) -> None:
        super().__init__()
        self.max_cost = max_cost

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None and ctx.pre_execution_errors is None:
            # Nothing validated it yet (the document cache did not parse it): do it now,
            # so no document reaches execution uncosted.
            ctx.pre_execution_errors = validate_document(
                ctx.schema._schema, document, ctx.validation_rules
            )
        # An invalid document gets its validation errors, not a cost.
        if document is not None and ctx.pre_execution_errors == []:
            cost = operation_cost(ctx.schema._schema, document, ctx.variables, ctx.operation_name)
            if cost > self.max_cost:
                ctx.pre_execution_errors = [
                    GraphQLError(
                        f"query cost {cost} exceeds the limit of {self.max_cost} "
                        "(max_query_cost): ask for smaller pages (first) or fewer nested lists",
                        extensions={
                            "code": "BAD_USER_INPUT",
                            "cost": cost,
                            "maxCost": self.max_cost,
                        },
                    )
                ]
        yield
