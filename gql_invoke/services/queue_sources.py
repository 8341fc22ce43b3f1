"""What a generation reads besides its model: init and mask images, LoRAs, a VAE.

Checked twice: at enqueue, for the caller (``check_sources``), and again when the
job runs, for the item's owner (``job_sources``), since the owner may have lost
access to a board (or a model was deleted) while the item waited. An image the
owner cannot read answers NOT_FOUND in both places, whether it is missing or
private, so an id never tells its existence. LoRAs and VAEs are site-wide models
(admins install them): an unknown key is NOT_FOUND, a model of another type or
base BAD_USER_INPUT naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor, system_actor
from gql_invoke.db.models import Image, ModelRecord, QueueItem, User
from gql_invoke.domain import ModelBase, ModelType
from gql_invoke.errors import Invalid, NotFound
from gql_invoke.generation import image_files, settings_check
from gql_invoke.services import images

# Image sizes are multiples of 8 (the latents are 1/8 of the pixels).
_MULTIPLE = settings_check.SIZE_MULTIPLE


@dataclass(frozen=True)
class JobSources:
    """The files one job reads, resolved for its owner just before it runs."""

    init_image: Path | None
    mask_image: Path | None
    loras: tuple[tuple[str, Path, float], ...]  # (model key, file, weight)
    vae: Path | None


async def readable_image(actor: Actor, image_id: str, field: str) -> Image:
    """Internal: queue.enqueue and check_sources; NotFound (Invalid for a malformed id)
    naming ``field`` when ``actor`` cannot read the image, as when it does not exist.

    The image row."""
    try:
        return await images.get_image(actor, image_id)
    except (NotFound, Invalid) as exc:
        # Named by the field the client used; the same words whether it is missing
        # or private.
        raise type(exc)(f"{field}: image {image_id} not found", field=field) from None


def _fits(rec: ModelRecord, base: str) -> bool:
    if ModelBase.ANY in (rec.base, base) or rec.base == base:
        return True
    # SD2 kept SD1's VAE (same latents); only SDXL changed it.
    return rec.type == ModelType.VAE and {rec.base, base} == {ModelBase.SD1, ModelBase.SD2}


async def _extra_model(key: str, wanted: str, base: str, field: str) -> ModelRecord:
    rec = await ModelRecord.get_or_none(key=key)
    if rec is None:
        raise NotFound(f"{field}: model {key!r} not found", field=field)
    if rec.type != wanted:
        raise Invalid(f"{field}: model {key!r} is a {rec.type} model, not a {wanted}", field=field)
    if not _fits(rec, base):
        raise Invalid(
            f"{field}: {wanted} {key!r} is for {rec.base} models, and the model is {base}",
            field=field,
        )
    return rec


def size_from(row: Image) -> tuple[int, int]:
    """Internal: queue.enqueue, once the image is known readable; raises nothing.

    The image's size as a generation size: down to a multiple of 8, within 64..2048."""

    def fit(n: int) -> int:
        n -= n % _MULTIPLE
        return max(settings_check.SIZE_MIN, min(settings_check.SIZE_MAX, n))

    return fit(row.width), fit(row.height)


async def check_sources(
    actor: Actor, params: dict[str, Any], base: str
) -> tuple[Image | None, Image | None]:
    """Internal: queue.enqueue, for the caller; NotFound for an image the caller cannot read
    or an unknown LoRA/VAE key, Invalid for a model of another type or base.

    Returns the init and mask image rows (None where not asked)."""
    init = mask = None
    if params.get("initImageId"):
        init = await readable_image(actor, params["initImageId"], "initImageId")
    if params.get("maskImageId"):
        mask = await readable_image(actor, params["maskImageId"], "maskImageId")
    for lora in params.get("loras") or []:
        await _extra_model(lora["model"], ModelType.LORA, base, "loras")
    if params.get("vae"):
        await _extra_model(params["vae"], ModelType.VAE, base, "vae")
    return init, mask


async def _owner_actor(owner_id: Any) -> Actor:
    multiuser = runtime.current().settings.multiuser
    user = await User.get_or_none(id=owner_id)
    if user is None:
        raise NotFound("the owner of this queue item is gone", field="owner")
    if user.is_system:
        return system_actor(multiuser=multiuser)
    return Actor(
        user_id=str(user.id),
        display_name=user.display_name,
        is_admin=user.is_admin,
        multiuser=multiuser,
    )


async def job_sources(item: QueueItem, base: str) -> JobSources:
    """Internal: the worker, before it runs ``item``; NotFound when the owner can no longer
    read an image or a LoRA/VAE was deleted, Invalid when one no longer fits the model.

    The files of the item's init/mask images, LoRAs and VAE, checked for its owner now."""
    p = item.params
    if not (p.get("initImageId") or p.get("loras") or p.get("vae")):
        return JobSources(None, None, (), None)
    actor = await _owner_actor(item.owner_id)
    init, mask = await check_sources(actor, p, base)
    outputs = runtime.current().settings.outputs_dir

    def path_of(row: Image | None) -> Path | None:
        return image_files.resolve(outputs, row.filename) if row is not None else None

    loras = []
    for lora in p.get("loras") or []:
        rec = await _extra_model(lora["model"], ModelType.LORA, base, "loras")
        loras.append((rec.key, Path(rec.path), float(lora["weight"])))
    vae = None
    if p.get("vae"):
        vae = Path((await _extra_model(p["vae"], ModelType.VAE, base, "vae")).path)
    return JobSources(path_of(init), path_of(mask), tuple(loras), vae)
