from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

import pytest
import torch
from PIL import Image

from gql_invoke.generation import preview
from gql_invoke.generation.preview import (
    RateLimiter,
    preview_data_url,
    to_data_url,
)

if TYPE_CHECKING:
    from diffusers.pipelines.pipeline_utils import DiffusionPipeline


def latents_to_preview(latents: torch.Tensor, base: str = "SD1", max_size: int = 64) -> bytes:
    """The image bytes of the preview the worker sends (preview_data_url)."""
    return base64.b64decode(preview_data_url(latents, base, max_size).split(",", 1)[1])


def _decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.fixture
def png_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # PNG is lossless, so pixel values can be checked exactly.
    monkeypatch.setattr(preview, "_HAS_WEBP", False)


def test_preview_is_small_webp() -> None:
    data = latents_to_preview(torch.randn(1, 4, 128, 128), "SDXL")
    image = _decode(data)
    assert image.format == "WEBP"
    assert image.size == (64, 64)


def test_preview_keeps_aspect_ratio_and_never_upscales() -> None:
    assert _decode(latents_to_preview(torch.randn(1, 4, 96, 192))).size == (64, 32)
    assert _decode(latents_to_preview(torch.randn(1, 4, 8, 16))).size == (16, 8)
    assert _decode(latents_to_preview(torch.randn(1, 4, 64, 64), max_size=16)).size == (16, 16)


def test_preview_accepts_unbatched_and_half_precision_latents() -> None:
    assert _decode(latents_to_preview(torch.randn(4, 8, 8).half())).size == (8, 8)


@pytest.mark.usefixtures("png_only")
def test_preview_projects_sd1_channels_to_rgb() -> None:
    latents = torch.zeros(1, 4, 8, 8)
    latents[0, 0] = 1.0  # channel 0 alone -> its factor row, mapped from -1..1 to 0..255
    image = _decode(latents_to_preview(latents, "SD1"))
    assert image.format == "PNG"
    assert image.getpixel((3, 3)) == (172, 156, 168)


@pytest.mark.usefixtures("png_only")
def test_preview_uses_sdxl_factors_for_sdxl() -> None:
    latents = torch.zeros(1, 4, 8, 8)
    # Zero latents show only SDXL's bias; SD1 has none and gives mid-grey.
    assert _decode(latents_to_preview(latents, "SD1")).getpixel((0, 0)) == (127, 127, 127)
    assert _decode(latents_to_preview(latents, "SDXL")).getpixel((0, 0)) == (141, 125, 127)


@pytest.mark.usefixtures("png_only")
def test_preview_clamps_to_byte_range() -> None:
    latents = torch.zeros(1, 4, 8, 8)
    latents[0, 0, :4] = 100.0
    latents[0, 0, 4:] = -100.0
    image = _decode(latents_to_preview(latents))
    assert image.getpixel((0, 0)) == (255, 255, 255)
    assert image.getpixel((0, 7)) == (0, 0, 0)


@pytest.mark.usefixtures("png_only")
def test_preview_falls_back_to_png() -> None:
    url = preview_data_url(torch.randn(1, 4, 8, 8))
    assert url.startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    ("latents", "base", "max_size", "message"),
    [
        (torch.randn(1, 16, 8, 8), "SD1", 64, "shaped"),
        (torch.randn(8, 8), "SD1", 64, "shaped"),
        (torch.randn(1, 4, 8, 8), "FLUX", 64, "unknown base"),
        (torch.randn(1, 4, 8, 8), "SD1", 0, "max_size"),
    ],
)
def test_preview_rejects_bad_input(
    latents: torch.Tensor, base: str, max_size: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        latents_to_preview(latents, base, max_size)


def test_to_data_url_round_trips() -> None:
    url = to_data_url(b"\x00\xffabc", "image/webp")
    prefix, payload = url.split(",", 1)
    assert prefix == "data:image/webp;base64"
    assert base64.b64decode(payload) == b"\x00\xffabc"


def test_preview_data_url_holds_the_preview() -> None:
    url = preview_data_url(torch.randn(1, 4, 16, 16), "SD2")
    assert url.startswith("data:image/webp;base64,")
    assert _decode(base64.b64decode(url.split(",", 1)[1])).size == (16, 16)


@pytest.fixture(scope="module")
def demo_pipe(tmp_path_factory: pytest.TempPathFactory) -> DiffusionPipeline:
    from gql_invoke.generation.demo import DEMO_MODEL_KEY, build_demo_model
    from gql_invoke.generation.pipelines import load_pipeline

    model = build_demo_model(tmp_path_factory.mktemp("models") / DEMO_MODEL_KEY)
    return load_pipeline(model, "diffusers", torch.device("cpu"), torch.float32)


def test_preview_of_real_generation_latents(demo_pipe: DiffusionPipeline) -> None:
    from gql_invoke.generation.pipelines import GenerationRequest, generate

    urls: list[str] = []
    req = GenerationRequest("a red cube", "", 64, 64, 2, 5.0, "EULER", 7)
    # The callback gets inference-mode tensors; the preview must cope with them.
    generate(
        demo_pipe,
        req,
        on_step=lambda _done, _total, latents: urls.append(preview_data_url(latents)),
    )
    assert len(urls) == 2
    assert all(u.startswith("data:image/webp;base64,") for u in urls)


def test_rate_limiter_allows_at_most_per_second() -> None:
    limiter = RateLimiter()
    allowed = [t / 100 for t in range(300) if limiter.allow(t / 100)]
    assert allowed == [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75]


def test_rate_limiter_first_event_always_passes_and_honours_rate() -> None:
    limiter = RateLimiter(per_second=1)
    assert limiter.allow(1000.0)
    assert not limiter.allow(1000.5)
    assert limiter.allow(1001.0)


def test_rate_limiter_is_not_fooled_by_float_error() -> None:
    limiter = RateLimiter(per_second=10)
    assert limiter.allow(0.2)
    assert limiter.allow(0.3)  # 0.3 - 0.2 == 0.09999999999999998


@pytest.mark.parametrize("rate", [0, -1, float("nan")])
def test_rate_limiter_rejects_non_positive_rate(rate: float) -> None:
    with pytest.raises(ValueError, match="per_second"):
        RateLimiter(per_second=rate)
