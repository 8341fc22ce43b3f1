from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import AppSetting, ModelRecord, QueueItem
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.generation import settings_check
from gql_invoke.services import (
    boards,
    queue,
    queue_events,
    queue_jobs,
    queue_processor,
    queue_view,
    scheduler,
    users,
)
from gql_invoke.services.queue_spec import GenerationSpec
from tests.helpers import add_main_model, estimated_starts, new_user

SPEC = GenerationSpec(prompt="a lighthouse", width=64, height=64, steps=2)


@pytest.fixture
async def model(db: Settings) -> ModelRecord:  # noqa: ARG001 - needs the database up
    return await add_main_model(
        defaults={"width": 128, "height": 96, "steps": 3, "cfgScale": 5.0, "scheduler": "DDIM"}
    )


@pytest.fixture
async def people(model: ModelRecord) -> dict[str, Actor]:  # noqa: ARG001 - and the model
    return {
        "admin": await new_user("admin@x.local", is_admin=True),
        "alice": await new_user("alice@x.local"),
        "bob": await new_user("bob@x.local"),
    }


async def rows() -> int:
    return await QueueItem.all().count()


# --- enqueue --------------------------------------------------------------------------


async def test_enqueue_stores_one_pending_item_per_run_in_one_batch(
    people: dict[str, Actor],
) -> None:
    alice = people["alice"]
    batch_id, items = await queue.enqueue(alice, replace(SPEC, seed=41), runs=3)
    assert [i.status for i in items] == ["PENDING"] * 3
    assert {str(i.batch_id) for i in items} == {batch_id}
    assert [i.params["seed"] for i in items] == [41, 42, 43]
    assert all(str(i.owner_id) == alice.user_id and i.model_key == "demo-tiny-sd" for i in items)
    assert items[0].cost == pytest.approx(2 * 64 * 64 / 1e6)
    assert items[0].priority == 0


async def test_enqueue_fills_missing_settings_from_the_model_defaults(
    people: dict[str, Actor],
) -> None:
    _, [item] = await queue.enqueue(people["alice"], GenerationSpec(prompt="x"))
    p = item.params
    assert (p["width"], p["height"], p["steps"], p["cfgScale"], p["scheduler"]) == (
        128,
        96,
        3,
        5.0,
        "DDIM",
    )
    assert p["model"] == "demo-tiny-sd" and p["boardId"] is None
    assert 0 <= p["seed"] < queue.SEED_LIMIT  # random, but representable


