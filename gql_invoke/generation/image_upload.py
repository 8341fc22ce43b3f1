"""Decoding an uploaded file: is it really a PNG, JPEG or WebP, and of a sane size.

The name and content type a client sends prove nothing, so the bytes are decoded by
Pillow, and only these three formats are opened at all (``formats=``), so none of
Pillow's other, rarer decoders ever sees untrusted input. A decompression bomb (a
small file that decodes to a huge bitmap) is refused from its header, before the
pixels are decoded: past MAX_SIDE on a side, or past Pillow's MAX_IMAGE_PIXELS
(DecompressionBombError). The EXIF orientation is applied to the pixels (a phone's
portrait photo stays upright) and EXIF is dropped with every other chunk (location,
camera serial numbers); only the colour profile is kept. Generation parameters in a
PNG's text chunks are read (png_metadata) before they are dropped.

Blocking (decoding takes a while): callers run ``decode`` in a thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from gql_invoke.generation import png_metadata

FORMATS = ("PNG", "JPEG", "WEBP")
MAX_SIDE = 4096


class UploadRefused(ValueError):
    """The file is not an image we take; the message says why, for the uploader."""


@dataclass(frozen=True)
class DecodedUpload:
    image: Image.Image
    format: str
    # Generation parameters found in the file's text chunks (our names), or None.
    metadata: dict[str, Any] | None


def decode(data: bytes, max_side: int = MAX_SIDE) -> DecodedUpload:
    """The upload as an upright RGB/RGBA image without EXIF, or UploadRefused."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
            _check_size(opened, max_side)
            fmt = str(opened.format)
            found = png_metadata.read_chunks(_text_chunks(opened))
            opened.load()
            upright = ImageOps.exif_transpose(opened)
            image = _clean(upright)
    except UploadRefused:
        raise
    except Image.DecompressionBombError as exc:
        raise UploadRefused(f"the image is too large to decode safely ({exc})") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        # SyntaxError: what some of Pillow's parsers raise for a broken file.
        raise UploadRefused(
            f"not a PNG, JPEG or WebP image ({type(exc).__name__}: {str(exc)[:100]})"
        ) from None
    return DecodedUpload(image=image, format=fmt, metadata=found)


def _check_size(image: Image.Image, max_side: int) -> None:
    width, height = image.size
    if width > max_side or height > max_side:
        raise UploadRefused(
            f"the image is {width}x{height}; at most {max_side}x{max_side} pixels are taken"
        )
    if width < 1 or height < 1:
        raise UploadRefused("the image has no pixels")
    # Past MAX_IMAGE_PIXELS Pillow's open only warns (it refuses at twice that); refused
    # here instead of with warnings.catch_warnings, which is not thread-safe.
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and width * height > limit:
        raise UploadRefused(
            f"the image is too large to decode safely ({width * height} pixels, more than {limit})"
        )


def _text_chunks(image: Image.Image) -> dict[str, Any]:
    # PNG only: ``text`` also covers chunks after the image data (it reads them).
    if image.format != "PNG":
        return {}
    return dict(getattr(image, "text", None) or {})


def _clean(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels with nothing else attached but the colour profile."""
    mode = "RGBA" if image.has_transparency_data else "RGB"
    clean = image.convert(mode) if image.mode != mode else image.copy()
    icc = image.info.get("icc_profile")
    clean.info = {"icc_profile": icc} if icc else {}
    return clean
