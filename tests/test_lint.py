"""ruff (lint and format), mypy and lint-imports are part of the suite, so CI fails on
a lint, formatting, typing or layering regression."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_reports_nothing() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_changes_nothing() -> None:
    result = _run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_reports_nothing() -> None:
    # tests/ too (tests/perf stays out, by the exclude in pyproject.toml).
    result = _run("mypy", "gql_invoke", "schema", "resolvers", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


# -- lint-imports: the contracts in pyproject.toml [tool.importlinter] ----------------

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"  # import-linter has no __main__
PACKAGES = ("gql_invoke", "schema", "resolvers")


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return list(config["tool"]["importlinter"]["contracts"])


def _contract(kind: str, **match: Any) -> str:
    for c in _contracts():
        if c["type"] == kind and all(set(v) <= set(c.get(k, ())) for k, v in match.items()):
            return str(c["name"])
    raise AssertionError(f"no {kind} contract with {match}")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    # --no-cache: nothing is written into the tree. A wide console: one line per contract.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "250"},
    )


def test_import_contracts_are_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in result.stdout


def test_every_gql_invoke_module_has_a_layer() -> None:
    """A module missing from the layers contract would be checked by none of its rules."""
    layers = next(c for c in _contracts() if c["type"] == "layers")
    named = {m.strip() for layer in layers["layers"] for m in layer.replace("|", ":").split(":")}
    children = {
        p.stem if p.suffix == ".py" else p.name
        for p in (ROOT / "gql_invoke").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    assert {f"gql_invoke.{c}" for c in children} <= named


@pytest.mark.parametrize(
    ("module", "line", "contract", "complaint"),
    [
        (
            "gql_invoke/services/boards.py",
            "import resolvers.boards",
            ("layers", {}),
            "gql_invoke.services is not allowed to import resolvers",
        ),
        (
            "gql_invoke/services/images.py",
            "import strawberry",
            ("forbidden", {"forbidden_modules": ["strawberry"]}),
            "gql_invoke.services is not allowed to import strawberry",
        ),
        (
            "schema/users.py",
            "from gql_invoke.db.models import User",
            ("forbidden", {"forbidden_modules": ["gql_invoke.db"]}),
            "schema is not allowed to import gql_invoke.db",
        ),
    ],
)
def test_a_wrong_way_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: tuple[str, dict[str, Any]], complaint: str
) -> None:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / module).open("a") as f:
        f.write(f"\n{line}\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    name = _contract(contract[0], **contract[1])
    assert f"{name} BROKEN" in result.stdout, result.stdout
    # The planted line, in the copy: not a violation the tree already has.
    planted = len((tmp_path / module).read_text().splitlines())
    assert f"{complaint}:" in result.stdout and f"(l.{planted})" in result.stdout, result.stdout
