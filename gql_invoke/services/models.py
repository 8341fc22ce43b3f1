"""The model registry: update, delete, the default model, the demo model.

Installing (checking a source, then registering it) is in model_install.py.

Installed models stay where the admin put them (the path is registered in
place, never copied) and their files are never deleted by us; only what the
server itself wrote under <root>/models (the demo model, hub downloads) is
removed with its record. Exactly one MAIN model is the default at a time.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import ModelRecord, QueueItem
from gql_invoke.domain import ACTIVE_STATUSES, ModelBase, ModelType
from gql_invoke.errors import Conflict, Invalid, NotFound
from gql_invoke.generation import demo, offload, settings_check
from gql_invoke.services import audit, field_rules
from gql_invoke.services.scope import require_admin

log = logging.getLogger("gql_invoke.models")

FALLBACK_DEFAULTS: dict[str, Any] = {
    "width": 512,
    "height": 512,
    "steps": 30,
    "cfgScale": 7.5,
    "scheduler": "EULER",
}
# The resolution each family was trained at: other sizes give poor pictures.
BASE_SIZES: dict[str, int] = {ModelBase.SD1: 512, ModelBase.SD2: 768, ModelBase.SDXL: 1024}

NO_MODEL = (
    "no model is installed, so nothing can be generated: an admin must install one "
    "(installModel, or Admin > Models in the web UI), or enable build_demo_model"
)
DEMO_KEY = demo.DEMO_MODEL_KEY
DEMO_NAME = "Demo (tiny, random weights: makes noise)"
DEMO_DESCRIPTION = (
    "A tiny Stable Diffusion model with random weights, built locally so the server works "
    "out of the box. It produces noise, not pictures. Install a real model (an admin runs "
    "the installModel mutation with the absolute path of a diffusers folder or a "
    ".safetensors checkpoint, or a hub id such as org/name when online), then make it "
    "the default and delete this one."
)
DEMO_DEFAULTS: dict[str, Any] = {
    "width": 64,
    "height": 64,
    "steps": 4,
    "cfgScale": 7.5,
    "scheduler": "EULER",
}
_DEMO_SOURCE = "builtin:demo"


# --- reading ----------------------------------------------------------------------


async def list_models(actor: Actor) -> list[ModelRecord]:  # noqa: ARG001 - every service takes the Actor first; any actor may call it
    """Any signed-in actor (they pick a model to generate with); raises nothing.

    Every registered model, the default first."""
    return await ModelRecord.all().order_by("-is_default", "type", "name", "key")


async def resolve_model(key: str | None) -> ModelRecord:
    """Internal: queue.enqueue and the worker; Invalid when ``key`` names no MAIN model or
    no default is installed.

    The MAIN model ``key`` names, or the default one when ``key`` is None."""
    if key is None:
        rec = await ModelRecord.get_or_none(is_default=True, type=ModelType.MAIN)
        if rec is None:
            raise Invalid(NO_MODEL, field="model")
        return rec
    rec = await ModelRecord.get_or_none(key=key)
    if rec is None or rec.type != ModelType.MAIN:
        raise Invalid(f"model {key!r} not found", field="model")
    return rec


def model_defaults(rec: ModelRecord) -> dict[str, Any]:
    """Internal: the queue and the Model type (schema/models); raises nothing.

    The generation settings to use where a request leaves them out."""
    size = BASE_SIZES.get(rec.base, FALLBACK_DEFAULTS["width"])
    return {**FALLBACK_DEFAULTS, "width": size, "height": size, **(rec.defaults or {})}


def pipeline_loader(rec: ModelRecord, device: Any, dtype: Any) -> Callable[[], Any]:
    """Internal: the worker's pipeline cache; raises nothing itself (the load may fail).

    A zero-argument loader for PipelineCache.get(rec.key, loader)."""
    path, fmt = Path(rec.path), rec.format  # copied: the row may change before the load

    def load() -> Any:
        # Here, not at the top: generation.pipelines imports torch and diffusers (seconds).
        from gql_invoke.generation.pipelines import load_pipeline

        return load_pipeline(path, fmt, device, dtype)

    return load


# --- registering -----------------------------------------------------------------


def slugify(name: str) -> str:
    """Internal: create_record; raises nothing.

    A key from a model name: lower-case letters and digits joined by dashes ("model" when
    none are left)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:100].strip("-")
    return slug or "model"


