from __future__ import annotations

from collections.abc import Callable

from starlette.routing import Route
from strawberry import Schema

from gql_invoke.app import GraphQLApp
from schema.document_cache import DocumentCache
from tests.helpers import Server, error_code


def _cache(server: Server) -> DocumentCache:
    route = server.app.routes[0]
    assert isinstance(route, Route) and isinstance(route.endpoint, GraphQLApp)
    schema = route.endpoint.schema  # the GraphQL app's schema
    assert isinstance(schema, Schema)
    for extension in schema.extensions:
        cache = getattr(extension, "__self__", None)
        if isinstance(cache, DocumentCache):
            return cache
    raise AssertionError("the schema has no DocumentCache extension")


def test_repeated_query_is_parsed_and_validated_once(single: Server) -> None:
    cache = _cache(single)
    for _ in range(3):
        assert single.ok("{ setupStatus { multiuserEnabled } }")
    assert len(cache.documents.items) == 1 and len(cache.errors.items) == 1


def test_cached_validation_errors_are_reported_every_time(
    make_server: Callable[..., Server],
) -> None:
    server = make_server(max_query_depth=1)
    for _ in range(2):
        body = server.gql("{ me { stats { boardCount } } }")
        assert error_code(body) == "BAD_USER_INPUT"
        assert "depth of 1" in body["errors"][0]["message"]


def test_syntax_errors_are_still_reported_and_not_cached(single: Server) -> None:
    for _ in range(2):
        body = single.gql("{ setupStatus { ")
        assert error_code(body) == "BAD_USER_INPUT"
        assert "Syntax Error" in body["errors"][0]["message"]
    assert not _cache(single).documents.items
