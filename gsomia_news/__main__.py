"""`python -m gsomia_news ...`: the same command line as `gsomia-news ...`."""

import sys

from .cli import main

sys.exit(main())
