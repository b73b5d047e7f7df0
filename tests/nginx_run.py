"""Debian's nginx for the tests, run as the current user with every path of its own in a temporary folder
(no system service, nothing under /etc or /var): the deploy/ site rendered for loopback, a self-signed
certificate, and optional "client" servers that reach the site from other loopback addresses (proxy_bind),
so that the site sees several clients, as it would on a network."""

from __future__ import annotations

import grp
import os
import pwd
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NGINX = "/usr/sbin/nginx"
sys.path.insert(0, str(ROOT / "deploy"))
from render_nginx import render  # noqa: E402  (deploy/ is scripts, not a package)

from tests.e2e.conftest import stop  # noqa: E402

MAIN = """
{user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
    include {prefix}/clients.conf;
}}
"""

CLIENT = """
server {{
    listen 127.0.0.1:{port};
    location / {{
        proxy_pass https://127.0.0.1:{site};
        proxy_bind {source};
        proxy_ssl_verify off;
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_read_timeout 1h;
        proxy_buffering off;
        client_max_body_size 0;
    }}
}}
"""
UPGRADE_MAP = "map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"


def require_nginx() -> None:
    """Skip without Debian's nginx, except in CI (CI=true), where its absence is a failure."""
    if Path(NGINX).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{NGINX} is missing: CI must install Debian's nginx (see .ci/run)")
    pytest.skip(f"{NGINX} not installed (apt-get install nginx)")


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1 and localhost, valid for two days."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@dataclass
class Site:
    """The site's addresses: plain HTTP (redirects), HTTPS, and one URL per simulated client address."""

    http: str
    https: str
    clients: dict[str, str]
    prefix: Path
    db: Path = Path()  # the database of the dashboard behind it, when a test says


def configure(prefix: Path, upstream: str, max_upload_mb: int, sources: tuple[str, ...] = ()) -> Site:
    """Write nginx.conf, the deploy/ site and the client servers under `prefix`; their addresses."""
    cert, key = self_signed(prefix)
    http_port, https_port = free_port(), free_port()
    site = render("127.0.0.1 localhost", str(cert), str(key), upstream, https_port, http_port, max_upload_mb)
    (prefix / "site.conf").write_text(site, encoding="utf-8")
    ports = {source: free_port() for source in sources}
    clients = UPGRADE_MAP + "".join(CLIENT.format(port=p, site=https_port, source=s) for s, p in ports.items())
    (prefix / "clients.conf").write_text(clients, encoding="utf-8")
    me = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};" if os.getuid() == 0 else ""
    (prefix / "nginx.conf").write_text(MAIN.format(prefix=prefix, user=me), encoding="utf-8")
    return Site(f"http://127.0.0.1:{http_port}", f"https://127.0.0.1:{https_port}",
                {s: f"http://127.0.0.1:{p}" for s, p in ports.items()}, prefix)


def check(prefix: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on the configuration under `prefix`."""
    return subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e",
                           str(prefix / "error.log")], capture_output=True, text=True)


def _wait_listening(url: str, proc: subprocess.Popen[bytes], prefix: Path) -> None:
    host, port = url.rsplit("/", 1)[-1].split(":")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("nginx exited: " + (prefix / "error.log").read_text(errors="replace")[-2000:])
        with socket.socket() as s:
            if s.connect_ex((host, int(port))) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError("nginx did not start listening")


@contextmanager
def running(site: Site) -> Iterator[Site]:
    """nginx in the foreground on this configuration, stopped afterwards."""
    prefix = site.prefix
    cmd = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log"),
           "-g", "daemon off;"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=(prefix / "stderr.log").open("wb"))
    try:
        for url in (site.https, site.http, *site.clients.values()):
            _wait_listening(url, proc, prefix)
        yield site
    finally:
        stop(proc)
