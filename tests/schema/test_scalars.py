"""Long: 64-bit integers as JSON numbers; anything else is refused before resolvers run."""

from __future__ import annotations

import pytest
from graphql import IntValueNode, StringValueNode

from schema.scalars import LONG_MAX, LONG_MIN, parse_long, parse_long_literal
from tests.helpers import Server

SET_QUOTA = (
    "mutation($u: ID!, $b: Long){ setQuota(userId: $u, maxStorageBytes: $b)"
    "{ quota { maxStorageBytes } } }"
)


def test_long_accepts_the_whole_signed_64_bit_range() -> None:
    for value in (LONG_MIN, -1, 0, 2**31, 2**32 - 1, LONG_MAX):
        assert parse_long(value) == value
    assert parse_long_literal(IntValueNode(value=str(LONG_MAX))) == LONG_MAX


@pytest.mark.parametrize("value", [LONG_MAX + 1, LONG_MIN - 1, 1.0, 2.5, "5", True, None, [1]])
def test_long_refuses_out_of_range_floats_strings_and_booleans(value: object) -> None:
    with pytest.raises(ValueError, match="Long must be"):
        parse_long(value)


def test_long_refuses_non_integer_literals() -> None:
    with pytest.raises(ValueError, match="integer literal"):
        parse_long_literal(StringValueNode(value="5"))


def test_byte_counts_past_2_gib_round_trip_through_set_quota(server: Server) -> None:
    admin = server.setup_admin()
    user_id, _ = server.user_with_token(admin, "bob@example.local")
    big = 5 * 2**30
    data = server.ok(SET_QUOTA, {"u": user_id, "b": big}, admin)
    assert data["setQuota"]["quota"]["maxStorageBytes"] == big
    inline = f'mutation {{ setQuota(userId: "{user_id}", maxStorageBytes: {LONG_MAX})'
    inline += "{ quota { maxStorageBytes } } }"
    assert server.ok(inline, token=admin)["setQuota"]["quota"]["maxStorageBytes"] == LONG_MAX


@pytest.mark.parametrize("value", [1.5, "1024", False, 2**63])
def test_set_quota_with_a_bad_long_is_bad_input_and_changes_nothing(
    server: Server, value: object
) -> None:
    admin = server.setup_admin()
    user_id, _ = server.user_with_token(admin, "bob@example.local")
    body = server.gql(SET_QUOTA, {"u": user_id, "b": value}, admin)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Long must be" in body["errors"][0]["message"]
    query = "query($u: ID!){ user(id: $u){ quota { maxStorageBytes } } }"
    assert server.ok(query, {"u": user_id}, admin)["user"]["quota"]["maxStorageBytes"] is None
