"""The queue over GraphQL: who sees what, who may do what, and bad input.

The worker is off here (the demo model is registered but nothing runs), so
every item stays where the test put it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import queue_support
from tests.helpers import Server, error_code
from tests.queue_support import ENQUEUE, ITEM, enqueue, gen_input, status

gen_server = queue_support.gen_server

ITEMS = """query($s: QueueItemStatus, $f: Int, $a: String){ queueItems(status: $s, first: $f,
  after: $a){ id status isMine ownerName cost position estimatedStartAt error images { id }
  params { prompt seed } } }"""
CANCEL = "mutation($id: ID!){ cancelQueueItem(id: $id){ id status } }"
CANCEL_BATCH = "mutation($b: ID!){ cancelBatch(batchId: $b) }"
RETRY = "mutation($ids: [ID!]!){ retryQueueItems(ids: $ids){ id status params { seed } } }"

Site = tuple[Server, str, str, str]


@pytest.fixture
def site(gen_server: Callable[..., Server]) -> Site:
    """(server, admin token, alice token, bob token), worker off."""
    server = gen_server(worker_enabled=False)
    admin = server.setup_admin()
    _, alice = server.user_with_token(admin, "alice@x.local")
    _, bob = server.user_with_token(admin, "bob@x.local")
    return server, admin, alice, bob


def test_every_queue_field_needs_a_signed_in_user(site: Site) -> None:
    server = site[0]
    operations: list[tuple[str, dict[str, Any]]] = [
        ("{ queueItems { id } }", {}),
        ("{ queueStatus { pending } }", {}),
        ('{ queueItem(id: "1") { id } }', {}),
        (ENQUEUE, {"i": gen_input()}),
        (CANCEL, {"id": "1"}),
        (CANCEL_BATCH, {"b": "6d0e7c9a-0000-4000-8000-000000000000"}),
        (RETRY, {"ids": ["1"]}),
        ("mutation{ clearQueue }", {}),
        ("mutation{ pruneQueue }", {}),
        ("mutation{ pauseProcessor { paused } }", {}),
        ("mutation{ resumeProcessor { paused } }", {}),
        ("mutation{ setQueuePolicy(policy: FIFO) { policy } }", {}),
    ]
    for query, variables in operations:
        assert error_code(server.gql(query, variables)) == "UNAUTHENTICATED", query


def test_others_see_an_items_status_and_place_but_not_what_it_is(site: Site) -> None:
    server, admin, alice, bob = site
    enqueue(server, alice, "my secret prompt", runs=2)
    for_bob = server.ok(ITEMS, token=bob)["queueItems"]
    assert [(i["position"], i["status"]) for i in for_bob] == [(0, "PENDING"), (1, "PENDING")]
    first = for_bob[0]
    assert first["ownerName"] == "<hidden>" and first["isMine"] is False
    assert first["params"] is None and first["error"] is None and first["images"] == []
    assert first["cost"] > 0 and first["estimatedStartAt"] is not None
    for token, mine in ((alice, True), (admin, False)):
        seen = server.ok(ITEMS, token=token)["queueItems"][0]
        assert seen["ownerName"] == "alice" and seen["isMine"] is mine
        assert seen["params"]["prompt"] == "my secret prompt"


def test_a_canceled_items_error_is_shown_to_the_owner_only(site: Site) -> None:
    server, admin, alice, bob = site
    item_id = enqueue(server, alice)["items"][0]["id"]
    server.ok(CANCEL, {"id": item_id}, alice)
    assert "canceled by alice" in server.ok(ITEM, {"id": item_id}, alice)["queueItem"]["error"]
    assert server.ok(ITEM, {"id": item_id}, bob)["queueItem"]["error"] is None


def test_queue_item_answers_not_found_or_bad_input(site: Site) -> None:
    server, _, alice, _ = site
    missing = server.gql(ITEM, {"id": "4242"}, alice)
    assert error_code(missing) == "NOT_FOUND" and missing["data"]["queueItem"] is None
    assert error_code(server.gql(ITEM, {"id": "x1"}, alice)) == "BAD_USER_INPUT"


def test_queue_items_filter_by_status_and_page_by_id(site: Site) -> None:
    server, _, alice, _ = site
    ids = [i["id"] for i in enqueue(server, alice, runs=4)["items"]]
    server.ok(CANCEL, {"id": ids[0]}, alice)
    pending = server.ok(ITEMS, {"s": "PENDING"}, alice)["queueItems"]
    assert [i["id"] for i in pending] == ids[1:]
    page = server.ok(ITEMS, {"f": 2}, alice)["queueItems"]
    rest = server.ok(ITEMS, {"f": 2, "a": page[-1]["id"]}, alice)["queueItems"]
    assert [i["id"] for i in page + rest] == ids
    assert error_code(server.gql(ITEMS, {"f": 0}, alice)) == "BAD_USER_INPUT"


def test_enqueue_answers_with_the_batch_and_fills_model_defaults(site: Site) -> None:
    server, _, alice, _ = site
    result = server.ok(
        ENQUEUE, {"i": {"generation": {"prompt": "fox", "seed": 10}, "runs": 2}}, alice
    )["enqueue"]
    assert len(result["items"]) == 2 and result["batchId"]
    first = result["items"][0]
    assert first["params"] == {"seed": 10, "width": 64, "height": 64, "steps": 4}  # demo
    assert first["isMine"] and first["position"] == 0
    assert result["items"][1]["params"]["seed"] == 11


@pytest.mark.parametrize(
    ("generation", "field"),
    [
        ({"prompt": ""}, "prompt"),
        ({"width": 100}, "width"),
        ({"height": 4096}, "height"),
        ({"steps": 0}, "steps"),
        ({"cfgScale": 31.0}, "cfgScale"),
        ({"seed": -5}, "seed"),
        ({"model": "nope"}, "model"),
        ({"boardId": "not-a-uuid"}, "boardId"),
    ],
)
def test_enqueue_refuses_bad_input_naming_the_field_and_stores_nothing(
    site: Site, generation: dict[str, Any], field: str
) -> None:
    server, _, alice, _ = site
    body = server.gql(ENQUEUE, {"i": gen_input(**generation)}, alice)
    assert error_code(body) == "BAD_USER_INPUT"
    assert field in body["errors"][0]["message"]
    assert status(server, alice)["pending"] == 0


def test_seeds_go_to_4294967295_as_long_and_later_runs_wrap_around(site: Site) -> None:
    # Long, not GraphQL's 32-bit Int: past 2147483647 up to the unsigned 32-bit maximum.
    server, _, alice, _ = site
    ok = enqueue(server, alice, seed=4294967295, runs=2)["items"]
    assert [i["params"]["seed"] for i in ok] == [4294967295, 0]
    assert enqueue(server, alice, seed=2147483648)["items"][0]["params"]["seed"] == 2**31


@pytest.mark.parametrize(
    ("seed", "says"),
    [
        (4294967296, "seed must be an integer from 0 to 4294967295"),
        (-1, "seed must be an integer from 0 to 4294967295"),
        (2**63, "Long must be between"),
        (1.5, "Long must be an integer"),
        (7.0, "Long must be an integer"),
        ("7", "Long must be an integer"),
        (True, "Long must be an integer"),
    ],
)
def test_seeds_that_are_not_a_32_bit_unsigned_integer_are_bad_input(
    site: Site, seed: object, says: str
) -> None:
    server, _, alice, _ = site
    body = server.gql(ENQUEUE, {"i": gen_input(seed=seed)}, alice)
    assert error_code(body) == "BAD_USER_INPUT"
    assert says in body["errors"][0]["message"]
    assert status(server, alice)["pending"] == 0


@pytest.mark.parametrize("runs", [0, 101])
def test_enqueue_refuses_runs_outside_1_to_100(site: Site, runs: int) -> None:
    server, _, alice, _ = site
    body = server.gql(ENQUEUE, {"i": gen_input(runs=runs)}, alice)
    assert error_code(body) == "BAD_USER_INPUT" and "runs" in body["errors"][0]["message"]


def test_enqueue_over_the_pending_quota_is_a_conflict_naming_it(site: Site) -> None:
    server, admin, alice, _ = site
    alice_id = server.ok("{ me { id } }", token=alice)["me"]["id"]
    server.ok(
        "mutation($u: ID!){ setQuota(userId: $u, maxPendingJobs: 2){ id } }", {"u": alice_id}, admin
    )
    body = server.gql(ENQUEUE, {"i": gen_input(runs=3)}, alice)
    assert error_code(body) == "CONFLICT" and "maxPendingJobs" in body["errors"][0]["message"]
    assert status(server, alice)["myPending"] == 0


def test_only_admins_can_prepend(site: Site) -> None:
    server, admin, alice, _ = site
    enqueue(server, alice, runs=2)
    assert error_code(server.gql(ENQUEUE, {"i": gen_input(prepend=True)}, alice)) == "FORBIDDEN"
    urgent = enqueue(server, admin, prepend=True)["items"][0]
    assert urgent["position"] == 0


def test_generating_into_someone_elses_board_is_forbidden(site: Site) -> None:
    server, _, alice, bob = site
    board = server.ok('mutation{ createBoard(name: "mine"){ id } }', token=alice)["createBoard"]
    body = server.gql(ENQUEUE, {"i": gen_input(boardId=board["id"])}, bob)
    assert error_code(body) == "FORBIDDEN"
    missing = gen_input(boardId="6d0e7c9a-0000-4000-8000-000000000000")
    assert error_code(server.gql(ENQUEUE, {"i": missing}, alice)) == "NOT_FOUND"


def test_a_read_only_api_token_cannot_enqueue(site: Site) -> None:
    server, _, alice, _ = site
    token = server.ok(
        'mutation{ createApiToken(name: "ro", scopes: ["read"]){ token } }', token=alice
    )["createApiToken"]["token"]
    assert error_code(server.gql(ENQUEUE, {"i": gen_input()}, token)) == "FORBIDDEN"
    assert server.ok("{ queueStatus { pending } }", token=token)["queueStatus"]["pending"] == 0


def test_cancel_is_for_the_owner_and_admins(site: Site) -> None:
    server, admin, alice, bob = site
    first, second = (i["id"] for i in enqueue(server, alice, runs=2)["items"])
    assert error_code(server.gql(CANCEL, {"id": first}, bob)) == "FORBIDDEN"
    assert server.ok(CANCEL, {"id": first}, alice)["cancelQueueItem"]["status"] == "CANCELED"
    assert server.ok(CANCEL, {"id": second}, admin)["cancelQueueItem"]["status"] == "CANCELED"
    assert error_code(server.gql(CANCEL, {"id": first}, alice)) == "CONFLICT"
    assert error_code(server.gql(CANCEL, {"id": "999"}, alice)) == "NOT_FOUND"
    assert error_code(server.gql(CANCEL, {"id": "nope"}, alice)) == "BAD_USER_INPUT"


def test_cancel_batch_counts_and_checks_ownership(site: Site) -> None:
    server, admin, alice, bob = site
    batch = enqueue(server, alice, runs=3)["batchId"]
    assert error_code(server.gql(CANCEL_BATCH, {"b": batch}, bob)) == "FORBIDDEN"
    assert server.ok(CANCEL_BATCH, {"b": batch}, alice)["cancelBatch"] == 3
    other = enqueue(server, bob)["batchId"]
    assert server.ok(CANCEL_BATCH, {"b": other}, admin)["cancelBatch"] == 1
    missing = {"b": "6d0e7c9a-0000-4000-8000-000000000000"}
    assert error_code(server.gql(CANCEL_BATCH, missing, alice)) == "NOT_FOUND"
    assert error_code(server.gql(CANCEL_BATCH, {"b": "zzz"}, alice)) == "BAD_USER_INPUT"


def test_retry_requeues_canceled_items_for_their_owner(site: Site) -> None:
    server, admin, alice, bob = site
    item_id = enqueue(server, alice, seed=5)["items"][0]["id"]
    assert error_code(server.gql(RETRY, {"ids": [item_id]}, alice)) == "CONFLICT"  # pending
    server.ok(CANCEL, {"id": item_id}, alice)
    assert error_code(server.gql(RETRY, {"ids": [item_id]}, bob)) == "FORBIDDEN"
    assert error_code(server.gql(RETRY, {"ids": ["777"]}, alice)) == "NOT_FOUND"
    assert error_code(server.gql(RETRY, {"ids": []}, alice)) == "BAD_USER_INPUT"
    [again] = server.ok(RETRY, {"ids": [item_id]}, alice)["retryQueueItems"]
    assert again["status"] == "PENDING" and again["params"]["seed"] == 5
    assert again["id"] != item_id
    server.ok(CANCEL, {"id": again["id"]}, alice)
    assert len(server.ok(RETRY, {"ids": [again["id"]]}, admin)["retryQueueItems"]) == 1


def test_clear_and_prune_act_on_own_items_and_admins_on_all(site: Site) -> None:
    server, admin, alice, bob = site
    enqueue(server, alice, runs=2)
    enqueue(server, bob, runs=3)
    assert server.ok("mutation{ clearQueue }", token=alice)["clearQueue"] == 2
    assert status(server, bob)["myPending"] == 3
    assert server.ok("mutation{ pruneQueue }", token=bob)["pruneQueue"] == 0
    assert server.ok("mutation{ clearQueue }", token=admin)["clearQueue"] == 3
    assert server.ok("mutation{ pruneQueue }", token=alice)["pruneQueue"] == 2
    assert server.ok("mutation{ pruneQueue }", token=admin)["pruneQueue"] == 3
    assert server.ok("{ queueItems { id } }", token=admin)["queueItems"] == []


def test_processor_control_is_admin_only(site: Site) -> None:
    server, admin, alice, _ = site
    for mutation in (
        "pauseProcessor { paused }",
        "resumeProcessor { paused }",
        "setQueuePolicy(policy: FIFO) { policy }",
    ):
        assert error_code(server.gql(f"mutation{{ {mutation} }}", token=alice)) == "FORBIDDEN"
    assert server.ok("mutation{ pauseProcessor { paused } }", token=admin)["pauseProcessor"] == {
        "paused": True
    }
    changed = server.ok(
        "mutation{ setQueuePolicy(policy: ROUND_ROBIN) { policy paused } }", token=admin
    )["setQueuePolicy"]
    assert changed == {"policy": "ROUND_ROBIN", "paused": True}
    assert status(server, alice)["paused"] is True


def test_pause_and_policy_survive_a_restart(
    gen_server: Callable[..., Server], tmp_path: Path
) -> None:
    root = tmp_path / "site"
    server = gen_server(root=root, worker_enabled=False)
    admin = server.setup_admin()
    assert status(server, admin)["policy"] == "FAIR_SHARE"  # the multiuser default
    server.ok("mutation{ pauseProcessor { paused } }", token=admin)
    server.ok("mutation{ setQueuePolicy(policy: FIFO) { policy } }", token=admin)
    gen_server.stop(server)  # type: ignore[attr-defined]
    again = gen_server(root=root, worker_enabled=False)
    after = status(again, admin)
    assert (after["paused"], after["policy"]) == (True, "FIFO")


def test_single_user_mode_queues_as_the_system_user_with_fifo(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server(multiuser=False, worker_enabled=False)
    item = enqueue(server, None, prepend=True)["items"][0]
    assert item["isMine"] and item["ownerName"] == "System"
    view = status(server, None)
    assert (view["policy"], view["myPending"], view["pending"]) == ("FIFO", 1, 1)


def test_deleting_a_user_removes_their_queue_items(site: Site) -> None:
    server, admin, alice, bob = site
    alice_id = server.ok("{ me { id } }", token=alice)["me"]["id"]
    enqueue(server, alice, runs=2)
    enqueue(server, bob)
    server.ok("mutation($id: ID!){ deleteUser(id: $id) }", {"id": alice_id}, admin)
    left = server.ok("{ queueItems { ownerName } }", token=admin)["queueItems"]
    assert left == [{"ownerName": "bob"}]


def test_the_site_default_pending_cap_is_a_conflict_naming_it(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server(worker_enabled=False, default_max_pending_jobs=3)
    admin = server.setup_admin()
    alice_id, alice = server.user_with_token(admin, "alice@x.local")
    first = enqueue(server, alice, runs=3)["items"][0]["id"]
    for token in (alice, admin):
        if token == admin:
            enqueue(server, admin, runs=3)
        body = server.gql(ENQUEUE, {"i": gen_input()}, token)
        assert error_code(body) == "CONFLICT", body
        error = body["errors"][0]
        assert error["extensions"]["field"] == "maxPendingJobs"
        assert "maxPendingJobs" in error["message"]
        assert "default_max_pending_jobs" in error["message"]
    server.ok(CANCEL, {"id": first}, alice)
    enqueue(server, alice)
    assert error_code(server.gql(RETRY, {"ids": [first]}, alice)) == "CONFLICT"
    assert status(server, alice)["myPending"] == 3
    # A quota of their own replaces the site default.
    server.ok(
        "mutation($u: ID!){ setQuota(userId: $u, maxPendingJobs: 10){ id } }",
        {"u": alice_id},
        admin,
    )
    assert len(server.ok(RETRY, {"ids": [first]}, alice)["retryQueueItems"]) == 1


def test_single_user_mode_has_no_pending_cap_by_default(gen_server: Callable[..., Server]) -> None:
    server = gen_server(multiuser=False, worker_enabled=False)
    assert server.settings.effective_max_pending_jobs is None
    light = "mutation($i: EnqueueInput!){ enqueue(input: $i){ batchId } }"
    for _ in range(6):
        server.ok(light, {"i": gen_input(runs=100)})
    assert status(server, None)["myPending"] == 600


def test_positions_and_etas_follow_the_line_across_pages(site: Site) -> None:
    server, admin, alice, bob = site
    enqueue(server, alice, runs=3)
    enqueue(server, bob, runs=2)
    urgent = enqueue(server, admin, prepend=True)["items"][0]["id"]
    page = server.ok(ITEMS, {"f": 4}, bob)["queueItems"]
    rest = server.ok(ITEMS, {"f": 4, "a": page[-1]["id"]}, bob)["queueItems"]
    items = page + rest
    by_position = sorted(items, key=lambda i: i["position"])
    assert [i["position"] for i in by_position] == list(range(6))
    assert by_position[0]["id"] == urgent
    # FAIR_SHARE interleaves alice and bob after the prepended item.
    owners = [i["isMine"] for i in by_position[1:]]
    assert owners[:2] in ([False, True], [True, False])
    # ETAs are read on each request's clock: compare those of one request.
    whole = sorted(server.ok(ITEMS, {"f": 6}, bob)["queueItems"], key=lambda i: i["position"])
    etas = [i["estimatedStartAt"] for i in whole]
    assert etas == sorted(etas) and len(set(etas)) == 6
