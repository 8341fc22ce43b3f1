"""Files to upload (real PNG/JPEG/WebP bytes, bombs, EXIF-rotated photos) and the GraphQL
multipart request that carries one."""

from __future__ import annotations

import io
import json
from typing import Any

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.helpers import Server

UPLOAD = (
    "mutation($f: Upload!, $b: ID){ uploadImage(file: $f, boardId: $b)"
    "{ id width height sizeBytes origin metadata board { id } owner { id } } }"
)
PREFLIGHT = {"GraphQL-Preflight": "1"}


def image_bytes(
    fmt: str = "PNG",
    size: tuple[int, int] = (64, 48),
    *,
    text: dict[str, str] | None = None,
    exif: Image.Exif | None = None,
    mode: str = "RGB",
) -> bytes:
    img = Image.new(mode, size, (30, 160, 90) if mode == "RGB" else 0)
    if mode == "RGB":
        img.putpixel((0, 0), (250, 0, 0))  # top-left marker, to see rotations
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if text:
        info = PngInfo()
        for key, value in text.items():
            info.add_text(key, value)
        options["pnginfo"] = info
    if exif is not None:
        options["exif"] = exif
    img.save(out, format=fmt, **options)
    return out.getvalue()


def rotated_jpeg() -> bytes:
    """A 60x20 JPEG whose EXIF says "rotate 90° clockwise to show" (orientation 6), with a
    camera Make entry that must not survive the upload."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    return image_bytes("JPEG", (60, 20), exif=exif)


def bomb_png(side: int = 4000) -> bytes:
    """A small 1-bit PNG that decodes to side x side pixels (a few KB on disk)."""
    return image_bytes("PNG", (side, side), mode="1")


def upload(
    server: Server,
    data: bytes,
    token: str | None = None,
    board_id: str | None = None,
    headers: dict[str, str] | None = None,
    filename: str = "picture.png",
) -> Any:
    """POST one file as a GraphQL multipart request; returns the httpx response."""
    operations = {"query": UPLOAD, "variables": {"f": None, "b": board_id}}
    hdrs = dict(PREFLIGHT if headers is None else headers)
    if token:
        hdrs["Authorization"] = f"Bearer {token}"
    return server.client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})},
        files={"0": (filename, data, "application/octet-stream")},
        headers=hdrs,
    )
