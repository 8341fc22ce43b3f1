"""Boards over GraphQL: every id-taking field against every kind of caller,
the sharing lifecycle, per-board fields, and single-user mode."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from gql_invoke.db.models import SYSTEM_USER_ID
from tests.helpers import Server, error_code
from tests.image_helpers import store_on

BOARD_FIELDS = "id name isPublic archived myAccess imageCount owner { id } shares { access }"


@dataclass
class World:
    server: Server
    admin: str
    owner_id: str
    owner: str
    reader_id: str
    reader: str  # READ share on `private`
    stranger_id: str
    stranger: str  # no share on anything
    third_id: str
    private: str
    public: str

    def board_for(self, role: str) -> tuple[str | None, str]:
        """(token, board id) for a kind of caller."""
        return {
            "anon": (None, self.private),
            "read_share": (self.reader, self.private),
            "no_share": (self.stranger, self.private),
            "public": (self.stranger, self.public),
            "missing": (self.owner, str(uuid.uuid4())),
            "admin": (self.admin, self.private),
        }[role]


def create_board(server: Server, token: str | None, name: str, is_public: bool = False) -> str:
    data = server.ok(
        "mutation($n: String!, $p: Boolean){ createBoard(name: $n, isPublic: $p){ id } }",
        {"n": name, "p": is_public},
        token,
    )
    return data["createBoard"]["id"]


def share(server: Server, token: str, board: str, user: str, access: str) -> dict[str, Any]:
    return server.gql(
        "mutation($b: ID!, $u: ID!, $a: BoardAccess!){ shareBoard(boardId: $b, "
        "userId: $u, access: $a){ id shares { user { id } access } } }",
        {"b": board, "u": user, "a": access},
        token,
    )


@pytest.fixture
def world(server: Server) -> World:
    admin = server.setup_admin()
    owner_id, owner = server.user_with_token(admin, "owner@example.com")
    reader_id, reader = server.user_with_token(admin, "reader@example.com")
    stranger_id, stranger = server.user_with_token(admin, "stranger@example.com")
    third_id = server.create_user(admin, "third@example.com")
    private = create_board(server, owner, "private")
    public = create_board(server, owner, "public", is_public=True)
    assert not share(server, owner, private, reader_id, "READ").get("errors")
    return World(
        server,
        admin,
        owner_id,
        owner,
        reader_id,
        reader,
        stranger_id,
        stranger,
        third_id,
        private,
        public,
    )


Op = Callable[[World, str | None, str], dict[str, Any]]


def _board(w: World, token: str | None, bid: str) -> dict[str, Any]:
    return w.server.gql("query($id: ID!){ board(id: $id){ id name } }", {"id": bid}, token)


def _board_images(w: World, token: str | None, bid: str) -> dict[str, Any]:
    return w.server.gql("query($id: ID!){ images(boardId: $id){ totalCount } }", {"id": bid}, token)


def _update(w: World, token: str | None, bid: str) -> dict[str, Any]:
    return w.server.gql(
        'mutation($id: ID!){ updateBoard(id: $id, name: "renamed"){ name } }', {"id": bid}, token
    )


def _delete(w: World, token: str | None, bid: str) -> dict[str, Any]:
    return w.server.gql("mutation($id: ID!){ deleteBoard(id: $id) }", {"id": bid}, token)


def _share(w: World, token: str | None, bid: str) -> dict[str, Any]:
    return w.server.gql(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: WRITE){ id } }",
        {"b": bid, "u": w.third_id},
        token,
    )


def _unshare(w: World, token: str | None, bid: str) -> dict[str, Any]:
    return w.server.gql(
        "mutation($b: ID!, $u: ID!){ unshareBoard(boardId: $b, userId: $u){ id } }",
        {"b": bid, "u": w.third_id},
        token,
    )


READS = {
    "anon": "UNAUTHENTICATED",
    "read_share": None,
    "no_share": "NOT_FOUND",
    "public": None,
    "missing": "NOT_FOUND",
    "admin": None,
}
CHANGES = {
    "anon": "UNAUTHENTICATED",
    "read_share": "FORBIDDEN",
    "no_share": "FORBIDDEN",
    "public": "FORBIDDEN",
    "missing": "NOT_FOUND",
    "admin": None,
}


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        (_board, READS),
        (_board_images, READS),
        (_update, CHANGES),
        (_delete, CHANGES),
        (_share, CHANGES),
        (_unshare, CHANGES),
    ],
    ids=["board", "images(boardId)", "updateBoard", "deleteBoard", "shareBoard", "unshareBoard"],
)
def test_every_board_id_field_checks_the_caller(
    world: World, op: Op, expected: dict[str, str | None]
) -> None:
    for role, code in expected.items():  # admin last: deleteBoard really deletes
        token, bid = world.board_for(role)
        body = op(world, token, bid)
        assert error_code(body) == code, (role, body)
        if code is not None:
            assert body["data"] is None or not any(body["data"].values()), (role, body)


def test_create_board_needs_sign_in_and_a_name(world: World) -> None:
    s = world.server
    assert error_code(s.gql('mutation { createBoard(name: "x"){ id } }')) == "UNAUTHENTICATED"
    body = s.gql('mutation { createBoard(name: "  "){ id } }', token=world.owner)
    assert error_code(body) == "BAD_USER_INPUT" and "name" in body["errors"][0]["message"]
    board = s.ok(
        'mutation { createBoard(name: "new"){ name myAccess isPublic owner { id } } }',
        token=world.stranger,
    )["createBoard"]
    assert board == {
        "name": "new",
        "myAccess": "OWNER",
        "isPublic": False,
        "owner": {"id": world.stranger_id},
    }


def test_boards_lists_own_shared_and_public(world: World) -> None:
    s = world.server
    names = lambda token, extra="": {  # noqa: E731
        b["name"]: b["myAccess"]
        for b in s.ok(f"{{ boards{extra} {{ name myAccess }} }}", token=token)["boards"]
    }
    assert names(world.reader) == {"private": "READ", "public": "READ"}
    assert names(world.stranger) == {"public": "READ"}
    assert names(world.owner) == {"private": "OWNER", "public": "OWNER"}
    assert names(world.admin) == {"private": "ADMIN", "public": "ADMIN"}
    s.ok(
        "mutation($id: ID!){ updateBoard(id: $id, archived: true){ archived } }",
        {"id": world.public},
        world.owner,
    )
    assert names(world.stranger) == {}
    assert names(world.stranger, "(includeArchived: true)") == {"public": "READ"}
    assert names(world.admin, f'(ownerId: "{world.reader_id}")') == {}
    assert error_code(s.gql("{ boards { id } }")) == "UNAUTHENTICATED"


def test_shares_visible_to_owner_board_admins_and_site_admins_only(world: World) -> None:
    s = world.server
    q = "query($id: ID!){ board(id: $id){ shares { user { id } access } } }"
    expected = [{"user": {"id": world.reader_id}, "access": "READ"}]
    assert s.ok(q, {"id": world.private}, world.owner)["board"]["shares"] == expected
    assert s.ok(q, {"id": world.private}, world.admin)["board"]["shares"] == expected
    assert s.ok(q, {"id": world.private}, world.reader)["board"]["shares"] == []
    share(s, world.owner, world.private, world.reader_id, "ADMIN")
    shares = s.ok(q, {"id": world.private}, world.reader)["board"]["shares"]
    assert shares == [{"user": {"id": world.reader_id}, "access": "ADMIN"}]


def test_sharing_lifecycle_over_graphql(world: World) -> None:
    s, w = world.server, world
    image = store_on(s, w.owner_id, w.private)
    star = "mutation($id: ID!){ updateImage(id: $id, starred: true){ starred } }"
    # READ: can read, cannot write.
    assert s.ok("query($id: ID!){ image(id: $id){ id } }", {"id": image}, w.reader)
    assert error_code(s.gql(star, {"id": image}, w.reader)) == "FORBIDDEN"
    # WRITE: can star and move images into the board.
    share(s, w.owner, w.private, w.reader_id, "WRITE")
    assert s.ok(star, {"id": image}, w.reader)["updateImage"]["starred"] is True
    own = store_on(s, w.reader_id)
    moved = s.ok(
        "mutation($id: ID!, $b: ID!){ updateImage(id: $id, boardId: $b){ board { id } } }",
        {"id": own, "b": w.private},
        w.reader,
    )
    assert moved["updateImage"]["board"]["id"] == w.private
    assert error_code(share(s, w.reader, w.private, w.stranger_id, "READ")) == "FORBIDDEN"
    # ADMIN: can share with others and rename, but not delete.
    share(s, w.owner, w.private, w.reader_id, "ADMIN")
    assert not share(s, w.reader, w.private, w.stranger_id, "READ").get("errors")
    assert (
        s.ok("query($id: ID!){ board(id: $id){ myAccess } }", {"id": w.private}, w.stranger)[
            "board"
        ]["myAccess"]
        == "READ"
    )
    assert (
        s.ok(
            'mutation($id: ID!){ updateBoard(id: $id, name: "team"){ name } }',
            {"id": w.private},
            w.reader,
        )["updateBoard"]["name"]
        == "team"
    )
    assert error_code(_delete(w, w.reader, w.private)) == "FORBIDDEN"
    # Unshare: access is gone at once.
    s.ok(
        "mutation($b: ID!, $u: ID!){ unshareBoard(boardId: $b, userId: $u){ id } }",
        {"b": w.private, "u": w.stranger_id},
        w.reader,
    )
    assert error_code(_board(w, w.stranger, w.private)) == "NOT_FOUND"
    s.ok(
        "mutation($b: ID!, $u: ID!){ unshareBoard(boardId: $b, userId: $u){ id } }",
        {"b": w.private, "u": w.reader_id},
        w.owner,
    )
    assert error_code(_board(w, w.reader, w.private)) == "NOT_FOUND"
    assert (
        error_code(s.gql("query($id: ID!){ image(id: $id){ id } }", {"id": image}, w.reader))
        == "NOT_FOUND"
    )


def test_share_bad_input(world: World) -> None:
    s, w = world.server, world
    assert error_code(share(s, w.owner, w.private, w.reader_id, "OWNER")) == "BAD_USER_INPUT"
    assert error_code(share(s, w.owner, w.private, w.owner_id, "READ")) == "BAD_USER_INPUT"
    assert error_code(share(s, w.admin, w.private, w.owner_id, "READ")) == "BAD_USER_INPUT"
    assert error_code(share(s, w.owner, w.private, str(uuid.uuid4()), "READ")) == "NOT_FOUND"
    assert error_code(share(s, w.owner, w.private, "not-an-id", "READ")) == "BAD_USER_INPUT"


def test_update_board_fields_and_cover(world: World) -> None:
    s, w = world.server, world
    first = store_on(s, w.owner_id, w.private)
    newest = store_on(s, w.owner_id, w.private)
    q = "query($id: ID!){ board(id: $id){ imageCount coverImage { id url } } }"
    board = s.ok(q, {"id": w.private}, w.reader)["board"]
    assert board["imageCount"] == 2 and board["coverImage"]["id"] == newest
    assert board["coverImage"]["url"].startswith(f"/images/{newest}/full?exp=")
    updated = s.ok(
        "mutation($id: ID!, $c: ID!){ updateBoard(id: $id, coverImageId: $c, "
        "isPublic: true){ isPublic coverImage { id } } }",
        {"id": w.private, "c": first},
        w.owner,
    )["updateBoard"]
    assert updated == {"isPublic": True, "coverImage": {"id": first}}
    body = s.gql(
        'mutation($id: ID!){ updateBoard(id: $id, name: ""){ id } }', {"id": w.private}, w.owner
    )
    assert error_code(body) == "BAD_USER_INPUT"


def test_delete_board_moves_or_deletes_images(world: World) -> None:
    s, w = world.server, world
    kept = store_on(s, w.owner_id, w.private)
    assert (
        s.ok("mutation($id: ID!){ deleteBoard(id: $id) }", {"id": w.private}, w.owner)[
            "deleteBoard"
        ]
        is True
    )
    page = s.ok(
        "{ images(uncategorized: true){ edges { node { id board { id } } } } }", token=w.owner
    )["images"]["edges"]
    assert page == [{"node": {"id": kept, "board": None}}]
    gone = store_on(s, w.owner_id, w.public)
    s.ok(
        "mutation($id: ID!){ deleteBoard(id: $id, deleteImages: true) }", {"id": w.public}, w.owner
    )
    assert (
        error_code(s.gql("query($id: ID!){ image(id: $id){ id } }", {"id": gone}, w.owner))
        == "NOT_FOUND"
    )


def test_single_user_mode_data_belongs_to_system_and_only_admins_see_it_later(
    make_server: Callable[..., Server],
) -> None:
    single = make_server()
    bid = create_board(single, None, "solo")
    image = store_on(single, SYSTEM_USER_ID, bid)
    loose = store_on(single, SYSTEM_USER_ID)
    boards = single.ok("{ boards { id myAccess owner { id } } }")["boards"]
    assert boards == [{"id": bid, "myAccess": "OWNER", "owner": {"id": SYSTEM_USER_ID}}]
    assert single.ok("{ images { totalCount } }")["images"]["totalCount"] == 2
    assert single.ok("{ images(uncategorized: true){ totalCount } }")["images"]["totalCount"] == 1
    root = single.settings.root
    single.client.__exit__(None, None, None)

    multi = make_server(root=root, multiuser=True)
    admin = multi.setup_admin()
    _, user = multi.user_with_token(admin, "user@example.com")
    assert multi.ok("{ boards { id } }", token=user)["boards"] == []
    assert multi.ok("{ images { totalCount } }", token=user)["images"]["totalCount"] == 0
    assert error_code(_board(World(multi, *[""] * 10), user, bid)) == "NOT_FOUND"
    assert (
        error_code(multi.gql("query($id: ID!){ image(id: $id){ id } }", {"id": image}, user))
        == "NOT_FOUND"
    )
    assert [b["id"] for b in multi.ok("{ boards { id } }", token=admin)["boards"]] == [bid]
    seen = multi.ok(
        f'{{ images(uncategorized: true, ownerId: "{SYSTEM_USER_ID}")'
        "{ edges { node { id } } } }",
        token=admin,
    )["images"]["edges"]
    assert seen == [{"node": {"id": loose}}]


# --- paging, quota and batched per-board fields ----------------------------------------


def _insert_boards(server: Server, owner_id: str, count: int, *, public: bool = False) -> None:
    """Boards straight into the database: creating hundreds through the API is slow."""
    rows = [
        (
            str(uuid.uuid4()),
            owner_id,
            f"bulk {i}",
            int(public),
            f"2026-01-01 00:00:{i // 1000:02d}.{i % 1000:03d}000+00:00",
        )
        for i in range(count)
    ]
    server.sql(
        "INSERT INTO boards (id, owner_id, name, is_public, archived, created_at, "
        "updated_at) VALUES " + ",".join(["(?, ?, ?, ?, 0, ?, ?)"] * count),
        tuple(v for r in rows for v in (*r, r[4])),
    )


def test_boards_come_in_pages_of_first_after_the_last_id(world: World) -> None:
    w = world
    _insert_boards(w.server, w.owner_id, 5)
    q = "query($f: Int, $a: ID){ boards(first: $f, after: $a){ id } }"
    everything = [b["id"] for b in w.server.ok("{ boards { id } }", token=w.owner)["boards"]]
    assert len(everything) == 7
    seen: list[str] = []
    after = None
    while True:
        page = w.server.ok(q, {"f": 3, "a": after}, w.owner)["boards"]
        if not page:
            break
        seen += [b["id"] for b in page]
        after = page[-1]["id"]
    assert seen == everything


@pytest.mark.parametrize("first", [0, 501, -1])
def test_boards_first_outside_1_to_500_is_bad_input(world: World, first: int) -> None:
    body = world.server.gql("query($f: Int){ boards(first: $f){ id } }", {"f": first}, world.owner)
    assert error_code(body) == "BAD_USER_INPUT" and "first" in body["errors"][0]["message"]


def test_boards_first_500_is_allowed(world: World) -> None:
    assert len(world.server.ok("{ boards(first: 500){ id } }", token=world.owner)["boards"]) == 2


@pytest.mark.parametrize("after", ["not-an-id", str(uuid.uuid4()), "hidden"])
def test_boards_after_must_name_a_board_the_viewer_sees(world: World, after: str) -> None:
    w = world
    if after == "hidden":
        after = create_board(w.server, w.stranger, "stranger's")
    body = w.server.gql("query($a: ID){ boards(after: $a){ id } }", {"a": after}, w.owner)
    assert error_code(body) == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "after"


def test_boards_paging_needs_a_sign_in(world: World) -> None:
    assert error_code(world.server.gql("{ boards(first: 1){ id } }")) == "UNAUTHENTICATED"


def test_max_boards_quota_at_and_past_it(make_server: Callable[..., Server]) -> None:
    server = make_server(multiuser=True, max_boards=3)
    admin = server.setup_admin()
    _, user = server.user_with_token(admin, "u@example.com")
    for i in range(3):
        create_board(server, user, f"b{i}")
    body = server.gql('mutation { createBoard(name: "one too many"){ id } }', token=user)
    assert error_code(body) == "CONFLICT"
    assert body["errors"][0]["extensions"]["field"] == "maxBoards"
    assert "3" in body["errors"][0]["message"]
    assert len(server.ok("{ boards { id } }", token=user)["boards"]) == 3
    for i in range(4):  # admins are exempt
        create_board(server, admin, f"a{i}")
    # Deleting one makes room again.
    first = server.ok("{ boards(first: 1){ id } }", token=user)["boards"][0]["id"]
    server.ok("mutation($id: ID!){ deleteBoard(id: $id) }", {"id": first}, user)
    create_board(server, user, "room again")


def test_max_boards_default_is_1000(server: Server) -> None:
    assert server.settings.max_boards == 1000


PER_BOARD = """{ boards(first: 500) { id name myAccess imageCount owner { id displayName }
  coverImage { id url thumbnailUrl owner { id } }
  shares { access user { id displayName } }
  images(first: 3) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id url owner { id } board { id myAccess } } } } } }"""


def test_per_board_fields_cost_the_same_sql_for_2_or_200_boards(
    make_server: Callable[..., Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import count_sql

    # Every per-board field at once is over the default cost limit for 500 boards.
    server = make_server(multiuser=True, max_query_cost=1_000_000)
    admin = server.setup_admin()
    owner_id, owner = server.user_with_token(admin, "owner@example.com")
    reader_id, reader = server.user_with_token(admin, "reader@example.com")
    private = create_board(server, owner, "private")
    create_board(server, owner, "public", is_public=True)
    assert not share(server, owner, private, reader_id, "WRITE").get("errors")
    seen: list[str] = []
    count_sql(seen.append, monkeypatch.setattr)
    store_on(server, owner_id, private)
    store_on(server, reader_id, private)  # a WRITE share may add images

    def statements() -> tuple[int, list[dict[str, Any]]]:
        seen.clear()
        boards = server.ok(PER_BOARD, token=reader)["boards"]
        return len(seen), boards

    few, boards = statements()
    assert len(boards) == 2
    _insert_boards(server, owner_id, 198, public=True)
    for board in server.ok("{ boards(first: 20) { id } }", token=owner)["boards"]:
        store_on(server, owner_id, board["id"])
    many, boards = statements()
    assert len(boards) == 200
    assert sum(b["images"]["totalCount"] for b in boards) == 22
    assert 0 < few == many <= 25, seen


def test_board_images_from_the_batch_match_the_images_query(world: World) -> None:
    w = world
    ids = [store_on(w.server, w.owner_id, w.public) for _ in range(5)]
    page_q = """query($a: String){ boards { id images(first: 2, after: $a) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""
    collected: list[str] = []
    after = None
    while True:
        public = next(
            b
            for b in w.server.ok(page_q, {"a": after}, w.stranger)["boards"]
            if b["id"] == w.public
        )["images"]
        assert public["totalCount"] == 5
        collected += [e["node"]["id"] for e in public["edges"]]
        if not public["pageInfo"]["hasNextPage"]:
            break
        after = public["pageInfo"]["endCursor"]
    direct = w.server.ok(
        "query($b: ID!){ images(boardId: $b){ edges { node { id } } } }",
        {"b": w.public},
        w.stranger,
    )["images"]["edges"]
    assert collected == [e["node"]["id"] for e in direct] and set(collected) == set(ids)
    starred = w.server.ok(
        "{ boards { id images(starredOnly: true) { totalCount } } }", token=w.owner
    )["boards"]
    assert all(b["images"]["totalCount"] == 0 for b in starred)
    bad = w.server.gql("{ boards { images(first: 501) { totalCount } } }", token=w.owner)
    assert error_code(bad) == "BAD_USER_INPUT"
    bad_cursor = w.server.gql('{ boards { images(after: "%%%") { totalCount } } }', token=w.owner)
    assert error_code(bad_cursor) == "BAD_USER_INPUT"
