"""Person-name spelling shared by the clean stage (authors) and the extract stage (officials)."""

from __future__ import annotations


def cited_case(name: str) -> str:
    """ALL-CAPS names title-cased the Korean way (KIM YOU-GEUN -> Kim You-geun); others unchanged."""
    if not name.isupper():
        return name
    return " ".join("-".join([p[:1] + p[1:].lower()] + [q.lower() for q in more])
                    for p, *more in (w.split("-") for w in name.split()))
