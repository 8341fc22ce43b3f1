"""Signed, expiring image URLs (HMAC-SHA256).

``<img>`` tags and downloads cannot send an Authorization header, so image
URLs carry their own short-lived proof of access instead. Whoever holds a URL
can fetch that one image variant until it expires, and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import re
import time
from typing import Literal
from urllib.parse import quote

Variant = Literal["full", "thumbnail"]
VARIANTS: frozenset[str] = frozenset({"full", "thumbnail"})

# Expiry times are rounded up to this grid. A fresh signature on every request
# would give the same image a new URL each time the gallery is queried,
# defeating browser/proxy caches and making clients refetch; rounding keeps
# the URL stable for up to this many seconds, at the cost of a URL living at
# most this much longer than asked.
EXPIRY_GRANULARITY_S = 300

# SHA-256 is 32 bytes: 43 urlsafe base64 characters once the padding is gone.
_SIG_RE = re.compile(r"[A-Za-z0-9_-]{43}")
# Digits only, no sign, no leading zero, bounded length: int() would also
# accept " 17", "+17" and "1_7", and every accepted spelling is one more way
# to replay a signature under a different-looking URL.
_EXP_RE = re.compile(r"[1-9][0-9]{0,15}")


def sign_image_path(key: bytes, image_id: str, variant: str, expires_at: int) -> str:
    """Return the query string ``exp=<expires_at>&sig=<mac>`` for one image variant."""
    _check_inputs(key, image_id, variant)
    if expires_at <= 0:
        raise ValueError("expires_at must be a positive Unix timestamp")
    return f"exp={expires_at}&sig={_mac(key, image_id, variant, expires_at)}"


def image_url(
    key: bytes,
    image_id: str,
    variant: Variant,
    lifetime_s: int = 3600,
    now: float | None = None,
) -> str:
    """Return ``/images/<id>/<variant>?exp=...&sig=...`` valid for at least ``lifetime_s``."""
    if lifetime_s <= 0:
        raise ValueError("lifetime_s must be positive")
    current = time.time() if now is None else now
    expires_at = _round_up(math.ceil(current + lifetime_s), EXPIRY_GRANULARITY_S)
    query = sign_image_path(key, image_id, variant, expires_at)
    # Ids are UUIDs today; quoting keeps the path well-formed even if that
    # changes. The router hands back the decoded id, which is what was signed.
    return f"/images/{quote(image_id, safe='')}/{variant}?{query}"


def verify(
    key: bytes,
    image_id: str,
    variant: str,
    exp: str | None,
    sig: str | None,
    now: float | None = None,
) -> bool:
    """Check a signed image request. Never raises: any doubt means ``False``.

    ``exp`` and ``sig`` are the raw query parameters, hence ``str | None``.
    """
    try:
        if not key or not image_id or variant not in VARIANTS:
            return False
        if not isinstance(exp, str) or not isinstance(sig, str):
            return False
        if not _EXP_RE.fullmatch(exp) or not _SIG_RE.fullmatch(sig):
            return False
        expires_at = int(exp)
        current = time.time() if now is None else now
        # Expired at the instant itself, so a URL is never valid past exp.
        if current >= expires_at:
            return False
        expected = _mac(key, image_id, variant, expires_at)
        # Comparing canonical encodings (not decoded bytes) rejects alternate
        # base64 spellings of the same MAC; compare_digest keeps the timing
        # independent of how many leading characters match.
        return hmac.compare_digest(expected.encode("ascii"), sig.encode("ascii"))
    except Exception:
        # A verifier that can raise turns malformed input into a 500 instead
        # of a 403; refusing is always the safe answer.
        return False


def _check_inputs(key: bytes, image_id: str, variant: str) -> None:
    # An empty key would make every signature forgeable by anyone.
    if not key:
        raise ValueError("signing key must not be empty")
    if not image_id:
        raise ValueError("image_id must not be empty")
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {sorted(VARIANTS)}, got {variant!r}")


def _mac(key: bytes, image_id: str, variant: str, expires_at: int) -> str:
    # Unambiguous despite ':' being allowed in ids: variant comes from a fixed
    # set and exp is digits, so the message splits uniquely from the right.
    message = f"{image_id}:{variant}:{expires_at}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _round_up(value: int, step: int) -> int:
    return -(-value // step) * step
