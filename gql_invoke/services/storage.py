"""What a user keeps on the server, in bytes and rows, against their limits.

maxStorageBytes (users.max_storage_bytes; null: unlimited) covers everything a
user stores: image files (images.size_bytes, PNG + thumbnail) and the text they
save, counted as the UTF-8 bytes of the stored text:

- clientState: key + value;
- workflows: name + description + graph (compact JSON, as stored);
- style presets: name + positive prompt + negative prompt.

Besides the quota every user has fixed caps (constants in client_state,
workflows and presets): per item (a clientState value, a workflow graph) and
per user (clientState keys, workflows, presets). Every limit refuses with
CONFLICT, the message and extensions.field naming the limit. An update is
charged the difference from what it replaces, so shrinking or rewriting an item
is never refused.

Text sizes are measured by the database (no size column yet), so a quota check
reads that user's saved text; it only runs for users who have a quota.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from tortoise.expressions import RawSQL
from tortoise.functions import Sum
from tortoise.models import Model

from gql_invoke.db.models import ClientState, Image, StylePreset, User, Workflow
from gql_invoke.errors import Conflict

QUOTA_FIELD = "maxStorageBytes"

# The stored text of each kind: (owner column, text columns).
_TEXT_COLUMNS: dict[type[Model], tuple[str, tuple[str, ...]]] = {
    ClientState: ("user_id", ("key", "value")),
    Workflow: ("owner_id", ("name", "description", "graph")),
    StylePreset: ("owner_id", ("name", "positive_prompt", "negative_prompt")),
}


def text_bytes(*values: str) -> int:
    """Internal: client_state, workflows and presets' sizes; raises nothing.

    The UTF-8 bytes of the values together."""
    return sum(len(v.encode("utf-8")) for v in values)


def json_bytes(value: Any) -> int:
    """Internal: workflows' graph sizes; raises nothing.

    Compact JSON, the way Tortoise stores a JSONField."""
    return len(json.dumps(value, separators=(",", ":")).encode("utf-8"))


def _stored_bytes(model: type[Model]) -> RawSQL:
    columns = _TEXT_COLUMNS[model][1]
    if model._meta.db.capabilities.dialect == "sqlite":
        # length() of TEXT counts characters; of a BLOB, bytes.
        parts = [f'LENGTH(CAST("{c}" AS BLOB))' for c in columns]
    else:
        parts = [f'OCTET_LENGTH(CAST("{c}" AS TEXT))' for c in columns]
    return RawSQL(f"COALESCE(SUM({' + '.join(parts)}), 0)")


async def used_bytes(user_id: str | uuid.UUID) -> int:
    """Internal: check_quota and image_store (no actor); raises nothing.

    Everything the user stores: image files plus saved text."""
    rows = await Image.filter(owner_id=user_id).annotate(total=Sum("size_bytes")).values("total")
    used = int(rows[0]["total"] or 0) if rows else 0
    for model, (owner_column, _) in _TEXT_COLUMNS.items():
        found = (
            await model.filter(**{owner_column: user_id})
            .annotate(total=_stored_bytes(model))
            .values("total")
        )
        used += int(found[0]["total"] or 0) if found else 0
    return used


async def text_bytes_by_user(user_ids: list[str]) -> dict[str, int]:
    """Internal: user_stats.stats_for (DataLoader); raises nothing.

    Saved-text bytes of many users in three statements (user stats)."""
    out = dict.fromkeys(user_ids, 0)
    for model, (owner_column, _) in _TEXT_COLUMNS.items():
        rows = (
            await model.filter(**{f"{owner_column}__in": user_ids})
            .annotate(total=_stored_bytes(model))
            .group_by(owner_column)
            .values_list(owner_column, "total")
        )
        for owner, total in rows:
            out[str(owner)] = out.get(str(owner), 0) + int(total or 0)
    return out


async def check_quota(
    user_id: str | uuid.UUID, what: str, new_bytes: int, old_bytes: int = 0
) -> None:
    """Internal: client_state and workflows (presets too), inside their transaction;
    Conflict past maxStorageBytes.

    CONFLICT when storing ``new_bytes`` in place of ``old_bytes`` would exceed the quota."""
    growth = new_bytes - old_bytes
    if growth <= 0:
        return
    user = await User.filter(id=user_id).only("id", "max_storage_bytes").first()
    quota = user.max_storage_bytes if user is not None else None
    if quota is None:
        return
    used = await used_bytes(user_id)
    if used + growth > quota:
        raise Conflict(
            f"storage quota exceeded ({QUOTA_FIELD}): {used} of {quota} bytes used, "
            f"this {what} needs {growth} more",
            field=QUOTA_FIELD,
        )


def readable_size(n: int) -> str:
    """Internal: check_item_size's message; raises nothing.

    ``n`` bytes as MiB or KiB when exact, else as bytes."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def check_item_size(what: str, size: int, limit: int, field: str) -> None:
    """Internal: client_state and workflows; Conflict naming ``field`` when ``size`` is over
    ``limit``."""
    if size > limit:
        raise Conflict(
            f"{what} is {size} bytes; the limit ({field}) is {readable_size(limit)}", field=field
        )


async def check_count(model: type[Model], user_id: str | uuid.UUID, limit: int, field: str) -> None:
    """Internal: client_state and workflows (presets too), inside their transaction;
    Conflict at ``limit`` rows.

    CONFLICT when the user already has ``limit`` rows (checked before adding one)."""
    owner_column = _TEXT_COLUMNS[model][0]
    count = await model.filter(**{owner_column: user_id}).count()
    if count >= limit:
        raise Conflict(
            f"limit reached ({field}): {count} of {limit} allowed per user; delete some first",
            field=field,
        )
