"""README.md stays true: every configuration key is in its table (and nothing else),
its commands run as written from a fresh clone, and it points at nothing outside the
repository."""

from __future__ import annotations

import re
from pathlib import Path

from gql_invoke.config import config_keys

README = Path(__file__).resolve().parents[1] / "README.md"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def table_keys() -> set[str]:
    keys: set[str] = set()
    for line in section("Configuration").splitlines():
        if line.startswith("| `"):
            keys |= set(re.findall(r"`([a-z0-9_]+)`", line.split("|")[1]))
    return keys


def shell_lines() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_configuration_table_lists_exactly_the_settings_keys() -> None:
    documented, real = table_keys(), set(config_keys())
    assert real - documented == set(), f"keys missing from README: {sorted(real - documented)}"
    assert documented - real == set(), f"README documents no such keys: {sorted(documented - real)}"


def test_cli_examples_run_as_written_from_the_clone() -> None:
    # A bare `gql-invoke` is not on PATH after the README's install: the venv's is.
    bare = [
        line
        for line in shell_lines()
        if re.search(r"(^|[;&|]\s*|^\S+=\S+\s+)gql-invoke\b", line) and ".venv/bin/" not in line
    ]
    assert bare == []


def test_nothing_outside_the_repository_is_referenced() -> None:
    text = README.read_text(encoding="utf-8")
    assert "../shared" not in text and "/work/" not in text
