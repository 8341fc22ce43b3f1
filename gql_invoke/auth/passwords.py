"""Password hashing (pwdlib: argon2id, bcrypt accepted for legacy hashes) and policy."""

from __future__ import annotations

import anyio
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pwdlib.hashers.bcrypt import BcryptHasher

from gql_invoke.auth.common_passwords import COMMON_PASSWORDS
from gql_invoke.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 256

POLICY_TEXT = (
    f"Passwords need at least {MIN_LENGTH} characters (at most {MAX_LENGTH}), "
    "with an upper-case letter, a lower-case letter and a digit, "
    "and must not be one of the 100 most common passwords."
)

_hasher = PasswordHash((Argon2Hasher(), BcryptHasher()))
# argon2id uses 64 MiB per hash: cap how many run at once so a login storm
# cannot exhaust memory, and keep them off the event loop.
_limiter = anyio.CapacityLimiter(4)
_dummy_hash: str | None = None


def set_hasher(hasher: PasswordHash) -> None:
    """Swap the hasher (tests use cheap argon2 parameters)."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = None


def policy_violations(password: str) -> list[str]:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        problems.append(f"at most {MAX_LENGTH} characters")
    if not any(c.isupper() for c in password):
        problems.append("an upper-case letter")
    if not any(c.islower() for c in password):
        problems.append("a lower-case letter")
    if not any(c.isdigit() for c in password):
        problems.append("a digit")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("not one of the most common passwords")
    return problems


def check_policy(password: str, field: str = "password") -> None:
    problems = policy_violations(password)
    if problems:
        raise Invalid(
            f"{field} does not meet the password policy: needs " + "; ".join(problems), field=field
        )


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(_hasher.hash, password, limiter=_limiter)


async def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """Verify; returns (ok, new_hash) where new_hash is set when the hash should be upgraded.

    With no hash (unknown user) a dummy hash is verified so both paths cost the same.
    """
    global _dummy_hash
    if len(password) > MAX_LENGTH:
        # No stored password can be this long (the policy caps it); do not let
        # megabyte inputs burn hashing time, but cost what a wrong guess costs.
        password, password_hash = password[:MAX_LENGTH], None
    if password_hash is None:
        if _dummy_hash is None:
            _dummy_hash = await hash_password("dummy-Password-1")
        await anyio.to_thread.run_sync(_hasher.verify, password, _dummy_hash, limiter=_limiter)
        return False, None

    def _verify() -> tuple[bool, str | None]:
        try:
            return _hasher.verify_and_update(password, password_hash)
        except Exception:  # an unreadable stored hash must not become a 500
            return False, None

    return await anyio.to_thread.run_sync(_verify, limiter=_limiter)
