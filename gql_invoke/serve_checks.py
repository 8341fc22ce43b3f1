"""What ``serve`` refuses before it starts: single-user mode exposed to the network, a
port that is already taken, a PostgreSQL database it cannot open. Standard library and
config only (asyncpg, small, only for a postgres db_url), so the entry point
(launch.py) can check before importing anything heavy, and cli.cmd_serve again for
callers that enter through gql_invoke.cli directly. `gql-invoke worker` checks the
database the same way before it imports torch (seconds).
"""

from __future__ import annotations

import errno
import ipaddress
import socket

from gql_invoke.config import Settings

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that may resolve to anything: treat it as exposed


def exposure_problem(settings: Settings) -> str | None:
    """The refusal for single-user mode on a non-loopback host (None: fine)."""
    if settings.multiuser or settings.allow_unauthenticated_network:
        return None
    if is_loopback(settings.host):
        return None
    return (
        f"refusing to serve single-user mode on {settings.host}: there is no sign-in, so "
        "every machine that can reach this port would be an admin. Turn on multi-user "
        "mode (multiuser: true in gql_invoke.yaml, or GQL_INVOKE_MULTIUSER=true), or bind "
        "to 127.0.0.1, or set allow_unauthenticated_network: true if the network is "
        "yours alone"
    )


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (None: it can, as of now)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As uvicorn binds: a port in TIME_WAIT after a restart is not "busy".
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"port {port} on {host} is already in use (another gql-invoke, or "
                    f"another program); stop it, or pick another port: "
                    f"gql-invoke serve --port {port + 1}"
                )
            return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    return None


DB_CONNECT_TIMEOUT_S = 5.0


def database_problem(settings: Settings) -> str | None:
    """Why the PostgreSQL database of ``db_url`` cannot be opened (None: it can, or the
    deployment is on SQLite, which start-up creates)."""
    url = settings.database_url
    if not url.startswith("postgres"):
        return None
    import asyncio

    import asyncpg

    from gql_invoke.relay_pg import connect_args  # the DSN the relay connects with

    async def probe() -> None:
        dsn, server_settings = connect_args(url)
        conn = await asyncpg.connect(
            dsn, server_settings=server_settings, timeout=DB_CONNECT_TIMEOUT_S
        )
        await conn.close()

    try:
        asyncio.run(probe())
    except asyncpg.InvalidCatalogNameError as exc:
        return f"cannot open the database of db_url ({_shown(url)}): {exc}; create it or fix db_url"
    except (
        TimeoutError,
        OSError,
        asyncpg.PostgresError,
        asyncpg.InterfaceError,
        ValueError,
    ) as exc:
        reason = str(exc) or type(exc).__name__
        return (
            f"cannot open the database of db_url ({_shown(url)}): {reason}; check that "
            "PostgreSQL runs there and lets this user in, or fix db_url"
        )
    return None


def _shown(url: str) -> str:
    """``url`` without its password (it goes to a terminal and logs). By text, not
    urlsplit: a password with an unescaped / ? or # (or a malformed host) defeats that."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at:
        return url
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in userinfo else url


def processes_problem(settings: Settings, processes: int) -> str | None:
    """Why ``serve --processes N`` cannot run N API processes (None: it can)."""
    if processes < 1:
        return "--processes must be at least 1"
    if processes > 1 and not settings.database_url.startswith("postgres"):
        return (
            "--processes needs PostgreSQL (db_url: postgres://...): the API processes share "
            "one database, and SQLite takes one writer at a time; run one process, or move "
            "to PostgreSQL"
        )
    return None


def serve_problem(settings: Settings, processes: int = 1) -> str | None:
    """What stops ``serve`` before it starts: exposure first, then the port, the
    processes asked for, the database."""
    return (
        exposure_problem(settings)
        or port_problem(settings.host, settings.port)
        or processes_problem(settings, processes)
        or database_problem(settings)
    )
