"""max_request_bytes: a larger request body answers 413 before it is read, a larger
websocket message closes the socket with 1009; exactly the limit still works."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import httpx2
import pytest
from starlette.websockets import WebSocketDisconnect
from websockets.exceptions import ConnectionClosed

from gql_invoke.app import create_app
from tests.helpers import Server, make_settings
from tests.live_server import WS_PROTOCOL, live_server

LIMIT = 4096
QUERY = "{ __typename }"


def padded_body(size: int) -> bytes:
    """A valid /graphql JSON body of exactly ``size`` bytes (the query padded with spaces)."""
    bare = json.dumps({"query": QUERY}).encode()
    body = json.dumps({"query": QUERY + " " * (size - len(bare))}).encode()
    assert len(body) == size
    return body


def padded_subscribe(size: int) -> str:
    bare = json.dumps({"type": "subscribe", "id": "1", "payload": {"query": QUERY}})
    text = json.dumps(
        {"type": "subscribe", "id": "1", "payload": {"query": QUERY + " " * (size - len(bare))}}
    )
    assert len(text.encode()) == size
    return text


def assert_too_large(response: httpx.Response | httpx2.Response) -> None:
    assert response.status_code == 413, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "max_request_bytes" in error["message"]


@pytest.fixture
def limited(make_server: Callable[..., Server]) -> Server:
    return make_server(max_request_bytes=LIMIT)


def test_body_of_the_limit_is_read_and_one_byte_more_is_refused(limited: Server) -> None:
    def post(body: bytes) -> httpx2.Response:
        return limited.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )

    assert post(padded_body(LIMIT)).json() == {"data": {"__typename": "Query"}}
    assert_too_large(post(padded_body(LIMIT + 1)))


def test_chunked_body_is_counted_too(limited: Server) -> None:
    def post(body: bytes) -> httpx2.Response:
        def chunks() -> Iterator[bytes]:  # no Content-Length: Transfer-Encoding chunked
            yield from (body[i : i + 1000] for i in range(0, len(body), 1000))

        return limited.client.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )

    assert post(padded_body(LIMIT)).json() == {"data": {"__typename": "Query"}}
    assert_too_large(post(padded_body(LIMIT + 1)))


def test_default_limit_is_one_mebibyte(single: Server) -> None:
    assert single.settings.max_request_bytes == 1 << 20
    response = single.client.post(
        "/graphql", content=padded_body((1 << 20) + 1), headers={"content-type": "application/json"}
    )
    assert_too_large(response)


async def test_streamed_upload_is_cut_off_at_the_limit(tmp_path: Path) -> None:
    """An anonymous 64 MB chunked POST: the server stops reading after 1 MiB."""
    settings = make_settings(tmp_path / "root")
    app = create_app(settings)
    chunk = 64 * 1024
    pulled = 0

    async def upload() -> AsyncIterator[bytes]:
        nonlocal pulled
        for _ in range(64 * 1024 * 1024 // chunk):
            pulled += chunk
            yield b" " * chunk

    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 50000))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client,
    ):
        response = await client.post(
            "/graphql", content=upload(), headers={"content-type": "application/json"}
        )
    assert_too_large(response)
    assert pulled <= settings.max_request_bytes + chunk


def test_websocket_message_over_the_limit_closes_1009(limited: Server) -> None:
    with limited.client.websocket_connect("/graphql", subprotocols=[WS_PROTOCOL]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        ws.send_text(padded_subscribe(LIMIT))
        assert ws.receive_json()["payload"] == {"data": {"__typename": "Query"}}
        assert ws.receive_json()["type"] == "complete"
        ws.send_text(padded_subscribe(LIMIT + 1))
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1009


def test_real_server_limits_bodies_and_websocket_frames(tmp_path: Path) -> None:
    with live_server(tmp_path, max_request_bytes=LIMIT) as live:

        def post(body: bytes) -> httpx.Response:
            return live.client.post(
                "/graphql", content=body, headers={"content-type": "application/json"}
            )

        assert post(padded_body(LIMIT)).status_code == 200
        assert_too_large(post(padded_body(LIMIT + 1)))
        with live.ws() as ws:
            ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
            ws.send(padded_subscribe(LIMIT))
            assert json.loads(ws.recv(timeout=10))["payload"] == {"data": {"__typename": "Query"}}
            assert json.loads(ws.recv(timeout=10))["type"] == "complete"
            ws.send(padded_subscribe(LIMIT + 1))
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
        # uvicorn's own frame check (ws_max_size from serve), before any ASGI code runs.
        assert f"limit of {LIMIT} bytes" in closed.value.rcvd.reason
