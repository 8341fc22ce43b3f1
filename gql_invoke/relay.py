"""Events across processes: what one process publishes on its bus, the others' buses deliver.

``bus.attach(relay)`` hands every published event (LOCAL_TOPICS excepted) to
``relay.send``; ``relay.start(bus)`` delivers what the other processes sent through
``bus.deliver_remote``, which never sends it on again (no echo between processes).
Delivery is best effort, like the bus itself: a process that is not listening (not
started yet, restarting, its connection lost) misses what was sent meanwhile; the queue
rows, not the events, are the truth a stream re-reads on reconnect.

Two transports, chosen by ``make_relay`` from the database the processes already share:

- ``UnixRelay`` (SQLite: the processes are on one machine): one AF_UNIX datagram socket per
  process in ``<root>/run/events/``; a message goes to every other socket there.
- ``PgRelay`` (PostgreSQL: gql_invoke/relay_pg.py): LISTEN/NOTIFY on one channel.

A message is the JSON of ``{"t": topic, "e": events.to_dict(payload), "o": origin}``,
plus ``"c": cursor`` for a QUEUE event numbered by its publisher (its queue_events row:
services/queue_events.py), so that every process hands out the same cursor for it;
``origin`` tells a process its own messages apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import errno
import hashlib
import json
import logging
import os
import secrets
import socket
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any, Protocol

from gql_invoke import events
from gql_invoke.config import Settings
from gql_invoke.events import EventBus, LiveEvent
from gql_invoke.relay_pg import PgRelay

log = logging.getLogger(__name__)


class Relay(Protocol):
    async def start(self, bus: EventBus) -> None:
        """Begin receiving: the other processes' events go to ``bus.deliver_remote``."""

    async def stop(self) -> None:
        """Idempotent; frees the socket / connections."""

    def send(self, topic: str, payload: LiveEvent, cursor: str | None = None) -> None:
        """Non-blocking, never raises (logs a warning at most); ``cursor`` travels along."""


def make_relay(settings: Settings) -> Relay:
    if settings.database_url.startswith("postgres"):
        return PgRelay(settings.database_url)
    return UnixRelay(settings.root)


def message(topic: str, payload: LiveEvent, origin: str, cursor: str | None) -> dict[str, Any]:
    """The relayed message (both transports)."""
    data = {"t": topic, "e": events.to_dict(payload), "o": origin}
    if cursor is not None:
        data["c"] = cursor
    return data


def encode(topic: str, payload: LiveEvent, origin: str, cursor: str | None = None) -> bytes:
    return json.dumps(message(topic, payload, origin, cursor), separators=(",", ":")).encode()


def decode(data: bytes | str) -> tuple[str, LiveEvent, str]:
    """(topic, payload, origin); ValueError / KeyError / TypeError for what is not one."""
    topic, payload, origin, _cursor = decode_message(data)
    return topic, payload, origin


def decode_message(data: bytes | str) -> tuple[str, LiveEvent, str, str | None]:
    """(topic, payload, origin, cursor); raises what decode raises."""
    found: dict[str, Any] = json.loads(data)
    cursor = found.get("c")
    if cursor is not None and not isinstance(cursor, str):
        raise TypeError("the cursor is not text")
    return found["t"], events.from_dict(found["e"]), found["o"], cursor


# --- one machine: datagram sockets in a directory ----------------------------------------

# Generous buffers: a GenerationProgress with its preview is tens of KiB. Linux caps them at
# net.core.wmem_max / rmem_max (and doubles what it grants); what a datagram may weigh is
# the sending socket's SO_SNDBUF, read back after setting it.
BUFFER_BYTES = 4 * 1024 * 1024
RELIST_SECONDS = 0.5
BACKLOG_LIMIT = 10_000  # datagrams waiting for one slow peer; beyond it new ones are dropped
_SUN_PATH_MAX = 107  # sockaddr_un.sun_path is 108 bytes, with the terminating NUL
_NAME_MAX = len(f"{2**22}-{'0' * 16}.sock")  # <pid>-<random>.sock, the longest pid
# A starting process says so to the others, which then re-list the directory at once
# instead of within RELIST_SECONDS (no event of theirs misses it meanwhile).
HELLO = b'{"hello":1}'


