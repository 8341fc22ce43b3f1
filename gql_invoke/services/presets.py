"""Style presets (prompt snippets): same visibility rules as workflows.

Bounded per user (see storage): at most MAX_PRESETS presets, and name + prompt
bytes count toward maxStorageBytes.
"""

from __future__ import annotations

from typing import Any

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import StylePreset
from gql_invoke.services import storage
from gql_invoke.services.workflows import Limits, delete_owned, page_listable, save_owned, text

MAX_PROMPT = 10_000
MAX_PRESETS = 500


def _preset_bytes(fields: dict[str, Any]) -> int:
    return storage.text_bytes(fields["name"], fields["positive_prompt"], fields["negative_prompt"])


PRESET_LIMITS = Limits(max_rows=MAX_PRESETS, rows_field="stylePresets", size_of=_preset_bytes)


async def list_presets(
    actor: Actor, first: int = 100, after: str | None = None
) -> list[StylePreset]:
    return await page_listable(actor, StylePreset, first, after)


async def save_preset(
    actor: Actor,
    preset_id: str | None,
    *,
    name: str,
    positive_prompt: str,
    negative_prompt: str = "",
    is_public: bool = False,
) -> StylePreset:
    fields: dict[str, Any] = {
        "name": text(name, "name", 300, required=True),
        "positive_prompt": text(positive_prompt, "positivePrompt", MAX_PROMPT),
        "negative_prompt": text(negative_prompt, "negativePrompt", MAX_PROMPT),
        "is_public": is_public,
    }
    return await save_owned(actor, StylePreset, preset_id, fields, "style preset", PRESET_LIMITS)


async def delete_preset(actor: Actor, preset_id: str) -> bool:
    return await delete_owned(actor, StylePreset, preset_id, "style preset")
