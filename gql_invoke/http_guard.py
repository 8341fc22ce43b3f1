"""The HTTP and websocket edge: which Host and Origin are answered, and how big a request is.

- DNS rebinding: a page on an attacker's name that re-resolves to this server is
  same-origin with it, so only known Host headers are answered (IP literals,
  ``localhost``, the host of ``public_url`` and the ``allowed_hosts`` key); any
  other gets 400 on every route, the websocket upgrade included. A browser's
  websocket handshake (it carries Origin) must also come from one of those names,
  from the Host it was sent to, or from ``cors_origins``.
- CSRF on uploads: a browser sends a multipart/form-data POST cross-site without
  asking (a "simple request"), so one to /graphql (an upload) must carry a header no
  simple request can: ``GraphQL-Preflight`` (the GraphQL multipart request spec's
  recommendation), or Apollo's ``Apollo-Require-Preflight`` / ``X-Apollo-Operation-Name``
  (what Apollo Server's csrfPrevention accepts, so apollo-upload-client works), with
  any non-empty value. Without one it gets 400 before its body is read.
  ``Authorization`` does not count: single-user mode needs none, so a page could post
  one without it. Every other POST to /graphql must still be JSON (graphql_http.py).
- ``max_request_bytes``, ``max_upload_bytes``: gql_invoke/body_limit.py.

``edge_middleware(settings)`` gives the middleware in order (outermost first);
``uvicorn_options(settings)`` the matching server options for ``serve``.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.http.websocket_origin import normalize_origin

from gql_invoke.body_limit import BodyLimit, header_values, is_upload, json_error, send_http
from gql_invoke.config import ConfigError, Settings
from gql_invoke.proxy_headers import ProxyHeaders

# Set on a websocket scope whose Origin this module checked and accepted.
ORIGIN_CHECKED_KEY = "gql_invoke.origin_checked"
# Set on an upload (multipart POST to /graphql) that carried a preflight header.
PREFLIGHTED_KEY = "gql_invoke.preflighted"
# Headers a cross-site "simple request" cannot carry; any one (non-empty) will do.
PREFLIGHT_HEADERS = (b"graphql-preflight", b"apollo-require-preflight", b"x-apollo-operation-name")
NO_PREFLIGHT = (
    "multipart requests (uploads) must carry a GraphQL-Preflight: 1 header (or "
    "Apollo-Require-Preflight), so that no other site can make a browser send one"
)
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-._")


async def refuse(scope: Scope, receive: Receive, send: Send, status: int, text: str) -> None:
    """A plain-text refusal: an HTTP response, or a websocket handshake refused before 101."""
    body = text.encode()
    if scope["type"] == "http":
        await send_http(send, status, body, "text/plain; charset=utf-8")
        return
    message = await receive()  # websocket.connect
    if message["type"] != "websocket.connect":
        return
    if "websocket.http.response" in scope.get("extensions", {}):
        await send_http(send, status, body, "text/plain; charset=utf-8", websocket=True)
    else:  # closing before accept: the server answers the handshake with 403
        await send({"type": "websocket.close", "code": 1008})


def parse_host(value: str) -> tuple[str, bool] | None:
    """``(name, is_ip_literal)`` of a Host header (or allowed_hosts entry): lowercase,
    without port or trailing dot, IPv6 without brackets. None if malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        inner, bracket, port = value[1:].partition("]")
        if not bracket or (port and not (port[0] == ":" and port[1:].isdigit())):
            return None
        try:
            return str(ipaddress.IPv6Address(inner)), True
        except ValueError:
            return None
    name, colon, port = value.partition(":")
    if colon and not port.isdigit():
        return None  # a second colon (bare IPv6) or a non-numeric port
    if name.endswith("."):
        name = name[:-1]
    if not name or not set(name) <= _NAME_CHARS:
        return None
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        return name, False
    return name, True