async def create_record(**fields: Any) -> ModelRecord:
    """Internal: model_install, after its admin check; Conflict when no free key is found.

    Insert with a free key (the name's slug, then -2, -3...); the first MAIN is the default."""
    wanted = slugify(fields["name"])
    for _ in range(20):  # another install may take the same key between read and insert
        taken = set(await ModelRecord.filter(key__startswith=wanted).values_list("key", flat=True))
        candidate = wanted
        n = 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        try:
            async with in_transaction():
                is_default = (
                    fields["type"] == ModelType.MAIN
                    and not await ModelRecord.filter(is_default=True).exists()
                )
                return await ModelRecord.create(key=candidate, is_default=is_default, **fields)
        except IntegrityError:
            continue
    raise Conflict(f"could not find a free key for {wanted!r}", field="name")


# --- update and delete -------------------------------------------------------------


async def get_model(actor: Actor, key: str) -> ModelRecord:  # noqa: ARG001 - every service takes the Actor first; any actor may call it
    """Internal: update_model and delete_model, after their admin check; NotFound for an
    unknown key.

    The model registered under ``key``."""
    rec = await ModelRecord.get_or_none(key=key)
    if rec is None:
        raise NotFound(f"model {key!r} not found", field="key")
    return rec


async def update_model(
    actor: Actor,
    key: str,
    *,
    name: str | None = None,
    description: str | None = None,
    defaults: Any = None,
    is_default: bool | None = None,
) -> ModelRecord:
    """Admins only (Forbidden otherwise); NotFound for an unknown key, Invalid for the name,
    description, defaults or isDefault.

    Rename, describe, set default settings (replacing the old ones) or make it the default.

    The key never changes with the name: queue items and clients refer to it.
    """
    require_admin(actor, "only admins can change models")
    rec = await get_model(actor, key)
    changes: dict[str, Any] = {}
    if name is not None:
        rec.name = changes["name"] = field_rules.name(name)
    if description is not None:
        rec.description = changes["description"] = field_rules.description(description)
    if defaults is not None:
        rec.defaults = changes["defaults"] = validate_defaults(defaults)
    if is_default is False and rec.is_default:
        raise Invalid(
            "isDefault: a default model is required; set isDefault on another model instead",
            field="isDefault",
        )
    if is_default and rec.type != ModelType.MAIN:
        raise Invalid(
            f"isDefault: only a MAIN model can be the default, {key} is a {rec.type}",
            field="isDefault",
        )
    async with in_transaction():
        if is_default and not rec.is_default:
            await ModelRecord.filter(is_default=True).update(is_default=False)
            rec.is_default = changes["isDefault"] = True
        await rec.save()
    if changes:
        await audit.record(actor, "model.update", "model", key, {"changed": sorted(changes)})
    return rec


def validate_defaults(value: Any) -> dict[str, Any]:
    """Internal: update_model, after its admin check; Invalid for an unknown setting or a
    value out of range.

    Only known generation settings, each within the range generation accepts."""
    if not isinstance(value, dict):
        raise Invalid("defaults must be a JSON object", field="defaults")
    for k, v in value.items():
        rule = settings_check.DEFAULTABLE.get(k)
        if rule is None:
            raise Invalid(
                f"defaults.{k} is not a known setting (allowed: "
                f"{', '.join(settings_check.DEFAULTABLE)})",
                field=f"defaults.{k}",
            )
        with field_rules.settings_errors():
            settings_check.check(f"defaults.{k}", v, rule)
    return dict(value)


