"""The Starlette application: /graphql (+ GraphiQL, websockets), /images, /healthz, the web UI."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from graphql.error import GraphQLError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET

from gql_invoke import lifecycle, runtime
from gql_invoke.config import Settings
from gql_invoke.db import close_db, init_db
from gql_invoke.errors import DomainError, RateLimited, Unauthenticated
from gql_invoke.graphql_http import GuardedGraphQL
from gql_invoke.http_guard import edge_middleware
from gql_invoke.image_routes import image_routes
from gql_invoke.services import app_settings, auth
from gql_invoke.web_routes import ClientRoutes, graphiql_page, web_routes
from gql_invoke.ws_limits import (
    CLOSE_TOO_MANY,
    LimitedTransportWSHandler,
    close_reason,
    take_connection_slot,
)
from resolvers.root import build_schema
from schema.context import Context
from schema.errors import root_cause

log = logging.getLogger("gql_invoke")
CONNECTION_INIT_TIMEOUT_S = 10
WS_CLOSE_KEY = "gql_invoke.ws_close"


class _PermissionNoiseFilter(logging.Filter):
    """Strawberry logs every denied permission, domain error and invalid query as an
    ERROR with a traceback. Those are the caller's mistakes; unexpected exceptions
    are logged by schema/errors.py and still pass here."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.msg  # strawberry logs the GraphQLError itself
        if not isinstance(error, GraphQLError):
            return True
        original = root_cause(error)
        return original is not None and not isinstance(original, (DomainError, GraphQLError))


def _bearer(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    scheme, _, token = value.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


WS_SIGN_IN = (
    'sign in first: send the token in connection_init\'s payload as {"authorization": '
    '"Bearer <token>"}'
)


def _ws_token(value: Any) -> str | None:
    """connection_init's authorization: "Bearer <token>", or the bare token (clients
    that pass a token where a header value is meant)."""
    if isinstance(value, str) and value.strip() and " " not in value.strip():
        return value.strip()
    return _bearer(value)


def client_ip(conn: Request | WebSocket) -> str | None:
    return conn.client.host if conn.client else None


class _WebSocketAdapter(ASGIWebSocketAdapter):
    async def close(self, code: int, reason: str) -> None:
        # Strawberry closes every rejected connection_init with 4403; tell
        # "no or bad token" (4401) apart from "not allowed" (4403).
        override = self.ws.scope.get(WS_CLOSE_KEY)
        if code == 4403 and override:
            code, reason = override
        await super().close(code, reason)


class GraphQLApp(GuardedGraphQL):  # JSON 400s for malformed requests
    websocket_adapter_class = _WebSocketAdapter  # type: ignore[assignment]
    # Counts each user's sockets and operations, and frees them however a socket ends.
    graphql_transport_ws_handler_class = LimitedTransportWSHandler

    async def render_graphql_ide(self, request: Request) -> Response:
        # Self-hosted from the web bundle instead of strawberry's page, which loads
        # GraphiQL from a public CDN (blank without internet). Only called when
        # the `graphiql` key is on.
        return await graphiql_page(request)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        ctx = Context(request=request, response=response, ip=client_ip(request))
        if isinstance(request, WebSocket):
            return ctx  # authenticated in on_ws_connect from the connection_init payload
        ctx.token = _bearer(request.headers.get("authorization"))
        try:
            ctx.actor = await auth.authenticate(ctx.token, ctx.ip)
        except Unauthenticated as exc:
            ctx.auth_error = exc
        return ctx

    async def on_ws_connect(self, context: Context) -> Any:
        params = context.connection_params or {}
        context.token = _ws_token(params.get("authorization") or params.get("Authorization"))
        try:
            actor = await auth.authenticate(context.token, context.ip)
        except Unauthenticated as exc:
            # Browsers cannot set headers on a websocket: without a token, say where it goes.
            refusal = Unauthenticated(WS_SIGN_IN) if context.token is None else exc
            context.auth_error = refusal
            context.request.scope[WS_CLOSE_KEY] = (4401, str(refusal)[:120])
            raise ConnectionRejectionError({"message": str(refusal)}) from None
        try:
            # Counted once we know whose socket it is; given back when it closes.
            take_connection_slot(context.request.scope, actor)
        except RateLimited as exc:
            context.request.scope[WS_CLOSE_KEY] = (CLOSE_TOO_MANY, close_reason(exc))
            raise ConnectionRejectionError({"message": exc.message}) from None
        context.actor = actor
        return UNSET  # ack without a payload; some clients reject `payload: null`


async def healthz(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def extra_routes() -> list[BaseRoute]:
    """Routes of other domains (image files) are added here."""
    return list(image_routes())


def create_app(
    settings: Settings, worker_processes: bool = False, spawn_workers: bool = True
) -> Starlette:
    """The ASGI app. ``worker_processes``: the GPU loops run in worker processes
    (`gql-invoke serve`), which this process starts unless ``spawn_workers`` is False
    (`serve --processes N` starts them once for all); else one loop runs in this
    process (tests, embedding)."""
    logging.getLogger("strawberry.execution").addFilter(_PermissionNoiseFilter())
    graphql = GraphQLApp(
        build_schema(settings),
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=True,
        # Uploads (GraphQL multipart request spec); http_guard.UploadGuard keeps them
        # CSRF-safe and body_limit.BodyLimit holds them to max_upload_bytes.
        multipart_uploads_enabled=True,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        # A socket holds no per-user slot until connection_init: do not keep one that
        # never sends it for strawberry's default minute (4408 after this).
        connection_init_wait_timeout=timedelta(seconds=CONNECTION_INIT_TIMEOUT_S),
    )

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        rt = runtime.start(settings)
        applied = await init_db(settings.database_url)
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
        await app_settings.jwt_secret()
        await app_settings.image_url_key()
        await lifecycle.startup(rt, worker_processes, spawn_workers)
        # Everything alive now (modules, schema, ORM metadata: ~100k objects) lives
        # as long as the server. Left in the collector's view, every full collection
        # scans it all: a ~70 ms stall every few dozen requests, the whole p99.
        gc.freeze()
        try:
            yield
        finally:
            await lifecycle.shutdown(rt)
            await close_db()
            runtime.stop()
            # Collectable again: a process that starts many apps (tests) must not
            # keep every stopped app's cycles forever.
            gc.unfreeze()

    routes: list[BaseRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        *extra_routes(),
        *web_routes(),  # the UI at / and its assets
    ]
    middleware = edge_middleware(settings)  # Host/Origin, proxy headers, body limit
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=[
                    "Authorization",
                    "Content-Type",
                    "GraphQL-Preflight",
                    "Apollo-Require-Preflight",
                ],
            )
        )
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    # Any other GET of a page path is one of the UI's client-side routes: index.html.
    app.router.default = ClientRoutes(app.router.default)
    return app
