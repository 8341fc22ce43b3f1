"""Telling live streams that sessions ended, so that they re-check at once.

A stream re-checks its listener's credentials before each event it hands out and
every IDLE_RECHECK_S on a quiet server (services/live.py). When sessions end on
purpose (logout, revocation, deactivation, password change, secret rotation) the
services announce it here, and every stream of that user re-checks now: an open page
returns to sign-in within a second instead of at the next event.
"""

from __future__ import annotations

from gql_invoke import events, runtime


def announce(user_id: str | None) -> None:
    """Internal: the services that end sessions (auth, sessions, secrets_admin, users);
    raises nothing.

    ``user_id``: whose sessions ended; None for everyone's (a rotated secret)."""
    runtime.current().bus.publish(events.SESSIONS, events.SessionsEnded(user_id))
