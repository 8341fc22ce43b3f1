"""generationProgress subscriptions that are the same request share one stream.

A hundred tabs (or a hundred dashboard clients) following progress each ran the
whole pipeline per event: the subscription's own stream and credential checks,
graphql-core's per-event execution, strawberry's per-result extension hooks. The
execution result was already shared (schema/execution.render_once) and its JSON
encoded once (ws_frames.py), but the rest cost about 110 us of the API process's
CPU per subscriber and event, and a hundred subscribers took 11 ms to reach the
last one.

Subscriptions here are one stream when everything that decides what they receive
is equal: the document, its variables and operation name, and who asks (user id,
the token as sent, the client address). The first one's operation runs the stream
(the pump: strawberry's own, with every check it makes); a later one joins only
after the checks its own start would make (its credentials now, the stream's
filters: live.may_follow_progress), else it runs a stream of its own. Each result is
handed to every member, which sends it on its own socket as strawberry would (its
own operation id, the frame's data encoded once). A member that leaves (complete, the
socket closing) leaves the others running; the last one out ends the stream. A
member that cannot keep up loses its oldest undelivered results (progress is a
gauge: the next one supersedes it), never the others' frames.

Only generationProgress: it renders from the event alone, with no per-connection
state. queueEvents takes `since` (a replay per subscriber) and renews the
connection's actor as it goes; imageAdded reads per viewer. They stay one stream per
subscription.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from collections import deque
from collections.abc import AsyncIterator, Hashable
from dataclasses import dataclass, field
from typing import Any

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse
from strawberry.utils.aio import aclosing

from gql_invoke.services import live

SHARED_FIELDS = frozenset({"generationProgress"})
# Results a member may have waiting; past this its oldest are dropped.
MEMBER_BUFFER = 64


class _End:
    """The stream ended; ``error`` when it ended by raising."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


@dataclass(eq=False)
class Member:
    group: Group
    _results: deque[Any] = field(default_factory=lambda: deque(maxlen=MEMBER_BUFFER))
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _end: _End | None = None
    dropped: int = 0

    def offer(self, result: Any) -> None:
        if len(self._results) == MEMBER_BUFFER:
            self.dropped += 1  # the deque drops the oldest
        self._results.append(result)
        self._wake.set()

    def finish(self, end: _End) -> None:
        self._end = end
        self._wake.set()

    async def results(self) -> AsyncIterator[Any]:
        """What the stream yields, in order, until it ends (its error raised here)."""
        while True:
            while self._results:
                yield self._results.popleft()
            if self._end is not None:
                if self._end.error is not None:
                    raise self._end.error
                return
            self._wake.clear()
            await self._wake.wait()

    def leave(self) -> None:
        self.group.remove(self)


@dataclass(eq=False)
class Group:
    key: Hashable
    members: set[Member] = field(default_factory=set)
    task: asyncio.Task[None] | None = None
    closed: bool = False
    opened_with: list[tuple[str | None, str | None]] = field(default_factory=list)

    def add(self) -> Member:
        member = Member(self)
        self.members.add(member)
        return member

    def remove(self, member: Member) -> None:
        self.members.discard(member)
        if not self.members and self.task is not None and not self.task.done():
            # The last one out: nobody reads the stream any more. Closed first, so that a
            # subscriber arriving while it winds down starts a stream of its own.
            self.close()
            self.task.cancel()

    def close(self) -> None:
        self.closed = True
        open_groups = _groups()
        if open_groups.get(self.key) is self:
            del open_groups[self.key]


# Per event loop: a group's stream runs on the loop of the sockets it serves (an app
# started twice in one process, as tests do, has one loop each).
_loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Hashable, Group]] = (
    weakref.WeakKeyDictionary()
)


def _groups() -> dict[Hashable, Group]:
    return _loops.setdefault(asyncio.get_running_loop(), {})


def shared_key(
    query: str, variables: Any, operation_name: str | None, ctx: Any, max_tokens: int
) -> Any:
    """The key subscriptions share a stream under, or None for one of its own."""
    if not _is_shared_field(query, operation_name, max_tokens):
        return None
    actor = getattr(ctx, "actor", None)
    if actor is None:
        return None  # refused by the permission check: strawberry's own path says so
    try:
        values = json.dumps(variables, sort_keys=True)
    except (TypeError, ValueError):
        return None
    return (query, values, operation_name, actor.user_id, ctx.token, ctx.ip)


def _is_shared_field(query: str, operation_name: str | None, max_tokens: int) -> bool:
    """One subscription operation (the one named) whose only root selection is a field of
    SHARED_FIELDS. Anything unusual (no parse, fragments at the root): not shared."""
    if not isinstance(query, str) or not any(name in query for name in SHARED_FIELDS):
        return False
    try:
        # Bounded as the schema's own parse is (max_tokens): this one runs first, on the
        # event loop, for any text that merely names the field.
        document = parse(query, no_location=True, max_tokens=max_tokens)
    except GraphQLError:
        return False
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        ops = [op for op in ops if op.name is not None and op.name.value == operation_name]
    if len(ops) != 1 or ops[0].operation != OperationType.SUBSCRIPTION:
        return False
    selections = ops[0].selection_set.selections
    return (
        len(selections) == 1
        and isinstance(selections[0], FieldNode)
        and selections[0].name.value in SHARED_FIELDS
    )


def join(key: Hashable, open_stream: Any, checked: Group | None) -> Member:
    """A member of ``checked`` (a group from joinable() whose checks this subscriber
    passed) while it is open; else of a new group under ``key``, which runs
    ``open_stream()`` (an awaitable giving the async iterator of results) in a task of
    its own and is the one later subscribers join."""
    if checked is not None and not checked.closed:
        return checked.add()
    group = _groups()[key] = Group(key)
    member = group.add()
    group.task = asyncio.create_task(_pump(group, open_stream), name="shared-stream")
    return member


async def _pump(group: Group, open_stream: Any) -> None:
    # The filters the stream was opened with, for joiners' checks (live.OPENED_WITH).
    live.OPENED_WITH.set(group.opened_with)
    end = _End()
    try:
        source = await open_stream()
        async with aclosing(source):
            try:
                async for result in source:
                    for member in list(group.members):
                        member.offer(result)
            except Exception as exc:
                end = _End(exc)
            finally:
                group.close()  # before the source winds down: joiners start their own
    except asyncio.CancelledError:
        raise  # the last member left: nobody to tell
    except Exception as exc:
        end = _End(exc)
    finally:
        group.close()
        for member in list(group.members):
            member.finish(end)


def joinable(key: Hashable) -> Group | None:
    """The open group under ``key`` whose stream has started (its filters are known)."""
    group = _groups().get(key)
    if group is None or group.closed or len(group.opened_with) != 1:
        return None
    return group


async def check_joiner(ctx: Any, group: Group) -> None:
    """What the subscription would check when it starts, for this subscriber: its
    credentials now and the group's filters (raises what live.may_follow_progress raises)."""
    item_id, batch_id = group.opened_with[0]
    await live.may_follow_progress(ctx.token, ctx.ip, item_id, batch_id)


def groups() -> dict[Hashable, Group]:
    """The live groups of every loop (tests and diagnostics)."""
    return {k: g for open_groups in list(_loops.values()) for k, g in open_groups.items()}
