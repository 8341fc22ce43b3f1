"""SDXL models through the API: txt2img, img2img and inpainting on a tiny random-weight
SDXL pipeline (two text encoders, size conditioning; 11 MB, built in a fraction of a
second), 64x64, 2 steps; plus a dedicated (9-channel) inpainting model."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tests import queue_support, tiny_models
from tests.gql_invoke.test_worker_breadth import image_of, install, pixels, run
from tests.helpers import Server

gen_server = queue_support.gen_server

_built: dict[str, Path] = {}


def model_dir(kind: str) -> Path:
    if kind not in _built:
        root = Path(tempfile.mkdtemp(prefix="gqli-xl-"))
        build = tiny_models.build_tiny_sdxl if kind == "sdxl" else tiny_models.build_tiny_inpaint
        _built[kind] = build(root / kind)
    return _built[kind]


def test_sdxl_runs_each_mode_and_the_same_seed_gives_the_same_pixels(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    model = install(server, admin, model_dir("sdxl"), "MAIN")
    assert model["base"] == "SDXL"
    key = model["key"]
    init_item = run(server, admin, model=key)
    init = str(image_of(server, admin, init_item)["id"])
    modes = {
        "txt2img": {},
        "img2img": {"initImageId": init, "strength": 0.6},
        "inpaint": {"initImageId": init, "maskImageId": init, "strength": 0.9},
    }
    results = {}
    for name, extra in modes.items():
        first, second = (run(server, admin, "a lighthouse", model=key, **extra) for _ in "ab")
        results[name] = pixels(server, admin, first)
        assert results[name].shape == (64, 64, 3)
        assert np.array_equal(results[name], pixels(server, admin, second)), name
    assert not np.array_equal(results["txt2img"], results["img2img"])
    assert not np.array_equal(results["img2img"], results["inpaint"])
    # Past 77 tokens on both encoders.
    long = run(server, admin, "abcdefghij" * 30, model=key)
    assert image_of(server, admin, long)["metadata"]["promptTokens"] == 300


def test_an_inpainting_model_runs_every_mode_through_its_inpaint_pipeline(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    key = install(server, admin, model_dir("inpaint"), "MAIN")["key"]
    txt = pixels(server, admin, run(server, admin, model=key))
    init_item = run(server, admin, model=key)
    init = str(image_of(server, admin, init_item)["id"])
    inpainted = [run(server, admin, model=key, initImageId=init, maskImageId=init) for _ in "ab"]
    same = pixels(server, admin, inpainted[0])
    assert np.array_equal(same, pixels(server, admin, inpainted[1]))
    assert not np.array_equal(txt, same)
    assert pixels(server, admin, run(server, admin, model=key, initImageId=init)).shape == (
        64,
        64,
        3,
    )
