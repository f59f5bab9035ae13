"""Direct quotations attributed to the officials who said them.

A quotation is text between double quotes (straight or curly) of at least three words, inside
one paragraph. Its speaker, in order of trust:
  1. a name or short form right after it: `," Kang said` / `" said Kim Yu-geun`;
  2. a name right before it: `Kang said, "` / `Kang said that "`, or a sound-bite label in the
     same paragraph: `[Soundbite] Kang Kyung-wha(Foreign Minister) : "`;
  3. a sound-bite label in the previous paragraph: `[Sound bite: Rep. Eliot Engel - ...]`;
  4. `he/she said` right after it: the one official named earlier in this paragraph, or, if
     none is, the one named in the previous paragraph (two or more: no speaker).
Only mentions already resolved to an official count, so a quote is never given to an
unresolved "Kim" or to a private person.
"""

from __future__ import annotations

import re

from ..models import ArticleOfficial, Quote

_QUOTE = re.compile(r"[\"“](?P<text>[^\"“”\n]{8,}?)[\"”]")
_VERBS = r"(?:said|says|added|told|stressed|noted|explained|argued|warned|asked|wrote|insisted|emphasized|stated|remarked|replied)"
_AFTER_NAME = re.compile(rf"^\s*,?\s*(?:{_VERBS}\s+)?$")
_AFTER_PRONOUN = re.compile(rf"^\s*,?\s*(?:he|she)\s+{_VERBS}\b|^\s*,?\s*{_VERBS}\s+(?:he|she)\b", re.I)
_BEFORE = re.compile(rf"\b{_VERBS}(?:\s+(?:that|on \w+|in a statement))?\s*,?\s*$")
_LABEL_ROLE = re.compile(r"^\s*\([^()\n]{3,80}\)\s*:\s*$")  # "NAME(Role) : \"...\"" (KBS sound bites)


def find_quotes(body: str, officials: list[ArticleOfficial]) -> list[Quote]:
    """Quotations in `body` whose speaker is one of `officials` (see module docstring)."""
    mentions = sorted((m.start, m.end, o.id) for o in officials for m in o.mentions)
    paragraphs = [m.start() for m in re.finditer(r"(?:^|\n\n)", body)]
    quotes: list[Quote] = []
    for match in _QUOTE.finditer(body):
        text = match.group("text").strip(" ,.")
        if len(text.split()) < 3:
            continue
        start, end = match.span("text")
        speaker = _speaker(body, match.start(), match.end(), mentions, paragraphs)
        if speaker:
            t_start = body.index(text, start)
            quotes.append(Quote(speaker=speaker, text=text, start=t_start, end=t_start + len(text)))
    return quotes


def _paragraph_bounds(body: str, pos: int) -> tuple[int, int]:
    start = body.rfind("\n\n", 0, pos)
    end = body.find("\n\n", pos)
    return (0 if start < 0 else start + 2), (len(body) if end < 0 else end)


def _speaker(body: str, q_start: int, q_end: int, mentions: list[tuple[int, int, str]],
             paragraphs: list[int]) -> str | None:
    p_start, p_end = _paragraph_bounds(body, q_start)
    # 1. name right after: `," Kang said` / `," said Kim Yu-geun`
    for m_start, m_end, pid in mentions:
        if q_end <= m_start < min(p_end, q_end + 40) and _AFTER_NAME.match(body[q_end:m_start]):
            return pid
        if q_end <= m_start < min(p_end, q_end + 40):
            gap = body[q_end:m_start]
            if re.fullmatch(rf"\s*,?\s*{_VERBS}\s+(?:the\s+\w+\s+)?", gap):
                return pid
    # 2. name right before: `Kang said, "`
    for m_start, m_end, pid in reversed(mentions):
        if p_start <= m_start and m_end <= q_start:
            gap = body[m_end:q_start]
            if (len(gap) < 40 and _BEFORE.search(gap)) or (len(gap) < 90 and _LABEL_ROLE.match(gap)):
                return pid
    # 3. a sound-bite label as the previous paragraph
    prev_start, prev_end = _paragraph_bounds(body, max(0, p_start - 3))
    label = body[prev_start:prev_end] if p_start > 0 else ""
    if label.startswith("[Sound bite:") and q_start - p_start < 3:
        inside = [pid for m_start, _, pid in mentions if prev_start <= m_start < prev_end]
        if len(set(inside)) == 1:
            return inside[0]
    # 4. `he said`: the one official named earlier in this paragraph, else in the previous one
    if _AFTER_PRONOUN.match(body[q_end:q_end + 30]):
        here = {pid for m_start, _, pid in mentions if p_start <= m_start < q_start}
        if not here and p_start > 0:
            here = {pid for m_start, _, pid in mentions if prev_start <= m_start < prev_end}
        if len(here) == 1:
            return here.pop()
    return None
