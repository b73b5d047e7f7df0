#!/usr/bin/env bash
# Set everything up and run the tests.
#   bash scripts/test.sh [pytest args]         every tier: unit, store, AppTest (on both cores), then Chromium
#                                              end-to-end (CI runs this); with -m, -k or a test path: one pytest run
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
case " $* " in
  # A tier, a test or an expression asked for: one pytest run, as asked.
  *" -m "*|*" -k "*|*" tests/"*|*"::"*) exec .venv/bin/python -m pytest "$@" ;;
esac
# Every tier in two runs: all but the browser on both cores (pytest-xdist; the demo database is built once per
# worker), then the browser tests one at a time (each drives a Chromium against its own server). Both always run;
# the exit code is the first failure's.
status=0
.venv/bin/python -m pytest -m "not e2e" -n 2 "$@" || status=$?
.venv/bin/python -m pytest -m e2e "$@" || { [ "$status" != 0 ] || status=$?; }
exit "$status"
