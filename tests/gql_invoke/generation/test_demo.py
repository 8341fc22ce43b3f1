from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
import torch

from gql_invoke.generation import demo
from gql_invoke.generation.demo import DEMO_MODEL_KEY, build_demo_model


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_demo_model_key_is_stable() -> None:
    # Stored in the database as the model key; changing it orphans existing rows.
    assert DEMO_MODEL_KEY == "demo-tiny-sd"


def test_demo_build_writes_a_safetensors_diffusers_folder(demo_dir: Path) -> None:
    files = set(_digests(demo_dir))
    assert "model_index.json" in files
    assert "unet/diffusion_pytorch_model.safetensors" in files
    assert "vae/diffusion_pytorch_model.safetensors" in files
    assert "text_encoder/model.safetensors" in files
    assert "tokenizer/tokenizer.json" in files
    assert not any(f.endswith((".bin", ".pt", ".ckpt")) for f in files)


def test_demo_build_is_deterministic(demo_dir: Path, tmp_path: Path) -> None:
    again = build_demo_model(tmp_path / "again")
    assert _digests(again) == _digests(demo_dir)


def test_demo_build_does_not_disturb_global_rng(tmp_path: Path) -> None:
    torch.manual_seed(1234)
    expected = torch.rand(3)
    torch.manual_seed(1234)
    build_demo_model(tmp_path / "m")
    assert torch.equal(torch.rand(3), expected)


def test_demo_build_is_fast(tmp_path: Path) -> None:
    start = time.perf_counter()
    build_demo_model(tmp_path / "m")
    assert time.perf_counter() - start < 10


def test_demo_build_skips_existing_model(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError("rebuilt an existing model")

    monkeypatch.setattr(demo, "_build_pipeline", fail)
    assert build_demo_model(demo_dir) == demo_dir


def test_demo_build_leaves_only_the_model_behind(tmp_path: Path) -> None:
    build_demo_model(tmp_path / "m")
    assert [p.name for p in tmp_path.iterdir()] == ["m"]


def test_demo_build_fills_an_empty_dest_folder(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    assert (build_demo_model(tmp_path / "m") / "model_index.json").is_file()


def test_demo_build_crash_leaves_no_half_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diffusers import StableDiffusionPipeline

    def crash_midway(_self: object, save_directory: str | Path, **_kwargs: object) -> None:
        (Path(save_directory) / "model_index.json").write_text("{}")
        raise OSError("disk full")

    monkeypatch.setattr(StableDiffusionPipeline, "save_pretrained", crash_midway)
    with pytest.raises(OSError, match="disk full"):
        build_demo_model(tmp_path / "m")
    assert list(tmp_path.iterdir()) == []


def test_demo_build_refuses_a_foreign_non_empty_folder(tmp_path: Path) -> None:
    dest = tmp_path / "m"
    dest.mkdir()
    (dest / "notes.txt").write_text("not ours")
    with pytest.raises(OSError, match="not empty"):
        build_demo_model(dest)
    assert (dest / "notes.txt").read_text() == "not ours"
    assert [p.name for p in tmp_path.iterdir()] == ["m"]
