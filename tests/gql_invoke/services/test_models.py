from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import torch
from safetensors.torch import save_file

from gql_invoke import runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import ModelRecord, QueueItem
from gql_invoke.errors import Conflict, Forbidden, Invalid, NotFound
from gql_invoke.generation.demo import DEMO_MODEL_KEY, build_demo_model
from gql_invoke.services import model_install, models
from tests.helpers import new_user


@pytest.fixture(scope="module")
def demo_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module; tests install it in place (nothing writes to it)."""
    return build_demo_model(tmp_path_factory.mktemp("src") / "tiny-sd")


async def _record(
    key: str,
    type: str = "MAIN",
    is_default: bool = False,
    path: str = "/nonexistent/model",
    source: str | None = None,
    base: str = "SD1",
    defaults: dict[str, Any] | None = None,
) -> ModelRecord:
    return await ModelRecord.create(
        key=key,
        name=key.title(),
        type=type,
        base=base,
        source=source or path,
        path=path,
        format="diffusers",
        defaults=defaults or {},
        is_default=is_default,
    )


async def _queue_item(model_key: str, status: str) -> QueueItem:
    owner = await new_user(f"owner-{uuid.uuid4().hex[:6]}@example.local")
    return await QueueItem.create(
        batch_id=uuid.uuid4(),
        owner_id=owner.user_id,
        status=status,
        params={},
        model_key=model_key,
        cost=1.0,
    )


def _collect_progress() -> Any:
    return runtime.current().bus.subscribe([model_install.INSTALL_TOPIC])


def _resolved(path: Path) -> str:
    return str(path.resolve())


def _exists(path: str) -> bool:
    return Path(path).exists()


def _stages(sub: Any) -> list[str]:
    stages = []
    while sub._items:  # drained synchronously: everything was published already
        stages.append(sub._items.popleft().payload.stage)
    return stages


# --- install ----------------------------------------------------------------------


@pytest.mark.usefixtures("db")
async def test_install_demo_folder_registers_sd1_default_in_place(
    system: Actor, demo_src: Path
) -> None:
    sub = _collect_progress()
    rec = await model_install.install_model(system, str(demo_src), name="Tiny SD")
    assert (rec.key, rec.type, rec.base, rec.format) == ("tiny-sd", "MAIN", "SD1", "diffusers")
    assert rec.is_default and rec.path == _resolved(demo_src)
    assert _stages(sub) == ["detecting", "loading", "registered"]
    assert [r.key for r in await models.list_models(system)] == ["tiny-sd"]


@pytest.mark.usefixtures("db")
async def test_cannot_install_model_if_not_admin(demo_src: Path) -> None:
    user = await new_user("u@example.local")
    with pytest.raises(Forbidden):
        await model_install.install_model(user, str(demo_src))
    assert await ModelRecord.all().count() == 0


@pytest.mark.usefixtures("db")
async def test_install_missing_path_is_bad_input(system: Actor, tmp_path: Path) -> None:
    sub = _collect_progress()
    with pytest.raises(Invalid, match="no such file") as err:
        await model_install.install_model(system, str(tmp_path / "missing"))
    assert err.value.extensions["field"] == "source"
    assert _stages(sub) == ["detecting", "failed"]
    assert await ModelRecord.all().count() == 0


@pytest.mark.usefixtures("db")
async def test_install_garbage_safetensors_is_bad_input_and_registers_nothing(
    system: Actor, tmp_path: Path
) -> None:
    garbage = tmp_path / "model.safetensors"
    garbage.write_bytes(b"not a model" * 50)
    with pytest.raises(Invalid, match="cannot read checkpoint"):
        await model_install.install_model(system, str(garbage))
    assert await ModelRecord.all().count() == 0


@pytest.mark.usefixtures("db")
async def test_install_unloadable_folder_is_bad_input_and_registers_nothing(
    system: Actor, demo_src: Path, tmp_path: Path
) -> None:
    broken = Path(shutil.copytree(demo_src, tmp_path / "broken"))
    (broken / "unet" / "diffusion_pytorch_model.safetensors").write_bytes(b"truncated")
    sub = _collect_progress()
    with pytest.raises(Invalid, match="cannot load model"):
        await model_install.install_model(system, str(broken))
    assert _stages(sub) == ["detecting", "loading", "failed"]
    assert await ModelRecord.all().count() == 0


@pytest.mark.usefixtures("db")
async def test_install_single_file_checkpoint_offline_is_clean_bad_input(
    system: Actor, tmp_path: Path
) -> None:
    ckpt = tmp_path / "sd1.safetensors"
    save_file({"model.diffusion_model.input_blocks.0.0.weight": torch.zeros(2)}, str(ckpt))
    with pytest.raises(Invalid, match="single-file checkpoints need"):
        await model_install.install_model(system, str(ckpt))
    assert await ModelRecord.all().count() == 0


@pytest.mark.usefixtures("db")
async def test_install_relative_path_is_bad_input(system: Actor) -> None:
    with pytest.raises(Invalid, match="absolute path"):
        await model_install.install_model(system, "models/../x")


async def test_install_hub_id_offline_fails_fast(db: Settings, system: Actor) -> None:
    started = time.monotonic()
    with pytest.raises(Invalid, match="could not download gql-invoke-test/no-such-model"):
        await model_install.install_model(system, "gql-invoke-test/no-such-model")
    assert time.monotonic() - started < 20
    assert await ModelRecord.all().count() == 0
    assert not (db.models_dir / "hub" / "gql-invoke-test--no-such-model").exists()


@pytest.mark.usefixtures("db")
async def test_install_with_wrong_base_is_bad_input_naming_base(
    system: Actor, demo_src: Path
) -> None:
    with pytest.raises(Invalid, match="base: SDXL was given but the model is SD1") as err:
        await model_install.install_model(system, str(demo_src), base="SDXL")
    assert err.value.extensions["field"] == "base"


@pytest.mark.usefixtures("db")
async def test_install_with_matching_base_is_accepted(system: Actor, demo_src: Path) -> None:
    rec = await model_install.install_model(system, str(demo_src), base="SD1", description="tiny")
    assert (rec.base, rec.description) == ("SD1", "tiny")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"source": "  "}, "source"),
        ({"type": "UNET"}, "type"),
        ({"base": "SD3"}, "base"),
        ({"name": " "}, "name"),
        ({"description": "x" * 10_001}, "description"),
    ],
)
@pytest.mark.usefixtures("db")
async def test_install_rejects_bad_fields(
    system: Actor, demo_src: Path, kwargs: dict[str, Any], field: str
) -> None:
    args = {"source": str(demo_src), **kwargs}
    with pytest.raises(Invalid) as err:
        await model_install.install_model(system, **args)
    assert err.value.extensions["field"] == field


@pytest.mark.usefixtures("db")
async def test_install_same_source_twice_conflicts(system: Actor, demo_src: Path) -> None:
    await model_install.install_model(system, str(demo_src))
    with pytest.raises(Conflict, match="already installed"):
        await model_install.install_model(system, str(demo_src))


@pytest.mark.usefixtures("db")
async def test_keys_are_unique_slugs_and_only_first_main_is_default(
    system: Actor, demo_src: Path, tmp_path: Path
) -> None:
    copy = shutil.copytree(demo_src, tmp_path / "copy")
    first = await model_install.install_model(system, str(demo_src), name="My Model!")
    second = await model_install.install_model(system, str(copy), name="my  model")
    assert (first.key, second.key) == ("my-model", "my-model-2")
    assert (first.is_default, second.is_default) == (True, False)


def test_slugify() -> None:
    assert models.slugify("  SDXL 1.0 (Base) ") == "sdxl-1-0-base"
    assert models.slugify("???") == "model"
    assert len(models.slugify("a" * 500)) == 100


@pytest.mark.usefixtures("db")
async def test_install_vae_file_checks_weights_only(system: Actor, tmp_path: Path) -> None:
    vae = tmp_path / "vae.safetensors"
    save_file({"decoder.conv_in.weight": torch.zeros(2)}, str(vae))
    rec = await model_install.install_model(system, str(vae), type="VAE")
    assert (rec.type, rec.base, rec.format, rec.is_default) == ("VAE", "ANY", "checkpoint", False)
    lora = tmp_path / "lora.safetensors"
    lora.write_bytes(b"garbage")
    with pytest.raises(Invalid, match="cannot read 'lora.safetensors'"):
        await model_install.install_model(system, str(lora), type="LORA")


# --- update -----------------------------------------------------------------------


@pytest.mark.usefixtures("db")
async def test_update_renames_describes_and_keeps_key(system: Actor) -> None:
    await _record("m1", is_default=True)
    rec = await models.update_model(
        system, "m1", name="New name", description="d", defaults={"steps": 20, "scheduler": "DDIM"}
    )
    assert (rec.key, rec.name, rec.description) == ("m1", "New name", "d")
    assert (await ModelRecord.get(key="m1")).defaults == {"steps": 20, "scheduler": "DDIM"}


@pytest.mark.usefixtures("db")
async def test_cannot_update_model_if_not_admin() -> None:
    await _record("m1")
    user = await new_user("u@example.local")
    with pytest.raises(Forbidden):
        await models.update_model(user, "m1", name="x")


@pytest.mark.usefixtures("db")
async def test_update_missing_model_is_not_found(system: Actor) -> None:
    with pytest.raises(NotFound):
        await models.update_model(system, "nope", name="x")


@pytest.mark.parametrize(
    ("defaults", "field"),
    [
        ({"steps": 0}, "defaults.steps"),
        ({"steps": 151}, "defaults.steps"),
        ({"steps": 2.5}, "defaults.steps"),
        ({"steps": True}, "defaults.steps"),
        ({"cfgScale": 31}, "defaults.cfgScale"),
        ({"cfgScale": "7"}, "defaults.cfgScale"),
        ({"scheduler": "euler"}, "defaults.scheduler"),
        ({"width": 100}, "defaults.width"),
        ({"height": 2056}, "defaults.height"),
        ({"width": 56}, "defaults.width"),
        ({"seed": 1}, "defaults.seed"),
        ([1], "defaults"),
    ],
)
@pytest.mark.usefixtures("db")
async def test_update_rejects_bad_defaults_naming_the_key(
    system: Actor, defaults: Any, field: str
) -> None:
    await _record("m1", defaults={"steps": 10})
    with pytest.raises(Invalid) as err:
        await models.update_model(system, "m1", defaults=defaults)
    assert err.value.extensions["field"] == field
    assert field.split(".")[-1] in err.value.message
    assert (await ModelRecord.get(key="m1")).defaults == {"steps": 10}


@pytest.mark.usefixtures("db")
async def test_setting_default_moves_it(system: Actor) -> None:
    await _record("a", is_default=True)
    await _record("b")
    await models.update_model(system, "b", is_default=True)
    assert {r.key: r.is_default for r in await ModelRecord.all()} == {"a": False, "b": True}


@pytest.mark.usefixtures("db")
async def test_cannot_unset_the_default_or_make_a_vae_default(system: Actor) -> None:
    await _record("a", is_default=True)
    await _record("v", type="VAE", base="ANY")
    with pytest.raises(Invalid, match="another model") as err:
        await models.update_model(system, "a", is_default=False)
    assert err.value.extensions["field"] == "isDefault"
    with pytest.raises(Invalid, match="only a MAIN model"):
        await models.update_model(system, "v", is_default=True)
    assert (await ModelRecord.get(key="a")).is_default


# --- delete -----------------------------------------------------------------------


@pytest.mark.parametrize("status", ["PENDING", "IN_PROGRESS"])
@pytest.mark.usefixtures("db")
async def test_cannot_delete_model_used_by_active_queue_item(system: Actor, status: str) -> None:
    await _record("m1", is_default=True)
    await _queue_item("m1", status)
    with pytest.raises(Conflict, match="used by pending or running"):
        await models.delete_model(system, "m1")
    assert await ModelRecord.exists(key="m1")


@pytest.mark.usefixtures("db")
async def test_delete_model_used_only_by_finished_items(system: Actor) -> None:
    await _record("m1")
    await _queue_item("m1", "COMPLETED")
    assert await models.delete_model(system, "m1", force=True) is True
    assert not await ModelRecord.exists(key="m1")


@pytest.mark.usefixtures("db")
async def test_cannot_delete_model_if_not_admin() -> None:
    await _record("m1")
    user = await new_user("u@example.local")
    with pytest.raises(Forbidden):
        await models.delete_model(user, "m1")


@pytest.mark.usefixtures("db")
async def test_delete_missing_model_is_not_found(system: Actor) -> None:
    with pytest.raises(NotFound):
        await models.delete_model(system, "nope")


@pytest.mark.usefixtures("db")
async def test_deleting_the_default_promotes_another_main_model(system: Actor) -> None:
    await _record("a", is_default=True)
    await _record("v", type="VAE", base="ANY")
    await _record("b")
    await models.delete_model(system, "a", force=True)
    assert (await ModelRecord.get(key="b")).is_default
    assert not (await ModelRecord.get(key="v")).is_default
    await models.delete_model(system, "b", force=True)
    assert not await ModelRecord.filter(is_default=True).exists()


@pytest.mark.usefixtures("db")
async def test_delete_keeps_admin_files_but_removes_the_demo_folder(
    system: Actor, demo_src: Path
) -> None:
    installed = await model_install.install_model(system, str(demo_src))
    runtime.current().settings.build_demo_model = True
    await models.ModelRecord.filter(key=installed.key).delete()
    demo = await models.ensure_demo_model(runtime.current().settings)
    assert demo is not None and _exists(demo.path)
    await models.delete_model(system, DEMO_MODEL_KEY, force=True)
    assert not _exists(demo.path)
    rec = await model_install.install_model(system, str(demo_src))
    await models.delete_model(system, rec.key, force=True)
    assert (demo_src / "model_index.json").is_file()


@pytest.mark.usefixtures("db")
async def test_delete_evicts_the_model_from_the_worker_cache(system: Actor) -> None:
    evicted: list[str] = []

    class Worker:
        def evict_model(self, key: str) -> None:
            evicted.append(key)

    await _record("m1")
    runtime.current().worker = Worker()
    await models.delete_model(system, "m1", force=True)
    assert evicted == ["m1"]


@pytest.mark.usefixtures("db")
async def test_the_only_model_is_deleted_only_with_force(system: Actor) -> None:
    await _record("m1", is_default=True)
    await _record("v", type="VAE", base="ANY")  # not a model to generate with
    with pytest.raises(Conflict, match="only model") as refused:
        await models.delete_model(system, "m1")
    assert "force: true" in refused.value.message and "Install another" in refused.value.message
    assert await ModelRecord.exists(key="m1")
    assert await models.delete_model(system, "m1", force=True) is True


@pytest.mark.usefixtures("db")
async def test_the_default_model_needs_another_default_first_or_force(system: Actor) -> None:
    await _record("a", is_default=True)
    await _record("b")
    with pytest.raises(Conflict, match="default model") as refused:
        await models.delete_model(system, "a")
    assert "isDefault: true" in refused.value.message and "force: true" in refused.value.message
    assert (await ModelRecord.get(key="a")).is_default
    # Another default first: then it is an ordinary model and goes without force.
    await models.update_model(system, "b", is_default=True)
    assert await models.delete_model(system, "a") is True
    assert (await ModelRecord.get(key="b")).is_default


@pytest.mark.usefixtures("db")
async def test_a_non_default_model_beside_others_needs_no_force(system: Actor) -> None:
    await _record("a", is_default=True)
    await _record("b")
    assert await models.delete_model(system, "b") is True


# --- what the worker and queue use ------------------------------------------------


@pytest.mark.usefixtures("db")
async def test_resolve_model_default_named_and_missing() -> None:
    await _record("a", is_default=True)
    await _record("b")
    await _record("v", type="VAE", base="ANY")
    assert (await models.resolve_model(None)).key == "a"
    assert (await models.resolve_model("b")).key == "b"
    for key in ("v", "nope"):
        with pytest.raises(Invalid, match="not found") as err:
            await models.resolve_model(key)
        assert err.value.extensions["field"] == "model"


@pytest.mark.usefixtures("db")
async def test_resolve_model_without_default_is_bad_input() -> None:
    with pytest.raises(Invalid, match="no model is installed.*an admin must install one"):
        await models.resolve_model(None)


@pytest.mark.usefixtures("db")
async def test_model_defaults_fall_back_by_base() -> None:
    sdxl = await _record("x", base="SDXL", defaults={"steps": 12})
    assert models.model_defaults(sdxl) == {
        "width": 1024,
        "height": 1024,
        "steps": 12,
        "cfgScale": 7.5,
        "scheduler": "EULER",
    }
    sd2 = await _record("y", base="SD2")
    assert models.model_defaults(sd2)["width"] == 768
    sd1 = await _record("z", defaults={"width": 64})
    assert (models.model_defaults(sd1)["width"], models.model_defaults(sd1)["height"]) == (64, 512)


@pytest.mark.usefixtures("db")
async def test_pipeline_loader_loads_the_registered_model(system: Actor, demo_src: Path) -> None:
    from gql_invoke.generation.pipelines import PipelineCache

    rec = await model_install.install_model(system, str(demo_src))
    cache = PipelineCache(1)
    pipe = cache.get(rec.key, models.pipeline_loader(rec, torch.device("cpu"), torch.float32))
    assert pipe.device.type == "cpu" and rec.key in cache
