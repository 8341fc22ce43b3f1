"""The GPU task loop end to end on the demo model (64x64, 2 steps unless a test
needs a long job to catch in flight)."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image as PILImage

from gql_invoke import runtime
from gql_invoke.generation.image_files import METADATA_KEY
from tests import queue_support
from tests.helpers import Server
from tests.queue_support import ITEM, enqueue, status, wait_for

gen_server = queue_support.gen_server

CANCEL = "mutation($id: ID!){ cancelQueueItem(id: $id){ id status } }"
MY_IMAGES = "{ images(uncategorized: true){ edges { node { id queueItemId } } } }"


def png(server: Server, url: str) -> PILImage.Image:
    response = server.client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    return PILImage.open(io.BytesIO(response.content))


def test_enqueued_job_completes_and_its_image_is_readable_with_metadata(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    result = enqueue(server, admin, "a lighthouse", negativePrompt="fog", seed=77)
    item = wait_for(server, admin, result["items"][0]["id"], ("COMPLETED", "FAILED"))
    assert item["status"] == "COMPLETED", item["error"]
    [image] = item["images"]
    picture = png(server, image["url"])
    embedded = json.loads(picture.text[METADATA_KEY])  # type: ignore[attr-defined]
    assert embedded == image["metadata"]
    assert embedded | {"cfgScale": 0} == {
        "prompt": "a lighthouse",
        "negativePrompt": "fog",
        "seed": 77,
        "model": "demo-tiny-sd",
        "steps": 2,
        "cfgScale": 0,
        "scheduler": "EULER",
        "width": 64,
        "height": 64,
        "queueItemId": int(item["id"]),
        # Every token was encoded (byte-level demo tokenizer: one per letter of a word).
        "promptTokens": 11,
        "negativePromptTokens": 3,
    }
    assert picture.size == (64, 64)
    assert status(server, admin)["completed"] == 1


def test_same_seed_gives_identical_pixels_and_another_seed_does_not(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    first = enqueue(server, admin, "tide pools", seed=123)["items"][0]["id"]
    pair = enqueue(server, admin, "tide pools", seed=123, runs=2)["items"]
    pixels = []
    for item_id in (first, pair[0]["id"], pair[1]["id"]):
        item = wait_for(server, admin, item_id, ("COMPLETED", "FAILED"))
        pixels.append(np.asarray(png(server, item["images"][0]["url"]).convert("RGB")))
    assert np.array_equal(pixels[0], pixels[1])
    assert not np.array_equal(pixels[0], pixels[2])  # seed 124


def steps_after(worker: object, item_id: str, moment: float) -> int:
    trace = worker.trace or []  # type: ignore[attr-defined]
    return sum(1 for e in trace if e[0] == "step" and e[1] == int(item_id) and e[3] > moment)


def test_canceling_a_running_job_stops_it_within_a_step_and_stores_nothing(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    worker = runtime.current().worker
    worker.trace = []
    long_id = enqueue(server, admin, "slow", steps=150)["items"][0]["id"]
    next_id = enqueue(server, admin, "quick")["items"][0]["id"]
    wait_for(server, admin, long_id, ("IN_PROGRESS",))
    asked = time.time()
    canceled = server.ok(CANCEL, {"id": long_id}, admin)["cancelQueueItem"]
    assert canceled["status"] == "CANCELED"
    wait_for(server, admin, next_id, ("COMPLETED",))
    assert steps_after(worker, long_id, asked) <= 1  # the step in flight, no more
    item = server.ok(ITEM, {"id": long_id}, admin)["queueItem"]
    assert item["status"] == "CANCELED" and item["images"] == []
    edges = server.ok(MY_IMAGES, token=admin)["images"]["edges"]
    assert [e["node"]["queueItemId"] for e in edges] == [next_id]


def test_paused_processor_starts_nothing_until_resumed(gen_server: Callable[..., Server]) -> None:
    server = gen_server()
    admin = server.setup_admin()
    assert server.ok("mutation{ pauseProcessor{ paused } }", token=admin)["pauseProcessor"][
        "paused"
    ]
    item_id = enqueue(server, admin)["items"][0]["id"]
    time.sleep(0.3)
    item = server.ok(ITEM, {"id": item_id}, admin)["queueItem"]
    assert item["status"] == "PENDING" and item["position"] == 0
    assert item["estimatedStartAt"] is None  # nothing starts while paused
    server.ok("mutation{ resumeProcessor{ paused } }", token=admin)
    assert wait_for(server, admin, item_id, ("COMPLETED",))["status"] == "COMPLETED"


def test_fair_share_serves_a_second_users_job_before_the_first_users_backlog(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    _, alice = server.user_with_token(admin, "alice@x.local")
    _, bob = server.user_with_token(admin, "bob@x.local")
    server.ok("mutation{ pauseProcessor{ paused } }", token=admin)
    backlog = [i["id"] for i in enqueue(server, alice, "many", runs=4)["items"]]
    bobs = enqueue(server, bob, "one")["items"][0]["id"]
    positions = {
        i: server.ok(ITEM, {"id": i}, alice)["queueItem"]["position"] for i in [*backlog, bobs]
    }
    assert positions == {backlog[0]: 0, bobs: 1, backlog[1]: 2, backlog[2]: 3, backlog[3]: 4}
    server.ok("mutation{ resumeProcessor{ paused } }", token=admin)
    for item_id in [*backlog, bobs]:
        wait_for(server, admin, item_id, ("COMPLETED",))
    started = {
        i: server.ok("query($id: ID!){ queueItem(id: $id){ startedAt } }", {"id": i}, admin)[
            "queueItem"
        ]["startedAt"]
        for i in [*backlog, bobs]
    }
    assert started[backlog[0]] < started[bobs] < started[backlog[1]]


def test_a_failing_job_is_marked_failed_for_its_owner_and_the_loop_goes_on(
    gen_server: Callable[..., Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gql_invoke.generation import pipelines

    real = pipelines.generate

    def flaky(
        pipe: object, req: pipelines.GenerationRequest, *args: Any, **kwargs: Any
    ) -> PILImage.Image:
        if req.prompt == "boom":
            raise RuntimeError("the GPU caught fire")
        return real(pipe, req, *args, **kwargs)

    monkeypatch.setattr(pipelines, "generate", flaky)
    server = gen_server()
    admin = server.setup_admin()
    bad = enqueue(server, admin, "boom")["items"][0]["id"]
    good = enqueue(server, admin, "fine")["items"][0]["id"]
    failed = wait_for(server, admin, bad, ("FAILED", "COMPLETED"))
    assert failed["status"] == "FAILED" and "caught fire" in failed["error"]
    assert wait_for(server, admin, good, ("COMPLETED", "FAILED"))["status"] == "COMPLETED"


def test_shutdown_gives_the_job_in_flight_back_to_the_queue(
    gen_server: Callable[..., Server], tmp_path: Path
) -> None:
    root = tmp_path / "restart"
    server = gen_server(root=root)
    admin = server.setup_admin()
    worker = runtime.current().worker
    worker.trace = []
    item_id = enqueue(server, admin, "slow", steps=150)["items"][0]["id"]
    wait_for(server, admin, item_id, ("IN_PROGRESS",))
    asked = time.time()
    gen_server.stop(server)  # type: ignore[attr-defined]
    assert steps_after(worker, item_id, asked) <= 1  # aborted at the next step
    assert _row(root, item_id) == ("PENDING", 0)
    again = gen_server(root=root, worker_enabled=False)
    assert again.ok(ITEM, {"id": item_id}, admin)["queueItem"]["status"] == "PENDING"


# --- crash recovery: a real worker process killed with SIGKILL mid-job ------------------

_WORKER_SCRIPT = """
import asyncio, sys
from gql_invoke import lifecycle, runtime
from gql_invoke.config import load_settings
from gql_invoke.db import init_db

