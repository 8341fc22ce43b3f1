"""Subscriptions over graphql-transport-ws: who receives what.

Absence is proven by order, never by waiting: a viewer who must not see event
A is sent A and then B (which they may see), and the first thing they receive
must be B.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gql_invoke import events, runtime
from gql_invoke.services import live, model_install
from tests import queue_support
from tests.helpers import Server
from tests.queue_support import WS, enqueue

gen_server = queue_support.gen_server

PROGRESS = """subscription($i: ID, $b: ID){ generationProgress(queueItemId: $i, batchId: $b){
  queueItemId batchId step totalSteps percentage preview } }"""
EVENTS = """subscription($since: String){ queueEvents(since: $since){ __typename
  ... on QueueItemStatusChanged { cursor item { id status ownerName isMine params { prompt } }
        queueStatus { pending myPending canceled } }
  ... on BatchEnqueued { cursor batchId itemCount queueStatus { pending myPending } }
  ... on QueueCleared { cursor queueStatus { pending } }
  ... on ProcessorStateChanged { cursor queueStatus { paused } } } }"""
IMAGES = """subscription($b: ID){ imageAdded(boardId: $b){ image { id queueItemId
  owner { displayName } } } }"""
CANCEL = "mutation($id: ID!){ cancelQueueItem(id: $id){ id } }"


@pytest.fixture
def site(gen_server: Callable[..., Server]) -> Callable[..., tuple[Server, str, str, str]]:
    def make(**overrides: Any) -> tuple[Server, str, str, str]:
        server = gen_server(**overrides)
        admin = server.setup_admin()
        _, alice = server.user_with_token(admin, "alice@x.local")
        _, bob = server.user_with_token(admin, "bob@x.local")
        return server, admin, alice, bob

    return make


def errors_of(ws: WS) -> list[dict[str, Any]]:
    """The errors that end a subscription (a final `next`, then `complete`)."""
    msg = ws.receive()
    assert msg["type"] in ("next", "error"), msg
    if msg["type"] == "error":
        return msg["payload"]
    assert ws.receive() == {"id": msg["id"], "type": "complete"}
    return msg["payload"]["errors"]


def code(errors: list[dict[str, Any]]) -> str:
    return errors[0]["extensions"]["code"]


# --- generationProgress -------------------------------------------------------------------


def test_owner_receives_progress_with_previews_up_to_the_last_step(site: Callable) -> None:
    server, _, alice, _ = site()
    with WS(server, alice) as ws:
        ws.subscribe(PROGRESS)
        item = enqueue(server, alice)["items"][0]
        last = ws.next_data("generationProgress", lambda d: d["step"] == d["totalSteps"])
    assert last["queueItemId"] == item["id"] and last["totalSteps"] == 2
    assert last["percentage"] == 100.0
    assert last["preview"].startswith("data:image/")


def test_admins_get_everyones_progress_without_preview_and_others_get_none(site: Callable) -> None:
    server, admin, alice, bob = site()
    with WS(server, admin) as admin_ws, WS(server, bob) as bob_ws:
        admin_ws.subscribe(PROGRESS)
        bob_ws.subscribe(PROGRESS)
        alices = enqueue(server, alice)["items"][0]["id"]
        bobs = enqueue(server, bob)["items"][0]["id"]
        seen_by_bob = bob_ws.next_data("generationProgress")
        seen_by_admin = admin_ws.next_data("generationProgress")
    assert seen_by_bob["queueItemId"] == bobs  # alice's job ran first, bob never saw it
    assert seen_by_bob["preview"] is not None
    assert seen_by_admin["queueItemId"] == alices and seen_by_admin["preview"] is None


def test_following_someone_elses_item_or_batch_is_forbidden(site: Callable) -> None:
    server, admin, alice, bob = site(worker_enabled=False)
    job = enqueue(server, alice)
    item_id, batch_id = job["items"][0]["id"], job["batchId"]
    with WS(server, bob) as ws:
        ws.subscribe(PROGRESS, {"i": item_id}, registered=False)
        assert code(errors_of(ws)) == "FORBIDDEN"
        ws.subscribe(PROGRESS, {"b": batch_id}, registered=False)
        assert code(errors_of(ws)) == "FORBIDDEN"
        ws.subscribe(PROGRESS, {"i": "99999"}, registered=False)
        assert code(errors_of(ws)) == "NOT_FOUND"


def test_a_filter_on_one_item_delivers_only_that_item(site: Callable) -> None:
    server, admin, alice, _ = site()
    server.ok("mutation{ pauseProcessor { paused } }", token=admin)
    first, second = (i["id"] for i in enqueue(server, alice, runs=2)["items"])
    with WS(server, admin) as ws:
        ws.subscribe(PROGRESS, {"i": second})  # admins may follow anyone's item
        server.ok("mutation{ resumeProcessor { paused } }", token=admin)
        assert ws.next_data("generationProgress")["queueItemId"] == second


def test_one_progress_event_is_rendered_once_per_preview_for_all_its_subscribers() -> None:
    from gql_invoke.auth.actor import Actor
    from schema.queue import GenerationProgress

    owner = Actor(user_id="u1", display_name="u1", is_admin=False, multiuser=True)
    admins = [Actor(f"a{n}", f"a{n}", is_admin=True, multiuser=True) for n in range(3)]
    p = events.GenerationProgress(7, "b1", "u1", 1, 4, "data:image/webp;base64,AA", 0.0)
    event = events.Event(events.PROGRESS, p, coalesce_key="7")
    # Each stream passes its own bound GenerationProgress.from_event: still one rendering.
    mine = {id(live.progress_view(owner, event, GenerationProgress.from_event)) for _ in range(3)}
    theirs = [live.progress_view(a, event, GenerationProgress.from_event) for a in admins]
    assert len(mine) == 1 and len({id(v) for v in theirs}) == 1
    view = theirs[0]
    assert view is not None and view.preview is None and view.percentage == 25.0


def test_subscribers_of_one_document_and_viewer_class_share_one_execution_and_frame(
    admins: tuple[Server, str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

    from gql_invoke.ws_frames import FRAMES
    from schema.queue import GenerationProgress

    server, admin, _, carol = admins
    executed: list[str] = []
    original = StrawberryGraphQLCoreExecutionContext.execute_operation

    def counting(self: Any, serially: bool | None = None) -> Any:
        if isinstance(self.root_value, GenerationProgress):
            executed.append(self.operation.selection_set.selections[0].name.value)
        return original(self, serially)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_operation", counting)
    other_doc = "subscription { generationProgress { step totalSteps } }"
    sockets = [WS(server, admin), WS(server, admin), WS(server, carol), WS(server, carol)]
    try:
        for ws in sockets[:3]:
            ws.subscribe(PROGRESS)
        sockets[3].subscribe(other_doc)
        hits = FRAMES.hits
        # Someone else's generation: every admin sees it without preview (one viewer class).
        publish(server, events.PROGRESS, events.GenerationProgress(7, "b", "u9", 1, 4, None, 0.0))
        got = [ws.next_data("generationProgress") for ws in sockets]
    finally:
        for ws in sockets:
            ws.close()
    assert (
        got[0]
        == got[1]
        == got[2]
        == {
            "queueItemId": "7",
            "batchId": "b",
            "step": 1,
            "totalSteps": 4,
            "percentage": 25.0,
            "preview": None,
        }
    )
    assert got[3] == {"step": 1, "totalSteps": 4}
    # Once per document (two), not once per subscriber (four); the JSON once per document.
    assert executed == ["generationProgress", "generationProgress"]
    assert FRAMES.hits - hits == 2


# --- queueEvents ----------------------------------------------------------------------------


def test_queue_events_reach_everyone_sanitized_for_each_viewer(site: Callable) -> None:
    server, admin, alice, bob = site(worker_enabled=False)
    with WS(server, alice) as alice_ws, WS(server, bob) as bob_ws, WS(server, admin) as admin_ws:
        for ws in (alice_ws, bob_ws, admin_ws):
            ws.subscribe(EVENTS)
        item_id = enqueue(server, alice, "private idea")["items"][0]["id"]
        server.ok(CANCEL, {"id": item_id}, alice)
        batch = bob_ws.next_data("queueEvents")
        assert batch["__typename"] == "BatchEnqueued" and batch["itemCount"] == 1
        assert batch["queueStatus"] == {"pending": 1, "myPending": 0}
        for_bob = bob_ws.next_data("queueEvents")["item"]
        alice_ws.next_data("queueEvents")
        for_alice = alice_ws.next_data("queueEvents")
        admin_ws.next_data("queueEvents")
        for_admin = admin_ws.next_data("queueEvents")["item"]
    assert for_bob == {
        "id": item_id,
        "status": "CANCELED",
        "ownerName": "<hidden>",
        "isMine": False,
        "params": None,
    }
    assert for_alice["cursor"] and for_alice["queueStatus"]["canceled"] == 1
    assert for_alice["item"]["params"] == {"prompt": "private idea"}
    assert for_alice["item"]["ownerName"] == "alice"
    assert for_admin["ownerName"] == "alice" and for_admin["isMine"] is False
    assert for_admin["params"] == {"prompt": "private idea"}


def test_a_client_resuming_with_since_first_gets_what_it_missed(site: Callable) -> None:
    server, admin, alice, _ = site(worker_enabled=False)
    with WS(server, alice) as ws:
        ws.subscribe(EVENTS)
        item_id = enqueue(server, alice)["items"][0]["id"]
        seen = ws.next_data("queueEvents")["cursor"]
    server.ok(CANCEL, {"id": item_id}, alice)  # while disconnected
    server.ok("mutation{ pauseProcessor { paused } }", token=admin)
    with WS(server, alice) as ws:
        ws.subscribe(EVENTS, {"since": seen})
        missed = [ws.next_data("queueEvents")["__typename"] for _ in range(2)]
    assert missed == ["QueueItemStatusChanged", "ProcessorStateChanged"]


def test_a_subscriber_that_falls_too_far_behind_is_told_to_resume(site: Callable) -> None:
    server, _, alice, _ = site(worker_enabled=False)
    bus = runtime.current().bus
    bus.subscriber_capacity = 3
    with WS(server, alice) as ws:
        ws.subscribe(EVENTS)
        enqueue(server, alice)  # the subscription is live once this arrives
        ws.next_data("queueEvents")

        def flood() -> None:  # on the event loop, faster than anyone can deliver
            for _ in range(10):
                bus.publish(events.QUEUE, events.QueueCleared())

        server.client.portal.call(flood)
        errors = errors_of(ws)
    assert code(errors) == "CONFLICT" and "since" in errors[0]["message"]


def test_a_deactivated_user_stops_receiving_and_the_stream_ends_unauthenticated(
    site: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gql_invoke.services.live.REAUTH_INTERVAL_S", 0.0)
    server, admin, _, bob = site(worker_enabled=False)
    bob_id = server.ok("{ me { id } }", token=bob)["me"]["id"]
    with WS(server, bob) as ws:
        ws.subscribe(EVENTS)
        enqueue(server, admin)
        ws.next_data("queueEvents")
        server.ok(
            "mutation($id: ID!){ updateUser(id: $id, input: {isActive: false}){ id } }",
            {"id": bob_id},
            admin,
        )
        enqueue(server, admin)
        assert code(errors_of(ws)) == "UNAUTHENTICATED"


def test_a_demoted_admin_stops_receiving_other_peoples_progress(
    site: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gql_invoke.services.live.REAUTH_INTERVAL_S", 0.0)
    server, admin, alice, _ = site()
    carol_id, carol = server.user_with_token(admin, "carol@x.local", is_admin=True)
    with WS(server, carol) as ws:
        ws.subscribe(PROGRESS)
        first = enqueue(server, alice)["items"][0]["id"]
        last = ws.next_data("generationProgress", lambda d: d["step"] == d["totalSteps"])
        assert last["queueItemId"] == first
        server.ok(
            "mutation($id: ID!){ updateUser(id: $id, input: {isAdmin: false}){ id } }",
            {"id": carol_id},
            admin,
        )
        enqueue(server, alice)
        # Demotion ends the session: the next event is not delivered, the stream ends.
        assert code(errors_of(ws)) == "UNAUTHENTICATED"


# --- imageAdded ----------------------------------------------------------------------------


def test_new_images_go_to_those_who_can_read_them(site: Callable) -> None:
    server, admin, alice, bob = site()
    with WS(server, admin) as admin_ws, WS(server, bob) as bob_ws:
        admin_ws.subscribe(IMAGES)
        bob_ws.subscribe(IMAGES)
        alices = enqueue(server, alice)["items"][0]["id"]  # Uncategorized: private
        bobs = enqueue(server, bob)["items"][0]["id"]
        assert bob_ws.next_data("imageAdded")["image"]["queueItemId"] == bobs
        assert admin_ws.next_data("imageAdded")["image"]["queueItemId"] == alices


def test_images_on_a_shared_board_reach_the_people_it_is_shared_with(site: Callable) -> None:
    server, _, alice, bob = site()
    board = server.ok('mutation{ createBoard(name: "shared"){ id } }', token=alice)["createBoard"][
        "id"
    ]
    private = server.ok('mutation{ createBoard(name: "mine"){ id } }', token=alice)["createBoard"][
        "id"
    ]
    bob_id = server.ok("{ me { id } }", token=bob)["me"]["id"]
    server.ok(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: READ){ id } }",
        {"b": board, "u": bob_id},
        alice,
    )
    with WS(server, bob) as ws:
        ws.subscribe(IMAGES, {"b": private}, registered=False)
        assert code(errors_of(ws)) == "NOT_FOUND"  # cannot read it: it does not exist
        ws.subscribe(IMAGES, {"b": board})
        enqueue(server, alice, boardId=private)
        shared = enqueue(server, alice, boardId=board)["items"][0]["id"]
        added = ws.next_data("imageAdded")["image"]
    assert added["queueItemId"] == shared and added["owner"]["displayName"] == "alice"


# --- credentials re-checked by every stream (one helper: services/live.py) ------------------

INSTALLS = "subscription { modelInstallProgress { source stage message } }"
UPDATE_USER = "mutation($id: ID!, $i: UpdateUserInput!){ updateUser(id: $id, input: $i){ id } }"


@pytest.fixture
def admins(make_server: Callable[..., Server]) -> tuple[Server, str, str, str]:
    """A server without a worker, its first admin and a second admin, carol (id, token)."""
    server = make_server(multiuser=True)
    admin = server.setup_admin()
    carol_id, carol = server.user_with_token(admin, "carol@x.local", is_admin=True)
    return server, admin, carol_id, carol


def publish(server: Server, topic: str, payload: events.LiveEvent) -> None:
    bus = runtime.current().bus
    server.client.portal.call(lambda: bus.publish(topic, payload))  # type: ignore[union-attr]


def install_event(stage: str) -> events.ModelInstallProgress:
    return events.ModelInstallProgress("/srv/private/models/sd15", stage, stage)


def follow_installs(server: Server, token: str) -> WS:
    """carol follows installs; the first event proves the stream is live."""
    ws = WS(server, token)
    ws.subscribe(INSTALLS)
    publish(server, model_install.INSTALL_TOPIC, install_event("detecting"))
    assert ws.next_data("modelInstallProgress")["stage"] == "detecting"
    return ws


def ended_undelivered(ws: WS) -> str:
    """The very next message ends the stream with an error (no data): its code."""
    msg = ws.receive()
    assert msg["type"] == "next" and msg["payload"]["data"] is None, msg
    assert ws.receive() == {"id": msg["id"], "type": "complete"}
    return code(msg["payload"]["errors"])


def test_an_admin_who_loses_admin_rights_mid_install_gets_forbidden_not_the_next_event(
    admins: tuple[Server, str, str, str],
) -> None:
    server, _, carol_id, carol = admins
    with follow_installs(server, carol) as ws:
        # Rights changed in the database while the session stays valid (another
        # process, a manual fix): the next install event must not reach carol.
        server.sql("UPDATE users SET is_admin = 0 WHERE id = ?", (carol_id,))
        assert server.sql("SELECT is_admin FROM users WHERE id = ?", (carol_id,)) == [(0,)]
        publish(server, model_install.INSTALL_TOPIC, install_event("loading"))
        assert ended_undelivered(ws) == "FORBIDDEN"


def test_an_admin_demoted_through_update_user_mid_install_gets_unauthenticated(
    admins: tuple[Server, str, str, str],
) -> None:
    server, admin, carol_id, carol = admins
    with follow_installs(server, carol) as ws:
        server.ok(UPDATE_USER, {"id": carol_id, "i": {"isAdmin": False}}, admin)
        publish(server, model_install.INSTALL_TOPIC, install_event("loading"))
        # Demotion also ends carol's sessions, which is checked first.
        assert ended_undelivered(ws) == "UNAUTHENTICATED"


def test_a_deactivated_admin_mid_install_gets_unauthenticated_not_the_next_event(
    admins: tuple[Server, str, str, str],
) -> None:
    server, admin, carol_id, carol = admins
    with follow_installs(server, carol) as ws:
        server.ok(UPDATE_USER, {"id": carol_id, "i": {"isActive": False}}, admin)
        publish(server, model_install.INSTALL_TOPIC, install_event("loading"))
        assert ended_undelivered(ws) == "UNAUTHENTICATED"


def test_an_admin_who_logs_out_mid_install_gets_unauthenticated_not_the_next_event(
    admins: tuple[Server, str, str, str],
) -> None:
    server, _, _, carol = admins
    with follow_installs(server, carol) as ws:
        assert server.ok("mutation{ logout }", token=carol) == {"logout": True}
        publish(server, model_install.INSTALL_TOPIC, install_event("loading"))
        assert ended_undelivered(ws) == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        (EVENTS, events.QUEUE),
        (PROGRESS, events.PROGRESS),
        (IMAGES, events.IMAGE),
        (INSTALLS, model_install.INSTALL_TOPIC),
    ],
    ids=["queueEvents", "generationProgress", "imageAdded", "modelInstallProgress"],
)
def test_every_subscription_rechecks_through_the_one_helper_and_ends_after_logout(
    admins: tuple[Server, str, str, str], monkeypatch: pytest.MonkeyPatch, query: str, topic: str
) -> None:
    monkeypatch.setattr("gql_invoke.services.live.REAUTH_INTERVAL_S", 0.0)
    checks: list[str | None] = []
    real = live.recheck

    async def spy(token: str | None, ip: str | None, **kwargs: Any) -> Any:
        checks.append(token)
        return await real(token, ip, **kwargs)

    monkeypatch.setattr(live, "recheck", spy)
    server, _, _, carol = admins
    with WS(server, carol) as ws:
        ws.subscribe(query)
        server.ok("mutation{ logout }", token=carol)
        publish(server, topic, events.QueueCleared())  # never rendered: the check comes first
        assert ended_undelivered(ws) == "UNAUTHENTICATED"
    assert checks == [carol]
