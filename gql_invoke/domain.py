"""The closed sets of names the domain uses, each defined once.

Services, generation and config use these enums; schema/ exposes the same classes
as GraphQL enums with ``strawberry.enum`` (names, members and their order come from
here, so the API and the rules cannot drift apart). Standard library only: every
layer may import this module.

Members of the StrEnums are the strings stored in the database and carried in
events and JSON; they compare equal to those plain strings. Python 3.11 raises
TypeError for ``"x" in SomeEnum``, so membership tests of plain strings use
``tuple(SomeEnum)``.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class QueueItemStatus(StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"


# Items the worker has still to finish (cancellable), and those it is done with.
ACTIVE_STATUSES = (QueueItemStatus.PENDING, QueueItemStatus.IN_PROGRESS)
FINISHED_STATUSES = (QueueItemStatus.COMPLETED, QueueItemStatus.FAILED, QueueItemStatus.CANCELED)


class QueuePolicy(StrEnum):
    """Which pending job goes next (services/scheduler.py)."""

    FIFO = "FIFO"
    ROUND_ROBIN = "ROUND_ROBIN"
    FAIR_SHARE = "FAIR_SHARE"


class Scheduler(StrEnum):
    """The diffusion schedulers a generation may name (generation/pipelines.py maps them)."""

    EULER = "EULER"
    EULER_A = "EULER_A"
    DDIM = "DDIM"
    DPMPP_2M = "DPMPP_2M"
    LMS = "LMS"
    PNDM = "PNDM"


class ModelType(StrEnum):
    MAIN = "MAIN"
    VAE = "VAE"
    LORA = "LORA"


class ModelBase(StrEnum):
    """The model family; ANY for VAEs and LoRAs whose family is not checked."""

    SD1 = "SD1"
    SD2 = "SD2"
    SDXL = "SDXL"
    ANY = "ANY"


class BoardAccess(IntEnum):
    """A viewer's level on a board. Ordered: each level may do what those below it may.

    Stored (board shares) and shown (GraphQL) by name, compared by value.
    """

    READ = 1
    WRITE = 2
    ADMIN = 3
    OWNER = 4


class Scope(StrEnum):
    """What an API token may do; ``admin`` implies every other scope."""

    READ = "read"
    GENERATE = "generate"
    MANAGE = "manage"
    ADMIN = "admin"


class WorkerStatus(StrEnum):
    """A worker's state (services/workers.py). LOST: silent for longer than a lease."""

    STARTING = "STARTING"
    IDLE = "IDLE"
    BUSY = "BUSY"
    STOPPING = "STOPPING"
    LOST = "LOST"


class ImageOrigin(StrEnum):
    """Where an image came from: a finished generation, or a user's upload (services/uploads)."""

    GENERATED = "GENERATED"
    UPLOADED = "UPLOADED"
