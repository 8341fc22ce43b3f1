"""Per-user caps on websockets (close 4429) and on running subscriptions (RATE_LIMITED).

Small caps here (2 connections, 3 subscriptions); the defaults (20 / 200) are
checked once, by opening 20 sockets after closing 20.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.websockets import WebSocketDisconnect

from gql_invoke import events, runtime
from gql_invoke.services import live
from gql_invoke.ws_limits import LimitedTransportWSHandler
from tests.helpers import Server
from tests.queue_support import WS

QUEUE = "subscription { queueEvents { __typename } }"
ME = "{ me { email } }"


@pytest.fixture
def capped(make_server: Callable[..., Server]) -> tuple[Server, str, str]:
    """Multiuser server with 2 connections and 3 subscriptions per user: (server, alice, bob)."""
    server = make_server(multiuser=True, max_connections_per_user=2, max_subscriptions_per_user=3)
    admin = server.setup_admin()
    _, alice = server.user_with_token(admin, "alice@x.local")
    _, bob = server.user_with_token(admin, "bob@x.local")
    return server, alice, bob


class Socket(WS):
    """queue_support.WS that also lets go of the session when the ack never comes, so a
    connection refused by mistake fails the test instead of hanging its teardown."""

    def __init__(self, server: Server, token: str | None) -> None:
        self._cm = server.client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"]
        )
        self.ws = self._cm.__enter__()
        self._next_id = 0
        try:
            payload = {"authorization": f"Bearer {token}"} if token else {}
            self.ws.send_json({"type": "connection_init", "payload": payload})
            ack = self.ws.receive_json()
            assert ack["type"] == "connection_ack", ack
        except BaseException:
            self._cm.__exit__(None, None, None)
            raise


def refused_connection(server: Server, token: str | None) -> WebSocketDisconnect:
    """Open a socket whose connection_init must be answered by a close: the close."""
    with server.client.websocket_connect(
        "/graphql", subprotocols=["graphql-transport-ws"]
    ) as socket:
        payload = {"authorization": f"Bearer {token}"} if token else {}
        socket.send_json({"type": "connection_init", "payload": payload})
        with pytest.raises(WebSocketDisconnect) as exc:
            socket.receive_json()
    return exc.value


def refused_subscription(ws: WS) -> dict[str, Any]:
    """Subscribe past the cap: the operation's single `error` message, its first error."""
    op = ws.subscribe(QUEUE, registered=False)
    msg = ws.receive()
    assert msg["type"] == "error" and msg["id"] == op, msg
    return msg["payload"][0]


def counts(server: Server, token: str) -> dict[str, Any]:
    user_id = server.ok("{ me { id } }", token=token)["me"]["id"]
    return live.registry().counts(user_id)


def query(ws: WS, op: str) -> dict[str, Any]:
    ws.ws.send_json({"id": op, "type": "subscribe", "payload": {"query": ME}})
    msg = ws.receive()
    assert msg["type"] == "next", msg
    assert ws.receive() == {"id": op, "type": "complete"}
    return msg["payload"]


# --- max_connections_per_user ----------------------------------------------------------------


def test_a_connection_past_max_connections_per_user_is_closed_4429_naming_the_key(
    capped: tuple[Server, str, str],
) -> None:
    server, alice, _ = capped
    with Socket(server, alice), Socket(server, alice):  # at the cap: both are acked
        closed = refused_connection(server, alice)
    assert closed.code == 4429
    assert "max_connections_per_user" in closed.reason and "2" in closed.reason


def test_one_user_at_the_connection_cap_does_not_stop_another(
    capped: tuple[Server, str, str],
) -> None:
    server, alice, bob = capped
    with Socket(server, alice), Socket(server, alice):
        assert refused_connection(server, alice).code == 4429
        with Socket(server, bob) as bobs, Socket(server, bob):
            assert query(bobs, "1")["data"]["me"]["email"] == "bob@x.local"


