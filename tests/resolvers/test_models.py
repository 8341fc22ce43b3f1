from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gql_invoke import runtime
from gql_invoke.db.models import QueueItem
from gql_invoke.generation.demo import build_demo_model
from tests.helpers import Server, add_main_model, error_code

INSTALL = (
    "mutation($i: ModelInstallInput!){ installModel(input: $i){ key name type base "
    "description isDefault defaults } }"
)
UPDATE = (
    "mutation($k: ID!, $n: String, $d: JSON, $def: Boolean){ updateModel(key: $k, "
    "name: $n, defaults: $d, isDefault: $def){ key name isDefault defaults } }"
)
DELETE = "mutation($k: ID!, $f: Boolean){ deleteModel(key: $k, force: $f) }"
MODELS = "{ models { key name type base isDefault defaults } }"


@pytest.fixture(scope="module")
def demo_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_model(tmp_path_factory.mktemp("src") / "tiny-sd")


def _run(server: Server, fn: Callable[[], Any]) -> Any:
    """Run a coroutine function on the server's loop (where its database lives)."""
    portal = server.client.portal
    assert portal is not None
    return portal.call(fn)


def _add_model(server: Server, key: str, is_default: bool = False) -> None:
    async def add() -> None:
        await add_main_model(key, key, source="/x", path="/x", is_default=is_default)

    _run(server, add)


def _admin_and_user(server: Server) -> tuple[str, str]:
    admin = server.setup_admin()
    return admin, server.user_with_token(admin, "user@example.local")[1]


# --- models query --------------------------------------------------------------------


def test_models_needs_sign_in_and_is_visible_to_every_user(server: Server) -> None:
    admin, user = _admin_and_user(server)
    _add_model(server, "m1", is_default=True)
    assert error_code(server.gql(MODELS)) == "UNAUTHENTICATED"
    models = server.ok(MODELS, token=user)["models"]
    assert models == [
        {
            "key": "m1",
            "name": "m1",
            "type": "MAIN",
            "base": "SD1",
            "isDefault": True,
            "defaults": {
                "width": 512,
                "height": 512,
                "steps": 30,
                "cfgScale": 7.5,
                "scheduler": "EULER",
            },
        }
    ]


# --- installModel --------------------------------------------------------------------


def test_install_model_permissions(server: Server, demo_src: Path) -> None:
    admin, user = _admin_and_user(server)
    variables = {"i": {"source": str(demo_src)}}
    assert error_code(server.gql(INSTALL, variables)) == "UNAUTHENTICATED"
    assert error_code(server.gql(INSTALL, variables, token=user)) == "FORBIDDEN"
    model = server.ok(
        INSTALL,
        {"i": {"source": str(demo_src), "name": "Tiny", "description": "noise"}},
        token=admin,
    )["installModel"]
    assert model == {
        "key": "tiny",
        "name": "Tiny",
        "type": "MAIN",
        "base": "SD1",
        "description": "noise",
        "isDefault": True,
        "defaults": {
            "width": 512,
            "height": 512,
            "steps": 30,
            "cfgScale": 7.5,
            "scheduler": "EULER",
        },
    }


def test_install_model_in_single_user_mode_needs_no_token(single: Server, demo_src: Path) -> None:
    model = single.ok(INSTALL, {"i": {"source": str(demo_src), "type": None}})["installModel"]
    assert (model["key"], model["base"]) == ("tiny-sd", "SD1")


@pytest.mark.parametrize(
    ("source", "extra", "message"),
    [
        ("/definitely/not/here", {}, "no such file"),
        ("relative/../path", {}, "absolute path"),
        ("gql-invoke-test/no-such-model", {}, "could not download"),
        (None, {"base": "SDXL"}, "base: SDXL was given"),
    ],
)
def test_install_model_bad_input(
    single: Server, demo_src: Path, source: str | None, extra: dict[str, Any], message: str
) -> None:
    body = single.gql(INSTALL, {"i": {"source": source or str(demo_src), **extra}})
    assert error_code(body) == "BAD_USER_INPUT"
    assert message in body["errors"][0]["message"]
    assert single.ok(MODELS)["models"] == []


def test_install_garbage_checkpoint_registers_nothing(single: Server, tmp_path: Path) -> None:
    garbage = tmp_path / "x.safetensors"
    garbage.write_bytes(b"\x00" * 64)
    assert error_code(single.gql(INSTALL, {"i": {"source": str(garbage)}})) == "BAD_USER_INPUT"
    assert single.ok(MODELS)["models"] == []


# --- updateModel ---------------------------------------------------------------------


def test_update_model_permissions_and_default_move(server: Server) -> None:
    admin, user = _admin_and_user(server)
    _add_model(server, "a", is_default=True)
    _add_model(server, "b")
    variables = {"k": "b", "n": "Bee", "d": {"steps": 8}, "def": True}
    assert error_code(server.gql(UPDATE, variables)) == "UNAUTHENTICATED"
    assert error_code(server.gql(UPDATE, variables, token=user)) == "FORBIDDEN"
    model = server.ok(UPDATE, variables, token=admin)["updateModel"]
    assert (model["name"], model["isDefault"], model["defaults"]["steps"]) == ("Bee", True, 8)
    listed = {m["key"]: m["isDefault"] for m in server.ok(MODELS, token=admin)["models"]}
    assert listed == {"a": False, "b": True}


