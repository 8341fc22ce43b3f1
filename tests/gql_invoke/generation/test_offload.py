"""generation/offload.py: torch work in a child process under `serve`, in a thread
elsewhere; the caller gets the value, or the domain error with its fields, either way."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from gql_invoke.errors import Invalid
from gql_invoke.generation import offload


def child_pid() -> int:
    return os.getpid()


def refuse(field: str) -> None:
    raise Invalid("source: not a model", field=field)


@pytest.fixture
def in_a_child() -> Iterator[None]:
    offload.use_child(True)
    try:
        yield
    finally:
        offload.shutdown()
        offload.use_child(False)


async def test_by_default_it_runs_in_this_process() -> None:
    assert await offload.run(child_pid) == os.getpid()


@pytest.mark.usefixtures("in_a_child")
async def test_under_serve_it_runs_in_one_child_process_kept_for_the_next_call() -> None:
    first = await offload.run(child_pid)
    assert first != os.getpid()
    assert await offload.run(child_pid) == first
    # By name: the module is imported in the child only (the demo build imports torch).
    assert await offload.run(offload.call, "os:getpid") == first


@pytest.mark.usefixtures("in_a_child")
async def test_a_domain_error_in_the_child_arrives_with_its_field() -> None:
    with pytest.raises(Invalid) as caught:
        await offload.run(refuse, "source")
    assert caught.value.message == "source: not a model"
    assert caught.value.extensions == {"field": "source"}
