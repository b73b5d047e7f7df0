"""Entry point of `python -m store` (backup and restore)."""

from common.cli import run
from store.cli import main

run(main)