def test_update_model_single_user_bad_input_and_not_found(single: Server) -> None:
    _add_model(single, "a", is_default=True)
    assert single.ok(UPDATE, {"k": "a", "n": "A"})["updateModel"]["name"] == "A"
    body = single.gql(UPDATE, {"k": "a", "d": {"cfgScale": 99}})
    assert error_code(body) == "BAD_USER_INPUT"
    assert "defaults.cfgScale" in body["errors"][0]["message"]
    body = single.gql(UPDATE, {"k": "a", "d": {"sampler": "x"}})
    assert "defaults.sampler" in body["errors"][0]["message"]
    assert error_code(single.gql(UPDATE, {"k": "nope", "n": "x"})) == "NOT_FOUND"


# --- deleteModel ---------------------------------------------------------------------


def test_delete_model_permissions_and_promotion(server: Server) -> None:
    admin, user = _admin_and_user(server)
    _add_model(server, "a", is_default=True)
    _add_model(server, "b")
    assert error_code(server.gql(DELETE, {"k": "a"})) == "UNAUTHENTICATED"
    assert error_code(server.gql(DELETE, {"k": "a"}, token=user)) == "FORBIDDEN"
    assert error_code(server.gql(DELETE, {"k": "a", "f": True}, token=user)) == "FORBIDDEN"
    # The default: refused, naming both ways out; nothing deleted.
    refused = server.gql(DELETE, {"k": "a"}, token=admin)
    assert error_code(refused) == "CONFLICT"
    assert "force: true" in refused["errors"][0]["message"]
    assert "isDefault: true" in refused["errors"][0]["message"]
    assert [m["key"] for m in server.ok(MODELS, token=admin)["models"]] == ["a", "b"]
    assert error_code(server.gql(DELETE, {"k": "a", "f": "yes"}, token=admin)) == "BAD_USER_INPUT"
    assert server.ok(DELETE, {"k": "a", "f": True}, token=admin)["deleteModel"] is True
    assert server.ok(MODELS, token=admin)["models"][0]["isDefault"] is True
    assert error_code(server.gql(DELETE, {"k": "a"}, token=admin)) == "NOT_FOUND"
    # The only one left: refused without force too.
    only = server.gql(DELETE, {"k": "b"}, token=admin)
    assert error_code(only) == "CONFLICT" and "only model" in only["errors"][0]["message"]


def test_delete_model_in_use_is_conflict(single: Server) -> None:
    _add_model(single, "a", is_default=True)

    async def enqueue() -> None:
        from gql_invoke.db.models import SYSTEM_USER_ID, User

        owner = await User.get_or_none(id=SYSTEM_USER_ID) or await User.create(
            email="o@example.local", display_name="o"
        )
        await QueueItem.create(
            batch_id=uuid.uuid4(),
            owner_id=owner.id,
            status="PENDING",
            params={},
            model_key="a",
            cost=1.0,
        )

    _run(single, enqueue)
    assert error_code(single.gql(DELETE, {"k": "a"})) == "CONFLICT"
    assert single.ok(MODELS)["models"][0]["key"] == "a"


# --- modelInstallProgress ------------------------------------------------------------

SUBSCRIBE = {
    "id": "1",
    "type": "subscribe",
    "payload": {"query": "subscription { modelInstallProgress { source stage message } }"},
}


def _ws(server: Server, token: str | None) -> Any:
    ws = server.client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"])
    session = ws.__enter__()
    payload = {"authorization": f"Bearer {token}"} if token else {}
    session.send_json({"type": "connection_init", "payload": payload})
    assert session.receive_json()["type"] == "connection_ack"
    return ws, session


def test_admin_follows_install_progress(server: Server, demo_src: Path) -> None:
    admin, _user = _admin_and_user(server)
    ws, session = _ws(server, admin)
    try:
        session.send_json(SUBSCRIBE)
        deadline = time.monotonic() + 5
        while runtime.current().bus.subscriber_count == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.ok(INSTALL, {"i": {"source": str(demo_src)}}, token=admin)
        stages = [
            session.receive_json()["payload"]["data"]["modelInstallProgress"] for _ in range(3)
        ]
        assert [s["stage"] for s in stages] == ["detecting", "loading", "registered"]
        assert {s["source"] for s in stages} == {str(demo_src)}
    finally:
        ws.__exit__(None, None, None)
    deadline = time.monotonic() + 5  # the subscription must unsubscribe when the client leaves
    while runtime.current().bus.subscriber_count and time.monotonic() < deadline:
        time.sleep(0.01)
    assert runtime.current().bus.subscriber_count == 0


def test_non_admin_cannot_follow_install_progress(server: Server) -> None:
    admin, user = _admin_and_user(server)
    ws, session = _ws(server, user)
    try:
        session.send_json(SUBSCRIBE)
        message = session.receive_json()
        assert message["type"] == "error"
        assert message["payload"][0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        ws.__exit__(None, None, None)
