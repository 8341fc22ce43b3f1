from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import AppSetting, ModelRecord, QueueItem
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.services import boards, queue, queue_jobs, queue_view, users
from gql_invoke.services.queue import GenerationSpec
from tests.helpers import new_user

SPEC = GenerationSpec(prompt="a lighthouse", width=64, height=64, steps=2)


@pytest.fixture
async def model(db: Settings) -> ModelRecord:
    return await ModelRecord.create(
        key="demo-tiny-sd", name="Demo", type="MAIN", base="SD1", source="builtin:demo",
        path="/nowhere", format="diffusers", is_default=True,
        defaults={"width": 128, "height": 96, "steps": 3, "cfgScale": 5.0, "scheduler": "DDIM"})


@pytest.fixture
async def people(model: ModelRecord) -> dict[str, Actor]:
    return {"admin": await new_user("admin@x.local", is_admin=True),
            "alice": await new_user("alice@x.local"), "bob": await new_user("bob@x.local")}


async def rows() -> int:
    return await QueueItem.all().count()


# --- enqueue --------------------------------------------------------------------------


async def test_enqueue_stores_one_pending_item_per_run_in_one_batch(people: dict) -> None:
    alice = people["alice"]
    batch_id, items = await queue.enqueue(alice, replace(SPEC, seed=41), runs=3)
    assert [i.status for i in items] == ["PENDING"] * 3
    assert {str(i.batch_id) for i in items} == {batch_id}
    assert [i.params["seed"] for i in items] == [41, 42, 43]
    assert all(str(i.owner_id) == alice.user_id and i.model_key == "demo-tiny-sd"
               for i in items)
    assert items[0].cost == pytest.approx(2 * 64 * 64 / 1e6)
    assert items[0].priority == 0


async def test_enqueue_fills_missing_settings_from_the_model_defaults(people: dict) -> None:
    _, [item] = await queue.enqueue(people["alice"], GenerationSpec(prompt="x"))
    p = item.params
    assert (p["width"], p["height"], p["steps"], p["cfgScale"], p["scheduler"]) == (
        128, 96, 3, 5.0, "DDIM")
    assert p["model"] == "demo-tiny-sd" and p["boardId"] is None
    assert 0 <= p["seed"] < queue.SEED_LIMIT  # random, but representable


@pytest.mark.parametrize(("change", "field"), [
    ({"prompt": ""}, "prompt"),
    ({"prompt": "   "}, "prompt"),
    ({"prompt": "x" * 10_001}, "prompt"),
    ({"negative_prompt": "x" * 10_001}, "negativePrompt"),
    ({"width": 100}, "width"),
    ({"width": 56}, "width"),
    ({"height": 2056}, "height"),
    ({"steps": 0}, "steps"),
    ({"steps": 151}, "steps"),
    ({"cfg_scale": 30.5}, "cfgScale"),
    ({"cfg_scale": float("nan")}, "cfgScale"),
    ({"seed": -1}, "seed"),
    ({"seed": 2**31}, "seed"),
    ({"scheduler": "WARP"}, "scheduler"),
    ({"model": "no-such-model"}, "model"),
])
async def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
        people: dict, change: dict[str, Any], field: str) -> None:
    with pytest.raises(Invalid) as err:
        await queue.enqueue(people["alice"], replace(SPEC, **change), runs=2)
    assert err.value.extensions["field"] == field
    assert field in err.value.message
    assert await rows() == 0


async def test_a_scheduler_whose_package_is_missing_is_refused(
        people: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queue, "_SCHEDULER_NEEDS", {"LMS": "no_such_package_here"})
    with pytest.raises(Invalid, match="not available"):
        await queue.enqueue(people["alice"], replace(SPEC, scheduler="LMS"))
    assert await rows() == 0


@pytest.mark.parametrize("runs", [0, 101])
async def test_runs_outside_1_to_100_are_refused(people: dict, runs: int) -> None:
    with pytest.raises(Invalid, match="runs"):
        await queue.enqueue(people["alice"], SPEC, runs=runs)
    assert await rows() == 0


async def test_generating_into_a_board_needs_write_access(people: dict) -> None:
    alice, bob = people["alice"], people["bob"]
    board = await boards.create_board(alice, "mine")
    with pytest.raises(Forbidden):
        await queue.enqueue(bob, replace(SPEC, board_id=str(board.id)))
    with pytest.raises(NotFound):
        await queue.enqueue(bob, replace(SPEC, board_id="6d0e7c9a-0000-4000-8000-000000000000"))
    assert await rows() == 0
    _, [item] = await queue.enqueue(alice, replace(SPEC, board_id=str(board.id)))
    assert item.params["boardId"] == str(board.id)


