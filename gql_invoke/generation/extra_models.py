"""What a LoRA file or a VAE is for: its base, read from tensor shapes and configs.

Only safetensors headers (the JSON before the weights) and config.json files are
read: no weights, no torch, so it runs anywhere. installModel runs it in the
offload child process like the main-model checks.

LoRA base, in this order: keys of a second text encoder (``text_encoder_2.``,
``lora_te2_``) or of SDXL's added embedding mean SDXL; else the width of a
cross-attention key projection (``attn2.to_k``'s LoRA down/A matrix: 2048 SDXL,
1024 SD2, 768 SD1), else of the text encoder's (1280 SDXL's second, 1024 SD2,
768 SD1). Other widths (tiny test models) count as SD1, as for main models.
VAE base: SDXL's VAE is the SD one retrained with another latent scale
(scaling_factor 0.13025 against 0.18215), which is what config.json tells.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

from gql_invoke.domain import ModelBase, ModelType
from gql_invoke.errors import Invalid

_SDXL_VAE_SCALE = 0.13025
_HEADER_MAX = 100 * 1024 * 1024
_DOWN = ("lora_A.weight", "lora_down.weight", "lora.down.weight")


def safetensors_header(path: Path) -> dict[str, Any]:
    """The tensor table of a .safetensors file: {name: {"dtype", "shape", ...}}."""
    with path.open("rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        if size > _HEADER_MAX:
            raise ValueError("header too large")
        header = json.loads(f.read(size))
    if not isinstance(header, dict):
        raise ValueError("header is not a JSON object")
    header.pop("__metadata__", None)
    return header


def _width(header: dict[str, Any], *parts: str) -> int | None:
    for name, info in header.items():
        if all(p in name for p in parts) and name.endswith(_DOWN):
            shape = info.get("shape") or []
            if len(shape) >= 2:
                return int(shape[1])
    return None


def lora_base(header: dict[str, Any]) -> str:
    """The base a LoRA's tensors fit (see the module doc)."""
    names = list(header)
    if any(n.startswith(("text_encoder_2.", "lora_te2_")) or "add_embedding" in n for n in names):
        return ModelBase.SDXL
    bases = {2048: ModelBase.SDXL, 1280: ModelBase.SDXL, 1024: ModelBase.SD2}
    for parts in (("attn2", "to_k"), ("attn2_to_k",), ("text", "q_proj"), ("te", "q_proj")):
        width = _width(header, *parts)
        if width is not None:
            return bases.get(width, ModelBase.SD1)
    return ModelBase.SD1


def _read_lora(path: Path) -> str:
    if path.is_dir() or path.suffix.lower() != ".safetensors":
        raise Invalid(
            f"source: a LoRA must be one .safetensors file: {path.name!r}", field="source"
        )
    try:
        header = safetensors_header(path)
    except (OSError, ValueError, struct.error) as exc:
        raise Invalid(f"source: cannot read {path.name!r}: {exc}", field="source") from exc
    if not any("lora" in n.lower() for n in header):
        raise Invalid(f"source: {path.name!r} holds no LoRA tensors", field="source")
    return lora_base(header)


def _read_vae(path: Path) -> tuple[str, str]:
    if path.is_file():
        if path.suffix.lower() != ".safetensors":
            raise Invalid(f"source: {path.name!r} is not a .safetensors file", field="source")
        try:
            names = safetensors_header(path)
        except (OSError, ValueError, struct.error) as exc:
            raise Invalid(f"source: cannot read {path.name!r}: {exc}", field="source") from exc
        if not any(n.startswith(("encoder.", "decoder.")) for n in names):
            raise Invalid(f"source: {path.name!r} holds no VAE weights", field="source")
        return "checkpoint", ModelBase.ANY  # no config to tell the latent scale
    config = path / "config.json"
    if not config.is_file():
        config = path / "vae" / "config.json"
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Invalid(f"source: {path} is not a VAE folder: {exc}", field="source") from exc
    if not isinstance(data, dict) or data.get("_class_name") != "AutoencoderKL":
        raise Invalid(f"source: {path} holds no AutoencoderKL config", field="source")
    scale = data.get("scaling_factor")
    base = ModelBase.SDXL if scale == _SDXL_VAE_SCALE else ModelBase.SD1
    return "diffusers", base


def inspect(path: Path, type: str, base: str | None) -> tuple[str, str]:
    """Internal: installModel for LORA and VAE (offloaded); Invalid for files that are not
    one, or a base given that differs from the one the files say.

    (format, base) of a LoRA file or a VAE folder/file."""
    if type == ModelType.LORA:
        fmt, found = "checkpoint", _read_lora(Path(path))
    else:
        fmt, found = _read_vae(Path(path))
    if base is not None and found != ModelBase.ANY and base != found:
        raise Invalid(f"base: {base} was given but the {type} is for {found}", field="base")
    return fmt, base or found
