"""Session tokens: JWT, HS256 only.

The token carries who (sub), which session (jti) and the user's token version
at issue time (ver). Everything that grants rights (admin, active) is read from
the database on every request; the token only says who is asking.
"""

from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass

import jwt

ALGORITHM = "HS256"
ISSUER = "gql-invoke"


@dataclass(frozen=True)
class TokenClaims:
    user_id: str
    token_id: str
    version: int
    expires_at: int


class InvalidToken(Exception):
    pass


def new_secret() -> str:
    return secrets.token_urlsafe(48)  # 48 random bytes, comfortably over HS256's 32


def issue(
    secret: str, user_id: str, version: int, lifetime_s: int, now: float | None = None
) -> tuple[str, TokenClaims]:
    issued = int(now if now is not None else time.time())
    claims = TokenClaims(
        user_id=user_id, token_id=uuid.uuid4().hex, version=version, expires_at=issued + lifetime_s
    )
    payload = {
        "sub": user_id,
        "jti": claims.token_id,
        "ver": version,
        "iat": issued,
        "exp": claims.expires_at,
        "iss": ISSUER,
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM), claims


def decode(secret: str, token: str) -> TokenClaims:
    try:
        # algorithms is pinned: alg=none and every other algorithm are refused.
        payload = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "jti", "iss"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("token has expired; sign in again") from exc
    except jwt.PyJWTError as exc:
        raise InvalidToken("invalid token") from exc
    sub, jti, ver = payload.get("sub"), payload.get("jti"), payload.get("ver", 0)
    if not isinstance(sub, str) or not isinstance(jti, str) or not isinstance(ver, int):
        raise InvalidToken("invalid token")
    return TokenClaims(user_id=sub, token_id=jti, version=ver, expires_at=int(payload["exp"]))
