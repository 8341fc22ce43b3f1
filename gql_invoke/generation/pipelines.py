"""Model detection, pipeline loading and caching, and one text-to-image run.

Everything here is synchronous and may block for seconds (loading) or minutes
(generating); the queue worker calls it from a dedicated thread.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import torch
from diffusers import (
    DDIMScheduler,
    DPMSolverMultistepScheduler,
    EulerAncestralDiscreteScheduler,
    EulerDiscreteScheduler,
    LMSDiscreteScheduler,
    PNDMScheduler,
    StableDiffusionPipeline,
    StableDiffusionXLPipeline,
)

# From its own module because, to type checkers, `diffusers.DiffusionPipeline` is
# the placeholder class diffusers defines for installs without torch.
from diffusers.pipelines.pipeline_utils import DiffusionPipeline
from diffusers.utils import logging as diffusers_logging
from PIL import Image
from safetensors import safe_open

from gql_invoke.domain import ModelBase, ModelType, Scheduler
from gql_invoke.generation import long_prompts, lora, modes, settings_check
from gql_invoke.generation.settings_check import check, check_available, check_string

# "Loading pipeline components..." bars on every model load: noise in a server's log
# (the generation loop has its own progress, the generationProgress events).
diffusers_logging.disable_progress_bar()

ModelFormat = Literal["diffusers", "checkpoint"]

CHECKPOINT_SUFFIXES = (".safetensors", ".ckpt")

# Every domain Scheduler, in the domain's order (tests check none is missing).
SCHEDULERS: dict[str, Any] = {
    Scheduler.EULER: EulerDiscreteScheduler,
    Scheduler.EULER_A: EulerAncestralDiscreteScheduler,
    Scheduler.DDIM: DDIMScheduler,
    Scheduler.DPMPP_2M: DPMSolverMultistepScheduler,
    Scheduler.LMS: LMSDiscreteScheduler,
    Scheduler.PNDM: PNDMScheduler,
}

# Settings SD's reference configs use for these schedulers. A model shipped with
# an Euler config lacks them, and the class defaults are wrong for SD: DDIM would
# clip samples, and PNDM's Runge-Kutta warm-up breaks below 3 steps.
_SCHEDULER_OVERRIDES: dict[str, dict[str, Any]] = {
    "DDIM": {"clip_sample": False, "set_alpha_to_one": False},
    "PNDM": {"skip_prk_steps": True, "set_alpha_to_one": False},
}


class _EmptyFp32ListFilter(logging.Filter):
    # from_pipe() re-applies the dtype to the shared modules, and diffusers then
    # warns about "modules that should be kept in float32: []" on every run. With
    # an empty list the warning says nothing, so drop just that one.
    def filter(self, record: logging.LogRecord) -> bool:
        return "should be kept in float32: []" not in record.getMessage()


logging.getLogger("diffusers.models.modeling_utils").addFilter(_EmptyFp32ListFilter())


class ModelLoadError(ValueError):
    """A model path that cannot be detected or loaded; the message says why."""


class GenerationCanceled(Exception):
    """Raised out of generate() when should_cancel() said so; no image is made."""


@dataclass(frozen=True)
class DetectedModel:
    format: ModelFormat
    base: ModelBase  # SD1, SD2 or SDXL: detection never answers ANY
    type: ModelType = ModelType.MAIN


# --- devices --------------------------------------------------------------------


def pick_dtype(device: torch.device) -> torch.dtype:
    # Half precision halves VRAM on GPUs; CPU kernels for fp16 are slow or missing.
    return torch.float16 if device.type == "cuda" else torch.float32


# --- detection ------------------------------------------------------------------


def detect_model(path: Path) -> DetectedModel:
    """Tell the format and base of a diffusers folder or a single checkpoint file."""
    path = Path(path)
    if not path.exists():
        raise ModelLoadError(f"model path does not exist: {path}")
    if path.is_dir():
        return DetectedModel("diffusers", _diffusers_base(path))
    if path.suffix.lower() not in CHECKPOINT_SUFFIXES:
        raise ModelLoadError(
            f"unsupported model file {path.name!r}: expected a diffusers folder or one of "
            f"{', '.join(CHECKPOINT_SUFFIXES)}"
        )
    return DetectedModel("checkpoint", _checkpoint_base(path))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelLoadError(f"{path} is not a JSON object")
    return data


def _diffusers_base(folder: Path) -> ModelBase:
    index_path = folder / "model_index.json"
    if not index_path.is_file():
        raise ModelLoadError(f"{folder} is not a diffusers model: it has no model_index.json")
    index = _read_json(index_path)
    if "StableDiffusionXL" in str(index.get("_class_name", "")):
        return ModelBase.SDXL
    unet_config = folder / "unet" / "config.json"
    dim = _read_json(unet_config).get("cross_attention_dim") if unet_config.is_file() else None
    if isinstance(dim, list):  # per-block values are allowed; they are all equal in SD
        dim = max(dim, default=None)
    if dim == 2048:
        return ModelBase.SDXL
    if dim == 1024:
        return ModelBase.SD2
    # 768 is SD1; anything else (e.g. the 32-dim demo model) is treated as SD1 too,
    # since the SD1 pipeline is the one that accepts arbitrary sizes.
    return ModelBase.SD1


def _checkpoint_base(path: Path) -> ModelBase:
    try:
        keys = _checkpoint_keys(path)
    except Exception as exc:  # safetensors/pickle raise many unrelated types
        raise ModelLoadError(f"cannot read checkpoint {path.name!r}: {exc}") from exc
    # Rejects LoRAs, VAEs and other non-main files that share the extensions.
    if not any(k.startswith("model.diffusion_model.") for k in keys):
        raise ModelLoadError(
            f"{path.name!r} is not a Stable Diffusion main model (no model.diffusion_model.* keys)"
        )
    if any(k.startswith("conditioner.embedders.1") for k in keys):
        return ModelBase.SDXL  # second (OpenCLIP bigG) text encoder
    if any(k.startswith("cond_stage_model.model.") for k in keys):
        return ModelBase.SD2  # OpenCLIP ViT-H text encoder; SD1's CLIP lives under .transformer.
    return ModelBase.SD1


def _checkpoint_keys(path: Path) -> list[str]:
    if path.suffix.lower() == ".safetensors":
        # Reads only the JSON header, not the gigabytes of weights.
        with safe_open(str(path), framework="pt", device="cpu") as f:
            return list(f.keys())
    try:  # mmap keeps a multi-GB .ckpt from being read into RAM just for its keys
        data = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
    except RuntimeError:  # legacy (pre-zip) format cannot be mmapped
        data = torch.load(path, map_location="cpu", weights_only=True)
    if isinstance(data, dict) and isinstance(data.get("state_dict"), dict):
        data = data["state_dict"]
    if not isinstance(data, dict):
        raise ValueError(f"expected a state dict, found {type(data).__name__}")
    return [str(k) for k in data]


# --- loading --------------------------------------------------------------------


def load_pipeline(
    path: Path,
    fmt: str,
    device: torch.device,
    dtype: torch.dtype,
    *,
    config: Path | None = None,
) -> DiffusionPipeline:
    """Load a text-to-image pipeline from local files only, safety checker off.

    ``config`` (single files only) is a local diffusers folder of the same
    architecture whose configs to use; without it diffusers looks for the
    reference configs in the Hugging Face cache and, if they are not there,
    tries to download them even with local_files_only=True.
    """
    path = Path(path)
    detected = detect_model(path)  # precise errors for missing / non-model paths
    if detected.format != fmt:
        raise ModelLoadError(f"{path.name!r} is a {detected.format} model, not {fmt}")
    try:
        if fmt == "diffusers":
            pipe = _load_folder(path, dtype)
        else:
            pipe = _load_single_file(path, detected.base, dtype, config)
        pipe.set_progress_bar_config(disable=True)
        return pipe.to(device)
    except Exception as exc:
        raise ModelLoadError(f"cannot load model {path.name!r}: {exc}") from exc


# model_index.json's class -> the text-to-image pipeline to load it as: what
# AutoPipelineForText2Image picks for them (an img2img or inpainting folder loads as
# its family's text-to-image pipeline; modes.py builds the others from it).
TEXT2IMAGE_CLASSES: dict[str, type[DiffusionPipeline]] = {
    name: cls
    for cls in (StableDiffusionPipeline, StableDiffusionXLPipeline)
    for name in (
        cls.__name__,
        *(cls.__name__.replace("Pipeline", f"{m}Pipeline") for m in ("Img2Img", "Inpaint")),
    )
}


def _load_folder(path: Path, dtype: torch.dtype) -> DiffusionPipeline:
    index = _read_json(path / "model_index.json")
    kwargs: dict[str, Any] = {"dtype": dtype, "local_files_only": True}
    if "safety_checker" in index:
        # Passed at load time so the (1.2 GB) checker is never even read.
        kwargs |= {"safety_checker": None, "requires_safety_checker": False}
    direct = TEXT2IMAGE_CLASSES.get(str(index.get("_class_name")))
    if direct is not None:
        return direct.from_pretrained(path, **kwargs)
    # Here, not at the top: AutoPipeline imports every pipeline family diffusers has
    # (ControlNet, Kandinsky, Flux...), 0.6-0.8 s of a worker's start for models that
    # are rarely anything but the two above.
    from diffusers import AutoPipelineForText2Image

    try:
        return AutoPipelineForText2Image.from_pretrained(path, **kwargs)
    except ValueError as exc:
        if "AutoPipeline" not in str(exc):
            raise
    # Pipelines AutoPipeline has no text-to-image mapping for.
    return DiffusionPipeline.from_pretrained(path, **kwargs)


def _load_single_file(
    path: Path, base: ModelBase, dtype: torch.dtype, config: Path | None
) -> DiffusionPipeline:
    kwargs: dict[str, Any] = {"dtype": dtype, "local_files_only": True}
    if config is not None:
        kwargs["config"] = str(config)
    if base == ModelBase.SDXL:
        return StableDiffusionXLPipeline.from_single_file(str(path), **kwargs)
    return StableDiffusionPipeline.from_single_file(
        str(path), safety_checker=None, requires_safety_checker=False, **kwargs
    )


class PipelineCache:
    """A bounded LRU of loaded pipelines, keyed by model key.

    Loads run while holding the lock: two models loading at once would need
    both in memory on top of the cache, which is how GPUs run out of memory.
    A cache hit during someone else's load therefore waits for it.
    """

    def __init__(self, max_entries: int = 1) -> None:
        if not isinstance(max_entries, int) or isinstance(max_entries, bool) or max_entries < 1:
            raise ValueError(f"max_entries must be an int >= 1, got {max_entries!r}")
        self.max_entries = max_entries
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, loader: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            # Make room before loading, so the old model's memory is free for the new.
            # (A run still holding an evicted pipeline keeps it alive until it ends.)
            while len(self._entries) >= self.max_entries:
                self._entries.popitem(last=False)
                _release_memory()
            pipe = loader()  # if this raises, nothing is cached and the error propagates
            self._entries[key] = pipe
            return pipe

    def evict(self, key: str) -> bool:
        with self._lock:
            found = self._entries.pop(key, None) is not None
        if found:
            _release_memory()
        return found

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
        _release_memory()

    def keys(self) -> list[str]:
        """Cached keys, least recently used first."""
        with self._lock:
            return list(self._entries)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def _release_memory() -> None:
    # Pipelines hold reference cycles, so dropping the dict entry alone may not
    # free the weights; empty_cache then returns the freed blocks to the driver.
    if torch.cuda.is_available():
        gc.collect()
        torch.cuda.empty_cache()


# --- generation -----------------------------------------------------------------


@dataclass(frozen=True)
class GenerationRequest:
    prompt: str
    negative_prompt: str | None
    width: int
    height: int
    steps: int
    cfg_scale: float
    scheduler: str
    seed: int
    # Image-to-image (init_image, strength) and inpainting (+ mask_image): files
    # the worker resolved for the owner; the images are read at the request's size.
    init_image: Path | None = None
    mask_image: Path | None = None
    strength: float | None = None
    # (model key, .safetensors file, weight) per LoRA, and a VAE to use instead.
    loras: tuple[tuple[str, Path, float], ...] = ()
    vae: Path | None = None

    @property
    def mode(self) -> modes.Mode:
        if self.init_image is None:
            return "txt2img"
        return "img2img" if self.mask_image is None else "inpaint"


def scheduler_available(name: str) -> bool:
    """False for a known scheduler whose optional dependency is missing (LMS needs scipy)."""
    cls = SCHEDULERS.get(name)
    # diffusers exports placeholder classes from its dummy_* modules in that case.
    return cls is not None and not cls.__module__.startswith("diffusers.utils.dummy")


def make_scheduler(name: str, base_config: Any) -> Any:
    """A fresh scheduler ``name`` configured from the model's own scheduler config."""
    overrides = {
        k: v for k, v in _SCHEDULER_OVERRIDES.get(name, {}).items() if k not in base_config
    }
    return SCHEDULERS[name].from_config(base_config, **overrides)


