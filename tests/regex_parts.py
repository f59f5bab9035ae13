"""A check shared by tests of the pact-name filters: is a string a part of a regex that every
match of the regex contains?"""

from __future__ import annotations


def top_level(source: str, part: str) -> bool:
    """True when `part` occurs in the regex `source` outside every group, and `source` has no
    alternation outside its groups (so every match of `source` holds a match of `part`)."""
    depths, depth = [], 0
    for i, ch in enumerate(source):
        depths.append(depth)
        if i == 0 or source[i - 1] != "\\":
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
    if any(ch == "|" and depths[i] == 0 for i, ch in enumerate(source)):
        return False
    return any(depths[at] == 0 for at in range(len(source)) if source.startswith(part, at))
