"""Build the handouts: `python make_pdf.py [guide.yaml ...] [--locale nb] [--out DIR]`.

A thin entry point to `guidepress.cli.main`, usable from a checkout without installing.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from guidepress.cli.command import entry  # noqa: E402

if __name__ == "__main__":
    entry()
