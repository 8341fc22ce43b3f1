"""GET /images/{id}/{variant}: signed URLs only, checked before the database."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from gql_invoke.auth import url_signing
from gql_invoke.db.models import SYSTEM_USER_ID
from tests.helpers import Server
from tests.image_helpers import store_on


def _urls(server: Server, image_id: str) -> dict[str, Any]:
    return server.ok("query($id: ID!){ image(id: $id){ url thumbnailUrl } }", {"id": image_id})[
        "image"
    ]


@pytest.fixture
def stored(single: Server) -> tuple[Server, str, dict[str, Any]]:
    image_id = store_on(single, SYSTEM_USER_ID)
    return single, image_id, _urls(single, image_id)


def _key(server: Server) -> bytes:
    from gql_invoke.services import app_settings

    portal = server.client.portal
    assert portal is not None
    return portal.call(app_settings.image_url_key)


def test_signed_urls_serve_png_and_webp_privately(stored: tuple[Server, str, dict]) -> None:
    server, _, urls = stored
    full = server.client.get(urls["url"])
    assert full.status_code == 200
    assert full.headers["content-type"] == "image/png"
    assert full.content.startswith(b"\x89PNG")
    assert full.headers["cache-control"].startswith("private")
    thumb = server.client.get(urls["thumbnailUrl"])
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/webp"
    assert thumb.content[8:12] == b"WEBP"


def test_tampered_or_missing_signature_is_403(stored: tuple[Server, str, dict]) -> None:
    server, image_id, urls = stored
    path, _, query = urls["url"].partition("?")
    params = dict(p.split("=", 1) for p in query.split("&"))
    sig = params["sig"]
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    bad = [
        path,
        f"{path}?exp={params['exp']}",
        f"{path}?exp={params['exp']}&sig={flipped}",
        f"{path}?exp={int(params['exp']) + 300}&sig={sig}",
        urls["url"].replace("/full?", "/thumbnail?"),
    ]
    for url in bad:
        assert server.client.get(url).status_code == 403, url


def test_expired_signature_is_403(stored: tuple[Server, str, dict]) -> None:
    server, image_id, _ = stored
    key = _key(server)
    past = int(time.time()) - 10
    query = url_signing.sign_image_path(key, image_id, "full", past)
    assert server.client.get(f"/images/{image_id}/full?{query}").status_code == 403
    future = url_signing.sign_image_path(key, image_id, "full", int(time.time()) + 60)
    assert server.client.get(f"/images/{image_id}/full?{future}").status_code == 200


def test_unknown_ids_are_404_whatever_the_signature(stored: tuple[Server, str, dict]) -> None:
    server, _, urls = stored
    key = _key(server)
    ghost = str(uuid.uuid4())
    query = urls["url"].partition("?")[2]
    assert server.client.get(f"/images/{ghost}/full?{query}").status_code == 404
    assert server.client.get(f"/images/{ghost}/full?exp=1&sig=x").status_code == 404
    assert server.client.get(f"/images/{ghost}/full").status_code == 404
    assert server.client.get(url_signing.image_url(key, ghost, "full", 60)).status_code == 404
    assert server.client.get(f"/images/not-a-uuid/full?{query}").status_code == 404
    assert server.client.get(f"/images/{ghost}/original?exp=1&sig=x").status_code == 404


def test_deleted_image_with_valid_url_is_404(stored: tuple[Server, str, dict]) -> None:
    server, image_id, urls = stored
    server.ok("mutation($ids: [ID!]!){ deleteImages(ids: $ids) }", {"ids": [image_id]})
    assert server.client.get(urls["url"]).status_code == 404
    assert server.client.get(urls["thumbnailUrl"]).status_code == 404
