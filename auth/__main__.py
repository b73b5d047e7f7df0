"""Entry point of `python -m auth`."""

from auth.cli import main
from common.cli import run

run(main)
