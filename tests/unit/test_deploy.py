"""deploy/: the nginx site passes `nginx -t` and takes its body limit from CCHC_MAX_UPLOAD_MB; the systemd
units pass `systemd-analyze verify` (with this checkout in place of /opt/cchc)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.nginx_run import configure, require_nginx

ROOT = Path(__file__).resolve().parents[2]
UNITS = ("cchc.service", "cchc-backup.service", "cchc-backup.timer")


@pytest.mark.slow
def test_the_nginx_site_passes_nginx_t(tmp_path: Path) -> None:
    require_nginx()
    configure(tmp_path, "127.0.0.1:8501", 50)
    done = subprocess.run(["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                           "-e", str(tmp_path / "error.log")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    site = (tmp_path / "site.conf").read_text()
    for needed in ("Strict-Transport-Security", "proxy_set_header Upgrade $http_upgrade",
                   "proxy_set_header X-Forwarded-For $remote_addr", "proxy_set_header X-Forwarded-Proto $scheme",
                   "location /_stcore/stream", "client_max_body_size 55m;"):
        assert needed in site


@pytest.mark.slow
def test_the_body_limit_comes_from_the_upload_setting(tmp_path: Path) -> None:
    env_file = tmp_path / "cchc.env"
    env_file.write_text("# settings\nCCHC_MAX_UPLOAD_MB=20\n")
    script = [sys.executable, str(ROOT / "deploy" / "render_nginx.py"), "--server-name", "iso.example",
              "--cert", "/c.pem", "--key", "/k.pem", "--env-file", str(env_file)]
    env = {k: v for k, v in os.environ.items() if k != "CCHC_MAX_UPLOAD_MB"}
    from_file = subprocess.run(script, capture_output=True, text=True, env=env, check=True).stdout
    from_env = subprocess.run(script, capture_output=True, text=True, env={**env, "CCHC_MAX_UPLOAD_MB": "7"},
                              check=True).stdout
    assert "client_max_body_size 25m;" in from_file and "client_max_body_size 12m;" in from_env
    bad = subprocess.run(script, capture_output=True, text=True, env={**env, "CCHC_MAX_UPLOAD_MB": "lots"})
    assert bad.returncode != 0 and "CCHC_MAX_UPLOAD_MB" in bad.stderr


@pytest.mark.slow
def test_the_systemd_units_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed")
    env_file = tmp_path / "cchc.env"
    shutil.copy(ROOT / "deploy" / "cchc.env.example", env_file)
    for name in UNITS:
        text = (ROOT / "deploy" / "systemd" / name).read_text()
        text = text.replace("/opt/cchc", str(ROOT)).replace("/etc/cchc/cchc.env", str(env_file))
        (tmp_path / name).write_text(text)
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *(str(tmp_path / n) for n in UNITS)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout + done.stderr == "", done.stdout + done.stderr
    service = (ROOT / "deploy" / "systemd" / "cchc.service").read_text()
    for needed in ("User=cchc", "StateDirectory=cchc", "MemoryMax=", "Restart=on-failure", "-m server"):
        assert needed in service
