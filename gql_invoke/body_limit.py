"""``max_request_bytes``: the largest request body and websocket message.

A larger body answers 413 (a GraphQL-shaped JSON error) before it is read: the
Content-Length is checked up front, and a chunked body is counted as it arrives and
refused as soon as it passes the limit, so nothing behind this middleware ever
holds more than the limit. A larger websocket message closes the socket with 1009
(uvicorn enforces the same limit on frames through ``ws_max_size``; this covers
the TestClient and any other server).

A multipart POST to /graphql (an upload, GraphQL multipart request spec) is held to
``max_upload_bytes`` instead, the same way: checked up front, counted as it arrives.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

WS_MESSAGE_TOO_BIG = 1009


def json_error(status: int, message: str, code: str = "BAD_USER_INPUT") -> tuple[int, bytes]:
    """A GraphQL-shaped error body, for answers given before any GraphQL runs."""
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return status, json.dumps(body, separators=(",", ":")).encode()


async def send_http(
    send: Send, status: int, body: bytes, content_type: str, *, websocket: bool = False
) -> None:
    """Answer an HTTP request, or refuse a websocket handshake with a real HTTP status."""
    prefix = "websocket.http.response" if websocket else "http.response"
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": f"{prefix}.start", "status": status, "headers": headers})
    await send({"type": f"{prefix}.body", "body": body})


def header_values(scope: Scope, name: bytes) -> list[str]:
    return [v.decode("latin-1") for k, v in scope["headers"] if k == name]


def is_upload(scope: Scope) -> bool:
    """A multipart POST to /graphql: what the GraphQL multipart request spec sends."""
    if scope.get("method") != "POST" or scope.get("path") != "/graphql":
        return False
    content_types = header_values(scope, b"content-type")
    return len(content_types) == 1 and content_types[0].strip().lower().startswith(
        "multipart/form-data"
    )


class BodyLimit:
    """At most ``max_bytes`` of request body or of one websocket message; uploads (see
    ``is_upload``) at most ``upload_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = max_bytes if upload_bytes is None else upload_bytes

    def _limit(self, scope: Scope) -> tuple[int, str]:
        if scope["type"] == "http" and is_upload(scope):
            return self.upload_bytes, "max_upload_bytes"
        return self.max_bytes, "max_request_bytes"

    def _too_large(self, scope: Scope) -> str:
        limit, key = self._limit(scope)
        return f"request body larger than {limit} bytes (the {key} key)"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = self._declared_length_refusal(scope)
        if refusal is not None:
            await send_http(send, *refusal, "application/json")
            return
        # Read the body here, counting, and stop at the limit: nothing behind this
        # ever holds more than max_bytes of it.
        body = await self._read_body(receive, self._limit(scope)[0])
        if body is None:
            await send_http(send, *json_error(413, self._too_large(scope)), "application/json")
            return
        chunks, pending = body
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                if pending is not None:
                    return pending
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _declared_length_refusal(self, scope: Scope) -> tuple[int, bytes] | None:
        """The answer to a malformed or too large Content-Length; None if there is none."""
        lengths = {v.strip() for v in header_values(scope, b"content-length")}
        if not lengths:
            return None
        declared = lengths.pop()
        if lengths or not declared.isdigit():
            return json_error(400, "invalid Content-Length header")
        if int(declared) > self._limit(scope)[0]:
            return json_error(413, self._too_large(scope))
        return None

    async def _read_body(
        self, receive: Receive, limit: int
    ) -> tuple[list[bytes], Message | None] | None:
        """The body's chunks, and the message that came instead of the next chunk (an
        http.disconnect, passed on as it came); None once it grows past ``limit``."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return chunks, message
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks, None

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        closed = False

        async def limited_receive() -> Message:
            nonlocal closed
            message = await receive()
            if message["type"] == "websocket.receive" and self._oversized(message):
                closed = True
                await send(
                    {
                        "type": "websocket.close",
                        "code": WS_MESSAGE_TOO_BIG,
                        "reason": "message too big",
                    }
                )
                return {"type": "websocket.disconnect", "code": WS_MESSAGE_TOO_BIG}
            return message

        async def guarded_send(message: Message) -> None:
            if not closed:  # after our close the application may still try to send
                await send(message)

        await self.app(scope, limited_receive, guarded_send)

    def _oversized(self, message: Message) -> bool:
        data = message.get("bytes")
        if data is not None:
            return len(data) > self.max_bytes
        text = message.get("text") or ""
        if len(text) > self.max_bytes:
            return True
        if len(text) * 4 <= self.max_bytes:
            return False
        return len(text.encode("utf-8", "surrogatepass")) > self.max_bytes