def validate_request(req: GenerationRequest) -> None:
    """Raise ValueError (a settings_check.SettingError) naming the first bad field of ``req``."""
    check_string("prompt", req.prompt)
    check_string("negative_prompt", req.negative_prompt, optional=True)
    check("width", req.width, settings_check.SIZE)
    check("height", req.height, settings_check.SIZE)
    check("steps", req.steps, settings_check.STEPS)
    check("cfg_scale", req.cfg_scale, settings_check.CFG_SCALE)
    check("seed", req.seed, settings_check.SEED)
    check("scheduler", req.scheduler, settings_check.SCHEDULER)
    check_available("scheduler", req.scheduler)
    if req.init_image is not None:
        check("strength", req.strength, settings_check.STRENGTH)
    if req.mask_image is not None and req.init_image is None:
        raise ValueError("mask_image needs init_image")
    check("loras", len(req.loras), settings_check.LORA_COUNT)
    for _key, _path, weight in req.loras:
        check("loras.weight", weight, settings_check.LORA_WEIGHT)
    # diffusers' own word too: settings_check only looks for the package, and
    # diffusers hands out a dummy class when it cannot use it.
    if not scheduler_available(req.scheduler):
        raise ValueError(f"scheduler {req.scheduler} is not available on this server")


class RunPipelines:
    """Per-run pipelines kept for reuse by ONE thread that runs one job at a time.

    from_pipe costs ~10-17 ms a run. A diffusers pipeline is built to be called
    again and again: every call sets its per-call state afresh (_interrupt,
    guidance, timesteps), and scheduler.set_timesteps resets the scheduler's
    (step index, solver history), also after a run aborted mid-way. So the
    worker's GPU thread keeps one per (base pipeline, scheduler). Only pipelines
    of the newest base are kept, so an evicted model's weights are not held.
    """

    def __init__(self) -> None:
        # Replaced whole, never mutated in place: clear() may run on another thread.
        self._entry: tuple[Any, dict[str, Any]] | None = None

    def get(
        self, base_pipe: DiffusionPipeline, scheduler: str, mode: modes.Mode = "txt2img"
    ) -> Any:
        entry = self._entry
        if entry is None or entry[0] is not base_pipe:
            entry = (base_pipe, {})
            self._entry = entry
        key = f"{scheduler}/{mode}"
        pipe = entry[1].get(key)
        if pipe is None:
            pipe = entry[1][key] = _run_pipeline(base_pipe, scheduler, mode)
        return pipe

    def clear(self) -> None:
        self._entry = None


