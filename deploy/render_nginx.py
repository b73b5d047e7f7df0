"""Write the nginx site of the dashboard from deploy/nginx/cchc.conf.template.

nginx cannot read the application's settings, so the upload limit (CCHC_MAX_UPLOAD_MB, from the
environment or /etc/cchc/cchc.env) is written into the site here. Run it again after changing it.

    python3 deploy/render_nginx.py --server-name iso.langson.gov.vn \\
        --cert /etc/ssl/certs/iso.pem --key /etc/ssl/private/iso.key > /etc/nginx/sites-available/cchc
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "cchc.conf.template"
ENV_FILE = Path("/etc/cchc/cchc.env")
DEFAULT_UPLOAD_MB = "50"  # common/settings.py's default; this script runs without the application's packages


def settings_file(path: Path) -> dict[str, str]:
    """The KEY=value lines of an environment file (systemd's EnvironmentFile), when it exists."""
    if not path.is_file():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if "=" in line and not line.lstrip().startswith("#"))
    return {k.strip(): v.strip().strip('"') for k, v in pairs}


def upload_mb(env_file: Path) -> int:
    """CCHC_MAX_UPLOAD_MB from the environment, else from the environment file, else its default."""
    raw = os.environ.get("CCHC_MAX_UPLOAD_MB") or settings_file(env_file).get("CCHC_MAX_UPLOAD_MB") or ""
    value = raw or DEFAULT_UPLOAD_MB
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"CCHC_MAX_UPLOAD_MB must be a whole number of megabytes, not {value!r}")
    return int(value)


def render(server_name: str, cert: str, key: str, upstream: str = "127.0.0.1:8501", https_port: int = 443,
           http_port: int = 80, max_upload_mb: int = 50) -> str:
    """The site's text for these values."""
    return TEMPLATE.read_text(encoding="utf-8").format(
        server_name=server_name, cert=cert, key=key, upstream=upstream, https_port=https_port,
        http_port=http_port, https_suffix="" if https_port == 443 else f":{https_port}",
        max_upload_mb=max_upload_mb, body_mb=max_upload_mb + 5)  # +5 MB: the form around the file (README)


def main(argv: list[str] | None = None) -> int:
    """Print the site (or write it with --out)."""
    p = argparse.ArgumentParser(prog="deploy/render_nginx.py", description=__doc__.splitlines()[0])
    p.add_argument("--server-name", required=True, help="the address people type, e.g. iso.langson.gov.vn")
    p.add_argument("--cert", required=True, help="the certificate (full chain), PEM")
    p.add_argument("--key", required=True, help="the certificate's private key, PEM")
    p.add_argument("--upstream", default="127.0.0.1:8501", help="where the dashboard listens (CCHC_PORT)")
    p.add_argument("--https-port", type=int, default=443)
    p.add_argument("--http-port", type=int, default=80)
    p.add_argument("--env-file", type=Path, default=ENV_FILE, help="read CCHC_MAX_UPLOAD_MB from here too")
    p.add_argument("--out", type=Path, help="write here instead of printing")
    args = p.parse_args(argv)
    text = render(args.server_name, args.cert, args.key, args.upstream, args.https_port, args.http_port,
                  upload_mb(args.env_file))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
