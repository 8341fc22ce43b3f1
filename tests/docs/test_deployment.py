"""docs/nginx/gql-invoke.conf, the snippet docs/deployment.md includes: it has what a
proxy in front of gql-invoke needs, nginx accepts it, and a real server answers a query
and a websocket subscription through it (where nginx is installed)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect
from websockets.typing import Origin, Subprotocol

from tests.live_server import WS_PROTOCOL, free_port, live_server

DOCS = Path(__file__).resolve().parents[2] / "docs"
SNIPPET = DOCS / "nginx" / "gql-invoke.conf"
HOST = "gen.example.org"


def directives() -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in SNIPPET.read_text().splitlines())
    return [" ".join(line.split()) for line in lines if line]


def test_the_snippet_passes_upgrade_body_size_and_forwarded_headers() -> None:
    found = directives()
    for needed in (
        "proxy_pass http://127.0.0.1:9090;",
        "proxy_http_version 1.1;",
        "proxy_set_header Host $host;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_read_timeout 1h;",
        "client_max_body_size 20m;",  # max_upload_bytes' default, 20 MiB
        "map $http_upgrade $connection_upgrade {",
    ):
        assert needed in found, needed


def test_the_deployment_page_shows_the_snippet_as_it_is() -> None:
    page = (DOCS / "deployment.md").read_text()
    block = re.search(r"```nginx\n(.*?)```", page, re.S)
    assert block is not None and block.group(1) == SNIPPET.read_text()


def _nginx() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not path:
        pytest.skip("nginx is not installed (apt-get install -y nginx): snippet only parsed")
    return path


def _config(tmp: Path, upstream: int, https_port: int, http_port: int) -> Path:
    """The snippet with test ports and a self-signed certificate, in a minimal nginx.conf."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", f"/CN={HOST}", "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
        check=True,
        capture_output=True,
    )
    text = SNIPPET.read_text()
    text = text.replace("127.0.0.1:9090", f"127.0.0.1:{upstream}")
    text = text.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    text = re.sub(r"\n\s*listen \[::\]:\d+( ssl)?;", "", text)
    text = text.replace(f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(tmp / "cert.pem"))
    text = text.replace(f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(tmp / "key.pem"))
    (tmp / "gql-invoke.conf").write_text(text)
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"{user}daemon off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp}/body;\n"
        f"  proxy_temp_path {tmp}/proxy;\n  include {tmp}/gql-invoke.conf;\n}}\n"
    )
    return conf


@pytest.fixture
def nginx_in_front(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    nginx = _nginx()
    with live_server(tmp_path, allowed_hosts=[HOST], trusted_proxies=["127.0.0.1"]) as server:
        https_port, http_port = free_port(), free_port()
        conf = _config(tmp_path, server.port, https_port, http_port)
        test = subprocess.run(
            [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
        )
        assert test.returncode == 0, test.stderr
        proc = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(conf)])
        try:
            yield https_port, server.log
        finally:
            proc.terminate()
            proc.wait(10)


def _tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def test_a_query_and_a_websocket_subscription_pass_through_nginx(
    nginx_in_front: tuple[int, Path],
) -> None:
    port, log = nginx_in_front
    url = f"https://127.0.0.1:{port}/graphql"
    with httpx.Client(verify=_tls(), headers={"Host": HOST}, trust_env=False) as client:
        deadline = time.monotonic() + 10
        while True:
            try:
                response = client.post(url, json={"query": "{ __typename }"})
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}

    # 30 s: once, on a fresh CI box, this handshake outlasted 10 s (the first server of the
    # suite on a cold venv); a failure says what the server and nginx logged.
    try:
        ws_cm = connect(
            f"wss://{HOST}:{port}/graphql",
            sock=socket.create_connection(("127.0.0.1", port), timeout=30),
            ssl=_tls(),
            server_hostname=HOST,
            origin=Origin(f"https://{HOST}"),
            subprotocols=[Subprotocol(WS_PROTOCOL)],
            open_timeout=30,
            proxy=None,
        )
    except (TimeoutError, OSError) as exc:
        nginx_log = log.parents[1] / "error.log"
        raise AssertionError(
            f"websocket through nginx failed: {exc!r}\nserver log:\n{log.read_text()[-3000:]}"
            f"\nnginx error.log:\n{nginx_log.read_text()[-3000:] if nginx_log.exists() else ''}"
        ) from exc
    with ws_cm as ws:
        ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(ws.recv(10))["type"] == "connection_ack"
        ws.send(
            json.dumps({"type": "subscribe", "id": "1", "payload": {"query": "{ __typename }"}})
        )
        first = json.loads(ws.recv(10))
        assert first == {"type": "next", "id": "1", "payload": {"data": {"__typename": "Query"}}}
        assert json.loads(ws.recv(10)) == {"type": "complete", "id": "1"}
