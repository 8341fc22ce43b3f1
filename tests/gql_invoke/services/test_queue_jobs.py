"""Claims with leases: who runs an item until when, renewal, reaping, recovery, and
concurrent claimers (SKIP LOCKED on PostgreSQL) in the policy's order."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import ModelRecord, QueueItem, Worker
from gql_invoke.services import queue, queue_jobs, queue_processor, queue_view, workers
from gql_invoke.services.queue_spec import GenerationSpec
from tests.helpers import add_main_model, new_user

SPEC = GenerationSpec(prompt="a lighthouse", width=64, height=64, steps=2)
BIG = GenerationSpec(prompt="a lighthouse", width=512, height=512, steps=30)


@pytest.fixture
async def model(db: Settings) -> ModelRecord:  # noqa: ARG001 - needs the database up
    return await add_main_model()


@pytest.fixture
async def people(model: ModelRecord) -> dict[str, Actor]:  # noqa: ARG001 - and the model
    return {
        "admin": await new_user("admin@x.local", is_admin=True),
        "alice": await new_user("alice@x.local"),
        "bob": await new_user("bob@x.local"),
    }


async def expire(item_id: int) -> None:
    """As if the worker holding it went silent a while ago."""
    past = datetime.now(UTC) - timedelta(seconds=1)
    await QueueItem.filter(id=item_id).update(lease_expires_at=past)


async def next_status(sub: events.Subscriber) -> events.ItemSnapshot:
    """The next status change on the queue topic (other queue events skipped)."""
    while True:
        payload = (await asyncio.wait_for(sub.get(), timeout=2)).payload
        if isinstance(payload, events.QueueItemStatusChanged):
            return payload.item


# --- leases --------------------------------------------------------------------------------


async def test_a_named_claim_stores_the_worker_and_a_lease_of_worker_lease_seconds(
    people: dict[str, Actor],
) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    before = datetime.now(UTC)
    row = await queue_jobs.claim_next("w-1")
    assert row is not None and row.id == item.id and row.worker_id == "w-1"
    lease = runtime.current().settings.worker_lease_seconds
    assert row.lease_expires_at is not None
    assert before + timedelta(seconds=lease) <= row.lease_expires_at
    assert row.lease_expires_at <= datetime.now(UTC) + timedelta(seconds=lease)


async def test_an_anonymous_claim_stores_no_worker_and_no_lease(people: dict[str, Actor]) -> None:
    await queue.enqueue(people["alice"], SPEC)
    row = await queue_jobs.claim_next()
    assert row is not None and (row.worker_id, row.lease_expires_at) == (None, None)


async def test_renewing_pushes_the_lease_of_the_workers_own_running_items_only(
    people: dict[str, Actor],
) -> None:
    _, items = await queue.enqueue(people["alice"], SPEC, runs=3)
    mine, theirs = await queue_jobs.claim_next("w-1"), await queue_jobs.claim_next("w-2")
    assert mine is not None and theirs is not None
    await expire(mine.id)
    assert await queue_jobs.renew_lease("w-1", [mine.id, theirs.id, items[2].id]) == 1
    renewed = await QueueItem.get(id=mine.id)
    assert renewed.lease_expires_at is not None and renewed.lease_expires_at > datetime.now(UTC)
    assert await queue_jobs.renew_lease("w-1", []) == 0
    await queue_jobs.complete(mine.id)
    assert await queue_jobs.renew_lease("w-1", [mine.id]) == 0  # finished: nothing to renew


async def test_finishing_failing_canceling_and_giving_back_clear_the_worker_and_lease(
    people: dict[str, Actor],
) -> None:
    await queue.enqueue(people["alice"], SPEC, runs=4)
    for finish in (
        queue_jobs.complete,
        lambda i: queue_jobs.fail(i, "boom"),
        queue_jobs.canceled,
        queue_jobs.give_back,
    ):
        row = await queue_jobs.claim_next("w-1")
        assert row is not None and row.worker_id == "w-1"
        assert await finish(row.id)
        after = await QueueItem.get(id=row.id)
        assert (after.worker_id, after.lease_expires_at) == (None, None)


# --- reaping -------------------------------------------------------------------------------


async def test_an_expired_lease_is_requeued_once_then_failed_saying_the_worker_was_lost(
    people: dict[str, Actor],
) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next("w-1", publish=False)
    sub = runtime.current().bus.subscribe([queue_view.TOPIC])
    await expire(item.id)
    assert await queue_jobs.reap_expired_leases() == (1, 0)
    again = await QueueItem.get(id=item.id)
    assert (again.status, again.worker_id, again.lease_expires_at) == ("PENDING", None, None)
    assert (again.attempts, again.started_at) == (1, None)
    event = await next_status(sub)
    assert (event.id, event.status) == (item.id, "PENDING")

    await queue_jobs.claim_next("w-2", publish=False)
    await expire(item.id)
    assert await queue_jobs.reap_expired_leases() == (0, 1)
    failed = await QueueItem.get(id=item.id)
    assert failed.status == "FAILED" and failed.error == queue_jobs.LOST_TWICE
    assert "lost twice" in queue_jobs.LOST_TWICE and "retry" in queue_jobs.LOST_TWICE
    assert (await next_status(sub)).status == "FAILED"
    assert await queue_jobs.reap_expired_leases() == (0, 0)  # idempotent


async def test_a_worker_that_lost_its_lease_cannot_finish_the_rerun_of_its_item(
    people: dict[str, Actor],
) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next("w-stalled", publish=False)
    await expire(item.id)  # w-stalled went silent past its lease...
    assert await queue_jobs.reap_expired_leases() == (1, 0)
    await queue_jobs.claim_next("w-other", publish=False)  # ...and w-other runs it now
    # w-stalled wakes up with a finished image: it may neither store nor finish it.
    assert not await queue_jobs.still_running(item.id, "w-stalled")
    assert not await queue_jobs.complete(item.id, "w-stalled")
    assert not await queue_jobs.fail(item.id, "late", "w-stalled")
    assert not await queue_jobs.give_back(item.id, "w-stalled")
    row = await QueueItem.get(id=item.id)
    assert (row.status, row.worker_id) == ("IN_PROGRESS", "w-other")
    assert await queue_jobs.still_running(item.id, "w-other")
    assert await queue_jobs.complete(item.id, "w-other")


async def test_a_live_lease_is_neither_reaped_nor_recovered(people: dict[str, Actor]) -> None:
    await queue.enqueue(people["alice"], SPEC)
    row = await queue_jobs.claim_next("w-1")
    assert row is not None
    assert await queue_jobs.reap_expired_leases() == (0, 0)
    assert await queue_jobs.recover_interrupted() == (0, 0)  # another worker starting
    still = await QueueItem.get(id=row.id)
    assert (still.status, still.worker_id) == ("IN_PROGRESS", "w-1")


async def test_reapers_in_several_processes_at_once_requeue_an_item_once(
    people: dict[str, Actor],
) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next("w-1")
    await expire(item.id)
    results = await asyncio.gather(*(queue_jobs.reap_expired_leases() for _ in range(4)))
    assert sorted(results) == [(0, 0)] * 3 + [(1, 0)]


async def test_recovery_at_start_takes_back_expired_and_unleased_claims_only(
    people: dict[str, Actor],
) -> None:
    """Nothing a crash left behind is lost, and nothing a live worker runs is taken."""
    _, items = await queue.enqueue(people["alice"], SPEC, runs=3)
    expired, unleased, live = (
        await queue_jobs.claim_next("crashed"),
        await queue_jobs.claim_next(),  # a worker without an id (or before leases)
        await queue_jobs.claim_next("alive"),
    )
    assert expired is not None and unleased is not None and live is not None
    await expire(expired.id)
    assert await queue_jobs.recover_interrupted() == (2, 0)
    statuses = {r.id: r.status for r in await QueueItem.all()}
    assert statuses == {items[0].id: "PENDING", items[1].id: "PENDING", items[2].id: "IN_PROGRESS"}


async def test_reaping_marks_workers_silent_for_longer_than_a_lease_lost(
    people: dict[str, Actor],  # noqa: ARG001 - the database and users
) -> None:
    await workers.register("silent", "cuda:0", "h", 1)
    await workers.register("talking", "cuda:1", "h", 2)
    lease = runtime.current().settings.worker_lease_seconds
    old = datetime.now(UTC) - timedelta(seconds=lease + 1)
    await Worker.filter(id="silent").update(last_heartbeat_at=old)
    await queue_jobs.reap_expired_leases()
    assert {w.id: w.status for w in await Worker.all()} == {
        "silent": "LOST",
        "talking": "STARTING",
    }


# --- concurrent claims ----------------------------------------------------------------------


async def claim_everything(claimers: int) -> list[int]:
    """Claimers at once until the queue is empty; every claim's item id."""

    async def claimer(n: int) -> list[int]:
        got = []
        while (row := await queue_jobs.claim_next(f"w-{n}")) is not None:
            got.append(row.id)
        return got

    return [i for ids in await asyncio.gather(*(claimer(n) for n in range(claimers))) for i in ids]


