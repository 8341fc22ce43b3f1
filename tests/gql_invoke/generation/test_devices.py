"""A worker's device: the best there is when none is named, and a named one this
machine lacks refused by name with what to do (generation/devices.py)."""

from __future__ import annotations

import pytest
import torch

from gql_invoke.generation.devices import DeviceUnavailable, checked_device, pick_device


def machine(monkeypatch: pytest.MonkeyPatch, cuda: int = 0, mps: bool = False) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)


def test_the_automatic_device_is_cuda_else_mps_else_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, cuda=1, mps=True)
    assert pick_device() == torch.device("cuda")
    machine(monkeypatch, mps=True)
    assert pick_device() == torch.device("mps")
    machine(monkeypatch)
    assert pick_device() == torch.device("cpu")


def test_a_named_device_that_is_here_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, cuda=2, mps=True)
    assert checked_device("cpu") == torch.device("cpu")
    assert checked_device("cuda") == torch.device("cuda")
    assert checked_device("cuda:1") == torch.device("cuda:1")
    assert checked_device("mps") == torch.device("mps")


def test_cuda_without_a_gpu_is_refused_saying_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch)
    with pytest.raises(DeviceUnavailable, match="'cuda' is not available") as refused:
        checked_device("cuda")
    assert "sees no CUDA GPU here; use --device cpu" in str(refused.value)


def test_a_gpu_index_past_the_last_one_is_refused_naming_those_there_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    machine(monkeypatch, cuda=2)
    with pytest.raises(DeviceUnavailable, match="has 2 CUDA device"):
        checked_device("cuda:2")
    with pytest.raises(DeviceUnavailable, match="cuda:0 to cuda:1"):
        checked_device("cuda:7")


def test_mps_off_apple_silicon_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, cuda=1)
    with pytest.raises(DeviceUnavailable, match="'mps' is not available: MPS needs Apple"):
        checked_device("mps")
