"""Entry point of `python -m report`."""

from common.cli import run
from report.cli import main

run(main)