async def test_pending_quota_refuses_the_whole_batch_with_conflict(people: dict) -> None:
    alice = people["alice"]
    await users.set_quota(people["admin"], alice.user_id, max_pending_jobs=3,
                          max_images_per_day=None, max_storage_bytes=None)
    await queue.enqueue(alice, SPEC, runs=2)
    with pytest.raises(Conflict) as err:
        await queue.enqueue(alice, SPEC, runs=2)
    assert "maxPendingJobs" in err.value.message
    assert await rows() == 2
    await queue.enqueue(alice, SPEC, runs=1)  # exactly at the limit is fine


async def test_only_admins_can_prepend_and_prepended_items_go_first(people: dict) -> None:
    with pytest.raises(Forbidden):
        await queue.enqueue(people["alice"], SPEC, prepend=True)
    await queue.enqueue(people["alice"], SPEC, runs=2)
    _, [urgent] = await queue.enqueue(people["admin"], SPEC, prepend=True)
    assert urgent.priority == 1
    assert (await queue_view.line()).positions[urgent.id] == 0


# --- acting on items ------------------------------------------------------------------


async def test_owner_cancels_a_pending_item_at_once(people: dict) -> None:
    bus = runtime.current().bus
    sub = bus.subscribe([queue_view.TOPIC])
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    canceled = await queue.cancel_item(people["alice"], str(item.id))
    assert canceled.status == "CANCELED"
    assert (await QueueItem.get(id=item.id)).status == "CANCELED"
    kinds = [(await sub.get()).payload["kind"] for _ in range(2)]
    assert kinds == ["batch", "status"]


async def test_cannot_cancel_another_users_item_but_an_admin_can(people: dict) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    with pytest.raises(Forbidden):
        await queue.cancel_item(people["bob"], str(item.id))
    assert (await queue.cancel_item(people["admin"], str(item.id))).status == "CANCELED"


async def test_cancel_refuses_missing_bad_and_finished_items(people: dict) -> None:
    with pytest.raises(NotFound):
        await queue.cancel_item(people["alice"], "999")
    with pytest.raises(Invalid):
        await queue.cancel_item(people["alice"], "abc")
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue.cancel_item(people["alice"], str(item.id))
    with pytest.raises(Conflict):
        await queue.cancel_item(people["alice"], str(item.id))


async def test_cancel_batch_counts_what_it_canceled(people: dict) -> None:
    batch_id, _ = await queue.enqueue(people["alice"], SPEC, runs=3)
    with pytest.raises(Forbidden):
        await queue.cancel_batch(people["bob"], batch_id)
    assert await queue.cancel_batch(people["alice"], batch_id) == 3
    assert await queue.cancel_batch(people["alice"], batch_id) == 0
    with pytest.raises(NotFound):
        await queue.cancel_batch(people["alice"], "6d0e7c9a-0000-4000-8000-000000000000")


async def test_retry_makes_new_pending_items_with_the_same_params(people: dict) -> None:
    alice = people["alice"]
    _, [item] = await queue.enqueue(alice, replace(SPEC, seed=7))
    with pytest.raises(Conflict):  # still pending
        await queue.retry_items(alice, [str(item.id)])
    await queue.cancel_item(alice, str(item.id))
    with pytest.raises(Forbidden):
        await queue.retry_items(people["bob"], [str(item.id)])
    with pytest.raises(NotFound):
        await queue.retry_items(alice, ["12345"])
    with pytest.raises(Invalid):
        await queue.retry_items(alice, [])
    [again] = await queue.retry_items(alice, [str(item.id)])
    assert again.id != item.id and again.status == "PENDING"
    assert again.params == item.params and str(again.owner_id) == alice.user_id


async def test_clear_cancels_own_pending_items_and_admins_clear_everything(people: dict) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await queue.enqueue(people["bob"], SPEC, runs=3)
    assert await queue.clear_queue(people["alice"]) == 2
    assert await QueueItem.filter(status="PENDING").count() == 3
    assert await queue.clear_queue(people["admin"]) == 3
    assert await QueueItem.filter(status="PENDING").count() == 0


async def test_prune_removes_own_finished_items_and_admins_remove_all(people: dict) -> None:
    for who in ("alice", "bob"):
        await queue.enqueue(people[who], SPEC, runs=2)
        await queue.clear_queue(people[who])
    await queue.enqueue(people["alice"], SPEC)  # pending: never pruned
    assert await queue.prune_queue(people["alice"]) == 2
    assert await queue.prune_queue(people["admin"]) == 2
    assert await rows() == 1


