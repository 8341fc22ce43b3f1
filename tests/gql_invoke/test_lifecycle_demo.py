from __future__ import annotations

import logging
import time
from collections.abc import Callable

import pytest

from gql_invoke import lifecycle, runtime
from gql_invoke.auth.actor import Actor
from gql_invoke.config import Settings
from gql_invoke.db.models import ModelRecord
from gql_invoke.services import models
from tests.helpers import Server, add_main_model

MODELS = "{ models { key name type base isDefault description defaults } }"


def test_startup_builds_and_registers_the_demo_model_as_default(
    make_server: Callable[..., Server], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="gql_invoke.models")
    started = time.monotonic()
    server = make_server(build_demo_model=True)
    elapsed = time.monotonic() - started
    [demo] = server.ok(MODELS)["models"]
    assert demo["key"] == "demo-tiny-sd" and demo["isDefault"] and demo["type"] == "MAIN"
    assert demo["name"] == "Demo (tiny, random weights: makes noise)"
    assert "noise" in demo["description"] and "installModel" in demo["description"]
    assert demo["defaults"] == {
        "width": 64,
        "height": 64,
        "steps": 4,
        "cfgScale": 7.5,
        "scheduler": "EULER",
    }
    assert (server.settings.models_dir / "demo-tiny-sd" / "model_index.json").is_file()
    assert "built the demo model" in caplog.text
    assert elapsed < 10, f"start-up with the demo build took {elapsed:.1f} s"


def test_startup_without_build_demo_model_registers_nothing(single: Server) -> None:
    assert single.ok(MODELS)["models"] == []
    assert not (single.settings.models_dir / "demo-tiny-sd").exists()


async def test_demo_is_not_rebuilt_while_a_main_model_exists(db: Settings) -> None:
    await add_main_model("real", "Real", source="/r", path="/r")
    db.build_demo_model = True
    await lifecycle.ensure_models(runtime.current())
    assert [r.key for r in await ModelRecord.all()] == ["real"]
    assert not (db.models_dir / "demo-tiny-sd").exists()


async def test_demo_is_rebuilt_at_start_only_when_no_main_model_remains(
    db: Settings, system: Actor
) -> None:
    db.build_demo_model = True
    await lifecycle.ensure_models(runtime.current())
    await ModelRecord.create(
        key="vae", name="Vae", type="VAE", base="ANY", source="/v", path="/v", format="checkpoint"
    )
    await models.delete_model(system, "demo-tiny-sd", force=True)
    assert not (db.models_dir / "demo-tiny-sd").exists()
    await lifecycle.ensure_models(runtime.current())
    demo = await ModelRecord.get(key="demo-tiny-sd")
    assert demo.is_default and (db.models_dir / "demo-tiny-sd" / "model_index.json").is_file()


@pytest.mark.usefixtures("db")
async def test_startup_repairs_a_missing_default() -> None:
    await add_main_model("a", "A", source="/a", path="/a", is_default=False)
    await lifecycle.ensure_models(runtime.current())
    assert (await ModelRecord.get(key="a")).is_default


async def test_a_demo_model_built_before_is_registered_without_building_it_again(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.build_demo_model = True
    await lifecycle.ensure_models(runtime.current())
    await ModelRecord.filter(key="demo-tiny-sd").delete()  # a new database, the old files
    built = (db.models_dir / "demo-tiny-sd" / "model_index.json").stat().st_mtime_ns

    async def no_child(*args: object) -> None:
        raise AssertionError(f"the demo model was built again: {args}")

    monkeypatch.setattr(models.offload, "run", no_child)
    await lifecycle.ensure_models(runtime.current())
    demo = await ModelRecord.get(key="demo-tiny-sd")
    assert demo.is_default and demo.path == str(db.models_dir / "demo-tiny-sd")
    assert (db.models_dir / "demo-tiny-sd" / "model_index.json").stat().st_mtime_ns == built
