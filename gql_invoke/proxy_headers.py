"""X-Forwarded-For / X-Forwarded-Proto, believed only from ``trusted_proxies``.

uvicorn's own handling trusts 127.0.0.1 by default, so any local process could pick
the client address the per-IP login limit and the audit log see. ``serve`` turns it
off; this middleware decides instead, so every server (and the TestClient) behaves
the same. With ``trusted_proxies`` empty (the default) the headers are ignored.

From a trusted peer, the client is the right-most X-Forwarded-For address that is
not itself a trusted proxy (each proxy appends the address it saw; everything to
the left of the last one we trust was written by the client and may be forged).
Code reads the result as ``conn.client.host`` (``scope["client"]``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_SCHEMES = {
    "http": {"http": "http", "https": "https"},
    "websocket": {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"},
}


def parse_ip(text: str) -> IPAddress | None:
    """An address as proxies write it: ``1.2.3.4``, ``1.2.3.4:5678``, ``::1``, ``[::1]:5678``."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


class TrustedProxies:
    def __init__(self, networks: Sequence[str]) -> None:
        self.networks = [ipaddress.ip_network(n.strip(), strict=False) for n in networks]

    def __bool__(self) -> bool:
        return bool(self.networks)

    def __contains__(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)

    def client_from(self, forwarded_for: Sequence[str]) -> str | None:
        """The client address an X-Forwarded-For chain names, or None to keep the peer."""
        hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
        addresses = [parse_ip(hop) for hop in hops]
        for address in reversed(addresses):
            if address is None:
                return None  # garbage where the client should be: believe nothing
            if address not in self:
                return str(address)
        # Every hop is one of our proxies: the left-most is where it started.
        return str(addresses[0]) if addresses else None


class ProxyHeaders:
    def __init__(self, app: ASGIApp, trusted: Sequence[str]) -> None:
        self.app = app
        self.trusted = TrustedProxies(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in _SCHEMES and self.trusted:
            client = scope.get("client")
            peer = parse_ip(str(client[0])) if client else None
            if peer is not None and peer in self.trusted:
                scope = self._resolved(scope)
        await self.app(scope, receive, send)

    def _resolved(self, scope: Scope) -> Scope:
        scope = dict(scope)
        forwarded_for: list[str] = []
        protos: list[str] = []
        for key, value in scope["headers"]:
            if key == b"x-forwarded-for":
                forwarded_for.append(value.decode("latin-1"))
            elif key == b"x-forwarded-proto":
                protos.append(value.decode("latin-1"))
        client = self.trusted.client_from(forwarded_for)
        if client is not None:
            scope["client"] = (client, 0)
        if protos:
            proto = protos[-1].split(",")[-1].strip().lower()
            scheme = _SCHEMES[scope["type"]].get(proto)
            if scheme is not None:
                scope["scheme"] = scheme
        return scope