async def main():
    settings = load_settings(sys.argv[1], environ={}, overrides={
        "multiuser": True, "worker_enabled": True, "build_demo_model": True})
    rt = runtime.start(settings)
    await init_db(settings.database_url)
    await lifecycle.startup(rt)
    await asyncio.Event().wait()

asyncio.run(main())
"""


def _row(root: Path, item_id: str) -> tuple[str, int] | None:
    con = sqlite3.connect(root / "databases" / "gql_invoke.db", timeout=10)
    try:
        row = con.execute(
            "SELECT status, attempts FROM queue_items WHERE id = ?", (int(item_id),)
        ).fetchone()
    finally:
        con.close()
    return (row[0], row[1]) if row else None


def _crash_worker_during(root: Path, item_id: str, attempts: int) -> None:
    """Run a worker process until it is generating ``item_id`` (attempt n), then SIGKILL it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")}
    proc = subprocess.Popen(
        [sys.executable, "-c", _WORKER_SCRIPT, str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while _row(root, item_id) != ("IN_PROGRESS", attempts):
            assert proc.poll() is None, "the worker process died on its own"
            assert time.monotonic() < deadline, f"never saw {item_id} in progress"
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_a_job_interrupted_by_a_crash_is_requeued_once_then_failed(
    gen_server: Callable[..., Server], tmp_path: Path
) -> None:
    root = tmp_path / "crashy"
    server = gen_server(root=root, worker_enabled=False)
    admin = server.setup_admin()
    first = enqueue(server, admin, "first")["items"][0]["id"]
    second = enqueue(server, admin, "second", steps=150)["items"][0]["id"]
    gen_server.stop(server)  # type: ignore[attr-defined]

    _crash_worker_during(root, first, attempts=1)
    # Restart: the interrupted job is re-queued and this time completes.
    server = gen_server(root=root)
    done = wait_for(server, admin, first, ("COMPLETED", "FAILED"))
    assert done["status"] == "COMPLETED" and _row(root, first) == ("COMPLETED", 2)
    wait_for(server, admin, second, ("IN_PROGRESS",))
    gen_server.stop(server)  # type: ignore[attr-defined]
    assert _row(root, second) == ("PENDING", 0)  # a clean stop is not an interruption

    _crash_worker_during(root, second, attempts=1)
    _crash_worker_during(root, second, attempts=2)  # re-queued after the first crash
    server = gen_server(root=root)
    item = server.ok(ITEM, {"id": second}, admin)["queueItem"]
    assert item["status"] == "FAILED" and "interrupted twice" in item["error"]


def test_a_cpu_worker_given_a_share_of_the_cores_runs_torch_on_that_many_threads(
    tmp_path: Path,
) -> None:
    import torch

    from gql_invoke.events import EventBus
    from gql_invoke.worker import Worker
    from tests.helpers import make_settings

    before = torch.get_num_threads()
    try:
        Worker(make_settings(tmp_path), EventBus(), device="cpu", cpu_threads=1)._setup()
        assert torch.get_num_threads() == 1
        torch.set_num_threads(before)
        Worker(make_settings(tmp_path), EventBus(), device="cpu")._setup()
        assert torch.get_num_threads() == before  # no share given: torch's default stays
    finally:
        torch.set_num_threads(before)
