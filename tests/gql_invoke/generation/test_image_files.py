"""Tests for on-disk image storage."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from gql_invoke.generation.image_files import (
    METADATA_KEY,
    StoredFile,
    delete_files,
    resolve,
    store_image,
)
from tests.image_helpers import read_metadata

METADATA: dict[str, Any] = {
    "prompt": "a lighthouse at dusk, ünïcödé ☃",
    "seed": 1234,
    "steps": 30,
    "cfg_scale": 7.5,
    "loras": [{"name": "film", "weight": 0.8}],
}


def _image(width: int = 640, height: int = 480, mode: str = "RGB") -> Image.Image:
    color: Any = (200, 100, 50, 128) if mode == "RGBA" else (200, 100, 50)
    return Image.new(mode, (width, height), color)


def _all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_store_image_embeds_metadata_in_png(tmp_path: Path) -> None:
    stored = store_image(tmp_path, _image(), METADATA)

    path = resolve(tmp_path, stored.filename)
    with Image.open(path) as img:
        assert img.format == "PNG"
        assert img.size == (640, 480)
        assert METADATA_KEY in img.text  # type: ignore[attr-defined]
    assert read_metadata(path) == METADATA


def test_store_image_returns_sharded_random_names(tmp_path: Path) -> None:
    first = store_image(tmp_path, _image(), METADATA)
    second = store_image(tmp_path, _image(), METADATA)

    match = re.fullmatch(r"([0-9a-f]{2})/([0-9a-f]{32})\.png", first.filename)
    assert match is not None
    assert match.group(2).startswith(match.group(1))
    assert first.thumbnail == f"{match.group(1)}/{match.group(2)}.webp"
    assert first.filename != second.filename


def test_stored_file_reports_dimensions_and_total_size(tmp_path: Path) -> None:
    stored = store_image(tmp_path, _image(300, 200), METADATA)

    full = resolve(tmp_path, stored.filename).stat().st_size
    thumb = resolve(tmp_path, stored.thumbnail).stat().st_size
    assert (stored.width, stored.height) == (300, 200)
    assert stored.size_bytes == full + thumb
    with pytest.raises(AttributeError):
        stored.width = 1  # type: ignore[misc]
    assert isinstance(stored, StoredFile)


@pytest.mark.parametrize(
    ("size", "expected"),
    [((1024, 512), (256, 128)), ((300, 900), (85, 256)), ((100, 50), (100, 50))],
)
def test_thumbnail_is_webp_and_at_most_256px(
    tmp_path: Path, size: tuple[int, int], expected: tuple[int, int]
) -> None:
    source = _image(*size)
    stored = store_image(tmp_path, source, METADATA)

    with Image.open(resolve(tmp_path, stored.thumbnail)) as thumb:
        assert thumb.format == "WEBP"
        assert max(thumb.size) <= 256
        assert thumb.size == expected
    # The caller's image must not be shrunk in place.
    assert source.size == size


def test_thumbnail_keeps_transparency(tmp_path: Path) -> None:
    stored = store_image(tmp_path, _image(mode="RGBA"), METADATA)

    with Image.open(resolve(tmp_path, stored.thumbnail)) as thumb:
        assert thumb.mode == "RGBA"


def test_store_is_atomic_no_temp_files_left(tmp_path: Path) -> None:
    stored = store_image(tmp_path, _image(), METADATA)

    names = [p.relative_to(tmp_path).as_posix() for p in _all_files(tmp_path)]
    assert sorted(names) == sorted([stored.filename, stored.thumbnail])


def test_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_replace(_src: object, _dst: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", failing_replace)

    with pytest.raises(OSError, match="disk on fire"):
        store_image(tmp_path, _image(), METADATA)
    assert _all_files(tmp_path) == []


def test_failed_thumbnail_removes_the_png(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def replace_png_only(src: str, dst: str) -> None:
        if str(dst).endswith(".webp"):
            raise OSError("no space left")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_png_only)

    with pytest.raises(OSError, match="no space left"):
        store_image(tmp_path, _image(), METADATA)
    assert _all_files(tmp_path) == []


def test_unserialisable_metadata_fails_before_writing(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        store_image(tmp_path, _image(), {"bad": object()})
    assert list(tmp_path.iterdir()) == []


def test_read_metadata_returns_none_without_chunk(tmp_path: Path) -> None:
    plain = tmp_path / "plain.png"
    _image().save(plain, format="PNG")
    assert read_metadata(plain) is None

    jpeg = tmp_path / "photo.jpg"
    _image().save(jpeg, format="JPEG")
    assert read_metadata(jpeg) is None


def test_resolve_returns_path_inside_outputs(tmp_path: Path) -> None:
    stored = store_image(tmp_path, _image(), METADATA)
    path = resolve(tmp_path, stored.filename)
    assert path.is_file()
    assert path.is_relative_to(tmp_path.resolve())


@pytest.mark.parametrize(
    "relative",
    [
        "../secret.png",
        "ab/../../secret.png",
        "ab/../cd/x.png",
        "/etc/passwd",
        "",
        ".",
        "ab\\..\\..\\x.png",
        "ab/x\x00.png",
    ],
)
def test_resolve_refuses_path_escape(tmp_path: Path, relative: str) -> None:
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    with pytest.raises(ValueError, match="stored path"):
        resolve(outputs, relative)


def test_resolve_refuses_symlink_escape(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    outside = tmp_path / "outside"
    outputs.mkdir()
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"secret")
    (outputs / "ab").symlink_to(outside, target_is_directory=True)

    with pytest.raises(ValueError, match="escapes"):
        resolve(outputs, "ab/secret.png")


def test_delete_files_counts_removed_and_ignores_missing(tmp_path: Path) -> None:
    stored = store_image(tmp_path, _image(), METADATA)

    removed = delete_files(tmp_path, [stored.filename, stored.thumbnail, "zz/" + "0" * 32 + ".png"])
    assert removed == 2
    assert _all_files(tmp_path) == []
    # Deleting again is a harmless no-op.
    assert delete_files(tmp_path, [stored.filename, stored.thumbnail]) == 0


def test_delete_files_refuses_escape_before_deleting_anything(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    stored = store_image(outputs, _image(), METADATA)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")

    with pytest.raises(ValueError, match="escapes"):
        delete_files(outputs, [stored.filename, "../victim.txt"])
    assert victim.exists()
    assert resolve(outputs, stored.filename).exists()


def test_generated_pngs_also_carry_invokeai_and_a1111_chunks(tmp_path: Path) -> None:
    meta = {"prompt": "a fox ☃", "seed": 4294967295, "steps": 4, "width": 8, "height": 8}
    stored = store_image(tmp_path, Image.new("RGB", (8, 8)), meta)
    with Image.open(tmp_path / stored.filename) as img:
        chunks = dict(img.text)  # type: ignore[attr-defined]
    assert '"positive_prompt":"a fox \\u2603"' in chunks["invokeai_metadata"]
    assert chunks["parameters"] == "a fox ☃\nSteps: 4, Seed: 4294967295, Size: 8x8"
    assert read_metadata(tmp_path / stored.filename) == meta
