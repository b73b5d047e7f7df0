#!/usr/bin/env bash
# Set everything up and run the whole test suite: unit, store, AppTest and Chromium end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt
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
