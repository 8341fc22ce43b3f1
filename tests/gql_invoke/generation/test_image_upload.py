"""Decoding uploads: only real PNG/JPEG/WebP pass, bombs and huge sides are refused from
the header, EXIF orientation is applied and EXIF dropped, metadata chunks are read."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from gql_invoke.generation.image_upload import MAX_SIDE, UploadRefused, decode
from tests.upload_helpers import bomb_png, image_bytes, rotated_jpeg


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_png_jpeg_and_webp_decode_to_rgb(fmt: str) -> None:
    found = decode(image_bytes(fmt))
    assert (found.format, found.image.size, found.image.mode) == (fmt, (64, 48), "RGB")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"GIF89a not really",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,  # a PNG signature, then garbage
        image_bytes("GIF"),
        image_bytes("BMP"),
        image_bytes("TIFF"),
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
)
def test_anything_else_is_refused_whatever_its_name(data: bytes) -> None:
    with pytest.raises(UploadRefused, match="not a PNG, JPEG or WebP"):
        decode(data)


def test_a_truncated_png_is_refused() -> None:
    with pytest.raises(UploadRefused):
        decode(image_bytes("PNG", (200, 200))[:-300])


def test_4096_square_is_taken_and_one_more_pixel_is_not() -> None:
    assert decode(image_bytes("PNG", (MAX_SIDE, MAX_SIDE), mode="1")).image.size == (4096, 4096)
    for size in ((MAX_SIDE + 1, 8), (8, MAX_SIDE + 1)):
        with pytest.raises(UploadRefused, match="at most 4096x4096"):
            decode(image_bytes("PNG", size, mode="1"))


def test_a_decompression_bomb_is_refused_before_its_pixels_are_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = bomb_png(4000)
    assert len(data) < 10_000  # small on disk, 16 megapixels decoded
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    with pytest.raises(UploadRefused, match="too large to decode safely"):
        decode(data, max_side=100_000)


def test_exif_orientation_is_applied_and_exif_dropped() -> None:
    found = decode(rotated_jpeg())
    assert found.image.size == (20, 60)  # turned upright
    assert "exif" not in found.image.info
    out = io.BytesIO()
    found.image.save(out, "PNG")
    with Image.open(out) as again:
        assert not again.getexif()


def test_transparency_is_kept_as_rgba() -> None:
    assert decode(image_bytes("PNG", mode="RGBA")).image.mode == "RGBA"


def test_generation_parameters_in_a_png_are_read() -> None:
    ours = json.dumps({"prompt": "a fox", "seed": 4294967295, "steps": 3, "junk": "x"})
    found = decode(image_bytes("PNG", text={"gql_invoke_metadata": ours}))
    assert found.metadata == {"prompt": "a fox", "seed": 4294967295, "steps": 3}
    assert decode(image_bytes("PNG")).metadata is None


def test_past_max_image_pixels_but_under_twice_it_is_refused_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Pillow itself only warns between MAX_IMAGE_PIXELS and twice that.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(UploadRefused, match="too large to decode safely"):
        decode(image_bytes("PNG", (40, 40)))
    assert decode(image_bytes("PNG", (40, 25))).image.size == (40, 25)
