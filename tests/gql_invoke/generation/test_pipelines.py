from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors.torch import save_file

from gql_invoke.domain import ModelBase, ModelType, Scheduler
from gql_invoke.generation import pipelines
from gql_invoke.generation.pipelines import (
    SCHEDULERS,
    DetectedModel,
    GenerationCanceled,
    ModelLoadError,
    PipelineCache,
    RunPipelines,
    detect_model,
    generate,
    load_pipeline,
    pick_dtype,
    scheduler_available,
)
from tests import tiny_models

if TYPE_CHECKING:
    from diffusers.pipelines.pipeline_utils import DiffusionPipeline

CPU = torch.device("cpu")
REQ = tiny_models.SMALL_REQUEST


@pytest.fixture(scope="module")
def demo_pipe(demo_dir: Path) -> DiffusionPipeline:
    return load_pipeline(demo_dir, "diffusers", CPU, torch.float32)


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image)


# --- devices --------------------------------------------------------------------


def test_half_precision_on_cuda_only() -> None:
    assert pick_dtype(CPU) == torch.float32
    assert pick_dtype(torch.device("mps")) == torch.float32
    assert pick_dtype(torch.device("cuda")) == torch.float16


# --- detection ------------------------------------------------------------------


def _fake_diffusers(folder: Path, class_name: str, cross_attention_dim: object) -> Path:
    (folder / "unet").mkdir(parents=True)
    (folder / "model_index.json").write_text(json.dumps({"_class_name": class_name}))
    config = {"cross_attention_dim": cross_attention_dim}
    (folder / "unet" / "config.json").write_text(json.dumps(config))
    return folder


def test_detect_demo_folder_as_sd1_diffusers(demo_dir: Path) -> None:
    assert detect_model(demo_dir) == DetectedModel("diffusers", ModelBase.SD1, ModelType.MAIN)


@pytest.mark.parametrize(
    ("class_name", "dim", "base"),
    [
        ("StableDiffusionPipeline", 768, "SD1"),
        ("StableDiffusionPipeline", 1024, "SD2"),
        ("StableDiffusionPipeline", [1024, 1024, 1024, 1024], "SD2"),
        ("StableDiffusionXLPipeline", 2048, "SDXL"),
        ("StableDiffusionXLPipeline", 1280, "SDXL"),  # e.g. a refiner-sized config
        ("StableDiffusionPipeline", 2048, "SDXL"),
        ("StableDiffusionPipeline", 77, "SD1"),
    ],
)
def test_detect_diffusers_base(tmp_path: Path, class_name: str, dim: object, base: str) -> None:
    assert detect_model(_fake_diffusers(tmp_path / "m", class_name, dim)).base == base


def test_detect_rejects_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="does not exist"):
        detect_model(tmp_path / "nope")


def test_detect_rejects_folder_without_model_index(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="model_index.json"):
        detect_model(tmp_path)


def test_detect_rejects_unreadable_model_index(tmp_path: Path) -> None:
    (tmp_path / "model_index.json").write_text("{not json")
    with pytest.raises(ModelLoadError, match="cannot read"):
        detect_model(tmp_path)


def test_detect_rejects_unsupported_extension(tmp_path: Path) -> None:
    (tmp_path / "model.gguf").write_bytes(b"GGUF")
    with pytest.raises(ModelLoadError, match="unsupported"):
        detect_model(tmp_path / "model.gguf")


