"""Line classifier shared by text captures and HTML: furniture, stamps, bylines, captions, body.

Order of tests for each line (first match wins):
  1. after an end marker (comment box, "Related News" ...)  -> removed
  1b. an end marker, once the story has started              -> removed, and ends the story
  2. a line made only of stamps ("Written: ...Updated: ...") -> published/updated
  3. a furniture rule (menu, share, font, comment, cookie ...) -> removed
  4. an end marker before the story                          -> removed
  5. a byline ("BY NAME [email]", "By Name", "Name email")    -> authors
  6. a photo caption (credit at the end, or printed twice)     -> captions
  7. the headline (first substantive line) and its repeats    -> title
  8. anything else                                             -> body paragraph
  A byline cut from the end of a content line (radio sign-offs) leaves the rest as body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import RemovedLine
from ..names import cited_case
from .rules import Rules
from .stamps import parse_stamp

_WS = re.compile(r"\s+")
# A line that is only a date (and time): a publication stamp without a label ("Nov 22, 2019"),
# trusted only between the headline and the first paragraph.
_DATE_LINE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<when>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{4}"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{4}[-./]\d{1,2}[-./]\d{1,2})"
    r"(?:[ ,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?)\s*(?:KST)?$")
# A section label printed right above the headline: "NATIONAL / POLITICS & DIPLOMACY".
_KICKER = re.compile(r"^(?:[A-Z][A-Z0-9&,'’ -]*(?:\s*[/>|›]\s*[A-Z][A-Z0-9&,'’ -]*)*|[A-Z][\w&' -]*(?:\s+[/>›]\s+[A-Z][\w&' -]*)+)$")
_QUOTES = "'\"‘’“”"
_NOT_NAMES = re.compile(
    r"^(?:North|South|The|This|That|U\.?S\.?|United|Japan|Korea|China|Seoul|Tokyo|Washington)\b"
)


def norm(line: str) -> str:
    """Comparison form of a line: whitespace collapsed, outer quotes dropped, case folded."""
    return _WS.sub(" ", line).strip().strip(_QUOTES).strip().casefold()


def clean_name(name: str) -> str:
    """An author name without e-mail, 'BY', brackets; ALL-CAPS names title-cased (KIM YOU-GEUN -> Kim You-geun)."""
    name = re.sub(r"[\[(<]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\])>]?", "", name)
    name = re.sub(r"^(?:BY|By|by)\s+", "", name.strip())
    return cited_case(_WS.sub(" ", name).strip(" ,.;:-"))


def split_names(names: str) -> list[str]:
    """Split 'A, B and C' into clean names."""
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bAND\b)\s*", names)
    return [n for n in (clean_name(p) for p in parts) if n and not _NOT_NAMES.match(n)]


@dataclass
class LineResult:
    """Outcome of classifying the lines of one page."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


def _only_stamps(line: str, rules: Rules) -> list[tuple[str, str]] | None:
    """The (field, when) stamps if the line consists of stamps and punctuation only."""
    found: list[tuple[str, str]] = []
    rest = line
    for fieldname, pattern in rules.stamps:
        for match in pattern.finditer(line):
            found.append((fieldname, match.group("when")))
            rest = rest.replace(match.group(0), " ")
    if found and not re.sub(r"[\s,;|·•:-]+", "", rest):
        return found
    return None


def _furniture(line: str, rules: Rules) -> tuple[str, str | None] | None:
    for cls, pattern, section_group in rules.furniture:
        match = pattern.search(line)
        if match:
            section = match.group(section_group) if section_group else None
            return cls, section
    return None


def _byline(line: str, rules: Rules) -> tuple[list[str], str] | None:
    """(names, remaining text) if the line is, or ends with, a byline."""
    tail_only = len(line.split()) > 16  # a whole-line byline is short
    for pattern, scope in rules.bylines:
        if scope == "line" and tail_only:
            continue
        match = pattern.search(line)
        if not match:
            continue
        names = split_names(match.group("names"))
        if not names:
            continue
        rest = line[: match.start()].strip() if scope == "tail" else ""
        return names, rest
    return None


def _is_caption(line: str, rules: Rules) -> bool:
    return any(p.search(line) for p in rules.captions)


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 40