class HostPolicy:
    """Which Host headers and websocket Origins the settings allow."""

    def __init__(self, settings: Settings) -> None:
        self.names: set[str] = {"localhost"}
        self.suffixes: list[str] = []
        entries = [("allowed_hosts", entry) for entry in settings.allowed_hosts]
        if settings.public_url:
            entries.append(("public_url", settings.public_url))
        for key, value in entries:
            entry = value.strip()
            if "://" in entry:  # a URL (public_url, or an allowed_hosts slip)
                entry = urlsplit(entry).netloc.rpartition("@")[2]
            wildcard = entry.startswith("*.")
            parsed = parse_host(entry[2:] if wildcard else entry)
            if parsed is None:
                raise ConfigError(f"key '{key}': {value!r} is not a host name")
            if wildcard:
                self.suffixes.append("." + parsed[0])
            else:
                self.names.add(parsed[0])
        self.any_origin = "*" in settings.cors_origins
        self.origins = {o for o in map(normalize_origin, settings.cors_origins) if o}

    def _named(self, name: str) -> bool:
        return name in self.names or any(name.endswith(s) for s in self.suffixes)

    def host_allowed(self, host: str) -> bool:
        parsed = parse_host(host)
        if parsed is None:
            return False
        name, is_ip = parsed
        return is_ip or self._named(name)

    def origin_allowed(self, origin: str, host: str) -> bool:
        """An Origin may open a websocket when its host is the Host the handshake was
        sent to, a configured name, or the whole origin is in cors_origins. An IP
        literal is not enough: any site can be served from its own IP address."""
        normalized = normalize_origin(origin)
        if normalized is None:
            return False  # "null" (sandboxed frames, file://) or garbage
        if self.any_origin or normalized in self.origins:
            return True
        origin_host = parse_host(normalized.partition("://")[2])
        request_host = parse_host(host)
        if origin_host is None:
            return False
        if request_host is not None and origin_host[0] == request_host[0]:
            return True
        return not origin_host[1] and self._named(origin_host[0])


class HostGuard:
    """400 for a Host this server was not told about; 403 for a foreign websocket Origin."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        hosts = header_values(scope, b"host")
        if len(hosts) != 1:
            await refuse(scope, receive, send, 400, "a request needs exactly one Host header")
            return
        host = hosts[0]
        if not self.policy.host_allowed(host):
            await refuse(
                scope,
                receive,
                send,
                400,
                f"Host {host[:100]!r} is not served here: add the name to the "
                "allowed_hosts configuration key (or set public_url)",
            )
            return
        if scope["type"] == "websocket":
            origins = header_values(scope, b"origin")
            if origins and not (len(origins) == 1 and self.policy.origin_allowed(origins[0], host)):
                await refuse(
                    scope,
                    receive,
                    send,
                    403,
                    f"websocket connections from origin {origins[0][:100]!r} are "
                    "not allowed: add it to the cors_origins configuration key",
                )
                return
            scope = {**scope, ORIGIN_CHECKED_KEY: True}
        await self.app(scope, receive, send)


def has_preflight_header(scope: Scope) -> bool:
    return any(v.strip() for name in PREFLIGHT_HEADERS for v in header_values(scope, name))


class UploadGuard:
    """400 for an upload without a preflight header, before its body is read; an upload
    that has one is marked (PREFLIGHTED_KEY) for the /graphql view, which takes no other
    multipart request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_upload(scope):
            if not has_preflight_header(scope):
                await send_http(send, *json_error(400, NO_PREFLIGHT), "application/json")
                return
            scope = {**scope, PREFLIGHTED_KEY: True}
        await self.app(scope, receive, send)


def edge_middleware(settings: Settings) -> list[Middleware]:
    """Host/Origin check, trusted proxy headers, upload CSRF check, body limit: outermost
    first."""
    return [
        Middleware(HostGuard, policy=HostPolicy(settings)),
        Middleware(ProxyHeaders, trusted=settings.trusted_proxies),
        Middleware(UploadGuard),
        Middleware(
            BodyLimit,
            max_bytes=settings.max_request_bytes,
            upload_bytes=settings.max_upload_bytes,
        ),
    ]


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What ``serve`` passes to uvicorn: no proxy headers of its own (ProxyHeaders
    decides, from trusted_proxies only) and the websocket frame limit."""
    return {"proxy_headers": False, "ws_max_size": settings.max_request_bytes}
