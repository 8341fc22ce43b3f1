"""Session JWTs: HS256 pinned, every claim required, tampering and expiry refused."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from gql_invoke.auth import tokens

SECRET = tokens.new_secret()


def claims(**changes: object) -> dict[str, object]:
    now = int(time.time())
    payload: dict[str, object] = {
        "sub": "u1",
        "jti": "j1",
        "ver": 0,
        "iat": now,
        "exp": now + 60,
        "iss": tokens.ISSUER,
    }
    payload.update(changes)
    return {k: v for k, v in payload.items() if v is not None}


def test_issued_token_decodes_to_its_claims() -> None:
    token, issued = tokens.issue(SECRET, "user-1", 3, 3600)
    decoded = tokens.decode(SECRET, token)
    assert decoded == issued
    assert decoded.user_id == "user-1" and decoded.version == 3
    assert abs(decoded.expires_at - (time.time() + 3600)) < 5
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_each_token_has_its_own_id() -> None:
    first, second = tokens.issue(SECRET, "u", 0, 60), tokens.issue(SECRET, "u", 0, 60)
    assert first[1].token_id != second[1].token_id


def test_secret_is_long_enough_for_hs256() -> None:
    assert len(tokens.new_secret()) >= 43


def test_alg_none_is_refused() -> None:
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps(claims()).encode()).rstrip(b"=").decode()
    with pytest.raises(tokens.InvalidToken):
        tokens.decode(SECRET, f"{header}.{body}.")


@pytest.mark.parametrize("alg", ["HS512", "HS384"])
def test_other_algorithms_are_refused_even_with_the_right_key(alg: str) -> None:
    with pytest.raises(tokens.InvalidToken):
        tokens.decode(SECRET, jwt.encode(claims(), SECRET, algorithm=alg))


def test_wrong_key_is_refused() -> None:
    with pytest.raises(tokens.InvalidToken):
        tokens.decode(SECRET, jwt.encode(claims(), tokens.new_secret(), algorithm="HS256"))


@pytest.mark.parametrize("missing", ["exp", "sub", "jti", "iat", "iss"])
def test_token_missing_a_required_claim_is_refused(missing: str) -> None:
    token = jwt.encode(claims(**{missing: None}), SECRET, algorithm="HS256")
    with pytest.raises(tokens.InvalidToken):
        tokens.decode(SECRET, token)


@pytest.mark.parametrize("bad", [{"sub": 5}, {"ver": "1"}, {"iss": "someone-else"}])
def test_token_with_a_malformed_claim_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(tokens.InvalidToken):
        tokens.decode(SECRET, jwt.encode(claims(**bad), SECRET, algorithm="HS256"))


def test_tampered_payload_is_refused() -> None:
    token, _ = tokens.issue(SECRET, "user-1", 0, 3600)
    header, body, sig = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["sub"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    with pytest.raises(tokens.InvalidToken):
        tokens.decode(SECRET, f"{header}.{forged}.{sig}")


def test_expired_token_is_refused_with_a_clear_reason() -> None:
    token, _ = tokens.issue(SECRET, "user-1", 0, 60, now=time.time() - 120)
    with pytest.raises(tokens.InvalidToken, match="expired"):
        tokens.decode(SECRET, token)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x.y.z"])
def test_garbage_is_refused(garbage: str) -> None:
    with pytest.raises(tokens.InvalidToken):
        tokens.decode(SECRET, garbage)
