"""Websocket "next" frames whose data is shared are serialized once.

An event's execution result is shared by every subscriber that sent the same
document and variables and sees the event as the same viewer class
(schema/execution.py): the same ``data`` object arrives here for each of them. Its
JSON is kept (a small LRU, holding the object so its id cannot be reused while the
entry lives) and each subscriber's frame is that text with its own operation id
around it; only the socket write remains per subscriber.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

MAX_ENTRIES = 256


class FrameCache:
    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self.size = size
        self._texts: OrderedDict[int, tuple[object, str]] = OrderedDict()
        self.hits = 0

    def data_text(self, data: object) -> str:
        """The JSON of ``data``, encoded once while it stays in the cache."""
        entry = self._texts.get(id(data))
        if entry is not None and entry[0] is data:
            self.hits += 1
            self._texts.move_to_end(id(data))
            return entry[1]
        text = json.dumps(data)
        self._texts[id(data)] = (data, text)
        if len(self._texts) > self.size:
            self._texts.popitem(last=False)
        return text

    def next_frame(self, message: Any) -> str | None:
        """The text of a "next" message carrying only data; None for anything else
        (errors and extensions are per subscriber: sent the ordinary way)."""
        if message.get("type") != "next":
            return None
        payload = message.get("payload")
        if not isinstance(payload, dict) or payload.keys() != {"data"}:
            return None
        data = payload["data"]
        if not isinstance(data, dict):
            return None
        op_id = json.dumps(message["id"])
        return f'{{"id":{op_id},"type":"next","payload":{{"data":{self.data_text(data)}}}}}'


# One per process: the subscribers of an event live on many sockets.
FRAMES = FrameCache()
