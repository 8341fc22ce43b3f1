"""Web UI gallery benchmark: 10,000 images scrolled in Chromium.

Not a test (tests/perf is not collected). Run:

    .venv/bin/python tests/perf/bench_ui_gallery.py [--images 10000] [--rounds 2]

Seeds a single-user site with --images image rows (every thumbnail a hard link to
one small WebP, so the browser really loads them), starts the real app under
uvicorn in a child process, opens /gallery in Debian's Chromium (Playwright) and
scrolls to the end the way a person would: a wheel step of 1,200 px per frame
burst until the last page is in. Prints JSON per round:

- first_render_ms: navigation start to the Generate form on / (the app's first
  screen; the goal is under 1,000 ms on loopback);
- first_grid_ms: navigation start to the first thumbnail in the grid;
- all_loaded_s: until every image is in the grid (cursor pages of 100);
- frames: rAF intervals while scrolling: p50, p95, p99 ms, and how many exceeded
  50 ms (a "long frame": visible jank);
- page_requests: the /graphql requests' durations as the browser saw them;
- dom_nodes and js_heap_mb at the end; thumbnails fetched (lazy: far fewer than
  the images in the grid).

The goal ("scrolls smoothly"): p95 frame <= 20 ms and long frames under 1% of frames.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_DIR))

import httpx  # noqa: E402

from gql_invoke.config import Settings, load_settings  # noqa: E402
from tests.perf.bench_gallery import _free_port, wait_healthy  # noqa: E402
from tests.web.browser import CHROMIUM, chromium_missing, first_render_probe  # noqa: E402

SCROLL = """
async () => {
  const frames = [];
  let last = performance.now();
  let going = true;
  const tick = (t) => { frames.push(t - last); last = t; if (going) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  // The grid keeps only the rows in view: its last tile says how far the pages reach.
  const grid = () => {
    const tiles = document.querySelectorAll('ul[aria-label="Images"] > li');
    const end = tiles[tiles.length - 1];
    return end ? Number(end.getAttribute('aria-setsize') ?? tiles.length) : 0;
  };
  const started = performance.now();
  while (grid() < %d && performance.now() - started < 300000) {
    window.scrollBy(0, 1200);
    await new Promise((r) => requestAnimationFrame(r));
  }
  going = false;
  return {
    frames, seconds: (performance.now() - started) / 1000, inGrid: grid(),
    domNodes: document.getElementsByTagName('*').length,
    heapMb: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null,
    thumbnails: performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/thumbnail')).length,
    pages: performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/graphql')).map((e) => e.duration),
  };
}
"""


def _settings(root: Path) -> Settings:
    return load_settings(
        root,
        overrides={"worker_enabled": False, "build_demo_model": False, "log_level": "warning"},
        environ={},
    )


async def _seed(settings: Settings, count: int) -> None:
    from PIL import Image as Pil

    from gql_invoke import runtime
    from gql_invoke.db import close_db, init_db
    from gql_invoke.db.models import SYSTEM_USER_ID, Image

    runtime.start(settings)
    await init_db(settings.database_url)
    try:
        out = settings.outputs_dir
        out.mkdir(parents=True, exist_ok=True)
        one = out / "one.webp"
        Pil.new("RGB", (128, 128), (90, 120, 200)).save(one, "WEBP")
        start = datetime.now(UTC) - timedelta(days=30)
        rows: list[Image] = []
        for n in range(count):
            stem = secrets.token_hex(16)
            (out / stem[:2]).mkdir(exist_ok=True)
            os.link(one, out / f"{stem[:2]}/{stem}.webp")
            rows.append(
                Image(
                    id=uuid.uuid4(),
                    owner_id=SYSTEM_USER_ID,
                    board_id=None,
                    filename=f"{stem[:2]}/{stem}.png",
                    thumbnail=f"{stem[:2]}/{stem}.webp",
                    width=512,
                    height=512,
                    size_bytes=400_000,
                    starred=False,
                    metadata={"prompt": f"a bench image {n}", "seed": n, "steps": 20},
                    created_at=start + timedelta(seconds=n * 60),
                )
            )
        await Image.bulk_create(rows, batch_size=1000)
    finally:
        await close_db()
        runtime.stop()


def _serve(root: str, port: int) -> None:
    import uvicorn

    from gql_invoke.app import create_app

    uvicorn.run(
        create_app(_settings(Path(root))),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def _first_render(browser: Any, base: str) -> float:
    """A fresh context (nothing cached) opening /: when the Generate form appears."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(first_render_probe("#generate-title"))
    page.goto(base)
    page.wait_for_selector("#generate-title")
    ms = float(page.evaluate("window.__firstRender"))
    context.close()
    return ms


def _round(browser: Any, base: str, count: int) -> dict[str, Any]:
    first_render = _first_render(browser, base)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Room for every request's timing (the default buffer holds 250 entries).
    page.add_init_script("performance.setResourceTimingBufferSize(100000)")
    page.add_init_script(
        "new MutationObserver(() => { if (window.__grid === undefined && "
        "document.querySelector('ul[aria-label=\"Images\"] img')) "
        "window.__grid = performance.now(); })"
        ".observe(document, { childList: true, subtree: true });"
    )
    page.goto(f"{base}/gallery")
    page.wait_for_selector('ul[aria-label="Images"] img')
    first = page.evaluate("window.__grid")
    result = page.evaluate(SCROLL % count)
    context.close()
    frames = result["frames"][1:] or [0.0]
    return {
        "first_render_ms": round(first_render),
        "first_grid_ms": round(first),
        "all_loaded_s": round(result["seconds"], 2),
        "in_grid": result["inGrid"],
        "frames": {
            "count": len(frames),
            "p50_ms": _pct(frames, 0.5),
            "p95_ms": _pct(frames, 0.95),
            "p99_ms": _pct(frames, 0.99),
            "mean_ms": round(statistics.fmean(frames), 1),
            "long_over_50ms": sum(1 for f in frames if f > 50),
        },
        "page_requests": {
            "count": len(result["pages"]),
            "p50_ms": _pct(result["pages"], 0.5),
            "p95_ms": _pct(result["pages"], 0.95),
        },
        "dom_nodes": result["domNodes"],
        "js_heap_mb": round(result["heapMb"], 1) if result["heapMb"] else None,
        "thumbnails_fetched": result["thumbnails"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    missing = chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        asyncio.run(_seed(_settings(root), args.images))
        seeded = time.perf_counter() - t0
        port = _free_port()
        server = mp.get_context("spawn").Process(target=_serve, args=(str(root), port))
        server.start()
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base) as http:
                wait_healthy(http)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                rounds = [_round(browser, base, args.images) for _ in range(args.rounds)]
                browser.close()
        finally:
            server.terminate()
            server.join(10)
    report = {"images": args.images, "seed_s": round(seeded, 1), "rounds": rounds}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
