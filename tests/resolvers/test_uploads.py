"""uploadImage over HTTP: the GraphQL multipart request spec, its CSRF header, the size
limit before the body is read, who may upload where, and what comes back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.helpers import Server, error_code
from tests.upload_helpers import PREFLIGHT, UPLOAD, image_bytes, upload

BOUNDARY = "gqlinvoketestboundary"
Site = tuple[Server, str, str, str]


@pytest.fixture
def site(server: Server) -> Site:
    """A multiuser server: (server, admin token, alice's token, bob's token)."""
    admin = server.setup_admin()
    _, alice = server.user_with_token(admin, "alice@example.local")
    _, bob = server.user_with_token(admin, "bob@example.local")
    return server, admin, alice, bob


def _board(server: Server, token: str, name: str = "b") -> str:
    data = server.ok("mutation($n: String!){ createBoard(name: $n){ id } }", {"n": name}, token)
    return data["createBoard"]["id"]


def _count(server: Server, token: str | None) -> int:
    return server.ok("{ images { totalCount } }", token=token)["images"]["totalCount"]


def test_an_upload_comes_back_as_an_uploaded_image_in_the_board(site: Site) -> None:
    server, _, alice, _ = site
    board = _board(server, alice)
    response = upload(server, image_bytes("JPEG", (80, 40)), alice, board)
    assert response.status_code == 200, response.text
    image = response.json()["data"]["uploadImage"]
    assert (image["origin"], image["width"], image["height"]) == ("UPLOADED", 80, 40)
    assert image["board"] == {"id": board} and image["sizeBytes"] > 0
    listed = server.ok(
        "query($b: ID){ images(boardId: $b){ edges { node { id origin } } } }", {"b": board}, alice
    )
    assert listed["images"]["edges"] == [{"node": {"id": image["id"], "origin": "UPLOADED"}}]


def test_a_png_with_a1111_parameters_gets_them_as_metadata(site: Site) -> None:
    server, _, alice, _ = site
    text = {"parameters": "a fox\nSteps: 3, Sampler: Euler, Seed: 4294967295, Size: 64x48"}
    image = upload(server, image_bytes(text=text), alice).json()["data"]["uploadImage"]
    assert image["metadata"] == {
        "prompt": "a fox",
        "steps": 3,
        "scheduler": "EULER",
        "seed": 4294967295,
        "width": 64,
        "height": 48,
    }


def test_not_signed_in_is_unauthenticated(site: Site) -> None:
    server, _, _, _ = site
    body = upload(server, image_bytes()).json()
    assert error_code(body) == "UNAUTHENTICATED"


def test_a_token_without_the_generate_scope_is_forbidden(site: Site) -> None:
    server, _, alice, _ = site
    token = server.ok(
        'mutation { createApiToken(name: "ro", scopes: ["read"]){ token } }', token=alice
    )["createApiToken"]["token"]
    assert error_code(upload(server, image_bytes(), token).json()) == "FORBIDDEN"
    assert _count(server, alice) == 0


def test_a_read_share_is_forbidden_and_another_users_private_board_not_found(
    site: Site,
) -> None:
    server, _, alice, bob = site
    board = _board(server, alice)
    bob_id = server.ok("{ me { id } }", token=bob)["me"]["id"]
    assert error_code(upload(server, image_bytes(), bob, board).json()) == "NOT_FOUND"
    server.ok(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: READ){ id } }",
        {"b": board, "u": bob_id},
        alice,
    )
    assert error_code(upload(server, image_bytes(), bob, board).json()) == "FORBIDDEN"
    assert _count(server, alice) == 0 and _count(server, bob) == 0


@pytest.mark.parametrize("board", ["00000000-0000-0000-0000-000000000000", "not-an-id"])
def test_a_bad_board_id_is_not_found(site: Site, board: str) -> None:
    server, _, alice, _ = site
    body = upload(server, image_bytes(), alice, board).json()
    assert error_code(body) == "NOT_FOUND"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4 not an image", image_bytes("GIF"), image_bytes("PNG", (4097, 4), mode="1")]
)
def test_a_file_that_is_not_a_png_jpeg_or_webp_up_to_4096_is_bad_input(
    site: Site, data: bytes
) -> None:
    server, _, alice, _ = site
    body = upload(server, data, alice, filename="looks-fine.png").json()
    assert error_code(body) == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "file"
    assert _count(server, alice) == 0


def test_a_file_variable_sent_as_json_is_bad_input(site: Site) -> None:
    server, _, alice, _ = site
    body = server.gql(UPLOAD, {"f": "aGVsbG8="}, alice)
    assert error_code(body) == "BAD_USER_INPUT" and "multipart" in body["errors"][0]["message"]


@pytest.mark.parametrize("headers", [{}, {"GraphQL-Preflight": ""}, {"X-Requested-With": "x"}])
def test_a_multipart_request_without_a_preflight_header_is_refused_before_it_runs(
    site: Site, headers: dict[str, str]
) -> None:
    server, _, alice, _ = site
    response = upload(server, image_bytes(), alice, headers=headers)
    assert response.status_code == 400
    assert "GraphQL-Preflight" in response.json()["errors"][0]["message"]
    assert _count(server, alice) == 0


@pytest.mark.parametrize(
    "headers", [{"Apollo-Require-Preflight": "true"}, {"X-Apollo-Operation-Name": "Up"}]
)
def test_apollos_preflight_headers_are_accepted_too(site: Site, headers: dict[str, str]) -> None:
    server, _, alice, _ = site
    assert upload(server, image_bytes(), alice, headers=headers).status_code == 200
    assert _count(server, alice) == 1


def test_other_simple_content_types_are_still_refused(single: Server) -> None:
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        response = single.client.post(
            "/graphql",
            content=b'{"query": "{ me { id } }"}',
            headers={"Content-Type": content_type, **PREFLIGHT},
        )
        assert response.status_code == 415


@pytest.mark.parametrize(
    ("operations", "file_map"),
    [
        ("[]", '{"0": ["variables.f"]}'),
        ('{"query": "x"}', '{"0": ["variables.nowhere.f"]}'),
        ('{"query": "x", "variables": {}}', '{"1": ["variables.f"]}'),
        ('{"query": "x", "variables": {}}', '{"0": "variables.f"}'),
        ("not json", "{}"),
    ],
)
def test_a_malformed_multipart_request_is_a_400_with_a_json_body(
    single: Server, operations: str, file_map: str
) -> None:
    response = single.client.post(
        "/graphql",
        data={"operations": operations, "map": file_map},
        files={"0": ("a.png", image_bytes(), "image/png")},
        headers=PREFLIGHT,
    )
    assert response.status_code == 400
    assert error_code(response.json()) == "BAD_USER_INPUT"


# --- max_upload_bytes -------------------------------------------------------------------


def _multipart(data: bytes) -> bytes:
    operations = json.dumps({"query": UPLOAD, "variables": {"f": None, "b": None}})
    parts = [
        ("operations", None, operations.encode()),
        ("map", None, b'{"0": ["variables.f"]}'),
        ("0", "a.png", data),
    ]
    out = b""
    for name, filename, value in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
        out += value + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


def _post(server: Server, body: bytes, *, streamed: bool = False) -> Any:
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", **PREFLIGHT}

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked, counted as it comes
        for i in range(0, len(body), 1000):
            yield body[i : i + 1000]

    return server.client.post("/graphql", content=chunks() if streamed else body, headers=headers)


@pytest.mark.parametrize("streamed", [False, True])
def test_max_upload_bytes_takes_a_body_of_exactly_that_size(
    make_server: Callable[..., Server], streamed: bool
) -> None:
    body = _multipart(image_bytes("PNG", (120, 90)))
    server = make_server(max_upload_bytes=len(body))
    ok = _post(server, body, streamed=streamed)
    assert ok.status_code == 200 and ok.json()["data"]["uploadImage"]["origin"] == "UPLOADED"


@pytest.mark.parametrize("streamed", [False, True])
def test_max_upload_bytes_refuses_one_byte_more_with_413_before_running(
    make_server: Callable[..., Server], streamed: bool
) -> None:
    body = _multipart(image_bytes("PNG", (120, 90)))
    server = make_server(max_upload_bytes=len(body) - 1)
    refused = _post(server, body, streamed=streamed)
    assert refused.status_code == 413
    assert "max_upload_bytes" in refused.json()["errors"][0]["message"]
    assert _count(server, None) == 0


def test_the_upload_limit_does_not_widen_json_requests(make_server: Callable[..., Server]) -> None:
    server = make_server(max_request_bytes=1000, max_upload_bytes=100_000)
    response = server.client.post(
        "/graphql", json={"query": "{ me { id } }", "variables": {"pad": "x" * 2000}}
    )
    assert response.status_code == 413
    assert "max_request_bytes" in response.json()["errors"][0]["message"]
    assert _post(server, _multipart(image_bytes())).status_code == 200
