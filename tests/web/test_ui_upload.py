"""Uploading in a real browser: the "Upload image" button and dropping files on the
gallery; an uploaded PNG with A1111 parameters fills the Generate form through "Use
these settings"; a file that is not an image is refused with a sentence."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live_server import LiveServer, live_server
from tests.upload_helpers import image_bytes
from tests.web.browser import Watched, chromium_missing
from tests.web.site import url

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
PARAMETERS = "a fox in the snow\nNegative prompt: blurry\nSteps: 7, Sampler: DDIM, Seed: 4294967295"
# Drops a file on the gallery as a browser does when one is dragged from the desktop.
DROP = """
([b64, name]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type: "image/jpeg" }));
  const zone = document.querySelector("section.gallery");
  const options = { dataTransfer: data, bubbles: true, cancelable: true };
  zone.dispatchEvent(new DragEvent("dragover", options));
  zone.dispatchEvent(new DragEvent("drop", options));
}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("upload")) as live:
        yield live


def test_upload_by_button_and_by_drop_then_use_its_settings(
    server: LiveServer, open_page: Callable[..., Watched], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    w = open_page()
    page: Any = w.page
    page.goto(url(server, "/gallery"))
    expect(page.get_by_role("heading", name="All images")).to_be_visible()
    tiles = page.get_by_role("list", name="Images").get_by_role("link")
    expect(tiles).to_have_count(0)

    picture = tmp_path / "fox.png"
    picture.write_bytes(image_bytes("PNG", (64, 48), text={"parameters": PARAMETERS}))
    page.get_by_label("Upload image").set_input_files(str(picture))
    expect(tiles).to_have_count(1)
    expect(tiles.first.get_by_role("img", name=re.compile("^Image 64×48"))).to_be_visible()
    expect(page.get_by_text("1 image", exact=True)).to_be_visible()

    photo = base64.b64encode(image_bytes("JPEG", (40, 30))).decode()
    page.evaluate(DROP, [photo, "photo.jpg"])
    expect(tiles).to_have_count(2)
    expect(page.get_by_role("img", name=re.compile("^Image 40×30"))).to_be_visible()
    w.shoot("gallery-upload")

    text = tmp_path / "notes.png"
    text.write_bytes(b"not an image at all")
    page.get_by_label("Upload image").set_input_files(str(text))
    expect(page.get_by_role("alert")).to_contain_text("not a PNG, JPEG or WebP")
    expect(tiles).to_have_count(2)

    page.get_by_role("img", name=re.compile("^Image 64×48")).click()
    expect(page.get_by_role("heading", name="Image")).to_be_visible()
    page.get_by_role("button", name="Use these settings").click()
    expect(page.get_by_role("heading", name="Generate")).to_be_visible()
    expect(page.get_by_label("Prompt", exact=True)).to_have_value("a fox in the snow")
    expect(page.get_by_label("Negative prompt")).to_have_value("blurry")
    expect(page.get_by_label("Seed", exact=True)).to_have_value("4294967295")
    expect(page.get_by_label("Steps")).to_have_value("7")
    w.assert_clean()