async def test_concurrent_claims_never_get_the_same_item_on_sqlite(
    people: dict[str, Actor],
) -> None:
    _, alices = await queue.enqueue(people["alice"], SPEC, runs=6)
    _, bobs = await queue.enqueue(people["bob"], SPEC, runs=3)
    claimed = await claim_everything(3)
    assert sorted(claimed) == sorted(i.id for i in alices + bobs)
    workers_of = await QueueItem.all().values_list("worker_id", flat=True)
    assert all(w is not None for w in workers_of)


@pytest.mark.parametrize("policy", ["FIFO", "ROUND_ROBIN", "FAIR_SHARE"])
async def test_head_few_is_the_start_of_the_whole_line(
    people: dict[str, Actor], policy: str
) -> None:
    await queue_processor.set_policy(people["admin"], policy)
    rng = random.Random(7)
    for _ in range(12):
        who = rng.choice(["alice", "bob", "admin"])
        spec = rng.choice([SPEC, BIG])
        prepend = who == "admin" and rng.random() < 0.5  # admins only
        await queue.enqueue(people[who], spec, runs=rng.randint(1, 3), prepend=prepend)
    await queue_jobs.claim_next("w-1")  # usage: someone was served
    whole = await queue_view.ordered_pending(policy)
    for n in (1, 3, 8):
        assert [p.id for p in await queue_view.head_few(policy, n)] == [p.id for p in whole[:n]]


