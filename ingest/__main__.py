"""Entry point of `python -m ingest`."""

from common.cli import run
from ingest import oneshot

oneshot.configure()

from ingest.cli import main  # noqa: E402  (after configure: nothing may use pyarrow before it)

run(main, quick_exit=True)