def classify(lines: list[str], rules: Rules, title: str | None = None) -> LineResult:
    """Classify the lines of one page (see the module docstring for the order of tests)."""
    out = LineResult(title=title)
    stripped = [_WS.sub(" ", ln).strip() for ln in lines]
    stripped = [ln for ln in stripped if ln]
    if out.title is None:
        out.title = _pick_title(stripped, rules)
    title_norm = norm(out.title) if out.title else None
    seen_title = False
    ended = False
    caption_norms: set[str] = set()
    previous = ""
    for i, line in enumerate(stripped):
        if i:
            previous = stripped[i - 1]
        def drop(cls: str) -> None:
            out.removed.append(RemovedLine(text=line, cls=cls))

        if ended:
            drop("after-end")
            continue
        stamps = _only_stamps(line, rules)
        if stamps:
            for fieldname, when in stamps:
                value = parse_stamp(when, rules.timezone)
                if value and getattr(out, fieldname) is None:
                    setattr(out, fieldname, value)
            drop("stamp")
            continue
        # An end marker after the story has started ends it, even if it is also furniture:
        # what follows ("Related News" headlines, comments) cannot be matched line by line.
        if out.paragraphs and any(p.search(line) for p in rules.end_markers):
            drop("end")
            ended = True
            continue
        furniture = _furniture(line, rules)
        if furniture:
            cls, section = furniture
            if section and out.section is None:
                out.section = _WS.sub(" ", section).strip()
            drop(cls)
            continue
        if any(p.search(line) for p in rules.end_markers):
            drop("end")
            continue
        if title_norm is not None and norm(line) == title_norm:
            if not seen_title and out.section is None and previous and _is_kicker(previous, rules):
                out.section = previous
            drop("headline" if not seen_title else "headline-repeat")
            seen_title = True
            continue
        if out.title is not None and not seen_title:
            # Lines before the headline are navigation, whatever they say.
            drop("pre-title")
            continue
        date_line = _DATE_LINE.match(line) if seen_title and not out.paragraphs else None
        if date_line:
            value = parse_stamp(date_line.group("when"), rules.timezone)
            if value and out.published is None:
                out.published = value
            drop("stamp")
            continue
        byline = _byline(line, rules)
        if byline:
            names, rest = byline
            for name in names:
                if name.casefold() not in {a.casefold() for a in out.authors}:
                    out.authors.append(name)
            if not rest:
                drop("byline")
                continue
            out.removed.append(RemovedLine(text=line[len(rest):].strip(), cls="byline"))
            line = rest
        key = norm(line)
        if key in caption_norms:
            drop("caption-repeat")
            continue
        repeated = i + 1 < len(stripped) and norm(stripped[i + 1]) == key and len(line.split()) >= 6
        if _is_caption(line, rules) or repeated:
            caption_norms.add(key)
            out.captions.append(line)
            drop("caption")
            continue
        out.paragraphs.append(line)
    return out


def _is_kicker(line: str, rules: Rules) -> bool:
    """A short section label ("NATIONAL / POLITICS", "North Korea > Defense") above a headline."""
    return len(line.split()) <= 8 and bool(_KICKER.match(line)) and not _only_stamps(line, rules) \
        and not _furniture(line, rules) and (line.isupper() or any(c in line for c in "/>›"))


def _pick_title(lines: list[str], rules: Rules) -> str | None:
    """Headline of a text capture: a substantive line printed twice near the top, else the first
    line of headline length (5+ words, not ALL CAPS, not a caption); else any 3+ word line."""
    candidates: list[str] = []
    for line in lines[:40]:
        if _only_stamps(line, rules) or _furniture(line, rules) or any(p.search(line) for p in rules.end_markers):
            continue
        if _is_caption(line, rules) or _byline(line, rules) or _DATE_LINE.match(line):
            continue
        if _looks_like_title(line):
            candidates.append(line)
    if not candidates:
        return None
    norms = [norm(c) for c in candidates[:12]]
    for c, n in zip(candidates, norms):
        if norms.count(n) > 1 and len(c.split()) <= 30:
            return c
    headline_like = [c for c in candidates if 5 <= len(c.split()) <= 30 and not c.isupper()]
    return (headline_like or candidates)[0]


def is_header_line(line: str, rules: Rules) -> bool:
    """A line that belongs between headline and story: a stamp, byline, breadcrumb or date."""
    if _only_stamps(line, rules) or _DATE_LINE.match(line) or _byline(line, rules):
        return True
    furniture = _furniture(line, rules)
    return bool(furniture and furniture[1])