# --- PostgreSQL: SKIP LOCKED -----------------------------------------------------------------


async def pg_people() -> dict[str, Actor]:
    await add_main_model()
    return {"alice": await new_user("alice@x.local"), "bob": await new_user("bob@x.local")}


async def test_concurrent_claims_never_get_the_same_item_on_postgresql(on_postgres: str) -> None:
    del on_postgres  # the database is up
    people = await pg_people()
    _, alices = await queue.enqueue(people["alice"], SPEC, runs=10)
    _, bobs = await queue.enqueue(people["bob"], SPEC, runs=5)
    for policy in ("FIFO", "FAIR_SHARE"):
        await queue_processor.set_policy(
            await new_user(f"admin-{policy}@x.local", is_admin=True), policy
        )
        claimed = await claim_everything(4)
        assert sorted(claimed) == sorted(i.id for i in alices + bobs)
        assert len(set(claimed)) == len(claimed)
        await QueueItem.all().update(status="PENDING", worker_id=None, lease_expires_at=None)
        queue_view.invalidate()


async def hold_lock(url: str, item_id: int) -> asyncpg.Connection:
    """Another claimer, mid-claim: a transaction holding the item's row lock."""
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    await conn.execute("BEGIN")
    await conn.execute('SELECT "id" FROM "queue_items" WHERE "id" = $1 FOR UPDATE', item_id)
    return conn


