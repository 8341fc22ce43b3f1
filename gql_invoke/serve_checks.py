"""What ``serve`` refuses before it starts: single-user mode exposed to the network, and
a port that is already taken. Standard library and config only, so the entry point
(launch.py) can check before importing anything heavy, and cli.cmd_serve again for
callers that enter through gql_invoke.cli directly.
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


def serve_problem(settings: Settings) -> str | None:
    """What stops ``serve`` before it starts: exposure first, then the port."""
    return exposure_problem(settings) or port_problem(settings.host, settings.port)
