"""X-Forwarded-For / X-Forwarded-Proto are believed only from ``trusted_proxies``.

uvicorn on its own believes them from 127.0.0.1, so any local client could pick
the address the per-IP login limit counts and the audit log records.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.helpers import ADMIN_EMAIL, PASSWORD, Server, error_code
from tests.live_server import live_server

SETUP = "mutation($i: SetupInput!){ setup(input: $i){ token } }"
LOGIN = "mutation($i: LoginInput!){ login(input: $i){ token } }"
AUDIT = "query($a: String){ auditLog(action: $a, first: 1) { ip } }"
SETUP_INPUT = {"i": {"email": ADMIN_EMAIL, "displayName": "Admin", "password": PASSWORD}}


def forwarded(address: str) -> dict[str, str]:
    return {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"}


def failed_login(gql: Callable[..., dict[str, Any]], n: int, headers: dict[str, str]) -> str | None:
    body = gql(
        LOGIN, {"i": {"email": f"nobody{n}@example.local", "password": "wrong"}}, headers=headers
    )
    return error_code(body)


def test_local_client_cannot_pick_its_address_on_the_real_server(tmp_path: Path) -> None:
    with live_server(
        tmp_path, multiuser=True, login_max_failures_per_ip=3, login_max_failures_per_account=100
    ) as live:
        body = live.gql(SETUP, SETUP_INPUT, headers=forwarded("6.6.6.6"))
        token = body["data"]["setup"]["token"]
        codes = [failed_login(live.gql, n, forwarded(f"10.9.8.{n}")) for n in range(4)]
        assert codes == ["UNAUTHENTICATED"] * 3 + ["RATE_LIMITED"]
        admin = {"Authorization": f"Bearer {token}"}
        for action in ("setup", "login_failed"):
            events = live.gql(AUDIT, {"a": action}, headers=admin)["data"]["auditLog"]
            assert events == [{"ip": "127.0.0.1"}], action


def _audit_ip(server: Server, token: str, action: str) -> str:
    return str(server.ok(AUDIT, {"a": action}, token)["auditLog"][0]["ip"])


def test_trusted_proxy_names_the_client(make_server: Callable[..., Server]) -> None:
    # The TestClient's peer is 10.1.2.3: inside the first network.
    server = make_server(
        multiuser=True,
        trusted_proxies=["10.1.2.0/24", "192.0.2.1"],
        login_max_failures_per_ip=2,
        login_max_failures_per_account=100,
    )
    # The client wrote 1.1.1.1; our two proxies appended 6.6.6.6 and 192.0.2.1.
    token = server.gql(SETUP, SETUP_INPUT, headers=forwarded("1.1.1.1, 6.6.6.6, 192.0.2.1"))[
        "data"
    ]["setup"]["token"]
    assert _audit_ip(server, token, "setup") == "6.6.6.6"
    cases = {
        "7.7.7.7": "7.7.7.7",
        "[2001:db8::7]:4711": "2001:db8::7",
        "::ffff:7.7.7.8": "7.7.7.8",
        "10.1.2.50, 192.0.2.1": "10.1.2.50",  # every hop trusted: the first one
        "7.7.7.9, garbage": "10.1.2.3",  # nothing believable: the peer
    }
    for n, (header, client) in enumerate(cases.items()):
        assert failed_login(server.gql, n, {"X-Forwarded-For": header}) == "UNAUTHENTICATED"
        assert _audit_ip(server, token, "login_failed") == client, header
    # The per-IP limit counts each real client on its own.
    assert failed_login(server.gql, 10, forwarded("8.8.8.8")) == "UNAUTHENTICATED"
    assert failed_login(server.gql, 11, forwarded("8.8.8.8")) == "UNAUTHENTICATED"
    assert failed_login(server.gql, 12, forwarded("8.8.8.8")) == "RATE_LIMITED"
    assert failed_login(server.gql, 13, forwarded("9.9.9.9")) == "UNAUTHENTICATED"


def with_probe(server: Server) -> TestClient:
    """The app as built, plus a route that shows what every route sees of the client."""

    async def probe(request: Request) -> Response:
        client = request.client.host if request.client else None
        return JSONResponse([client, request.url.scheme])

    server.app.router.routes.append(Route("/probe", probe))
    return server.client


def test_forwarded_proto_from_trusted_proxies_only(make_server: Callable[..., Server]) -> None:
    probe = with_probe(make_server(trusted_proxies=["10.1.2.0/24"]))  # the TestClient's peer
    for proto, scheme in [
        ("https", "https"),
        ("http, https", "https"),
        ("HTTPS", "https"),
        ("gopher", "http"),
        ("", "http"),
    ]:
        seen = probe.get("/probe", headers={"X-Forwarded-Proto": proto}).json()
        assert seen == ["10.1.2.3", scheme], proto
    seen = probe.get("/probe", headers=forwarded("1.1.1.1, 6.6.6.6")).json()
    assert seen == ["6.6.6.6", "https"]
