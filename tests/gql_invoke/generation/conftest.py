"""The demo model, built once per test module that asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gql_invoke.generation.demo import DEMO_MODEL_KEY, build_demo_model


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_model(tmp_path_factory.mktemp("models") / DEMO_MODEL_KEY)
