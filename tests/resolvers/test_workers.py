"""The workers query: admins see every worker and what it generates now."""

from __future__ import annotations

from typing import Any

from gql_invoke.auth.actor import system_actor
from gql_invoke.domain import WorkerStatus
from gql_invoke.services import queue, queue_jobs, workers
from gql_invoke.services.queue_spec import GenerationSpec
from tests.helpers import Server, add_main_model, error_code

WORKERS = """{ workers { id device host status startedAt lastHeartbeatAt
  currentItem { id status isMine params { prompt } } } }"""


def on_server(server: Server, fn: Any) -> Any:
    """Run a coroutine function on the server's loop (where its database lives)."""
    portal = server.client.portal
    assert portal is not None
    return portal.call(fn)


async def two_workers() -> int:
    """One idle worker and one busy with a claimed item; returns the item's id."""
    await add_main_model()
    actor = system_actor(multiuser=True)
    await queue.enqueue(actor, GenerationSpec(prompt="a lighthouse", width=64, height=64, steps=2))
    await workers.register("w-idle", "cuda:1", "gpu-box", 11)
    await workers.heartbeat("w-idle", WorkerStatus.IDLE, None)
    await workers.register("w-busy", "cuda:0", "gpu-box", 10)
    row = await queue_jobs.claim_next("w-busy")
    assert row is not None
    await workers.heartbeat("w-busy", WorkerStatus.BUSY, row.id)
    return row.id


def mine(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in body["workers"] if w["id"] in {"w-busy", "w-idle"}]


def test_workers_needs_a_signed_in_caller(server: Server) -> None:
    server.setup_admin()
    assert error_code(server.gql(WORKERS)) == "UNAUTHENTICATED"


def test_a_user_may_not_list_the_workers(server: Server) -> None:
    admin = server.setup_admin()
    _, user = server.user_with_token(admin, "bob@example.local")
    assert error_code(server.gql(WORKERS, token=user)) == "FORBIDDEN"


def test_an_admin_lists_the_workers_with_their_current_items(server: Server) -> None:
    admin = server.setup_admin()
    item_id = on_server(server, two_workers)
    busy, idle = mine(server.ok(WORKERS, token=admin))
    assert {k: busy[k] for k in ("id", "device", "host", "status")} == {
        "id": "w-busy",
        "device": "cuda:0",
        "host": "gpu-box",
        "status": "BUSY",
    }
    assert busy["currentItem"] == {
        "id": str(item_id),
        "status": "IN_PROGRESS",
        "isMine": False,
        "params": {"prompt": "a lighthouse"},  # admins see every item in full
    }
    assert busy["startedAt"] and busy["lastHeartbeatAt"]
    assert (idle["id"], idle["status"], idle["currentItem"]) == ("w-idle", "IDLE", None)


def test_a_current_item_that_was_pruned_reads_as_null(server: Server) -> None:
    admin = server.setup_admin()
    item_id = on_server(server, two_workers)
    server.sql("DELETE FROM queue_items WHERE id = ?", (item_id,))
    busy, _ = mine(server.ok(WORKERS, token=admin))
    assert busy["currentItem"] is None