def test_sockets_that_never_authenticate_hold_no_slot(capped: tuple[Server, str, str]) -> None:
    server, alice, _ = capped
    for token in (None, "not-a-token"):
        assert refused_connection(server, token).code == 4401
    with Socket(server, alice), Socket(server, alice):
        assert counts(server, alice)["connections"] == 2


def test_a_closed_socket_frees_its_slot_however_it_closed(
    capped: tuple[Server, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, alice, _ = capped
    keep = Socket(server, alice)
    try:
        # The client goes away.
        Socket(server, alice).close()
        # The server closes it for a protocol error (a second connection_init).
        ws = Socket(server, alice)
        ws.ws.send_json({"type": "connection_init", "payload": {}})
        with pytest.raises(WebSocketDisconnect) as exc:
            ws.ws.receive_json()
        assert exc.value.code == 4429 and "initialisation" in exc.value.reason
        ws.close()
        # Rejected past the cap: a rejection never held a slot to leak.
        with Socket(server, alice):
            assert refused_connection(server, alice).code == 4429

        # The server fails while handling a message.
        async def broken(_self: Any, _message: Any) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(LimitedTransportWSHandler, "handle_ping", broken)
        ws = Socket(server, alice)
        ws.ws.send_json({"type": "ping"})
        with pytest.raises(RuntimeError, match="boom"):
            ws.close()
        monkeypatch.undo()
        assert counts(server, alice)["connections"] == 1  # only `keep`
        with Socket(server, alice):  # the second slot is free again
            assert refused_connection(server, alice).code == 4429
    finally:
        keep.close()
    assert counts(server, alice) == {"connections": 0, "subscriptions": 0}


def test_after_closing_20_sockets_20_new_ones_work(make_server: Callable[..., Server]) -> None:
    server = make_server(multiuser=True)  # the default cap: 20
    assert server.settings.max_connections_per_user == 20
    token = server.setup_admin()
    for _round in range(2):
        sockets = [Socket(server, token) for _ in range(20)]
        try:
            sockets[0].subscribe(QUEUE)
            assert refused_connection(server, token).code == 4429
        finally:
            for ws in sockets:
                ws.close()
    assert counts(server, token) == {"connections": 0, "subscriptions": 0}


def test_single_user_mode_caps_the_system_user_too(make_server: Callable[..., Server]) -> None:
    server = make_server(max_connections_per_user=2, max_subscriptions_per_user=3)
    with Socket(server, None) as ws, Socket(server, None):
        assert refused_connection(server, None).code == 4429
        for _ in range(3):
            ws.subscribe(QUEUE)
        assert refused_subscription(ws)["extensions"]["code"] == "RATE_LIMITED"


# --- max_subscriptions_per_user ----------------------------------------------------------------


def test_the_subscription_past_max_subscriptions_per_user_gets_rate_limited_naming_the_key(
    capped: tuple[Server, str, str],
) -> None:
    server, alice, _ = capped
    with Socket(server, alice) as first, Socket(server, alice) as second:
        first.subscribe(QUEUE)
        first.subscribe(QUEUE)
        second.subscribe(QUEUE)  # the third, on another socket of the same user: at the cap
        for ws in (first, second):  # counted across the user's connections
            error = refused_subscription(ws)
            assert error["extensions"]["code"] == "RATE_LIMITED"
            assert error["extensions"]["limit"] == "max_subscriptions_per_user"
            assert "max_subscriptions_per_user" in error["message"]
            assert error["extensions"]["retryAfter"] > 0
        assert counts(server, alice)["subscriptions"] == 3


def test_when_a_subscription_ends_a_new_one_may_start(capped: tuple[Server, str, str]) -> None:
    server, alice, _ = capped
    with Socket(server, alice) as ws:
        ops = [ws.subscribe(QUEUE) for _ in range(3)]
        refused_subscription(ws)
        # The client stops one.
        ws.ws.send_json({"id": ops[0], "type": "complete"})
        ws.subscribe(QUEUE)
        refused_subscription(ws)
        # The server ends them (they fell too far behind: CONFLICT, then complete).
        bus = runtime.current().bus

        def flood() -> None:
            for sub in bus._subscribers:
                sub.capacity = 1
            for _ in range(2):
                bus.publish(events.QUEUE, events.QueueCleared())

        server.client.portal.call(flood)  # type: ignore[union-attr]
        ended = [ws.receive() for _ in range(6)]
        assert sorted(m["type"] for m in ended) == ["complete"] * 3 + ["next"] * 3
        assert all(
            m["payload"]["errors"][0]["extensions"]["code"] == "CONFLICT"
            for m in ended
            if m["type"] == "next"
        )
        for _ in range(3):
            ws.subscribe(QUEUE)
        refused_subscription(ws)
    assert counts(server, alice)["subscriptions"] == 0  # the socket closing freed the rest


def test_another_users_subscriptions_do_not_count_and_queries_still_run(
    capped: tuple[Server, str, str],
) -> None:
    server, alice, bob = capped
    with Socket(server, alice) as alices, Socket(server, bob) as bobs:
        for _ in range(3):
            alices.subscribe(QUEUE)
        refused_subscription(alices)
        for _ in range(3):
            bobs.subscribe(QUEUE)
        assert server.ok(ME, token=alice)["me"]["email"] == "alice@x.local"  # HTTP is not capped
        assert counts(server, bob)["subscriptions"] == 3


def test_a_query_over_the_socket_holds_a_slot_only_while_it_runs(
    capped: tuple[Server, str, str],
) -> None:
    server, alice, _ = capped
    with Socket(server, alice) as ws:
        ws.subscribe(QUEUE)
        ws.subscribe(QUEUE)
        for n in range(5):  # each finished query gives its slot back
            assert query(ws, f"q{n}")["data"]["me"]["email"] == "alice@x.local"
        ws.subscribe(QUEUE)
        refused_subscription(ws)


def test_a_query_over_a_long_lived_socket_sees_an_unshare_made_meanwhile(
    make_server: Callable[..., Server],
) -> None:
    """Each operation over a socket starts from empty DataLoaders: board access and
    pages read by an earlier operation are not reused after the rights changed."""
    from tests.image_helpers import store_on

    server = make_server(multiuser=True)
    admin = server.setup_admin()
    owner_id, owner = server.user_with_token(admin, "owner@example.com")
    reader_id, reader = server.user_with_token(admin, "reader@example.com")
    created = server.ok('mutation { createBoard(name: "b") { id } }', token=owner)
    board = created["createBoard"]["id"]
    server.ok(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: WRITE){ id } }",
        {"b": board, "u": reader_id},
        owner,
    )
    owners_image = store_on(server, owner_id, board)
    readers_image = store_on(server, reader_id, board)  # stays the reader's after unshare
    via_image = (
        "query($id: ID!){ image(id: $id) { board { id images(first: 5) "
        "{ edges { node { id } } } } } }"
    )
    ws = WS(server, reader)
    try:

        def run(op: str) -> Any:
            ws.ws.send_json(
                {
                    "id": op,
                    "type": "subscribe",
                    "payload": {"query": via_image, "variables": {"id": readers_image}},
                }
            )
            msg = ws.receive()
            assert msg["type"] == "next", msg
            assert ws.receive() == {"id": op, "type": "complete"}
            return msg["payload"]["data"]["image"]

        seen = run("1")["board"]["images"]["edges"]
        assert {e["node"]["id"] for e in seen} == {owners_image, readers_image}
        server.ok(
            "mutation($b: ID!, $u: ID!){ unshareBoard(boardId: $b, userId: $u){ id } }",
            {"b": board, "u": reader_id},
            owner,
        )
        assert run("2") == {"board": None}
    finally:
        ws.close()


def test_a_socket_that_never_sends_connection_init_is_closed_4408(
    make_server: Callable[..., Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gql_invoke import app

    assert app.CONNECTION_INIT_TIMEOUT_S == 10
    monkeypatch.setattr(app, "CONNECTION_INIT_TIMEOUT_S", 0.2)
    server = make_server(multiuser=True)
    with (
        server.client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"]
        ) as socket,
        pytest.raises(WebSocketDisconnect) as exc,
    ):
        socket.receive_json()
    assert exc.value.code == 4408
