"""Compiled line rules: the generic profile's rules followed by the outlet profile's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..profiles import Profile, generic, get


@dataclass(frozen=True)
class Rules:
    """Regexes of one outlet, compiled once."""

    furniture: tuple[tuple[str, re.Pattern[str], str | None], ...]
    end_markers: tuple[re.Pattern[str], ...]
    stamps: tuple[tuple[str, re.Pattern[str]], ...]
    bylines: tuple[tuple[re.Pattern[str], str], ...]
    captions: tuple[re.Pattern[str], ...]
    timezone: str


@cache
def rules_for(key: str) -> Rules:
    """Rules for the profile `key` (generic rules first, then the outlet's)."""
    layers: list[Profile] = [generic()] if key == generic().key else [generic(), get(key)]
    profile = layers[-1]
    # Outlet rules go first where order matters (a site's exact byline beats the generic one).
    ordered = list(reversed(layers))
    return Rules(
        furniture=tuple((r.cls, re.compile(r.pattern), r.section_group) for p in ordered for r in p.furniture),
        end_markers=tuple(re.compile(p) for layer in ordered for p in layer.end_markers),
        stamps=tuple((r.field, re.compile(r.pattern)) for p in ordered for r in p.stamps),
        bylines=tuple((re.compile(r.pattern), r.scope) for p in ordered for r in p.bylines),
        captions=tuple(re.compile(p) for layer in ordered for p in layer.captions),
        timezone=profile.timezone,
    )
