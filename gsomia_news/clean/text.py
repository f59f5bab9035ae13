"""Text captures (pages saved as text, menus and all) -> lines -> classified article parts.

A capture of a page hard-wrapped at a fixed width (wire copy in <pre>, e-mailed stories, a page
copied from a terminal) has one line per 60-80 characters, not one per paragraph. Its lines are
joined back before they are classified, so that a headline, a caption or a lead broken over two
lines is read whole (a wrapped line may go on with a capital: "... South Korea and" / "Japan ...").
A line was wrapped when the next line's first word would not have fitted on it (a greedy wrap
fills each line up to the width): the two join. A shorter line ends its paragraph (or is a
header line), unless it stops mid-sentence and the next goes on in lower case. A blank line, an
agency dateline, or a line that is a stamp, date line, byline, furniture or end marker on its own
never joins the line before; a photo credit alone ("[YONHAP]") joins the wrapped caption above it.
"""

from __future__ import annotations

import re
from statistics import median

from .lines import _DATE_LINE, _DATELINE_LEAD, LineResult, _read, classify
from .rules import Rules

_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")


def clean_text(text: str, rules: Rules, url: str | None = None) -> LineResult:
    """Classify every line of a text capture (published at `url`); a hard-wrapped one is re-joined first."""
    lines = text.splitlines()
    width = wrap_width(lines)
    if width:
        lines = join_wrapped(lines, width, rules)
    result = classify(lines, rules, url=url)
    if not width:
        result.paragraphs = unwrap(result.paragraphs)
    return result


def wrap_width(lines: list[str]) -> int | None:
    """The width a capture was hard-wrapped at, or None: most lines of 5+ words end within a few
    characters of one width (at most 100; a line or two may run past it) and most of those stop
    mid-sentence."""
    long = [len(" ".join(line.split())) for line in lines if len(line.split()) >= 5]
    open_by_len: dict[int, int] = {}
    for line in lines:
        if len(line.split()) >= 5 and not _SENTENCE_END.search(line.rstrip()):
            n = len(" ".join(line.split()))
            open_by_len[n] = open_by_len.get(n, 0) + 1
    if len(long) < 6:
        return None
    best, best_near = None, 0
    for width in sorted({n for n in long if 40 <= n <= 100}):
        if sum(n > width for n in long) > max(1, len(long) // 20):
            continue
        near = sum(width - 12 <= n <= width for n in long)
        if near >= best_near:
            best, best_near = width, near
    if best is None or best_near < 0.4 * len(long):
        return None
    open_ended = sum(k for n, k in open_by_len.items() if best - 12 <= n <= best)
    return best if open_ended >= 0.5 * best_near else None


def join_wrapped(lines: list[str], width: int, rules: Rules) -> list[str]:
    """The lines of a capture hard-wrapped at `width`, wrapped lines joined (see the module docstring).
    A line of furniture printed inside a wrapped paragraph ("Advertisement") stays a line of its
    own, and the paragraph goes on after it."""
    out: list[str] = []
    host: int | None = None  # the line of text the next line may continue
    host_raw = ""  # the last line of text as printed, before joining
    alone: dict[str, tuple[bool, bool]] = {}

    def read(line: str) -> tuple[bool, bool]:
        """(a line of its own: stamp, date line, byline, furniture, end marker; a stamp, date line or byline)"""
        if line not in alone:
            info = _read(line, rules)
            header = bool(info.stamps or info.byline or _DATE_LINE.match(line))
            alone[line] = (bool(header or info.furniture or info.end), header)
        return alone[line]

    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            out.append(line)
            host = None
            continue
        credit = _CREDIT_ALONE.match(line.strip("| ")) or rules.agency.match(line.strip("| "))
        if host == len(out) - 1 and host is not None and credit \
                and len(host_raw) + 1 + len(line.split()[0]) > width:
            out[host] += " " + line  # "... in Seoul on June 8." / "[YONHAP]": the caption's credit
            host_raw = line
            continue
        if read(line)[0]:
            out.append(line)
            if read(line)[1]:
                host = None  # a stamp or byline: what follows starts afresh
            continue
        if host is not None and not read(out[host])[1] and not _DATELINE_LEAD.match(line):
            wrapped = len(host_raw) + 1 + len(line.split()[0]) > width
            ends = _ends_sentence(host_raw)
            across = host != len(out) - 1  # furniture printed in between: only a lower-case sequel
            if (wrapped and not across) or (line[:1].islower() and (wrapped or not ends)):
                previous = out[host]
                joiner = "" if previous.endswith("-") and previous[-2:-1].isalpha() else " "
                out[host] = previous + joiner + line
                host_raw = line
                continue
        out.append(line)
        host, host_raw = len(out) - 1, line
    return out


# A bracketed credit alone: "[YONHAP]", "[JOINT PRESS CORPS]".
_CREDIT_ALONE = re.compile(r"^(?:\[[A-Z0-9][A-Z0-9 ,./&'’-]{1,40}\]"
                           r"|(?:[A-Z][\w.&'’-]*\s+){1,3}(?:file(?: photo)?|photo|Photo|PHOTO)(?: by [A-Z][\w .-]+)?\.?)$")
# A period after an abbreviation ("U.S.", "Nov.", "Gen.") ends no sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Jr|Sr|St|No|Gen|Lt|Col|Maj"
    r"|Adm|Sgt|Capt|Cmdr|Rep|Sen|Gov|Prof|Rev|Inc|Corp|Co|Ltd|vs)\.|\b[A-Z]\.)$")
_FULL_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")


def _ends_sentence(line: str) -> bool:
    return bool(_FULL_STOP.search(line)) and not _ABBREVIATION.search(line.rstrip("\"'”’)]"))


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
