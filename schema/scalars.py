"""Custom scalars: ``Long`` (64-bit integers) and the multipart ``Upload``.

GraphQL's Int is a signed 32-bit integer, too small for seeds (0..4294967295) and byte
counts past 2 GiB, so those fields are ``Long``: a JSON number holding a signed 64-bit
integer. Only integers pass: a float (even 1.0), a string, a boolean or a number out of
range is refused before any resolver runs (BAD_USER_INPUT, the message says why), so a
client's rounding or quoting bug is not stored as some other number.

``Upload`` is strawberry's own scalar (a file part of a GraphQL multipart request); it is
re-exported here so every scalar the schema uses has one home.

``Long`` is served through ``StrawberryConfig(scalar_map=SCALARS)`` (strawberry's
recommended way; resolvers/root.build_schema passes it): a schema built by hand, as some
tests do, must pass the same config.
"""

from __future__ import annotations

from typing import Any, NewType

import strawberry
from graphql import IntValueNode, ValueNode
from strawberry.file_uploads import Upload
from strawberry.types.scalar import ScalarDefinition

__all__ = [
    "LONG_MAX",
    "LONG_MIN",
    "SCALARS",
    "Long",
    "Upload",
    "parse_long",
    "parse_long_literal",
]

Long = NewType("Long", int)
LONG_MIN = -(2**63)
LONG_MAX = 2**63 - 1


def parse_long(value: Any) -> int:
    # bool is an int in Python (and True would pass as 1): refused like any non-integer.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"Long must be an integer given as a JSON number, got {type(value).__name__} "
            f"{value!r:.40}"
        )
    if not LONG_MIN <= value <= LONG_MAX:
        raise ValueError(f"Long must be between {LONG_MIN} and {LONG_MAX}, got {value}")
    return value


def parse_long_literal(node: ValueNode, _variables: Any = None) -> int:
    if not isinstance(node, IntValueNode):
        raise ValueError(f"Long must be an integer literal, got {type(node).__name__}")
    return parse_long(int(node.value))


LONG = strawberry.scalar(
    name="Long",
    description="64-bit signed integer as a JSON number: seeds (0..4294967295), byte counts.",
    serialize=parse_long,
    parse_value=parse_long,
    parse_literal=parse_long_literal,
)

# StrawberryConfig(scalar_map=...): annotations say ``Long``, the schema serves this.
SCALARS: dict[object, ScalarDefinition] = {Long: LONG}
