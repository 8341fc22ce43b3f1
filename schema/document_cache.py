"""Parse and validate each distinct query text once per schema.

Clients send the same few documents over and over; parsing and validating one
costs ~2.5 ms, a good share of a gallery page. Both are pure functions of the
query text, the parse options and the validation rules, so the result is kept
(LRU, bounded: unique texts cannot grow memory). The limiters' rule classes
are built once here, not per request, so the validation key stays stable.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

from graphql import GraphQLError, parse
from graphql.validation import ASTValidationRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

MAX_ENTRIES = 256


class _Lru:
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)


class DocumentCache:
    """One per schema, so a cache never keeps another schema alive."""

    def __init__(self, rules: Sequence[type[ASTValidationRule]], size: int = MAX_ENTRIES) -> None:
        self.rules = tuple(rules)
        self.documents = _Lru(size)
        self.errors = _Lru(size)

    def extension(self) -> SchemaExtension:
        return _CachedDocuments(self)


class _CachedDocuments(SchemaExtension):
    def __init__(self, cache: DocumentCache) -> None:
        super().__init__()
        self.cache = cache
        self.key: Any = None

    def on_operation(self) -> Iterator[None]:
        ctx = self.execution_context
        ctx.validation_rules = ctx.validation_rules + self.cache.rules
        yield

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is None and ctx.query:
            key = (ctx.query, tuple(sorted(ctx.parse_options.items())))
            document = self.cache.documents.get(key)
            if document is None:
                try:
                    document = parse(ctx.query, **ctx.parse_options)
                except GraphQLError:
                    document = None  # strawberry parses again and reports it as usual
                else:
                    self.cache.documents.put(key, document)
            if document is not None:
                ctx.graphql_document = document
                self.key = key
        yield

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        # Only a document this cache parsed is known to match its query text.
        document = ctx.graphql_document
        if self.key is not None and document is not None and ctx.pre_execution_errors is None:
            key = (self.key, ctx.validation_rules)
            errors = self.cache.errors.get(key)
            if errors is None:
                errors = validate_document(ctx.schema._schema, document, ctx.validation_rules)
                self.cache.errors.put(key, errors)
            # A copy: later steps may append to the list they are given.
            ctx.pre_execution_errors = list(errors)
        yield