def _run_pipeline(
    base_pipe: DiffusionPipeline, scheduler: str, mode: modes.Mode = "txt2img"
) -> Any:
    # A pipeline object carries per-run state (scheduler timesteps, _interrupt),
    # so concurrent runs each get their own; weights are shared. img2img and
    # inpainting are other classes over the same modules (generation/modes.py).
    # dtype must be passed: from_pipe casts the shared modules to it (default
    # fp32), which would silently turn an fp16 model into fp32 in place.
    cls = modes.pipeline_class(base_pipe, modes.pipeline_mode(base_pipe, mode))
    pipe = cls.from_pipe(
        base_pipe,
        scheduler=make_scheduler(scheduler, base_pipe.scheduler.config),
        dtype=base_pipe.dtype,
    )
    pipe.set_progress_bar_config(disable=True)  # not carried over by from_pipe
    return pipe


def generate(
    base_pipe: DiffusionPipeline,
    req: GenerationRequest,
    device: torch.device | None = None,
    on_step: Callable[[int, int, torch.Tensor], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    reuse: RunPipelines | None = None,
    report: dict[str, Any] | None = None,
) -> Image.Image:
    """Run one generation (text-to-image, image-to-image or inpainting) and return the image.

    ``on_step(done, total, latents)`` and ``should_cancel()`` are called from
    this (the torch) thread after every step, so they must be cheap; latents are
    only valid during the call. ``device``, if given, is checked against the
    pipeline's, to catch a pipeline that was moved or evicted under us.
    ``reuse``: per-run pipelines kept by the calling thread (see RunPipelines);
    without it every run builds a fresh one. ``report``, if given, receives
    promptTokens and negativePromptTokens: how many tokens were encoded (all).
    """
    validate_request(req)
    if device is not None and base_pipe.device.type != torch.device(device).type:
        raise ValueError(f"pipeline is on {base_pipe.device}, expected {device}")
    if should_cancel is not None and should_cancel():
        raise GenerationCanceled()
    mode = req.mode
    pipe = (
        reuse.get(base_pipe, req.scheduler, mode)
        if reuse is not None
        else _run_pipeline(base_pipe, req.scheduler, mode)
    )

    def step_end(p: Any, step_index: int, _timestep: Any, tensors: dict[str, Any]) -> dict:
        if should_cancel is not None and should_cancel():
            # Raising aborts at once; pipe._interrupt would still decode an image.
            raise GenerationCanceled()
        if on_step is not None:
            on_step(step_index + 1, p.num_timesteps, tensors["latents"])
        return {}  # diffusers requires a dict: the tensors to replace (none)

    size = (req.width, req.height)
    init = modes.load_image(req.init_image, *size) if req.init_image is not None else None
    mask = modes.load_mask(req.mask_image, *size) if req.mask_image is not None else None
    image_args = modes.image_kwargs(base_pipe, mode, size, init, mask, req.strength)
    if modes.pipeline_mode(base_pipe, mode) == "txt2img":
        image_args = {"width": req.width, "height": req.height}
    # Noise is drawn on the CPU so a seed gives the same picture on any device.
    generator = torch.Generator(device="cpu").manual_seed(req.seed)
    with torch.inference_mode(), lora.applied(pipe, req.loras, req.vae):
        # After the LoRAs: those with text-encoder layers change the embeddings.
        embeds = long_prompts.encode(pipe, req.prompt, req.negative_prompt or "")
        if report is not None:
            report["promptTokens"] = embeds.prompt_tokens
            report["negativePromptTokens"] = embeds.negative_tokens
        result = pipe(
            **embeds.kwargs,
            **image_args,
            num_inference_steps=req.steps,
            guidance_scale=req.cfg_scale,
            generator=generator,
            output_type="pil",
            callback_on_step_end=step_end,
            callback_on_step_end_tensor_inputs=["latents"],
        )
    return result.images[0]
