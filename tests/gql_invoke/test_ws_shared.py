"""generationProgress subscriptions that are the same request share one stream
(gql_invoke/ws_shared.py): what is shared, with whom, and how members come and go.

Absence is proven by order (as in tests/resolvers/test_subscriptions.py): a socket
that must not see event A is sent A, then B, and must receive B first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from gql_invoke import events, runtime, ws_shared
from gql_invoke.services import live
from tests import queue_support
from tests.helpers import Server
from tests.queue_support import WS

gen_server = queue_support.gen_server

PROGRESS = "subscription { generationProgress { queueItemId step totalSteps } }"
TOKENS = 2000  # max_tokens' default


@pytest.fixture
def site(make_server: Callable[..., Server]) -> tuple[Server, str, str, str]:
    """A server without a worker, its admin's token, and alice's and bob's tokens."""
    server = make_server(multiuser=True)
    admin = server.setup_admin()
    _, alice = server.user_with_token(admin, "alice@x.local")
    _, bob = server.user_with_token(admin, "bob@x.local")
    return server, admin, alice, bob


def publish(server: Server, payload: events.LiveEvent, topic: str = events.PROGRESS) -> None:
    bus = runtime.current().bus
    server.client.portal.call(lambda: bus.publish(topic, payload))  # type: ignore[union-attr]


def progress(item: int, owner: str, step: int) -> events.GenerationProgress:
    return events.GenerationProgress(item, "b", owner, step, 4, None, 0.0)


def user_id(server: Server, token: str) -> str:
    return str(server.ok("{ me { id } }", token=token)["me"]["id"])


def members() -> list[int]:
    return sorted(len(g.members) for g in ws_shared.groups().values())


def until(check: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.01)


