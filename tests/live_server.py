"""`gql-invoke serve` in a child process: the real cmd_serve, uvicorn and its options.

For what the TestClient cannot show: the Host and Origin of a websocket handshake
as a browser sends them, uvicorn's own proxy-header and frame-size handling, a raw
HTTP/1.0 request. Clients connect to 127.0.0.1 and may claim any Host, as a page
does after DNS rebinding.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

WS_PROTOCOL = "graphql-transport-ws"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    port: int
    log: Path
    client: httpx.Client
    root: Path

    def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
        )
        return dict(response.json())

    def ok_as(self, token: str | None, query: str, **variables: Any) -> Any:
        """The data of ``query`` asked with ``token`` (None: signed out), asserting no
        errors. A client of its own per call: no cookie from another sign-in rides along."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        with httpx.Client(base_url=self.client.base_url, timeout=10, trust_env=False) as c:
            answer = c.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            ).json()
        assert not answer.get("errors"), answer["errors"]
        return answer["data"]

    def ws(self, host: str | None = None, origin: str | None = None) -> ClientConnection:
        """A websocket to this server whose handshake claims ``host`` (default: the
        server's own address) and, if given, ``origin``."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        host = host or f"127.0.0.1:{self.port}"
        return connect(
            f"ws://{host}/graphql",
            sock=sock,
            origin=None if origin is None else Origin(origin),
            subprotocols=[Subprotocol(WS_PROTOCOL)],
            open_timeout=10,
            max_size=None,
            compression=None,
            proxy=None,
        )

    def raw(self, request: bytes) -> bytes:
        """Send bytes as they are; the whole answer (the server closes: HTTP/1.0)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(request)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)


def children(pid: int) -> list[int]:
    """The pids of ``pid``'s child processes (none once it is gone)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def place_demo_model(root: Path) -> None:
    """The demo model, built once per session, hard-linked into ``root``'s models folder:
    a server that finds it there registers it without building it (about 7 s of each
    start on a 2-core box, in a child that imports torch beside the starting worker).
    Links, not a symlink: a test that deletes the model deletes its own copy only."""
    from tests.queue_support import demo_model_dir

    built = demo_model_dir()
    shutil.copytree(built, root / "models" / built.name, copy_function=os.link)


@contextmanager
def live_server(
    tmp_path: Path, prebuilt_demo: bool = True, **settings: Any
) -> Iterator[LiveServer]:
    """``prebuilt_demo``: with ``build_demo_model``, place the session's demo model first
    (False: the server builds its own, as on a new machine)."""
    root = tmp_path / f"live{free_port()}"
    root.mkdir(parents=True)
    config = {"worker_enabled": False, "build_demo_model": False, **settings}
    if prebuilt_demo and config["build_demo_model"]:
        place_demo_model(root)
    (root / "gql_invoke.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GQL_INVOKE_")}
    port = free_port()
    log = root / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gql_invoke.launch",  # what the gql-invoke command runs
                "serve",
                "--root",
                str(root),
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10, trust_env=False)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("server did not start:\n" + log.read_text())
            time.sleep(0.1)
        yield LiveServer(port, log, client, root)
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
