"""The web UI with the keyboard alone: skip link, a visible focus ring, a style preset
applied and a generation queued without touching the mouse."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.live_server import LiveServer, live_server
from tests.web.browser import Watched, chromium_missing

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
MAX_TABS = 60


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # The worker stays off: the queued item waits, which is all this test needs.
    with live_server(tmp_path_factory.mktemp("keys"), build_demo_model=True) as live:
        body = live.gql(
            'mutation { saveStylePreset(name: "Watercolour", '
            'positivePrompt: "{prompt}, watercolour on paper", negativePrompt: "photo") { id } }'
        )
        assert not body.get("errors"), body
        yield live


def tab_to(page: Any, describe: str, matches: str) -> None:
    """Presses Tab until the focused element satisfies the JS predicate ``matches``
    (given ``el``); fails naming ``describe`` when it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {matches}; }})()"):
            return
    raise AssertionError(f"{describe} cannot be reached with Tab in {MAX_TABS} presses")


def focused_label(page: Any) -> str:
    return str(
        page.evaluate(
            "(() => { const el = document.activeElement; return el.labels?.[0]?.innerText"
            " ?? el.getAttribute('aria-label') ?? el.innerText; })()"
        )
    )


def test_a_preset_and_a_generation_with_the_keyboard_only(
    server: LiveServer, open_page: Callable[..., Watched]
) -> None:
    from playwright.sync_api import expect

    w = open_page()
    page: Any = w.page
    page.goto(f"http://127.0.0.1:{server.port}/")
    expect(page.get_by_role("heading", name="Generate")).to_be_visible()
    expect(page.get_by_role("button", name="Apply style preset Watercolour")).to_be_visible()

    # The first Tab lands on the skip link, which takes focus past the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, "the Prompt field", "el.labels?.[0]?.innerText === 'Prompt'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused field shows no focus ring"
    page.keyboard.type("a fox in the snow")

    tab_to(page, "the Watercolour preset", "el.getAttribute('aria-label')?.includes('Watercolour')")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Prompt", exact=True)).to_have_value(
        "a fox in the snow, watercolour on paper"
    )
    expect(page.get_by_label("Negative prompt")).to_have_value("photo")

    tab_to(page, "the Generate button", "el.tagName === 'BUTTON' && el.innerText === 'Generate'")
    assert focused_label(page) == "Generate"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Queued 1 image.")).to_be_visible()
    items = server.gql("{ queueItems { status params { prompt } } }")
    assert items["data"]["queueItems"] == [
        {"status": "PENDING", "params": {"prompt": "a fox in the snow, watercolour on paper"}}
    ]
    w.shoot("generate-keyboard")
    w.assert_clean()
