"""LoRAs and a replacement VAE, applied to one job and taken off again.

The loaded model is shared by every job of the worker, so whatever a job adds
must not reach a job that did not ask for it: LoRAs go in with load_lora_weights
(peft layers around the UNet's and text encoders' linear layers) and set_adapters
(the weights), and come out with unload_lora_weights, which puts the original
layers back (the next image is bit-identical to one made without). The layers
stay in while the next job asks for the same files (only the weights are set
again): injecting them costs about as much as a few steps, and a run of jobs with
one LoRA is the common case. Which files are in is recorded on the UNet, the
module every pipeline built from the model shares, and every job compares it
with what it wants before its first step; a failed or canceled job takes its
LoRAs out. A VAE is swapped on the job's pipeline object and swapped back.

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


# The attribute on a UNet naming the LoRA files injected into it (and its model's
# text encoders): a tuple of (path, mtime), empty when none.
_LOADED = "_gql_invoke_loras"


def _names(count: int) -> list[str]:
    return [f"job_lora_{i}" for i in range(count)]


def _unload(pipe: Any) -> None:
    setattr(pipe.unet, _LOADED, ())  # first: a half-done unload is retried next job
    pipe.unload_lora_weights()


def _inject(pipe: Any, loras: Sequence[tuple[str, Path, float]]) -> None:
    """Make the model's injected LoRA layers those of ``loras``' files."""
    wanted = tuple((str(path), path.stat().st_mtime) for _key, path, _w in loras)
    current = getattr(pipe.unet, _LOADED, ())
    if current == wanted:
        return
    if current:
        _unload(pipe)
    if not wanted:
        return
    setattr(pipe.unet, _LOADED, ("loading",))  # a load that fails half-way is unloaded
    for name, (key, path, _weight) in zip(_names(len(loras)), loras, strict=True):
        try:
            # A copy: diffusers pops converted keys from the dict it is given.
            pipe.load_lora_weights(dict(_lora_state(path)), adapter_name=name)
        except Exception as exc:
            raise ExtraModelError(f"cannot apply the LoRA {key!r}: {exc}") from exc
    setattr(pipe.unet, _LOADED, wanted)


@contextlib.contextmanager
def applied(
    pipe: Any, loras: Sequence[tuple[str, Path, float]], vae: Path | None
) -> Iterator[None]:
    """LoRAs (model key, file, weight) and a VAE on ``pipe`` for the ``with`` body; the
    LoRA layers stay for a next job that asks for the same files (see the module doc)."""
    old_vae = None
    try:
        _inject(pipe, loras)
        if loras:
            pipe.set_adapters(_names(len(loras)), adapter_weights=[w for _k, _p, w in loras])
        if vae is not None:
            old_vae = pipe.vae
            pipe.vae = load_vae(vae, old_vae)
        yield
    except BaseException:
        if getattr(pipe.unet, _LOADED, ()):
            _unload(pipe)
        raise
    finally:
        if old_vae is not None:
            pipe.vae = old_vae
