"""Images over GraphQL: id checks for every caller, paging, moving, deleting, and the
constant number of SQL queries whatever the page size."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.helpers import Server, count_sql, error_code
from tests.image_helpers import store_on


@dataclass
class Gallery:
    server: Server
    admin: str
    owner_id: str
    owner: str
    reader_id: str
    reader: str
    stranger_id: str
    stranger: str
    private: str
    public: str
    in_private: str
    in_public: str
    loose: str  # the owner's Uncategorized

    def image_for(self, role: str) -> tuple[str | None, str]:
        return {
            "anon": (None, self.in_private),
            "read_share": (self.reader, self.in_private),
            "no_share": (self.stranger, self.in_private),
            "uncategorized": (self.reader, self.loose),
            "public": (self.stranger, self.in_public),
            "missing": (self.owner, str(uuid.uuid4())),
            "admin": (self.admin, self.in_private),
        }[role]


def _board(server: Server, token: str, name: str, is_public: bool = False) -> str:
    return server.ok(
        "mutation($n: String!, $p: Boolean){ createBoard(name: $n, isPublic: $p){ id } }",
        {"n": name, "p": is_public},
        token,
    )["createBoard"]["id"]


@pytest.fixture
def gallery(server: Server) -> Gallery:
    admin = server.setup_admin()
    owner_id, owner = server.user_with_token(admin, "owner@example.com")
    reader_id, reader = server.user_with_token(admin, "reader@example.com")
    stranger_id, stranger = server.user_with_token(admin, "stranger@example.com")
    private = _board(server, owner, "private")
    public = _board(server, owner, "public", is_public=True)
    server.ok(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: READ){ id } }",
        {"b": private, "u": reader_id},
        owner,
    )
    return Gallery(
        server,
        admin,
        owner_id,
        owner,
        reader_id,
        reader,
        stranger_id,
        stranger,
        private,
        public,
        store_on(server, owner_id, private),
        store_on(server, owner_id, public),
        store_on(server, owner_id),
    )


def _image(g: Gallery, token: str | None, iid: str) -> dict[str, Any]:
    return g.server.gql("query($id: ID!){ image(id: $id){ id url metadata } }", {"id": iid}, token)


def _star(g: Gallery, token: str | None, iid: str) -> dict[str, Any]:
    return g.server.gql(
        "mutation($id: ID!){ updateImage(id: $id, starred: true){ starred } }", {"id": iid}, token
    )


def _delete(g: Gallery, token: str | None, iid: str) -> dict[str, Any]:
    return g.server.gql("mutation($ids: [ID!]!){ deleteImages(ids: $ids) }", {"ids": [iid]}, token)


READS = {
    "anon": "UNAUTHENTICATED",
    "read_share": None,
    "no_share": "NOT_FOUND",
    "uncategorized": "NOT_FOUND",
    "public": None,
    "missing": "NOT_FOUND",
    "admin": None,
}
# Changing an image one cannot even read answers like a missing one (no probing).
CHANGES = {
    "anon": "UNAUTHENTICATED",
    "read_share": "FORBIDDEN",
    "no_share": "NOT_FOUND",
    "uncategorized": "NOT_FOUND",
    "public": "FORBIDDEN",
    "missing": "NOT_FOUND",
    "admin": None,
}


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        (_image, READS),
        (_star, CHANGES),
        (_delete, CHANGES),
    ],
    ids=["image", "updateImage", "deleteImages"],
)
def test_every_image_id_field_checks_the_caller(
    gallery: Gallery, op: Any, expected: dict[str, str | None]
) -> None:
    for role, code in expected.items():
        token, iid = gallery.image_for(role)
        body = op(gallery, token, iid)
        assert error_code(body) == code, (role, body)
        if code is not None:
            assert not body["data"] or not any(body["data"].values()), (role, body)


def test_image_fields(gallery: Gallery) -> None:
    g = gallery
    node = g.server.ok(
        "query($id: ID!){ image(id: $id){ id width height sizeBytes starred metadata "
        "url thumbnailUrl queueItemId owner { id } board { id myAccess } } }",
        {"id": g.in_private},
        g.reader,
    )["image"]
    assert node["width"] == node["height"] == 64 and node["sizeBytes"] > 0
    assert node["metadata"] == {"prompt": "test"} and node["queueItemId"] is None
    assert node["owner"] == {"id": g.owner_id}
    assert node["board"] == {"id": g.private, "myAccess": "READ"}
    assert node["url"].startswith(f"/images/{g.in_private}/full?exp=")
    assert node["thumbnailUrl"].startswith(f"/images/{g.in_private}/thumbnail?exp=")


def test_move_target_board_is_checked(gallery: Gallery) -> None:
    g = gallery
    own = store_on(g.server, g.reader_id)
    move = "mutation($id: ID!, $b: ID!){ updateImage(id: $id, boardId: $b){ board { id } } }"
    assert error_code(g.server.gql(move, {"id": own, "b": g.private}, g.reader)) == "FORBIDDEN"
    assert error_code(g.server.gql(move, {"id": own, "b": g.public}, g.reader)) == "FORBIDDEN"
    assert (
        error_code(g.server.gql(move, {"id": own, "b": str(uuid.uuid4())}, g.reader)) == "NOT_FOUND"
    )
    assert error_code(g.server.gql(move, {"id": own, "b": "x"}, g.reader)) == "BAD_USER_INPUT"
    moved = g.server.ok(move, {"id": g.loose, "b": g.public}, g.admin)["updateImage"]
    assert moved == {"board": {"id": g.public}}
    back = g.server.ok(
        "mutation($id: ID!){ updateImage(id: $id, clearBoard: true){ board { id } owner { id } } }",
        {"id": g.loose},
        g.owner,
    )
    assert back["updateImage"] == {"board": None, "owner": {"id": g.owner_id}}
    both = g.server.gql(
        "mutation($id: ID!, $b: ID!){ updateImage(id: $id, boardId: $b, clearBoard: true){ id } }",
        {"id": own, "b": g.public},
        g.reader,
    )
    assert error_code(both) == "BAD_USER_INPUT"


MOVE = "mutation($id: ID!, $b: ID!){ updateImage(id: $id, boardId: $b){ id board { id } } }"
CLEAR = "mutation($id: ID!){ updateImage(id: $id, clearBoard: true){ id board { id } } }"
BOARD_OF = "query($id: ID!){ image(id: $id){ board { id } starred } }"


def test_a_write_collaborator_cannot_move_the_owners_image_away(gallery: Gallery) -> None:
    """The escalation: move the owner's image into one's own board, keep it after unshare."""
    g = gallery
    g.server.ok(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: WRITE){ id } }",
        {"b": g.private, "u": g.reader_id},
        g.owner,
    )
    own = _board(g.server, g.reader, "collaborator's own")
    for body in (
        g.server.gql(MOVE, {"id": g.in_private, "b": own}, g.reader),
        g.server.gql(CLEAR, {"id": g.in_private}, g.reader),
    ):
        assert error_code(body) == "FORBIDDEN", body
        assert "owner or an admin" in body["errors"][0]["message"]
    assert g.server.ok(BOARD_OF, {"id": g.in_private}, g.owner)["image"] == {
        "board": {"id": g.private},
        "starred": False,
    }
    count = "query($id: ID!){ board(id: $id){ imageCount } }"
    assert g.server.ok(count, {"id": own}, g.reader)["board"]["imageCount"] == 0
    # WRITE still lets them star it.
    assert g.server.ok(
        "mutation($id: ID!){ updateImage(id: $id, starred: true){ starred } }",
        {"id": g.in_private},
        g.reader,
    )["updateImage"] == {"starred": True}

    g.server.ok(
        "mutation($b: ID!, $u: ID!){ unshareBoard(boardId: $b, userId: $u){ id } }",
        {"b": g.private, "u": g.reader_id},
        g.owner,
    )
    iid = g.in_private
    for body in (
        _image(g, g.reader, iid),
        _star(g, g.reader, iid),
        g.server.gql(MOVE, {"id": iid, "b": own}, g.reader),
        g.server.gql(CLEAR, {"id": iid}, g.reader),
        _delete(g, g.reader, iid),
    ):
        assert error_code(body) == "NOT_FOUND", body
    listed = g.server.ok("{ images(first: 500){ edges { node { id url } } } }", token=g.reader)[
        "images"
    ]["edges"]
    assert iid not in {e["node"]["id"] for e in listed}
    assert g.server.ok(BOARD_OF, {"id": iid}, g.owner)["image"]["board"] == {"id": g.private}


def test_the_owner_and_admins_move_images(gallery: Gallery) -> None:
    g = gallery
    other = _board(g.server, g.owner, "other")
    assert g.server.ok(MOVE, {"id": g.in_private, "b": other}, g.owner)["updateImage"]["board"] == {
        "id": other
    }
    assert g.server.ok(CLEAR, {"id": g.in_private}, g.owner)["updateImage"]["board"] is None
    admins = _board(g.server, g.admin, "admin's")
    assert g.server.ok(MOVE, {"id": g.in_private, "b": admins}, g.admin)["updateImage"][
        "board"
    ] == {"id": admins}
    assert g.server.ok(CLEAR, {"id": g.in_private}, g.admin)["updateImage"]["board"] is None
    # The target still needs WRITE: the owner may not push images into a READ share.
    readonly = _board(g.server, g.reader, "read-only for the owner")
    g.server.ok(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: READ){ id } }",
        {"b": readonly, "u": g.owner_id},
        g.reader,
    )
    assert (
        error_code(g.server.gql(MOVE, {"id": g.in_private, "b": readonly}, g.owner)) == "FORBIDDEN"
    )


def test_single_user_mode_moves_images_without_a_token(single: Server) -> None:
    board = single.ok('mutation{ createBoard(name: "b"){ id } }')["createBoard"]["id"]
    image_id = store_on(single, "00000000-0000-0000-0000-000000000000")
    assert single.ok(MOVE, {"id": image_id, "b": board})["updateImage"]["board"] == {"id": board}
    assert single.ok(CLEAR, {"id": image_id})["updateImage"]["board"] is None


def test_delete_images_is_all_or_nothing(gallery: Gallery) -> None:
    g = gallery
    q = "mutation($ids: [ID!]!){ deleteImages(ids: $ids) }"
    mine = store_on(g.server, g.stranger_id)
    body = g.server.gql(q, {"ids": [mine, g.in_public]}, g.stranger)
    assert error_code(body) == "FORBIDDEN"
    assert g.server.ok("query($id: ID!){ image(id: $id){ id } }", {"id": mine}, g.stranger)
    assert g.server.ok(q, {"ids": [mine]}, g.stranger)["deleteImages"] == 1
    assert (
        g.server.ok(q, {"ids": [g.in_private, g.in_public, g.loose]}, g.owner)["deleteImages"] == 3
    )


def test_paging_and_first_bounds(gallery: Gallery) -> None:
    g = gallery
    for _ in range(3):
        store_on(g.server, g.owner_id, g.public)
    q = (
        "query($b: ID, $f: Int, $a: String){ images(boardId: $b, first: $f, after: $a)"
        "{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"
    )
    seen: list[str] = []
    after = None
    while True:
        page = g.server.ok(q, {"b": g.public, "f": 3, "a": after}, g.stranger)["images"]
        assert page["totalCount"] == 4
        seen += [e["node"]["id"] for e in page["edges"]]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(set(seen)) == 4 and seen[-1] == g.in_public
    for bad in (0, 501):
        body = g.server.gql(q, {"b": g.public, "f": bad}, g.stranger)
        assert error_code(body) == "BAD_USER_INPUT" and "first" in body["errors"][0]["message"]
    via_board = g.server.ok(
        "query($id: ID!){ board(id: $id){ images(first: 2){ totalCount edges { node { id } } } } }",
        {"id": g.public},
        g.stranger,
    )
    assert via_board["board"]["images"]["totalCount"] == 4
    assert [e["node"]["id"] for e in via_board["board"]["images"]["edges"]] == seen[:2]


def test_uncategorized_is_only_for_its_owner(gallery: Gallery) -> None:
    g = gallery
    q = "{ images(uncategorized: true){ totalCount edges { node { id } } } }"
    assert g.server.ok(q, token=g.owner)["images"]["edges"] == [{"node": {"id": g.loose}}]
    assert g.server.ok(q, token=g.reader)["images"]["totalCount"] == 0
    other = f'{{ images(uncategorized: true, ownerId: "{g.owner_id}"){{ totalCount }} }}'
    assert error_code(g.server.gql(other, token=g.reader)) == "FORBIDDEN"
    assert g.server.ok(other, token=g.admin)["images"]["totalCount"] == 1
    starred = g.server.ok("{ images(starredOnly: true){ totalCount } }", token=g.owner)
    assert starred["images"]["totalCount"] == 0


@pytest.fixture
def sql_counter(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every SQL statement the app sends, in order."""
    seen: list[str] = []
    count_sql(seen.append, monkeypatch.setattr)
    yield seen