@pytest.mark.parametrize("name", ["garbage.safetensors", "garbage.ckpt"])
def test_detect_rejects_garbage_checkpoint(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\x93this is not a model at all" * 10)
    with pytest.raises(ModelLoadError, match="cannot read checkpoint"):
        detect_model(tmp_path / name)


_UNET_KEY = "model.diffusion_model.input_blocks.0.0.weight"


@pytest.mark.parametrize(
    ("extra_key", "base"),
    [
        ("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight", "SD1"),
        ("cond_stage_model.model.token_embedding.weight", "SD2"),
        ("conditioner.embedders.1.model.token_embedding.weight", "SDXL"),
    ],
)
def test_detect_checkpoint_base_from_keys(tmp_path: Path, extra_key: str, base: Any) -> None:
    tensors = {_UNET_KEY: torch.zeros(1), extra_key: torch.zeros(1)}
    save_file(tensors, tmp_path / "m.safetensors")
    torch.save({"state_dict": tensors}, tmp_path / "m.ckpt")
    assert detect_model(tmp_path / "m.safetensors") == DetectedModel("checkpoint", base)
    assert detect_model(tmp_path / "m.ckpt") == DetectedModel("checkpoint", base)


def test_detect_rejects_checkpoint_without_unet(tmp_path: Path) -> None:
    save_file({"lora_unet_down.alpha": torch.zeros(1)}, tmp_path / "lora.safetensors")
    with pytest.raises(ModelLoadError, match="not a Stable Diffusion main model"):
        detect_model(tmp_path / "lora.safetensors")


# --- loading --------------------------------------------------------------------


def test_load_demo_pipeline(demo_pipe: DiffusionPipeline) -> None:
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import (
        StableDiffusionPipeline,
    )

    assert isinstance(demo_pipe, StableDiffusionPipeline)
    assert demo_pipe.safety_checker is None
    assert demo_pipe.device == CPU
    assert demo_pipe.dtype == torch.float32


def test_common_folder_classes_load_as_autopipeline_would_load_them() -> None:
    from diffusers.pipelines.auto_pipeline import (
        AUTO_TEXT2IMAGE_PIPELINES_MAPPING,
        _get_task_class,
    )

    assert len(pipelines.TEXT2IMAGE_CLASSES) == 6
    for name, cls in pipelines.TEXT2IMAGE_CLASSES.items():
        assert _get_task_class(AUTO_TEXT2IMAGE_PIPELINES_MAPPING, name) is cls, name


def test_other_folder_classes_still_load_through_autopipeline(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import (
        StableDiffusionPipeline,
    )

    monkeypatch.setattr(pipelines, "TEXT2IMAGE_CLASSES", {})
    pipe = load_pipeline(demo_dir, "diffusers", CPU, torch.float32)
    assert type(pipe) is StableDiffusionPipeline


def test_loading_the_demo_model_does_not_import_autopipeline(demo_dir: Path) -> None:
    # AutoPipeline imports every pipeline family: most of a second of a worker's start.
    code = (
        "import sys, torch\n"
        "from gql_invoke.generation import pipelines\n"
        f"pipelines.load_pipeline({str(demo_dir)!r}, 'diffusers', torch.device('cpu'), "
        "torch.float32)\n"
        "print('diffusers.pipelines.auto_pipeline' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "False"


def test_load_garbage_single_file_raises_model_load_error(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"garbage" * 100)
    with pytest.raises(ModelLoadError):
        load_pipeline(tmp_path / "model.safetensors", "checkpoint", CPU, torch.float32)


def test_load_rejects_format_mismatch(demo_dir: Path) -> None:
    with pytest.raises(ModelLoadError, match="is a diffusers model"):
        load_pipeline(demo_dir, "checkpoint", CPU, torch.float32)


def test_load_wraps_corrupt_weights(demo_dir: Path, tmp_path: Path) -> None:
    broken = Path(shutil.copytree(demo_dir, tmp_path / "broken"))
    (broken / "unet" / "diffusion_pytorch_model.safetensors").write_bytes(b"truncated")
    with pytest.raises(ModelLoadError, match="cannot load model 'broken'"):
        load_pipeline(broken, "diffusers", CPU, torch.float32)


# --- cache ----------------------------------------------------------------------


class _Loader:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, key: str) -> Callable[[], object]:
        def load() -> object:
            self.calls.append(key)
            return object()

        return load


def test_cache_evicts_least_recently_used() -> None:
    cache, loader = PipelineCache(max_entries=2), _Loader()
    a = cache.get("a", loader("a"))
    cache.get("b", loader("b"))
    assert cache.get("a", loader("a")) is a  # touch a: b is now least recently used
    cache.get("c", loader("c"))
    assert cache.keys() == ["a", "c"]
    cache.get("b", loader("b"))
    assert loader.calls == ["a", "b", "c", "b"]
    assert cache.keys() == ["c", "b"]


def test_cache_evict_and_clear() -> None:
    cache, loader = PipelineCache(max_entries=3), _Loader()
    for key in "abc":
        cache.get(key, loader(key))
    assert cache.evict("b") is True
    assert cache.evict("b") is False
    assert "b" not in cache and len(cache) == 2
    cache.clear()
    assert len(cache) == 0


def test_cache_does_not_keep_failed_loads() -> None:
    cache = PipelineCache(max_entries=1)

    def broken() -> object:
        raise ModelLoadError("boom")

    with pytest.raises(ModelLoadError):
        cache.get("a", broken)
    assert cache.keys() == []


def test_cache_loads_once_under_concurrent_gets() -> None:
    cache, loader = PipelineCache(max_entries=1), _Loader()
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("a", loader("a"))))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loader.calls == ["a"]
    assert all(r is results[0] for r in results)