@pytest.mark.parametrize(
    ("change", "field"),
    [
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
        ({"seed": 2**32}, "seed"),
        ({"scheduler": "WARP"}, "scheduler"),
        ({"model": "no-such-model"}, "model"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
    people: dict[str, Actor], change: dict[str, Any], field: str
) -> None:
    with pytest.raises(Invalid) as err:
        await queue.enqueue(people["alice"], replace(SPEC, **change), runs=2)
    assert err.value.extensions["field"] == field
    assert field in err.value.message
    assert await rows() == 0


async def test_a_scheduler_whose_package_is_missing_is_refused(
    people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_check, "SCHEDULER_NEEDS", {"LMS": "no_such_package_here"})
    with pytest.raises(Invalid, match="not available"):
        await queue.enqueue(people["alice"], replace(SPEC, scheduler="LMS"))
    assert await rows() == 0


@pytest.mark.parametrize("runs", [0, 101])
async def test_runs_outside_1_to_100_are_refused(people: dict[str, Actor], runs: int) -> None:
    with pytest.raises(Invalid, match="runs"):
        await queue.enqueue(people["alice"], SPEC, runs=runs)
    assert await rows() == 0


async def test_generating_into_a_board_needs_write_access(people: dict[str, Actor]) -> None:
    alice, bob = people["alice"], people["bob"]
    board = await boards.create_board(alice, "mine")
    with pytest.raises(Forbidden):
        await queue.enqueue(bob, replace(SPEC, board_id=str(board.id)))
    with pytest.raises(NotFound):
        await queue.enqueue(bob, replace(SPEC, board_id="6d0e7c9a-0000-4000-8000-000000000000"))
    assert await rows() == 0
    _, [item] = await queue.enqueue(alice, replace(SPEC, board_id=str(board.id)))
    assert item.params["boardId"] == str(board.id)


async def test_pending_quota_refuses_the_whole_batch_with_conflict(
    people: dict[str, Actor],
) -> None:
    alice = people["alice"]
    await users.set_quota(
        people["admin"],
        alice.user_id,
        max_pending_jobs=3,
        max_images_per_day=None,
        max_storage_bytes=None,
    )
    await queue.enqueue(alice, SPEC, runs=2)
    with pytest.raises(Conflict) as err:
        await queue.enqueue(alice, SPEC, runs=2)
    assert "maxPendingJobs" in err.value.message
    assert await rows() == 2
    await queue.enqueue(alice, SPEC, runs=1)  # exactly at the limit is fine


async def test_only_admins_can_prepend_and_prepended_items_go_first(
    people: dict[str, Actor],
) -> None:
    with pytest.raises(Forbidden):
        await queue.enqueue(people["alice"], SPEC, prepend=True)
    await queue.enqueue(people["alice"], SPEC, runs=2)
    _, [urgent] = await queue.enqueue(people["admin"], SPEC, prepend=True)
    assert urgent.priority == 1
    assert (await queue_view.line()).positions[urgent.id] == 0


# --- acting on items ------------------------------------------------------------------


async def test_owner_cancels_a_pending_item_at_once(people: dict[str, Actor]) -> None:
    bus = runtime.current().bus
    sub = bus.subscribe([queue_view.TOPIC])
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    canceled = await queue.cancel_item(people["alice"], str(item.id))
    assert canceled.status == "CANCELED"
    assert (await QueueItem.get(id=item.id)).status == "CANCELED"
    kinds = [(await sub.get()).payload.kind for _ in range(2)]
    assert kinds == ["batch", "status"]


async def test_cannot_cancel_another_users_item_but_an_admin_can(people: dict[str, Actor]) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    with pytest.raises(Forbidden):
        await queue.cancel_item(people["bob"], str(item.id))
    assert (await queue.cancel_item(people["admin"], str(item.id))).status == "CANCELED"


async def test_cancel_refuses_missing_bad_and_finished_items(people: dict[str, Actor]) -> None:
    with pytest.raises(NotFound):
        await queue.cancel_item(people["alice"], "999")
    with pytest.raises(Invalid):
        await queue.cancel_item(people["alice"], "abc")
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue.cancel_item(people["alice"], str(item.id))
    with pytest.raises(Conflict):
        await queue.cancel_item(people["alice"], str(item.id))


async def test_cancel_batch_counts_what_it_canceled(people: dict[str, Actor]) -> None:
    batch_id, _ = await queue.enqueue(people["alice"], SPEC, runs=3)
    with pytest.raises(Forbidden):
        await queue.cancel_batch(people["bob"], batch_id)
    assert await queue.cancel_batch(people["alice"], batch_id) == 3
    assert await queue.cancel_batch(people["alice"], batch_id) == 0
    with pytest.raises(NotFound):
        await queue.cancel_batch(people["alice"], "6d0e7c9a-0000-4000-8000-000000000000")


async def test_retry_makes_new_pending_items_with_the_same_params(people: dict[str, Actor]) -> None:
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


async def test_clear_cancels_own_pending_items_and_admins_clear_everything(
    people: dict[str, Actor],
) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await queue.enqueue(people["bob"], SPEC, runs=3)
    assert await queue.clear_queue(people["alice"]) == 2
    assert await QueueItem.filter(status="PENDING").count() == 3
    assert await queue.clear_queue(people["admin"]) == 3
    assert await QueueItem.filter(status="PENDING").count() == 0


async def test_prune_removes_own_finished_items_and_admins_remove_all(
    people: dict[str, Actor],
) -> None:
    for who in ("alice", "bob"):
        await queue.enqueue(people[who], SPEC, runs=2)
        await queue.clear_queue(people[who])
    await queue.enqueue(people["alice"], SPEC)  # pending: never pruned
    assert await queue.prune_queue(people["alice"]) == 2
    assert await queue.prune_queue(people["admin"]) == 2
    assert await rows() == 1


# --- processor control ------------------------------------------------------------------


async def test_only_admins_control_the_processor(people: dict[str, Actor]) -> None:
    for call in (queue_processor.pause, queue_processor.resume):
        with pytest.raises(Forbidden):
            await call(people["alice"])
    with pytest.raises(Forbidden):
        await queue_processor.set_policy(people["alice"], "FIFO")
    with pytest.raises(Invalid):
        await queue_processor.set_policy(people["admin"], "LOTTERY")


async def test_pause_and_policy_are_stored_in_app_settings(people: dict[str, Actor]) -> None:
    admin = people["admin"]
    assert (await queue_view.status_for(admin)).policy == "FAIR_SHARE"  # multiuser default
    assert (await queue_processor.pause(admin)).paused
    assert (await queue_processor.set_policy(admin, "ROUND_ROBIN")).policy == "ROUND_ROBIN"
    stored = {r.key: r.value for r in await AppSetting.all()}
    assert stored[queue_view.PAUSED_KEY] == "1"
    assert stored[queue_view.POLICY_KEY] == "ROUND_ROBIN"
    assert await queue_jobs.claim_next() is None  # paused: nothing is claimed
    assert not (await queue_processor.resume(admin)).paused


async def test_status_counts_everyone_and_the_viewer_separately(people: dict[str, Actor]) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await queue.enqueue(people["bob"], SPEC, runs=3)
    bobs = await QueueItem.filter(owner_id=people["bob"].user_id).first()
    assert bobs is not None
    await queue.cancel_batch(people["bob"], str(bobs.batch_id))
    view = await queue_view.status_for(people["alice"])
    assert (view.pending, view.canceled, view.my_pending, view.my_in_progress) == (2, 3, 2, 0)


# --- the worker's transitions -----------------------------------------------------------


async def test_claim_follows_fair_share_and_never_hands_out_an_item_twice(
    people: dict[str, Actor],
) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=4)
    _, [bobs] = await queue.enqueue(people["bob"], SPEC)
    first, second = await asyncio.gather(queue_jobs.claim_next(), queue_jobs.claim_next())
    assert first is not None and second is not None and first.id != second.id
    assert bobs.id in {first.id, second.id}  # bob is not stuck behind alice's backlog
    assert first.attempts == 1 and first.started_at is not None


async def test_claim_follows_round_robin_using_when_each_user_was_last_served(
    people: dict[str, Actor],
) -> None:
    await queue_processor.set_policy(people["admin"], "ROUND_ROBIN")
    _, alices = await queue.enqueue(people["alice"], SPEC, runs=3)
    _, [bobs] = await queue.enqueue(people["bob"], SPEC)
    claimed = []
    for _ in range(4):
        row = await queue_jobs.claim_next()
        assert row is not None
        claimed.append(row.id)
        await queue_jobs.complete(row.id)
    assert claimed == [alices[0].id, bobs.id, alices[1].id, alices[2].id]


async def test_recovery_requeues_an_interrupted_item_once_then_fails_it(
    people: dict[str, Actor],
) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next()
    assert await queue_jobs.recover_interrupted() == (1, 0)
    again = await QueueItem.get(id=item.id)
    assert (again.status, again.attempts, again.started_at) == ("PENDING", 1, None)
    await queue_jobs.claim_next()
    assert await queue_jobs.recover_interrupted() == (0, 1)
    failed = await QueueItem.get(id=item.id)
    assert failed.status == "FAILED" and "interrupted twice" in (failed.error or "")


async def test_a_finished_transition_does_not_override_a_cancel(people: dict[str, Actor]) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next()
    await queue.cancel_item(people["alice"], str(item.id))
    assert not await queue_jobs.complete(item.id)
    assert (await QueueItem.get(id=item.id)).status == "CANCELED"


# --- users leaving ----------------------------------------------------------------------


async def test_deactivating_a_user_cancels_their_pending_items_with_an_event(
    people: dict[str, Actor],
) -> None:
    sub = runtime.current().bus.subscribe([queue_view.TOPIC])
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await users.update_user(people["admin"], people["alice"].user_id, is_active=False)
    assert await QueueItem.filter(status="CANCELED").count() == 2
    assert [(await sub.get()).payload.kind for _ in range(2)] == ["batch", "cleared"]


async def test_deleting_a_user_removes_their_queue_items(people: dict[str, Actor]) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await queue.enqueue(people["bob"], SPEC)
    await users.delete_user(people["admin"], people["alice"].user_id)
    assert await QueueItem.filter(owner_id=people["alice"].user_id).count() == 0
    assert await rows() == 1


# --- the default pending cap (default_max_pending_jobs) -------------------------------------


async def test_users_without_a_quota_get_the_default_cap_of_500_in_multiuser_mode(
    people: dict[str, Actor],
) -> None:
    alice = people["alice"]
    assert runtime.current().settings.effective_max_pending_jobs == 500
    for _ in range(5):
        await queue.enqueue(alice, SPEC, runs=100)
    with pytest.raises(Conflict) as err:
        await queue.enqueue(alice, SPEC)
    assert err.value.extensions["field"] == "maxPendingJobs"
    assert "500 pending + 1 new > 500" in err.value.message
    assert "default_max_pending_jobs" in err.value.message
    assert await rows() == 500


async def test_the_default_cap_applies_to_admins_and_to_retries_but_not_past_a_quota(
    people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime.current().settings, "default_max_pending_jobs", 2)
    admin, alice, bob = people["admin"], people["alice"], people["bob"]
    for who in (admin, alice):
        await queue.enqueue(who, SPEC, runs=2)
        with pytest.raises(Conflict, match="default_max_pending_jobs"):
            await queue.enqueue(who, SPEC)
    _, [bobs] = await queue.enqueue(bob, SPEC)
    await queue.cancel_item(bob, str(bobs.id))
    await queue.enqueue(bob, SPEC, runs=2)
    with pytest.raises(Conflict, match="maxPendingJobs"):
        await queue.retry_items(bob, [str(bobs.id)])
    # An own quota replaces the default, higher or lower.
    await users.set_quota(
        admin, alice.user_id, max_pending_jobs=5, max_images_per_day=None, max_storage_bytes=None
    )
    await queue.enqueue(alice, SPEC, runs=3)
    with pytest.raises(Conflict, match="your maxPendingJobs quota"):
        await queue.enqueue(alice, SPEC)
    monkeypatch.setattr(runtime.current().settings, "default_max_pending_jobs", -1)
    await queue.enqueue(bob, SPEC, runs=50)  # -1: no default cap


# --- reads that do not grow with the queue ---------------------------------------------------


async def test_status_and_item_pages_never_order_the_line(
    people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=3)
    await queue.enqueue(people["bob"], SPEC, runs=2)

    def no_ordering(*_args: object) -> None:
        raise AssertionError("the line was ordered")

    monkeypatch.setattr(scheduler, "order", no_ordering)
    view = await queue_view.status_for(people["bob"])
    assert (view.pending, view.my_pending) == (5, 2)
    assert len(await queue_view.list_items(people["bob"], first=100)) == 5


async def test_reads_cost_the_same_statements_at_any_queue_length(
    people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import count_sql

    seen: list[str] = []
    count_sql(seen.append, monkeypatch.setattr)
    alice, bob = people["alice"], people["bob"]

    async def statements() -> list[int]:
        out = []
        for read in (
            lambda: queue_view.status_for(bob),
            lambda: queue_view.list_items(bob, "PENDING", 100),
            lambda: queue_jobs.claim_next(publish=False),
        ):
            # The enqueues' events are written in the background: not the reads' cost.
            await queue_events.flush(runtime.current().bus)
            queue_view.invalidate(processor=True)  # as after a change in another process
            seen.clear()
            await read()
            out.append(len(seen))
        return out

    await queue.enqueue(alice, SPEC, runs=2)
    await queue.enqueue(bob, SPEC)
    few = await statements()
    for _ in range(3):
        await queue.enqueue(alice, SPEC, runs=100)
    await queue.enqueue(bob, SPEC, runs=50)
    assert await statements() == few
    assert few[:2] == [2, 1]  # status: the processor state and one GROUP BY; a page: one


async def test_item_pages_read_the_same_snapshots_as_the_rows(people: dict[str, Actor]) -> None:
    _, items = await queue.enqueue(people["alice"], SPEC, runs=3)
    await queue_jobs.claim_next()
    await queue.cancel_item(people["alice"], str(items[2].id))
    page = await queue_view.list_items(people["bob"])
    expected = [queue_view.snapshot(r) for r in await QueueItem.all().order_by("id")]
    assert page == expected
    started = next(s for s in page if s.status == "IN_PROGRESS").started_at
    assert started is not None and started.utcoffset() == timedelta(0)
    after = await queue_view.list_items(people["bob"], after=str(items[0].id), first=1)
    assert [s.id for s in after] == [items[1].id]


@pytest.mark.parametrize("policy", scheduler.POLICIES)
async def test_the_next_job_is_the_head_of_the_whole_line(
    people: dict[str, Actor], policy: str
) -> None:
    rng = random.Random(policy)
    await queue_processor.set_policy(people["admin"], policy)
    for _ in range(12):
        who = rng.choice(["alice", "bob", "admin"])
        await queue.enqueue(
            people[who],
            replace(SPEC, steps=rng.randint(1, 9)),
            runs=rng.randint(1, 3),
            prepend=who == "admin" and rng.random() < 0.3,
        )
    for _ in range(8):
        expected = (await queue_view.ordered_pending(policy))[0]
        assert (await queue_view.head_of_line(policy)) == expected._replace(cost=0.0)
        row = await queue_jobs.claim_next()
        assert row is not None and row.id == expected.id
        if rng.random() < 0.5:
            await queue_jobs.complete(row.id)


async def test_etas_are_the_schedulers_on_the_readers_clock(people: dict[str, Actor]) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=2)
    await queue.enqueue(people["bob"], SPEC)
    await queue_jobs.claim_next()
    line = await queue_view.line()
    _, policy = await queue_view.processor_state()
    ordered = await queue_view.ordered_pending(policy)
    later = datetime.now(UTC) + timedelta(minutes=5)
    expected = estimated_starts(ordered, line.running, later, line.rate)
    assert {i.id: line.start_of(i.id, now=later) for i in ordered} == expected
    assert [line.positions[i.id] for i in ordered] == [0, 1]
    assert set(line.starts) == {i.id for i in ordered}
    await queue_processor.pause(people["admin"])
    paused = await queue_view.line()
    assert paused.start_of(ordered[0].id) is None and paused.starts[ordered[0].id] is None


# --- the same reads on PostgreSQL (raw rows come back as native types there) -------------


@pytest.mark.usefixtures("on_postgres")
async def test_reads_and_saved_text_sizes_on_postgresql() -> None:
    from gql_invoke.services import client_state, storage, workflows

    await add_main_model()
    alice, bob = await new_user("alice@x.local"), await new_user("bob@x.local")
    _, items = await queue.enqueue(alice, SPEC, runs=3)
    await queue.enqueue(bob, SPEC)
    claimed = await queue_jobs.claim_next()
    assert claimed is not None and claimed.id == items[0].id
    page = await queue_view.list_items(bob)
    assert page == [queue_view.snapshot(r) for r in await QueueItem.all().order_by("id")]
    view = await queue_view.status_for(alice)
    assert (view.pending, view.in_progress, view.my_pending) == (3, 1, 2)
    line = await queue_view.line()
    assert sorted(line.positions.values()) == [0, 1, 2]
    assert await queue_view.head_of_line("FAIR_SHARE") is not None

    await client_state.set_value(alice, "k", "vé")
    await workflows.save_workflow(alice, None, name="w", graph={"a": [1, 2]})
    # Text columns measure exactly; jsonb is stored in its own (spaced) form.
    used = await storage.used_bytes(alice.user_id)
    assert 4 + 1 + storage.json_bytes({"a": [1, 2]}) <= used <= 4 + 1 + 20


async def test_the_line_is_ordered_again_only_when_the_order_can_change(
    people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real_order = scheduler.order

    def counted(policy: str, items: Any, usage: Any) -> Any:
        items = list(items)
        calls.append(len(items))
        return real_order(policy, items, usage)

    monkeypatch.setattr(scheduler, "order", counted)
    await queue.enqueue(people["alice"], SPEC, runs=3)
    await queue.enqueue(people["bob"], SPEC, runs=2)
    first = await queue_view.line()
    assert calls == [5]
    queue_view.invalidate()  # a change that did not touch the pending line
    assert (await queue_view.line()).positions == first.positions and calls == [5]
    row = await queue_jobs.claim_next()  # orders the head candidates only (2 owners)
    assert row is not None and calls == [5, 2]
    after_claim = await queue_view.line()
    assert calls[-1] == 4 and len(after_claim.running) == 1
    await queue_jobs.complete(row.id)  # only what runs changed: same order, no ETA wait
    done = await queue_view.line()
    assert calls[-1] == 4 and len(calls) == 3
    assert done.positions == after_claim.positions and done.running == ()
    await queue.enqueue(people["bob"], SPEC)
    assert len((await queue_view.line()).positions) == 5 and calls[-1] == 5


@pytest.mark.usefixtures("on_postgres")
async def test_concurrent_saves_cannot_slip_past_a_quota_on_postgresql() -> None:
    """READ COMMITTED lets two count-then-insert transactions both pass; each quota
    check holds the owner's row (scope.lock_owner) so they run one after the other."""
    import asyncio

    from gql_invoke import runtime
    from gql_invoke.db.models import Board, ClientState
    from gql_invoke.errors import Conflict
    from gql_invoke.services import boards, client_state

    await add_main_model()
    alice = await new_user("alice@x.local")
    settings = runtime.current().settings
    settings.max_boards = 3
    settings.default_max_pending_jobs = 4

    async def attempts(make: Any, n: int) -> list[Any]:
        return await asyncio.gather(*(make(i) for i in range(n)), return_exceptions=True)

    made = await attempts(lambda i: boards.create_board(alice, f"b{i}"), 12)
    assert sum(not isinstance(r, Exception) for r in made) == 3
    assert all(isinstance(r, Conflict) for r in made if isinstance(r, Exception))
    assert await Board.filter(owner_id=alice.user_id).count() == 3

    queued = await attempts(lambda _i: queue.enqueue(alice, SPEC), 12)
    assert sum(not isinstance(r, Exception) for r in queued) == 4
    assert await QueueItem.filter(owner_id=alice.user_id, status="PENDING").count() == 4

    original = client_state.MAX_KEYS
    try:
        client_state.MAX_KEYS = 5
        saved = await attempts(lambda i: client_state.set_value(alice, f"k{i}", "v"), 12)
    finally:
        client_state.MAX_KEYS = original
    assert sum(not isinstance(r, Exception) for r in saved) == 5
    assert await ClientState.filter(user_id=alice.user_id).count() == 5
