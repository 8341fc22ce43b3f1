"""LoRAs and a replacement VAE, applied to one job and taken off again.

The loaded model is shared by every job of the worker, so whatever a job adds
must be gone before the next one: LoRAs go in with load_lora_weights (peft
layers around the UNet's and text encoders' linear layers) and set_adapters
(the weights), and come out with unload_lora_weights, which puts the original
layers back (the next image is bit-identical to one made without). A VAE is
swapped on the job's pipeline object and swapped back. Both in a ``finally``:
a failed or canceled job leaves no LoRA behind either.

LoRA files are read once and their tensors kept (a small LRU), so switching
LoRAs between jobs costs the injection, not a disk read.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import torch
from diffusers import AutoencoderKL
from safetensors.torch import load_file

_STATE_CACHE_SIZE = 8
_state_cache: OrderedDict[tuple[str, float], dict[str, torch.Tensor]] = OrderedDict()
_vae_cache: dict[str, Any] = {}
_lock = threading.Lock()


class ExtraModelError(ValueError):
    """A LoRA or VAE file that cannot be applied to the model; the message says which."""


def _lora_state(path: Path) -> dict[str, torch.Tensor]:
    key = (str(path), path.stat().st_mtime)
    with _lock:
        if key in _state_cache:
            _state_cache.move_to_end(key)
            return _state_cache[key]
    state = load_file(str(path), device="cpu")
    with _lock:
        _state_cache[key] = state
        while len(_state_cache) > _STATE_CACHE_SIZE:
            _state_cache.popitem(last=False)
    return state


def load_vae(path: Path, like: Any) -> Any:
    """The VAE at ``path`` on the device and in the dtype of ``like`` (the model's VAE).

    A diffusers folder (config.json, or a model folder's vae/), or one .safetensors
    file in diffusers' key names with the model's VAE config. The last one is kept."""
    cached = _vae_cache.get(str(path))
    if cached is not None and cached.device == like.device and cached.dtype == like.dtype:
        return cached
    try:
        if path.is_dir():
            sub = "vae" if (path / "vae" / "config.json").is_file() else None
            vae = AutoencoderKL.from_pretrained(path, subfolder=sub, local_files_only=True)
        else:
            vae = AutoencoderKL.from_config(like.config)
            vae.load_state_dict(load_file(str(path), device="cpu"), strict=True)
    except Exception as exc:  # diffusers and torch raise many unrelated types
        raise ExtraModelError(f"cannot load the VAE {path.name!r}: {exc}") from exc
    vae = vae.to(device=like.device, dtype=like.dtype).eval()
    _vae_cache.clear()
    _vae_cache[str(path)] = vae
    return vae


@contextlib.contextmanager
def applied(
    pipe: Any, loras: Sequence[tuple[str, Path, float]], vae: Path | None
) -> Iterator[None]:
    """LoRAs (model key, file, weight) and a VAE on ``pipe`` for the ``with`` body only."""
    names: list[str] = []
    old_vae = None
    try:
        for i, (key, path, _weight) in enumerate(loras):
            name = f"job_lora_{i}"
            names.append(name)  # first: a load that fails half-way is unloaded too
            try:
                # A copy: diffusers pops converted keys from the dict it is given.
                pipe.load_lora_weights(dict(_lora_state(path)), adapter_name=name)
            except Exception as exc:
                raise ExtraModelError(f"cannot apply the LoRA {key!r}: {exc}") from exc
        if names:
            pipe.set_adapters(names, adapter_weights=[w for _k, _p, w in loras])
        if vae is not None:
            old_vae = pipe.vae
            pipe.vae = load_vae(vae, old_vae)
        yield
    finally:
        if old_vae is not None:
            pipe.vae = old_vae
        if names:
            pipe.unload_lora_weights()
