"""The one check of generation settings, as the queue, model defaults and the pipeline use it."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from gql_invoke.domain import Scheduler
from gql_invoke.generation import settings_check
from gql_invoke.generation.settings_check import SettingError, check


def message(field: str, value: Any, rule: settings_check.Rule) -> str:
    with pytest.raises(SettingError) as err:
        check(field, value, rule)
    assert err.value.field == field
    return str(err.value)


def test_a_setting_error_is_a_value_error_naming_the_field() -> None:
    err = SettingError("cfg_scale", "cfg_scale must be a number")
    assert isinstance(err, ValueError)
    assert (err.field, str(err)) == ("cfg_scale", "cfg_scale must be a number")


@pytest.mark.parametrize("value", [64, 512, 2048])
def test_sizes_accepted(value: int) -> None:
    assert check("width", value, settings_check.SIZE) == value


@pytest.mark.parametrize("value", [0, 56, 65, 2056, 64.0, "64", True, None])
def test_sizes_refused(value: Any) -> None:
    assert message("width", value, settings_check.SIZE) == (
        f"width must be a multiple of 8 from 64 to 2048, got {value!r}"
    )


def test_steps() -> None:
    assert check("steps", 150, settings_check.STEPS) == 150
    assert (
        message("steps", 0, settings_check.STEPS) == "steps must be an integer from 1 to 150, got 0"
    )
    message("steps", 151, settings_check.STEPS)
    message("steps", True, settings_check.STEPS)  # a bool is not a step count


@pytest.mark.parametrize("value", [0, 7.5, 30])
def test_cfg_scale_accepted(value: float) -> None:
    assert check("cfgScale", value, settings_check.CFG_SCALE) == value


@pytest.mark.parametrize("value", [-0.5, 30.5, float("nan"), float("inf"), True, "7"])
def test_cfg_scale_refused(value: Any) -> None:
    assert message("cfgScale", value, settings_check.CFG_SCALE).startswith(
        "cfgScale must be a number from 0 to 30, got "
    )


def test_schedulers_are_the_domain_ones() -> None:
    for name in Scheduler:
        assert check("scheduler", name.value, settings_check.SCHEDULER) == name
    assert message("scheduler", "HEUN", settings_check.SCHEDULER) == (
        "scheduler must be one of EULER, EULER_A, DDIM, DPMPP_2M, LMS, PNDM, got 'HEUN'"
    )
    # JSON may hand over anything: unhashable values are refused, not a TypeError.
    message("defaults.scheduler", ["EULER"], settings_check.SCHEDULER)


def test_seed_ranges_of_the_api_and_of_the_pipeline() -> None:
    assert check("seed", 2**32 - 1, settings_check.API_SEED) == 2**32 - 1
    assert message("seed", 2**32, settings_check.API_SEED) == (
        "seed must be an integer from 0 to 4294967295, got 4294967296"
    )
    assert check("seed", 2**32 - 1, settings_check.SEED) == 2**32 - 1
    message("seed", -1, settings_check.SEED)
    message("seed", 2**32, settings_check.SEED)


def test_integer_rules_of_other_fields() -> None:
    runs = settings_check.integer(1, 100)
    assert message("runs", 101, runs) == "runs must be an integer from 1 to 100, got 101"


def test_defaultable_settings() -> None:
    assert list(settings_check.DEFAULTABLE) == ["width", "height", "steps", "cfgScale", "scheduler"]


def test_prompts_must_be_strings() -> None:
    assert settings_check.check_string("prompt", "") == ""
    assert settings_check.check_string("negative_prompt", None, optional=True) is None
    for value, optional in ((None, False), (3, True)):
        with pytest.raises(SettingError, match="^prompt must be a string$"):
            settings_check.check_string("prompt", value, optional=optional)


def test_a_scheduler_whose_package_is_missing_is_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings_check.check_available("scheduler", "EULER")
    monkeypatch.setattr(settings_check, "SCHEDULER_NEEDS", {"LMS": "no_such_package_here"})
    with pytest.raises(SettingError) as err:
        settings_check.check_available("scheduler", "LMS")
    assert str(err.value) == (
        "scheduler LMS is not available on this server (needs no_such_package_here)"
    )


def test_importing_it_loads_neither_torch_nor_diffusers() -> None:
    code = (
        "import sys, gql_invoke.generation.settings_check\n"
        "assert 'torch' not in sys.modules and 'diffusers' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
