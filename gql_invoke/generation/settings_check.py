"""Generation settings: the accepted range of each, and the one check of them.

The queue holds a request to these before storing it (services/queue.py), model
defaults are held to them (services/models.py), and the pipeline checks a request
again before touching the GPU (generation/pipelines.py). Each caller names the
fields its own way (cfgScale, defaults.cfgScale, cfg_scale) and raises its own kind
of error, so a failed check raises SettingError, a ValueError carrying the field
name, with the message clients see: "<field> must be <rule>, got <value>".

No heavy imports here: the services use this without loading torch.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from gql_invoke.domain import Scheduler

SIZE_MIN = 64
SIZE_MAX = 2048
SIZE_MULTIPLE = 8
STEPS_MIN = 1
STEPS_MAX = 150
CFG_MIN = 0
CFG_MAX = 30
# Seeds are unsigned 32-bit (what torch's generator and other tools' seeds hold); the
# API carries them as Long (schema/scalars.py), since GraphQL's Int is signed 32-bit.
SEED_LIMIT = 2**32
SEED_MAX = SEED_LIMIT - 1
# Schedulers that need an optional package (diffusers falls back to a dummy class).
SCHEDULER_NEEDS: dict[str, str] = {Scheduler.LMS: "scipy"}

T = TypeVar("T")


class SettingError(ValueError):
    """A setting outside its rule; ``field`` is the name the caller checked it under."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def is_int(value: object) -> bool:
    """An int that is not a bool (JSON and Python both let True pass as 1)."""
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Rule:
    """What one setting accepts, and how an error message says it."""

    says: str
    accepts: Callable[[Any], bool]


def integer(low: int, high: int, step: int = 1) -> Rule:
    says = f"an integer from {low} to {high}"
    if step > 1:
        says = f"a multiple of {step} from {low} to {high}"
    return Rule(says, lambda v: is_int(v) and low <= v <= high and v % step == 0)


def number(low: float, high: float) -> Rule:
    """A finite int or float (not a bool) from ``low`` to ``high``."""

    def accepts(value: Any) -> bool:
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and low <= value <= high
        )

    return Rule(f"a number from {low:g} to {high:g}", accepts)


SIZE = integer(SIZE_MIN, SIZE_MAX, SIZE_MULTIPLE)
STEPS = integer(STEPS_MIN, STEPS_MAX)
CFG_SCALE = number(CFG_MIN, CFG_MAX)
# Image-to-image: 0 keeps the init image, 1 redraws it all.
STRENGTH = number(0, 1)
# LoRAs per job and their weights (A1111 and InvokeAI allow about this range).
LORA_MAX = 5
LORA_COUNT = integer(0, LORA_MAX)
LORA_WEIGHT = number(-2, 2)
# A tuple, not the enum: a JSON list or dict must answer False, not raise.
SCHEDULER = Rule(f"one of {', '.join(Scheduler)}", lambda v: v in tuple(Scheduler))
API_SEED = integer(0, SEED_MAX)
SEED = integer(0, SEED_MAX)

# The settings a model's defaults may fill in, by their API names.
DEFAULTABLE: dict[str, Rule] = {
    "width": SIZE,
    "height": SIZE,
    "steps": STEPS,
    "cfgScale": CFG_SCALE,
    "scheduler": SCHEDULER,
}


def check(field: str, value: T, rule: Rule) -> T:
    """``value`` if ``rule`` accepts it; else SettingError naming ``field``."""
    if not rule.accepts(value):
        raise SettingError(field, f"{field} must be {rule.says}, got {value!r}")
    return value


def check_string(field: str, value: Any, *, optional: bool = False) -> Any:
    """A prompt's type (None allowed when ``optional``); its length is a field rule."""
    if not isinstance(value, str) and not (optional and value is None):
        raise SettingError(field, f"{field} must be a string")
    return value


def check_available(field: str, scheduler: str) -> None:
    """Whether this server can run a known scheduler (LMS needs scipy)."""
    needs = SCHEDULER_NEEDS.get(scheduler)
    if needs and importlib.util.find_spec(needs) is None:
        raise SettingError(
            field, f"scheduler {scheduler} is not available on this server (needs {needs})"
        )
