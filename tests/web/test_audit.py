"""The accessibility audit the browser tests run on every page can fail: axe-core
flags an unlabelled control and an unnamed button as serious or critical."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.web.browser import Watched, chromium_missing

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))


def test_an_unlabelled_field_and_an_empty_button_are_reported(
    open_page: Callable[..., Watched],
) -> None:
    w = open_page()
    w.page.set_content(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
        '<input type="text"><button type="button"></button></main></body></html>'
    )
    found = w.audit("planted")
    assert any(": label (critical)" in line for line in found), found
    assert any(": button-name (critical)" in line for line in found), found


def test_a_labelled_form_passes(open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.set_content(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
        '<label for="p">Prompt</label><input id="p" type="text">'
        '<button type="button">Generate</button></main></body></html>'
    )
    assert w.audit("clean") == []
