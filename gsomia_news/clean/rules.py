"""Compiled line rules: the generic profile's rules followed by the outlet profile's.

Profile patterns may use placeholders for shared vocabulary, expanded here before compiling:
`{WHEN}` (a stamp's date-time, group `when`: gsomia_news.clean.stamps.WHEN), `{MONTH}` (a
month name), `{AGENCY}` (any agency of the vocabulary, e.g. "Yonhap", "Xinhua") and `{TEASER}`
(a teaser label of the vocabulary, "Read more").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..profiles import Profile, generic, get
from .stamps import MONTH, WHEN


@dataclass(frozen=True)
class Rules:
    """Regexes of one outlet, compiled once."""

    furniture: tuple[tuple[str, re.Pattern[str], str | None], ...]
    end_markers: tuple[re.Pattern[str], ...]
    stamps: tuple[tuple[str, re.Pattern[str]], ...]
    bylines: tuple[tuple[re.Pattern[str], str], ...]
    captions: tuple[re.Pattern[str], ...]
    # Offset for stamps that state no zone; None: such a stamp gives its date only.
    timezone: str | None
    datelines: tuple[re.Pattern[str], ...] = ()
    # A whole line that is an agency credit ("Yonhap", "By Yonhap", "(AP)", "• Kyodo").
    agency: re.Pattern[str] = re.compile(r"(?!)")
    # A whole line made of widget words ("0 Comment(s)Print E-mail", "• Link copied").
    widget_line: re.Pattern[str] = re.compile(r"(?!)")
    # A broadcast script marker alone on a line ("[Anchor Lead]", "Reporter :").
    marker: re.Pattern[str] = re.compile(r"(?!)")
    # An agency end mark closing a line ("... dispute. Enditem").
    end_mark: re.Pattern[str] = re.compile(r"(?!)")
    # A heading of a list of other stories alone on a line ("RELATED ARTICLES", "Trending Now").
    list_heading: re.Pattern[str] = re.compile(r"(?!)")
    # A news-ticker line ("BREAKING NEWS: ..."): never the headline.
    ticker: re.Pattern[str] = re.compile(r"(?!)")
    # A broadcast script's labelled line of story ("Anchor: The two sides ...").
    script_line: re.Pattern[str] = re.compile(r"(?!)")
    # An agency credit closing a line (group `credit`): caption credit or wire signature.
    credit_tails: tuple[re.Pattern[str], ...] = ()
    # An agency credit closing a byline's names ("NAME and NAME Associated Press", "NAME, AP").
    agency_tail: re.Pattern[str] = re.compile(r"(?!)")
    # The outlet's own name as a line may print it ("The Korea Herald"), in comparison form.
    site_names: frozenset[str] = frozenset()


def _alternation(items: list[str], escape: bool) -> str:
    words = sorted({w for w in items if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) if escape else w for w in words) + ")" if words else "(?!)"


def _agency_names(layers: list[Profile]) -> list[str]:
    names = [a for layer in layers for a in layer.vocabulary.agencies]
    return names + [a.upper() for a in names]  # photo credits print them in capitals too


def expand(pattern: str, agency: str, teaser: str = "(?!)") -> str:
    """A profile pattern with its placeholders replaced by the shared regex parts."""
    return pattern.replace("{WHEN}", WHEN).replace("{MONTH}", MONTH).replace("{AGENCY}", agency) \
        .replace("{TEASER}", teaser)


def _site_names(profile: Profile) -> frozenset[str]:
    if profile.key == generic().key:
        return frozenset()
    name = " ".join(profile.name.split()).casefold()
    bare = name[4:] if name.startswith("the ") else name
    return frozenset({name, bare, "the " + bare})


@cache
def rules_for(key: str) -> Rules:
    """Rules for the profile `key` (generic rules first, then the outlet's)."""
    layers: list[Profile] = [generic()] if key == generic().key else [generic(), get(key)]
    profile = layers[-1]
    agency = _alternation(_agency_names(layers), escape=True)
    vocab = [layer.vocabulary for layer in layers]
    teaser = _alternation([t for v in vocab for t in v.teaser_labels], escape=False)

    def comp(pattern: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(expand(pattern, agency, teaser), flags)

    # Outlet rules go first where order matters (a site's exact byline beats the generic one).
    ordered = list(reversed(layers))
    widgets = _alternation([w for layer in layers for w in layer.vocabulary.widgets], escape=False)
    markers = _alternation([m for layer in layers for m in layer.vocabulary.markers], escape=False)
    end_marks = _alternation([m for layer in layers for m in layer.vocabulary.end_marks], escape=False)
    headings = _alternation([h for v in vocab for h in v.list_headings], escape=False)
    tickers = _alternation([t for v in vocab for t in v.ticker_labels], escape=False)
    list_heading = re.compile(rf"(?i)^[\W_]{{0,3}}(?:{headings})\s*(?::|»+|>+|›)?$")
    return Rules(
        furniture=tuple((r.cls, comp(r.pattern), r.section_group) for p in ordered for r in p.furniture),
        end_markers=(*(comp(p) for layer in ordered for p in layer.end_markers), list_heading),
        stamps=tuple((r.field, comp(r.pattern)) for p in ordered for r in p.stamps),
        bylines=tuple((comp(r.pattern), r.scope) for p in ordered for r in p.bylines),
        captions=tuple(comp(p) for layer in ordered for p in layer.captions),
        timezone=profile.timezone,
        datelines=tuple(comp(p) for layer in ordered for p in layer.datelines),
        # "Yonhap", "By Yonhap", "(AP)", "• Kyodo", "― Yonhap", "AFP-JIJI", "Yonhap News Agency"
        agency=re.compile(rf"^[•·*―—–-]*\s*(?:(?:BY|By|by)\s+)?[(\[]?{agency}(?:[-/ ]+{agency})*[)\]]?\.?$"),
        # Widget words glued or separated by counts, bullets and punctuation; at least one word.
        widget_line=re.compile(rf"(?i)^[\s\d•·*|/,:;.!?()\[\]-]*(?:{widgets}[\s\d•·*|/,:;.!?()\[\]-]*)+$"),
        marker=re.compile(rf"(?i)^(?:\[\s*{markers}\s*\]|{markers}\s*[:：])$"),
        end_mark=re.compile(rf"\s*{end_marks}$"),
        list_heading=list_heading,
        agency_tail=re.compile(rf"(?:[\s,|/]+|\s+-\s+)(?:(?:for|of)\s+)?(?:[Tt]he\s+|THE\s+)?{agency}(?:[-/ ]+{agency})*\.?$"),
        ticker=re.compile(rf"(?i)^[\W_]{{0,3}}(?:{tickers})\s*[:：|]\s*\S"),
        # a script label and a sentence of 5+ words: the story has begun
        script_line=re.compile(rf"(?i)^(?:{markers})\s*[:：]\s*(?:\S+\s+){{4,}}.*[.!?\"”’]$"),
        credit_tails=tuple(comp(p) for layer in ordered for p in layer.credit_tails),
        site_names=_site_names(profile),
    )