def run_dir(root: Path) -> Path:
    """``<root>/run/events``, or, when a socket path there would not fit AF_UNIX's 108
    bytes, ``<tempdir>/gql-invoke-<sha256 of the root, 16 hex>`` (the same for every
    process of that root, and for no other root)."""
    preferred = Path(root).resolve() / "run" / "events"
    if len(os.fsencode(preferred)) + 1 + _NAME_MAX <= _SUN_PATH_MAX:
        return preferred
    digest = hashlib.sha256(os.fsencode(Path(root).resolve())).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"gql-invoke-{digest}"


def _own_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = path.lstat()
    # Under a shared temp directory someone else could have made it first: never use theirs.
    if info.st_uid != os.getuid() or not path.is_dir() or path.is_symlink():
        raise PermissionError(f"{path} is not a directory of this user")
    os.chmod(path, 0o700)


@dataclasses.dataclass(eq=False)
class _Peer:
    """Another process's socket, through a datagram socket of ours connected to it (a
    connected one: the loop tells when a full receiver has room again)."""

    path: str
    sock: socket.socket
    backlog: deque[tuple[str, LiveEvent, bytes]] = dataclasses.field(default_factory=deque)
    waiting: bool = False  # add_writer registered


class UnixRelay:
    def __init__(self, root: Path) -> None:
        self.directory = run_dir(root)
        self.origin = secrets.token_hex(8)
        self.path = self.directory / f"{os.getpid()}-{secrets.token_hex(8)}.sock"
        self._sock: socket.socket | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._bus: EventBus | None = None
        self._peers: dict[str, _Peer] = {}
        self._listed_at = float("-inf")
        self._buffer = bytearray()
        self._warned: set[str] = set()

    @property
    def max_datagram(self) -> int:
        return len(self._buffer)

    async def start(self, bus: EventBus) -> None:
        self._bus, self._loop = bus, asyncio.get_running_loop()
        _own_private_dir(self.directory)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.setblocking(False)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, BUFFER_BYTES)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFER_BYTES)
        sock.bind(os.fspath(self.path))
        self._sock = sock
        self._buffer = bytearray(sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
        self._loop.add_reader(sock.fileno(), self._on_readable)
        for entry in os.scandir(self.directory):
            if entry.name.endswith(".sock") and entry.path != os.fspath(self.path):
                with contextlib.suppress(OSError):  # gone, full, stale: relists handle it
                    sock.sendto(HELLO, entry.path)

    async def stop(self) -> None:
        for peer in list(self._peers.values()):
            self._drop_peer(peer)
        if self._sock is not None:
            if self._loop is not None:
                self._loop.remove_reader(self._sock.fileno())
            self._sock.close()
            self._sock = None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)

    def send(self, topic: str, payload: LiveEvent, cursor: str | None = None) -> None:
        try:
            if self._sock is None:
                return
            data = encode(topic, payload, self.origin, cursor)
            for peer in self._current_peers():
                if len(peer.backlog) >= BACKLOG_LIMIT:
                    self._warn_once("backlog", "relay: a peer is far behind: dropping events")
                    continue
                peer.backlog.append((topic, payload, data))
                if not peer.waiting:
                    self._pump(peer)
        except Exception:
            log.warning("relay: could not send a %s event", payload.kind, exc_info=True)

    # --- receiving ---

    def _on_readable(self) -> None:
        for _ in range(256):  # then let the loop run something else; it calls again
            if self._sock is None:
                return
            try:
                size, _, flags, _ = self._sock.recvmsg_into([self._buffer])
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                log.warning("relay: receive failed", exc_info=True)
                return
            if flags & socket.MSG_TRUNC:
                log.warning("relay: a datagram larger than %d bytes was cut: dropped", size)
                continue
            self._receive(bytes(memoryview(self._buffer)[:size]))

    def _receive(self, data: bytes) -> None:
        if data == HELLO:
            self._listed_at = float("-inf")
            return
        try:
            topic, payload, origin, cursor = decode_message(data)
        except (ValueError, KeyError, TypeError):
            log.warning("relay: dropped a message that is no event (%d bytes)", len(data))
            return
        if origin == self.origin or self._bus is None:
            return
        self._bus.deliver_remote(topic, payload, cursor)

    # --- sending ---

    def _current_peers(self) -> list[_Peer]:
        if time.monotonic() - self._listed_at >= RELIST_SECONDS:
            self._relist()
        return list(self._peers.values())

    def _relist(self) -> None:
        self._listed_at = time.monotonic()
        try:
            names = {e.path for e in os.scandir(self.directory) if e.name.endswith(".sock")}
        except FileNotFoundError:
            names = set()
        names.discard(os.fspath(self.path))
        for path in set(self._peers) - names:
            self._drop_peer(self._peers[path])
        for path in names - set(self._peers):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            sock.setblocking(False)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFER_BYTES)
            try:
                sock.connect(path)
            except ConnectionRefusedError:  # nobody bound there: its process is gone
                sock.close()
                self._unlink_stale(path)
                continue
            except OSError:  # FileNotFoundError (it just went), a permission, ...
                sock.close()
                continue
            self._peers[path] = _Peer(path, sock)

    def _pump(self, peer: _Peer) -> None:
        """Sends what waits for ``peer``, in order, until it is sent or the peer is full
        (then the loop calls again once the peer has room)."""
        while peer.backlog:
            topic, payload, data = peer.backlog[0]
            try:
                peer.sock.send(data)
            except (BlockingIOError, InterruptedError):
                if not peer.waiting and self._loop is not None:
                    self._loop.add_writer(peer.sock.fileno(), self._pump, peer)
                    peer.waiting = True
                return
            except OSError as exc:
                if exc.errno == errno.EMSGSIZE:
                    if self._shrink(peer, topic, payload):
                        continue
                elif exc.errno in (errno.ECONNREFUSED, errno.ENOTCONN, errno.ENOENT):
                    # Its process closed the socket: gone until a relist finds it again.
                    self._drop_peer(peer)
                    self._listed_at = float("-inf")
                    return
                else:
                    log.warning("relay: could not send a %s event: %s", payload.kind, exc)
            peer.backlog.popleft()
        if peer.waiting and self._loop is not None:
            self._loop.remove_writer(peer.sock.fileno())
            peer.waiting = False

    def _shrink(self, peer: _Peer, topic: str, payload: LiveEvent) -> bool:
        """Too large for a datagram: a progress event goes on without its preview."""
        if not isinstance(payload, events.GenerationProgress) or payload.preview is None:
            log.warning("relay: a %s event is too large for a datagram: dropped", payload.kind)
            return False
        self._warn_once("preview", "relay: a preview is too large for a datagram: sent without")
        smaller = dataclasses.replace(payload, preview=None)
        peer.backlog[0] = (topic, smaller, encode(topic, smaller, self.origin))
        return True

    def _drop_peer(self, peer: _Peer) -> None:
        if self._peers.get(peer.path) is peer:
            del self._peers[peer.path]
        if peer.waiting and self._loop is not None:
            self._loop.remove_writer(peer.sock.fileno())
            peer.waiting = False
        peer.sock.close()
        peer.backlog.clear()

    def _unlink_stale(self, path: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(path)
            log.info("relay: removed %s (its process is gone)", path)

    def _warn_once(self, key: str, message: str, *args: Any) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)
