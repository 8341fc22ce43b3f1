"""DNS rebinding: only known Host headers (and websocket Origins) are answered.

After DNS rebinding, a page on the attacker's name is same-origin with the server:
it sends ``Host: rebind.attacker.example`` (and the matching Origin) to 127.0.0.1
and, in single-user mode, drives the API as admin. Websocket handshakes are checked
through a real uvicorn (``gql-invoke serve``): the TestClient hides how a server
answers a refused upgrade.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import WebSocketDenialResponse
from websockets.exceptions import InvalidStatus

from gql_invoke.config import ConfigError
from tests.helpers import Server, make_settings
from tests.live_server import WS_PROTOCOL, LiveServer, live_server

REBOUND = "rebind.attacker.example"
ADMIN_QUERY = "{ me { displayName isAdmin } }"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Single-user (everyone is admin), defaults but for one browser origin."""
    with live_server(
        tmp_path_factory.mktemp("guard"), cors_origins=["https://ui.example"]
    ) as server:
        yield server


def ws_me(live: LiveServer, host: str | None = None, origin: str | None = None) -> object:
    """Open a websocket as a page would, and ask who we are."""
    with live.ws(host, origin) as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(ws.recv(timeout=10))["type"] == "connection_ack"
        ws.send(json.dumps({"type": "subscribe", "id": "1", "payload": {"query": ADMIN_QUERY}}))
        return json.loads(ws.recv(timeout=10))["payload"]


def test_rebound_host_is_refused_on_every_route(make_server: Callable[..., Server]) -> None:
    server = make_server(allowed_hosts=[])  # the default
    rebound = {"Host": f"{REBOUND}:9090"}
    response = server.client.post("/graphql", json={"query": ADMIN_QUERY}, headers=rebound)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert "allowed_hosts" in response.text and "isAdmin" not in response.text
    for method, path in [
        ("GET", f"/graphql?query={ADMIN_QUERY}"),
        ("GET", "/graphql"),
        ("GET", "/healthz"),
        ("GET", "/images/x/full"),
        ("OPTIONS", "/graphql"),
        ("GET", "/no-such-route"),
    ]:
        assert server.client.request(method, path, headers=rebound).status_code == 400, path
    with (
        pytest.raises(WebSocketDenialResponse) as denied,
        server.client.websocket_connect("/graphql", headers=rebound, subprotocols=[WS_PROTOCOL]),
    ):
        pass
    assert denied.value.status_code == 400


def test_only_known_hosts_are_answered(make_server: Callable[..., Server]) -> None:
    server = make_server(
        public_url="https://gen.example.org", allowed_hosts=["Extra.Example", "*.lan.example"]
    )
    answered = [
        "127.0.0.1",
        "127.0.0.1:9090",
        "10.0.0.7:80",
        "[::1]",
        "[::1]:9090",
        "[2001:db8::1]",
        "localhost",
        "LocalHost:9090",
        "localhost.",
        "gen.example.org",
        "GEN.example.org:443",
        "extra.example",
        "EXTRA.EXAMPLE:8080",
        "box.lan.example",
    ]
    refused = [
        REBOUND,
        "localhost.attacker.example",
        "example.org",
        "lan.example",
        "gen.example.org.attacker.example",
        "127.0.0.1.nip.io",
        "::1",
        "[::1",
        "[nope]:80",
        "gen.example.org:https",
        "extra.example:80:80",
        "a b",
        "extra.example@evil.example",
        "",
    ]
    for host in answered:
        assert server.client.get("/healthz", headers={"Host": host}).status_code == 200, host
    for host in refused:
        assert server.client.get("/healthz", headers={"Host": host}).status_code == 400, host


def test_rebound_websocket_is_refused_before_the_upgrade(live: LiveServer) -> None:
    page = f"{REBOUND}:{live.port}"
    with pytest.raises(InvalidStatus) as refused:
        ws_me(live, host=page, origin=f"http://{page}")
    assert refused.value.response.status_code == 400
    assert b"allowed_hosts" in refused.value.response.body
    # The same page served from the server's own address works.
    own = f"127.0.0.1:{live.port}"
    assert ws_me(live, host=own, origin=f"http://{own}") == {
        "data": {"me": {"displayName": "System", "isAdmin": True}}
    }


def test_websocket_origin_must_be_a_known_host_or_cors_origin(live: LiveServer) -> None:
    allowed = [
        None,
        "https://ui.example",
        f"http://localhost:{live.port}",
        "http://localhost:5173",
        f"http://127.0.0.1:{live.port}",
    ]
    refused = [
        f"http://{REBOUND}:{live.port}",
        "https://ui.example.attacker.example",
        "http://6.6.6.6",
        "null",
    ]
    for origin in allowed:
        assert ws_me(live, origin=origin) is not None, origin
    for origin in refused:
        with pytest.raises(InvalidStatus) as denied:
            ws_me(live, origin=origin)
        assert denied.value.response.status_code == 403, origin
        assert b"cors_origins" in denied.value.response.body


def test_request_without_host_is_refused(live: LiveServer) -> None:
    assert live.raw(b"GET /healthz HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.1 400")
    twice = b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\nHost: %s\r\n\r\n" % REBOUND.encode()
    assert live.raw(twice).startswith(b"HTTP/1.1 400")
    assert live.raw(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").startswith(b"HTTP/1.1 200")


def test_public_url_host_is_answered(tmp_path: Path) -> None:
    with live_server(tmp_path, public_url="https://gen.example.org") as live:
        page = f"gen.example.org:{live.port}"
        assert ws_me(live, host=page, origin="https://gen.example.org") is not None
        response = live.client.post(
            "/graphql", json={"query": ADMIN_QUERY}, headers={"Host": "gen.example.org"}
        )
        assert response.status_code == 200
        assert live.client.get("/healthz", headers={"Host": REBOUND}).status_code == 400


@pytest.mark.parametrize("entry", ["gen example.org", "gen.example.org/ui", "*.", "[::1"])
def test_allowed_hosts_typo_stops_start_up(tmp_path: Path, entry: str) -> None:
    from gql_invoke.app import create_app

    with pytest.raises(ConfigError, match="allowed_hosts"):
        create_app(make_settings(tmp_path, allowed_hosts=[entry]))
