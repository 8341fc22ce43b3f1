"""Shared helpers for the queue, worker and subscription tests.

The demo model is built once per test process and linked into each server's
models folder (the start-up step finds it built and only registers it), and
the loaded pipeline is shared by every test worker through one PipelineCache,
so a test server costs no model build and no model load.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from gql_invoke import runtime
from tests.helpers import Server, make_settings

DEMO_KEY = "demo-tiny-sd"
_built: Path | None = None
_cache: Any = None

ENQUEUE = """mutation($i: EnqueueInput!){ enqueue(input: $i){ batchId
  items { id status isMine ownerName cost position params { seed width height steps } } } }"""
ITEM = """query($id: ID!){ queueItem(id: $id){ id status error isMine ownerName position
  estimatedStartAt params { prompt seed model } images { id url metadata } } }"""
STATUS = """{ queueStatus { paused policy pending inProgress myPending myInProgress completed
  failed canceled } }"""


def demo_model_dir() -> Path:
    global _built
    if _built is None:
        from gql_invoke.generation.demo import build_demo_model

        base = Path(tempfile.mkdtemp(prefix="gqli-demo-"))
        atexit.register(shutil.rmtree, base, True)
        _built = build_demo_model(base / DEMO_KEY)
    return _built


def shared_cache() -> Any:
    global _cache
    if _cache is None:
        from gql_invoke.generation.pipelines import PipelineCache

        _cache = PipelineCache(2)
    return _cache


def link_demo_model(root: Path) -> None:
    models = root / "models"
    models.mkdir(parents=True, exist_ok=True)
    link = models / DEMO_KEY
    if not link.exists():
        os.symlink(demo_model_dir(), link)


@pytest.fixture
def gen_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Servers with the worker running on the demo model (multiuser unless overridden).

    ``root`` reuses a folder (a restart); ``stop(server)`` shuts one down early.
    """
    from gql_invoke.app import create_app

    running: list[TestClient] = []

    def factory(root: Path | None = None, **overrides: Any) -> Server:
        root = root or tmp_path / f"gen{len(running)}"
        link_demo_model(root)
        options = {
            "multiuser": True,
            "worker_enabled": True,
            "build_demo_model": True,
            "previews_per_second": 1000,
            **overrides,
        }
        settings = make_settings(root, **options)
        client = TestClient(create_app(settings), client=("10.1.2.3", 50000))
        client.__enter__()
        running.append(client)
        worker = runtime.current().worker
        if worker is not None:
            worker.cache = shared_cache()
        return Server(client, settings)

    def stop(server: Server) -> None:
        running.remove(server.client)
        server.client.__exit__(None, None, None)

    factory.stop = stop  # type: ignore[attr-defined]
    yield factory
    for client in reversed(running):
        client.__exit__(None, None, None)


def gen_input(prompt: str = "a red fox", **generation: Any) -> dict[str, Any]:
    runs = generation.pop("runs", 1)
    prepend = generation.pop("prepend", False)
    g = {"prompt": prompt, "width": 64, "height": 64, "steps": 2, **generation}
    return {"generation": g, "runs": runs, "prepend": prepend}


def enqueue(
    server: Server, token: str | None, prompt: str = "a red fox", **generation: Any
) -> dict[str, Any]:
    return server.ok(ENQUEUE, {"i": gen_input(prompt, **generation)}, token)["enqueue"]


def wait_for(
    server: Server,
    token: str | None,
    item_id: str,
    statuses: tuple[str, ...],
    timeout: float = 30.0,
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        item = server.ok(ITEM, {"id": item_id}, token)["queueItem"]
        if item["status"] in statuses:
            return item
        if time.monotonic() > deadline:
            raise AssertionError(f"item {item_id} still {item['status']}, wanted {statuses}")
        time.sleep(0.05)


def status(server: Server, token: str | None) -> dict[str, Any]:
    return server.ok(STATUS, token=token)["queueStatus"]


class WS:
    """A graphql-transport-ws client over the TestClient."""

    def __init__(self, server: Server, token: str | None) -> None:
        self._cm = server.client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"]
        )
        self.ws = self._cm.__enter__()
        payload = {"authorization": f"Bearer {token}"} if token else {}
        self.ws.send_json({"type": "connection_init", "payload": payload})
        ack = self.ws.receive_json()
        assert ack["type"] == "connection_ack", ack
        self._next_id = 0

    def subscribe(
        self, query: str, variables: dict[str, Any] | None = None, registered: bool = True
    ) -> str:
        """Start a subscription; with ``registered``, return once it listens on the bus
        (so nothing the test does next can be missed). Refused ones never do."""
        bus = runtime.current().bus
        before = set(bus._subscribers)
        shared = _shared_counts()
        self._next_id += 1
        op = str(self._next_id)
        self.ws.send_json(
            {
                "id": op,
                "type": "subscribe",
                "payload": {"query": query, "variables": variables or {}},
            }
        )
        deadline = time.monotonic() + 10
        # Listening: a stream of its own on the bus, or a new member of a shared stream
        # that was listening already (gql_invoke/ws_shared.py: no new group).
        while registered and not (
            set(bus._subscribers) - before
            or (_shared_counts()[1] > shared[1] and _shared_counts()[0] == shared[0])
        ):
            assert time.monotonic() < deadline, "the subscription never started"
            time.sleep(0.005)
        return op

    def receive(self) -> dict[str, Any]:
        while True:
            msg = self.ws.receive_json()
            if msg["type"] != "ping":
                return msg
            self.ws.send_json({"type": "pong"})

    def next_data(
        self, field: str, where: Callable[[dict[str, Any]], bool] = lambda _d: True
    ) -> dict[str, Any]:
        """The next `next` message's data[field] that matches ``where``."""
        while True:
            msg = self.receive()
            assert msg["type"] == "next", msg
            assert not msg["payload"].get("errors"), msg
            data = msg["payload"]["data"][field]
            if where(data):
                return data

    def close(self) -> None:
        self._cm.__exit__(None, None, None)

    def __enter__(self) -> WS:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _shared_counts() -> tuple[int, int]:
    """Shared streams, and their members."""
    from gql_invoke import ws_shared

    groups = ws_shared.groups().values()
    return len(groups), sum(len(g.members) for g in groups)
