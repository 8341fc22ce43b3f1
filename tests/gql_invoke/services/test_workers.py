"""The workers registry: register, heartbeat (renewing the lease), LOST, and the admin list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import ModelRecord, QueueItem, Worker
from gql_invoke.domain import WorkerStatus
from gql_invoke.errors import Forbidden
from gql_invoke.services import queue, queue_jobs, workers
from gql_invoke.services.queue_spec import GenerationSpec
from tests.helpers import add_main_model, new_user

SPEC = GenerationSpec(prompt="a lighthouse", width=64, height=64, steps=2)


@pytest.fixture
async def model(db: Settings) -> ModelRecord:  # noqa: ARG001 - needs the database up
    return await add_main_model()


@pytest.fixture
async def people(model: ModelRecord) -> dict[str, Actor]:  # noqa: ARG001 - and the model
    return {
        "admin": await new_user("admin@x.local", is_admin=True),
        "alice": await new_user("alice@x.local"),
    }


async def silence(worker_id: str, seconds: float) -> None:
    """As if the worker's last heartbeat was ``seconds`` ago."""
    past = datetime.now(UTC) - timedelta(seconds=seconds)
    await Worker.filter(id=worker_id).update(last_heartbeat_at=past)


async def test_a_registered_worker_starts_as_starting_with_no_item(
    people: dict[str, Actor],
) -> None:
    await workers.register("w-1", "cuda:0", "gpu-box", 4242)
    (listed,) = await workers.list_workers(people["admin"])
    assert (listed.id, listed.device, listed.host, listed.pid) == ("w-1", "cuda:0", "gpu-box", 4242)
    assert (listed.status, listed.current_item_id) == (WorkerStatus.STARTING, None)
    assert listed.started_at == listed.last_heartbeat_at


async def test_registering_an_id_again_replaces_its_row(people: dict[str, Actor]) -> None:
    await workers.register("w-1", "cuda:0", "a", 1)
    await workers.heartbeat("w-1", WorkerStatus.IDLE, None)
    await workers.register("w-1", "cuda:1", "b", 2)
    (listed,) = await workers.list_workers(people["admin"])
    assert (listed.device, listed.host, listed.pid, listed.status) == ("cuda:1", "b", 2, "STARTING")


async def test_a_heartbeat_stores_the_state_and_renews_the_items_lease(
    people: dict[str, Actor],
) -> None:
    await workers.register("w-1", "cuda:0", "h", 1)
    await queue.enqueue(people["alice"], SPEC)
    row = await queue_jobs.claim_next("w-1")
    assert row is not None and row.lease_expires_at is not None
    soon = datetime.now(UTC) + timedelta(seconds=1)
    await QueueItem.filter(id=row.id).update(lease_expires_at=soon)
    await silence("w-1", 5)
    await workers.heartbeat("w-1", WorkerStatus.BUSY, row.id)
    (listed,) = await workers.list_workers(people["admin"])
    assert (listed.status, listed.current_item_id) == (WorkerStatus.BUSY, row.id)
    assert listed.last_heartbeat_at > datetime.now(UTC) - timedelta(seconds=2)
    renewed = await QueueItem.get(id=row.id)
    lease = runtime.current().settings.worker_lease_seconds
    assert renewed.lease_expires_at is not None
    assert renewed.lease_expires_at > datetime.now(UTC) + timedelta(seconds=lease - 5)


async def test_a_heartbeat_does_not_renew_an_item_another_worker_holds(
    people: dict[str, Actor],
) -> None:
    await workers.register("w-1", "cuda:0", "h", 1)
    await queue.enqueue(people["alice"], SPEC)
    row = await queue_jobs.claim_next("w-2")
    assert row is not None
    await workers.heartbeat("w-1", "BUSY", row.id)
    assert (await QueueItem.get(id=row.id)).lease_expires_at == row.lease_expires_at


async def test_a_worker_silent_for_longer_than_a_lease_is_listed_lost(
    people: dict[str, Actor],
) -> None:
    lease = runtime.current().settings.worker_lease_seconds
    await workers.register("quiet", "cuda:0", "h", 1)
    await workers.register("fine", "cuda:1", "h", 2)
    await workers.set_status("quiet", WorkerStatus.BUSY)
    await workers.set_status("fine", WorkerStatus.IDLE)
    await silence("quiet", lease + 1)
    await silence("fine", lease - 5)
    listed = {w.id: w.status for w in await workers.list_workers(people["admin"])}
    assert listed == {"quiet": WorkerStatus.LOST, "fine": WorkerStatus.IDLE}
    assert (await Worker.get(id="quiet")).status == "BUSY"  # reported so, not stored
    await workers.heartbeat("quiet", WorkerStatus.IDLE, None)  # back again
    listed = {w.id: w.status for w in await workers.list_workers(people["admin"])}
    assert listed["quiet"] == WorkerStatus.IDLE


