"""LoRA layers on the shared model: in for the jobs that ask for them, and only those."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch

from gql_invoke.generation import lora
from gql_invoke.generation.pipelines import (
    GenerationCanceled,
    RunPipelines,
    generate,
    load_pipeline,
)
from tests import tiny_models

if TYPE_CHECKING:
    from diffusers.pipelines.pipeline_utils import DiffusionPipeline

REQ = replace(tiny_models.SMALL_REQUEST, steps=2)


@pytest.fixture(scope="module")
def lora_files(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("loras")
    return [
        tiny_models.build_tiny_lora(demo_dir, root / f"l{seed}", seed=seed, text_encoder=True)
        for seed in (1, 2)
    ]


@pytest.fixture
def pipe(demo_dir: Path) -> DiffusionPipeline:
    return load_pipeline(demo_dir, "diffusers", torch.device("cpu"), torch.float32)


def _run(pipe: Any, reuse: RunPipelines, *loras: tuple[Path, float]) -> np.ndarray:
    req = replace(REQ, loras=tuple((p.stem, p, w) for p, w in loras))
    return np.asarray(generate(pipe, req, reuse=reuse))


def _counting_loads(pipe: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loads: list[str] = []
    real = type(pipe).load_lora_weights

    def load(self: Any, state: Any, adapter_name: str, **kw: Any) -> Any:
        loads.append(adapter_name)
        return real(self, state, adapter_name=adapter_name, **kw)

    monkeypatch.setattr(type(pipe), "load_lora_weights", load)
    return loads


def test_the_same_lora_again_is_not_injected_again_and_gives_the_same_pixels(
    pipe: Any, lora_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _counting_loads(pipe, monkeypatch)
    reuse = RunPipelines()
    first = _run(pipe, reuse, (lora_files[0], 0.8))
    again = _run(pipe, reuse, (lora_files[0], 0.8))
    assert np.array_equal(first, again)
    assert loads == ["job_lora_0"]


def test_a_new_weight_for_the_loaded_lora_matches_a_fresh_load(
    pipe: Any, demo_dir: Path, lora_files: list[Path]
) -> None:
    reuse = RunPipelines()
    _run(pipe, reuse, (lora_files[0], 0.8))
    reweighted = _run(pipe, reuse, (lora_files[0], 1.5))
    fresh = load_pipeline(demo_dir, "diffusers", torch.device("cpu"), torch.float32)
    assert np.array_equal(reweighted, _run(fresh, RunPipelines(), (lora_files[0], 1.5)))


def test_a_job_without_loras_after_one_with_them_is_bit_identical_to_a_clean_model(
    pipe: Any, lora_files: list[Path]
) -> None:
    reuse = RunPipelines()
    clean = _run(pipe, reuse)
    with_both = _run(pipe, reuse, (lora_files[0], 1.0), (lora_files[1], 0.5))
    assert not np.array_equal(clean, with_both)
    assert np.array_equal(clean, _run(pipe, reuse))
    assert getattr(pipe.unet, lora._LOADED) == ()


def test_switching_loras_gives_what_each_gives_alone(
    pipe: Any, demo_dir: Path, lora_files: list[Path]
) -> None:
    reuse = RunPipelines()
    _run(pipe, reuse, (lora_files[0], 1.0))
    second = _run(pipe, reuse, (lora_files[1], 1.0))
    fresh = load_pipeline(demo_dir, "diffusers", torch.device("cpu"), torch.float32)
    assert np.array_equal(second, _run(fresh, RunPipelines(), (lora_files[1], 1.0)))


def test_a_canceled_job_takes_its_loras_out(pipe: Any, lora_files: list[Path]) -> None:
    reuse = RunPipelines()
    clean = _run(pipe, reuse)
    stop = threading.Event()
    req = replace(REQ, steps=4, loras=(("l", lora_files[0], 1.0),))
    with pytest.raises(GenerationCanceled):
        generate(pipe, req, on_step=lambda *_: stop.set(), should_cancel=stop.is_set, reuse=reuse)
    assert getattr(pipe.unet, lora._LOADED) == ()
    assert np.array_equal(clean, _run(pipe, reuse))


def test_a_lora_that_does_not_fit_leaves_the_model_clean(pipe: Any, tmp_path: Path) -> None:
    from safetensors.torch import save_file

    bad = tmp_path / "bad.safetensors"
    save_file({"unet.nope.lora_A.weight": torch.zeros(4, 9)}, str(bad))
    reuse = RunPipelines()
    clean = _run(pipe, reuse)
    with pytest.raises(lora.ExtraModelError, match="cannot apply the LoRA"):
        _run(pipe, reuse, (bad, 1.0))
    assert getattr(pipe.unet, lora._LOADED) == ()
    assert np.array_equal(clean, _run(pipe, reuse))
