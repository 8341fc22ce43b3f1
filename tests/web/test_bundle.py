"""The committed web bundle (gql_invoke/web/) matches its sources and its budget.

The build (playground/web, `npm run build`) writes build-manifest.json with a
sha256 over every source file and the sha256 of every file it wrote. Here the
source hash is recomputed without Node: a change to the UI, its lockfile or
schema/schema.graphql that was not followed by a rebuild fails. When npm is
available, a clean `npm ci && npm run build` into a temporary folder must give the
committed bytes exactly.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB_SRC = ROOT / "playground" / "web"
BUNDLE = ROOT / "gql_invoke" / "web"
MANIFEST = "build-manifest.json"
# Not sources: installed packages and what codegen writes from the schema.
SKIP_DIRS = {"playground/web/node_modules", "playground/web/src/gql"}
INITIAL_BUDGET_GZIP = 150 * 1024
REBUILD = "cd playground/web && npm ci && npm run build"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _walk(directory: Path, base: Path, skip: set[str]) -> list[str]:
    found: list[str] = []
    with os.scandir(directory) as entries:
        for entry in entries:
            rel = Path(entry.path).relative_to(base).as_posix()
            if entry.is_dir(follow_symlinks=False):
                if rel not in skip:
                    found.extend(_walk(Path(entry.path), base, skip))
            elif entry.is_file(follow_symlinks=False):
                found.append(rel)
    return found


def source_files(repo: Path = ROOT) -> list[str]:
    """As scripts/manifest.mjs lists them: repo-relative POSIX paths, sorted."""
    return sorted(_walk(repo / "playground" / "web", repo, SKIP_DIRS) + ["schema/schema.graphql"])


def sources_sha256(repo: Path = ROOT) -> str:
    combined = hashlib.sha256()
    for rel in source_files(repo):
        combined.update(f"{rel}\0{sha256((repo / rel).read_bytes())}\n".encode())
    return combined.hexdigest()


def manifest() -> dict[str, object]:
    path = BUNDLE / MANIFEST
    assert path.is_file(), f"no {path.relative_to(ROOT)}: build the UI with `{REBUILD}`"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def initial_assets() -> list[str]:
    """What index.html loads before the first render: its scripts, preloads and styles."""
    html = (BUNDLE / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html)
    names = []
    for tag in tags:
        if "<link" in tag and not re.search(r'rel="(stylesheet|modulepreload)"', tag):
            continue
        match = re.search(r'(?:src|href)="/(assets/[^"]+)"', tag)
        if match:
            names.append(match.group(1))
    return names


def test_bundle_is_fresh_against_its_sources() -> None:
    recorded = manifest()
    assert recorded["sourcesSha256"] == sources_sha256(), (
        "gql_invoke/web/ is stale: playground/web, its lockfile or schema/schema.graphql "
        f"changed since the last build. Rebuild with `{REBUILD}` and commit gql_invoke/web/."
    )


def test_bundle_files_are_what_the_build_wrote() -> None:
    files = manifest()["files"]
    assert isinstance(files, dict) and "index.html" in files and "graphiql.html" in files
    on_disk = {p for p in _walk(BUNDLE, BUNDLE, set()) if p != MANIFEST}
    assert on_disk == set(files), "files added to or missing from gql_invoke/web/ by hand"
    changed = [n for n, digest in files.items() if sha256((BUNDLE / n).read_bytes()) != digest]
    assert not changed, f"edited after the build: {changed}"


def test_initial_js_and_css_fit_the_budget() -> None:
    names = initial_assets()
    assert any(n.endswith(".js") for n in names) and any(n.endswith(".css") for n in names)
    assert not any("graphiql" in n or "monaco" in n for n in names), "GraphiQL in the app's page"
    size = sum(len(gzip.compress((BUNDLE / n).read_bytes(), 9)) for n in names)
    assert size <= INITIAL_BUDGET_GZIP, f"initial JS+CSS is {size} bytes gzipped"


def _copy_sources(target: Path) -> None:
    for rel in source_files():
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, dest)


NETWORK_ERRORS = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET")


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed: cannot rebuild")
def test_clean_build_reproduces_the_committed_bytes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _copy_sources(repo)
    out = tmp_path / "out"
    env = {**os.environ, "GQL_INVOKE_WEB_OUT": str(out), "CI": "1"}
    web = repo / "playground" / "web"
    install = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
        cwd=web,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode != 0 and any(code in install.stderr for code in NETWORK_ERRORS):
        pytest.skip(f"npm registry unreachable: {install.stderr.strip()[-300:]}")
    assert install.returncode == 0, install.stderr[-3000:]
    build = subprocess.run(
        ["npm", "run", "build"], cwd=web, env=env, capture_output=True, text=True, timeout=600
    )
    assert build.returncode == 0, (build.stdout + build.stderr)[-3000:]
    built = {p: (out / p).read_bytes() for p in _walk(out, out, set())}
    committed = {p: (BUNDLE / p).read_bytes() for p in _walk(BUNDLE, BUNDLE, set())}
    assert sorted(built) == sorted(committed)
    differ = [p for p in built if built[p] != committed[p]]
    assert not differ, f"a clean build differs from gql_invoke/web/ in {differ}"
