"""Browser fixtures: Debian's Chromium through Playwright (one per module) and fresh
contexts whose pages record console errors and block requests outside 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.browser import CHROMIUM, WIDTHS, Watched, chromium_missing, is_local


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """open_page() -> Watched: a fresh context (its own storage) per call."""
    contexts: list[Any] = []

    def factory(**context_options: Any) -> Watched:
        context = browser.new_context(
            viewport={"width": WIDTHS[0], "height": 900}, **context_options
        )
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page)

        def on_console(message: Any) -> None:
            if message.type == "error":
                watched.errors.append(f"{message.text} ({message.location.get('url', '')})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: watched.errors.append(f"pageerror: {error}"))

        def gate(route: Any) -> None:
            if is_local(route.request.url):
                route.continue_()
            else:
                watched.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", gate)
        return watched

    yield factory
    for context in contexts:
        context.close()
