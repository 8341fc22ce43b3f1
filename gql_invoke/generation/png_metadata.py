"""Generation parameters in PNG text chunks, in our format and in the ones other tools read.

A generated PNG carries three chunks: ours (``gql_invoke_metadata``, the JSON of our own
field names), InvokeAI's ``invokeai_metadata`` (JSON with InvokeAI's field names) and the
A1111 ``parameters`` text, which A1111, ComfyUI, SwarmUI and most image viewers show:

    a red fox
    Negative prompt: blurry
    Steps: 20, Sampler: Euler, CFG scale: 7.5, Seed: 42, Size: 512x512, Model: sd15

Reading goes the other way (an uploaded PNG): the first chunk found of ours, InvokeAI's,
then A1111's, mapped to our names (prompt, negativePrompt, seed, steps, cfgScale,
scheduler, width, height, model), so "use these settings" works for it. What a chunk
holds is untrusted: only known fields of the right type are kept, strings are capped.
Pillow only, no torch.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, TypeGuard

OUR_KEY = "gql_invoke_metadata"
INVOKEAI_KEY = "invokeai_metadata"
A1111_KEY = "parameters"
# Longer text from a file is cut: a prompt past this is not one anybody typed.
MAX_TEXT = 10_000

# Our scheduler names as A1111's samplers, and InvokeAI's scheduler names, both ways.
_A1111_SAMPLERS = {
    "EULER": "Euler",
    "EULER_A": "Euler a",
    "DDIM": "DDIM",
    "DPMPP_2M": "DPM++ 2M",
    "LMS": "LMS",
    "PNDM": "PLMS",
}
_INVOKEAI_SCHEDULERS = {
    "EULER": "euler",
    "EULER_A": "euler_a",
    "DDIM": "ddim",
    "DPMPP_2M": "dpmpp_2m",
    "LMS": "lms",
    "PNDM": "pndm",
}
# Ours -> InvokeAI's field names.
_INVOKEAI_FIELDS = {
    "prompt": "positive_prompt",
    "negativePrompt": "negative_prompt",
    "seed": "seed",
    "steps": "steps",
    "cfgScale": "cfg_scale",
    "scheduler": "scheduler",
    "width": "width",
    "height": "height",
    "model": "model",
}
_INTS = ("seed", "steps", "width", "height")


def interop_chunks(metadata: dict[str, Any]) -> dict[str, str]:
    """InvokeAI's and A1111's chunks for generation ``metadata`` (our names); {} without a
    prompt (nothing generated it)."""
    if not isinstance(metadata.get("prompt"), str):
        return {}
    invoke: dict[str, Any] = {}
    for ours, theirs in _INVOKEAI_FIELDS.items():
        if ours in metadata:
            invoke[theirs] = metadata[ours]
    if "scheduler" in invoke:
        invoke["scheduler"] = _INVOKEAI_SCHEDULERS.get(str(invoke["scheduler"]), "euler")
    if isinstance(invoke.get("model"), str):
        # InvokeAI names a model by an identifier object; its readers show "name".
        invoke["model"] = {"key": invoke["model"], "name": invoke["model"]}
    return {
        INVOKEAI_KEY: json.dumps(invoke, ensure_ascii=True, separators=(",", ":")),
        A1111_KEY: _a1111_text(metadata),
    }


def _a1111_text(m: dict[str, Any]) -> str:
    lines = [_one_line(m["prompt"])]
    if m.get("negativePrompt"):
        lines.append(f"Negative prompt: {_one_line(m['negativePrompt'])}")
    parts = []
    for label, key in (("Steps", "steps"), ("Sampler", "scheduler"), ("CFG scale", "cfgScale")):
        if key in m:
            value = _A1111_SAMPLERS.get(str(m[key]), m[key]) if key == "scheduler" else m[key]
            parts.append(f"{label}: {value}")
    if "seed" in m:
        parts.append(f"Seed: {m['seed']}")
    if "width" in m and "height" in m:
        parts.append(f"Size: {m['width']}x{m['height']}")
    if m.get("model"):
        parts.append(f"Model: {_one_line(str(m['model'])).replace(',', ' ')}")
    lines.append(", ".join(parts))
    return "\n".join(lines)


def _one_line(text: str) -> str:
    # A newline in a prompt would read as the next section of the A1111 text.
    return " ".join(str(text).splitlines())


# --- reading -----------------------------------------------------------------------


def read_chunks(chunks: dict[str, Any]) -> dict[str, Any] | None:
    """Generation parameters (our names) from a PNG's text chunks: ours, else InvokeAI's,
    else A1111's; None when none of them holds any."""
    for key, parse in ((OUR_KEY, _ours), (INVOKEAI_KEY, _invokeai), (A1111_KEY, _a1111)):
        raw = chunks.get(key)
        if isinstance(raw, str | bytes):
            found = _clean(parse(raw if isinstance(raw, str) else raw.decode("latin-1")))
            if found:
                return found
    return None


def _json(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _ours(raw: str) -> dict[str, Any]:
    return _json(raw)


def _invokeai(raw: str) -> dict[str, Any]:
    data = _json(raw)
    out = {ours: data[theirs] for ours, theirs in _INVOKEAI_FIELDS.items() if theirs in data}
    model = out.get("model")
    if isinstance(model, dict):
        out["model"] = model.get("key") or model.get("name")
    by_name = {v: k for k, v in _INVOKEAI_SCHEDULERS.items()}
    if "scheduler" in out:
        out["scheduler"] = by_name.get(str(out["scheduler"]))
    return out


_A1111_FIELD = re.compile(r"\s*([A-Za-z][A-Za-z0-9 ]*):\s*([^,]*)")


def _a1111(raw: str) -> dict[str, Any]:
    lines = raw.strip().split("\n")
    settings = lines.pop() if len(lines) > 1 and "Steps:" in lines[-1] else ""
    negative = [i for i, line in enumerate(lines) if line.startswith("Negative prompt:")]
    cut = negative[0] if negative else len(lines)
    out: dict[str, Any] = {"prompt": "\n".join(lines[:cut]).strip()}
    if negative:
        rest = "\n".join(lines[cut:])
        out["negativePrompt"] = rest[len("Negative prompt:") :].strip()
    fields = {k.strip(): v.strip() for k, v in _A1111_FIELD.findall(settings)}
    samplers = {v: k for k, v in _A1111_SAMPLERS.items()}
    for label, key in (("Steps", "steps"), ("Seed", "seed"), ("CFG scale", "cfgScale")):
        if label in fields:
            out[key] = _number(fields[label])
    if "Sampler" in fields:
        out["scheduler"] = samplers.get(fields["Sampler"])
    size = re.fullmatch(r"(\d+)x(\d+)", fields.get("Size", ""))
    if size:
        out["width"], out["height"] = int(size.group(1)), int(size.group(2))
    if "Model" in fields:
        out["model"] = fields["Model"]
    return out


def _number(text: str) -> int | float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _clean(found: dict[str, Any]) -> dict[str, Any]:
    """Only our known fields, each of its type; an empty result means nothing usable."""
    out: dict[str, Any] = {}
    for key in _INVOKEAI_FIELDS:
        value = found.get(key)
        if key in _INTS:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                out[key] = value
        elif key == "cfgScale":
            number = value if _is_number(value) else None
            if number is not None and math.isfinite(number):
                out[key] = float(number)
        elif isinstance(value, str) and (value or key == "negativePrompt"):
            out[key] = value[:MAX_TEXT]
    return out if "prompt" in out else {}
