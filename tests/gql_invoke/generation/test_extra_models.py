"""LoRA and VAE inspection: the base from tensor shapes and configs, without torch."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from gql_invoke.errors import Invalid
from gql_invoke.generation.extra_models import inspect, lora_base, safetensors_header


def fake_safetensors(path: Path, shapes: dict[str, list[int]]) -> Path:
    """A header-only .safetensors file (the inspection never reads the weights)."""
    header = {k: {"dtype": "F32", "shape": s, "data_offsets": [0, 0]} for k, s in shapes.items()}
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw)
    return path


ATTN2 = "down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k"
KOHYA_ATTN2 = "lora_unet_" + ATTN2.replace(".", "_")
Q_PROJ = "text_model.encoder.layers.0.self_attn.q_proj"
KOHYA_Q = Q_PROJ.replace(".", "_")


@pytest.mark.parametrize(
    ("shapes", "base"),
    [
        # diffusers/peft names
        ({f"unet.{ATTN2}.lora_A.weight": [4, 768]}, "SD1"),
        ({f"unet.{ATTN2}.lora_A.weight": [4, 1024]}, "SD2"),
        ({f"unet.{ATTN2}.lora_A.weight": [4, 2048]}, "SDXL"),
        ({f"text_encoder_2.{Q_PROJ}.lora_A.weight": [4, 1280]}, "SDXL"),
        # kohya names
        ({f"{KOHYA_ATTN2}.lora_down.weight": [4, 768]}, "SD1"),
        ({f"lora_te_{KOHYA_Q}.lora_down.weight": [4, 1024]}, "SD2"),
        ({f"lora_te2_{KOHYA_Q}.lora_down.weight": [4, 1280]}, "SDXL"),
        # a tiny test model's width: SD1, as for main models
        ({f"unet.{ATTN2}.lora_A.weight": [4, 32]}, "SD1"),
    ],
)
def test_the_lora_base_is_read_from_the_tensor_shapes(
    shapes: dict[str, list[int]], base: str
) -> None:
    header = {k: {"shape": s} for k, s in shapes.items()}
    assert lora_base(header) == base


def test_lora_install_checks(tmp_path: Path) -> None:
    lora = fake_safetensors(
        tmp_path / "x.safetensors",
        {"unet.a.attn2.to_k.lora_A.weight": [4, 2048], "__metadata__": []},
    )
    assert inspect(lora, "LORA", None) == ("checkpoint", "SDXL")
    assert inspect(lora, "LORA", "SDXL") == ("checkpoint", "SDXL")
    with pytest.raises(Invalid, match="SD1 was given but the LORA is for SDXL"):
        inspect(lora, "LORA", "SD1")
    plain = fake_safetensors(tmp_path / "main.safetensors", {"model.diffusion_model.x": [4]})
    with pytest.raises(Invalid, match="holds no LoRA tensors"):
        inspect(plain, "LORA", None)
    with pytest.raises(Invalid, match="one .safetensors file"):
        inspect(tmp_path, "LORA", None)
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(b"\x01")
    with pytest.raises(Invalid, match="cannot read"):
        inspect(broken, "LORA", None)


def test_the_vae_base_is_read_from_its_latent_scale(tmp_path: Path) -> None:
    for scale, base in ((0.18215, "SD1"), (0.13025, "SDXL")):
        folder = tmp_path / str(scale)
        (folder / "vae").mkdir(parents=True)
        config = {"_class_name": "AutoencoderKL", "scaling_factor": scale}
        (folder / "vae" / "config.json").write_text(json.dumps(config))
        assert inspect(folder, "VAE", None) == ("diffusers", base)
    single = fake_safetensors(tmp_path / "vae.safetensors", {"decoder.conv_in.weight": [1]})
    assert inspect(single, "VAE", None) == ("checkpoint", "ANY")
    assert inspect(single, "VAE", "SDXL") == ("checkpoint", "SDXL")
    not_vae = fake_safetensors(tmp_path / "other.safetensors", {"unet.x": [1]})
    with pytest.raises(Invalid, match="no VAE weights"):
        inspect(not_vae, "VAE", None)
    with pytest.raises(Invalid, match="not a VAE folder"):
        inspect(tmp_path / "0.18215" / "vae" / "missing", "VAE", None)


def test_reading_a_header_needs_no_torch(tmp_path: Path) -> None:
    path = fake_safetensors(tmp_path / "x.safetensors", {"a.lora_A.weight": [2, 3]})
    code = (
        "import sys; from pathlib import Path;"
        "from gql_invoke.generation.extra_models import safetensors_header;"
        f"print(safetensors_header(Path({str(path)!r}))['a.lora_A.weight']['shape']);"
        "print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[2,", "3]", "False"]
    assert safetensors_header(path)["a.lora_A.weight"]["shape"] == [2, 3]
