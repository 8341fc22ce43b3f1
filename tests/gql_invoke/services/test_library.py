"""Workflows, style presets and client state services."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.db.models import ClientState, Image, StylePreset, Workflow
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.services import client_state, presets, storage, user_stats, users, workflows
from tests.helpers import new_user
from tests.image_helpers import store


@pytest.mark.usefixtures("db")
async def test_workflows_list_own_and_public_of_others() -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    await workflows.save_workflow(a, None, name="a-private", graph={})
    await workflows.save_workflow(a, None, name="a-public", graph={}, is_public=True)
    await workflows.save_workflow(b, None, name="b-private", graph={"x": 1})
    assert [w.name for w in await workflows.list_workflows(b)] == ["a-public", "b-private"]
    single = system_actor(multiuser=False)
    assert len(await workflows.list_workflows(single)) == 3


@pytest.mark.usefixtures("db")
async def test_workflow_update_is_owner_only() -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    admin = await new_user("admin@example.com", is_admin=True)
    row = await workflows.save_workflow(a, None, name="w", graph={}, is_public=True)
    updated = await workflows.save_workflow(
        a, str(row.id), name="w2", description="d", graph={"n": [1]}
    )
    assert (updated.id, updated.name, updated.graph) == (row.id, "w2", {"n": [1]})
    for actor in (b, admin):
        with pytest.raises(Forbidden):
            await workflows.save_workflow(actor, str(row.id), name="mine", graph={})
    with pytest.raises(NotFound):
        await workflows.save_workflow(a, str(uuid.uuid4()), name="w", graph={})


@pytest.mark.usefixtures("db")
async def test_workflow_delete_owner_or_admin() -> None:
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


@pytest.mark.usefixtures("db")
async def test_workflow_input_is_validated() -> None:
    a = await new_user("a@example.com")
    cases = [
        ({"name": " ", "graph": {}}, "name"),
        ({"name": "w", "graph": [1]}, "graph"),
        ({"name": "w", "graph": {}, "description": "d" * 10_001}, "description"),
    ]
    for kwargs, field in cases:
        with pytest.raises(Invalid) as exc:
            await workflows.save_workflow(a, None, **kwargs)  # type: ignore[arg-type]
        assert exc.value.extensions["field"] == field


@pytest.mark.usefixtures("db")
async def test_presets_follow_the_same_rules() -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    row = await presets.save_preset(a, None, name="p", positive_prompt="oil", is_public=True)
    await presets.save_preset(a, None, name="hidden", positive_prompt="x")
    assert [p.name for p in await presets.list_presets(b)] == ["p"]
    with pytest.raises(Forbidden):
        await presets.save_preset(b, str(row.id), name="p", positive_prompt="mine")
    with pytest.raises(Forbidden):
        await presets.delete_preset(b, str(row.id))
    saved = await presets.save_preset(
        a, str(row.id), name="p", positive_prompt="ink", negative_prompt="blur"
    )
    assert (saved.positive_prompt, saved.negative_prompt) == ("ink", "blur")
    with pytest.raises(Invalid):
        await presets.save_preset(a, None, name="", positive_prompt="x")
    with pytest.raises(Invalid):
        await presets.save_preset(a, "not-an-id", name="p", positive_prompt="x")
    assert await presets.delete_preset(a, str(row.id))


@pytest.mark.usefixtures("db")
async def test_client_state_is_per_user() -> None:
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


@pytest.mark.usefixtures("db")
async def test_client_state_limits() -> None:
    a = await new_user("a@example.com")
    for key in ("", "k" * 256):
        with pytest.raises(Invalid) as exc:
            await client_state.set_value(a, key, "v")
        assert exc.value.extensions["field"] == "key"
        with pytest.raises(Invalid):
            await client_state.get_value(a, key)


# --- limits: per item, per user, and the storage quota (CONFLICT naming the limit) -------


def _conflict_field(exc: pytest.ExceptionInfo[Conflict]) -> str:
    field = exc.value.extensions["field"]
    assert field in exc.value.message  # the message names the limit too
    return str(field)


async def _quota(user: Actor, max_storage_bytes: int | None) -> None:
    await users.set_quota(
        system_actor(True),
        user.user_id,
        max_pending_jobs=None,
        max_images_per_day=None,
        max_storage_bytes=max_storage_bytes,
    )


@pytest.mark.usefixtures("db")
async def test_client_state_value_is_capped_at_256_kib_utf8() -> None:
    a = await new_user("a@example.com")
    at_limit = "é" * (256 * 1024 // 2)  # two bytes each
    assert await client_state.set_value(a, "k" * 255, at_limit)
    with pytest.raises(Conflict) as exc:
        await client_state.set_value(a, "k", at_limit + "x")
    assert _conflict_field(exc) == "clientState value bytes" and "256 KiB" in exc.value.message
    assert await client_state.get_value(a, "k") is None


@pytest.mark.usefixtures("db")
async def test_client_state_allows_200_keys_and_refuses_the_201st() -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    for i in range(200):
        await client_state.set_value(a, f"key{i}", "v")
    with pytest.raises(Conflict) as exc:
        await client_state.set_value(a, "one-more", "v")
    assert _conflict_field(exc) == "clientState keys" and "200" in exc.value.message
    assert await ClientState.filter(user_id=a.user_id).count() == 200
    # Overwriting a key adds none; others have their own 200; deleting makes room.
    assert await client_state.set_value(a, "key0", "new value")
    assert await client_state.set_value(b, "one-more", "v")
    assert await client_state.delete_value(a, "key1")
    assert await client_state.set_value(a, "one-more", "v")


@pytest.mark.usefixtures("db")
async def test_workflow_graph_is_capped_at_2_mib_of_compact_json() -> None:
    a = await new_user("a@example.com")
    envelope = storage.json_bytes({"big": ""})
    at_limit = {"big": "x" * (2 * 1024 * 1024 - envelope)}
    assert storage.json_bytes(at_limit) == workflows.MAX_GRAPH_BYTES
    row = await workflows.save_workflow(a, None, name="w", graph=at_limit)
    over = {"big": at_limit["big"] + "x"}
    for row_id in (None, str(row.id)):
        with pytest.raises(Conflict) as exc:
            await workflows.save_workflow(a, row_id, name="w", graph=over)
        assert _conflict_field(exc) == "workflow graph bytes" and "2 MiB" in exc.value.message
    assert await Workflow.filter(owner_id=a.user_id).count() == 1


@pytest.mark.parametrize(
    ("module", "limits", "field", "model"),
    [
        (workflows, "WORKFLOW_LIMITS", "workflows", Workflow),
        (presets, "PRESET_LIMITS", "stylePresets", StylePreset),
    ],
)
@pytest.mark.usefixtures("db")
async def test_workflows_and_presets_are_capped_per_user(
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    limits: str,
    field: str,
    model: type[Workflow] | type[StylePreset],
) -> None:
    # 500 for real; 3 here, the same check (test_the_row_caps_are_500 pins the numbers).
    monkeypatch.setattr(module, limits, replace(getattr(module, limits), max_rows=3))
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")

    async def save(actor: Actor, row_id: str | None = None) -> Workflow | StylePreset:
        if model is Workflow:
            return await workflows.save_workflow(actor, row_id, name="w", graph={})
        return await presets.save_preset(actor, row_id, name="p", positive_prompt="x")

    rows = [await save(a) for _ in range(3)]
    with pytest.raises(Conflict) as exc:
        await save(a)
    assert _conflict_field(exc) == field and "3 of 3" in exc.value.message
    assert await model.filter(owner_id=a.user_id).count() == 3
    await save(a, str(rows[0].id))  # an update adds no row
    await save(b)


def test_the_row_caps_are_500_workflows_500_presets_200_keys() -> None:
    assert workflows.WORKFLOW_LIMITS.max_rows == workflows.MAX_WORKFLOWS == 500
    assert presets.PRESET_LIMITS.max_rows == presets.MAX_PRESETS == 500
    assert client_state.MAX_KEYS == 200


@pytest.mark.usefixtures("db")
async def test_a_zero_storage_quota_refuses_every_saved_text() -> None:
    a = await new_user("a@example.com")
    await client_state.set_value(a, "before", "kept")
    await _quota(a, 0)
    calls = [
        client_state.set_value(a, "k", "v"),
        workflows.save_workflow(a, None, name="w", graph={"n": 1}),
        presets.save_preset(a, None, name="p", positive_prompt="oil"),
    ]
    for call in calls:
        with pytest.raises(Conflict) as exc:
            await call
        assert _conflict_field(exc) == "maxStorageBytes"
    # Over quota already: what shrinks or stays the same size is still allowed.
    assert await client_state.set_value(a, "before", "cut")
    assert await client_state.delete_value(a, "before")


@pytest.mark.usefixtures("db")
async def test_saved_text_counts_toward_the_quota_up_to_the_exact_byte() -> None:
    a = await new_user("a@example.com")
    await _quota(a, 100)
    assert await client_state.set_value(a, "k", "v" * 59)  # 60 bytes
    await presets.save_preset(a, None, name="p", positive_prompt="x" * 19)  # 20 bytes
    flow = await workflows.save_workflow(a, None, name="w", graph={})  # 1 + 2 bytes
    assert await storage.used_bytes(a.user_id) == 83
    with pytest.raises(Conflict) as exc:
        await client_state.set_value(a, "k2", "v" * 16)  # 18 bytes: one too many
    assert "83 of 100" in exc.value.message
    assert await client_state.set_value(a, "k2", "v" * 15)  # exactly 100
    with pytest.raises(Conflict):
        await workflows.save_workflow(a, str(flow.id), name="w2", graph={})
    # An update is charged the difference: the same size again fits at the limit.
    assert await client_state.set_value(a, "k", "w" * 59)
    await workflows.save_workflow(a, str(flow.id), name="v", graph={})


@pytest.mark.usefixtures("db")
async def test_images_and_saved_text_share_one_quota() -> None:
    a = await new_user("a@example.com")
    image_bytes = (await Image.get(id=await store(a.user_id))).size_bytes
    await _quota(a, image_bytes + 10)
    assert await client_state.set_value(a, "k", "v" * 9)  # 10 bytes: exactly full
    with pytest.raises(Conflict):
        await client_state.set_value(a, "k2", "")
    with pytest.raises(Conflict, match="storage quota exceeded"):
        await store(a.user_id)


@pytest.mark.usefixtures("db")
async def test_user_stats_show_what_the_quota_counts() -> None:
    a = await new_user("a@example.com")
    b = await new_user("b@example.com")
    image_bytes = (await Image.get(id=await store(a.user_id))).size_bytes
    await client_state.set_value(a, "k", "vé")  # 1 + 3 bytes
    await workflows.save_workflow(a, None, name="w", description="d", graph={"a": 1})  # 1+1+7
    await presets.save_preset(b, None, name="p", positive_prompt="oil", negative_prompt="x")
    stats = await user_stats.stats_for([a.user_id, b.user_id])
    assert stats[a.user_id].storage_bytes == image_bytes + 13 == await storage.used_bytes(a.user_id)
    assert stats[b.user_id].storage_bytes == 5
