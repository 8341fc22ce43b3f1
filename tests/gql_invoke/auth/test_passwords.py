"""Password policy and hashing (argon2id; legacy bcrypt accepted and upgraded)."""

from __future__ import annotations

import pytest

from gql_invoke.auth import passwords
from gql_invoke.auth.common_passwords import COMMON_PASSWORDS
from gql_invoke.errors import Invalid


def test_good_password_meets_the_policy() -> None:
    assert passwords.policy_violations("Correct-Horse-9") == []
    passwords.check_policy("Correct-Horse-9")


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("Ab1", "at least 8 characters"),
        ("A1" + "b" * 255, "at most 256 characters"),
        ("lowercase-only-1", "an upper-case letter"),
        ("UPPERCASE-ONLY-1", "a lower-case letter"),
        ("No-Digits-Here", "a digit"),
        ("Password1", "not one of the most common passwords"),
    ],
)
def test_each_unmet_rule_is_named(password: str, rule: str) -> None:
    with pytest.raises(Invalid) as exc:
        passwords.check_policy(password)
    assert rule in exc.value.message
    assert exc.value.code == "BAD_USER_INPUT"


def test_every_unmet_rule_is_named_at_once() -> None:
    with pytest.raises(Invalid) as exc:
        passwords.check_policy("abc", field="newPassword")
    message = exc.value.message
    assert message.startswith("newPassword")
    for rule in ("at least 8 characters", "an upper-case letter", "a digit"):
        assert rule in message
    assert exc.value.extensions["field"] == "newPassword"


def test_common_list_covers_the_top_100_and_is_case_insensitive() -> None:
    assert len(COMMON_PASSWORDS) >= 100
    assert "PASSWORD1".lower() in COMMON_PASSWORDS
    assert "not one of the most common passwords" in passwords.policy_violations("QWERTY123")


def test_exactly_256_characters_is_allowed() -> None:
    assert passwords.policy_violations("Aa1" + "x" * 253) == []


def test_policy_text_mentions_the_rules() -> None:
    text = passwords.POLICY_TEXT
    assert "8" in text and "256" in text and "digit" in text and "common" in text


async def test_hash_verifies_and_is_argon2() -> None:
    hashed = await passwords.hash_password("Correct-Horse-9")
    assert hashed.startswith("$argon2id$")
    assert await passwords.verify_password("Correct-Horse-9", hashed) == (True, None)
    assert (await passwords.verify_password("wrong-Horse-9", hashed))[0] is False


async def test_legacy_bcrypt_hash_verifies_and_asks_for_an_upgrade() -> None:
    import bcrypt

    legacy = bcrypt.hashpw(b"Correct-Horse-9", bcrypt.gensalt(rounds=4)).decode()
    ok, new_hash = await passwords.verify_password("Correct-Horse-9", legacy)
    assert ok and new_hash is not None and new_hash.startswith("$argon2id$")
    assert (await passwords.verify_password("Wrong-Horse-9", legacy))[0] is False


async def test_unknown_user_costs_a_verification_and_fails() -> None:
    assert await passwords.verify_password("Correct-Horse-9", None) == (False, None)


async def test_unreadable_stored_hash_fails_instead_of_raising() -> None:
    assert await passwords.verify_password("Correct-Horse-9", "not-a-hash") == (False, None)


async def test_overlong_password_is_refused_without_hashing_it() -> None:
    hashed = await passwords.hash_password("Aa1" + "x" * 253)
    assert (await passwords.verify_password("Aa1" + "x" * 253 + "y", hashed))[0] is False
    assert (await passwords.verify_password("A" * 1_000_000, hashed))[0] is False
