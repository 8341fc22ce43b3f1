"""Malformed requests answer 400 with a GraphQL-shaped JSON error, never a 5xx or
INTERNAL, and log nothing at ERROR: odd JSON bodies, lone UTF-16 surrogates,
subscriptions sent over HTTP."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from starlette.websockets import WebSocketDisconnect

from tests.helpers import Server, error_code
from tests.live_server import WS_PROTOCOL

pytestmark = pytest.mark.usefixtures("quiet")

DEEP = 5000


@pytest.fixture
def quiet(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fails the test if anything is logged at ERROR."""
    with caplog.at_level(logging.WARNING):
        yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def post(server: Server, body: bytes) -> httpx2.Response:
    return server.client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )


def assert_json_400(response: httpx2.Response) -> str:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    return str(error["message"])


BODIES = {
    "array nested 5,000 deep": b"[" * DEEP + b"]" * DEEP,
    "variables nested 5,000 deep": (
        b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * DEEP + b"]" * DEEP + b"}}"
    ),
    "object nested 900 deep": b'{"a":' * 900 + b"{}" + b"}" * 900,
    "a bare number": b"5",
    "a bare string": b'"{ __typename }"',
    "null": b"null",
    "invalid UTF-8": b'{"query": "{ __typename }", "x": "\xff\xfe"}',
    "UTF-16": '{"query": "{ __typename }"}'.encode("utf-16"),
    "a JSON list (batch)": b'[{"query": "{ __typename }"}]',
    "an object without query": b'{"variables": {}}',
    "a query that is not a string": b'{"query": 5}',
    "variables that are not an object": b'{"query": "{ __typename }", "variables": [1]}',
    "operationName that is not a string": b'{"query": "{ __typename }", "operationName": 5}',
    "an integer of 5,000 digits": b'{"query": "{ __typename }", "variables": {"n": '
    + b"9" * DEEP
    + b"}}",
    "not JSON at all": b"{query",
    "empty": b"",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_malformed_body_is_a_json_400(single: Server, body: bytes) -> None:
    assert_json_400(post(single, body))


def test_malformed_get_variables_are_a_json_400(single: Server) -> None:
    for variables in ["[" * DEEP + "]" * DEEP, "5", "{nope"]:
        response = single.client.get(
            "/graphql", params={"query": "{ __typename }", "variables": variables}
        )
        assert_json_400(response)


def test_deeply_nested_websocket_message_closes_the_socket(single: Server) -> None:
    with single.client.websocket_connect("/graphql", subprotocols=[WS_PROTOCOL]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_text(
            '{"type": "subscribe", "id": "1", "payload": {"query": "{ __typename }", '
            '"variables": {"v": ' + "[" * DEEP + "]" * DEEP + "}}}"
        )
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4400


def gql_bytes(server: Server, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """json.dumps escapes a lone surrogate as \\udXXX: what a JavaScript client sends."""
    response = post(server, json.dumps({"query": query, "variables": variables}).encode())
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_lone_surrogates_in_variables_are_bad_input(single: Server) -> None:
    board = "mutation($n: String!){ createBoard(name: $n){ id } }"
    body = gql_bytes(single, board, {"n": "my \ud800 board"})
    assert error_code(body) == "BAD_USER_INPUT", body
    error = body["errors"][0]
    assert 'argument "name" of field "createBoard"' in error["message"]
    assert "U+D800" in error["message"] and error["extensions"]["field"] == "name"

    enqueue = "mutation($i: EnqueueInput!){ enqueue(input: $i){ batchId } }"
    body = gql_bytes(single, enqueue, {"i": {"generation": {"prompt": "a \udc00 fox"}}})
    assert error_code(body) == "BAD_USER_INPUT", body
    assert body["errors"][0]["extensions"]["field"] == "input.generation.prompt"
    # Also in a variable nested in an object literal.
    nested = "mutation($p: String!){ enqueue(input: {generation: {prompt: $p}}){ batchId } }"
    body = gql_bytes(single, nested, {"p": "\ud83d"})
    assert body["errors"][0]["extensions"]["field"] == "input.generation.prompt"

    # Inside a JSON scalar, as a key.
    save = 'mutation($g: JSON!){ saveWorkflow(name: "w", graph: $g){ id } }'
    body = gql_bytes(single, save, {"g": {"nodes": [{"\ud800": 1}]}})
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "graph.nodes[0].\\ud800",
    }, body
    # In the query text graphql-core's lexer refuses them (a syntax error).
    for literal in ['"\ud800"', '"\\ud800"', '"""\ud800"""']:
        body = gql_bytes(single, "mutation { createBoard(name: " + literal + "){ id } }", {})
        assert error_code(body) == "BAD_USER_INPUT", (literal, body)

    assert single.ok("{ boards { name } }")["boards"] == []
    assert single.ok("{ queueItems { id } }")["queueItems"] == []
    assert single.ok("{ workflows { id } }")["workflows"] == []
    # A valid pair (an emoji) is fine.
    assert not gql_bytes(single, board, {"n": "fox \U0001f98a"}).get("errors")


def test_lone_surrogate_over_the_websocket_is_bad_input(single: Server) -> None:
    with single.client.websocket_connect("/graphql", subprotocols=[WS_PROTOCOL]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_text(
            json.dumps(
                {
                    "type": "subscribe",
                    "id": "1",
                    "payload": {
                        "query": "mutation($n: String!){ createBoard(name: $n){ id } }",
                        "variables": {"n": "\udfff"},
                    },
                }
            )
        )
        reply = ws.receive_json()
    errors = reply["payload"] if reply["type"] == "error" else reply["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", reply
    assert single.ok("{ boards { name } }")["boards"] == []


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_subscription_over_http_is_refused(single: Server, method: str) -> None:
    query = "subscription { queueEvents { __typename } }"
    if method == "GET":
        response = single.client.get("/graphql", params={"query": query})
    else:
        response = single.client.post("/graphql", json={"query": query})
    assert "graphql-transport-ws" in assert_json_400(response)


def test_other_transport_errors_are_json_too(single: Server) -> None:
    refused = single.client.get("/graphql", params={"query": "mutation { logout }"})
    assert "mutations are not allowed" in assert_json_400(refused)
    unknown = post(single, b'{"query": "query A { __typename }", "operationName": "B"}')
    assert "B" in assert_json_400(unknown)


def test_odd_queue_item_id_is_not_internal(single: Server) -> None:
    for item_id in ["\u00b2", "\ud800", "-1", "1e5", "9" * 40]:
        body = gql_bytes(single, "query($id: ID!){ queueItem(id: $id){ id } }", {"id": item_id})
        assert error_code(body) in ("NOT_FOUND", "BAD_USER_INPUT", None), (item_id, body)
        assert error_code(body) != "INTERNAL"
    body = single.gql('{ queueItem(id: "\u00b2") { id } }')
    assert error_code(body) in ("NOT_FOUND", "BAD_USER_INPUT"), body
