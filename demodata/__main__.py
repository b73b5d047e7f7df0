"""`python -m demodata [OUT_DIR]`: write the demo files (default: the project's data/ folder)."""

from __future__ import annotations

import sys
from pathlib import Path

from demodata.generate import DATA, generate

for path in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA):
    print(path)
