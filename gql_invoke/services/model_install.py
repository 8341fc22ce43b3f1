"""Installing a model: check the source really works, then register it.

The admin gets BAD_USER_INPUT naming the field and the reason when a source
cannot be used, and nothing is registered. Progress goes to admins on the bus
topic "model_install". The blocking checks at the bottom run in worker threads.
"""

from __future__ import annotations

import gc
import logging
import re
import shutil
from pathlib import Path

import anyio

from gql_invoke import events, runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.db.models import ModelRecord
from gql_invoke.domain import ModelBase, ModelType
from gql_invoke.errors import Conflict, DomainError, Invalid
from gql_invoke.generation import extra_models, offload
from gql_invoke.services import audit, field_rules, live, models
from gql_invoke.services.scope import require_admin

log = logging.getLogger("gql_invoke.models")

INSTALL_TOPIC = events.MODEL_INSTALL

# "org/name" as the Hugging Face hub spells repo ids.
_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
# A diffusers repo often also holds fp16 copies, .bin duplicates and full
# single-file checkpoints of the same weights: fetch just one diffusers set.
_HUB_ALLOW = ["model_index.json", "*/*.json", "*/*.txt", "*/*.model", "*/*.safetensors"]
_HUB_IGNORE = ["*.fp16.*", "*non_ema*", "*.ckpt", "*.bin", "*.onnx*", "*.msgpack"]
# Seconds to wait for the hub to answer at all; a closed or black-holed network
# must fail the install quickly, not hang the mutation.
HUB_PROBE_TIMEOUT_S = 15.0


async def install_model(
    actor: Actor,
    source: str,
    name: str | None = None,
    type: str = ModelType.MAIN,
    base: str | None = None,
    description: str | None = None,
) -> ModelRecord:
    """Admins only (Forbidden otherwise); Invalid for an unusable source, type, base, name
    or description, Conflict when the source is installed already or no key is free.

    Check the model really works, then register it; nothing is registered on failure.

    ``source``: an absolute path (diffusers folder, .safetensors/.ckpt file) or a
    hub id "org/name" (downloaded under <root>/models/hub when the network allows).
    LoRA files (.safetensors) and VAEs (a folder or a .safetensors file) are checked to be
    readable and what they say, their base read from tensor shapes and configs.
    """
    require_admin(actor, "only admins can install models")
    source = (source or "").strip()
    if not source:
        raise Invalid("source is required", field="source")
    if type not in tuple(ModelType):
        raise Invalid(f"type must be one of {', '.join(ModelType)}", field="type")
    if base is not None and base not in tuple(ModelBase):
        raise Invalid(f"base must be one of {', '.join(ModelBase)}", field="base")
    name = field_rules.name(name) if name is not None else None
    description = field_rules.description(description or "")

    _progress(source, "detecting", f"looking at {source}")
    try:
        rec = await _install(source, name, type, base, description)
    except DomainError as exc:
        _progress(source, "failed", exc.message)
        raise
    except Exception:
        _progress(source, "failed", "internal error (see the server log)")
        raise
    _progress(source, "registered", f"installed as {rec.key}")
    await audit.record(
        actor,
        "model.install",
        "model",
        rec.key,
        {"source": source, "type": rec.type, "base": rec.base},
    )
    log.info("model %s installed from %s (%s, %s)", rec.key, source, rec.base, rec.format)
    return rec


