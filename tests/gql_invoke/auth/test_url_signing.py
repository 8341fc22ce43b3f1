"""Tests for signed, expiring image URLs."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from gql_invoke.auth.url_signing import (
    EXPIRY_GRANULARITY_S,
    image_url,
    sign_image_path,
    verify,
)

KEY = b"k" * 32
IMAGE_ID = "3f1c9a52-7d0e-4b8a-9c61-2e5f4a7b8d90"
NOW = 1_700_000_123.5


def _parse(url: str) -> tuple[str, str, str, str]:
    parts = urlsplit(url)
    _, prefix, image_id, variant = parts.path.split("/")
    assert prefix == "images"
    query = parse_qs(parts.query, strict_parsing=True)
    return image_id, variant, query["exp"][0], query["sig"][0]


def test_image_url_shape_and_round_trip() -> None:
    url = image_url(KEY, IMAGE_ID, "thumbnail", now=NOW)

    image_id, variant, exp, sig = _parse(url)
    assert url.startswith(f"/images/{IMAGE_ID}/thumbnail?exp=")
    assert (image_id, variant) == (IMAGE_ID, "thumbnail")
    assert "=" not in sig
    assert verify(KEY, IMAGE_ID, "thumbnail", exp, sig, now=NOW)


def test_sign_image_path_format() -> None:
    query = sign_image_path(KEY, IMAGE_ID, "full", 1_700_000_000)
    parsed = parse_qs(query, strict_parsing=True)
    assert query.startswith("exp=1700000000&sig=")
    assert len(parsed["sig"][0]) == 43
    assert verify(KEY, IMAGE_ID, "full", "1700000000", parsed["sig"][0], now=1_699_999_999)


def test_expiry_is_rounded_up_for_cacheable_urls() -> None:
    _, _, exp, _ = _parse(image_url(KEY, IMAGE_ID, "full", lifetime_s=3600, now=NOW))

    expires_at = int(exp)
    assert expires_at % EXPIRY_GRANULARITY_S == 0
    assert NOW + 3600 <= expires_at < NOW + 3600 + EXPIRY_GRANULARITY_S
    # Requests a few seconds apart get the identical URL.
    assert image_url(KEY, IMAGE_ID, "full", now=NOW) == image_url(
        KEY, IMAGE_ID, "full", now=NOW + 5
    )


def test_tampered_signature_is_rejected() -> None:
    _, _, exp, sig = _parse(image_url(KEY, IMAGE_ID, "full", now=NOW))
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]

    assert not verify(KEY, IMAGE_ID, "full", exp, flipped, now=NOW)
    assert not verify(KEY, IMAGE_ID, "full", exp, sig + "=", now=NOW)
    assert not verify(KEY, IMAGE_ID, "full", exp, sig[:-1], now=NOW)
    assert not verify(KEY, IMAGE_ID, "full", exp, "!!not base64!!", now=NOW)
    assert not verify(KEY, IMAGE_ID, "full", exp, "é" * 43, now=NOW)


def test_tampered_expiry_is_rejected() -> None:
    _, _, exp, sig = _parse(image_url(KEY, IMAGE_ID, "full", now=NOW))

    assert not verify(KEY, IMAGE_ID, "full", str(int(exp) + 300), sig, now=NOW)
    # Other spellings of the same number must not pass either.
    for spelling in (f"0{exp}", f"+{exp}", f" {exp}", f"{exp[:2]}_{exp[2:]}"):
        assert not verify(KEY, IMAGE_ID, "full", spelling, sig, now=NOW)


def test_expired_url_is_rejected() -> None:
    _, _, exp, sig = _parse(image_url(KEY, IMAGE_ID, "full", lifetime_s=60, now=NOW))

    assert verify(KEY, IMAGE_ID, "full", exp, sig, now=int(exp) - 1)
    assert not verify(KEY, IMAGE_ID, "full", exp, sig, now=int(exp))
    assert not verify(KEY, IMAGE_ID, "full", exp, sig, now=int(exp) + 3600)


def test_signature_for_other_image_is_rejected() -> None:
    _, _, exp, sig = _parse(image_url(KEY, IMAGE_ID, "full", now=NOW))
    other = "00000000-0000-0000-0000-000000000001"

    assert not verify(KEY, other, "full", exp, sig, now=NOW)


def test_signature_for_other_variant_is_rejected() -> None:
    _, _, exp, sig = _parse(image_url(KEY, IMAGE_ID, "thumbnail", now=NOW))

    assert not verify(KEY, IMAGE_ID, "full", exp, sig, now=NOW)
    assert not verify(KEY, IMAGE_ID, "original", exp, sig, now=NOW)


def test_wrong_key_is_rejected() -> None:
    _, _, exp, sig = _parse(image_url(KEY, IMAGE_ID, "full", now=NOW))

    assert not verify(b"x" * 32, IMAGE_ID, "full", exp, sig, now=NOW)
    assert not verify(b"", IMAGE_ID, "full", exp, sig, now=NOW)


@pytest.mark.parametrize(
    ("exp", "sig"),
    [(None, "x" * 43), ("1700003700", None), (None, None), ("", "x" * 43), ("soon", "x" * 43)],
)
def test_missing_params_rejected(exp: str | None, sig: str | None) -> None:
    assert not verify(KEY, IMAGE_ID, "full", exp, sig, now=NOW)


def test_invalid_variant_raises_in_image_url() -> None:
    with pytest.raises(ValueError, match="variant"):
        image_url(KEY, IMAGE_ID, "original", now=NOW)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="variant"):
        sign_image_path(KEY, IMAGE_ID, "../full", 1_700_000_000)


def test_bad_inputs_raise_when_signing() -> None:
    with pytest.raises(ValueError, match="key"):
        image_url(b"", IMAGE_ID, "full", now=NOW)
    with pytest.raises(ValueError, match="image_id"):
        image_url(KEY, "", "full", now=NOW)
    with pytest.raises(ValueError, match="lifetime_s"):
        image_url(KEY, IMAGE_ID, "full", lifetime_s=0, now=NOW)


def test_verify_never_raises_on_odd_input() -> None:
    weird = "\ud800" * 3  # lone surrogate: cannot be UTF-8 encoded
    assert not verify(KEY, weird, "full", "1700003700", "x" * 43, now=NOW)
    assert not verify(KEY, IMAGE_ID, "full", "9" * 5000, "x" * 43, now=NOW)


def test_image_id_is_quoted_in_path() -> None:
    url = image_url(KEY, "a/b?c", "full", now=NOW)
    image_id, _, exp, sig = _parse(url)
    assert image_id == "a%2Fb%3Fc"
    assert verify(KEY, "a/b?c", "full", exp, sig, now=NOW)
