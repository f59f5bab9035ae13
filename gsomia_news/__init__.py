"""gsomia-news: gather and extract news coverage of GSOMIA.

Python API (README, "Python API"): `gsomia_news.extract(page, url, *, published=None,
obtained_at=None) -> Article` for one page, and `gsomia_news.read_dataset(path)` for the tidy
pandas tables of a dataset. Both load on first use, so `import gsomia_news` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Bumped whenever cleaning/extraction output may change for the same raw page; recorded in
# every manifest. (The extraction cache needs no bump: its key covers the code itself.)
# 2: caption roles come from searching captions for the body's names, not from caption NER.
# 3: pages never seen (issues 11-13): headline-less excerpts, stamps, datelines and URL dates
#    for any site, the HTML date chain, generic furniture; officials from the parse and the
#    knowledge base; TimeML date values with mod and range.
# 4: the headline-shaped lines under a list heading ("Trending Now") are that list's items, not
#    headline candidates, unless printed twice, right above the stamp or byline, or about the story.
PIPELINE_VERSION = "4"

__all__ = ["PIPELINE_VERSION", "Article", "Dataset", "__version__", "extract", "read_dataset"]

if TYPE_CHECKING:
    from .api import Dataset, extract, read_dataset
    from .models import Article

_LAZY = {"read_dataset": ".api", "Dataset": ".api", "Article": ".models"}


def __getattr__(name: str) -> Any:
    """The public API, imported on first use."""
    if name == "extract":
        # The extraction subpackage has the public function's name; the package module is
        # callable and runs `api.extract` (see extract/__init__.py).
        return importlib.import_module(".extract", __name__)
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
