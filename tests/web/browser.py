"""Browser test helpers: where Chromium is, a watched page (console errors, requests
that left 127.0.0.1, screenshots at 1280 and 375 px), a first-render probe."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("GQL_INVOKE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTHS = (1280, 375)


def chromium_missing() -> str | None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@dataclass
class Watched:
    """A page and what went wrong in it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    overflows: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.errors, "console errors:\n" + "\n".join(self.errors)
        assert not self.blocked, "requests outside 127.0.0.1:\n" + "\n".join(self.blocked)
        assert not self.overflows, "wider than the window:\n" + "\n".join(self.overflows)

    def shoot(self, name: str) -> list[Path]:
        """Full-page screenshots at each width (noting a page wider than the window:
        it must not scroll sideways); the viewport comes back to 1280."""
        SHOTS.mkdir(exist_ok=True)
        paths = []
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.wait_for_timeout(100)  # let the layout settle
            scroll = self.page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                self.overflows.append(f"{name}: {scroll} px at {width} px")
            path = SHOTS / f"{name}-{width}.png"
            self.page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        self.page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        return paths


def first_render_probe(selector: str) -> str:
    """An init script that stores in window.__firstRender the time (ms after navigation
    start) at which an element matching ``selector`` first appears."""
    return f"""
(() => {{
  const mark = () => {{
    if (window.__firstRender === undefined && document.querySelector({selector!r})) {{
      window.__firstRender = performance.now();
    }}
  }};
  new MutationObserver(mark).observe(document, {{ childList: true, subtree: true }});
}})();
"""


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"
