"""Entry point of `python -m auth`."""

import sys

from auth.cli import main

sys.exit(main())
