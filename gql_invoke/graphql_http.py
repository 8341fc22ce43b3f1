"""The /graphql view's handling of what arrives over HTTP, before any resolver runs.

Strawberry answers a malformed body (nested 5,000 deep, a bare ``5``, a JSON string
or null, a huge integer) with a plain-text 500, and a subscription sent over HTTP
runs as a query and fails as INTERNAL. Here every such request gets 400 with a
GraphQL-shaped JSON error (extensions.code BAD_USER_INPUT) and nothing is logged:

- bodies must be UTF-8 JSON objects (no batches) nested at most MAX_JSON_DEPTH deep,
  with a string ``query``, object-or-null ``variables``/``extensions`` and a
  string-or-null ``operationName``; the same decoding serves websocket messages;
- subscriptions are served over the graphql-transport-ws websocket protocol only;
- multipart/form-data (the GraphQL multipart request spec, for uploads) only when
  http_guard.UploadGuard saw a preflight header (CSRF); its ``operations`` part is held
  to the same rules as a JSON body, and a ``map`` that does not fit it is a 400.

Lone UTF-16 surrogates in variables are refused by schema/strings.py (HTTP and
websocket alike).
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.file_uploads.utils import replace_placeholders_with_files
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from typing_extensions import override

from gql_invoke.body_limit import json_error
from gql_invoke.http_guard import ORIGIN_CHECKED_KEY, PREFLIGHTED_KEY
from schema.context import Context

MAX_JSON_DEPTH = 64
SUBSCRIPTION_OVER_HTTP = (
    "subscriptions are not served over HTTP: open a websocket to /graphql and speak the "
    "graphql-transport-ws protocol"
)


def error_response(status: int, message: str) -> Response:
    status, body = json_error(status, message, "NOT_FOUND" if status == 404 else "BAD_USER_INPUT")
    return Response(body, status, media_type="application/json")


def too_deep(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON containers nest more than ``limit`` deep (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def decode_json_text(data: str | bytes) -> object:
    """json.loads that fails only with JSONDecodeError: strict UTF-8, bounded nesting,
    integers within Python's digit limit."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise json.JSONDecodeError("not valid UTF-8", "", exc.start) from None
    try:
        value = json.loads(data)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError(
            f"nested more than {MAX_JSON_DEPTH} levels deep", "", 0
        ) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise json.JSONDecodeError(str(exc), "", 0) from None
    if too_deep(value):
        raise json.JSONDecodeError(f"nested more than {MAX_JSON_DEPTH} levels deep", "", 0)
    return value


def _optional(data: dict[str, Any], key: str, kind: type, what: str) -> Any:
    value = data.get(key)
    if value is not None and not isinstance(value, kind):
        raise HTTPException(400, f'"{key}" must be {what} or null')
    return value


class GuardedGraphQL(GraphQL[Context, None]):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        if scope["method"] == "POST":
            content_type = dict(scope["headers"]).get(b"content-type", b"").decode().lower()
            upload = content_type.startswith("multipart/form-data") and scope.get(PREFLIGHTED_KEY)
            if not content_type.startswith("application/json") and not upload:
                # JSON only: form posts are how cross-site requests sneak in.
                await error_response(415, "POST bodies must be application/json")(
                    scope, receive, send
                )
                return
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            response = error_response(exc.status_code, exc.reason)
        await response(scope, receive, send)

    def decode_json(self, data: str | bytes) -> object:
        return decode_json_text(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return self.decode_json(data)
        except json.JSONDecodeError as exc:
            raise HTTPException(400, f"unable to parse the request as JSON: {exc.msg}") from None

    @override
    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, Any]:
        """Strawberry's, with ``operations`` and ``map`` checked first (a bad map was a 500)."""
        try:
            form = await request.get_form_data()
        except ValueError:
            raise HTTPException(400, "unable to parse the multipart body") from None
        operations = form.form.get("operations")
        files_map = form.form.get("map", "{}")
        if not isinstance(operations, (str, bytes)) or not isinstance(files_map, (str, bytes)):
            raise HTTPException(400, 'a multipart request needs "operations" and "map" fields')
        data, mapping = self.parse_json(operations), self.parse_json(files_map)
        if not isinstance(data, dict):
            raise HTTPException(400, '"operations" must be one JSON object (no batches)')
        if not isinstance(mapping, dict) or not all(
            isinstance(v, list) and all(isinstance(p, str) for p in v) for v in mapping.values()
        ):
            raise HTTPException(400, '"map" must be a JSON object of lists of paths')
        try:
            return replace_placeholders_with_files(data, mapping, form.files)
        except (KeyError, IndexError, TypeError, ValueError):
            raise HTTPException(
                400, '"map" names a missing file or a path not in "operations"'
            ) from None

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        content_type, _ = parse_content_type(request.content_type or "")
        if request.method == "GET":
            return await super().parse_http_body(request)
        if "application/json" in content_type:
            data = self.parse_json(await request.get_body())
        elif content_type == "multipart/form-data":
            data = await self.parse_multipart(request)
        else:
            return await super().parse_http_body(request)
        if isinstance(data, list):
            raise HTTPException(
                400, "batched operations are not supported: send one JSON object per request"
            )
        if not isinstance(data, dict):
            raise HTTPException(400, 'the request body must be a JSON object with a "query" string')
        if not isinstance(data.get("query"), str):
            raise HTTPException(400, 'the request body has no "query" string')
        transport = self._get_stream_transport_from_headers(request.headers)
        return GraphQLRequestData(
            query=data["query"],
            variables=_optional(data, "variables", dict, "an object"),
            operation_name=_optional(data, "operationName", str, "a string"),
            extensions=_optional(data, "extensions", dict, "an object"),
            protocol=transport.protocol if transport else "http",
        )

    @override
    async def execute_single(  # noqa: PLR0917
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Strawberry's, without subscriptions (they would run as queries and fail)."""
        method = request_adapter.method
        allowed = OperationType.from_http(method) - {OperationType.SUBSCRIPTION}
        if not self.allow_queries_via_get and method == "GET":
            allowed -= {OperationType.QUERY}
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except CannotGetOperationTypeError as exc:
            raise HTTPException(400, exc.as_http_error_reason()) from None
        except InvalidOperationTypeError as exc:
            if exc.operation_type is OperationType.SUBSCRIPTION:
                raise HTTPException(400, SUBSCRIPTION_OVER_HTTP) from None
            raise HTTPException(400, exc.as_http_error_reason(method)) from None
        except MissingQueryError:
            raise HTTPException(400, "No GraphQL query found in the request") from None

    def is_websocket_origin_allowed(self, request: WebSocket, origin: str) -> bool:
        # Strawberry only asks about cross-origin handshakes; http_guard.HostGuard has
        # checked the Origin against allowed_hosts / cors_origins already.
        return bool(request.scope.get(ORIGIN_CHECKED_KEY)) or super().is_websocket_origin_allowed(
            request, origin
        )