# --- processor control ------------------------------------------------------------------


async def test_only_admins_control_the_processor(people: dict) -> None:
    for call in (queue.pause, queue.resume):
        with pytest.raises(Forbidden):
            await call(people["alice"])
    with pytest.raises(Forbidden):
        await queue.set_policy(people["alice"], "FIFO")
    with pytest.raises(Invalid):
        await queue.set_policy(people["admin"], "LOTTERY")


async def test_pause_and_policy_are_stored_in_app_settings(people: dict) -> None:
    admin = people["admin"]
    assert (await queue_view.status_for(admin)).policy == "FAIR_SHARE"  # multiuser default
    assert (await queue.pause(admin)).paused
    assert (await queue.set_policy(admin, "ROUND_ROBIN")).policy == "ROUND_ROBIN"
    stored = {r.key: r.value for r in await AppSetting.all()}
    assert stored[queue_view.PAUSED_KEY] == "1"
    assert stored[queue_view.POLICY_KEY] == "ROUND_ROBIN"
    assert await queue_jobs.claim_next() is None  # paused: nothing is claimed
    assert not (await queue.resume(admin)).paused


async def test_status_counts_everyone_and_the_viewer_separately(people: dict) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await queue.enqueue(people["bob"], SPEC, runs=3)
    await queue.cancel_batch(people["bob"], (await QueueItem.filter(
        owner_id=people["bob"].user_id).first()).batch_id)  # type: ignore[union-attr]
    view = await queue_view.status_for(people["alice"])
    assert (view.pending, view.canceled, view.my_pending, view.my_in_progress) == (2, 3, 2, 0)


# --- the worker's transitions -----------------------------------------------------------


async def test_claim_follows_fair_share_and_never_hands_out_an_item_twice(people: dict) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=4)
    _, [bobs] = await queue.enqueue(people["bob"], SPEC)
    first, second = await asyncio.gather(queue_jobs.claim_next(), queue_jobs.claim_next())
    assert first is not None and second is not None and first.id != second.id
    assert bobs.id in {first.id, second.id}  # bob is not stuck behind alice's backlog
    assert first.attempts == 1 and first.started_at is not None


async def test_claim_follows_round_robin_using_when_each_user_was_last_served(
        people: dict) -> None:
    await queue.set_policy(people["admin"], "ROUND_ROBIN")
    _, alices = await queue.enqueue(people["alice"], SPEC, runs=3)
    _, [bobs] = await queue.enqueue(people["bob"], SPEC)
    claimed = []
    for _ in range(4):
        row = await queue_jobs.claim_next()
        assert row is not None
        claimed.append(row.id)
        await queue_jobs.complete(row.id)
    assert claimed == [alices[0].id, bobs.id, alices[1].id, alices[2].id]


async def test_recovery_requeues_an_interrupted_item_once_then_fails_it(people: dict) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next()
    assert await queue_jobs.recover_interrupted() == (1, 0)
    again = await QueueItem.get(id=item.id)
    assert (again.status, again.attempts, again.started_at) == ("PENDING", 1, None)
    await queue_jobs.claim_next()
    assert await queue_jobs.recover_interrupted() == (0, 1)
    failed = await QueueItem.get(id=item.id)
    assert failed.status == "FAILED" and "interrupted twice" in (failed.error or "")


async def test_a_finished_transition_does_not_override_a_cancel(people: dict) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next()
    await queue.cancel_item(people["alice"], str(item.id))
    assert not await queue_jobs.complete(item.id)
    assert (await QueueItem.get(id=item.id)).status == "CANCELED"


# --- users leaving ----------------------------------------------------------------------


async def test_deactivating_a_user_cancels_their_pending_items_with_an_event(
        people: dict) -> None:
    sub = runtime.current().bus.subscribe([queue_view.TOPIC])
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await users.update_user(people["admin"], people["alice"].user_id, is_active=False)
    assert await QueueItem.filter(status="CANCELED").count() == 2
    assert [(await sub.get()).payload["kind"] for _ in range(2)] == ["batch", "cleared"]


async def test_deleting_a_user_removes_their_queue_items(people: dict) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await queue.enqueue(people["bob"], SPEC)
    await users.delete_user(people["admin"], people["alice"].user_id)
    assert await QueueItem.filter(owner_id=people["alice"].user_id).count() == 0
    assert await rows() == 1
