"""Hardening of the HTTP and websocket surface: limits, transports, masking, toggles."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from starlette.websockets import WebSocketDisconnect

from gql_invoke.services import users
from schema.errors import INTERNAL_MESSAGE
from tests.helpers import ADMIN_EMAIL, Server, error_code

WS_PROTOCOL = ["graphql-transport-ws"]


def messages(body: dict[str, Any]) -> list[str]:
    return [e["message"] for e in body.get("errors") or []]


def test_healthz(single: Server) -> None:
    assert single.client.get("/healthz").json() == {"status": "ok"}


class TestLimits:
    def test_depth_limit_is_ten_by_default(self, single: Server) -> None:
        def nested(depth: int) -> str:  # root fields are depth 0
            return "{ " + "me { " * depth + "id" + " }" * (depth + 1)

        assert any(
            "exceeds maximum operation depth of 10" in m for m in messages(single.gql(nested(11)))
        )
        assert not any("depth" in m for m in messages(single.gql(nested(10))))

    def test_depth_limit_follows_config(self, make_server: Callable[..., Server]) -> None:
        server = make_server(max_query_depth=1)
        body = server.gql("{ me { stats { boardCount } } }")
        assert error_code(body) == "BAD_USER_INPUT" and "depth of 1" in messages(body)[0]
        assert server.ok("{ me { id } }")

    def test_alias_limit_is_fifteen(self, single: Server) -> None:
        def aliased(n: int) -> str:
            return (
                "{ "
                + " ".join(f"a{i}: setupStatus {{ multiuserEnabled }}" for i in range(n))
                + " }"
            )

        body = single.gql(aliased(16))
        assert error_code(body) == "BAD_USER_INPUT" and "aliases" in messages(body)[0]
        assert len(single.ok(aliased(15))) == 15

    def test_aliases_hidden_in_fragments_count(self, single: Server) -> None:
        fragment = (
            "fragment F on Query { "
            + " ".join(f"a{i}: setupStatus {{ multiuserEnabled }}" for i in range(16))
            + " }"
        )
        assert "aliases" in messages(single.gql("{ ...F } " + fragment))[0]

    def test_token_limit(self, single: Server) -> None:
        query = "{ " + "setupStatus { multiuserEnabled } " * 600 + "}"
        body = single.gql(query)
        assert error_code(body) == "BAD_USER_INPUT" and "tokens" in messages(body)[0]


class TestTransport:
    def test_queries_work_over_get_but_mutations_do_not(self, single: Server) -> None:
        ok = single.client.get("/graphql", params={"query": "{ setupStatus { multiuserEnabled } }"})
        assert ok.status_code == 200 and ok.json()["data"]["setupStatus"]
        refused = single.client.get("/graphql", params={"query": "mutation { logout }"})
        assert refused.status_code in (400, 405)

    @pytest.mark.parametrize(
        "content_type",
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"],
    )
    def test_post_must_be_json(self, single: Server, content_type: str) -> None:
        response = single.client.post(
            "/graphql",
            content=b'{"query": "{ me { id } }"}',
            headers={"content-type": content_type},
        )
        assert response.status_code in (400, 415)
        assert "data" not in response.text
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

    def test_form_post_is_refused(self, single: Server) -> None:
        response = single.client.post("/graphql", data={"query": "mutation { logout }"})
        assert response.status_code in (400, 415)

    def test_cors_allows_only_configured_origins(self, make_server: Callable[..., Server]) -> None:
        server = make_server(cors_origins=["https://ui.example"])
        preflight = {
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        }
        allowed = server.client.options(
            "/graphql", headers={"Origin": "https://ui.example", **preflight}
        )
        assert allowed.headers.get("access-control-allow-origin") == "https://ui.example"
        denied = server.client.options(
            "/graphql", headers={"Origin": "https://evil.example", **preflight}
        )
        assert denied.headers.get("access-control-allow-origin") is None

    def test_no_cors_headers_by_default(self, single: Server) -> None:
        response = single.client.post(
            "/graphql", json={"query": "{ me { id } }"}, headers={"Origin": "https://evil.example"}
        )
        assert "access-control-allow-origin" not in response.headers


class TestToggles:
    def test_introspection_and_graphiql_on_by_default(self, single: Server) -> None:
        assert single.ok("{ __schema { queryType { name } } }")["__schema"]
        page = single.client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "graphiql" in page.text.lower()

    def test_introspection_and_graphiql_can_be_turned_off(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(introspection=False, graphiql=False)
        body = server.gql("{ __schema { queryType { name } } }")
        assert body.get("data") is None and "introspection" in messages(body)[0]
        page = server.client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 404 or "graphiql" not in page.text.lower()
        assert server.ok("{ setupStatus { multiuserEnabled } }")

    def test_field_suggestions_with_introspection(self, single: Server) -> None:
        assert "Did you mean" in messages(single.gql("{ mee { id } }"))[0]

    def test_no_field_suggestions_without_introspection(
        self, make_server: Callable[..., Server]
    ) -> None:
        quiet = make_server(introspection=False)
        message = messages(quiet.gql("{ mee { id } }"))[0]
        assert "Cannot query field" in message and "Did you mean" not in message


class TestErrors:
    def test_unexpected_exception_is_masked_as_internal(
        self, single: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
    ) -> None:
        async def broken(_actor: Any) -> Any:
            raise RuntimeError("db password is hunter2")

        monkeypatch.setattr(users, "me", broken)
        with caplog.at_level(logging.ERROR, logger="gql_invoke.errors"):
            body = single.gql("{ me { id } setupStatus { multiuserEnabled } }")
        assert body["errors"] == [
            {
                "message": INTERNAL_MESSAGE,
                "locations": [{"line": 1, "column": 3}],
                "path": ["me"],
                "extensions": {"code": "INTERNAL"},
            }
        ]
        assert "hunter2" not in str(body)
        assert "hunter2" in caplog.text  # the detail goes to the log

    def test_bad_argument_type_is_bad_input(self, single: Server) -> None:
        body = single.gql('{ auditLog(first: "ten") { id } }')
        assert error_code(body) == "BAD_USER_INPUT"

    def test_domain_errors_keep_their_code_and_extensions(
        self, make_server: Callable[..., Server]
    ) -> None:
        server = make_server(multiuser=True, login_max_failures_per_account=1)
        server.setup_admin()
        login = 'mutation { login(input: {email: "admin@example.local", password: "x"}) { token } }'
        assert error_code(server.gql(login)) == "UNAUTHENTICATED"
        body = server.gql(login)
        assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert set(body["errors"][0]["extensions"]) == {"code", "retryAfter"}


def ws_init(server: Server, payload: dict[str, Any] | None) -> Any:
    ws = server.client.websocket_connect("/graphql", subprotocols=WS_PROTOCOL)
    socket = ws.__enter__()
    message: dict[str, Any] = {"type": "connection_init"}
    if payload is not None:
        message["payload"] = payload
    socket.send_json(message)
    return ws, socket


def ws_close_code(server: Server, payload: dict[str, Any] | None) -> int:
    ws, socket = ws_init(server, payload)
    try:
        with pytest.raises(WebSocketDisconnect) as exc:
            socket.receive_json()
        return exc.value.code
    finally:
        ws.__exit__(None, None, None)


def ws_query(socket: Any, query: str, op_id: str = "1") -> dict[str, Any]:
    socket.send_json({"type": "subscribe", "id": op_id, "payload": {"query": query}})
    first = socket.receive_json()
    if first["type"] == "next":
        assert socket.receive_json() == {"id": op_id, "type": "complete"}
    return dict(first)


class TestWebsocket:
    def test_only_graphql_transport_ws_is_spoken(self, single: Server) -> None:
        with (
            pytest.raises(WebSocketDisconnect) as exc,
            single.client.websocket_connect("/graphql", subprotocols=["graphql-ws"]) as socket,
        ):
            socket.send_json({"type": "connection_init"})
            socket.receive_json()
        assert exc.value.code == 4406

    def test_single_user_mode_needs_no_token(self, single: Server) -> None:
        ws, socket = ws_init(single, None)
        try:
            assert socket.receive_json()["type"] == "connection_ack"
            reply = ws_query(socket, "{ me { displayName isAdmin } }")
            assert reply["payload"] == {"data": {"me": {"displayName": "System", "isAdmin": True}}}
        finally:
            ws.__exit__(None, None, None)

    @pytest.mark.parametrize(
        "payload", [None, {}, {"authorization": "Bearer nope"}, {"authorization": "nope"}]
    )
    def test_multiuser_needs_a_valid_token_in_connection_init(
        self, server: Server, payload: dict[str, Any] | None
    ) -> None:
        server.setup_admin()
        assert ws_close_code(server, payload) == 4401

    @pytest.mark.parametrize("payload", [None, {}, {"authorization": "  "}])
    def test_no_token_is_told_where_the_token_goes(
        self, server: Server, payload: dict[str, Any] | None
    ) -> None:
        server.setup_admin()
        ws, socket = ws_init(server, payload)
        try:
            with pytest.raises(WebSocketDisconnect) as exc:
                socket.receive_json()
        finally:
            ws.__exit__(None, None, None)
        assert exc.value.code == 4401
        assert exc.value.reason == (
            'sign in first: send the token in connection_init\'s payload as {"authorization": '
            '"Bearer <token>"}'
        )

    def test_a_bare_token_in_connection_init_is_accepted(self, server: Server) -> None:
        token = server.setup_admin()
        ws, socket = ws_init(server, {"authorization": token})
        try:
            assert socket.receive_json()["type"] == "connection_ack"
            assert ws_query(socket, "{ me { email } }")["payload"]["data"]["me"]["email"] == (
                ADMIN_EMAIL
            )
        finally:
            ws.__exit__(None, None, None)

    def test_valid_token_is_acked_and_queries_run(self, server: Server) -> None:
        token = server.setup_admin()
        ws, socket = ws_init(server, {"authorization": f"Bearer {token}"})
        try:
            assert socket.receive_json()["type"] == "connection_ack"
            reply = ws_query(socket, "{ me { email } }")
            assert reply["payload"] == {"data": {"me": {"email": ADMIN_EMAIL}}}
        finally:
            ws.__exit__(None, None, None)

    def test_deactivated_user_cannot_connect_or_go_on(self, server: Server) -> None:
        admin = server.setup_admin()
        bob, bob_token = server.user_with_token(admin, "bob@example.local")
        ws, socket = ws_init(server, {"authorization": f"Bearer {bob_token}"})
        try:
            assert socket.receive_json()["type"] == "connection_ack"
            assert ws_query(socket, "{ me { email } }")["type"] == "next"
            server.ok(
                "mutation($id: ID!){ updateUser(id: $id, input: {isActive: false}) { id } }",
                {"id": bob},
                admin,
            )
            reply = ws_query(socket, "{ me { email } }", op_id="2")
            errors = reply["payload"] if reply["type"] == "error" else reply["payload"]["errors"]
            assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
        finally:
            ws.__exit__(None, None, None)
        assert ws_close_code(server, {"authorization": f"Bearer {bob_token}"}) == 4401
