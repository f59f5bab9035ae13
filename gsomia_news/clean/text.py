"""Text captures (pages saved as text, menus and all) -> lines -> classified article parts.

A capture of a page hard-wrapped at a fixed width (wire copy in <pre>, e-mailed stories) has one
line per 60-80 characters, not one per paragraph. Its story lines are joined back into
paragraphs, so that a name or a date broken over two lines stays whole.
"""

from __future__ import annotations

import re
from statistics import median

from .lines import LineResult, classify
from .rules import Rules

_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")


def clean_text(text: str, rules: Rules) -> LineResult:
    """Classify every line of a text capture; re-join the story of a hard-wrapped one."""
    result = classify(text.splitlines(), rules)
    result.paragraphs = unwrap(result.paragraphs)
    return result


def is_hard_wrapped(lines: list[str]) -> bool:
    """Most lines run to about the same width (at most 100 characters) and most stop mid-sentence."""
    if len(lines) < 6:
        return False
    widest = max(len(line) for line in lines)
    if widest > 100 or widest < 40:
        return False
    near_width = sum(len(line) >= 0.75 * widest for line in lines)
    open_ended = sum(not _SENTENCE_END.search(line) for line in lines)
    return near_width >= 0.6 * len(lines) and open_ended >= 0.5 * len(lines)


def unwrap(lines: list[str]) -> list[str]:
    """Paragraphs of a hard-wrapped story (others are returned as they are): a line joins the one
    before unless that one ends a sentence well short of the wrap width."""
    if not is_hard_wrapped(lines):
        return lines
    width = median(len(line) for line in lines if len(line) >= 0.75 * max(map(len, lines)))
    paragraphs: list[str] = []
    previous_len = 0  # length of the previous line as printed
    for line in lines:
        previous = paragraphs[-1] if paragraphs else None
        if previous is None or (_SENTENCE_END.search(previous) and previous_len < 0.8 * width):
            paragraphs.append(line)
        else:
            # "long-" + "burning": a hyphen at the wrap is kept, with no space after it
            joiner = "" if previous.endswith("-") and previous[-2:-1].isalpha() else " "
            paragraphs[-1] = previous + joiner + line
        previous_len = len(line)
    return paragraphs
