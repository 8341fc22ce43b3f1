"""Saved workflows: private to their owner unless public, then read-only to others.

Bounded per user (see storage): at most MAX_WORKFLOWS workflows, graphs of at
most MAX_GRAPH_BYTES as compact JSON, and name + description + graph bytes
count toward maxStorageBytes. Style presets share the saving code here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import Workflow
from gql_invoke.errors import Forbidden, Invalid, NotFound
from gql_invoke.services import audit, field_rules, storage
from gql_invoke.services.scope import lock_owner, parse_uuid

MAX_GRAPH_BYTES = 2 * 1024 * 1024
MAX_WORKFLOWS = 500
GRAPH_LIMIT = "workflow graph bytes"


@dataclass(frozen=True)
class Limits:
    """What one kind of saved row may take per user: rows, and bytes toward the quota."""

    max_rows: int
    rows_field: str
    size_of: Callable[[dict[str, Any]], int]


def listable(actor: Actor, model: type[Any]) -> QuerySet[Any]:
    """Internal: page_listable, for any actor; raises nothing (a query).

    Own rows plus others' public ones; single-user mode sees every row.

    ``multiuser``, not ``Actor.sees_all``: site admins see others' private rows no more
    than anyone else does (they may delete them: ``deletable``)."""
    if not actor.multiuser:
        return model.all()
    return model.filter(Q(owner_id=actor.user_id) | Q(is_public=True))


async def editable(actor: Actor, model: type[Any], row_id: str, kind: str) -> Any:
    """Internal: save_owned; Invalid for a bad id, NotFound when missing, Forbidden unless
    the owner (single-user mode: anyone).

    A row the actor may overwrite: their own (single-user mode: any; admins, as in
    ``listable``, no one else's)."""
    row = await model.get_or_none(id=parse_uuid(row_id, "id"))
    if row is None:
        raise NotFound(f"{kind} {row_id} not found", field="id")
    if actor.multiuser and not actor.owns(row.owner_id):
        raise Forbidden(f"only the owner can change this {kind}")
    return row


async def deletable(actor: Actor, model: type[Any], row_id: str, kind: str) -> Any:
    """Internal: delete_owned; Invalid for a bad id, NotFound when missing, Forbidden unless
    the owner or an admin.

    A row the actor may delete: their own; admins any."""
    row = await model.get_or_none(id=parse_uuid(row_id, "id"))
    if row is None:
        raise NotFound(f"{kind} {row_id} not found", field="id")
    if not actor.owns_or_admin(row.owner_id):
        raise Forbidden(f"only the owner or an admin can delete this {kind}")
    return row


def _graph(graph: Any) -> dict[str, Any]:
    if not isinstance(graph, dict):
        raise Invalid("graph must be a JSON object", field="graph")
    storage.check_item_size(
        "graph (as compact JSON)", storage.json_bytes(graph), MAX_GRAPH_BYTES, GRAPH_LIMIT
    )
    return graph


async def save_owned(
    actor: Actor,
    model: type[Any],
    row_id: str | None,
    fields: dict[str, Any],
    kind: str,
    limits: Limits,
) -> Any:
    """Internal: save_workflow and save_preset, for the acting owner; raises what editable
    raises (Invalid, NotFound, Forbidden), Conflict past the row cap or storage quota.

    Create a row owned by the actor, or overwrite one they may edit (workflows, presets).

    A new row needs room under the per-user row cap; either way the bytes it adds
    (for an update: beyond what it replaces) must fit the owner's storage quota.
    """
    target = kind.replace(" ", "_")
    new_bytes = limits.size_of(fields)
    # One transaction: two concurrent saves cannot both slip under a limit.
    async with in_transaction():
        await lock_owner(actor.user_id)
        if row_id is None:
            await storage.check_count(model, actor.user_id, limits.max_rows, limits.rows_field)
            await storage.check_quota(actor.user_id, kind, new_bytes)
            row = await model.create(owner_id=actor.user_id, **fields)
        else:
            row = await editable(actor, model, row_id, kind)
            old_bytes = limits.size_of({name: getattr(row, name) for name in fields})
            await storage.check_quota(row.owner_id, kind, new_bytes, old_bytes)
            row.update_from_dict(fields)
            await row.save()
    if row_id is None:
        await audit.record(actor, f"{target}_created", target, str(row.id))
    return row


async def delete_owned(actor: Actor, model: type[Any], row_id: str, kind: str) -> bool:
    """Internal: delete_workflow and delete_preset; raises what deletable raises (Invalid,
    NotFound, Forbidden).

    Deletes the row and audits it."""
    row = await deletable(actor, model, row_id, kind)
    await row.delete()
    target = kind.replace(" ", "_")
    await audit.record(actor, f"{target}_deleted", target, str(row_id), {"name": row.name})
    return True


MAX_LIST_PAGE = 500


async def page_listable(actor: Actor, model: type[Any], first: int, after: str | None) -> list[Any]:
    """Internal: list_workflows and list_presets, for any actor; Invalid for ``first`` or
    ``after``.

    Own and public rows by name, ``first`` (1..500) at a time; ``after``: the last id
    of the previous page, which must be a row this viewer can list."""
    if not 1 <= first <= MAX_LIST_PAGE:
        raise Invalid(f"first must be between 1 and {MAX_LIST_PAGE}", field="first")
    query = listable(actor, model)
    if after is not None:
        last = (
            await listable(actor, model)
            .get_or_none(id=parse_uuid(after, "after"))
            .only("id", "name")
        )
        if last is None:  # missing and invisible look the same
            raise Invalid("after must be the id of a row from the previous page", field="after")
        query = query.filter(Q(name__gt=last.name) | Q(name=last.name, id__gt=last.id))
    return await query.order_by("name", "id").limit(first)


async def list_workflows(
    actor: Actor, first: int = 100, after: str | None = None
) -> list[Workflow]:
    """Any signed-in actor (own and public workflows); Invalid for ``first`` or ``after``.

    By name, ``first`` (1..500) at a time."""
    return await page_listable(actor, Workflow, first, after)


def _workflow_bytes(fields: dict[str, Any]) -> int:
    return storage.text_bytes(fields["name"], fields["description"]) + storage.json_bytes(
        fields["graph"]
    )


WORKFLOW_LIMITS = Limits(max_rows=MAX_WORKFLOWS, rows_field="workflows", size_of=_workflow_bytes)


async def save_workflow(
    actor: Actor,
    workflow_id: str | None,
    *,
    name: str,
    description: str = "",
    graph: Any,
    is_public: bool = False,
) -> Workflow:
    """Any signed-in actor; overwriting one: its owner only (single-user mode: anyone),
    Forbidden otherwise. Invalid for a field, the graph or a bad id, NotFound for a missing
    workflow, Conflict past the graph size, workflow cap or storage quota.

    ``workflow_id`` None creates a workflow owned by the caller."""
    fields: dict[str, Any] = {
        "name": field_rules.text(name, "name", field_rules.MAX_NAME, required=True),
        "description": field_rules.description(description),
        "graph": _graph(graph),
        "is_public": is_public,
    }
    return await save_owned(actor, Workflow, workflow_id, fields, "workflow", WORKFLOW_LIMITS)


async def delete_workflow(actor: Actor, workflow_id: str) -> bool:
    """The workflow's owner or an admin (Forbidden otherwise); Invalid for a bad id,
    NotFound when missing."""
    return await delete_owned(actor, Workflow, workflow_id, "workflow")
