"""Image storage on disk under the outputs directory.

Every function here blocks on file I/O; async callers run them through
``anyio.to_thread.run_sync`` so the event loop is never stalled by a slow disk.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from gql_invoke.generation import png_metadata

# PNG text chunk that carries the generation parameters as JSON, so a downloaded
# file still records how it was made even outside this server.
METADATA_KEY = png_metadata.OUR_KEY

THUMBNAIL_MAX_SIDE = 256
THUMBNAIL_QUALITY = 80

_TEMP_PREFIX = ".tmp-"
_TEMP_SUFFIX = ".part"


@dataclass(frozen=True)
class StoredFile:
    """Where an image landed; paths are relative to the outputs directory."""

    filename: str
    thumbnail: str
    width: int
    height: int
    # Full PNG plus thumbnail, so per-user storage quotas count both.
    size_bytes: int


def store_image(outputs_dir: Path, image: Image.Image, metadata: dict[str, Any]) -> StoredFile:
    """Write ``image`` as a PNG (with ``metadata`` embedded, also as InvokeAI's and
    A1111's chunks: png_metadata) plus a WebP thumbnail.

    Either both files exist afterwards or neither does: on any failure whatever
    was written is removed and the exception propagates.
    """
    # Serialise first: unserialisable metadata must fail before touching disk.
    # ASCII-only JSON keeps the chunk a plain tEXt readable by any PNG tool.
    payload = json.dumps(metadata, ensure_ascii=True, separators=(",", ":"))
    pnginfo = PngInfo()
    pnginfo.add_text(METADATA_KEY, payload)
    for key, text in png_metadata.interop_chunks(metadata).items():
        # A tEXt chunk (Latin-1); Pillow writes an iTXt (UTF-8) one for other text.
        pnginfo.add_text(key, text)

    # 128 random bits: names double as capabilities, so they must not be
    # guessable or enumerable from ids, timestamps or counters.
    stem = secrets.token_hex(16)
    # Sharding by the first two hex chars keeps any one directory at ~1/256 of
    # the images; huge flat directories make listing and backups crawl.
    shard = stem[:2]
    shard_dir = outputs_dir / shard
    png_rel = f"{shard}/{stem}.png"
    thumb_rel = f"{shard}/{stem}.webp"
    png_path = shard_dir / f"{stem}.png"
    thumb_path = shard_dir / f"{stem}.webp"

    # The shard directory is deliberately not removed on failure: another
    # thread may be storing into the same shard at this very moment.
    shard_dir.mkdir(parents=True, exist_ok=True)
    try:
        png_size = _atomic_write(png_path, lambda f: image.save(f, format="PNG", pnginfo=pnginfo))
        thumb = _make_thumbnail(image)
        thumb_size = _atomic_write(
            thumb_path, lambda f: thumb.save(f, format="WEBP", quality=THUMBNAIL_QUALITY)
        )
    except BaseException:
        # A PNG without its thumbnail would be an orphan no database row
        # points at; drop it so a failed store leaves nothing behind.
        for path in (png_path, thumb_path):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise

    return StoredFile(
        filename=png_rel,
        thumbnail=thumb_rel,
        width=image.width,
        height=image.height,
        size_bytes=png_size + thumb_size,
    )


def resolve(outputs_dir: Path, relative: str) -> Path:
    """Map a stored relative name to an absolute path inside ``outputs_dir``.

    Names come from our own database, but a bug or a tampered row must never
    turn into reading or deleting arbitrary files, so anything that could
    leave the directory is refused with ``ValueError``.
    """
    if not relative or "\x00" in relative or "\\" in relative:
        raise ValueError(f"invalid stored path: {relative!r}")
    rel = PurePosixPath(relative)
    # Reject '..' outright even when it would land back inside: stored names
    # never contain it, so seeing one means something is wrong.
    if rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"stored path escapes the outputs directory: {relative!r}")
    base = outputs_dir.resolve()
    # resolve() follows symlinks, catching links planted to point outside.
    candidate = (base / rel).resolve()
    if candidate == base or not candidate.is_relative_to(base):
        raise ValueError(f"stored path escapes the outputs directory: {relative!r}")
    return candidate


def delete_files(outputs_dir: Path, relatives: Iterable[str]) -> int:
    """Remove stored files and return how many were actually removed.

    Files already gone count as done (deletes get retried after crashes).
    Every name is validated before anything is removed, so one bad name cannot
    leave a deletion half-done.
    """
    paths = [resolve(outputs_dir, rel) for rel in relatives]
    removed = 0
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed += 1
    return removed


def _make_thumbnail(image: Image.Image) -> Image.Image:
    # Work on a copy: Image.thumbnail resizes in place and the caller's image
    # must stay untouched.
    mode = "RGBA" if image.has_transparency_data else "RGB"
    thumb = image.convert(mode) if image.mode != mode else image.copy()
    # thumbnail() keeps the aspect ratio and never upscales small images.
    thumb.thumbnail((THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE), Image.Resampling.LANCZOS)
    return thumb


def _atomic_write(target: Path, write: Callable[[IO[bytes]], None]) -> int:
    """Write via a temp file in the target's directory, then rename over it.

    Readers (and a crash) only ever see no file or the complete file, never a
    truncated one. Returns the size in bytes written.
    """
    # Same directory so os.replace is a rename within one filesystem, which is
    # what makes it atomic. mkstemp's 0600 mode is fine: only this server
    # process reads outputs.
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    tmp_path = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            # Without fsync the rename can hit disk before the data does, and
            # a power loss would leave a complete-looking but empty file.
            os.fsync(f.fileno())
            size = f.tell()
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return size


def _fsync_dir(directory: Path) -> None:
    # Persists the rename itself. Best effort: some platforms/filesystems
    # cannot fsync a directory, and the file data is already safe.
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
