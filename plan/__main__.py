"""Entry point of `python -m plan`."""

from common.cli import run
from plan.cli import main

run(main)
