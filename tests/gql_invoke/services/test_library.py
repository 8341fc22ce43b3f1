"""Workflows, style presets and client state services."""

from __future__ import annotations

import uuid

import pytest

from gql_invoke.auth.actor import system_actor
from gql_invoke.config import Settings
from gql_invoke.errors import Forbidden, Invalid, NotFound
from gql_invoke.services import client_state, presets, workflows
from tests.helpers import new_user


async def test_workflows_list_own_and_public_of_others(db: Settings) -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    await workflows.save_workflow(a, None, name="a-private", graph={})
    await workflows.save_workflow(a, None, name="a-public", graph={}, is_public=True)
    await workflows.save_workflow(b, None, name="b-private", graph={"x": 1})
    assert [w.name for w in await workflows.list_workflows(b)] == ["a-public", "b-private"]
    single = system_actor(multiuser=False)
    assert len(await workflows.list_workflows(single)) == 3


async def test_workflow_update_is_owner_only(db: Settings) -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    admin = await new_user("admin@example.com", is_admin=True)
    row = await workflows.save_workflow(a, None, name="w", graph={}, is_public=True)
    updated = await workflows.save_workflow(a, str(row.id), name="w2", description="d",
                                            graph={"n": [1]})
    assert (updated.id, updated.name, updated.graph) == (row.id, "w2", {"n": [1]})
    for actor in (b, admin):
        with pytest.raises(Forbidden):
            await workflows.save_workflow(actor, str(row.id), name="mine", graph={})
    with pytest.raises(NotFound):
        await workflows.save_workflow(a, str(uuid.uuid4()), name="w", graph={})


async def test_workflow_delete_owner_or_admin(db: Settings) -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    admin = await new_user("admin@example.com", is_admin=True)
    one = await workflows.save_workflow(a, None, name="one", graph={}, is_public=True)
    two = await workflows.save_workflow(a, None, name="two", graph={})
    with pytest.raises(Forbidden):
        await workflows.delete_workflow(b, str(one.id))
    assert await workflows.delete_workflow(a, str(one.id))
    assert await workflows.delete_workflow(admin, str(two.id))
    with pytest.raises(NotFound):
        await workflows.delete_workflow(a, str(two.id))


async def test_workflow_input_is_validated(db: Settings) -> None:
    a = await new_user("a@example.com")
    cases = [({"name": " ", "graph": {}}, "name"), ({"name": "w", "graph": [1]}, "graph"),
             ({"name": "w", "graph": {}, "description": "d" * 10_001}, "description"),
             ({"name": "w", "graph": {"big": "x" * (5 * 1024 * 1024)}}, "graph")]
    for kwargs, field in cases:
        with pytest.raises(Invalid) as exc:
            await workflows.save_workflow(a, None, **kwargs)  # type: ignore[arg-type]
        assert exc.value.extensions["field"] == field


async def test_presets_follow_the_same_rules(db: Settings) -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    row = await presets.save_preset(a, None, name="p", positive_prompt="oil", is_public=True)
    await presets.save_preset(a, None, name="hidden", positive_prompt="x")
    assert [p.name for p in await presets.list_presets(b)] == ["p"]
    with pytest.raises(Forbidden):
        await presets.save_preset(b, str(row.id), name="p", positive_prompt="mine")
    with pytest.raises(Forbidden):
        await presets.delete_preset(b, str(row.id))
    saved = await presets.save_preset(a, str(row.id), name="p", positive_prompt="ink",
                                      negative_prompt="blur")
    assert (saved.positive_prompt, saved.negative_prompt) == ("ink", "blur")
    with pytest.raises(Invalid):
        await presets.save_preset(a, None, name="", positive_prompt="x")
    with pytest.raises(Invalid):
        await presets.save_preset(a, "not-an-id", name="p", positive_prompt="x")
    assert await presets.delete_preset(a, str(row.id))


async def test_client_state_is_per_user(db: Settings) -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    assert await client_state.get_value(a, "layout") is None
    assert await client_state.set_value(a, "layout", "grid")
    assert await client_state.set_value(a, "layout", "list")
    assert await client_state.get_value(a, "layout") == "list"
    assert await client_state.get_value(b, "layout") is None
    assert await client_state.delete_value(b, "layout") is False
    assert await client_state.delete_value(a, "layout") is True
    assert await client_state.get_value(a, "layout") is None


async def test_client_state_limits(db: Settings) -> None:
    a = await new_user("a@example.com")
    assert await client_state.set_value(a, "k" * 255, "é" * (1_048_576 // 2))
    with pytest.raises(Invalid) as exc:
        await client_state.set_value(a, "k", "é" * (1_048_576 // 2) + "x")
    assert exc.value.extensions["field"] == "value"
    for key in ("", "k" * 256):
        with pytest.raises(Invalid) as exc:
            await client_state.set_value(a, key, "v")
        assert exc.value.extensions["field"] == "key"
        with pytest.raises(Invalid):
            await client_state.get_value(a, key)
