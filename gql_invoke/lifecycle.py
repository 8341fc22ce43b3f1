"""Start-up and shutdown of the long-lived parts: demo model, GPU worker."""

from __future__ import annotations

import asyncio

from gql_invoke.runtime import Runtime


async def startup(rt: Runtime) -> None:
    rt.bus.bind_loop(asyncio.get_running_loop())


async def shutdown(rt: Runtime) -> None:
    return None
