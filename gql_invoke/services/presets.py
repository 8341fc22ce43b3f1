"""Style presets (prompt snippets): same visibility rules as workflows."""

from __future__ import annotations

from typing import Any

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import StylePreset
from gql_invoke.services import audit
from gql_invoke.services.workflows import deletable, editable, listable, text

MAX_PROMPT = 10_000


async def list_presets(actor: Actor) -> list[StylePreset]:
    return await listable(actor, StylePreset).order_by("name", "id")


async def save_preset(actor: Actor, preset_id: str | None, *, name: str, positive_prompt: str,
                      negative_prompt: str = "", is_public: bool = False) -> StylePreset:
    fields: dict[str, Any] = {"name": text(name, "name", 300, required=True),
              "positive_prompt": text(positive_prompt, "positivePrompt", MAX_PROMPT),
              "negative_prompt": text(negative_prompt, "negativePrompt", MAX_PROMPT),
              "is_public": is_public}
    if preset_id is None:
        row = await StylePreset.create(owner_id=actor.user_id, **fields)
        await audit.record(actor, "style_preset_created", "style_preset", str(row.id))
        return row
    row = await editable(actor, StylePreset, preset_id, "style preset")
    row.update_from_dict(fields)
    await row.save()
    return row


async def delete_preset(actor: Actor, preset_id: str) -> bool:
    row = await deletable(actor, StylePreset, preset_id, "style preset")
    await row.delete()
    await audit.record(actor, "style_preset_deleted", "style_preset", str(preset_id),
                       {"name": row.name})
    return True
