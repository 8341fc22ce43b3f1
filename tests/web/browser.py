"""Browser test helpers: where Chromium is, a watched page (console errors, requests
that left 127.0.0.1, axe-core violations, screenshots at 1280 and 375 px and in the
dark theme), a first-render probe."""

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
AXE_RUN = """
axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
})))
"""


def _axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_SCRIPT as script
    except ImportError:  # the test extra installs it; chromium_missing() says so
        return ""
    return str(script)


AXE_SCRIPT = _axe_script()


def chromium_missing() -> str | None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not AXE_SCRIPT:
        return "axe-playwright-python is not installed (pip install -e '.[test]')"
    return None


@dataclass
class Watched:
    """A page and what went wrong in it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    overflows: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.errors, "console errors:\n" + "\n".join(self.errors)
        assert not self.blocked, "requests outside 127.0.0.1:\n" + "\n".join(self.blocked)
        assert not self.overflows, "wider than the window:\n" + "\n".join(self.overflows)
        assert not self.violations, "axe-core, serious or critical:\n" + "\n".join(self.violations)

    def audit(self, name: str) -> list[str]:
        """Runs axe-core on the page as it is; notes its serious and critical
        violations (one line each: rule, impact, the first offending elements)."""
        if not self.page.evaluate("typeof window.axe === 'object'"):
            # Evaluated over CDP, so the page's CSP (no inline scripts) does not apply.
            self.page.evaluate(AXE_SCRIPT)
        found = self.page.evaluate(AXE_RUN)
        lines = [
            f"{name}: {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}"
            for v in found
            if v["impact"] in ("serious", "critical")
        ]
        self.violations.extend(lines)
        return lines

    def shoot(self, name: str, audit: bool = True) -> list[Path]:
        """Full-page screenshots at each width and at 1280 px in the dark theme,
        noting a page wider than the window (it must not scroll sideways) and what
        axe-core finds in each; the page comes back to 1280 px, light."""
        SHOTS.mkdir(exist_ok=True)
        paths = []
        for width, scheme in [*((w, "light") for w in WIDTHS), (WIDTHS[0], "dark")]:
            self.page.emulate_media(color_scheme=scheme)
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.wait_for_timeout(100)  # let the layout settle
            scroll = self.page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                self.overflows.append(f"{name}: {scroll} px at {width} px")
            suffix = "-dark" if scheme == "dark" else ""
            path = SHOTS / f"{name}-{width}{suffix}.png"
            self.page.screenshot(path=str(path), full_page=True)
            if audit:
                self.audit(f"{name} at {width} px{suffix}")
            paths.append(path)
        self.page.emulate_media(color_scheme="light")
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