GALLERY_PAGE = """query($b: ID!, $f: Int){ images(boardId: $b, first: $f){ totalCount
  edges { cursor node { id url thumbnailUrl owner { id displayName }
    board { id name myAccess imageCount owner { id } coverImage { id url } } } } } }"""
BOARD_LIST = """{ boards { id name myAccess imageCount owner { id displayName }
  coverImage { id thumbnailUrl owner { id } } shares { access user { id } } } }"""


def _count(
    seen: list[str], server: Server, query: str, variables: dict[str, Any], token: str
) -> int:
    seen.clear()
    server.ok(query, variables, token)
    return len(seen)


def test_list_queries_cost_the_same_sql_at_any_page_size(
    gallery: Gallery, sql_counter: list[str]
) -> None:
    g = gallery
    users = [g.owner_id, g.reader_id, g.stranger_id]
    g.server.ok(
        "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: WRITE){ id } }",
        {"b": g.public, "u": g.reader_id},
        g.owner,
    )
    for i in range(55):
        store_on(g.server, users[i % 2], g.public)
    small = _count(sql_counter, g.server, GALLERY_PAGE, {"b": g.public, "f": 5}, g.reader)
    large = _count(sql_counter, g.server, GALLERY_PAGE, {"b": g.public, "f": 50}, g.reader)
    assert 0 < small == large <= 20, sql_counter

    for i in range(2):
        _board(g.server, g.reader, f"few{i}")
    few = _count(sql_counter, g.server, BOARD_LIST, {}, g.admin)
    makers = [(g.owner_id, g.owner), (g.reader_id, g.reader), (g.stranger_id, g.stranger)]
    for i in range(12):
        maker_id, maker = makers[i % 3]
        bid = _board(g.server, maker, f"many{i}")
        if i % 2:
            store_on(g.server, maker_id, bid)
    many = _count(sql_counter, g.server, BOARD_LIST, {}, g.admin)
    assert few == many, sql_counter
    assert many <= 15


@pytest.mark.usefixtures("db")
async def test_image_urls_resolve_even_when_no_resolver_warmed_the_key() -> None:
    import strawberry
    from strawberry.schema.config import StrawberryConfig

    from gql_invoke.db.models import Image as ImageRow
    from schema.images import Image
    from schema.scalars import SCALARS
    from tests.helpers import bare_context, new_user
    from tests.image_helpers import store

    owner = await new_user("owner@example.com")
    row = await ImageRow.get(id=await store(owner.user_id))

    @strawberry.type
    class Query:
        picture = strawberry.field(resolver=lambda: Image.from_row(row), graphql_type=Image)

    # Long (Image.sizeBytes) is served through the config's scalar map, as build_schema does.
    config = StrawberryConfig(scalar_map=SCALARS)
    result = await strawberry.Schema(query=Query, config=config).execute(
        "{ picture { url thumbnailUrl } }", context_value=bare_context(owner)
    )
    assert result.errors is None and result.data is not None
    assert result.data["picture"]["url"].startswith(f"/images/{row.id}/full?exp=")
    assert result.data["picture"]["thumbnailUrl"].startswith(f"/images/{row.id}/thumbnail?")
