#!/usr/bin/env bash
# Set everything up and run the tests.
#   bash scripts/test.sh [pytest args]         every tier: unit, store, AppTest and Chromium end-to-end (CI runs this)
#   bash scripts/test.sh quick [pytest args]   the quick tier: no process, browser, PDF or AppTest (under a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
if [ "${1:-}" = quick ]; then
  shift
  # -p no:playwright: the quick tier drives no browser, and the plugin's import alone costs a second.
  # -n 2: both cores (pytest-xdist); each worker builds the demo database once.
  _CCHC_QUICK=1 exec .venv/bin/python -m pytest -m "not (e2e or app or slow)" -p no:playwright -n 2 "$@"
fi
if [ ! -x /usr/bin/chromium ]; then
  # The browser tests drive Debian's Chromium; Playwright's own browser download cannot work here.
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core;
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-dejavu-core; fi
fi
if [ ! -x /usr/sbin/nginx ]; then
  # The deploy/ site is tested behind Debian's nginx (run as this user, no service); skipped without it.
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq nginx openssl || true;
  else sudo apt-get install -y -qq nginx openssl || true; fi
fi
exec .venv/bin/python -m pytest "$@"
