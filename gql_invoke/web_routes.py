"""The web UI and the self-hosted GraphiQL, from the bundle built into gql_invoke/web/.

- ``/`` and every client-side route (a GET of a path no route matched, that is not
  an API prefix and whose last segment has no dot: ``ClientRoutes``, the router's
  default) answer index.html, ``no-cache``, so a deep link or a reload works and a
  new release is picked up at once.
- ``/assets/<name>``: the hashed files of the build (only names listed in its
  build-manifest.json), cached for a year (``immutable``); text gzipped when asked.
- GraphiQL (graphiql.html) is what GET /graphql answers a browser when the
  ``graphiql`` key is on (app.GraphQLApp.render_graphql_ide calls graphiql_page).
- Every page carries a Content-Security-Policy: everything from this origin only
  (connect-src adds the ws/wss URL of this host for subscriptions).

The bundle is built from playground/web (``npm ci && npm run build``) and committed,
so a pip install needs no Node. Without it the pages answer 503 saying so.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath

import anyio
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from gql_invoke import runtime

WEB_DIR = Path(__file__).resolve().parent / "web"
MANIFEST = "build-manifest.json"
# Paths the UI never answers: the API, image files, health, and the assets themselves.
RESERVED = ("graphql", "images", "healthz", "assets")
IMMUTABLE = "public, max-age=31536000, immutable"
NOT_BUILT = (
    "The web UI is not built into this installation: run `npm ci && npm run build` "
    "in playground/web (the API at /graphql works without it)."
)
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
_MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".json": "application/json",
    ".png": "image/png",
    ".webp": "image/webp",
}
_COMPRESSIBLE = {".js", ".css", ".html", ".svg", ".json", ".ttf"}
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@lru_cache(maxsize=1)
def bundle_files() -> frozenset[str]:
    """The files of the build (relative POSIX paths); empty when there is no bundle."""
    try:
        manifest = json.loads((WEB_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(str(name) for name in manifest.get("files", {}))


def _public_origin() -> str | None:
    url = runtime.current().settings.public_url
    return url.rstrip("/") if url else None


def content_security_policy(
    request: Request, *, graphiql: bool = False, public: str | None = None
) -> str:
    """Self only (and public_url's origin, where the pages send their GraphQL). GraphiQL's
    editor (Monaco) also needs inline styles it injects itself and the data: fonts and
    icons of its stylesheet."""
    host = request.headers.get("host", "")
    sockets = f" ws://{host} wss://{host}" if _HOST.match(host) else ""
    if public:
        sockets += f" {public} {re.sub('^http', 'ws', public)}"
    directives = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'" if graphiql else "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:" if graphiql else "font-src 'self'",
        f"connect-src 'self'{sockets}",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
    return "; ".join(directives)


@lru_cache(maxsize=64)
def _read(name: str, compressed: bool) -> bytes:
    data = (WEB_DIR / name).read_bytes()
    # mtime=0: the same bytes every time (ETags and caches stay stable).
    return gzip.compress(data, compresslevel=6, mtime=0) if compressed else data


async def _file(request: Request, name: str, headers: dict[str, str]) -> Response:
    suffix = PurePosixPath(name).suffix
    gzipped = suffix in _COMPRESSIBLE and "gzip" in request.headers.get("accept-encoding", "")
    try:
        body = await anyio.to_thread.run_sync(_read, name, gzipped)
    except OSError:
        return PlainTextResponse("not found", 404)
    headers = {**_SECURITY_HEADERS, **headers, "Vary": "Accept-Encoding"}
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    media_type = _MEDIA_TYPES.get(suffix, "application/octet-stream")
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        return Response(b"", media_type=media_type, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def _with_endpoint(page: bytes, public: str) -> bytes:
    """The page, telling its scripts where the API is (api/endpoint.ts reads the tag)."""
    tag = f'<meta name="gql-invoke-endpoint" content="{html.escape(public)}/graphql" />'
    return page.replace(b"<head>", b"<head>\n    " + tag.encode(), 1)


async def _page(request: Request, name: str, *, graphiql: bool = False) -> Response:
    if name not in bundle_files():
        return PlainTextResponse(NOT_BUILT, 503)
    public = _public_origin()
    headers = {
        "Cache-Control": "no-cache",
        "Content-Security-Policy": content_security_policy(
            request, graphiql=graphiql, public=public
        ),
    }
    if public is None:
        return await _file(request, name, headers)
    page = _with_endpoint(await anyio.to_thread.run_sync(_read, name, False), public)
    return Response(page, media_type="text/html", headers={**_SECURITY_HEADERS, **headers})


async def index(request: Request) -> Response:
    return await _page(request, "index.html")


async def graphiql_page(request: Request) -> Response:
    return await _page(request, "graphiql.html", graphiql=True)


async def asset(request: Request) -> Response:
    name = "assets/" + request.path_params["name"]
    if name not in bundle_files():
        return PlainTextResponse("not found", 404)
    return await _file(request, name, {"Cache-Control": IMMUTABLE})


def is_client_route(path: str) -> bool:
    """A path the UI's router may own: not an API prefix, no file extension."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return True
    return parts[0] not in RESERVED and "." not in parts[-1]


class ClientRoutes:
    """The router's default: index.html for a GET of a client-side route, else the
    router's own answer (404). Being the default, not a catch-all route, it never
    shadows a route, one added later included."""

    def __init__(self, default: ASGIApp) -> None:
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in ("GET", "HEAD")
            and is_client_route(scope["path"])
        ):
            response = await index(Request(scope, receive))
            await response(scope, receive, send)
            return
        await self.default(scope, receive, send)


def web_routes() -> list[BaseRoute]:
    """The UI's own routes; client-side routes come from ClientRoutes."""
    return [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/assets/{name:path}", asset, methods=["GET", "HEAD"]),
    ]
