"""Process-wide state the services need: settings, rate limiter, event bus, live
streams' listeners, worker.

Set once by the server lifespan or the CLI (``start``) and read by services
through ``current()``; tests build their own with the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gql_invoke.auth.listeners import Listeners
from gql_invoke.auth.rate_limit import RefusalLog
from gql_invoke.config import Settings
from gql_invoke.events import EventBus


@dataclass
class Runtime:
    settings: Settings
    # Refused sign-ins, aggregated into one audit row per key and window; the attempt
    # counters themselves are shared rows in the database (services/login_counters.py).
    login_refusals: RefusalLog
    bus: EventBus
    # Credential checks shared by live streams and the per-user stream caps.
    listeners: Listeners
    # The GPU worker, when this process runs one (the server does, the CLI does not).
    worker: Any = None
    extras: dict[str, Any] = field(default_factory=dict)


_runtime: Runtime | None = None


def start(settings: Settings) -> Runtime:
    global _runtime
    _runtime = Runtime(
        settings=settings,
        login_refusals=RefusalLog(settings.login_failure_window_minutes * 60),
        bus=EventBus(),
        listeners=Listeners(settings),
    )
    return _runtime


def current() -> Runtime:
    if _runtime is None:
        raise RuntimeError("gql-invoke runtime not started")
    return _runtime


def stop() -> None:
    global _runtime
    if _runtime is not None:
        _runtime.bus.close()
    _runtime = None