@pytest.fixture
def streams_opened(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The token of every progress stream opened (one per shared group)."""
    opened: list[str | None] = []
    real = live.follow_progress

    async def spy(actor: Any, token: str | None, *args: Any) -> Any:
        opened.append(token)
        return await real(actor, token, *args)

    monkeypatch.setattr(live, "follow_progress", spy)
    return opened


def test_the_same_request_on_two_sockets_is_one_stream_and_each_gets_its_frames(
    site: tuple[Server, str, str, str], streams_opened: list[str | None]
) -> None:
    server, _, alice, _ = site
    alice_id = user_id(server, alice)
    with WS(server, alice) as first, WS(server, alice) as second:
        first_op = first.subscribe(PROGRESS)
        second.subscribe(PROGRESS)
        second.subscribe(PROGRESS)  # twice on one socket: a third member, its own id
        assert streams_opened == [alice] and members() == [3]
        publish(server, progress(7, alice_id, 1))
        messages = [first.receive(), second.receive(), second.receive()]
    assert [m["type"] for m in messages] == ["next"] * 3
    assert messages[0]["id"] == first_op and {m["id"] for m in messages[1:]} == {"1", "2"}
    data = {"generationProgress": {"queueItemId": "7", "step": 1, "totalSteps": 4}}
    assert all(m["payload"] == {"data": data} for m in messages)
    until(lambda: members() == [])  # the last one out ended the stream


def test_other_users_or_tokens_or_documents_get_streams_of_their_own(
    site: tuple[Server, str, str, str], streams_opened: list[str | None]
) -> None:
    server, admin, alice, bob = site
    alice_id, bob_id = user_id(server, alice), user_id(server, bob)
    alice_again = server.login("alice@x.local")  # a second session of hers
    with WS(server, alice) as a1, WS(server, alice_again) as a2, WS(server, bob) as b:
        a1.subscribe(PROGRESS)
        a2.subscribe(PROGRESS)
        b.subscribe(PROGRESS)
        a1.subscribe("subscription { generationProgress { step } }")
        assert streams_opened == [alice, alice_again, bob, alice]
        assert members() == [1, 1, 1, 1]
        publish(server, progress(7, alice_id, 1))  # alice's: not bob's
        publish(server, progress(8, bob_id, 2))
        assert b.next_data("generationProgress")["queueItemId"] == "8"
        assert a2.next_data("generationProgress")["queueItemId"] == "7"
        got = {a1.receive()["payload"]["data"]["generationProgress"].get("step") for _ in "ab"}
        assert got == {1}
    assert admin  # (the admin's token made the users)


def test_a_member_that_leaves_leaves_the_others_running(
    site: tuple[Server, str, str, str], streams_opened: list[str | None]
) -> None:
    server, _, alice, _ = site
    alice_id = user_id(server, alice)
    bus = runtime.current().bus
    with WS(server, alice) as stays, WS(server, alice) as goes:
        stays.subscribe(PROGRESS)
        op = goes.subscribe(PROGRESS)
        listening = len(bus._subscribers)
        goes.ws.send_json({"id": op, "type": "complete"})
        until(lambda: members() == [1])
        publish(server, progress(7, alice_id, 1))
        assert stays.next_data("generationProgress")["step"] == 1
        assert len(bus._subscribers) == listening  # still the one stream
        goes.subscribe(PROGRESS)  # and joins it again
        assert streams_opened == [alice] and members() == [2]
        publish(server, progress(7, alice_id, 2))
        assert goes.next_data("generationProgress")["step"] == 2
        assert stays.next_data("generationProgress")["step"] == 2
    until(lambda: members() == [] and len(bus._subscribers) == listening - 1)


def test_a_logout_ends_every_member_unauthenticated(
    site: tuple[Server, str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gql_invoke.services.live.REAUTH_INTERVAL_S", 0.0)
    server, _, alice, _ = site
    alice_id = user_id(server, alice)
    with WS(server, alice) as first, WS(server, alice) as second:
        first.subscribe(PROGRESS)
        second.subscribe(PROGRESS)
        server.ok("mutation{ logout }", token=alice)
        publish(server, progress(7, alice_id, 1))  # never rendered: the check comes first
        for ws in (first, second):
            msg = ws.receive()
            assert msg["type"] == "next" and msg["payload"]["data"] is None, msg
            assert msg["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
            assert ws.receive() == {"id": msg["id"], "type": "complete"}
    until(lambda: members() == [])


def test_a_refused_subscription_is_refused_for_each_member(
    site: tuple[Server, str, str, str],
) -> None:
    server, _, alice, _ = site
    query = "subscription($i: ID){ generationProgress(queueItemId: $i){ step } }"
    with WS(server, alice) as first, WS(server, alice) as second:
        for ws in (first, second):
            ws.subscribe(query, {"i": "99999"}, registered=False)
            msg = ws.receive()
            assert msg["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND", msg
            assert ws.receive()["type"] == "complete"
    until(lambda: members() == [])


def test_a_resubscribe_right_after_the_last_member_left_gets_events(
    site: tuple[Server, str, str, str],
) -> None:
    server, _, alice, _ = site
    alice_id = user_id(server, alice)
    with WS(server, alice) as ws:
        op = ws.subscribe(PROGRESS)
        # What a UI re-render sends: stop, then the same subscription again at once.
        ws.ws.send_json({"id": op, "type": "complete"})
        again = ws.subscribe(PROGRESS)
        publish(server, progress(7, alice_id, 1))
        msg = ws.receive()
        assert msg["id"] == again and msg["type"] == "next", msg


def test_a_joiner_is_checked_as_a_subscription_of_its_own_would_be(
    gen_server: Callable[..., Server],
) -> None:
    from tests.queue_support import enqueue

    server = gen_server(worker_enabled=False)
    admin = server.setup_admin()
    _, alice = server.user_with_token(admin, "alice@x.local")
    item = enqueue(server, alice, "mine")["items"][0]["id"]
    query = "subscription($i: ID){ generationProgress(queueItemId: $i){ step } }"
    with WS(server, alice) as first, WS(server, alice) as second:
        first.subscribe(query, {"i": item})
        assert members() == [1]
        server.ok("mutation{ clearQueue }", token=alice)  # canceled,
        server.ok("mutation{ pruneQueue }", token=alice)  # then gone
        second.subscribe(query, {"i": item}, registered=False)
        msg = second.receive()
        assert msg["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND", msg
        assert second.receive()["type"] == "complete"
        assert members() == [1]  # it never joined


# --- what is shared ---------------------------------------------------------------------


def ctx(user: str = "u1", token: str | None = "t", ip: str | None = "1.2.3.4") -> Any:
    return SimpleNamespace(actor=SimpleNamespace(user_id=user), token=token, ip=ip)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        (PROGRESS, None),
        ("subscription P { generationProgress { step } }", "P"),
        ("subscription A { generationProgress { step } } query B { me { id } }", "A"),
        ("subscription { p: generationProgress(batchId: $b) { step } }", None),
    ],
)
def test_a_single_generation_progress_subscription_is_shared(query: str, name: str | None) -> None:
    assert ws_shared.shared_key(query, {"b": "1"}, name, ctx(), TOKENS) is not None


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("subscription { queueEvents { __typename } }", None),  # since: its own replay
        ("subscription { imageAdded { image { id } } }", None),
        ("query { generationProgress }", None),
        ("subscription { generationProgress { step } queueEvents { __typename } }", None),
        ("subscription { ...F } fragment F on Subscription { generationProgress { step } }", None),
        ("subscription A { generationProgress { step } } subscription B { x }", None),
        ("subscription A { generationProgress { step } }", "B"),
        ("subscription { generationProgress { step }", None),  # does not parse
        (None, None),
    ],
)
def test_anything_else_gets_a_stream_of_its_own(query: Any, name: str | None) -> None:
    assert ws_shared.shared_key(query, None, name, ctx(), TOKENS) is None


def test_the_key_tells_apart_users_tokens_addresses_and_variables() -> None:
    def key(variables: Any, context: Any) -> Any:
        return ws_shared.shared_key(PROGRESS, variables, None, context, TOKENS)

    base = key({"i": "1"}, ctx())
    assert base == key({"i": "1"}, ctx())
    others = [
        key({"i": "1"}, ctx(user="u2")),
        key({"i": "1"}, ctx(token="t2")),
        key({"i": "1"}, ctx(ip="5.6.7.8")),
        key({"i": "2"}, ctx()),
    ]
    assert len({base, *others}) == 5
    assert key(None, SimpleNamespace(actor=None, token=None, ip=None)) is None


def test_a_document_past_the_token_limit_is_not_parsed_to_the_end() -> None:
    # Parsed on the event loop before the schema's own limits: bounded the same way.
    at_limit = "subscription { generationProgress { step } }"  # 7 tokens
    assert ws_shared.shared_key(at_limit, None, None, ctx(), 7) is not None
    assert ws_shared.shared_key(at_limit, None, None, ctx(), 6) is None
    huge = "# generationProgress\n" + "query { " + "a " * 500_000 + "}"
    assert ws_shared.shared_key(huge, None, None, ctx(), TOKENS) is None


async def test_a_member_that_cannot_keep_up_loses_its_oldest_results_only() -> None:
    group = ws_shared.Group("k")
    slow, fast = group.add(), group.add()
    for n in range(ws_shared.MEMBER_BUFFER + 3):
        slow.offer(n)
        if n % 8 == 0:
            fast.offer(n)
    slow.finish(ws_shared._End())
    got = [r async for r in slow.results()]
    assert got == list(range(3, ws_shared.MEMBER_BUFFER + 3)) and slow.dropped == 3
    assert fast.dropped == 0
