"""Static query cost: computed from the document alone, refused before anything runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from gql_invoke.config import Settings
from resolvers.root import build_schema
from schema.query_cost import DEFAULT_PAGE, LIST_SIZE, operation_cost
from tests.helpers import Server, error_code

UI_OPERATIONS = Path(__file__).resolve().parents[2] / "playground" / "ui-operations.graphql"
SCHEMA = build_schema()._schema
DEFAULT_MAX_QUERY_COST = Settings().max_query_cost


def cost(
    query: str, variables: dict[str, Any] | None = None, operation_name: str | None = None
) -> int:
    return operation_cost(SCHEMA, parse(query), variables, operation_name)


def test_every_field_costs_one() -> None:
    assert cost("{ setupStatus { setupRequired multiuserEnabled } }") == 3
    assert cost("{ me { id __typename } }") == 3


def test_first_multiplies_the_selection_and_its_default_applies_when_absent() -> None:
    assert cost("{ boards(first: 7) { id name } }") == 1 + 7 * 2
    assert cost("{ boards { id } }") == 1 + 100 * 1  # boards(first: Int = 100)
    assert cost("{ images { totalCount } }") == 1 + 50 * 1  # images(first: Int = 50)
    assert cost("{ images(first: null) { totalCount } }") == 1 + 50 * 1


def test_first_from_a_variable_counts_and_a_missing_one_takes_the_default() -> None:
    query = "query($n: Int){ boards(first: $n) { id } }"
    assert cost(query, {"n": 3}) == 1 + 3
    assert cost(query, {}) == 1 + 100


def test_nested_pages_multiply() -> None:
    query = """{ board(id: "x") { images(first: 500) { edges { node {
        board { images(first: 500) { edges { node { id } } } } } } } } }"""
    inner = 1 + 500 * (1 + 1 + 1)  # images -> edges -> node -> id
    assert cost(query) == 1 + (1 + 500 * (1 + 1 + (1 + inner)))


def test_connection_edges_do_not_multiply_again_but_other_lists_do() -> None:
    assert cost("{ images(first: 10) { edges { node { id } } } }") == 1 + 10 * 3
    assert cost("{ users { id } }") == 1 + LIST_SIZE
    assert cost("{ users { stats { boardCount } } }") == 1 + LIST_SIZE * 2


def test_fragments_count_where_they_are_spread() -> None:
    query = """query { a: boards(first: 2) { ...F } b: boards(first: 3) { ...F } }
               fragment F on Board { id name ... on Board { imageCount } }"""
    assert cost(query) == (1 + 2 * 3) + (1 + 3 * 3)


def test_introspection_costs_one() -> None:
    assert cost("{ __schema { types { name fields { name } } } }") == 1


def test_the_named_operation_is_the_one_costed() -> None:
    query = "query Small { me { id } } query Big { boards(first: 9) { id } }"
    assert cost(query, operation_name="Small") == 2
    assert cost(query, operation_name="Big") == 10


def test_default_limit_is_five_times_the_heaviest_ui_operation() -> None:
    document = parse(UI_OPERATIONS.read_text())
    costs = [
        operation_cost(SCHEMA, document, {}, d.name.value)  # type: ignore[attr-defined]
        for d in document.definitions
    ]
    assert len(costs) >= 4
    assert 5 * max(costs) == DEFAULT_MAX_QUERY_COST
    assert DEFAULT_PAGE == 100


HEAVY = """{ board(id: "00000000-0000-0000-0000-000000000001") { images(first: 500) {
  edges { node { board { images(first: 500) { edges { node { id } } } } } } } } }"""


def test_a_query_over_the_limit_is_refused_with_its_cost(server: Server) -> None:
    token = server.setup_admin()
    body = server.gql(HEAVY, token=token)
    assert error_code(body) == "BAD_USER_INPUT"
    error = body["errors"][0]
    assert error["extensions"]["cost"] == cost(HEAVY)
    assert error["extensions"]["maxCost"] == DEFAULT_MAX_QUERY_COST
    assert "max_query_cost" in error["message"]
    assert body.get("data") is None


def test_nothing_of_a_refused_operation_runs(server: Server) -> None:
    token = server.setup_admin()
    mutation = (
        'mutation { createBoard(name: "x") { id images(first: 500) { edges { node { '
        "board { images(first: 500) { totalCount } } } } } } }"
    )
    assert error_code(server.gql(mutation, token=token)) == "BAD_USER_INPUT"
    assert server.ok("{ boards { id } }", token=token)["boards"] == []


def test_the_limit_is_the_config_key_at_and_past_it(make_server: Any) -> None:
    server = make_server(multiuser=True, max_query_cost=11)
    token = server.setup_admin()
    assert server.ok("{ boards(first: 10) { id } }", token=token) == {"boards": []}  # 11
    body = server.gql("{ boards(first: 11) { id } }", token=token)  # 12
    assert error_code(body) == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "cost": 12, "maxCost": 11}


def test_an_invalid_query_gets_its_validation_error_not_a_cost(server: Server) -> None:
    body = server.gql("{ boards(first: 1000000) { nope } }")
    assert error_code(body) == "BAD_USER_INPUT"
    assert "cost" not in body["errors"][0]["extensions"]


@pytest.mark.parametrize("name", ["GalleryPage", "QueuePage", "AdminUsersPage", "AuditLogPage"])
def test_the_ui_operations_run_under_the_default_limit(server: Server, name: str) -> None:
    token = server.setup_admin()
    response = server.client.post(
        "/graphql",
        json={"query": UI_OPERATIONS.read_text(), "operationName": name, "variables": {}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200 and not response.json().get("errors"), response.text


def test_a_declared_variable_default_is_what_gets_costed() -> None:
    query = "query($n: Int = 500){ boards(first: $n){ images(first: $n){ totalCount } } }"
    assert cost(query) == 1 + 500 * (1 + 500 * 1)
    assert cost(query, {"n": 2}) == 1 + 2 * (1 + 2 * 1)


def _fan_out(levels: int) -> str:
    """Each fragment spreads the previous one twice: 2^levels fields from ~10 tokens a level."""
    parts = ["fragment F0 on Query { setupStatus { setupRequired } }"]
    parts += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels)]
    return f"query {{ ...F{levels - 1} }} " + " ".join(parts)


def test_fragment_fan_out_is_costed_without_walking_every_copy() -> None:
    assert cost(_fan_out(40)) == 2**39 * 2  # setupStatus + setupRequired, 2^39 times


def test_expanded_fields_count_every_spread_in_linear_time() -> None:
    from schema.query_cost import expanded_fields

    assert expanded_fields(parse(_fan_out(3))) == 4 * 2
    assert expanded_fields(parse(_fan_out(60))) == 2**59 * 2
    cyclic = parse("query { ...A } fragment A on Query { me { id } ...A }")
    assert expanded_fields(cyclic) == 2  # the cycle itself is validation's to report


def test_fragment_fan_out_is_refused_before_validation_even_anonymously(server: Server) -> None:
    body = server.gql(_fan_out(30))
    assert error_code(body) == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["maxFields"] == 5 * server.settings.max_tokens
    assert "fragments" in body["errors"][0]["message"]


def test_expansion_limit_below_and_past_it(make_server: Any) -> None:
    server = make_server(multiuser=False, max_tokens=100)  # 500 expanded fields allowed
    below = _fan_out(8)  # 2^7 x 2 = 256 fields, 77 tokens
    past = _fan_out(9)  # 512 fields, 86 tokens
    assert not server.gql(below).get("errors")
    body = server.gql(past)
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "fields": 512,
        "maxFields": 500,
    }


def test_introspection_and_the_ui_operations_expand_well_under_the_limit() -> None:
    from graphql import get_introspection_query

    from schema.query_cost import expanded_fields

    assert expanded_fields(parse(get_introspection_query())) < 1000
    assert expanded_fields(parse(UI_OPERATIONS.read_text())) < 500


def test_a_workflow_graph_weighs_like_the_megabyte_it_may_be() -> None:
    assert cost("{ workflows { id graph } }") == 1 + 100 * (1 + 1000)
    assert cost("{ workflows(first: 17) { graph } }") <= DEFAULT_MAX_QUERY_COST
    assert cost("{ workflows(first: 18) { graph } }") <= DEFAULT_MAX_QUERY_COST
    assert cost("{ workflows(first: 19) { graph } }") > DEFAULT_MAX_QUERY_COST
    assert cost("{ stylePresets(first: 7) { id name } }") == 1 + 7 * 2