async def test_a_fifo_claim_skips_the_item_another_claimer_has_locked(on_postgres: str) -> None:
    people = await pg_people()
    _, items = await queue.enqueue(people["alice"], SPEC, runs=3)
    other = await hold_lock(on_postgres, items[0].id)
    try:
        # Without SKIP LOCKED this would wait for the other transaction.
        row = await asyncio.wait_for(queue_jobs.claim_next("w-2"), timeout=5)
        assert row is not None and row.id == items[1].id and row.worker_id == "w-2"
    finally:
        await other.close()


async def test_fair_share_claims_bobs_single_job_before_alices_backlog_with_two_claimers(
    on_postgres: str,
) -> None:
    people = await pg_people()
    admin = await new_user("admin@x.local", is_admin=True)
    await queue_processor.set_policy(admin, "FAIR_SHARE")
    _, alices = await queue.enqueue(people["alice"], SPEC, runs=5)
    _, [bobs] = await queue.enqueue(people["bob"], SPEC)
    first, second = await asyncio.gather(queue_jobs.claim_next("w-1"), queue_jobs.claim_next("w-2"))
    assert first is not None and second is not None
    assert {first.id, second.id} == {alices[0].id, bobs.id}
    assert {first.worker_id, second.worker_id} == {"w-1", "w-2"}

    # The head locked by a claimer that has not committed: the next in the policy's order.
    await QueueItem.filter(id__in=[first.id, second.id]).update(
        status="PENDING", worker_id=None, lease_expires_at=None, started_at=None
    )
    queue_view.invalidate()
    other = await hold_lock(on_postgres, alices[0].id)
    try:
        row = await asyncio.wait_for(queue_jobs.claim_next("w-2"), timeout=5)
        assert row is not None and row.id == bobs.id
    finally:
        await other.close()


async def test_head_few_is_the_start_of_the_whole_line_on_postgresql(on_postgres: str) -> None:
    del on_postgres  # the database is up
    people = await pg_people()
    admin = await new_user("admin@x.local", is_admin=True)
    await queue.enqueue(people["alice"], BIG, runs=3)
    await queue.enqueue(people["bob"], SPEC, runs=2)
    await queue.enqueue(admin, SPEC, prepend=True)
    await queue.enqueue(people["alice"], SPEC)
    for policy in ("ROUND_ROBIN", "FAIR_SHARE"):
        whole = await queue_view.ordered_pending(policy)
        got = await queue_view.head_few(policy, 4)
        assert [p.id for p in got] == [p.id for p in whole[:4]]


async def test_a_stale_run_is_not_taken_for_a_new_claim_of_the_same_item_by_the_same_worker(
    people: dict[str, Actor],
) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    first = await queue_jobs.claim_next("w-1", publish=False)
    assert first is not None and first.attempts == 1
    await expire(item.id)  # w-1 stalled past its lease ...
    assert await queue_jobs.reap_expired_leases() == (1, 0)
    second = await queue_jobs.claim_next("w-1", publish=False)  # ... and took it again
    assert second is not None and (second.id, second.attempts) == (item.id, 2)
    assert not await queue_jobs.still_running(item.id, "w-1", first.attempts)  # the stale run
    assert await queue_jobs.still_running(item.id, "w-1", second.attempts)  # the new one
    assert await queue_jobs.still_running(item.id, "w-1")  # without a claim: the worker's


async def test_a_requeued_item_wakes_the_workers_at_once(people: dict[str, Actor]) -> None:
    _, [item] = await queue.enqueue(people["alice"], SPEC)
    await queue_jobs.claim_next("w-1", publish=False)
    control = runtime.current().bus.subscribe([events.CONTROL])
    await expire(item.id)
    assert await queue_jobs.reap_expired_leases() == (1, 0)
    woken = await asyncio.wait_for(control.get(), 1)
    assert isinstance(woken.payload, events.WorkerWake)
    assert await queue_jobs.reap_expired_leases() == (0, 0)  # nothing re-queued: no wake
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(control.get(), 0.2)
