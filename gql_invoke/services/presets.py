"""Style presets (prompt snippets): same visibility rules as workflows.

Bounded per user (see storage): at most MAX_PRESETS presets, and name + prompt
bytes count toward maxStorageBytes.
"""

from __future__ import annotations

from typing import Any

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import StylePreset
from gql_invoke.services import field_rules, storage
from gql_invoke.services.workflows import Limits, delete_owned, page_listable, save_owned

MAX_PRESETS = 500


def _preset_bytes(fields: dict[str, Any]) -> int:
    return storage.text_bytes(fields["name"], fields["positive_prompt"], fields["negative_prompt"])


PRESET_LIMITS = Limits(max_rows=MAX_PRESETS, rows_field="stylePresets", size_of=_preset_bytes)


async def list_presets(
    actor: Actor, first: int = 100, after: str | None = None
) -> list[StylePreset]:
    """Any signed-in actor (own and public presets); Invalid for ``first`` or ``after``.

    By name, ``first`` (1..500) at a time."""
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
    """Any signed-in actor; overwriting one: its owner only (single-user mode: anyone),
    Forbidden otherwise. Invalid for a field or a bad id, NotFound for a missing preset,
    Conflict past the preset cap or the storage quota.

    ``preset_id`` None creates a preset owned by the caller."""
    fields: dict[str, Any] = {
        "name": field_rules.text(name, "name", field_rules.MAX_NAME, required=True),
        "positive_prompt": field_rules.prompt(positive_prompt, "positivePrompt"),
        "negative_prompt": field_rules.prompt(negative_prompt, "negativePrompt"),
        "is_public": is_public,
    }
    return await save_owned(actor, StylePreset, preset_id, fields, "style preset", PRESET_LIMITS)


async def delete_preset(actor: Actor, preset_id: str) -> bool:
    """The preset's owner or an admin (Forbidden otherwise); Invalid for a bad id, NotFound
    when missing."""
    return await delete_owned(actor, StylePreset, preset_id, "style preset")
