"""Torch work outside the API process: model checks and the demo build.

`gql-invoke serve` keeps torch and diffusers out of the API process (they cost
seconds and hundreds of MB, and every step of a GPU loop in the same interpreter
competes with requests for the GIL). The few things the API itself needs torch for
(building the demo model, checking that an installed model loads) then run in one
child process, started on first use and kept for the next (``use_child(True)``, set
by the server), until shutdown(): the server ends it once the demo model is built.
Elsewhere (workers, the CLI, tests) they run in a thread, as before.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

import anyio

from gql_invoke import errors

T = TypeVar("T")
_child = False
_pool: ProcessPoolExecutor | None = None


def use_child(on: bool) -> None:
    """Run offloaded work in a child process (True) or a thread of this one (False)."""
    global _child
    _child = on


async def run(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` away from the event loop: in the child process when use_child(True),
    else in a worker thread. ``fn`` and its arguments must be picklable (module-level)."""
    if not _child:
        return await anyio.to_thread.run_sync(fn, *args)
    outcome = await asyncio.get_running_loop().run_in_executor(_executor(), _call, fn, args)
    if outcome[0] == "error":
        # Rebuilt here: domain errors carry keyword fields that pickling would drop.
        _, type_name, message, extensions = outcome
        cls = getattr(errors, type_name, errors.Invalid)
        raise cls(message, **extensions)
    value: T = outcome[1]
    return value


def call(target: str, *args: Any) -> Any:
    """``module:function`` called with ``args``: for run() on functions whose module
    imports torch at the top (importing it here, in the parent, would defeat the point)."""
    import importlib

    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(*args)


def shutdown() -> None:
    """Stops the child process, if one was started."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # spawn, not fork: the API process has threads and an event loop running.
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _pool


def _call(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        return ("ok", fn(*args))
    except errors.DomainError as exc:
        return ("error", type(exc).__name__, exc.message, exc.extensions)
