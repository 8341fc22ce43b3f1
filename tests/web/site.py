"""What the browser tests say to the server directly: page URLs and GraphQL calls that set
up a scene (users, boards, tokens) without clicking through it."""

from __future__ import annotations

from typing import Any

from tests.live_server import LiveServer


def url(server: LiveServer, path: str = "/") -> str:
    return f"http://127.0.0.1:{server.port}{path}"


def api(server: LiveServer, query: str, token: str | None = None, **variables: Any) -> Any:
    """The data of a GraphQL call that must succeed (as ``token``'s owner, if given)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = server.gql(query, variables, headers=headers)
    assert not body.get("errors"), body["errors"]
    return body["data"]


def api_login(server: LiveServer, email: str, password: str) -> str:
    data = api(
        server,
        "mutation($i: LoginInput!) { login(input: $i) { token } }",
        i={"email": email, "password": password},
    )
    return str(data["login"]["token"])
