"""Extract stage: body -> dates, officials, quotes; the Article record.

This package also answers to the public call `gsomia_news.extract(page, url, ...)`: the
contract gives the function the package's name, and `gsomia_news.extract` is this module once
it is imported, so the module itself is callable and runs `gsomia_news.api.extract`.
"""

from __future__ import annotations

import inspect
import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    """This package's module type: calling it is calling `gsomia_news.api.extract`."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ..api import extract

        return extract(*args, **kwargs)

    @property
    def __signature__(self) -> inspect.Signature:
        from ..api import extract

        return inspect.signature(extract)


sys.modules[__name__].__class__ = _CallablePackage