@pytest.mark.parametrize("size", [0, -1, 1.5, True, "2"])
def test_cache_rejects_bad_size(size: object) -> None:
    with pytest.raises(ValueError, match="max_entries"):
        PipelineCache(max_entries=size)  # type: ignore[arg-type]


# --- generation -----------------------------------------------------------------


def test_same_seed_gives_identical_pixels(demo_pipe: DiffusionPipeline) -> None:
    first = _pixels(generate(demo_pipe, REQ, CPU))
    assert first.shape == (64, 64, 3)
    assert np.array_equal(first, _pixels(generate(demo_pipe, REQ, CPU)))


def test_the_largest_seed_4294967295_is_reproducible(demo_pipe: DiffusionPipeline) -> None:
    top = replace(REQ, seed=2**32 - 1, steps=2)
    first = _pixels(generate(demo_pipe, top, CPU))
    assert np.array_equal(first, _pixels(generate(demo_pipe, top, CPU)))
    # Not folded onto a smaller seed somewhere on the way to torch.
    assert not np.array_equal(first, _pixels(generate(demo_pipe, replace(top, seed=2**31 - 1))))


def test_different_seed_gives_different_pixels(demo_pipe: DiffusionPipeline) -> None:
    other = replace(REQ, seed=REQ.seed + 1)
    assert not np.array_equal(
        _pixels(generate(demo_pipe, REQ)), _pixels(generate(demo_pipe, other))
    )


def test_generate_honours_size(demo_pipe: DiffusionPipeline) -> None:
    assert generate(demo_pipe, replace(REQ, width=96, height=64, steps=1)).size == (96, 64)


def test_on_step_reports_progress_and_latents(demo_pipe: DiffusionPipeline) -> None:
    seen: list[tuple[int, int, tuple[int, ...]]] = []
    generate(demo_pipe, REQ, on_step=lambda i, n, lat: seen.append((i, n, tuple(lat.shape))))
    # The demo VAE downsamples by 2 (real SD VAEs by 8).
    assert seen == [(i, 3, (1, 4, 32, 32)) for i in (1, 2, 3)]


def test_cancel_raises_within_one_step(demo_pipe: DiffusionPipeline) -> None:
    steps: list[int] = []
    cancel = threading.Event()

    def on_step(done: int, _total: int, _latents: torch.Tensor) -> None:
        steps.append(done)
        cancel.set()  # the user hits cancel while step 1's preview is shown

    with pytest.raises(GenerationCanceled):
        generate(demo_pipe, replace(REQ, steps=4), on_step=on_step, should_cancel=cancel.is_set)
    assert steps == [1]


def test_cancel_before_start_runs_nothing(demo_pipe: DiffusionPipeline) -> None:
    steps: list[int] = []
    with pytest.raises(GenerationCanceled):
        generate(
            demo_pipe, REQ, on_step=lambda i, _n, _lat: steps.append(i), should_cancel=lambda: True
        )
    assert steps == []


def test_cancel_does_not_affect_later_runs(demo_pipe: DiffusionPipeline) -> None:
    before = _pixels(generate(demo_pipe, REQ))
    with pytest.raises(GenerationCanceled):
        generate(demo_pipe, REQ, should_cancel=lambda: True)
    assert np.array_equal(before, _pixels(generate(demo_pipe, REQ)))


def test_every_domain_scheduler_has_a_diffusers_class() -> None:
    assert list(SCHEDULERS) == list(Scheduler)


@pytest.mark.parametrize("name", sorted(SCHEDULERS))
def test_every_scheduler_runs_or_is_reported_unavailable(
    demo_pipe: DiffusionPipeline, name: str
) -> None:
    req = replace(REQ, scheduler=name, steps=2)
    if not scheduler_available(name):  # LMS without scipy
        with pytest.raises(ValueError, match="scheduler"):
            generate(demo_pipe, req)
        return
    assert generate(demo_pipe, req).size == (64, 64)


