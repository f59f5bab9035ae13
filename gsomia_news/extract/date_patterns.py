"""Date-expression patterns as named data. Each pattern has a name that selects its resolver.

Month names and weekdays are matched case-sensitively (so the verbs "may" and "march" are not
months); deictic phrases ("last week") are matched in any case. A bare month needs a
preposition in front ("in August"), because "May" alone is usually the modal verb; a pattern's
group `core`, when present, is the part reported as the mention.
"""

from __future__ import annotations

import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}
SEASONS = {"spring", "summer", "fall", "autumn", "winter"}

_MONTH = (r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December)(?![\w-])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?![\w-]))")
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d–-])"
_MOD = r"(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he (?:end|beginning|start|middle) of)"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_REL = r"(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming)"
_NUM = r"(?P<num>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_I = "(?i:{})"

# (name, kind, regex). Longer forms come first; overlaps are settled by longest match.
PATTERNS: list[tuple[str, str, str]] = [
    ("iso_date", "absolute", r"\b(?P<year>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])\b"),
    ("month_day_year", "absolute", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("day_month_year", "absolute", rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}"),
    ("month_day_rel_year", "absolute", rf"\b{_MONTH}\s+{_DAY}(?:,)?\s+(?P<rel>last|this|next) year\b"),
    ("month_day", "absolute", rf"\b{_MONTH}\s+{_DAY}\b(?![.,]?\s*\d)"),
    ("mod_month_year", "absolute", rf"\b{_MOD}[- ]{_MONTH}(?:,)?\s+(?:of\s+)?{_YEAR}"),
    ("month_year", "absolute", rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}"),
    ("season_year", "absolute", rf"\b(?P<season>(?i:spring|summer|fall|autumn|winter))\s+(?:of\s+)?{_YEAR}"),
    ("mod_year", "absolute", rf"\b{_MOD}[- ]{_YEAR}"),
    ("mod_month", "absolute", rf"\b{_MOD}[- ]{_MONTH}(?![\w-])"),
    ("rel_month_name", "relative", rf"\b{_REL}\s+{_MONTH}(?![\w-])"),
    ("rel_season", "relative", rf"\b{_REL}\s+(?P<season>(?i:spring|summer|fall|autumn|winter))\b"),
    ("bare_month", "absolute", rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|till|[Bb]y|[Ff]rom|[Dd]uring|through|[Bb]efore|[Aa]fter|of|to|as of)\s+(?P<core>{_MONTH})(?![\w-]|\.?\s+\d)"),
    ("ago", "relative", _I.format(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b")),
    ("end_of_rel_unit", "relative", _I.format(r"\bthe\s+(?P<edge>end|beginning|start|middle)\s+of\s+(?P<rel>this|last|next|the)\s+(?P<unit>week|month|year)\b")),
    ("mod_rel_unit", "relative", _I.format(r"\b(?P<edge>earlier|later|early|late)\s+(?P<rel>this|last|next)\s+(?P<unit>week|month|year)\b")),
    ("rel_unit", "relative", _I.format(r"\b(?P<rel>this|last|next)\s+(?P<unit>week|month|year)\b(?!s)")),
    ("deictic_day", "relative", _I.format(r"\b(?P<deictic>today|yesterday|tomorrow)\b")),
    ("rel_weekday", "relative", rf"\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+{_WD}\b"),
    ("weekday", "relative", rf"\b{_WD}\b"),
    ("anaphor", "anaphoric", _I.format(
        r"\b(?:(?P<same>(?:the\s+same|that(?:\s+same)?)\s+(?P<aunit>day|week|month|year))"
        r"|(?P<next>the\s+(?:following|next)\s+(?P<nunit>day|week|month|year)|a\s+(?P<lunit>day|week|month|year)\s+later|the\s+(?P<dunit>day|week|month|year)\s+after(?!\s+(?:the|a|an|his|her|its|their|[A-Z])))"
        r"|(?P<prev>the\s+previous\s+(?P<punit>day|week|month|year)|the\s+(?P<bunit>day|week|month|year)\s+before(?!\s+(?:the|a|an|his|her|its|their|[A-Z])))"
        r"|(?P<inday>(?:earlier|later)\s+(?:in\s+the|that)\s+day))\b")),
    ("year", "absolute", rf"(?<![\d–/-]){_YEAR}(?!s\b|\s*(?:percent|won|yen|dollars|people|troops|%))"),
]

COMPILED: list[tuple[str, str, re.Pattern[str]]] = [(n, k, re.compile(p)) for n, k, p in PATTERNS]

# Where each pattern can begin. Python's `re` scans fast only for a pattern that starts with a
# literal or a character class; a leading `\b` or `(?i:` makes it try every position. So each
# pattern is tried (`match`) only where its starter, a class-led regex, matches: that set must
# hold every position where the pattern can match (a superset is fine, it only costs a try),
# and a starter match must not span a word start. `ſ` is there because `(?i)s` matches it.
# tests/test_dates.py checks that this gives exactly what `finditer` gives.
STARTERS: dict[str, str] = {
    "digits": r"\d+",  # every numeric pattern starts a run of digits (\b or (?<![\d...]) before)
    "month": r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
    "mod": r"[EeMmLlTt](?:arly|id|ate|he)",
    "season": r"[SsſFfAaWw](?i:pring|ummer|all|utumn|inter)",
    "rel": r"[TtLlNnPpCc](?i:his|ast|ext|oming)",
    "preposition": r"[IiSsUuTtBbFfDdAaOo](?:n|ince|ntil|ill|y|rom|uring|hrough|efore|fter|f|o|s)",
    "the": r"[Tt](?i:he)",
    "edge": r"[EeLl](?i:arl|at)",
    "deictic": r"[TtYy](?i:oday|esterday|omorrow)",
    "weekday": r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)",
    "anaphor": r"[TtAaEeLl](?i:h[ea]|\s|arl|at)",
}
# A pattern with no starter runs only when the body holds this word (any case), else never.
NEEDS: dict[str, str] = {"ago": "ago"}
STARTS: dict[str, str] = {
    "iso_date": "digits", "month_day_year": "month", "day_month_year": "digits",
    "month_day_rel_year": "month", "month_day": "month", "mod_month_year": "mod",
    "month_year": "month", "season_year": "season", "mod_year": "mod", "mod_month": "mod",
    "rel_month_name": "rel", "rel_season": "rel", "bare_month": "preposition",
    "end_of_rel_unit": "the", "mod_rel_unit": "edge", "rel_unit": "rel", "deictic_day": "deictic",
    "rel_weekday": "rel", "weekday": "weekday", "anaphor": "anaphor", "year": "digits",
}
COMPILED_STARTERS: dict[str, re.Pattern[str]] = {name: re.compile(rx) for name, rx in STARTERS.items()}

# Tense cues: verbs whose present tense describes a scheduled (future) event.
SCHEDULED_VERBS = {"expire", "begin", "start", "end", "open", "close", "hold", "meet", "visit",
                   "arrive", "leave", "take", "kick", "launch", "resume", "convene", "run", "be"}
FUTURE_HEADS = {"plan", "schedule", "set", "due", "slate", "expect", "aim", "intend", "hope", "go"}
