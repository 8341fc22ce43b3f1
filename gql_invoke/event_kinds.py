"""The events the bus carries: topics, the frozen payload dataclasses, their dict form
for transports between processes, and queue cursors.

An Event's payload is one of these (``LiveEvent``), never text rendered for one viewer:
who sees what of it is decided per subscriber (services/live.py). Their fields are plain
values (nested dataclasses, datetimes and ItemSnapshot's JSON params at most) so that a
transport between processes can carry them: ``to_dict`` / ``from_dict``, by kind name.
Re-exported by gql_invoke.events, where callers name them (``events.ImageAdded``).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

# --- topics -------------------------------------------------------------------------------

QUEUE = "queue"  # QueueEvent: every signed-in user, sanitized per viewer
PROGRESS = "progress"  # GenerationProgress: owners and admins
IMAGE = "image"  # ImageAdded: whoever can read the image
MODEL_INSTALL = "model_install"  # ModelInstallProgress: admins
SESSIONS = "sessions"  # SessionsEnded: never delivered; streams re-check their listener
CONTROL = "control"  # WorkerWake, CancelRequested: for the worker processes, no subscription
TOPICS = (QUEUE, PROGRESS, IMAGE, MODEL_INSTALL, SESSIONS, CONTROL)
REPLAYABLE_TOPICS = frozenset({QUEUE})
# Topics whose events never leave the process (the relay is not handed them). Empty: every
# topic above matters to some other process (the server's streams, the workers' control).
LOCAL_TOPICS: frozenset[str] = frozenset()

# --- events -------------------------------------------------------------------------------
# ``kind`` names each class for a transport (to_dict / from_dict); it is not a field.


@dataclass(frozen=True)
class ItemSnapshot:
    """A queue item as it was when the event was made (carries the owner id: the
    GraphQL types decide per viewer what of it to show)."""

    id: int
    batch_id: str
    owner_id: str
    status: str
    priority: int
    params: dict[str, Any]  # the generation parameters, JSON as stored
    model_key: str
    cost: float
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None


@dataclass(frozen=True)
class QueueItemStatusChanged:
    kind: ClassVar[str] = "status"
    item: ItemSnapshot


@dataclass(frozen=True)
class BatchEnqueued:
    kind: ClassVar[str] = "batch"
    batch_id: str
    item_count: int


@dataclass(frozen=True)
class QueueCleared:
    kind: ClassVar[str] = "cleared"


@dataclass(frozen=True)
class ProcessorStateChanged:
    kind: ClassVar[str] = "processor"


@dataclass(frozen=True)
class GenerationProgress:
    kind: ClassVar[str] = "progress"
    item_id: int
    batch_id: str
    owner_id: str
    step: int
    total: int
    preview: str | None  # a data: URL, for the owner only
    sent_at: float  # time.time() in the step callback (latency measurements)


@dataclass(frozen=True)
class ImageAdded:
    kind: ClassVar[str] = "image"
    image_id: str
    board_id: str | None  # None: the owner's Uncategorized
    owner_id: str


@dataclass(frozen=True)
class ModelInstallProgress:
    kind: ClassVar[str] = "model_install"
    source: str
    stage: str
    message: str


@dataclass(frozen=True)
class SessionsEnded:
    kind: ClassVar[str] = "sessions_ended"
    user_id: str | None  # None: everyone's (the JWT secret was rotated)


@dataclass(frozen=True)
class WorkerWake:
    """Something to claim (enqueue, resume, retry): idle worker processes look now."""

    kind: ClassVar[str] = "wake"


@dataclass(frozen=True)
class CancelRequested:
    """The worker running this item stops it at its next step."""

    kind: ClassVar[str] = "cancel"
    item_id: int


ControlEvent = WorkerWake | CancelRequested
QueueEvent = QueueItemStatusChanged | BatchEnqueued | QueueCleared | ProcessorStateChanged
LiveEvent = (
    QueueEvent
    | GenerationProgress
    | ImageAdded
    | ModelInstallProgress
    | SessionsEnded
    | ControlEvent
)
KINDS: Mapping[str, type[LiveEvent]] = types.MappingProxyType(
    {cls.kind: cls for cls in typing.get_args(LiveEvent)}
)


# The snapshot's datetimes travel as ISO 8601 text; every other field is a plain value.
_SNAPSHOT_TIMES = ("created_at", "started_at", "completed_at")


def to_dict(payload: LiveEvent) -> dict[str, Any]:
    """JSON-ready: {"kind": ..., field: value, ...}."""
    data = _fields(payload)
    if isinstance(payload, QueueItemStatusChanged):
        item = _fields(payload.item)
        for name in _SNAPSHOT_TIMES:
            if item[name] is not None:
                item[name] = item[name].isoformat()
        data["item"] = item
    return {"kind": payload.kind, **data}


def from_dict(data: Mapping[str, Any]) -> LiveEvent:
    """The event ``to_dict`` made (after a JSON round trip too); KeyError for an unknown kind."""
    cls = KINDS[data["kind"]]
    values = {f.name: data[f.name] for f in dataclasses.fields(cls)}
    if cls is QueueItemStatusChanged:
        item = dict(values["item"])
        for name in _SNAPSHOT_TIMES:
            if item[name] is not None:
                item[name] = datetime.fromisoformat(item[name])
        values["item"] = ItemSnapshot(**item)
    return cls(**values)


def _fields(obj: Any) -> dict[str, Any]:
    # Not dataclasses.asdict: that deep-copies the params of every snapshot.
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


# --- cursors ----------------------------------------------------------------------------

_SEQ_CURSOR = re.compile(r"q([0-9]{1,19})")


def cursor_of(seq: int) -> str:
    """The opaque cursor of the QUEUE event numbered ``seq``."""
    return f"q{seq}"


def cursor_seq(cursor: str | None) -> int | None:
    """``seq`` back from cursor_of's text; None for anything else (an old cursor)."""
    match = _SEQ_CURSOR.fullmatch(cursor or "")
    return int(match.group(1)) if match else None