def test_generate_leaves_base_pipeline_untouched(demo_pipe: DiffusionPipeline) -> None:
    scheduler, dtype = demo_pipe.scheduler, demo_pipe.dtype
    generate(demo_pipe, replace(REQ, scheduler="DPMPP_2M", steps=1))
    assert demo_pipe.scheduler is scheduler
    assert demo_pipe.dtype == dtype


def test_concurrent_generations_match_sequential(demo_pipe: DiffusionPipeline) -> None:
    reqs = [replace(REQ, seed=s, scheduler=n, steps=2) for s, n in ((1, "EULER"), (2, "DDIM"))]
    expected = [_pixels(generate(demo_pipe, r)) for r in reqs]
    results: dict[int, np.ndarray] = {}

    def run(i: int) -> None:
        results[i] = _pixels(generate(demo_pipe, reqs[i]))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(reqs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(np.array_equal(results[i], expected[i]) for i in range(len(reqs)))


def test_reused_run_pipeline_gives_same_pixels_as_fresh_one(demo_pipe: DiffusionPipeline) -> None:
    reuse = RunPipelines()
    fresh = _pixels(generate(demo_pipe, REQ))
    assert np.array_equal(fresh, _pixels(generate(demo_pipe, REQ, reuse=reuse)))
    assert np.array_equal(fresh, _pixels(generate(demo_pipe, REQ, reuse=reuse)))


def test_reused_run_pipeline_recovers_from_a_canceled_run(demo_pipe: DiffusionPipeline) -> None:
    reuse = RunPipelines()
    before = _pixels(generate(demo_pipe, REQ, reuse=reuse))
    stop = threading.Event()
    with pytest.raises(GenerationCanceled):
        generate(
            demo_pipe,
            replace(REQ, steps=4),
            on_step=lambda *_: stop.set(),
            should_cancel=stop.is_set,
            reuse=reuse,
        )
    assert np.array_equal(before, _pixels(generate(demo_pipe, REQ, reuse=reuse)))


def test_reused_run_pipelines_are_per_scheduler_and_base(
    demo_pipe: DiffusionPipeline, demo_dir: Path
) -> None:
    reuse = RunPipelines()
    euler = reuse.get(demo_pipe, "EULER")
    assert reuse.get(demo_pipe, "EULER") is euler
    assert reuse.get(demo_pipe, "DDIM") is not euler
    assert type(reuse.get(demo_pipe, "DDIM").scheduler) is SCHEDULERS["DDIM"]
    other = load_pipeline(demo_dir, "diffusers", CPU, torch.float32)
    assert reuse.get(other, "EULER") is not euler  # a new base drops the old ones
    reuse.clear()
    assert reuse.get(other, "EULER") is not euler
    assert demo_pipe.scheduler is not euler.scheduler


def test_generate_rejects_pipeline_on_other_device(demo_pipe: DiffusionPipeline) -> None:
    with pytest.raises(ValueError, match="pipeline is on cpu"):
        generate(demo_pipe, REQ, torch.device("cuda"))


@pytest.mark.parametrize("width", [0, 56, 65, 2056, 4096, 64.0, "64", True])
def test_generate_rejects_bad_width(demo_pipe: DiffusionPipeline, width: Any) -> None:
    with pytest.raises(ValueError, match="width"):
        generate(demo_pipe, replace(REQ, width=width))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("height", 100),
        ("steps", 0),
        ("steps", 151),
        ("cfg_scale", -0.5),
        ("cfg_scale", 30.5),
        ("cfg_scale", float("nan")),
        ("seed", -1),
        ("seed", 2**32),
        ("scheduler", "HEUN"),
        ("prompt", None),
        ("negative_prompt", 3),
    ],
)
def test_generate_rejects_bad_field(demo_pipe: DiffusionPipeline, field: str, value: Any) -> None:
    with pytest.raises(ValueError, match=field):
        generate(demo_pipe, replace(REQ, **{field: value}))


def test_generate_accepts_boundary_values() -> None:
    ok = replace(REQ, width=2048, height=64, steps=150, cfg_scale=0, seed=2**32 - 1)
    pipelines.validate_request(ok)
    pipelines.validate_request(replace(ok, cfg_scale=30, negative_prompt=None))
