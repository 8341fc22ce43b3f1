"""The web UI's routes: /, client-side deep links, hashed assets, CSP, GraphiQL on/off."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from gql_invoke import web_routes
from tests.helpers import Server

HTML = {"Accept": "text/html,application/xhtml+xml"}
# XML namespace names in Preact's DOM code: identifiers, never fetched.
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace",
}
URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'`)<>]*""")


def page_assets(html: str) -> list[str]:
    """The scripts, styles and icons a page loads."""
    return re.findall(r'(?:src|href)="(/assets/[^"]+)"', html)


def test_root_serves_the_app_without_caching(single: Server) -> None:
    page = single.client.get("/", headers=HTML)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-cache"
    assert '<div id="app"></div>' in page.text
    assert page_assets(page.text), "index.html loads no bundle"


@pytest.mark.parametrize("path", ["/gallery", "/gallery/3f2a", "/view/abc-123", "/queue", "/x/y/z"])
def test_client_routes_fall_back_to_index(single: Server, path: str) -> None:
    page = single.client.get(path, headers=HTML)
    assert page.status_code == 200 and '<div id="app"></div>' in page.text
    assert page.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path",
    [
        "/favicon.ico",
        "/robots.txt",
        "/graphql/x",
        "/images",
        "/images/x",
        "/healthz/x",
        "/assets/x",
    ],
)
def test_no_fallback_for_files_and_api_paths(single: Server, path: str) -> None:
    response = single.client.get(path, headers=HTML)
    assert response.status_code in (404, 405), path
    assert '<div id="app">' not in response.text


def test_api_routes_are_not_shadowed(single: Server) -> None:
    assert single.client.get("/healthz").json() == {"status": "ok"}
    assert single.ok("{ setupStatus { multiuserEnabled } }")["setupStatus"] == {
        "multiuserEnabled": False
    }
    # GET /graphql for a non-browser client is still the API.
    api = single.client.get("/graphql", params={"query": "{ setupStatus { setupRequired } }"})
    assert api.json()["data"]["setupStatus"] == {"setupRequired": False}
    assert single.client.get("/images/nope/full").status_code == 404


def test_assets_are_immutable_and_typed(single: Server) -> None:
    page = single.client.get("/")
    names = page_assets(page.text)
    assert any(n.endswith(".js") for n in names) and any(n.endswith(".css") for n in names)
    for name in names:
        response = single.client.get(name)
        assert response.status_code == 200, name
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["x-content-type-options"] == "nosniff"
        if name.endswith(".js"):
            assert response.headers["content-type"].startswith("text/javascript")
        if name.endswith(".css"):
            assert response.headers["content-type"].startswith("text/css")
    # Hashed names only: anything not in the build is unknown, traversal included.
    assert single.client.get("/assets/../build-manifest.json").status_code == 404
    assert single.client.get("/assets/index.js").status_code == 404


def test_assets_gzip_when_asked(single: Server) -> None:
    script = next(n for n in page_assets(single.client.get("/").text) if n.endswith(".js"))
    plain = single.client.get(script, headers={"Accept-Encoding": "identity"})
    zipped = single.client.get(script, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # the client decoded it
    assert "accept-encoding" in zipped.headers["vary"].lower()


def test_head_requests(single: Server) -> None:
    response = single.client.head("/")
    assert response.status_code == 200 and response.content == b""


def test_strict_content_security_policy(single: Server) -> None:
    csp = single.client.get("/", headers=HTML).headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self' ws://testserver wss://testserver"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http" not in directives["img-src"]


def test_csp_leaves_out_an_odd_host() -> None:
    from starlette.requests import Request

    request = Request({"type": "http", "headers": [(b"host", b"evil; script-src *")]})
    csp = web_routes.content_security_policy(request)
    assert "evil" not in csp and "connect-src 'self';" in csp


def test_no_external_url_in_the_app(single: Server) -> None:
    page = single.client.get("/")
    bodies = [page.text] + [single.client.get(n).text for n in page_assets(page.text)]
    found = {m for body in bodies for m in URL.findall(body)} - NAMESPACES
    assert not found, f"external URLs in the web UI: {sorted(found)[:10]}"


def test_graphiql_is_self_hosted(single: Server) -> None:
    page = single.client.get("/graphql", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "graphiql" in page.text.lower()
    assert not URL.findall(page.text), "GraphiQL page names an external URL"
    assets = page_assets(page.text)
    assert assets and all(single.client.get(a).status_code == 200 for a in assets)
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "default-src 'none'" in csp
    for name in (a for a in assets if a.endswith(".css")):
        css = single.client.get(name).text
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
        assert all(u.startswith(("data:", "/assets/", "./", "#")) for u in urls), urls


def test_graphiql_off_keeps_the_ide_away(make_server: Callable[..., Server]) -> None:
    server = make_server(graphiql=False)
    page = server.client.get("/graphql", headers=HTML)
    assert "graphiql" not in page.text.lower()
    assert not page.headers.get("content-type", "").startswith("text/html")
    # The UI itself does not depend on the key.
    assert server.client.get("/").status_code == 200


def test_multiuser_serves_the_same_page(make_server: Callable[..., Server]) -> None:
    server = make_server(multiuser=True)
    assert '<div id="app"></div>' in server.client.get("/", headers=HTML).text


def test_missing_bundle_says_how_to_build(single: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_routes, "bundle_files", lambda: frozenset())
    response = single.client.get("/")
    assert response.status_code == 503 and "npm run build" in response.text
    assert single.client.get("/healthz").status_code == 200


def test_public_url_tells_both_pages_where_the_api_is(make_server: Callable[..., Server]) -> None:
    server = make_server(public_url="https://art.example.org")
    for path in ("/", "/graphql"):
        page = server.client.get(path, headers={**HTML, "Accept-Encoding": "gzip"})
        assert page.status_code == 200
        assert (
            '<meta name="gql-invoke-endpoint" content="https://art.example.org/graphql" />'
            in page.text
        )
        policy = page.headers["content-security-policy"]
        assert "https://art.example.org wss://art.example.org" in policy


def test_without_public_url_the_pages_stay_as_built(single: Server) -> None:
    # The scripts then use the page's own origin.
    assert "gql-invoke-endpoint" not in single.client.get("/", headers=HTML).text


def test_the_built_scripts_read_the_endpoint_tag() -> None:
    scripts = [
        p.name
        for p in (web_routes.WEB_DIR / "assets").glob("*.js")
        if "gql-invoke-endpoint" in p.read_text(encoding="utf-8")
    ]
    assert scripts  # a chunk shared by the app and GraphiQL
