"""The served schema must contain everything in the API contract, with the same types.

docs/api-contract.graphql is the contract as built; docs/api-contract-next.graphql the
target, whose additions are tagged by issue part ([security], [scale], [breadth]). Every
part in BUILT_PARTS must be served exactly as written there. Both files are vendored
copies of ../shared/; when that exists, they must not have drifted from it.

Additions are allowed; a missing or re-typed name breaks clients written against the contract.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    FloatValueNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    IntValueNode,
    print_ast,
)
from graphql import build_schema as parse_sdl

from resolvers.export import render_sdl

REPO = Path(__file__).resolve().parents[2]
CONTRACT = REPO / "docs" / "api-contract.graphql"
NEXT_CONTRACT = REPO / "docs" / "api-contract-next.graphql"
SHARED = REPO.parent / "shared"
# Parts of the next contract that are built (and so must be served exactly).
BUILT_PARTS = frozenset({"security", "scale", "breadth"})
_TAG = re.compile(r"\[(security|scale|breadth)\]")
_BLOCK = re.compile(r"^\s*(?:type|input|enum)\s+(\w+)")
_FIELD = re.compile(r"^\s*(\w+)\s*[(:]")


def tagged_names(sdl: str, parts: frozenset[str]) -> set[str]:
    """ "Type" and "Type.field" names whose line (or block opener) carries one of parts."""
    names: set[str] = set()
    block: str | None = None
    for line in sdl.splitlines():
        code, _, comment = line.partition("#")
        tags = set(_TAG.findall(comment))
        opener = _BLOCK.match(code)
        if opener:
            block = opener.group(1)
            if tags & parts:
                names.add(block)
            if "}" in code:
                block = None
            continue
        if block is not None:
            field = _FIELD.match(code)
            if field and tags & parts:
                names.add(f"{block}.{field.group(1)}")
            if "}" in code:
                block = None
    return names


def _default(arg_or_field: Any) -> str | None:
    """The default as written in the SDL (graphql-core keeps SDL defaults only on the AST)."""
    node = getattr(arg_or_field, "ast_node", None)
    value = getattr(node, "default_value", None)
    if isinstance(value, FloatValueNode | IntValueNode):
        # The same number either way: the printer writes a Float 1.0 as "1", contracts "1.0".
        return repr(float(value.value))
    return print_ast(value) if value is not None else None


def _differences(contract: GraphQLSchema, served: GraphQLSchema) -> list[str]:
    problems: list[str] = []
    for name, want in contract.type_map.items():
        if name.startswith("__"):
            continue
        have = served.type_map.get(name)
        if have is None:
            problems.append(f"type {name} missing")
        elif type(have) is not type(want):
            problems.append(f"{name} is a {type(have).__name__}, contract: {type(want).__name__}")
        else:
            problems += _type_differences(name, want, have)
    return problems


def _type_differences(name: str, want: GraphQLNamedType, have: GraphQLNamedType) -> list[str]:
    """What ``have`` lacks of ``want``, two types of the same kind."""
    if isinstance(want, GraphQLEnumType) and isinstance(have, GraphQLEnumType):
        missing = set(want.values) - set(have.values)
        return [f"enum {name}.{v} missing" for v in sorted(missing)]
    if isinstance(want, GraphQLUnionType) and isinstance(have, GraphQLUnionType):
        wanted = {t.name for t in want.types}
        got = {t.name for t in have.types}
        return [f"union {name} lacks {t}" for t in sorted(wanted - got)]
    if isinstance(want, GraphQLObjectType | GraphQLInputObjectType) and isinstance(
        have, GraphQLObjectType | GraphQLInputObjectType
    ):
        problems: list[str] = []
        for fname, wfield in want.fields.items():
            hfield = have.fields.get(fname)
            if hfield is None:
                problems.append(f"{name}.{fname} missing")
            else:
                is_input = isinstance(want, GraphQLInputObjectType)
                problems += _field_differences(f"{name}.{fname}", is_input, wfield, hfield)
        return problems
    return []


def _field_differences(where: str, is_input: bool, wfield: Any, hfield: Any) -> list[str]:
    problems: list[str] = []
    if str(hfield.type) != str(wfield.type):
        problems.append(f"{where}: {hfield.type}, contract {wfield.type}")
    if is_input and _default(wfield) is not None and _default(hfield) != _default(wfield):
        problems.append(f"{where} default {_default(hfield)}, contract {_default(wfield)}")
    wanted_args = getattr(wfield, "args", {})
    for aname, warg in wanted_args.items():
        harg = hfield.args.get(aname)
        if harg is None:
            problems.append(f"{where}({aname}) missing")
        elif str(harg.type) != str(warg.type):
            problems.append(f"{where}({aname}): {harg.type}, contract {warg.type}")
        elif _default(warg) is not None and _default(harg) != _default(warg):
            problems.append(f"{where}({aname}) default {_default(harg)}, contract {_default(warg)}")
    for aname, harg in getattr(hfield, "args", {}).items():
        if aname not in wanted_args and str(harg.type).endswith("!") and harg.default_value is None:
            problems.append(f"{where}({aname}) is a new required argument")
    return problems


def test_served_schema_contains_the_whole_contract() -> None:
    """Except where the next contract deliberately re-types a tagged name (Int -> Long for
    seeds and byte counts, [breadth]): such a name must be served as the next one says."""
    served = parse_sdl(render_sdl())
    next_sdl = NEXT_CONTRACT.read_text()
    tagged = tagged_names(next_sdl, frozenset({"security", "scale", "breadth"}))
    against_next = {_subject(p) for p in _differences(parse_sdl(next_sdl), served)}
    problems = [
        p
        for p in _differences(parse_sdl(CONTRACT.read_text()), served)
        if not (_concerns(p, tagged) and _subject(p) not in against_next)
    ]
    assert not problems, "\n".join(problems)


def _subject(problem: str) -> str:
    """The "Type.field" (or "Type") a problem line is about."""
    if problem.startswith(("type ", "enum ", "union ")):
        return problem.split(" ")[1]
    return problem.split(" ")[0].split("(")[0].rstrip(":")


def _concerns(problem: str, names: set[str]) -> bool:
    subject = problem.split(" ")[0].split("(")[0].rstrip(":")
    if problem.startswith(("type ", "enum ", "union ")):
        subject = problem.split(" ")[1].split(".")[0]
    return subject in names or subject.split(".")[0] in names


def test_served_schema_serves_the_built_parts_of_the_next_contract() -> None:
    sdl = NEXT_CONTRACT.read_text()
    names = tagged_names(sdl, BUILT_PARTS)
    assert {
        "Session",
        "Query.sessions",
        "Query.boards",
        "Mutation.revokeSession",
        "Mutation.unlockUser",
    } <= names
    problems = [
        p for p in _differences(parse_sdl(sdl), parse_sdl(render_sdl())) if _concerns(p, names)
    ]
    assert not problems, "\n".join(problems)


def test_tagged_names_finds_fields_and_whole_types() -> None:
    sdl = "type A {   # [scale]\n  x: Int\n}\ntype B {\n  y: Int   # [security]\n  z: Int\n}\n"
    assert tagged_names(sdl, frozenset({"security"})) == {"B.y"}
    assert tagged_names(sdl, frozenset({"scale"})) == {"A"}


@pytest.mark.parametrize("name", ["api-contract.graphql", "api-contract-next.graphql"])
@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared beside this checkout")
def test_vendored_contract_matches_the_shared_one(name: str) -> None:
    shared = SHARED / name
    if not shared.exists():
        pytest.skip(f"no ../shared/{name}")
    assert (REPO / "docs" / name).read_text() == shared.read_text(), (
        f"docs/{name} differs from ../shared/{name}: copy the shared one over"
    )
