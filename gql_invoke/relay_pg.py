"""The relay between processes that share a PostgreSQL database: LISTEN/NOTIFY.

One dedicated connection LISTENs on ``gql_invoke_events``; a second one sends, in the
order ``send`` was called (one task drains one queue). A NOTIFY payload must stay under
8000 bytes: a larger message (a progress event with its preview) is stored in the
``relay_blobs`` table and the notification carries only its id; receivers read it there.

A lost connection is re-opened (with a growing pause, logged). Notifications sent while
the listening connection is down are lost: PostgreSQL keeps none for a session that is
not listening, and the bus is best effort anyway (streams re-read the queue rows when
they resume). What is queued to send while the sending connection is down waits, up to
OUTBOX_LIMIT events.

gql_invoke/relay.py has the Relay protocol and ``make_relay``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg

from gql_invoke import events
from gql_invoke.events import EventBus, LiveEvent

log = logging.getLogger(__name__)

CHANNEL = "gql_invoke_events"
NOTIFY_LIMIT = 7999  # bytes: PostgreSQL refuses payloads of 8000 and more
BLOB_TTL_SECONDS = 60
PRUNE_EVERY_SECONDS = 30
OUTBOX_LIMIT = 10_000

# Not a migration: relay_blobs is a transport buffer, not data. Rows live a few seconds,
# nothing refers to them, a crash may lose them (UNLOGGED: no WAL, cheap to write), and it
# must exist for the relay alone, whatever migrations a process has applied.
_CREATE_BLOBS = """
CREATE UNLOGGED TABLE IF NOT EXISTS relay_blobs (
    id bigserial PRIMARY KEY,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
)"""
_PRUNE_BLOBS = (
    f"DELETE FROM relay_blobs WHERE created_at < now() - interval '{BLOB_TTL_SECONDS} seconds'"
)

# Tortoise's pool options in the URL; asyncpg would take them for server settings.
_TORTOISE_ONLY = {
    "minsize",
    "maxsize",
    "max_queries",
    "max_inactive_connection_lifetime",
    "connection_class",
    "schema",
}


def connect_args(url: str) -> tuple[str, dict[str, str]]:
    """asyncpg's DSN and server settings from tortoise's URL (postgres://, asyncpg://,
    psycopg://; its pool options dropped, its ``schema`` as the search_path)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = dict(query).get("schema")
    settings = {"search_path": schema} if schema else {}
    kept = [(k, v) for k, v in query if k not in _TORTOISE_ONLY]
    dsn = urlunsplit(("postgresql", parts.netloc, parts.path, urlencode(kept), parts.fragment))
    return dsn, settings


class PgRelay:
    def __init__(self, url: str) -> None:
        self.dsn, self._server_settings = connect_args(url)
        self.origin = secrets.token_hex(8)
        self._bus: EventBus | None = None
        self._listener: Any = None  # asyncpg.Connection
        self._sender: Any = None
        self._outbox: asyncio.Queue[tuple[str, LiveEvent, str | None]] = asyncio.Queue(OUTBOX_LIMIT)
        self._inbox: asyncio.Queue[str] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False
        self._pruned_at = float("-inf")
        self._warned_full = False

    async def start(self, bus: EventBus) -> None:
        self._bus, self._stopping = bus, False
        self._sender = await self._connect()
        try:
            # Another process may create it at the same moment.
            with contextlib.suppress(asyncpg.UniqueViolationError, asyncpg.DuplicateTableError):
                await self._sender.execute(_CREATE_BLOBS)
            await self._sender.execute(_PRUNE_BLOBS)
            self._pruned_at = time.monotonic()
            await self._listen()
        except BaseException:
            await self._sender.close()
            self._sender = None
            raise
        self._tasks = [
            asyncio.create_task(self._drain(), name="relay-pg-send"),
            asyncio.create_task(self._read(), name="relay-pg-receive"),
        ]

    async def stop(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        if self._sender is not None and not self._sender.is_closed():
            with contextlib.suppress(TimeoutError):  # what is left goes undelivered
                await asyncio.wait_for(self._outbox.join(), timeout=2)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        for conn in (self._listener, self._sender):
            if conn is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.close(), timeout=2)
        self._listener = self._sender = None

    def send(self, topic: str, payload: LiveEvent, cursor: str | None = None) -> None:
        if self._stopping:
            return
        try:
            self._outbox.put_nowait((topic, payload, cursor))
        except asyncio.QueueFull:
            if not self._warned_full:
                self._warned_full = True
                log.warning("relay: %d events wait to be sent: dropping new ones", OUTBOX_LIMIT)

    async def _connect(self) -> Any:
        return await asyncpg.connect(self.dsn, server_settings=self._server_settings or None)

    async def _reconnect(self, what: str) -> Any:
        pause = 0.2
        while True:
            try:
                conn = await self._connect()
                log.warning("relay: %s connection to PostgreSQL is back", what)
                return conn
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.warning("relay: %s connection lost (%s); retrying in %.1f s", what, exc, pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 5.0)

    # --- receiving ---

    async def _listen(self, conn: Any = None) -> None:
        conn = conn or await self._connect()
        await conn.add_listener(CHANNEL, self._on_notify)
        conn.add_termination_listener(self._on_listener_lost)
        self._listener = conn

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        self._inbox.put_nowait(payload)

    def _on_listener_lost(self, conn: Any) -> None:
        if self._stopping or conn is not self._listener:
            return
        log.warning("relay: lost the LISTEN connection; events until it is back are lost")
        self._listener = None
        self._tasks.append(asyncio.create_task(self._relisten(), name="relay-pg-relisten"))

    async def _relisten(self) -> None:
        while not self._stopping and self._listener is None:
            conn = await self._reconnect("LISTEN")
            try:
                await self._listen(conn)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                with contextlib.suppress(Exception):
                    await conn.close()

    async def _read(self) -> None:
        """One task, so that a message read from relay_blobs keeps its place in line."""
        while True:
            text = await self._inbox.get()
            try:
                message = json.loads(text)
                if message.get("o") == self.origin:
                    continue
                if "blob" in message:
                    message = await self._fetch_blob(int(message["blob"]))
                    if message is None:
                        continue
                payload = events.from_dict(message["e"])
                cursor = message.get("c")
                if cursor is not None and not isinstance(cursor, str):
                    raise TypeError("the cursor is not text")
            except Exception:
                log.warning("relay: dropped a notification that is no event", exc_info=True)
                continue
            if self._bus is not None:
                self._bus.deliver_remote(message["t"], payload, cursor)

    async def _fetch_blob(self, blob_id: int) -> dict[str, Any] | None:
        conn = self._listener
        body = None
        if conn is not None:
            body = await conn.fetchval("SELECT body FROM relay_blobs WHERE id = $1", blob_id)
        if body is None:
            log.warning("relay: relay_blobs row %d is gone: event lost", blob_id)
            return None
        message: dict[str, Any] = json.loads(body)
        return message

    # --- sending ---

    async def _drain(self) -> None:
        while True:
            topic, payload, cursor = await self._outbox.get()
            try:
                for attempt in (1, 2):  # a second time on a fresh connection
                    try:
                        await self._notify(topic, payload, cursor)
                        break
                    except (OSError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError):
                        if attempt == 2:
                            raise
                        self._sender = await self._reconnect("NOTIFY")
            except Exception:
                log.warning("relay: could not send a %s event", payload.kind, exc_info=True)
            finally:
                self._outbox.task_done()

    async def _notify(self, topic: str, payload: LiveEvent, cursor: str | None = None) -> None:
        if self._sender is None or self._sender.is_closed():
            self._sender = await self._reconnect("NOTIFY")
        conn = self._sender
        message: dict[str, Any] = {"t": topic, "e": events.to_dict(payload), "o": self.origin}
        if cursor is not None:
            message["c"] = cursor
        text = json.dumps(message, separators=(",", ":"))
        if len(text.encode()) > NOTIFY_LIMIT:
            blob_id = await conn.fetchval(
                "INSERT INTO relay_blobs (body) VALUES ($1) RETURNING id", text
            )
            text = json.dumps({"blob": blob_id, "o": self.origin})
            if time.monotonic() - self._pruned_at > PRUNE_EVERY_SECONDS:
                self._pruned_at = time.monotonic()
                await conn.execute(_PRUNE_BLOBS)
        await conn.execute("SELECT pg_notify($1, $2)", CHANNEL, text)
