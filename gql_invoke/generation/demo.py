"""A tiny random-weight Stable Diffusion model that needs no download.

It lets the server, its tests and a fresh install exercise the whole generation
path (queue, previews, cancel, image files) offline and in well under a second
per image on a CPU. The pictures are noise-like colour fields: it is a plumbing
model, not an artistic one.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # The module path, not `diffusers`: there mypy sees the dummy placeholder class.
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import (
        StableDiffusionPipeline,
    )
    from transformers import CLIPTokenizer

DEMO_MODEL_KEY = "demo-tiny-sd"

_MODEL_INDEX = "model_index.json"
_SEED = 0

# Sizes chosen to be the smallest that still use every code path of a real SD1
# pipeline (cross-attention, two resolutions, CFG): about 2.2 M parameters, 8.4 MB.
_BLOCK_OUT_CHANNELS = (32, 64)
_CROSS_ATTENTION_DIM = 32
_VOCAB_SIZE = 1000
_BOS = "<|startoftext|>"
_EOS = "<|endoftext|>"


def is_built(dest: Path) -> bool:
    """A folder holding model_index.json is a built demo model (no torch needed: the API
    process asks this before it would run build_demo_model in a child)."""
    return (Path(dest) / _MODEL_INDEX).is_file()


def build_demo_model(dest: Path) -> Path:
    """Build the demo pipeline into ``dest`` (a diffusers folder) and return it.

    Idempotent: a folder that already holds ``model_index.json`` is taken as
    built. The model is written to a sibling temp folder and renamed into
    place, so a crash or a concurrent builder never leaves a half model behind.
    """
    dest = Path(dest)
    if is_built(dest):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)

    # Beside dest (same filesystem), so the final rename is atomic. Not mkdtemp:
    # its 0700 mode would stick to the published folder; mkdir honours the umask.
    tmp = dest.parent / f".{dest.name}.{secrets.token_hex(6)}.part"
    tmp.mkdir()
    try:
        pipe = _build_pipeline()
        pipe.save_pretrained(tmp, safe_serialization=True)
        _fsync_tree(tmp)
        try:
            # Replaces dest only if it is missing or an empty folder.
            os.rename(tmp, dest)
        except OSError as exc:
            if is_built(dest):
                return dest  # another process finished first; theirs is identical
            raise OSError(
                f"cannot create demo model at {dest}: the folder exists, is not empty "
                "and holds no model_index.json"
            ) from exc
        _fsync_dir(dest.parent)
        return dest
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _build_pipeline() -> StableDiffusionPipeline:
    # Imported here, not at module top: importing diffusers costs seconds.
    import torch  # here too: the API process imports this module for is_built()
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, UNet2DConditionModel
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import (
        StableDiffusionPipeline,
    )
    from transformers import CLIPTextConfig, CLIPTextModel

    tokenizer = _build_tokenizer()
    # fork_rng restores the caller's RNG state afterwards, so building the demo
    # model never changes what a later unseeded torch call produces. devices=[]
    # keeps CUDA out of it (we build on the CPU and must not initialise CUDA).
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(_SEED)
        unet = UNet2DConditionModel(
            block_out_channels=_BLOCK_OUT_CHANNELS,
            layers_per_block=2,
            sample_size=32,
            in_channels=4,
            out_channels=4,
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            cross_attention_dim=_CROSS_ATTENTION_DIM,
        )
        vae = AutoencoderKL(
            block_out_channels=_BLOCK_OUT_CHANNELS,
            in_channels=3,
            out_channels=3,
            down_block_types=("DownEncoderBlock2D",) * 2,
            up_block_types=("UpDecoderBlock2D",) * 2,
            latent_channels=4,
        )
        text_encoder = CLIPTextModel(
            CLIPTextConfig(
                # The pooled output is read at the EOS position, so these ids must
                # agree with the tokenizer's.
                bos_token_id=tokenizer.bos_token_id,
                eos_token_id=tokenizer.eos_token_id,
                pad_token_id=tokenizer.eos_token_id,
                hidden_size=_CROSS_ATTENTION_DIM,
                intermediate_size=37,
                layer_norm_eps=1e-5,
                num_attention_heads=4,
                num_hidden_layers=5,
                vocab_size=_VOCAB_SIZE,
            )
        )
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085,
        beta_end=0.012,
        beta_schedule="scaled_linear",
        steps_offset=1,
    )
    # Passed as a dict because diffusers annotates the optional components as
    # required and the scheduler as an enum, which type checkers then reject.
    components: dict[str, Any] = {
        "vae": vae,
        "text_encoder": text_encoder,
        "tokenizer": tokenizer,
        "unet": unet,
        "scheduler": scheduler,
        "safety_checker": None,
        "feature_extractor": None,
    }
    return StableDiffusionPipeline(**components, requires_safety_checker=False)


def _build_tokenizer() -> CLIPTokenizer:
    # Here, not at the top: importing transformers costs seconds.
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import CLIPTokenizer

    # A byte-level BPE with no merges: every byte is a token, with and without the
    # end-of-word marker. Enough for any prompt, no vocab.json/merges.txt needed.
    # Sorted so the ids (and thus the saved tokenizer.json) never vary.
    alphabet = sorted(ByteLevel.alphabet())
    tokens = [*alphabet, *(f"{ch}</w>" for ch in alphabet), _BOS, _EOS]
    assert len(tokens) <= _VOCAB_SIZE
    vocab = {tok: i for i, tok in enumerate(tokens)}
    # 77 is CLIP's context length; without it the pipeline would not truncate.
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def _fsync_tree(root: Path) -> None:
    # The rename is only crash-safe if the data it publishes is on disk first.
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
