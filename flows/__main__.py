"""``python -m flows ingest ...``: the same entry as the ``marginalia`` console script."""
import sys

from flows.cli import main

sys.exit(main())
