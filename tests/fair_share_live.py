"""FAIR_SHARE across two worker processes, for real (issue 10, point 8): user B's single
job starts before user A's backlog is through, exactly as with one worker. Shared by the
SQLite test (`generation_devices: [cpu, cpu]`, tests/gql_invoke/test_worker_processes.py)
and the PostgreSQL one (two `gql-invoke worker` processes, tests/gql_invoke/test_scale_out.py)."""

from __future__ import annotations

import time

from tests.live_server import LiveServer

PASSWORD = "Correct-Horse-9"
BACKLOG = 4


def _user(server: LiveServer, admin: str, email: str) -> str:
    server.ok_as(
        admin,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        i={"email": email, "displayName": email.split("@")[0], "password": PASSWORD},
    )
    login = "mutation($i: LoginInput!) { login(input: $i) { token } }"
    answer = server.ok_as(None, login, i={"email": email, "password": PASSWORD})
    return str(answer["login"]["token"])


def _enqueue(server: LiveServer, token: str, prompt: str, runs: int) -> list[str]:
    generation = {"prompt": prompt, "steps": 2, "width": 64, "height": 64}
    data = server.ok_as(
        token,
        "mutation($i: EnqueueInput!) { enqueue(input: $i) { items { id } } }",
        i={"generation": generation, "runs": runs},
    )
    return [item["id"] for item in data["enqueue"]["items"]]


def check_fair_share_across_two_workers(server: LiveServer) -> None:
    """On a new multiuser server with two workers (and FAIR_SHARE, the multiuser
    default), once both are idle: Alice's backlog, then Bob's one job, both enqueued
    while paused; resumed, Bob's job is among the first three to start (FIFO would
    start it last)."""
    setup = "mutation($i: SetupInput!) { setup(input: $i) { token } }"
    admin = server.ok_as(
        None, setup, i={"email": "admin@x.local", "displayName": "A", "password": PASSWORD}
    )["setup"]["token"]
    alice, bob = _user(server, admin, "alice@x.local"), _user(server, admin, "bob@x.local")
    deadline = time.monotonic() + 120  # the workers import torch and load the model
    while [w["status"] for w in server.ok_as(admin, "{ workers { status } }")["workers"]] != [
        "IDLE",
        "IDLE",
    ]:
        assert time.monotonic() < deadline, "no two idle workers:\n" + server.log.read_text()
        time.sleep(0.2)
    policy = server.ok_as(admin, "{ queueStatus { policy } }")["queueStatus"]["policy"]
    assert policy == "FAIR_SHARE"
    server.ok_as(admin, "mutation { pauseProcessor { paused } }")
    backlog = _enqueue(server, alice, "alice's many", BACKLOG)
    [bobs] = _enqueue(server, bob, "bob's one", 1)
    server.ok_as(admin, "mutation { resumeProcessor { paused } }")
    query = "query($id: ID!) { queueItem(id: $id) { status startedAt } }"
    deadline = time.monotonic() + 180
    while True:
        items = {i: server.ok_as(admin, query, id=i)["queueItem"] for i in [*backlog, bobs]}
        if all(v["status"] == "COMPLETED" for v in items.values()):
            break
        assert all(v["status"] in ("PENDING", "IN_PROGRESS", "COMPLETED") for v in items.values())
        assert time.monotonic() < deadline, f"not all completed: {items}"
        time.sleep(0.2)
    started = sorted(items, key=lambda i: items[i]["startedAt"])
    assert started.index(bobs) < 3, f"Bob's job started {started.index(bobs) + 1}th of {started}"
