"""The accepted range of every generation setting, in one place.

The queue validates a request against these before storing it, model defaults
are held to them, and the pipeline checks them again before touching the GPU.
No heavy imports here: the services use this without loading torch.
"""

from __future__ import annotations

SIZE_MIN = 64
SIZE_MAX = 2048
SIZE_MULTIPLE = 8
STEPS_MIN = 1
STEPS_MAX = 150
CFG_MIN = 0
CFG_MAX = 30
SCHEDULER_NAMES = ("EULER", "EULER_A", "DDIM", "DPMPP_2M", "LMS", "PNDM")


def is_int(value: object) -> bool:
    """An int that is not a bool (JSON and Python both let True pass as 1)."""
    return isinstance(value, int) and not isinstance(value, bool)
