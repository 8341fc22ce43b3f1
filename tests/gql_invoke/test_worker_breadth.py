"""Image-to-image, inpainting, LoRA, VAE and long prompts end to end through the API,
on the demo model and tiny local LoRA/VAE files (64x64 or smaller, 2 steps)."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image as PILImage
from safetensors.torch import save_file

from gql_invoke.errors import Invalid
from gql_invoke.services.models import DEMO_DEFAULTS
from gql_invoke.services.queue_spec import GenerationSpec, LoraSpec, validate_spec
from tests import queue_support, tiny_models
from tests.helpers import Server, error_code
from tests.queue_support import ENQUEUE, enqueue, gen_input, wait_for

gen_server = queue_support.gen_server

INSTALL = "mutation($i: ModelInstallInput!){ installModel(input: $i){ key type base } }"
PARAMS = """query($id: ID!){ queueItem(id: $id){ status error params { width height
  initImageId strength maskImageId loras { model weight } vae } } }"""
COUNT = "{ queueStatus { myPending } }"

_files: dict[str, Path] = {}


def extra_file(name: str) -> Path:
    """Tiny LoRA/VAE files for the demo model, built once per test process."""
    if name not in _files:
        root = Path(tempfile.mkdtemp(prefix="gqli-extra-"))
        demo = queue_support.demo_model_dir()
        if name == "lora":
            _files[name] = tiny_models.build_tiny_lora(demo, root / "lora", text_encoder=True)
        elif name == "vae":
            _files[name] = tiny_models.build_tiny_vae(demo, root / "vae")
        else:  # keys of SDXL's second text encoder: a LoRA for another base
            path = root / "xl.safetensors"
            save_file({"text_encoder_2.q_proj.lora_A.weight": torch.zeros(4, 1280)}, str(path))
            _files[name] = path
    return _files[name]


def pixels(server: Server, token: str, item_id: str) -> np.ndarray:
    item = wait_for(server, token, item_id, ("COMPLETED", "FAILED"))
    assert item["status"] == "COMPLETED", item["error"]
    response = server.client.get(item["images"][0]["url"])
    return np.asarray(PILImage.open(io.BytesIO(response.content)).convert("RGB"))


def image_of(server: Server, token: str, item_id: str) -> dict[str, Any]:
    item = wait_for(server, token, item_id, ("COMPLETED", "FAILED"))
    assert item["status"] == "COMPLETED", item["error"]
    image: dict[str, Any] = item["images"][0]
    return image


def make_image(server: Server, token: str, **generation: Any) -> str:
    item_id = enqueue(server, token, "source", seed=5, **generation)["items"][0]["id"]
    return str(image_of(server, token, item_id)["id"])


def install(server: Server, admin: str, path: Path, type: str) -> dict[str, Any]:
    data = server.ok(INSTALL, {"i": {"source": str(path), "type": type}}, admin)
    model: dict[str, Any] = data["installModel"]
    return model


def run(server: Server, token: str, prompt: str = "a red fox", **generation: Any) -> str:
    generation.setdefault("seed", 42)
    return str(enqueue(server, token, prompt, **generation)["items"][0]["id"])


def test_image_to_image_uses_the_init_size_and_the_same_seed_gives_the_same_pixels(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    init = make_image(server, admin, width=72, height=80)
    spec = {"prompt": "a red fox", "steps": 2, "seed": 9, "initImageId": init, "strength": 0.5}
    items = server.ok(ENQUEUE, {"i": {"generation": spec, "runs": 1}}, admin)["enqueue"]["items"]
    again = server.ok(ENQUEUE, {"i": {"generation": spec, "runs": 1}}, admin)["enqueue"]["items"]
    first = pixels(server, admin, items[0]["id"])
    assert first.shape == (80, 72, 3)  # the init image's size
    assert np.array_equal(first, pixels(server, admin, again[0]["id"]))
    params = server.ok(PARAMS, {"id": items[0]["id"]}, admin)["queueItem"]["params"]
    assert params | {"initImageId": None} == {
        "width": 72,
        "height": 80,
        "initImageId": None,
        "strength": 0.5,
        "maskImageId": None,
        "loras": [],
        "vae": None,
    }
    assert params["initImageId"] == init
    plain = pixels(server, admin, run(server, admin, width=72, height=80, seed=9))
    assert not np.array_equal(first, plain)


def test_inpainting_with_a_mask_of_another_size_is_reproducible(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    init = make_image(server, admin)
    mask = make_image(server, admin, width=128, height=96)  # resized to 64x64
    ids = [run(server, admin, initImageId=init, maskImageId=mask, strength=0.9) for _ in "ab"]
    inpainted = pixels(server, admin, ids[0])
    assert np.array_equal(inpainted, pixels(server, admin, ids[1]))
    img2img = pixels(server, admin, run(server, admin, initImageId=init, strength=0.9))
    assert not np.array_equal(inpainted, img2img)
    params = server.ok(PARAMS, {"id": ids[0]}, admin)["queueItem"]["params"]
    assert (params["maskImageId"], params["strength"]) == (mask, 0.9)


def test_a_mask_needs_an_init_image_and_strength_stays_within_0_and_1(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    init = make_image(server, admin)
    for extra in (
        {"maskImageId": init},
        {"initImageId": init, "strength": 1.01},
        {"initImageId": init, "strength": -0.01},
        {"strength": 0.5},
    ):
        body = server.gql(ENQUEUE, {"i": gen_input(**extra)}, admin)
        assert error_code(body) == "BAD_USER_INPUT", extra
    for ok in (0.0, 1.0):
        run(server, admin, initImageId=init, strength=ok)


def test_another_users_private_image_is_refused_as_init_or_mask_and_nothing_is_stored(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    _uid, other = server.user_with_token(admin, "bob@example.com")
    private = make_image(server, admin)
    mine = make_image(server, other)
    missing = "00000000-0000-4000-8000-000000000000"
    messages = []
    for field, extra in (
        ("initImageId", {"initImageId": private}),
        ("maskImageId", {"initImageId": mine, "maskImageId": private}),
        ("initImageId", {"initImageId": missing}),
    ):
        body = server.gql(ENQUEUE, {"i": gen_input(**extra)}, other)
        assert error_code(body) == "NOT_FOUND", body
        assert body["errors"][0]["extensions"]["field"] == field
        messages.append(body["errors"][0]["message"])
    # The same words for a private image as for one that does not exist.
    assert messages[0].replace(private, "X") == messages[2].replace(missing, "X")
    assert server.ok(COUNT, token=other)["queueStatus"]["myPending"] == 0
    assert server.sql("SELECT count(*) FROM queue_items WHERE status = 'PENDING'") == [(0,)]


def test_an_owner_who_lost_access_to_the_init_image_before_the_job_ran_gets_it_failed(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    uid, other = server.user_with_token(admin, "bob@example.com")
    board = server.ok('mutation{ createBoard(name: "shared"){ id } }', token=admin)
    board_id = board["createBoard"]["id"]
    shared = make_image(server, admin, boardId=board_id)
    share = "mutation($b: ID!, $u: ID!){ shareBoard(boardId: $b, userId: $u, access: READ){ id } }"
    server.ok(share, {"b": board_id, "u": uid}, admin)
    server.ok("mutation{ pauseProcessor{ paused } }", token=admin)
    item_id = run(server, other, initImageId=shared)
    unshare = "mutation($b: ID!, $u: ID!){ unshareBoard(boardId: $b, userId: $u){ id } }"
    server.ok(unshare, {"b": board_id, "u": uid}, admin)
    server.ok("mutation{ resumeProcessor{ paused } }", token=admin)
    item = wait_for(server, other, item_id, ("COMPLETED", "FAILED"))
    assert item["status"] == "FAILED"
    assert item["error"] == f"initImageId: image {shared} not found"
    assert item["images"] == []


def test_a_lora_changes_the_image_for_its_job_only(gen_server: Callable[..., Server]) -> None:
    server = gen_server()
    admin = server.setup_admin()
    lora = install(server, admin, extra_file("lora"), "LORA")
    assert (lora["type"], lora["base"]) == ("LORA", "SD1")
    before = pixels(server, admin, run(server, admin))
    with_lora = run(server, admin, loras=[{"model": lora["key"], "weight": 0.8}])
    after = run(server, admin)
    changed = pixels(server, admin, with_lora)
    assert not np.array_equal(before, changed)
    assert np.array_equal(before, pixels(server, admin, after))  # no trace on the next job
    params = server.ok(PARAMS, {"id": with_lora}, admin)["queueItem"]["params"]
    assert params["loras"] == [{"model": lora["key"], "weight": 0.8}]
    # The default weight is 1.0, and the same seed gives the same pixels.
    ones = [run(server, admin, loras=[{"model": lora["key"]}]) for _ in "ab"]
    assert np.array_equal(pixels(server, admin, ones[0]), pixels(server, admin, ones[1]))


def test_a_vae_is_swapped_for_its_job_only(gen_server: Callable[..., Server]) -> None:
    server = gen_server()
    admin = server.setup_admin()
    vae = install(server, admin, extra_file("vae"), "VAE")
    assert (vae["type"], vae["base"]) == ("VAE", "SD1")
    before = pixels(server, admin, run(server, admin))
    changed = pixels(server, admin, run(server, admin, vae=vae["key"]))
    assert not np.array_equal(before, changed)
    assert np.array_equal(before, pixels(server, admin, run(server, admin)))


def test_unknown_foreign_and_misfit_loras_and_vaes_are_refused(
    gen_server: Callable[..., Server],
) -> None:
    server = gen_server()
    admin = server.setup_admin()
    _uid, user = server.user_with_token(admin, "bob@example.com")
    lora = install(server, admin, extra_file("lora"), "LORA")["key"]
    xl = install(server, admin, extra_file("xl-lora"), "LORA")
    assert xl["base"] == "SDXL"
    vae = install(server, admin, extra_file("vae"), "VAE")["key"]
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"loras": [{"model": "no-such-lora"}]}, "NOT_FOUND", "no-such-lora"),
        ({"vae": "no-such-vae"}, "NOT_FOUND", "no-such-vae"),
        ({"loras": [{"model": xl["key"]}]}, "BAD_USER_INPUT", xl["key"]),
        ({"loras": [{"model": vae}]}, "BAD_USER_INPUT", vae),
        ({"vae": lora}, "BAD_USER_INPUT", lora),
        ({"loras": [{"model": lora, "weight": 2.01}]}, "BAD_USER_INPUT", "weight"),
        ({"loras": [{"model": lora, "weight": -2.01}]}, "BAD_USER_INPUT", "weight"),
        ({"loras": [{"model": lora}] * 2}, "BAD_USER_INPUT", "twice"),
    ]
    for extra, code, named in cases:
        body = server.gql(ENQUEUE, {"i": gen_input(**extra)}, user)
        assert error_code(body) == code, (extra, body)
        assert named in body["errors"][0]["message"], body
    assert server.ok(COUNT, token=user)["queueStatus"]["myPending"] == 0
    for weight in (2.0, -2.0):
        run(server, user, loras=[{"model": lora, "weight": weight}])


def test_a_300_token_prompt_is_encoded_whole(gen_server: Callable[..., Server]) -> None:
    server = gen_server()
    admin = server.setup_admin()
    # The demo tokenizer makes one token per letter: 300 letters, 300 tokens.
    long = "abcdefghij" * 30
    whole = run(server, admin, long)
    cut = run(server, admin, long[:75])  # what CLIP would have kept of it
    assert not np.array_equal(pixels(server, admin, whole), pixels(server, admin, cut))
    metadata = image_of(server, admin, whole)["metadata"]
    assert (metadata["promptTokens"], metadata["negativePromptTokens"]) == (300, 0)
    [(stored,)] = server.sql(f"SELECT params FROM queue_items WHERE id = {int(whole)}")
    assert json.loads(stored)["promptTokens"] == 300


def test_at_most_five_loras_with_weights_from_minus_2_to_2() -> None:
    def spec(*weights: float) -> GenerationSpec:
        loras = tuple(LoraSpec(f"lora-{i}", w) for i, w in enumerate(weights))
        return GenerationSpec(prompt="x", loras=loras)

    params = validate_spec(spec(2, -2, 0, 1, 1.5), DEMO_DEFAULTS)
    assert [x["weight"] for x in params["loras"]] == [2.0, -2.0, 0.0, 1.0, 1.5]
    for bad, field in ((spec(1, 1, 1, 1, 1, 1), "loras"), (spec(2.001), "loras.weight")):
        with pytest.raises(Invalid) as err:
            validate_spec(bad, DEMO_DEFAULTS)
        assert err.value.extensions["field"] == field
