"""Image-to-image and LoRAs in a real browser against a real `gql-invoke serve` (worker
processes, the demo model, a tiny LoRA and VAE installed through the API): "Use as init
image" on the image view, the Strength slider, the LoRA picker with a weight, the VAE
picker, and the mask brush over the init image."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import queue_support, tiny_models
from tests.live_server import LiveServer, live_server
from tests.web.browser import Watched, chromium_missing
from tests.web.site import api, url

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))

INSTALL = "mutation($i: ModelInstallInput!){ installModel(input: $i){ key name } }"
ITEMS = """{ queueItems { id status error params { prompt initImageId strength
  loras { model weight } vae } images { id } } }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(
        tmp_path_factory.mktemp("breadth"), worker_enabled=True, build_demo_model=True
    ) as live:
        yield live


def wait_done(server: LiveServer, prompt: str) -> dict[str, Any]:
    deadline = time.monotonic() + 90
    while True:
        for item in api(server, ITEMS)["queueItems"]:
            if item["params"]["prompt"] == prompt and item["status"] in ("COMPLETED", "FAILED"):
                assert item["status"] == "COMPLETED", item["error"]
                return dict(item)
        assert time.monotonic() < deadline, f"{prompt!r} never finished"
        time.sleep(0.2)


def test_use_as_init_image_with_strength_a_lora_and_a_vae(
    server: LiveServer, open_page: Callable[..., Watched]
) -> None:
    from playwright.sync_api import expect

    extras = Path(tempfile.mkdtemp(prefix="gqli-ui-extra-"))
    demo = queue_support.demo_model_dir()  # the same weights as the server's demo model
    lora = api(
        server,
        INSTALL,
        i={
            "source": str(tiny_models.build_tiny_lora(demo, extras / "l")),
            "type": "LORA",
            "name": "Tiny LoRA",
        },
    )["installModel"]
    api(
        server,
        INSTALL,
        i={
            "source": str(tiny_models.build_tiny_vae(demo, extras / "v")),
            "type": "VAE",
            "name": "Tiny VAE",
        },
    )
    api(
        server,
        'mutation { enqueue(input: {generation: {prompt: "the source", steps: 2}}) { batchId } }',
    )
    source = wait_done(server, "the source")["images"][0]["id"]

    w = open_page()
    page: Any = w.page
    page.goto(url(server, f"/view/{source}"))
    page.get_by_role("button", name="Use as init image").click()
    expect(page.get_by_role("heading", name="Generate")).to_be_visible()
    expect(page.get_by_role("img", name="The init image")).to_be_visible()
    strength = page.get_by_label(re.compile("^Strength"))
    expect(strength).to_have_value("0.75")
    strength.fill("0.5")
    expect(page.get_by_text("Strength: 0.5")).to_be_visible()

    page.get_by_label("LoRA", exact=True).select_option(label="Tiny LoRA (SD1)")
    page.get_by_role("button", name="Add LoRA").click()
    page.get_by_label("LoRA weight: Tiny LoRA").fill("0.8")
    page.get_by_label("VAE").select_option(label="Tiny VAE (SD1)")

    page.get_by_role("button", name="Paint mask").click()
    canvas = page.get_by_role("img", name=re.compile("^Mask canvas"))
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.up()
    w.shoot("generate-init-image-mask")
    page.get_by_role("button", name="Close the mask brush").click()

    page.get_by_label("Prompt", exact=True).fill("from the source")
    page.get_by_label("Steps").fill("2")
    w.shoot("generate-init-image")
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_text("Queued 1 image.")).to_be_visible()
    item = wait_done(server, "from the source")
    assert item["params"] == {
        "prompt": "from the source",
        "initImageId": source,
        "strength": 0.5,
        "loras": [{"model": lora["key"], "weight": 0.8}],
        "vae": "tiny-vae",
    }
    page.get_by_role("button", name="Remove init image").click()
    expect(page.get_by_role("img", name="The init image")).to_have_count(0)
    w.assert_clean()
