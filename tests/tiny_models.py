"""Tiny random-weight models for the generation-breadth tests, built locally in seconds.

- ``build_tiny_sdxl``: an SDXL pipeline (two text encoders, size conditioning) of a
  few MB, with the demo model's byte-level tokenizer for both encoders.
- ``build_tiny_lora``: a LoRA .safetensors for a model folder (UNet attention and the
  text encoder), random non-zero weights so it visibly changes the image.
- ``build_tiny_vae``: the model's VAE with perturbed weights, as a diffusers folder.
- ``build_tiny_inpaint``: the demo model with a 9-channel (inpainting) UNet.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import torch

from gql_invoke.generation import demo
from gql_invoke.generation.pipelines import GenerationRequest

# A small text-to-image job for the demo model (the pipeline tests vary it with replace()).
SMALL_REQUEST = GenerationRequest(
    prompt="a lighthouse at dusk",
    negative_prompt="blurry",
    width=64,
    height=64,
    steps=3,
    cfg_scale=7.0,
    scheduler="EULER",
    seed=1234,
)


def build_tiny_sdxl(dest: Path) -> Path:
    """An SDXL diffusers folder at ``dest`` (idempotent)."""
    if (dest / "model_index.json").is_file():
        return dest
    from diffusers import (
        AutoencoderKL,
        EulerDiscreteScheduler,
        StableDiffusionXLPipeline,
        UNet2DConditionModel,
    )
    from transformers import (
        CLIPTextConfig,
        CLIPTextModel,
        CLIPTextModelWithProjection,
    )

    tokenizer = demo._build_tokenizer()

    def text_config(hidden: int) -> Any:
        return CLIPTextConfig(
            bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id,
            pad_token_id=tokenizer.eos_token_id,
            hidden_size=hidden,
            intermediate_size=37,
            layer_norm_eps=1e-5,
            num_attention_heads=4,
            num_hidden_layers=3,
            vocab_size=1000,
            projection_dim=32,
            hidden_act="gelu",
        )

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        unet = UNet2DConditionModel(
            block_out_channels=(32, 64),
            layers_per_block=2,
            sample_size=32,
            in_channels=4,
            out_channels=4,
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            attention_head_dim=(2, 4),
            use_linear_projection=True,
            addition_embed_type="text_time",
            addition_time_embed_dim=8,
            transformer_layers_per_block=(1, 2),
            # 6 size/crop numbers x 8 + the pooled text embedding (32).
            projection_class_embeddings_input_dim=80,
            cross_attention_dim=64,  # the two encoders' 32 + 32
        )
        vae = AutoencoderKL(
            block_out_channels=(32, 64),
            in_channels=3,
            out_channels=3,
            down_block_types=("DownEncoderBlock2D",) * 2,
            up_block_types=("UpDecoderBlock2D",) * 2,
            latent_channels=4,
            scaling_factor=0.13025,
        )
        text_encoder = CLIPTextModel(text_config(32))
        text_encoder_2 = CLIPTextModelWithProjection(text_config(32))
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", steps_offset=1
    )
    components: dict[str, Any] = {
        "vae": vae,
        "text_encoder": text_encoder,
        "text_encoder_2": text_encoder_2,
        "tokenizer": tokenizer,
        "tokenizer_2": demo._build_tokenizer(),
        "unet": unet,
        "scheduler": scheduler,
    }
    pipe = StableDiffusionXLPipeline(**components)
    pipe.save_pretrained(dest, safe_serialization=True)
    return dest


def _load(model_dir: Path) -> Any:
    from diffusers import DiffusionPipeline

    return DiffusionPipeline.from_pretrained(model_dir, local_files_only=True)


def build_tiny_lora(
    model_dir: Path, dest: Path, seed: int = 1, *, text_encoder: bool = False
) -> Path:
    """A LoRA .safetensors for the model at ``model_dir`` (UNet + first text encoder)."""
    from peft import LoraConfig, inject_adapter_in_model
    from peft.utils import get_peft_model_state_dict

    pipe = _load(model_dir)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        # init_lora_weights=False: random B too, so the LoRA is not a no-op.
        unet_config = LoraConfig(
            r=4, target_modules=["to_k", "to_q", "to_v", "to_out.0"], init_lora_weights=False
        )
        pipe.unet.add_adapter(unet_config)
        layers: dict[str, Any] = {"unet_lora_layers": get_peft_model_state_dict(pipe.unet)}
        if text_encoder:
            te_config = LoraConfig(
                r=4, target_modules=["q_proj", "k_proj", "v_proj"], init_lora_weights=False
            )
            inject_adapter_in_model(te_config, pipe.text_encoder)
            layers["text_encoder_lora_layers"] = get_peft_model_state_dict(pipe.text_encoder)
    dest.mkdir(parents=True, exist_ok=True)
    pipe.save_lora_weights(dest, **layers, safe_serialization=True)
    return dest / "pytorch_lora_weights.safetensors"


def build_tiny_vae(model_dir: Path, dest: Path) -> Path:
    """The model's VAE with its decoder weights scaled: a diffusers VAE folder."""
    from diffusers import AutoencoderKL

    vae = AutoencoderKL.from_pretrained(model_dir, subfolder="vae", local_files_only=True)
    with torch.no_grad():
        for p in vae.decoder.conv_out.parameters():
            p.mul_(0.5)
    vae.save_pretrained(dest, safe_serialization=True)
    return dest


def build_tiny_inpaint(dest: Path) -> Path:
    """The demo model with a fresh 9-channel UNet: a dedicated inpainting model."""
    from diffusers import StableDiffusionInpaintPipeline, UNet2DConditionModel

    base = dest.parent / f"{dest.name}-base"
    demo.build_demo_model(base)
    pipe = _load(base)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        config = dict(pipe.unet.config)
        config["in_channels"] = 9
        unet = UNet2DConditionModel.from_config(config)
    components: dict[str, Any] = {**pipe.components, "unet": unet}
    StableDiffusionInpaintPipeline(**components, requires_safety_checker=False).save_pretrained(
        dest, safe_serialization=True
    )
    shutil.rmtree(base, ignore_errors=True)
    return dest
