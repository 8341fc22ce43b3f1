"""What a generation request may ask: the request as sent, and its validation.

``validate_spec`` fills in the model's defaults and checks every setting with the
rules the pipeline applies too (generation/settings_check.py), naming the field
that fails. ``cost_of`` is what the scheduler weighs: steps x megapixels.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from gql_invoke.generation import settings_check
from gql_invoke.generation.settings_check import SEED_LIMIT, check
from gql_invoke.services import field_rules

MAX_RUNS = 100
RUNS = settings_check.integer(1, MAX_RUNS)
DEFAULT_STRENGTH = 0.75


@dataclass(frozen=True)
class GenerationSpec:
    """A generation request as the client sent it; None means "the model's default"."""

    prompt: str
    negative_prompt: str | None = ""
    model: str | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    cfg_scale: float | None = None
    scheduler: str | None = None
    seed: int | None = None
    board_id: str | None = None
    init_image_id: str | None = None
    strength: float | None = None
    mask_image_id: str | None = None
    loras: tuple[LoraSpec, ...] = ()
    vae: str | None = None


@dataclass(frozen=True)
class LoraSpec:
    """One LoRA of a request: an installed LORA model's key and its weight."""

    model: str
    weight: float | None = 1.0


def validate_spec(spec: GenerationSpec, defaults: dict[str, Any]) -> dict[str, Any]:
    """Internal: queue.enqueue, for any actor; Invalid naming the field.

    The full params of the first run, defaults filled in."""
    with field_rules.settings_errors():
        return _params(spec, defaults)


def _params(spec: GenerationSpec, defaults: dict[str, Any]) -> dict[str, Any]:
    prompt = settings_check.check_string("prompt", spec.prompt)
    prompt = field_rules.prompt(prompt, "prompt", required=True)
    negative = settings_check.check_string("negativePrompt", spec.negative_prompt or "")
    negative = field_rules.prompt(negative, "negativePrompt")

    def pick(value: Any, key: str) -> Any:
        return defaults.get(key) if value is None else value

    width = check("width", pick(spec.width, "width"), settings_check.SIZE)
    height = check("height", pick(spec.height, "height"), settings_check.SIZE)
    steps = check("steps", pick(spec.steps, "steps"), settings_check.STEPS)
    cfg = check("cfgScale", pick(spec.cfg_scale, "cfgScale"), settings_check.CFG_SCALE)
    sched = check("scheduler", pick(spec.scheduler, "scheduler"), settings_check.SCHEDULER)
    settings_check.check_available("scheduler", sched)
    seed = spec.seed
    if seed is None:
        seed = secrets.randbelow(SEED_LIMIT)  # seeds of later runs wrap around below it
    check("seed", seed, settings_check.API_SEED)
    return {
        "prompt": prompt,
        "negativePrompt": negative,
        "width": width,
        "height": height,
        "steps": steps,
        "cfgScale": float(cfg),
        "scheduler": str(sched),
        "seed": seed,
        **_source_params(spec),
    }


def _source_params(spec: GenerationSpec) -> dict[str, Any]:
    # The ids are only checked for shape here; who may read them is queue_sources'.
    if spec.mask_image_id is not None and spec.init_image_id is None:
        raise settings_check.SettingError(
            "maskImageId", "maskImageId needs initImageId (the image to inpaint)"
        )
    strength = None
    if spec.init_image_id is not None:
        value = DEFAULT_STRENGTH if spec.strength is None else spec.strength
        strength = float(check("strength", value, settings_check.STRENGTH))
    elif spec.strength is not None:
        raise settings_check.SettingError("strength", "strength needs initImageId")
    check("loras", len(spec.loras), settings_check.LORA_COUNT)
    loras = [
        {
            "model": lora.model,
            "weight": float(
                check(
                    "loras.weight",
                    1.0 if lora.weight is None else lora.weight,
                    settings_check.LORA_WEIGHT,
                )
            ),
        }
        for lora in spec.loras
    ]
    if len({lora["model"] for lora in loras}) != len(loras):
        raise settings_check.SettingError("loras", "loras must not name the same model twice")
    return {
        "initImageId": spec.init_image_id,
        "strength": strength,
        "maskImageId": spec.mask_image_id,
        "loras": loras,
        "vae": spec.vae,
    }


def cost_of(params: dict[str, Any]) -> float:
    """Internal: queue.enqueue; raises nothing.

    GPU work: steps x megapixels."""
    return params["steps"] * params["width"] * params["height"] / 1e6
