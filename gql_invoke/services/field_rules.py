"""Rules for the text people type: names, descriptions, prompts, emails, client strings.

The one place a length, a trim or a character rule is written; services call these
rather than checking by hand. Each raises Invalid naming the field, with the message
clients see. Names are trimmed (a name of spaces is no name); descriptions and
prompts are kept as typed (whitespace can matter to a model, and to a reader).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from gql_invoke.errors import Invalid
from gql_invoke.generation.settings_check import SettingError

MAX_NAME = 300  # boards, models, workflows, style presets
MAX_SHORT_NAME = 200  # display names, API token names
MAX_DESCRIPTION = 10_000
MAX_PROMPT = 10_000
MAX_EMAIL = 320  # RFC 5321's limit on a whole address

# Deliberately permissive local part; the domain needs a dot unless it is localhost.
_EMAIL = re.compile(r"^[^@\s]{1,64}@(localhost|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$")


def at_most(value: str, field: str, max_len: int) -> str:
    """Internal: services' text checks; Invalid naming ``field`` past ``max_len``
    characters.

    The value unchanged."""
    if len(value) > max_len:
        raise Invalid(f"{field} must be at most {max_len} characters", field=field)
    return value


def not_blank(value: str, field: str) -> str:
    """Internal: services' text checks; Invalid naming ``field`` when it is only whitespace.

    The value unchanged (not trimmed)."""
    if not value.strip():
        raise Invalid(f"{field} must not be empty", field=field)
    return value


def between(value: str, field: str, low: int, high: int) -> str:
    """Internal: client_state keys and name(); Invalid naming ``field`` outside
    ``low``..``high``.

    ``low`` to ``high`` characters as given (no trimming)."""
    if not low <= len(value) <= high:
        raise Invalid(f"{field} must be {low} to {high} characters", field=field)
    return value


def text(value: str, field: str, max_len: int, *, required: bool = False) -> str:
    """Internal: workflow and preset names; Invalid naming ``field`` when too long or
    (``required``) blank.

    At most ``max_len`` characters; ``required``: trimmed first, and not empty."""
    if required:
        value = not_blank(value, field).strip()
    return at_most(value, field, max_len)


def name(value: str, field: str = "name", max_len: int = MAX_NAME) -> str:
    """Internal: board, model and API token names; Invalid naming ``field`` when empty or
    too long.

    Trimmed, then 1 to ``max_len`` characters."""
    return between(value.strip(), field, 1, max_len)


def display_name(value: str) -> str:
    """Internal: setup and users; Invalid (displayName) when empty or too long.

    Trimmed, then 1 to MAX_SHORT_NAME characters."""
    return name(value, "displayName", MAX_SHORT_NAME)


def description(value: str) -> str:
    """Internal: workflows and models; Invalid (description) past MAX_DESCRIPTION
    characters.

    Kept as typed."""
    return at_most(value, "description", MAX_DESCRIPTION)


def prompt(value: str, field: str, *, required: bool = False) -> str:
    """Internal: queue and presets; Invalid naming ``field`` when too long or (``required``)
    blank.

    A prompt as typed: at most MAX_PROMPT characters, not blank if ``required``.

    (That it is a string at all is a generation setting: settings_check.check_string.)
    """
    at_most(value, field, MAX_PROMPT)
    return not_blank(value, field) if required else value


def email(value: str, field: str = "email") -> str:
    """Internal: sign-in, setup and users; Invalid naming ``field`` for a malformed address.

    The address as stored and looked up: trimmed and lower-cased, then checked."""
    address = value.strip().lower()
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        raise Invalid(f"{field} is not a valid email address", field=field)
    return address


def printable(value: str | None, max_len: int) -> str | None:
    """Internal: sessions (user agents); raises nothing.

    Client-supplied text shown back to people (user agents): control characters
    dropped, trimmed, cut to ``max_len``; None when nothing is left."""
    if not value:
        return None
    cleaned = "".join(ch for ch in value if ch.isprintable()).strip()
    return cleaned[:max_len] or None


@contextmanager
def settings_errors() -> Iterator[None]:
    """Internal: queue and models, around generation checks; raises Invalid for a
    SettingError.

    Generation settings' SettingError as Invalid, with the same message and field."""
    try:
        yield
    except SettingError as exc:
        raise Invalid(str(exc), field=exc.field) from None
