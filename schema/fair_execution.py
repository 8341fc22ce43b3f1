"""Cooperative time slicing: an expensive operation must not starve everyone else.

All requests of a process share one event loop. asyncio runs, in each loop
iteration, every callback that was ready when the iteration began; an operation
resolving thousands of fields schedules thousands of them at once, so one
iteration becomes a burst of hundreds of milliseconds and another user's
trivial request, which needs a dozen iterations, waits seconds.

Operations whose static cost (schema/query_cost.py) exceeds SLICE_ABOVE_COST
therefore resolve in slices: once such an operation has run SLICE_S of CPU in
the current slice, each further field waits for a turn, and turns are handed out
at most BATCH per loop iteration, in FIFO order across every sliced operation.
Cheap operations never wait. A sliced operation takes somewhat longer; its
DataLoaders still batch a whole level at once (BatchClock), and its result is the same.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from inspect import isawaitable
from typing import Any

from strawberry.extensions import SchemaExtension

SLICE_S = 0.003
BATCH = 32
# Above the UI's everyday pages (a gallery page of 100 boards and 100 images costs 3,602;
# most pages cost a few hundred), so only bulk reads and attacks are sliced.
SLICE_ABOVE_COST = 4_000
COST_ATTRIBUTE = "gql_invoke_query_cost"
# Loop iterations without sliced work before held DataLoader batches go out.
SETTLE_ITERATIONS = 3


class _Turns:
    """Turns for sliced work on one event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.waiting: deque[asyncio.Future[None]] = deque()
        self.slice_started: float | None = None
        self.pumping = False
        # DataLoader dispatches of sliced operations, held until no field waits for a
        # turn: every load of a level is in by then, so a level is still one batch.
        self.idle: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def over_budget(self) -> bool:
        now = time.perf_counter()
        if self.slice_started is None:
            self.slice_started = now
            return False
        return now - self.slice_started > SLICE_S

    def wait(self) -> asyncio.Future[None]:
        future: asyncio.Future[None] = self.loop.create_future()
        self.waiting.append(future)
        if not self.pumping:
            self.pumping = True
            self.loop.call_soon(self._pump)
        return future

    def _pump(self) -> None:
        # The woken fields run in the next iteration, with everyone else's callbacks;
        # this pump runs again after them and starts a new slice.
        self.slice_started = None
        for _ in range(min(BATCH, len(self.waiting))):
            future = self.waiting.popleft()
            if not future.done():  # canceled: the client went away
                future.set_result(None)
        if self.waiting:
            self.loop.call_soon(self._pump)
            return
        self.pumping = False
        if self.idle:
            self.loop.call_soon(self._settle, SETTLE_ITERATIONS)

    def _settle(self, left: int) -> None:
        """Dispatch held batches once no turn was asked for during a few iterations:
        fields that are still being completed (graphql-core tasks) load meanwhile."""
        if self.waiting or self.pumping:
            return  # more sliced work came: the pump settles again when it is done
        if left > 0:
            self.loop.call_soon(self._settle, left - 1)
            return
        idle, self.idle = self.idle, []
        for callback, args in idle:
            self.loop.call_soon(callback, *args)

    def when_idle(self, callback: Callable[..., Any], *args: Any) -> None:
        first = not self.idle
        self.idle.append((callback, args))
        if first and not (self.waiting or self.pumping):
            self.loop.call_soon(self._settle, SETTLE_ITERATIONS)


class BatchClock:
    """What a request's DataLoaders use as their event loop.

    Strawberry's DataLoader schedules a batch with loop.call_soon at the first load;
    for a sliced operation that would cut a level of the result into one batch per
    slice, so the dispatch waits for the turns to drain (``when_idle``) instead.
    """

    def __init__(self) -> None:
        self.turns: _Turns | None = None

    def call_soon(self, callback: Callable[..., Any], *args: Any) -> Any:
        if self.turns is None:
            return asyncio.get_running_loop().call_soon(callback, *args)
        self.turns.when_idle(callback, *args)
        return None

    def __getattr__(self, name: str) -> Any:  # create_future, get_debug, ...
        return getattr(asyncio.get_running_loop(), name)


_turns: dict[asyncio.AbstractEventLoop, _Turns] = {}


def turns() -> _Turns:
    loop = asyncio.get_running_loop()
    found = _turns.get(loop)
    if found is None:
        for stale in [lp for lp in _turns if lp.is_closed()]:
            del _turns[stale]
        found = _turns[loop] = _Turns(loop)
    return found


class FairExecution(SchemaExtension):
    """Slices operations the cost limiter found expensive (it records their cost)."""

    def __init__(self) -> None:
        super().__init__()
        self.turns: _Turns | None = None

    def on_execute(self) -> Iterator[None]:
        cost = getattr(self.execution_context, COST_ATTRIBUTE, 0)
        self.turns = turns() if cost > SLICE_ABOVE_COST else None
        clock = getattr(getattr(self.execution_context.context, "loaders", None), "clock", None)
        if isinstance(clock, BatchClock):
            clock.turns = self.turns
        yield

    def resolve(self, _next: Callable[..., Any], root: Any, info: Any, *args: Any,
                **kwargs: Any) -> Any:
        slicer = self.turns
        if slicer is None:
            return _next(root, info, *args, **kwargs)
        if slicer.over_budget():
            return self._later(slicer, _next, root, info, args, kwargs)
        result = _next(root, info, *args, **kwargs)
        return self._settled(slicer, result) if isawaitable(result) else result

    @staticmethod
    async def _later(slicer: _Turns, _next: Callable[..., Any], root: Any, info: Any,
                     args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        await slicer.wait()
        result = _next(root, info, *args, **kwargs)
        return await FairExecution._settled(slicer, result) if isawaitable(result) else result

    @staticmethod
    async def _settled(slicer: _Turns, result: Awaitable[Any]) -> Any:
        # A DataLoader batch wakes every waiting resolver at once: queue up again
        # rather than completing all of their subtrees in this one iteration.
        value = await result
        if slicer.over_budget():
            await slicer.wait()
        return value