async def delete_model(actor: Actor, key: str, force: bool = False) -> bool:
    """Admins only (Forbidden otherwise); NotFound for an unknown key, Conflict while
    pending or running jobs use it, or (without ``force``) for the default or only MAIN
    model.

    Unregister a model no pending or running job uses; the next MAIN model becomes default."""
    require_admin(actor, "only admins can delete models")
    rec = await get_model(actor, key)
    async with in_transaction():
        if await QueueItem.filter(model_key=key, status__in=list(ACTIVE_STATUSES)).exists():
            raise Conflict(
                f"model {key} is used by pending or running queue items; cancel "
                "them or wait for them to finish",
                field="key",
            )
        if not force:
            await _refuse_losing_the_default(rec)
        await rec.delete()
        if rec.is_default:
            await _promote_default()
    worker = runtime.current().worker
    if worker is not None and hasattr(worker, "evict_model"):
        worker.evict_model(key)
    if _server_owned(rec):
        await anyio.to_thread.run_sync(shutil.rmtree, rec.path, True)
    await audit.record(actor, "model.delete", "model", key, {"source": rec.source})
    return True


async def _refuse_losing_the_default(rec: ModelRecord) -> None:
    """The default (or only) MAIN model is what every job without a model runs on:
    deleting it by accident stops everyone's generations, so it takes a deliberate step."""
    if rec.type != ModelType.MAIN:
        return
    others = await ModelRecord.filter(type=ModelType.MAIN).exclude(key=rec.key).count()
    if others == 0:
        raise Conflict(
            f"model {rec.key} is the only model: without it nothing can be generated. "
            "Install another model first, or delete it anyway with force: true",
            field="key",
        )
    if rec.is_default:
        raise Conflict(
            f"model {rec.key} is the default model: make another model the default first "
            "(updateModel(key: ..., isDefault: true)), or delete it anyway with force: true "
            "(the oldest remaining model becomes the default)",
            field="key",
        )


async def _promote_default() -> ModelRecord | None:
    successor = await ModelRecord.filter(type=ModelType.MAIN).order_by("created_at", "key").first()
    if successor is not None:
        successor.is_default = True
        await successor.save(update_fields=["is_default"])
    return successor


def _server_owned(rec: ModelRecord) -> bool:
    # Admins' own files have absolute sources; ours (demo, hub downloads) do not,
    # and must also lie under <root>/models before we remove anything.
    models_dir = runtime.current().settings.models_dir.resolve()
    path = Path(rec.path).resolve()
    return (
        not Path(rec.source).is_absolute()
        and path.is_relative_to(models_dir)
        and path != models_dir
    )


# --- start-up ----------------------------------------------------------------------


DEMO_BUILDER = "gql_invoke.generation.demo:build_demo_model"


async def ensure_demo_model(settings: Settings) -> ModelRecord | None:
    """Internal: start-up (lifecycle), no actor; raises nothing (a taken key is logged).

    With no MAIN model registered, build and register the demo model as the default."""
    if await ModelRecord.filter(type=ModelType.MAIN).exists():
        if not await ModelRecord.filter(type=ModelType.MAIN, is_default=True).exists():
            await _promote_default()  # e.g. rows edited by hand: keep one default
        return None
    if not settings.build_demo_model:
        return None
    started = time.monotonic()
    dest = settings.models_dir / DEMO_KEY
    if demo.is_built(dest):
        # Built before (a new database beside the old files): no child process, which
        # would import torch (seconds) only to find it there.
        path = dest
    else:
        # Building imports torch: under `serve` it runs in a child process (offload.py),
        # so that the API process never imports it.
        path = await offload.run(offload.call, DEMO_BUILDER, dest)
    try:
        rec = await ModelRecord.create(
            key=DEMO_KEY,
            name=DEMO_NAME,
            type=ModelType.MAIN,
            base=ModelBase.SD1,
            description=DEMO_DESCRIPTION,
            source=_DEMO_SOURCE,
            path=str(path),
            format="diffusers",
            defaults=dict(DEMO_DEFAULTS),
            is_default=True,
        )
    except IntegrityError:
        # Another server process registered it first (or a VAE/LoRA holds the key).
        log.warning("demo model not registered: the key %s is taken", DEMO_KEY)
        return None
    log.info(
        "no model installed: built the demo model (tiny, random weights: it makes "
        "noise) at %s in %.1f s; admins can install a real one with installModel",
        path,
        time.monotonic() - started,
    )
    return rec
