"""``python -m pipeline.cli``: the vntasks command."""

import sys

from pipeline.cli import main

sys.exit(main())
