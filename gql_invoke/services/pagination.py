"""Opaque, stable cursors for newest-first lists: (timestamp, id)."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from gql_invoke.errors import Invalid


def encode_cursor(at: datetime, row_id: str) -> str:
    """Internal: the audit and images cursors; raises nothing.

    An opaque cursor for (``at``, ``row_id``)."""
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{row_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """Internal: audit, images and board_images; Invalid (field after) for a malformed
    cursor.

    (at, row_id) back from encode_cursor's text."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at_text, row_id = base64.urlsafe_b64decode(padded.encode()).decode().split("|", 1)
        return datetime.fromisoformat(at_text), row_id
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid("after is not a valid cursor", field="after") from exc