async def test_a_worker_is_judged_by_its_own_lease_not_by_the_readers(
    people: dict[str, Actor],
) -> None:
    lease = runtime.current().settings.worker_lease_seconds
    await workers.register("patient", "cuda:0", "far", 1)
    await workers.register("hasty", "cuda:1", "far", 2)
    assert (await Worker.get(id="patient")).lease_seconds == lease  # its process's setting
    # As if registered by worker machines configured with 4x and a tenth of this lease.
    await Worker.filter(id="patient").update(lease_seconds=4 * lease)
    await Worker.filter(id="hasty").update(lease_seconds=max(1, lease // 10))
    for worker_id in ("patient", "hasty"):
        await workers.set_status(worker_id, WorkerStatus.IDLE)
        await silence(worker_id, 2 * lease)
    await queue_jobs.reap_expired_leases()
    listed = {w.id: w.status for w in await workers.list_workers(people["admin"])}
    assert listed == {"patient": WorkerStatus.IDLE, "hasty": WorkerStatus.LOST}
    assert (await Worker.get(id="patient")).status == "IDLE"  # not stored LOST either
    await silence("patient", 4 * lease + 1)
    await queue_jobs.reap_expired_leases()
    assert (await Worker.get(id="patient")).status == "LOST"


async def test_a_worker_that_exits_cleanly_leaves_the_registry(people: dict[str, Actor]) -> None:
    await workers.register("w-1", "cpu", "h", 1)
    await workers.deregister("w-1")
    assert await workers.list_workers(people["admin"]) == []
    await workers.heartbeat("w-1", WorkerStatus.IDLE, None)  # a late beat recreates nothing
    assert await Worker.all().count() == 0


async def test_only_admins_list_the_workers(people: dict[str, Actor]) -> None:
    await workers.register("w-1", "cpu", "h", 1)
    with pytest.raises(Forbidden):
        await workers.list_workers(people["alice"])


async def test_workers_are_listed_by_host_then_device(people: dict[str, Actor]) -> None:
    for worker_id, device, host in [("c", "cuda:1", "b"), ("a", "cuda:0", "b"), ("z", "cpu", "a")]:
        await workers.register(worker_id, device, host, 1)
    assert [w.id for w in await workers.list_workers(people["admin"])] == ["z", "a", "c"]


async def test_the_current_item_is_read_from_the_queue_not_from_the_last_heartbeat(
    people: dict[str, Actor],
) -> None:
    await workers.register("w-1", "cuda:0", "h", 1)
    await workers.heartbeat("w-1", WorkerStatus.IDLE, None)  # said a moment before it claims
    await queue.enqueue(people["alice"], SPEC)
    await queue.enqueue(people["alice"], SPEC)
    first = await queue_jobs.claim_next("w-1")
    assert first is not None
    (listed,) = await workers.list_workers(people["admin"])
    assert (listed.status, listed.current_item_id) == (WorkerStatus.BUSY, first.id)
    # Saving the first image while the next job runs: the newest claim is the current one.
    second = await queue_jobs.claim_next("w-1")
    assert second is not None
    (listed,) = await workers.list_workers(people["admin"])
    assert listed.current_item_id == second.id
    await queue_jobs.complete(first.id, "w-1")
    await queue_jobs.complete(second.id, "w-1")
    await workers.heartbeat("w-1", WorkerStatus.BUSY, second.id)  # a beat from before
    (listed,) = await workers.list_workers(people["admin"])
    assert (listed.status, listed.current_item_id) == (WorkerStatus.IDLE, None)


async def test_a_lost_workers_requeued_item_is_not_its_current_item_any_more(
    people: dict[str, Actor],
) -> None:
    lease = runtime.current().settings.worker_lease_seconds
    await workers.register("gone", "cuda:0", "h", 1)
    await queue.enqueue(people["alice"], SPEC)
    row = await queue_jobs.claim_next("gone")
    assert row is not None
    await workers.heartbeat("gone", WorkerStatus.BUSY, row.id)
    await silence("gone", lease + 1)
    await QueueItem.filter(id=row.id).update(lease_expires_at=datetime.now(UTC))
    await queue_jobs.reap_expired_leases()
    (listed,) = await workers.list_workers(people["admin"])
    assert (listed.status, listed.current_item_id) == (WorkerStatus.LOST, None)


async def test_an_automatic_device_is_listed_as_what_it_turned_out_to_be(
    people: dict[str, Actor],
) -> None:
    await workers.register("w-1", "auto", "h", 1)
    await workers.set_device("w-1", "cuda")
    (listed,) = await workers.list_workers(people["admin"])
    assert listed.device == "cuda"


async def test_a_lost_worker_is_listed_for_a_day_then_forgotten(people: dict[str, Actor]) -> None:
    await workers.register("yesterday", "cuda:0", "h", 1)
    await workers.register("an-hour-ago", "cuda:1", "h", 2)
    await silence("yesterday", queue_jobs.LOST_KEPT.total_seconds() + 60)
    await silence("an-hour-ago", 3600)
    await queue_jobs.reap_expired_leases()
    listed = {w.id: w.status for w in await workers.list_workers(people["admin"])}
    assert listed == {"an-hour-ago": WorkerStatus.LOST}


async def test_a_heartbeat_of_a_forgotten_worker_says_so_so_that_it_registers_again(
    people: dict[str, Actor],
) -> None:
    assert not await workers.heartbeat("never-seen", WorkerStatus.IDLE, None)
    await workers.register("w-1", "cuda:0", "h", 1)
    assert await workers.heartbeat("w-1", WorkerStatus.IDLE, None)
    assert [w.id for w in await workers.list_workers(people["admin"])] == ["w-1"]
