"""The served schema must contain everything in the shared API contract, with the same types.

Additions are allowed; a missing or re-typed name breaks clients written against the contract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    print_ast,
)
from graphql import build_schema as parse_sdl

from schema.export import render_sdl

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "api-contract.graphql"


def _default(arg_or_field: Any) -> str | None:
    """The default as written in the SDL (graphql-core keeps SDL defaults only on the AST)."""
    node = getattr(arg_or_field, "ast_node", None)
    value = getattr(node, "default_value", None)
    return print_ast(value) if value is not None else None


def _differences(contract: GraphQLSchema, served: GraphQLSchema) -> list[str]:
    problems: list[str] = []
    for name, want in contract.type_map.items():
        if name.startswith("__"):
            continue
        have = served.type_map.get(name)
        if have is None:
            problems.append(f"type {name} missing")
            continue
        if type(have) is not type(want):
            problems.append(f"{name} is a {type(have).__name__}, contract: {type(want).__name__}")
            continue
        if isinstance(want, GraphQLEnumType):
            missing = set(want.values) - set(have.values)  # type: ignore[attr-defined]
            problems += [f"enum {name}.{v} missing" for v in sorted(missing)]
        elif isinstance(want, GraphQLUnionType):
            wanted = {t.name for t in want.types}
            got = {t.name for t in have.types}  # type: ignore[attr-defined]
            problems += [f"union {name} lacks {t}" for t in sorted(wanted - got)]
        elif isinstance(want, GraphQLObjectType | GraphQLInputObjectType):
            have_fields = have.fields  # type: ignore[attr-defined]
            for fname, wfield in want.fields.items():
                hfield = have_fields.get(fname)
                if hfield is None:
                    problems.append(f"{name}.{fname} missing")
                    continue
                if str(hfield.type) != str(wfield.type):
                    problems.append(f"{name}.{fname}: {hfield.type}, contract {wfield.type}")
                if isinstance(want, GraphQLInputObjectType) and _default(wfield) is not None \
                        and _default(hfield) != _default(wfield):
                    problems.append(f"{name}.{fname} default {_default(hfield)}, "
                                    f"contract {_default(wfield)}")
                for aname, warg in getattr(wfield, "args", {}).items():
                    harg = hfield.args.get(aname)
                    if harg is None:
                        problems.append(f"{name}.{fname}({aname}) missing")
                    elif str(harg.type) != str(warg.type):
                        problems.append(
                            f"{name}.{fname}({aname}): {harg.type}, contract {warg.type}")
                    elif _default(warg) is not None and _default(harg) != _default(warg):
                        problems.append(f"{name}.{fname}({aname}) default {_default(harg)},"
                                        f" contract {_default(warg)}")
                for aname, harg in getattr(hfield, "args", {}).items():
                    if aname not in getattr(wfield, "args", {}) and str(harg.type).endswith("!") \
                            and harg.default_value is None:
                        problems.append(f"{name}.{fname}({aname}) is a new required argument")
    return problems


@pytest.mark.skipif(not CONTRACT.exists(), reason="no ../shared/api-contract.graphql here")
def test_served_schema_contains_the_whole_contract() -> None:
    problems = _differences(parse_sdl(CONTRACT.read_text()), parse_sdl(render_sdl()))
    assert not problems, "\n".join(problems)
