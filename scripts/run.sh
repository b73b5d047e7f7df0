#!/usr/bin/env bash
# Set everything up and open the dashboard on the demo database (built on first start).
# Listens on 127.0.0.1 only: see the README to serve it to others.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
exec .venv/bin/python -m server \
  --server.address "${CCHC_ADDRESS:-127.0.0.1}" --server.port "${CCHC_PORT:-8501}" \
  --browser.gatherUsageStats false "$@"
