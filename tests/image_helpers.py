"""Small real PNGs stored through images.store_generated, for board/image tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PIL import Image as PILImage

from gql_invoke.generation.image_files import METADATA_KEY
from gql_invoke.services import images
from tests.helpers import Server


def png(color: tuple[int, int, int] = (200, 30, 30), size: int = 64) -> PILImage.Image:
    img = PILImage.new("RGB", (size, size), color)
    # A little structure so PNG sizes are realistic rather than a few bytes.
    for i in range(size):
        img.putpixel((i, i), (i * 4 % 256, 255 - i, 90))
    return img


async def store(owner_id: str, board_id: str | None = None, **metadata: Any) -> str:
    """Store one image as the generation worker would; returns its id."""
    row = await images.store_generated(owner_id, png(), {"prompt": "test", **metadata}, board_id)
    return str(row.id)


def store_on(server: Server, owner_id: str, board_id: str | None = None, **metadata: Any) -> str:
    """The same, on a running test server's event loop (where its database lives)."""
    portal = server.client.portal
    assert portal is not None
    return portal.call(lambda: store(owner_id, board_id, **metadata))


def read_metadata(path: Path) -> dict[str, Any] | None:
    """The JSON parameters image_files.store_image embedded in a PNG, if any.

    ``None`` means the file has no (or unreadable) metadata; a missing or
    non-image file still raises, since that is a different problem.
    """
    with PILImage.open(path) as img:
        # ``text`` also covers chunks stored after the image data, which
        # ``info`` alone would miss; only PNG images have it.
        chunks: dict[str, Any] = getattr(img, "text", None) or {}
        raw = chunks.get(METADATA_KEY)
    if raw is None:
        return None
    try:
        data = json.loads(str(raw))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