async def _install(
    source: str, name: str | None, type: str, base: str | None, description: str
) -> ModelRecord:
    settings = runtime.current().settings
    path = await anyio.to_thread.run_sync(local_source, source)
    downloaded: Path | None = None
    if await ModelRecord.filter(source=source).exists() or (
        path is not None and await ModelRecord.filter(path=str(path)).exists()
    ):
        raise Conflict(f"source: {source} is already installed", field="source")
    if path is None:
        _progress(source, "downloading", f"downloading {source} from the Hugging Face hub")
        try:
            with anyio.fail_after(HUB_PROBE_TIMEOUT_S + 5):
                # Abandoned, not awaited, if the network never answers.
                await anyio.to_thread.run_sync(hub_probe, source, abandon_on_cancel=True)
        except TimeoutError:
            raise Invalid(
                f"source: could not download {source}: the hub did not answer", field="source"
            ) from None
        dest = settings.models_dir / "hub" / source.replace("/", "--")
        path = downloaded = await anyio.to_thread.run_sync(hub_download, source, dest)
    try:
        if type == ModelType.MAIN:
            fmt, base = await offload.run(detect_main, path, base)
            _progress(source, "loading", f"loading the {base} {fmt} model to check it works")
            async with _load_limiter():
                await offload.run(check_loads, path, fmt)
        else:
            await anyio.to_thread.run_sync(check_weights, path)
            # The base from the tensor shapes / VAE config (generation/extra_models.py).
            fmt, base = await offload.run(extra_models.inspect, path, type, base)
        return await models.create_record(
            name=name or _name_from(source, path),
            type=type,
            base=base,
            description=description,
            source=source,
            path=str(path),
            format=fmt,
            defaults={},
        )
    except BaseException:
        if downloaded is not None:
            shutil.rmtree(downloaded, ignore_errors=True)
        raise


def _name_from(source: str, path: Path) -> str:
    if not Path(source).is_absolute():
        return source.rsplit("/", 1)[-1]
    return path.stem if path.is_file() else path.name


def _load_limiter() -> anyio.CapacityLimiter:
    # One validation load at a time: each can take as much RAM as the model.
    extras = runtime.current().extras
    if "model_load_limiter" not in extras:
        extras["model_load_limiter"] = anyio.CapacityLimiter(1)
    limiter: anyio.CapacityLimiter = extras["model_load_limiter"]
    return limiter


def _progress(source: str, stage: str, message: str) -> None:
    runtime.current().bus.publish(
        INSTALL_TOPIC, events.ModelInstallProgress(source=source, stage=stage, message=message)
    )


FOLLOW_ADMIN_ONLY = "only admins can follow model installs"


def follow_install_progress(actor: Actor, token: str | None) -> live.Stream:
    """Admins only: Forbidden at once for others, and before any event once no longer an
    admin; the stream raises Unauthenticated once signed out.

    Install progress names paths on the server: the stream re-checks the admin right before
    every event, so an admin who is demoted, deactivated or logged out mid-install receives
    nothing more."""
    return live.Stream(actor, token, [INSTALL_TOPIC], admin=FOLLOW_ADMIN_ONLY)


# --- blocking checks (worker threads) -------------------------------------------


def looks_like_hub_id(source: str) -> bool:
    """Internal: local_source; raises nothing.

    Whether ``source`` reads as a hub id ("org/name", no "..")."""
    return bool(_HUB_ID.match(source)) and ".." not in source


def local_source(source: str) -> Path | None:
    """Internal: install_model (a worker thread); Invalid for a missing path, or a source
    that is neither a path nor a hub id.

    The absolute path ``source`` names, or None when it should be read as a hub id."""
    path = Path(source).expanduser()
    if path.is_absolute():
        if not path.exists():
            raise Invalid(f"source: no such file or folder: {source}", field="source")
        return path.resolve()
    if path.exists() or not looks_like_hub_id(source):
        raise Invalid(
            "source must be an absolute path to a diffusers folder or a .safetensors/.ckpt "
            f"file, or a hub id like org/name; got {source!r}",
            field="source",
        )
    return None


