"""Refuse lone UTF-16 surrogates in variables before anything runs.

JSON may spell "\\ud800" and Python's json turns it into a str that cannot be
encoded as UTF-8: stored as a prompt or a board name it failed deep in the
database driver as INTERNAL. graphql-core's lexer already refuses them inside the
query text (a syntax error, BAD_USER_INPUT), so only variables can carry one in;
this extension checks them (HTTP and websocket alike) and names the argument.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

from gql_invoke.errors import Invalid
from schema.errors import map_error


def lone_surrogate(text: str) -> str | None:
    """The first unpaired surrogate in ``text`` as U+XXXX, or None."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"U+{ord(text[exc.start]):04X}"
    return None


def find_surrogate(value: Any) -> tuple[str, str] | None:
    """(path inside ``value``, U+XXXX) of the first lone surrogate in a JSON value."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            found = lone_surrogate(item)
            if found:
                return path, found
        elif isinstance(item, dict):
            for key, child in item.items():
                found = lone_surrogate(str(key))
                if found:
                    return f"{path}.{key.encode('unicode_escape').decode()}", found
                stack.append((child, f"{path}.{key}"))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))
    return None


class _VariableUses(Visitor):
    """Where each variable is used first: (field, argument path), e.g. ("enqueue",
    "input.generation.prompt")."""

    def __init__(self) -> None:
        super().__init__()
        self.uses: dict[str, tuple[str, str]] = {}

    def _walk(self, owner: str, path: str, value: ValueNode) -> None:
        if isinstance(value, VariableNode):
            self.uses.setdefault(value.name.value, (owner, path))
        elif isinstance(value, ObjectValueNode):
            for field in value.fields:
                self._walk(owner, f"{path}.{field.name.value}", field.value)
        elif isinstance(value, ListValueNode):
            for i, item in enumerate(value.values):
                self._walk(owner, f"{path}[{i}]", item)

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        for argument in node.arguments or ():
            self._walk(node.name.value, argument.name.value, argument.value)

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        for argument in node.arguments or ():
            self._walk("@" + node.name.value, argument.name.value, argument.value)


def _message(
    document: DocumentNode | None, variable: str, inner: str, char: str
) -> tuple[str, str]:
    uses = _VariableUses()
    if document is not None:
        visit(document, uses)
    where = f"variable ${variable}{inner}"
    if variable not in uses.uses:
        return f"{where} contains an unpaired UTF-16 surrogate ({char})", variable
    owner, argument = uses.uses[variable]
    field = f"{argument}{inner}"
    return (
        f'argument "{field}" of field "{owner}" ({where}) contains an unpaired UTF-16 '
        f"surrogate ({char}); send valid Unicode text"
    ), field


class RejectLoneSurrogates(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        for name, value in (ctx.variables or {}).items():
            found = find_surrogate(value)
            if found is not None:
                message, field = _message(ctx.graphql_document, name, *found)
                # Mapped here: an error raised by a hook never reaches DomainErrors.
                raise map_error(GraphQLError(message, original_error=Invalid(message, field=field)))
        yield
