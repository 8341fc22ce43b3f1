"""The Dockerfile: its essentials checked on every run (so it cannot rot unnoticed), and
a real build where a Docker daemon answers (else skipped, saying why)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), " ".join(rest.split())))
    return found


def values(word: str) -> list[str]:
    return [rest for w, rest in instructions() if w == word]


def test_cpu_image_serves_on_all_interfaces_with_the_root_as_a_volume() -> None:
    assert values("FROM") == ["python:3.11-slim"]
    assert values("EXPOSE") == ["9090"] and values("VOLUME") == ["/data"]
    assert json.loads(values("CMD")[-1]) == [
        "gql-invoke", "serve", "--host", "0.0.0.0", "--root", "/data"
    ]  # fmt: skip
    env = " ".join(values("ENV"))
    # 0.0.0.0 without sign-in would make everyone on the network an admin.
    assert "GQL_INVOKE_MULTIUSER=true" in env and "GQL_INVOKE_ROOT=/data" in env
    runs = values("RUN")
    assert any(
        "torch==" in r and "--index-url https://download.pytorch.org/whl/cpu" in r for r in runs
    )
    assert values("USER") == ["gql"]


def test_every_package_the_project_installs_is_copied_and_not_ignored() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = {re.split(r"\s+", c)[0] for c in values("COPY")}
    assert packages <= copied, packages - copied
    assert project["project"]["readme"] in " ".join(values("COPY"))
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".git" in ignored
    assert not packages & set(ignored)


def test_the_image_builds_where_a_docker_daemon_answers() -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("docker is not installed")
    info = subprocess.run([docker, "info"], capture_output=True, text=True, timeout=30)
    if info.returncode != 0:
        pytest.skip(f"no Docker daemon answers `docker info`: {info.stderr.strip()[-200:]}")
    build = subprocess.run(
        [docker, "build", "-q", "-t", "gql-invoke:test", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    version = subprocess.run(
        [docker, "run", "--rm", "gql-invoke:test", "gql-invoke", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert version.returncode == 0 and "serve" in version.stdout, version.stderr
