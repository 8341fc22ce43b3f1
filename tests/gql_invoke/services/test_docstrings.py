"""Every public service function says, first thing in its docstring, who may call it and
which domain errors it raises: the reader of a resolver, the CLI or another service
learns the contract without reading the body (and the helpers it calls)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SERVICES = ROOT / "gql_invoke" / "services"
ERRORS = ROOT / "gql_invoke" / "errors.py"

# Words that name a caller: "Admins only", "Any signed-in actor", "The board's owner",
# "Anyone (anonymous)", "Internal: called by ...", "The caller's own ...".
CALLER_WORDS = ("admin", "actor", "anyone", "internal", "signed-in", "owner", "caller")
# Besides the error classes: "raises nothing", "raises what X raises", "raises ValueError".
ERROR_WORDS = ("raise", "nothing")

Function = ast.FunctionDef | ast.AsyncFunctionDef


def _error_classes() -> tuple[str, ...]:
    tree = ast.parse(ERRORS.read_text())
    return tuple(node.name for node in tree.body if isinstance(node, ast.ClassDef))


ERROR_CLASSES = _error_classes()


def _public_functions(tree: ast.Module) -> Iterator[tuple[str, Function]]:
    """Module-level functions and the methods of module-level classes, by dotted name,
    leaving out what starts with an underscore (dunders included)."""
    for node in tree.body:
        if isinstance(node, Function) and not node.name.startswith("_"):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for member in node.body:
                if isinstance(member, Function) and not member.name.startswith("_"):
                    yield f"{node.name}.{member.name}", member


def _complaint(function: Function) -> str | None:
    doc = ast.get_docstring(function)
    if not doc:
        return "has no docstring"
    first = " ".join(doc.split("\n\n", 1)[0].split())
    lowered = first.lower()
    missing = []
    if not any(word in lowered for word in CALLER_WORDS):
        missing.append(f"who may call it (one of {', '.join(CALLER_WORDS)})")
    names_an_error = any(re.search(rf"\b{name}\b", first) for name in ERROR_CLASSES)
    if not names_an_error and not any(word in lowered for word in ERROR_WORDS):
        missing.append("what it raises (an error class from gql_invoke/errors.py, or nothing)")
    if missing:
        return f"first paragraph {first!r} does not say " + " nor ".join(missing)
    return None


def complaints(source: str, module: str) -> list[str]:
    """One line per public function of ``source`` whose docstring breaks the rule."""
    found = []
    for name, function in _public_functions(ast.parse(source)):
        complaint = _complaint(function)
        if complaint is not None:
            found.append(f"{module}.{name} (line {function.lineno}) {complaint}")
    return found


def _service_modules() -> list[Path]:
    return sorted(SERVICES.glob("*.py"))


def test_every_public_service_function_says_who_may_call_it_and_what_it_raises() -> None:
    found = [
        line
        for path in _service_modules()
        for line in complaints(path.read_text(), f"services.{path.stem}")
    ]
    assert not found, "\n".join(found)


def test_the_walk_reaches_functions_methods_and_every_service_module() -> None:
    names = {
        f"{path.stem}.{name}"
        for path in _service_modules()
        for name, _ in _public_functions(ast.parse(path.read_text()))
    }
    assert {"boards.create_board", "live.Stream.next", "queue_line.Line.start_of"} <= names
    assert {"boards._get", "live.Stream.__init__"}.isdisjoint(names)
    assert len(names) > 150
    # A module with no public function is fine (``__init__``); every other one is walked.
    walked = {n.split(".", 1)[0] for n in names}
    assert {p.stem for p in _service_modules()} - walked <= {"__init__"}


def test_the_error_classes_are_read_from_the_errors_module() -> None:
    assert {"NotFound", "Forbidden", "Invalid", "Conflict", "RateLimited"} <= set(ERROR_CLASSES)


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ("return 1", "has no docstring"),
        ('"""Makes a board."""', "who may call it"),
        ('"""Any signed-in actor may make a board."""', "what it raises"),
        ('"""Makes a board.\n\n    Admins only; Forbidden otherwise."""', "who may call it"),
        ('"""Any signed-in actor; invalid names are refused."""', "what it raises"),
    ],
)
def test_a_docstring_without_caller_or_errors_is_named(body: str, complaint: str) -> None:
    source = f"async def make(actor):\n    {body}\n\n\nclass Maker:\n    def make(self):\n"
    source += '        """Internal: tests; raises nothing."""\n'
    found = complaints(source, "services.example")
    assert len(found) == 1, found
    assert found[0].startswith("services.example.make (line 1) ") and complaint in found[0]


def test_a_method_of_a_public_class_is_checked_and_private_names_are_not() -> None:
    source = (
        "class Stream:\n    async def next(self):\n        pass\n\n"
        "    def _poll(self):\n        pass\n\n\n"
        "class _Hidden:\n    def run(self):\n        pass\n\n\n"
        "def _helper():\n    pass\n"
    )
    assert complaints(source, "services.example") == [
        "services.example.Stream.next (line 2) has no docstring"
    ]


@pytest.mark.parametrize(
    "doc",
    [
        "Admins only (Forbidden otherwise); raises nothing else.",
        "The board's owner or an admin; Invalid for a bad id, NotFound when missing.",
        "Internal: called by the worker; raises nothing.",
        "Anyone (anonymous); RateLimited past the limits,\n    Unauthenticated otherwise.",
    ],
)
def test_a_docstring_naming_caller_and_errors_passes(doc: str) -> None:
    source = f'def make(actor):\n    """{doc}\n\n    What it does."""\n'
    assert complaints(source, "services.example") == []