def hub_probe(repo_id: str) -> None:
    """Internal: install_model (a worker thread); Invalid when the hub cannot be reached or
    has no such repo.

    Fails fast, within HUB_PROBE_TIMEOUT_S."""
    # Here, not at the top: huggingface_hub (with its HTTP client) adds a tenth of a
    # second to every server start, and only an install from the hub needs it.
    from huggingface_hub import HfApi

    try:
        HfApi().model_info(repo_id, timeout=HUB_PROBE_TIMEOUT_S)
    except Exception as exc:  # network, auth, 404: all mean "cannot install it from there"
        raise Invalid(
            f"source: could not download {repo_id}: {_first_line(exc)}", field="source"
        ) from exc


def hub_download(repo_id: str, dest: Path) -> Path:
    """Internal: install_model (a worker thread); Invalid when the download fails.

    Download one diffusers copy of ``repo_id`` into ``dest``; removed again on failure."""
    from huggingface_hub import snapshot_download  # see hub_probe

    existed = dest.exists()
    try:
        snapshot_download(
            repo_id,
            local_dir=dest,
            allow_patterns=_HUB_ALLOW,
            ignore_patterns=_HUB_IGNORE,
            etag_timeout=HUB_PROBE_TIMEOUT_S,
        )
    except Exception as exc:
        if not existed:
            shutil.rmtree(dest, ignore_errors=True)
        raise Invalid(
            f"source: could not download {repo_id}: {_first_line(exc)}", field="source"
        ) from exc
    return dest


def detect_main(path: Path, base: str | None) -> tuple[str, str]:
    """Internal: install_model (a worker thread); Invalid when the files are no model or the
    base given differs.

    (format, base) of a main model; an explicit base must match what the files say."""
    # Here, not at the top: generation.pipelines imports torch and diffusers (seconds).
    from gql_invoke.generation.pipelines import ModelLoadError, detect_model

    try:
        detected = detect_model(path)
    except ModelLoadError as exc:
        raise Invalid(f"source: {exc}", field="source") from exc
    if base is not None and base != detected.base:
        raise Invalid(f"base: {base} was given but the model is {detected.base}", field="base")
    return detected.format, detected.base


def check_loads(path: Path, fmt: str) -> None:
    """Internal: install_model (a worker thread); Invalid when the pipeline does not load.

    Load the pipeline once on the CPU (float32) and drop it: proof that it works."""
    # Here, not at the top: torch and diffusers cost seconds at server start-up.
    import torch

    from gql_invoke.generation.pipelines import ModelLoadError, load_pipeline

    try:
        pipe = load_pipeline(path, fmt, torch.device("cpu"), torch.float32)
    except ModelLoadError as exc:
        hint = ""
        if fmt == "checkpoint":
            hint = (
                " (single-file checkpoints need the reference Stable Diffusion configs "
                "from the Hugging Face hub, which could not be reached; install a "
                "diffusers folder instead)"
            )
        raise Invalid(f"source: {_first_line(exc)}{hint}", field="source") from exc
    del pipe
    gc.collect()


def check_weights(path: Path) -> str:
    """Internal: install_model for VAE/LoRA (a worker thread); Invalid unless readable
    safetensors.

    VAE/LoRA: no pipeline to load, so check the safetensors headers read. Returns the format."""
    if path.is_dir():
        files = sorted(path.glob("*.safetensors")) + sorted(path.glob("*/*.safetensors"))
        fmt = "diffusers"
    elif path.suffix.lower() == ".safetensors":
        files, fmt = [path], "checkpoint"
    else:
        raise Invalid(
            f"source: {path.name!r} is not a .safetensors file or a folder", field="source"
        )
    if not files:
        raise Invalid(f"source: {path} holds no .safetensors file", field="source")
    from safetensors import safe_open  # as huggingface_hub (hub_probe): only to install

    for file in files:
        try:
            with safe_open(str(file), framework="pt", device="cpu") as f:
                if not list(f.keys()):
                    raise ValueError("it holds no tensors")
        except Exception as exc:  # safetensors raises several unrelated types
            raise Invalid(
                f"source: cannot read {file.name!r}: {_first_line(exc)}", field="source"
            ) from exc
    return fmt


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]
