"""Line classifier shared by text captures and HTML: furniture, stamps, bylines, captions, body.

The page is first read as a whole:
  a. lines are normalised: whitespace collapsed, table-cell bars dropped, a line printed twice
     over split in two, and stamps closing a header line ("HEADLINE Section 입력 ... 수정 ...")
     split off it (with a short section label between an ALL-CAPS headline and the stamps);
  b. the story start: the first line that reads as story prose (a sentence of 8+ words ending
     in a period, a paragraph of 30+ words, an agency dateline, a broadcast script's labelled
     line "Anchor: ...", a line wrapped onto a lower-case next line);
  c. the headline, unless the caller gives it. Candidates are headline-shaped lines before the
     story start (2-30 words, no closing period; not furniture, stamp, byline, caption, date,
     a bracketed label "[Sound bite: ...]", a section label, the outlet's own name, a news-ticker
     line "BREAKING NEWS: ..."; two words only when printed twice or right above the stamp or
     byline; none that shares no telling word with the story unless printed twice, spelled by
     the URL slug or right above the stamp). Evidence, first that applies:
       1. the URL slug spells it (60% of its words);
       2. it is printed twice (the page's <title> and its headline); or its <title> form
          "HEADLINE | Site" is printed above it;
       3. position: the first candidate right above the story's header (a stamp, byline or
          date line); when it is a deck (4+ words longer than the candidate right above it,
          which shares as large a part of its words with the story), that one is the headline.
          With no candidate above a header: the first that shares a telling word with the
          story (passing over a list of other stories, a tagline), else the first.
     A ticker-labelled line ("BREAKING NEWS: ...") is the headline only when the slug spells
     it or no other candidate is left.
     When no candidate is left (an excerpt that starts mid-story) there is no headline.

Then each line, in order (first match wins):
  1. after an end marker (comment box, "Related News" ...)      -> removed
  1b. an end marker, once the story has started                  -> removed, and ends the story
  2. a header line made only of stamps, bylines, agency credits and widget words
     ("Written: ... / Updated: ...", "By NAME | OUTLET Published: ...",
     "0 Comment(s) Print Xinhua, November 22, 2019")          -> published/updated, authors
  3. a furniture rule (menu, share, font, comment, cookie ...), a line of widget words
     ("Send a link to a friend"), a broadcast marker ("[Pkg]", "Reporter :"), an agency
     credit alone ("• Kyodo")                                   -> removed
  4. an end marker before the story                            -> removed
  5. the headline and its repeats                              -> title
  6. before the headline: navigation; with no headline, a non-sentence line of up to 15 words
     before the story (a site name, a tagline, a ticker)        -> removed
  7. a date line between the headline and the story ("Nov 22, 2019", "[November 22, 2019]")
                                                                -> published
  8. a byline ("BY NAME [email]", "By Name", "Name email", "NAME, staff reporter"), or a name
     alone next to a short bio of that name ("NAME" / "NAME is a professor ...") -> authors
     (an agency, "By Yonhap", is a credit, not an author)
  9. a photo caption: a photo credit at the end ("[YONHAP]", "| AP", "Example Times file"), or
     printed twice, or closed by an agency credit ("... Tuesday. Yonhap", "NAME (Yonhap)") when
     it stands above the story, is a label with no sentence, or describes a picture ("speaks
     during", "right,", "pose for")                             -> captions
     a story paragraph closed by an agency credit ("... next month. (Yonhap)"): the credit is
     removed, the paragraph kept
  10. the deck: a headline-shaped line between the headline and the story -> subtitle
  11. anything else                                             -> body paragraph; an agency end
     mark closing it ("... dispute. Enditem") ends the story
  A byline cut from the end of a content line (radio sign-offs) leaves the rest as body.
  The agency dateline ("SEOUL, Nov. 15 (Yonhap) --") opening one of the first three paragraphs
  (a leftover line may come first) is read as (month, day).
  After an end marker everything is removed, except that the story's byline with the reporter's
  e-mail address still names the authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..models import RemovedLine
from ..names import cited_case
from .rules import Rules
from .stamps import WHEN, parse_stamp

_WS = re.compile(r"\s+")
# A line that is only a date (and time): a publication stamp without a label ("Nov 22, 2019",
# "[November 22, 2019]"), trusted only between the headline and the story.
# A short label may go before it ("All News 14:59 November 15, 2019", "Politics | Nov 22, 2019").
_DATE_LINE = re.compile(rf"^(?:[A-Z][\w&]*(?:\s+[A-Z][\w&]*){{0,2}}\s*[|:·]?\s+)?[\[(]?{WHEN}[\])]?$")
# A section label printed right above the headline: "NATIONAL / POLITICS & DIPLOMACY".
_KICKER = re.compile(r"^(?:[A-Z][A-Z0-9&,'’ -]*(?:\s*[/>|›]\s*[A-Z][A-Z0-9&,'’ -]*)*|[A-Z][\w&' -]*(?:\s+[/>›]\s+[A-Z][\w&' -]*)+)$")
# An ALL-CAPS headline with a short section label after it, as a stamp line prints them
# ("KOREA TO ADDRESS TRADE CURBS News Today").
_CAPS_AND_LABEL = re.compile(
    r"^(?P<head>(?:[A-Z0-9“‘\"'(][A-Z0-9.,'’”:;!?&()-]*\s+){2,}[A-Z0-9“‘\"'(][A-Z0-9.,'’”:;!?&()-]*)"
    r"\s+(?P<label>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})$")
_QUOTES = "'\"‘’“”"
_NOT_NAMES = re.compile(
    r"^(?:North|South|The|This|That|U\.?S\.?|United|Japan|Korea|China|Seoul|Tokyo|Washington)\b"
)
# A wire story's opening dateline: "SEOUL, Nov. 15 (Yonhap) --", "SEOUL/NAGOYA, Japan (Reuters) -",
# "WASHINGTON (AP) —": the story has started.
_DATELINE_LEAD = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*\([A-Z][\w .&-]{1,30}\)\s*(?:--|—|–|-)")
# A site name after the headline, as the page's <title> prints it: " | Example News", " - Example".
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,4}$")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A reporter's role printed with the name: "Senior Writer", "Diplomatic Correspondent".
_ROLE_ADJECTIVES = r"(?:staff|senior|chief|political|diplomatic|defense|foreign|contributing|special|managing|deputy)"
_ROLE = re.compile(rf"(?i)^(?:{_ROLE_ADJECTIVES}\s+)*(?:reporter|writer|correspondent|editor|columnist|journalist)s?$")
_ROLE_TAIL = re.compile(rf"(?i)(?:\s+{_ROLE_ADJECTIVES})+$")
_BULLET = re.compile(r"^(?:[•·▪◦*]|-(?=\s))\s*")
_STAMP_SEPARATORS = re.compile(r"[\s,;|·•:/-]+")
_SEGMENT_SPLIT = re.compile(r"\s*\|\s*|\s+[·•/]\s+")
# Sentence ends: a period (not after an abbreviation such as "U.S."), "?" or "!", then quotes.
_PERIOD_END = re.compile(r"[.…。．][\"'”’)\]」』]*$")
_ANY_END = re.compile(r"[.!?…。．！？][\"'”’)\]」』]*$")
# Japanese and Chinese write no spaces: two of their characters count as a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:U\.S|U\.N|U\.K|Jr|Sr|Inc|Co|Corp|Ltd|No|St|Gen|Dr|Mr|Mrs|Ms|vs)\.|\.\.\.|…)[\"'”’]?$")
_HEADLINE_START = re.compile(r"^[A-Z0-9\"'‘“(\[\u3131-\uD79D\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff「『【]")
# A columnist's bio next to the name: "NAME is a professor ...", "The writer is ...".
_BIO = re.compile(r"^(?P<who>.+?)\s+(?:is|was|has been|serves as|teaches)\s+(?:an?|the|now|currently|also|formerly)?\b")
_NAME_LINE = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")
# What a photo caption says and a story paragraph does not: the present tense of what a picture
# shows ("speaks during", "shake hands", "pose for"), where people stand ("right,", "(left)",
# "from left"), "pictured". A line closed by a bare agency credit needs this (or its place) to be
# a caption.
_PHOTO_SHAPE = re.compile(
    r"(?i)\b(?:speaks (?:at|during|to|with|in|on|before)|poses? for|posing for|shakes? hands|shaking hands"
    r"|waves? (?:to|at|as|during)|salutes|smiles (?:as|while|during)|looks on|listens to|arrives (?:at|in|for)"
    r"|attends (?:a|an|the)|walks (?:past|into|out|to|through)|(?:is|are) (?:seen|pictured|shown) (?:at|in|during|on|with|walking|speaking|leaving|entering|arriving)"
    r"|(?:is|are) greeted by|pictured|from (?:left|right)\b"
    r"|\b(?:photo|picture|image|screenshot|graphic|footage)\b[^.]{0,80}\bshows\b"
    r"|[,(]\s*(?:left|right|center|centre|L|R|C|second from (?:left|right)|third from (?:left|right))\s*[,)])")
# Words that say little about which story a line belongs to (a headline shares its story's
# other words; a list of other stories, a tagline or a ticker do not).
_WEAK_WORDS = frozenset(
    "a an the of for and or to in on at with by from as since is are was were be been it its this that s but not no "
    "will would says said say new more after over amid into up out about than next last first year month week day "
    "today news korea korean koreas south north japan japanese seoul tokyo us u china chinese".split())
_TOKEN = re.compile(r"[^\W_]+")
_MONTHS = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")), start=1) for m in names}


def norm(line: str) -> str:
    """Comparison form of a line: whitespace collapsed, outer quotes dropped, case folded."""
    return " ".join(line.split()).strip(_QUOTES).strip().casefold()


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
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    # (month, day) of the agency dateline opening the story: a day without its year.
    dateline: tuple[int, int] | None = None
    section: str | None = None
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


def _stamp_matches(line: str, rules: Rules) -> list[tuple[str, re.Match[str]]]:
    # Every stamp form prints a year; most lines have none, and need no stamp pattern tried.
    if len(line) > 400 or not _YEAR.search(line):
        return []
    return [(f, m) for f, pattern in rules.stamps for m in pattern.finditer(line)]


def _cut(line: str, spans: list[tuple[int, int]]) -> str:
    """`line` with the character spans replaced by a space."""
    chars = list(line)
    for start, end in spans:
        for k in range(start, end):
            chars[k] = " "
    return "".join(chars)


def _only_stamps(line: str, rules: Rules) -> list[tuple[str, str]] | None:
    """The (field, when) stamps if the line consists of stamps and punctuation only."""
    found = _stamp_matches(line, rules)
    if found and not _STAMP_SEPARATORS.sub("", _cut(line, [m.span() for _, m in found])):
        return [(f, m.group("when")) for f, m in found]
    return None


def _furniture(line: str, rules: Rules) -> tuple[str, str | None] | None:
    bare = _BULLET.sub("", line)
    for cls, pattern, section_group in rules.furniture:
        match = pattern.search(line) or (bare is not line and bare and pattern.search(bare))
        if match:
            section = match.group(section_group) if section_group else None
            return cls, section
    if len(line) <= 120 and rules.widget_line.match(line) and re.search(r"[^\W\d_]", line):
        return "widget", None
    if rules.marker.match(bare):
        return "marker", None
    if rules.agency.match(line):
        return "credit", None
    return None


def _byline(line: str, rules: Rules) -> tuple[list[str], str] | None:
    """(names, remaining text) if the line is, or ends with, a byline. An agency is no name."""
    tail_only = len(line.split()) > 16  # a whole-line byline is short
    for pattern, scope in rules.bylines:
        if scope == "line" and tail_only:
            continue
        match = pattern.search(line)
        if not match:
            continue
        # "By NAME and NAME Associated Press": the agency closing the names is a credit
        names = [n for n in (_ROLE_TAIL.sub("", n) for n in split_names(rules.agency_tail.sub("", match.group("names"))))
                 if n and not rules.agency.match(n) and not _ROLE.match(n)]
        if not names:
            if scope == "line" and rules.agency.match(match.group("names").strip()):
                return [], ""  # "By Yonhap": a credit line
            continue
        if scope != "tail":
            rest = ""
        elif "before" in pattern.groupindex:  # the pattern says where the content ends
            rest = (match.group("before") or "").strip()
        else:
            rest = line[: match.start("names")].strip()
        return names, rest
    return None


def _header_parts(line: str, rules: Rules, bare_dates: bool = True) -> tuple[list[tuple[str, str]], list[str]] | None:
    """(stamps, author names) when the line is made only of stamps, bylines, agency or outlet
    credits and widget words ("By NAME | OUTLET Published: ...", "0 Comment(s) Xinhua, Nov 22, 2019").
    At least one stamp or byline; None otherwise. With `bare_dates` False a date without a label
    is not a stamp (on a page without story prose it is a record's field, not a publication day)."""
    found = _stamp_matches(line, rules)
    rest = _cut(line, [m.span() for _, m in found]) if found else line
    stamps = [(f, m.group("when")) for f, m in found]
    names: list[str] = []
    saw_byline = False
    for segment in _SEGMENT_SPLIT.split(rest.strip(" ,;")):
        segment = segment.strip(" ,;:-")
        date_line = _DATE_LINE.match(segment) if segment and bare_dates else None
        if date_line:
            stamps.append(("published", date_line.group("when")))
            continue
        if not segment or not re.search(r"[^\W\d_]", segment):
            continue
        byline = _byline(segment, rules)
        if byline and not byline[1]:
            names += byline[0]
            saw_byline = True
            continue
        if _furniture(segment, rules):
            continue
        # an outlet credit after the byline: "By NAME | The Example Times"
        if saw_byline and len(segment.split()) <= 6 and all(w[:1].isupper() or w in ("of", "the", "and")
                                                              for w in segment.split()):
            continue
        return None
    if not stamps and not saw_byline:
        return None
    return stamps, names


def _is_caption(line: str, rules: Rules) -> bool:
    return any(p.search(line) for p in rules.captions)


def _word_count(line: str) -> int:
    """Words of a line, for length tests; in Japanese or Chinese two characters count as one."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def _ends_with_period(line: str) -> bool:
    return bool(_PERIOD_END.search(line)) and not _ABBREVIATION_END.search(line)


def _headline_shaped(line: str) -> bool:
    """3-30 words, opening like a headline, not closing with a period (a sentence)."""
    words = _word_count(line)
    return 3 <= words <= 30 and bool(_HEADLINE_START.match(line)) and not _ends_with_period(line)


def _is_prose(line: str, next_line: str | None) -> bool:
    """Story text: a sentence of 8+ words ending in a period, a long paragraph, or a line
    wrapped onto a next line that goes on in lower case."""
    words = _word_count(line)
    if _DATELINE_LEAD.match(line):
        return True
    if words >= 30 or (words >= 8 and _ends_with_period(line)) or (words >= 20 and _ANY_END.search(line)):
        return True
    return words >= 6 and _wraps_onto(line, next_line)


def _wraps_onto(line: str, next_line: str | None) -> bool:
    """`line` stops mid-sentence and a line of 5+ words goes on in lower case: a hard wrap."""
    return next_line is not None and next_line[:1].islower() and len(next_line.split()) >= 5 \
        and not _ANY_END.search(line)


def _split_line(line: str, rules: Rules) -> list[tuple[str, str | None]]:
    """One raw line as one or more (line, section label) pairs (a. in the module docstring)."""
    line = " ".join(line.split())  # (str.split: much cheaper than a regex on long paragraphs)
    if line[:1] == "|" or line[-1:] == "|":
        line = line.strip("| ")  # table-cell bars of a page copied as text
    if not line:
        return []
    half = len(line) // 2
    if len(line) % 2 and line[half] == " " and line[:half] == line[half + 1:] and len(line.split()) >= 4:
        return [(line[:half], None), (line[:half], None)]  # printed twice over on one line
    found = _stamp_matches(line, rules) if len(line.split()) <= 60 else []
    if found:
        start = min(m.start() for _, m in found)
        head, tail = line[:start].strip(" ,|·"), line[start:]
        if head and len(head.split()) <= 30 and not _ANY_END.search(head) and _only_stamps(tail, rules) \
                and not _only_stamps(head, rules):
            label = _CAPS_AND_LABEL.match(head)
            if label:
                return [(label.group("head"), label.group("label")), (tail, None)]
            return [(head, None), (tail, None)]
    return [(line, None)]


def _dateline(paragraph: str, rules: Rules) -> tuple[int, int] | None:
    for pattern in rules.datelines:
        match = pattern.match(paragraph)
        if match:
            month = _MONTHS.get(match.group("month").lower().rstrip("."))
            day = int(match.group("day"))
            if month and 1 <= day <= 31:
                return month, day
    return None


def _bio_pairs(lines: list[str]) -> dict[int, int]:
    """{name line: bio line} for a name alone on a line next to a short bio of that name
    ("NAME" / "NAME is a professor ..." or "The writer is ...")."""
    pairs: dict[int, int] = {}
    for i, line in enumerate(lines):
        if len(line) > 40 or not _NAME_LINE.match(line) or _NOT_NAMES.match(line):
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(lines) and len(lines[j].split()) <= 60 and _ends_with_period(lines[j]):
                bio = _BIO.match(lines[j])
                if bio and bio.group("who").casefold() in (line.casefold(), "the writer", "the author", "the columnist"):
                    pairs[i] = j
                    break
    return pairs


@dataclass
class _Line:
    """A line and what the rules say about it on its own (computed once)."""

    text: str
    stamps: list[tuple[str, str]] | None
    furniture: tuple[str, str | None] | None
    end: bool
    caption: bool
    byline: tuple[list[str], str] | None
    header: bool  # caption, byline or date line: not a headline, not story prose
    # start of an agency credit closing the line ("... next month. (Yonhap)"), else None
    credit_at: int | None = None
    heading: bool = False  # a heading of a list of other stories ("Trending Now")
    script: bool = False  # a broadcast script's labelled story line ("Anchor: The two sides ...")

    @property
    def bare(self) -> str:
        """The line without the agency credit closing it."""
        return self.text if self.credit_at is None else self.text[: self.credit_at].rstrip()


def _credit_at(text: str, rules: Rules) -> int | None:
    if len(text) > 2000 or not rules.credit_tails:
        return None
    if text[-1:] in '.”"’' and (len(text) < 2 or text[-2].islower() or text[-2] in '"”’'):
        return None  # a sentence's own end ("... said."): no credit closes it (and no regex is tried)
    for pattern in rules.credit_tails:
        match = pattern.search(text[-80:])
        if match:
            return len(text) - len(text[-80:]) + match.start("credit")
    return None


def _label_caption(bare: str) -> bool:
    """A name or short phrase, no sentence ("President NAME"): with a credit after it, a caption."""
    return len(bare.split()) <= 12 and not _ANY_END.search(bare) and not re.search(r"[?!]|[a-z]\.\s+[A-Z]", bare)


def _read(text: str, rules: Rules) -> _Line:
    stamps = _only_stamps(text, rules)
    furniture = None if stamps else _furniture(text, rules)
    end = any(p.search(text) for p in rules.end_markers)
    caption = _is_caption(text, rules)
    credit_at = None if caption else _credit_at(text, rules)
    if credit_at is not None and (_label_caption(text[:credit_at].rstrip()) or _PHOTO_SHAPE.search(text[:credit_at])):
        caption = True  # a credit closing a label or a picture's description: a photo caption
    byline = _byline(text, rules)
    header = bool(caption or byline or _DATE_LINE.match(text))
    return _Line(text, stamps, furniture, end, caption, byline, header,
                 credit_at=None if caption else credit_at, heading=bool(rules.list_heading.match(text)),
                 script=bool(rules.script_line.match(text)))


def _plain(line: _Line) -> bool:
    """Not furniture, stamp, end marker, caption, byline or date line."""
    return not (line.stamps or line.furniture or line.end or line.header)


def _prose_at(lines: list[_Line], i: int) -> bool:
    line = lines[i]
    if not _plain(line):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and norm(nxt.text) == norm(line.text):
        return False  # printed twice in a row: a caption, or a headline
    if line.script:
        return True
    return _is_prose(line.bare, nxt.text if nxt is not None and _plain(nxt) else None)


def _story_start(lines: list[_Line]) -> int:
    """Index of the first line that reads as story prose (len(lines) if none does). A short
    sentence (under 15 words) starts the story only if the next plain line is prose too: a
    one-line promotion above the headline ("Subscribe for the latest news.") does not."""
    for i, line in enumerate(lines):
        if not _prose_at(lines, i):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if _word_count(line.text) >= 15 or _DATELINE_LEAD.match(line.text) or line.script \
                or (nxt is not None and _plain(nxt) and _wraps_onto(line.text, nxt.text)):
            return i
        j = next((k for k in range(i + 1, len(lines)) if _plain(lines[k])), None)
        if j is None or _prose_at(lines, j):
            return i
    return len(lines)


def _words(text: str) -> list[str]:
    """Comparison words of a line: lower case, apostrophes dropped ("Seoul's" -> "seouls"); a run
    of Japanese or Chinese characters, written without spaces, gives its character pairs."""
    out = []
    for token in _TOKEN.findall(text.casefold().replace("'", "").replace("’", "")):
        if _CJK.search(token):
            out += [token[i:i + 2] for i in range(max(1, len(token) - 1))]
        else:
            out.append(token)
    return out


def _stem(word: str) -> str:
    # "agree" ~ "agreed", "normalize" ~ "normalizing"; in Korean, Japanese or Chinese a word's
    # particles and endings follow its first two characters ("이유리의" ~ "이유리보다")
    return word[:5] if word.isascii() else word[:2]


def _slug_words(url: str | None) -> set[str]:
    """Words of the URL's slug, the path segment of 3+ words ("tokyo-keen-play-impact-..."), if any."""
    if not url:
        return set()
    best: list[str] = []
    for segment in urlsplit(url).path.split("/"):
        segment = re.sub(r"\.(?:html?|php|aspx?|jsp)$", "", segment, flags=re.I)
        words = [w for w in re.split(r"[-_+]+", segment.casefold()) if w.isalpha() or (w.isalnum() and not w.isdigit()
                                                                              and sum(c.isdigit() for c in w) <= 2)]
        if len(words) >= 3 and len(words) > len(best) and len(words) * 2 >= len(re.split(r"[-_+]+", segment)):
            best = words
    return {w.replace("'", "") for w in best}


# The lines under a list heading ("Trending Now", "Most Read") are other stories' headlines; the
# page's own headline printed right after the list is told from them by sharing at least this
# share of its telling words with the story (or by being printed twice).
LISTED_RELEVANCE = 0.5


@dataclass
class _Candidate:
    at: int
    text: str
    words: int
    repeated: bool
    relevance: float  # share of its telling words that the story's opening uses
    slug: float  # share of its words the URL slug spells
    above: bool  # right above a stamp, byline or date line (furniture between at most)
    listed: bool = False  # one of the headline-shaped lines under a list heading ("Trending Now")


def _candidates(lines: list[_Line], story_at: int, rules: Rules, url: str | None) -> list[_Candidate]:
    """Headline-shaped lines before the story (c. in the module docstring), with their evidence."""
    upto = min(story_at, 40)
    norms = [norm(ln.text) for ln in lines[:upto]]
    story = [ln.text for ln in lines[story_at:] if _plain(ln)]
    story_stems = {_stem(w) for line in story for w in _words(line)}
    slug = _slug_words(url)
    out: list[_Candidate] = []
    listing = False  # inside the run of headline-shaped lines under a list heading
    for i, ln in enumerate(lines[:upto]):
        text = ln.text
        words = _word_count(text)
        if not _plain(ln) or not _HEADLINE_START.match(text) or _ends_with_period(text) or not 2 <= words <= 30 \
                or ln.credit_at is not None:
            listing = ln.heading
            continue  # (a line closed by an agency credit is a caption or a story line)
        own = [w for w in _words(text) if w not in _WEAK_WORDS or w in slug]
        hits = sum(w in slug for w in own)
        slug_share = hits / len(own) if own and (hits >= 3 or hits == len(own) >= 2) else 0.0
        if len(slug) >= 3:
            # a slug cut short spells the start of a long headline: most of the slug is in the line
            slug_share = max(slug_share, sum(w in set(_words(text)) for w in slug) / len(slug) - 0.2)
        if text[:1] in "[(" and text[-1:] in "])" or norms[i] in rules.site_names \
                or (any(c in text for c in "/>›") and _is_kicker(text, rules) and slug_share < 0.6):
            continue  # a bracketed label ("[Sound bite: ...]"), the outlet's name, a section label
        repeated = norms.count(norms[i]) > 1
        above = _above_header(lines, i, upto)
        if words == 2 and not repeated and not above:
            continue  # two words: a headline only when printed twice or right above the stamp
        telling = [w for w in _words(text) if w not in _WEAK_WORDS]
        relevance = sum(_stem(w) in story_stems for w in telling) / len(telling) if telling else 0.0
        out.append(_Candidate(i, text, words, repeated, relevance, slug_share, above, listed=listing))
    return out


def _above_header(lines: list[_Line], i: int, upto: int) -> bool:
    """The next line that is not furniture is a stamp, byline or date line."""
    for ln in lines[i + 1: upto + 1]:
        if ln.furniture and not ln.stamps:
            continue
        return bool(ln.stamps or ln.byline or _DATE_LINE.match(ln.text))
    return False


def _pick_title(lines: list[_Line], story_at: int, rules: Rules, url: str | None = None) -> str | None:
    """Headline of a text capture (c. in the module docstring)."""
    # A news ticker's line is never the headline; nor is a line that shares no telling word with
    # the story (a tagline, another story's headline) unless the page prints it twice, the URL
    # spells it or it stands right above the stamp or byline.
    every = _candidates(lines, story_at, rules, url)
    # 1. the line the URL's slug spells (a ticker-labelled headline too: "BREAKING: ...")
    spelled = max(every, key=lambda c: c.slug, default=None)
    if spelled is not None and spelled.slug >= 0.6:
        return spelled.text
    found = [c for c in every
             if not rules.ticker.match(c.text) and (c.relevance > 0 or c.repeated or c.above)
             and (not c.listed or c.repeated or c.above or c.relevance >= LISTED_RELEVANCE)]
    if not found:
        # a ticker-labelled line is the headline only when nothing else can be
        tickers = [c for c in every if rules.ticker.match(c.text) and c.relevance > 0]
        return tickers[0].text if tickers else None
    # 2. the line printed twice (the page's <title> and its headline)
    for c in found[:12]:
        if c.repeated:
            return c.text
    # the page's <title> form printed above the headline: "HEADLINE | Example News"
    norms = {norm(c.text) for c in found[:12]}
    for c in found[:12]:
        core = _SITE_SUFFIX.sub("", c.text)
        if core != c.text and norm(core) in norms:
            return core
    # 3. position: the line right above the story's header (its stamp, byline or date line),
    #    the first of the two when a longer deck stands there; with no such line, the first
    #    line that shares a telling word with the story (passing over lists of other stories
    #    and taglines), else the first candidate. Not the line nearest the story start: a
    #    story's own subheadings and short lines stand there.
    relevant = [c for c in found if c.relevance > 0]
    above = [c for c in found if c.above and (c.relevance > 0 or not relevant)]
    if not above:
        # the first that shares at least half as large a part of its words with the story as the
        # best does: a line of another story may share a word by chance, the headline shares many
        best = max((c.relevance for c in relevant), default=0.0)
        return next((c for c in relevant if c.relevance >= best / 2), found[0]).text
    pool = relevant or found
    last = above[0]
    before = [c for c in found if c.at < last.at]
    head = before[-1] if before else None
    if head is not None and head in pool and last.above and last.words >= head.words + 4 \
            and head.relevance >= last.relevance \
            and all(ln.furniture is not None for ln in lines[head.at + 1: last.at]):
        # a headline and the longer deck right under it, above the byline or stamp; both about
        # the story (a tagline above a headline is not a headline above its deck)
        return head.text
    return last.text


def classify(lines: list[str], rules: Rules, title: str | None = None, url: str | None = None) -> LineResult:
    """Classify the lines of one page (see the module docstring for the order of tests)."""
    out = LineResult(title=title)
    stripped: list[str] = []
    for raw in lines:
        for part, label in _split_line(raw, rules):
            stripped.append(part)
            if label:
                # the section label between an ALL-CAPS headline and its stamps
                out.section = out.section or label
                out.removed.append(RemovedLine(text=label, cls="section"))
    read = [_read(ln, rules) for ln in stripped]
    story_at = _story_start(read)
    # No line reads as story prose (a listing, a record, an error page): a date printed there
    # without a label is a field of the page, not its publication day.
    has_story = story_at < len(read)
    picked = out.title is None
    if picked:
        out.title = _pick_title(read, story_at, rules, url)
    title_norm = norm(out.title) if out.title else None
    bios = _bio_pairs(stripped)
    bio_lines = set(bios.values())
    seen_title = False
    ended = False
    caption_norms: set[str] = set()
    previous = ""
    for i, info in enumerate(read):
        line = info.text
        if i:
            previous = stripped[i - 1]

        def drop(cls: str) -> None:
            out.removed.append(RemovedLine(text=line, cls=cls))

        if ended:
            if info.byline and not info.byline[1] and "@" in line:
                # the story's own byline with the reporter's address, printed under a list of
                # other stories (the list's items carry no address)
                _add_authors(out, info.byline[0])
                drop("byline")
                continue
            drop("after-end")
            continue
        if info.stamps:
            _take_stamps(out, info.stamps, rules)
            drop("stamp")
            continue
        # An end marker after the story has started ends it, even if it is also furniture:
        # what follows ("Related News" headlines, comments) cannot be matched line by line.
        if out.paragraphs and info.end:
            drop("end")
            ended = True
            continue
        # (a furniture rule may match a whole header line that also carries a stamp:
        # "Source: Xinhua | 2019-11-22 17:09:47 | Editor: NAME")
        parts = _header_parts(line, rules, has_story) if i <= story_at + 1 and (not info.furniture or _YEAR.search(line)) \
            else None
        if parts and (parts[0] or len(line.split()) <= 16):
            stamps, names = parts
            _take_stamps(out, stamps, rules)
            _add_authors(out, names)
            drop("stamp" if stamps else "byline")
            continue
        if info.furniture:
            cls, section = info.furniture
            if section and out.section is None:
                out.section = _WS.sub(" ", section).strip()
            drop(cls)
            continue
        if info.end:
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
        before_story = i < story_at and not out.paragraphs
        if out.title is None and before_story and len(line.split()) <= 15 and not _ANY_END.search(line) \
                and not info.header and info.credit_at is None:
            # no headline: a site name, tagline, ticker or label above the story (not a sentence)
            drop("pre-story")
            continue
        date_line = _DATE_LINE.match(line) if before_story and has_story else None
        if date_line:
            value = parse_stamp(date_line.group("when"), rules.timezone)
            if value and out.published is None:
                out.published = value
            drop("stamp")
            continue
        if i in bios:
            _add_authors(out, [clean_name(line)])
            drop("byline")
            continue
        if i in bio_lines:
            drop("bio")
            continue
        byline = info.byline
        if byline:
            names, rest = byline
            _add_authors(out, names)
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
        whole = line == info.text
        credit_at = info.credit_at if whole else _credit_at(line, rules)
        # A line closed by an agency credit is a caption above the story or printed twice; in the
        # story it is a paragraph signed by its wire: the credit goes, the sentence stays.
        if (info.caption if whole else _is_caption(line, rules)) or repeated or (credit_at is not None and before_story):
            caption_norms.add(key)
            out.captions.append(line)
            drop("caption")
            continue
        if credit_at is not None:
            out.removed.append(RemovedLine(text=line[credit_at:].strip(), cls="credit"))
            line = line[:credit_at].rstrip()
        if picked and before_story and seen_title and out.subtitle is None and _headline_shaped(line) \
                and len(line.split()) >= 6:
            out.subtitle = line
            drop("subtitle")
            continue
        mark = rules.end_mark.search(line[-24:])  # end marks close the line: look at its end only
        if mark:
            at = len(line) - len(line[-24:]) + mark.start()
            story = line[:at].strip()
            out.removed.append(RemovedLine(text=line[at:].strip(), cls="end"))
            if story:
                out.paragraphs.append(story)
            ended = True
            continue
        out.paragraphs.append(line)
    # the agency dateline opens the first paragraph of story; a line left over from the page
    # ("Advertisement", a font widget) may come before it
    out.dateline = next((d for d in (_dateline(p, rules) for p in out.paragraphs[:3]) if d), None)
    return out


def _take_stamps(out: LineResult, stamps: list[tuple[str, str]], rules: Rules) -> None:
    for fieldname, when in stamps:
        value = parse_stamp(when, rules.timezone)
        if value and getattr(out, fieldname) is None:
            setattr(out, fieldname, value)


def _add_authors(out: LineResult, names: list[str]) -> None:
    for name in names:
        if name.casefold() not in {a.casefold() for a in out.authors}:
            out.authors.append(name)


def _is_kicker(line: str, rules: Rules) -> bool:
    """A short section label ("NATIONAL / POLITICS", "North Korea > Defense") above a headline."""
    return len(line.split()) <= 8 and bool(_KICKER.match(line)) and not _only_stamps(line, rules) \
        and not _furniture(line, rules) and (line.isupper() or any(c in line for c in "/>›"))


def is_header_line(line: str, rules: Rules) -> bool:
    """A line that belongs between headline and story: a stamp, byline, breadcrumb or date."""
    if _only_stamps(line, rules) or _DATE_LINE.match(line) or _byline(line, rules) \
            or _header_parts(line, rules):
        return True
    furniture = _furniture(line, rules)
    return bool(furniture and furniture[1])
