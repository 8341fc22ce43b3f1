"""What a list of boards shows of its images: covers (pages and counts: tests/resolvers)."""

from __future__ import annotations

import uuid

import pytest

from gql_invoke.services import board_images, boards
from tests.helpers import new_user
from tests.image_helpers import store

pytestmark = pytest.mark.usefixtures("db")


async def test_covers_fall_back_to_the_newest_image() -> None:
    owner = await new_user("owner@example.com")
    a = await boards.create_board(owner, "a")
    b = await boards.create_board(owner, "b")
    empty = await boards.create_board(owner, "empty")
    first = await store(owner.user_id, str(a.id))
    newest = await store(owner.user_id, str(a.id))
    only_b = await store(owner.user_id, str(b.id))
    keys = [
        (str(a.id), None),
        (str(b.id), str(uuid.uuid4())),
        (str(empty.id), None),
        (str(a.id), first),
    ]
    found = await board_images.covers(keys)
    assert str(found[(str(a.id), None)].id) == newest
    assert str(found[(str(b.id), keys[1][1])].id) == only_b
    assert (str(empty.id), None) not in found
    assert str(found[(str(a.id), first)].id) == first
