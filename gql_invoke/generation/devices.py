"""Which torch device a worker runs on, checked before it claims anything.

Torch-free at import (the worker imports torch in its torch thread, and the code that
reports a refusal must not need it): torch is imported inside the functions.

A device named in the config or on the command line that this machine does not have
(`cuda` on a CPU build of torch, `cuda:3` on a two-GPU box, `mps` off Apple silicon)
is refused by name with what to do instead, before the model is loaded onto it, where
torch would fail deep in a `.to()` with "Torch not compiled with CUDA enabled".
"""

from __future__ import annotations

from typing import Any

# A worker whose device is not usable exits with this (sysexits' EX_CONFIG): the pool
# does not restart it, since a restart cannot make the device appear.
EXIT_DEVICE_UNAVAILABLE = 78


class DeviceUnavailable(RuntimeError):
    """The device asked for is not on this machine (the message says which and why)."""


def pick_device() -> Any:
    """The best device there is: cuda, else mps, else cpu."""
    import torch

    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def checked_device(name: str) -> Any:
    """``name`` as a torch.device when this machine has it; else DeviceUnavailable."""
    import torch

    device = torch.device(name)
    if device.type == "cuda":
        if not torch.cuda.is_available():
            build = "a CPU build" if torch.version.cuda is None else f"CUDA {torch.version.cuda}"
            raise DeviceUnavailable(
                f"device {name!r} is not available: torch {torch.__version__} ({build}) "
                "sees no CUDA GPU here; use --device cpu (or the `device` key), or install "
                "a CUDA build of torch and the NVIDIA driver"
            )
        count = torch.cuda.device_count()
        if (device.index or 0) >= count:
            raise DeviceUnavailable(
                f"device {name!r} is not available: this machine has {count} CUDA "
                f"device(s), cuda:0 to cuda:{count - 1}"
            )
    elif device.type == "mps" and not torch.backends.mps.is_available():
        raise DeviceUnavailable(
            f"device {name!r} is not available: MPS needs Apple silicon and a torch "
            "built with it; use --device cpu"
        )
    return device
