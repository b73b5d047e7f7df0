"""Entry point of `python -m report`."""

from report.cli import main

raise SystemExit(main())
