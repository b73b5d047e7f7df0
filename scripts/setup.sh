#!/usr/bin/env bash
# Set up the virtual environment in .venv with the pinned packages (idempotent).
# Usage: scripts/setup.sh [requirements file]   (default: requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
req="${1:-requirements.txt}"
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    # Debian splits venv out of python3; install it when we may.
    rm -rf .venv
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv;
    else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; fi
    python3 -m venv .venv
  fi
fi
stamp=".venv/.installed-$(sha256sum "$req" requirements.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$req"
  touch "$stamp"
fi
