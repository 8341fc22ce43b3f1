"""Cheap step previews: latents -> small image -> data URL.

Decoding latents with the VAE on every step would cost as much as a denoising
step; a fixed linear map from the 4 latent channels to RGB costs microseconds
and is good enough to show composition and colour while the image forms.
"""

from __future__ import annotations

import base64
import io
import math

import torch
from PIL import Image, features

# Latent -> RGB factors fitted by the ComfyUI project (comfy/latent_formats.py).
# Rows are latent channels, columns R, G, B. SD2 shares SD1's VAE, so its factors.
_SD1_FACTORS = (
    (0.3512, 0.2297, 0.3227),
    (0.3250, 0.4974, 0.2350),
    (-0.2829, 0.1762, 0.2721),
    (-0.2120, -0.2616, -0.7177),
)
_SD1_BIAS = (0.0, 0.0, 0.0)
_SDXL_FACTORS = (
    (0.3651, 0.4232, 0.4341),
    (-0.2533, -0.0042, 0.1068),
    (0.1076, 0.1111, -0.0362),
    (-0.3165, -0.2492, -0.2188),
)
_SDXL_BIAS = (0.1084, -0.0175, -0.0011)

_FACTORS = {
    "SD1": (_SD1_FACTORS, _SD1_BIAS),
    "SD2": (_SD1_FACTORS, _SD1_BIAS),
    "SDXL": (_SDXL_FACTORS, _SDXL_BIAS),
}

# Pillow can be built without libwebp; PNG is always there.
_HAS_WEBP = features.check("webp")
_WEBP_QUALITY = 70


def preview_data_url(latents: torch.Tensor, base: str = "SD1", max_size: int = 64) -> str:
    """The preview as a ``data:`` URL ready to put in an <img src>."""
    data, mime = _render(latents, base, max_size)
    return to_data_url(data, mime)


def to_data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _render(latents: torch.Tensor, base: str, max_size: int) -> tuple[bytes, str]:
    if max_size < 1:
        raise ValueError(f"max_size must be >= 1, got {max_size}")
    try:
        factors, bias = _FACTORS[base]
    except KeyError:
        raise ValueError(f"unknown base {base!r}; expected one of {sorted(_FACTORS)}") from None
    if latents.dim() == 4:
        latents = latents[0]  # previews show the first image of a batch
    if latents.dim() != 3 or latents.shape[0] != len(factors):
        raise ValueError(f"expected latents shaped (1, 4, h, w), got {tuple(latents.shape)}")

    # inference_mode: the caller's latents may be inference tensors, and no
    # autograd bookkeeping is wanted for a throwaway picture anyway.
    with torch.inference_mode():
        # Shrink before projecting: a 128x128 SDXL latent only needs 64x64 pixels,
        # and pooling on the (fast) device keeps the copy to the CPU tiny.
        latents = _downsample(latents.float(), max_size)
        weight = torch.tensor(factors, dtype=torch.float32, device=latents.device)
        offset = torch.tensor(bias, dtype=torch.float32, device=latents.device)
        rgb = torch.einsum("chw,cr->hwr", latents, weight) + offset
        # The projection lands roughly in -1..1, like the VAE's output.
        pixels = ((rgb + 1.0) * 127.5).clamp(0, 255).to(torch.uint8).cpu().numpy()

    image = Image.fromarray(pixels)  # (h, w, 3) uint8 -> RGB
    if max(image.size) > max_size:  # only when pooling could not shrink it enough
        image.thumbnail((max_size, max_size), Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    if _HAS_WEBP:
        image.save(buf, format="WEBP", quality=_WEBP_QUALITY)
        return buf.getvalue(), "image/webp"
    image.save(buf, format="PNG")
    return buf.getvalue(), "image/png"


def _downsample(latents: torch.Tensor, max_size: int) -> torch.Tensor:
    _channels, height, width = latents.shape
    factor = math.ceil(max(height, width) / max_size)
    if factor <= 1:
        return latents
    return torch.nn.functional.avg_pool2d(latents[None], factor, ceil_mode=True)[0]


class RateLimiter:
    """Allows an event at most ``per_second`` times per second.

    Events are spaced at least 1/per_second apart rather than allowed in bursts:
    evenly spaced previews look smoother and a burst would be wasted work anyway.
    Not thread-safe: each queue item owns one and only its GPU thread calls it.
    """

    def __init__(self, per_second: float = 4) -> None:
        if not per_second > 0:
            raise ValueError(f"per_second must be > 0, got {per_second}")
        self.per_second = per_second
        self._interval = 1.0 / per_second
        self._last: float | None = None

    def allow(self, now: float) -> bool:
        """True if an event at time ``now`` (seconds, e.g. time.monotonic()) may go."""
        # The epsilon keeps float error (0.3 - 0.2 < 0.1) from dropping an event
        # that arrives exactly on schedule.
        if self._last is not None and now - self._last < self._interval - 1e-9:
            return False
        self._last = now
        return True
