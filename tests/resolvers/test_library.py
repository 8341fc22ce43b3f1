"""Workflows, style presets and client state over GraphQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.helpers import Server, error_code

SAVE_WORKFLOW = (
    "mutation($id: ID, $n: String!, $g: JSON!, $p: Boolean){ saveWorkflow(id: $id, "
    "name: $n, graph: $g, isPublic: $p){ id name graph isPublic owner { id } } }"
)
DELETE_WORKFLOW = "mutation($id: ID!){ deleteWorkflow(id: $id) }"
SAVE_PRESET = (
    "mutation($id: ID, $n: String!, $p: Boolean){ saveStylePreset(id: $id, name: $n, "
    'positivePrompt: "oil", isPublic: $p){ id name positivePrompt isPublic } }'
)
DELETE_PRESET = "mutation($id: ID!){ deleteStylePreset(id: $id) }"


@pytest.fixture
def people(server: Server) -> dict[str, Any]:
    admin = server.setup_admin()
    owner_id, owner = server.user_with_token(admin, "owner@example.com")
    _, other = server.user_with_token(admin, "other@example.com")
    return {"server": server, "admin": admin, "owner": owner, "owner_id": owner_id, "other": other}


def _save(
    server: Server, kind: str, token: str | None, row_id: str | None, public: bool = False
) -> dict[str, Any]:
    if kind == "workflow":
        return server.gql(
            SAVE_WORKFLOW, {"id": row_id, "n": "w", "g": {"nodes": []}, "p": public}, token
        )
    return server.gql(SAVE_PRESET, {"id": row_id, "n": "p", "p": public}, token)


def _delete(server: Server, kind: str, token: str | None, row_id: str) -> dict[str, Any]:
    return server.gql(
        DELETE_WORKFLOW if kind == "workflow" else DELETE_PRESET, {"id": row_id}, token
    )


def _field(kind: str) -> str:
    return "saveWorkflow" if kind == "workflow" else "saveStylePreset"


@pytest.mark.parametrize("kind", ["workflow", "preset"])
def test_save_and_delete_check_the_caller(people: dict[str, Any], kind: str) -> None:
    s: Server = people["server"]
    private = s.ok(*_args(kind, people["owner"], False))[_field(kind)]["id"]
    public = s.ok(*_args(kind, people["owner"], True))[_field(kind)]["id"]
    missing = str(uuid.uuid4())
    cases = [
        (None, private, "UNAUTHENTICATED", "UNAUTHENTICATED"),
        (people["other"], private, "FORBIDDEN", "FORBIDDEN"),
        (people["other"], public, "FORBIDDEN", "FORBIDDEN"),
        (people["owner"], missing, "NOT_FOUND", "NOT_FOUND"),
        (people["owner"], "bad-id", "BAD_USER_INPUT", "BAD_USER_INPUT"),
        # Admins may delete anyone's, but not rewrite it as if it were theirs.
        (people["admin"], private, "FORBIDDEN", None),
        (people["owner"], public, None, None),
    ]
    for token, row_id, save_code, delete_code in cases:
        assert error_code(_save(s, kind, token, row_id)) == save_code, (token, row_id)
        assert error_code(_delete(s, kind, token, row_id)) == delete_code, (token, row_id)


def _args(kind: str, token: str, public: bool) -> tuple[str, dict[str, Any], str]:
    if kind == "workflow":
        return SAVE_WORKFLOW, {"id": None, "n": "w", "g": {}, "p": public}, token
    return SAVE_PRESET, {"id": None, "n": "p", "p": public}, token


def test_lists_show_own_and_others_public(people: dict[str, Any]) -> None:
    s: Server = people["server"]
    s.ok(SAVE_WORKFLOW, {"n": "mine", "g": {"a": 1}}, people["owner"])
    s.ok(SAVE_WORKFLOW, {"n": "shared", "g": {}, "p": True}, people["owner"])
    s.ok(SAVE_PRESET, {"n": "style", "p": True}, people["owner"])
    s.ok(SAVE_PRESET, {"n": "secret"}, people["owner"])
    flows = s.ok("{ workflows { name isPublic owner { id } } }", token=people["other"])
    assert flows["workflows"] == [
        {"name": "shared", "isPublic": True, "owner": {"id": people["owner_id"]}}
    ]
    styles = s.ok("{ stylePresets { name negativePrompt } }", token=people["other"])
    assert styles["stylePresets"] == [{"name": "style", "negativePrompt": ""}]
    assert len(s.ok("{ workflows { id } }", token=people["owner"])["workflows"]) == 2
    assert error_code(s.gql("{ workflows { id } }")) == "UNAUTHENTICATED"
    assert error_code(s.gql("{ stylePresets { id } }")) == "UNAUTHENTICATED"


def test_save_validates_input(people: dict[str, Any]) -> None:
    s: Server = people["server"]
    body = s.gql(SAVE_WORKFLOW, {"n": "w", "g": [1, 2]}, people["owner"])
    assert error_code(body) == "BAD_USER_INPUT" and "graph" in body["errors"][0]["message"]
    assert error_code(s.gql(SAVE_PRESET, {"n": " "}, people["owner"])) == "BAD_USER_INPUT"


def test_client_state_round_trip_and_limits(people: dict[str, Any]) -> None:
    s: Server = people["server"]
    get = "query($k: String!){ clientState(key: $k) }"
    put = "mutation($k: String!, $v: String!){ setClientState(key: $k, value: $v) }"
    drop = "mutation($k: String!){ deleteClientState(key: $k) }"
    assert s.ok(put, {"k": "layout", "v": "grid"}, people["owner"])["setClientState"] is True
    assert s.ok(get, {"k": "layout"}, people["owner"])["clientState"] == "grid"
    assert s.ok(get, {"k": "layout"}, people["other"])["clientState"] is None
    assert s.ok(drop, {"k": "layout"}, people["other"])["deleteClientState"] is False
    assert s.ok(drop, {"k": "layout"}, people["owner"])["deleteClientState"] is True
    assert s.ok(get, {"k": "layout"}, people["owner"])["clientState"] is None
    assert error_code(s.gql(put, {"k": "", "v": "x"}, people["owner"])) == "BAD_USER_INPUT"
    assert s.ok(put, {"k": "big", "v": "x" * 262_144}, people["owner"])["setClientState"]
    big = s.gql(put, {"k": "big", "v": "x" * 262_145}, people["owner"])
    assert error_code(big) == "CONFLICT"
    assert big["errors"][0]["extensions"]["field"] == "clientState value bytes"
    assert "256 KiB" in big["errors"][0]["message"]
    assert error_code(s.gql(get, {"k": "layout"})) == "UNAUTHENTICATED"
    assert error_code(s.gql(put, {"k": "a", "v": "b"})) == "UNAUTHENTICATED"


def test_a_user_with_zero_quotas_stores_nothing(people: dict[str, Any]) -> None:
    s: Server = people["server"]
    s.ok(
        "mutation($u: ID!){ setQuota(userId: $u, maxPendingJobs: 0, maxImagesPerDay: 0, "
        "maxStorageBytes: 0){ id } }",
        {"u": people["owner_id"]},
        people["admin"],
    )
    owner = people["owner"]
    for body in (
        s.gql('mutation { setClientState(key: "k", value: "v") }', token=owner),
        s.gql(SAVE_WORKFLOW, {"n": "w", "g": {"nodes": []}}, owner),
        s.gql(SAVE_PRESET, {"n": "p"}, owner),
    ):
        assert error_code(body) == "CONFLICT", body
        assert body["errors"][0]["extensions"]["field"] == "maxStorageBytes"
        assert "maxStorageBytes" in body["errors"][0]["message"]
    assert s.ok("{ workflows { id } stylePresets { id } }", token=owner) == {
        "workflows": [],
        "stylePresets": [],
    }
    assert s.ok('{ clientState(key: "k") }', token=owner)["clientState"] is None


def test_the_key_cap_is_a_conflict_naming_it(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gql_invoke.services import client_state

    monkeypatch.setattr(client_state, "MAX_KEYS", 2)
    s: Server = people["server"]
    put = 'mutation($k: String!){ setClientState(key: $k, value: "v") }'
    for key in ("a", "b", "a"):
        assert s.ok(put, {"k": key}, people["owner"])["setClientState"] is True
    body = s.gql(put, {"k": "c"}, people["owner"])
    assert error_code(body) == "CONFLICT"
    assert body["errors"][0]["extensions"]["field"] == "clientState keys"


def test_single_user_mode_needs_no_token(single: Server) -> None:
    saved = single.ok(SAVE_WORKFLOW, {"n": "solo", "g": {}})["saveWorkflow"]
    assert single.ok("{ workflows { id } }")["workflows"] == [{"id": saved["id"]}]
    assert single.ok('mutation { setClientState(key: "k", value: "v") }')["setClientState"]
    assert single.ok('{ clientState(key: "k") }')["clientState"] == "v"


@pytest.mark.parametrize("kind", ["workflow", "preset"])
def test_lists_come_in_pages_by_name(people: dict[str, Any], kind: str) -> None:
    s: Server = people["server"]
    field = "workflows" if kind == "workflow" else "stylePresets"
    names = ["b", "a", "c", "a", "d"]  # a repeated name: the id breaks the tie
    for n in names:
        if kind == "workflow":
            s.ok(SAVE_WORKFLOW, {"n": n, "g": {}}, people["owner"])
        else:
            s.ok(SAVE_PRESET, {"n": n}, people["owner"])
    q = f"query($f: Int, $a: ID){{ {field}(first: $f, after: $a){{ id name }} }}"
    everything = s.ok(f"{{ {field} {{ id name }} }}", token=people["owner"])[field]
    assert [r["name"] for r in everything] == sorted(names)
    seen: list[dict[str, Any]] = []
    after = None
    while page := s.ok(q, {"f": 2, "a": after}, people["owner"])[field]:
        seen += page
        after = page[-1]["id"]
    assert seen == everything
    for bad in (0, 501):
        body = s.gql(q, {"f": bad}, people["owner"])
        assert error_code(body) == "BAD_USER_INPUT" and "first" in body["errors"][0]["message"]
    assert len(s.ok(q, {"f": 500}, people["owner"])[field]) == 5
    # Another user's private row, an unknown id and a malformed one are all bad cursors.
    for after in (everything[0]["id"], str(uuid.uuid4()), "nope"):
        body = s.gql(q, {"a": after}, people["other"])
        assert error_code(body) == "BAD_USER_INPUT", after
    assert error_code(s.gql(f"{{ {field}(first: 1){{ id }} }}")) == "UNAUTHENTICATED"
