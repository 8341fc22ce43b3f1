"""GET /images/{id}/full and /images/{id}/thumbnail, served only with a valid signature.

Unknown (or deleted) ids answer 404 and a bad, expired or tampered signature on
an existing image answers 403, as clients are told. Answering 404 before the
signature check reveals only whether a random 122-bit UUID exists, which no one
can usefully guess; no byte of a file is served without a valid signature.
"""

from __future__ import annotations

import time

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from gql_invoke import runtime
from gql_invoke.auth import url_signing
from gql_invoke.generation import image_files
from gql_invoke.services import app_settings, images

CONTENT_TYPES = {"full": "image/png", "thumbnail": "image/webp"}


async def serve_image(request: Request) -> Response:
    image_id = request.path_params["image_id"]
    variant = request.path_params["variant"]
    if variant not in CONTENT_TYPES:
        return PlainTextResponse("not found", 404)
    name = await images.file_for(image_id, variant)
    if name is None:
        return PlainTextResponse("not found", 404)
    exp = request.query_params.get("exp")
    sig = request.query_params.get("sig")
    key = await app_settings.image_url_key()
    if not url_signing.verify(key, image_id, variant, exp, sig):
        return PlainTextResponse("invalid or expired image URL", 403)
    outputs = runtime.current().settings.outputs_dir
    try:
        path = image_files.resolve(outputs, name)
    except ValueError:
        return PlainTextResponse("not found", 404)
    if not await anyio.Path(path).is_file():
        return PlainTextResponse("not found", 404)
    # Private: the URL is a capability of one viewer; shared caches must not keep it.
    max_age = max(0, int(exp or 0) - int(time.time()))
    return FileResponse(
        path,
        media_type=CONTENT_TYPES[variant],
        headers={
            "Cache-Control": f"private, max-age={max_age}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def image_routes() -> list[Route]:
    return [Route("/images/{image_id}/{variant}", serve_image, methods=["GET", "HEAD"])]
