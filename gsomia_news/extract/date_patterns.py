"""Date-expression patterns as named data. Each pattern has a name that selects its resolver.

Month names and weekdays are matched case-sensitively (so the verbs "may" and "march" are not
months); deictic phrases ("last week") are matched in any case. A bare month needs a
preposition in front ("in August"), because "May" alone is usually the modal verb; a pattern's
group `core`, when present, is the part reported as the mention.

Each row is (name, kind, class, regex). `class` says which profile lists it (dates.DateOptions):
  date       a calendar date, month, year, week, season, quarter, half, decade or century;
  reference  TimeML's PRESENT_REF / PAST_REF / FUTURE_REF ("now", "recently", "the future");
  offset     a date counted from another date ("a year earlier", "two months later"), a time
             within a day of it ("later that day", "tonight"), or the days up to the
             publication day ("the past week");
  span       a span of more than a year: a decade ("the late 1970s"), a century, or a span of
             years ("2009-2010", whose ends are listed as years).
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
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "last": 0, "latter": 2}  # "last/latter half" = second half; "last quarter" is relative
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Spoken years in broadcast transcripts ("nineteen ninety-six").
TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}
CENTURY_ORDINALS = {"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                    "twentieth": 20, "twenty-first": 21}
# TimeML's modifiers, by the word that sets them.
MODS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
        "late": "END", "end": "END", "about": "APPROX", "around": "APPROX", "roughly": "APPROX",
        "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
        "more than": "MORE_THAN", "over": "MORE_THAN", "dawn": "START", "turn": "START", "close": "END"}
# Fixed-date and rule-based holidays (month, day) or (month, weekday, nth; -1 = last); US federal
# rules where a US name is used (TimeML's news corpora are American). Source: 5 U.S.C. 6103;
# Liberation Day is South Korea's national holiday of Aug. 15 (Gwangbokjeol), the one a GSOMIA
# story means by the name.
HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int]] = {
    "new year's day": (1, 1), "valentine's day": (2, 14), "independence day": (7, 4),
    "halloween": (10, 31), "liberation day": (8, 15), "christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
    "new year's eve": (12, 31), "veterans day": (11, 11),
    "labor day": (9, 0, 1), "memorial day": (5, 0, -1), "thanksgiving day": (11, 3, 4),
    "thanksgiving": (11, 3, 4), "martin luther king day": (1, 0, 3), "columbus day": (10, 0, 2),
    "election day": (11, 1, 0),  # the Tuesday after the first Monday (see calendar_math.holiday)
    "easter": (0, 0), "easter sunday": (0, 0),  # computed (dateutil.easter)
}

_MONTH = (r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December)(?![\w-])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?![\w-]))")
# A month's name with no group, for the patterns and dates.py rules that look at a second one.
MONTH_WORD = _MONTH.replace("(?P<month>", "(?:", 1)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A year 1900-2099; not a decade ("1970s"), an index level ("2082.1") or a number ("1,980").
_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d–-]|'?s\b|[.,]\d)"
_OLD_YEAR = r"(?P<year>1[0-8]\d{2})(?![\d–-]|'?s\b|[.,]\d)"
_MOD = r"(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he (?:end|beginning|start|middle) of)"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_REL = r"(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming)"
_NUM = r"(?P<num>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Words after a month that are not the noun it dates ("the March to the sea", "a June and July").
_NOT_NOUN = (r"(?:of|and|or|nor|to|in|on|at|for|with|by|from|as|into|than|that|which|who|when|through|until|after|before"
             r"|is|are|was|were|be|been|has|had|have|will|would|could|should|may|might|can|did|does|the|an?|this|last|next)")
_APPROX = r"(?:(?P<approx>about|around|nearly|almost|roughly|some|more than|less than|over)\s+)?"
_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_SEASON = r"(?P<season>(?i:spring|summer|fall|autumn|winter))"
_UNIT = r"(?P<unit>day|week|month|year|quarter)"
_I = "(?i:{})"
# A word that ends a clause after "before"/"after", so the offset counts from the previous date.
_CLAUSE_END = r"(?=\s*[,.;:)\n]|\s*$|\s+(?:and|but|when|while|as|that|in|on|at|to|for)\b)"

# (name, kind, class, regex). Longer forms come first; overlaps are settled by longest match.
ROWS: list[tuple[str, str, str, str]] = [
    ("iso_date", "absolute", "date", r"\b(?P<year>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])\b"),
    ("weekday_month_day_year", "absolute", "date", rf"\b{_WD},?\s+{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("weekday_month_day", "absolute", "date", rf"\b{_WD},?\s+(?:the\s+)?{_MONTH}\s+{_DAY}\b(?![.,]?\s*\d)"),
    ("month_day_year", "absolute", "date", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("day_month_year", "absolute", "date", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
    ("month_day_rel_year", "absolute", "date",
     rf"\b{_MONTH}\s+{_DAY}(?:,)?\s+(?P<rel>last|this|next|that|the same|the following|the previous) year\b"),
    ("week_of", "absolute", "date", rf"\b[Tt]he\s+week\s+of\s+{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?(?![.,]?\s*\d)"),
    # Two days of one month: "Nov. 22 and 23", "Dec. 3-4, 2019", "between Aug. 5 and 20", and
    # day first, "22-23 November", "3 and 4 December 2019". Two mentions, as TimeML writes it
    # ("[April 24] and [25]"), the bare day with the other's month and year; dates.py keeps it
    # only where the days rise and, month first, no noun follows ("Nov. 22 and 23 countries").
    ("month_day_pair", "absolute", "date",
     rf"\b(?P<first>{_MONTH}\s+{_DAY})(?:-|\s?–\s?|\s+(?:and|or|to|through)\s+)"
     rf"(?P<second>(?P<day2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?)(?![.,]?\s*\d|:\d|[-–])"),
    ("day_pair_month", "absolute", "date",
     r"(?<![\d.,:/–-])(?P<first>(?P<day0>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)(?:-|\s?–\s?|\s+(?:and|or|to|through)\s+)"
     rf"(?P<second>{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)(?![.,]?\s*\d)"),
    # Three or more days of one month: "Nov. 4, 5 and 6", "Oct. 1, 8, 15 and 22, 2019"; one
    # mention a day (dates.py), the bare ones with the first's month and year.
    ("month_day_list", "absolute", "date",
     rf"\b(?P<first>{_MONTH}\s+{_DAY}),\s+(?P<days>(?:(?:[12]\d|3[01]|0?[1-9]),\s+)*(?:[12]\d|3[01]|0?[1-9]),?\s+"
     rf"(?:and|or)\s+(?:[12]\d|3[01]|0?[1-9]))\b(?:,?\s+{_YEAR})?(?![.,]?\s*\d|:\d|[-–])"),
    ("month_day", "absolute", "date", rf"\b{_MONTH}\s+{_DAY}\b(?![.,]?\s*\d)"),
    ("day_month", "absolute", "date", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![.,]?\s*\d)"),
    # "on the 17th", "by the 3rd of next month", "the 17th of November": a day of the month in
    # context; an ordinal followed by a noun ("the 17th round") is no date (dates._skip).
    ("ordinal_day", "relative", "date",
     rf"\b[Tt]he\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!-)(?:\s+of\s+(?:"
     rf"(?P<rel>this|last|next|that|the|the\s+same|the\s+following|the\s+previous)\s+month\b|{_MONTH}(?:,?\s+{_YEAR})?))?"),
    ("mod_month_year", "absolute", "date", rf"\b{_MOD}[- ]{_MONTH}(?:,)?\s+(?:of\s+)?{_YEAR}"),
    ("mod_month_rel_year", "relative", "date",
     rf"\b{_MOD}[- ]{_MONTH}(?:,)?\s+(?:of\s+)?(?P<rel>last|this|next|that|the same|the following|the previous) year\b"),
    ("month_rel_year", "relative", "date",
     rf"\b{_MONTH}(?:,)?\s+(?:of\s+)?(?P<rel>last|this|next|that|the same|the following|the previous) year\b"),
    ("month_year", "absolute", "date", rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}"),
    ("season_year", "absolute", "date",
     rf"\b(?:[Tt]he\s+(?=(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- ])?(?i:spring|summer|fall|autumn|winter)\s+of\s))?"
     rf"(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ])?{_SEASON}\s+(?:of\s+)?{_YEAR}"),
    ("quarter_year", "absolute", "date", _I.format(
        rf"\b(?:the\s+)?(?:fiscal[- ])?{_ORD}[- ](?:fiscal[- ])?quarter,?\s+(?:of\s+|in\s+)?(?:fiscal\s+)?(?P<year>(?:19|20)\d{{2}})\b")),
    ("year_quarter", "absolute", "date", _I.format(
        rf"\b(?:the\s+)?(?:fiscal\s+)?(?P<year>(?:19|20)\d{{2}})(?:'s|’s)?\s+(?:fiscal\s+)?{_ORD}[- ]quarter\b")),
    ("rel_year_quarter", "relative", "date", _I.format(
        rf"\b(?P<rel>this|last|next) year(?:'s|’s)\s+(?:fiscal\s+)?{_ORD}[- ]quarter\b"
        rf"|\bthe\s+(?P<ord2>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\s+of\s+(?P<rel2>this|last|next) year\b")),
    ("half_year", "absolute", "date", _I.format(
        r"\b(?:the\s+)?(?P<ord>first|second|last|latter)[- ]half\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>(?:19|20)\d{2})\b")),
    ("rel_year_half", "relative", "date", _I.format(
        r"\b(?:the\s+)?(?P<ord>first|second|last|latter)[- ]half\s+of\s+(?P<rel>this|last|next) year\b")),
    ("year_period", "absolute", "date", _I.format(r"\bthe\s+(?P<year>(?:19|20)\d{2})\s+(?:period|quarter)\b")),
    ("quarter", "absolute", "date", _I.format(
        rf"\b(?:(?:the|this)\s+)?(?:fiscal[- ])?{_ORD}[- ](?:fiscal[- ])?quarter(?!s)\b")),
    ("half", "absolute", "date", _I.format(
        r"\b(?:(?:the|this)\s+)?(?P<ord>first|second|latter)[- ]half\b(?!\s+(?:of\s+)?(?:the|a|an|his|her|its|their|this|that|\w+'s)\b)")),
    ("rel_quarter", "relative", "date", _I.format(
        r"\b(?:(?:the|its|their)\s+)?(?P<qrel>this|last|next|current|latest|previous|prior|coming|most recent|same)\s+(?:fiscal\s+)?quarter(?!s)\b"
        # a results story's "the latest period": the quarter reported on
        r"|\bthe\s+(?P<qrel2>latest|most\s+recent)\s+period\b(?!\s+of\b)")),
    ("the_quarter", "anaphoric", "date", _I.format(r"\bthe\s+quarter(?!s|ly)\b")),
    ("fiscal_year", "absolute", "date", _I.format(r"\bfiscal(?:\s+year)?\s+(?P<year>(?:19|20)\d{2})\b(?![-–]\d)")),
    ("rel_fiscal_year", "relative", "date", _I.format(
        r"\bthe\s+(?P<frel>current|latest|previous|next|full)\s+(?:fiscal\s+)?year\b|\bthe\s+fiscal\s+year\b(?!\s+(?:19|20)\d\d)")),
    ("year_end", "relative", "date", _I.format(r"\b(?:(?:this|last|next)\s+)?year[- ]end\b|\byear(?:'s|’s) end\b")),
    ("decade", "absolute", "span", _I.format(
        r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ]|(?P<half>first|last|second)\s+half\s+of\s+the\s+)?"
        r"(?P<dec>(?:1[0-9]|20)\d0)'?s\b|\b(?:the\s+)?(?:(?P<mod2>early|mid|late)[- ])?'(?P<dec2>\d0)s\b"
        r"|\bthe\s+(?:(?P<mod3>early|mid|late)[- ])?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b")),
    ("century", "absolute", "span", _I.format(
        r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<cnum>1[0-9]|2[01])(?:st|nd|rd|th)"
        r"|(?P<cword>eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[- ]century\b")),
    ("rel_century", "relative", "span", _I.format(r"\b(?P<rel>this|last|next|the last|the past|the next)\s+century\b")),
    ("spoken_year", "absolute", "date", _I.format(
        r"\b(?:the\s+year\s+)?(?P<hi>nineteen|eighteen)[- ](?:hundred(?:\s+and)?[- ])?(?P<tens>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?P<unit1>one|two|three|four|five|six|seven|eight|nine))?\b"
        r"|\bthe\s+year\s+two\s+thousand(?:\s+and\s+(?P<unit2>one|two|three|four|five|six|seven|eight|nine))?\b")),
    ("spoken_month_year", "absolute", "date", rf"\b{_MONTH}\s+(?i:(?P<hi>nineteen)[- ](?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?P<unit1>one|two|three|four|five|six|seven|eight|nine))?)\b"),
    ("mod_year", "absolute", "date", rf"\b{_MOD}[- ](?:fiscal\s+)?{_YEAR}"),
    ("mod_month", "absolute", "date", rf"\b{_MOD}[- ]{_MONTH}(?![\w-])"),
    ("rel_month_name", "relative", "date", rf"\b(?:{_REL}|(?P<rel3>[Tt]his past))\s+{_MONTH}(?![\w-])"),
    ("rel_season", "relative", "date", rf"\b(?:(?P<rel3>[Tt]his past)|{_REL})\s+{_SEASON}\b"),
    ("the_season", "relative", "date",
     rf"\b(?:[Ii]n|[Dd]uring|[Oo]ver|[Bb]y|[Uu]ntil|[Ss]ince|[Tt]hrough|[Ff]or|[Tt]his)\s+(?P<core>(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?{_SEASON})\b(?!\s+(?:of|session|months|season|semester|camp|break|solstice|olympics|games)\b)"),
    ("bare_month", "absolute", "date",
     rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|till|[Bb]y|[Ff]rom|[Ff]or|[Dd]uring|through|[Bb]efore|[Aa]fter|of|to|as of|[Ll]ast|[Nn]ext)\s+(?P<core>{_MONTH})(?![\w-]|\.?\s+\d|\s+(?:Jr|Sr)\b)"),
    # The later months of a list, which has the preposition only once: "in July and August",
    # "in September, October and November" (the month after "and", "or" or a comma; the match
    # is the month before it, so each month of a list starts one).
    ("listed_month", "absolute", "date",
     rf"\b{MONTH_WORD}(?=(?:,\s+|,?\s+(?:and|or)\s+)(?P<core>{_MONTH})(?![\w-]|\.?\s+\d|\s+(?:Jr|Sr)\b))"),
    # A month that dates the noun after it: "Seoul's August decision", "a June agreement", "the
    # October slaying". Not "May" (a modal, a surname: "the May government"), and abbreviations
    # only with their dot; dates.py asks for a determiner or a possessive before it ("the",
    # "its", "Seoul's").
    ("noun_month", "absolute", "date",
     r"\b(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December)"
     rf"(?![\w-])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)(?=\s+(?!{_NOT_NOUN}\b)[a-z]{{3,}}\b)"),
    ("ago", "relative", "date", _I.format(
        rf"\b{_APPROX}{_NUM}\s+(?P<unit>day|week|month|year|decade)s?\s+(?:or\s+so\s+)?ago\b")),
    ("ago_ref", "relative", "reference", _I.format(
        r"\b(?:(?:several|a\s+few|a\s+couple\s+of|many|some)\s+(?:days|weeks|months|years|decades)|years|decades|months)\s+ago\b")),
    ("end_of_rel_unit", "relative", "date", _I.format(
        r"\b(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?P<rel>this|last|next|the)\s+(?P<unit>week|month|year)\b")),
    ("mod_rel_unit", "relative", "date", _I.format(
        r"\b(?P<edge>earlier|later|early|late)\s+(?P<rel>this|last|next)\s+(?P<unit>week|month|year)\b")),
    ("in_unit", "relative", "date", _I.format(r"\b(?P<edge>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)\b")),
    ("rel_weekend", "relative", "date", _I.format(
        r"\b(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+past|the\s+coming)|(?P<over>over\s+the|during\s+the|on\s+the|at\s+the|for\s+the|the))\s+weekend\b")),
    ("rel_unit", "relative", "date", _I.format(
        r"\b(?:(?P<rel>this|last|next|this\s+coming|the\s+coming)\s+)(?P<unit>week|month|year)\b(?!s|-|\s+(?:old|long)\b)")),
    # "over the past week": the days up to the publication day, not a calendar week (TimeML
    # still dates it, as the unit before the publication day's)
    ("past_unit", "relative", "offset", _I.format(
        r"\bthe\s+(?P<rel>past)\s+(?P<unit>week|month|year)\b(?!s|-|\s+(?:old|long)\b)")),
    ("deictic_day", "relative", "date", _I.format(r"\b(?P<deictic>today|yesterday|tomorrow)\b")),
    ("tonight", "relative", "offset", _I.format(r"\btonight\b")),
    ("rel_weekday", "relative", "date", rf"\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Tt]his past|[Tt]his coming)\s+{_WD}\b"),
    ("anaphor_weekday", "anaphoric", "date", rf"\b[Tt]he\s+(?P<arel>previous|following|next|preceding)\s+{_WD}\b"),
    ("holiday", "absolute", "date", r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<holiday>New Year's (?:Day|Eve)|Valentine's Day|Independence Day|Liberation Day|Halloween|Christmas(?: (?:Day|Eve))?|Veterans Day|Labor Day|Memorial Day|Thanksgiving(?: Day)?|Martin Luther King(?: Jr\.)? Day|Columbus Day|Election Day|Easter(?: Sunday)?)(?![\w-])"),
    ("weekday", "relative", "date", rf"\b{_WD}\b"),
    ("anaphor", "anaphoric", "date", _I.format(
        r"\b(?:(?P<same>(?:the\s+same|that(?:\s+same)?)\s+(?P<aunit>day|week|month|year))"
        r"|(?P<next>the\s+(?:following|next)\s+(?P<nunit>day|week|month|year)|the\s+(?P<dunit>day|week|month|year)\s+after(?!\s+(?:the|a|an|his|her|its|their|[A-Z])))"
        r"|(?P<prev>the\s+previous\s+(?P<punit>day|week|month|year)|the\s+(?P<bunit>day|week|month|year)\s+before(?!\s+(?:the|a|an|his|her|its|their|[A-Z]))))\b(?!-)")),
    ("offset", "anaphoric", "offset", _I.format(
        rf"\b{_APPROX}{_NUM}\s+(?P<unit>day|week|month|year|quarter)s?\s+(?:(?P<dir>earlier|later|previously)(?!\s+than\b)|(?P<dir2>before|after){_CLAUSE_END})")),
    ("year_ago_period", "anaphoric", "offset", _I.format(
        rf"\b(?:the\s+)?(?:(?:comparable|same|corresponding)\s+)?(?:year-earlier|year-ago|year\s+earlier)(?:\s+(?:{_ORD}\s+)?(?P<per>quarter|period))?\b"
        r"|\bthe\s+(?:(?:same|corresponding|comparable)\s+)?(?:period|quarter)\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year)\b"
        rf"|\blast\s+year(?:'s|’s)\s+(?:{_ORD.replace('?P<ord>', '?:')}[- ])?(?:quarter|period)\b")),
    ("in_day", "anaphoric", "offset", _I.format(r"\b(?:earlier|later)\s+(?:in\s+the|that)\s+day\b")),
    ("year_span", "absolute", "span",
     r"(?<![\d–/-])(?P<year>(?:19|20)\d{2})\s*[-–]\s*(?P<year2>(?:19|20)?\d{2})(?![\d–-]|'?s\b)"),
    ("old_year", "absolute", "date",
     rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Ff]rom|[Bb]y|[Bb]efore|[Aa]fter|[Dd]uring|[Oo]f|post-|pre-)\s*(?P<core>{_OLD_YEAR})(?!\s*(?:percent|people|troops|[a-z]))"),
    ("ref_present", "relative", "reference", _I.format(
        r"\b(?:right\s+now|now|currently|nowadays|these\s+days|at\s+present|the\s+present|at\s+the\s+moment)\b(?!-)"
        r"|\bcurrent\b(?!\s+(?:account|accounts|affairs|events)\b|ly|s)")),
    ("ref_past", "relative", "reference", _I.format(
        r"\b(?:(?:more\s+)?recently|(?:in\s+)?the\s+past(?!\s+(?:\d|an?\b|one|two|three|four|five|six|seven|eight|nine|ten|twelve|couple|many|decades?|years?|months?|weeks?|days?|century|centuries|quarters?|hours?)\b)|(?:in\s+)?recent\s+(?:years|months|weeks|days|decades|times)"
        r"|past\s+years|the\s+(?:past|last)\s+(?:few|several)\s+(?:years|months|weeks|quarters|decades)|then[- ]current)\b(?!-)")),
    ("ref_future", "relative", "reference", _I.format(
        r"\b(?:(?:in\s+)?the\s+(?:near\s+|distant\s+)?future|as\s+soon\s+as\s+possible|the\s+(?:near|short|long)\s+term"
        r"|(?:the\s+)?coming\s+(?:years|months|weeks|days|quarters|decades)|future\s+(?:years|quarters|generations)|a\s+later\s+date)\b(?!-|\s+of\b)")),
    ("year", "absolute", "date", rf"(?:(?<![\w–/-])|(?<=post-)|(?<=pre-)){_YEAR}(?!\s*(?:percent|won|yen|dollars|people|troops|%|billion|million|trillion|thousand|hundred|tons?|tonnes?|km|kilometers|miles|meters|points|shares|units|votes|barrels|vehicles)\b)"),
]

PATTERNS: list[tuple[str, str, str]] = [(n, k, p) for n, k, _, p in ROWS]
CLASS: dict[str, str] = {n: c for n, _, c, _ in ROWS}
COMPILED: list[tuple[str, str, re.Pattern[str]]] = [(n, k, re.compile(p)) for n, k, p in PATTERNS]

# Where each pattern can begin. Python's `re` scans fast only for a pattern that starts with a
# literal or a character class; a leading `\b` or `(?i:` makes it try every position. So each
# pattern is tried (`match`) only where its starter, a class-led regex, matches: that set must
# hold every position where the pattern can match (a superset is fine, it only costs a try),
# and a starter match must not span a word start. `ſ` is there because `(?i)s` matches it, and
# `K` (Kelvin sign) because `(?i)k` does.
# tests/test_dates.py checks that this gives exactly what `finditer` gives.
_G = r"(?<!\w\w)"  # after a starter's first letter: that letter begins a word (as the pattern's \b says)
STARTERS: dict[str, str] = {
    "digits": r"\d+",  # every numeric pattern starts a run of digits (\b or (?<![\d...]) before)
    "month": rf"(?:J{_G}an|F{_G}eb|M{_G}a[ry]|A{_G}(?:pr|ug)|J{_G}u[nl]|S{_G}ep|O{_G}ct|N{_G}ov|D{_G}ec)",
    "mod": rf"[EeMmLlTt]{_G}(?:arly|id|ate|he)",
    "rel": rf"[TtLlNnPpCc]{_G}(?i:his|ast|ext|oming)",
    "preposition": rf"[IiSsſUuTtBbFfDdAaOoLlNn]{_G}(?:n|ince|ntil|ill|y|rom|or|uring|hrough|efore|fter|f|o|s|ast|ext|ver|his)",
    "edge": rf"[EeLl]{_G}(?i:arl|at)",
    "deictic": rf"[TtYy]{_G}(?i:oday|esterday|omorrow|onight)",
    "weekday": rf"(?:M{_G}on|T{_G}(?:ue|hu)|W{_G}ed|F{_G}ri|S{_G}(?:at|un))",
    "anaphor": rf"[TtAaEeLl]{_G}(?i:h[ea]|\s|arl|at)",
    "holiday": rf"(?:[LlNnTt]{_G}(?:ast|ext|his)|N{_G}ew|V{_G}al|I{_G}nd|H{_G}al|C{_G}(?:hr|ol)|V{_G}et|L{_G}(?:ab|ib)|M{_G}(?:em|ar)|T{_G}ha|E{_G}(?:le|as))",
    "ordinal": rf"[TtIiİıFfSsſ1-4Ll]{_G}(?i:he|ts|heir|his|iscal|irst|econd|hird|ourth|ast|atter|st|nd|rd|th)",
    "fiscal": rf"[FfTt]{_G}(?i:iscal|he)",
    "decade": rf"(?:[TtFfSsſ]{_G}(?i:he|irst|econd)|[EeMmLl]{_G}(?i:arly|id|ate|ast)|\d|')",
    "century": rf"(?:[TtLlNnEeMm]{_G}(?i:he|his|ast|ext|arly|id|ate)|\d|[EeTtFfSsſNn]{_G}(?i:leventh|welfth|hirteenth|ourteenth|ifteenth|ixteenth|eventeenth|ighteenth|ineteenth|wentieth|wenty))",
    "spoken": rf"[NnEeTt]{_G}(?i:ineteen|ighteen|he)",
    "weekend": rf"[TtLlNnOoDdAaFf]{_G}(?i:his|ast|ext|he|ver|uring|n|t|or)",
    "number": rf"(?:\d+|[AaNnRrSsſMmLlOoTtFfEe]{_G}(?i:bout|round|early|lmost|oughly|ome|ore|ess|ver|ne|wo|hree|welve|en|our|ive|ix|even|ight|ine|leven|n\b|\b))",
    "present": rf"[RrNnCcTtAa]{_G}(?i:ight|ow|urrent|hese|t|he)",
    "past": rf"[MmRrPpIiİıTt]{_G}(?i:ore|ecent|n|he|ast)",
    "future": rf"[IiİıTtAaCcFf]{_G}(?i:n|he|s|oming|uture|\s)",
    "preposition_old": rf"(?:[IiSsſUuFfBbDdOo]{_G}(?:n|ince|ntil|rom|y|efore|fter|uring|f)|p{_G}ost|p{_G}re)",
    "the": rf"[Tt]{_G}(?i:he)",
    "year_end": rf"[TtLlNnYy]{_G}(?i:his|ast|ext|ear)",
    "season_or_mod": rf"(?:[SsſFfAaWw]{_G}(?i:pring|ummer|all|utumn|inter)|[EeMmLl]{_G}(?:arly|id|ate)|[Tt]{_G}he)",
    "year_or_the": rf"(?:\d+|[Tt]{_G}(?i:he)|[Ff]{_G}(?i:iscal))",
    "year_word_or_the": rf"[TtLlNn]{_G}(?i:his|ast|ext|he)",
    "qrel": rf"[TtIiİıLlNnCcPpSsſMm]{_G}(?i:he|ts|heir|his|ast|atest|ext|urrent|revious|rior|oming|ost|ame)",
    "end_edge": rf"[TtEeBbSsſMm]{_G}(?i:he|nd|eginning|tart|iddle)",
    "rel_or_the": rf"[TtLlNn]{_G}(?i:his|ast|ext|he)",
    "year_ago": rf"(?:[TtYySsſCc]{_G}(?i:he|ear|ame|omparable|orresponding)|[Ll]{_G}(?i:ast))",
    "ago_ref": rf"[SsſAaMmYyDd]{_G}(?i:everal|\s|ome|any|ears|ecades|onths)",
}
# A pattern is tried at all only when the body holds one of its gate words: every match of the
# pattern contains one of them. Words are looked up in the body's case-folded form (see
# dates.fold), so they hold for the pattern's case-insensitive parts too; a gate given as a
# compiled regex is searched in the body itself. The starters of patterns about words the body
# lacks ("quarter", "weekend", "century") are then never even scanned for.
_U = ("week", "month", "year")
GATES: dict[str, tuple[str, ...] | re.Pattern[str]] = {
    "quarter_year": ("quarter",), "year_quarter": ("quarter",), "rel_year_quarter": ("quarter",),
    "quarter": ("quarter",), "rel_quarter": ("quarter", "period"), "the_quarter": ("quarter",),
    "year_period": ("period", "quarter"), "half_year": ("half",), "rel_year_half": ("half",),
    "half": ("half",), "fiscal_year": ("fiscal",), "rel_fiscal_year": ("year",),
    "year_end": ("end",), "decade": ("0s", "0's", "ties"), "century": ("century",),
    "rel_century": ("century",), "spoken_year": ("nineteen", "eighteen", "thousand"),
    "spoken_month_year": ("nineteen",), "rel_weekend": ("weekend",), "ago": ("ago",),
    "ago_ref": ("ago",), "offset": ("earlier", "later", "before", "after", "previously"),
    "year_ago_period": ("year",), "anaphor": ("day", *_U), "anaphor_weekday": ("previous", "following", "next", "preceding"),
    "in_day": ("day",), "week_of": ("week",), "ordinal_day": re.compile(r"\d(?:st|nd|rd|th)\b"), "old_year": re.compile(r"1[0-8]\d\d"), "year_span": re.compile(r"\d\s*[-–]\s*\d"),
    "mod_month_rel_year": ("year",), "month_rel_year": ("year",), "month_day_rel_year": ("year",),
    "the_season": ("spring", "summer", "fall", "autumn", "winter"),
    "season_year": ("spring", "summer", "fall", "autumn", "winter"),
    "rel_season": ("spring", "summer", "fall", "autumn", "winter"),
    "bare_month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "noun_month": ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "listed_month": re.compile(r"(?:,|\band|\bor)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "end_of_rel_unit": _U, "mod_rel_unit": _U, "in_unit": _U, "tonight": ("tonight",), "rel_unit": _U, "past_unit": _U,
    "holiday": ("day", "eve", "christmas", "halloween", "thanksgiving", "easter"),
    "ref_present": ("now", "current", "days", "present", "moment"), "ref_past": ("recent", "past", "last", "current"),
    "ref_future": ("future", "term", "coming", "date", "possible", "generations"),
}
# A pattern with no starter runs only when the body holds this word (any case), else never.
NEEDS: dict[str, str] = {"in_day": " day"}
STARTS: dict[str, str] = {
    "iso_date": "digits", "weekday_month_day_year": "weekday", "weekday_month_day": "weekday",
    "month_day_year": "month", "day_month_year": "digits",
    "month_day_rel_year": "month", "month_day_pair": "month", "month_day_list": "month", "day_pair_month": "digits", "month_day": "month", "week_of": "the", "day_month": "digits", "ordinal_day": "the",
    "mod_month_year": "mod", "mod_month_rel_year": "mod", "month_rel_year": "month",
    "month_year": "month", "season_year": "season_or_mod", "quarter_year": "ordinal",
    "year_quarter": "year_or_the", "rel_year_quarter": "year_word_or_the", "half_year": "ordinal",
    "rel_year_half": "ordinal", "year_period": "the", "quarter": "ordinal", "half": "ordinal",
    "rel_quarter": "qrel", "the_quarter": "the", "fiscal_year": "fiscal",
    "rel_fiscal_year": "the", "year_end": "year_end", "decade": "decade", "century": "century",
    "rel_century": "century", "spoken_year": "spoken", "spoken_month_year": "month",
    "mod_year": "mod", "mod_month": "mod", "rel_month_name": "rel", "rel_season": "rel",
    "the_season": "preposition", "bare_month": "preposition", "noun_month": "month", "listed_month": "month",
    "ago": "number",
    "end_of_rel_unit": "end_edge", "mod_rel_unit": "edge", "in_unit": "edge", "rel_weekend": "weekend",
    "rel_unit": "rel_or_the", "past_unit": "the", "deictic_day": "deictic", "tonight": "deictic", "rel_weekday": "rel",
    "anaphor_weekday": "the", "holiday": "holiday", "ago_ref": "ago_ref", "weekday": "weekday",
    "anaphor": "anaphor", "offset": "number", "year_ago_period": "year_ago",
    "year_span": "digits", "old_year": "preposition_old", "ref_present": "present",
    "ref_past": "past", "ref_future": "future", "year": "digits",
}
COMPILED_STARTERS: dict[str, re.Pattern[str]] = {name: re.compile(rx) for name, rx in STARTERS.items()}

# Tense cues. A dated verb in the present simple or progressive describes a scheduled (future)
# event ("expires Friday", "takes effect Aug. 28", "is visiting Seoul Friday"), except verbs of
# saying and thinking, whose present reports what was said ("Seoul says Friday it ...").
REPORTING_VERBS = {"say", "tell", "report", "claim", "insist", "add", "note", "argue", "believe", "think",
                   "know", "deny", "admit", "confirm", "show", "suggest", "indicate", "accuse", "recall",
                   "write", "explain", "describe", "acknowledge", "state", "stress", "maintain", "contend",
                   "complain", "point", "reveal", "mean", "remember", "seem", "appear", "look"}
# Modals that put a dated event ahead ("may meet Friday"), unless perfect ("might have met Friday");
# "would" does too unless negated (dates.py). "could" does not: news uses it for the past
# ("could not be reached Wednesday").
MODALS = {"may", "might", "can", "should", "must", "ought"}
# Verbs that schedule an event; the small model sometimes tags their -s form as a plural noun at
# the root of the sentence ("The pact lapses at midnight Saturday").
SCHEDULED_FORMS = {"expire", "lapse", "end", "begin", "start", "open", "close", "resume", "take", "run",
                   "conclude", "kick", "convene", "arrive", "leave", "depart", "return", "launch", "finish"}
# Verbs whose infinitive complement is still ahead when they are in the present or present
# perfect: "has threatened to walk out on Monday", "vows to respond Friday".
VOLITION_VERBS = {"threaten", "vow", "promise", "pledge", "want", "seek", "agree", "decide", "offer",
                  "prepare", "propose", "wish", "need", "try", "refuse", "ask", "urge", "call", "demand"}
# Verbs whose past tense is spelled as their present: a tagger's VBP for them is no evidence.
SAME_PAST_FORMS = {"hurt", "cut", "put", "set", "hit", "let", "cost", "quit", "spread", "shut", "read",
                   "bet", "burst", "cast", "split", "upset", "bid", "broadcast", "forecast", "thrust", "shed"}
# Verbs that set an end ahead of the act: in the simple past, "until <date>" after them is the
# new end, still ahead when the act is news ("postponed the decision until Monday", "gave Seoul
# until Tuesday", "extended its offer until 5 p.m. Nov. 9"); after other verbs it is an end
# reached ("stayed until Monday"). Phrasal ones are (verb, particle).
DEFERRAL_VERBS = {"postpone", "delay", "defer", "extend", "suspend", "adjourn", "give", "grant", "halt",
                  "prolong", "recess", "reschedule"}
DEFERRAL_PHRASALS = {("put", "off"), ("push", "back"), ("hold", "off"), ("put", "back")}
FUTURE_HEADS = {"plan", "schedule", "set", "due", "slate", "expect", "aim", "intend", "hope", "go"}
# Words that put the date they govern ahead of the publication day ("payable Dec. 7",
# "due Nov. 1", "scheduled for Monday", "the upcoming Monday").
FUTURE_WORDS = {"payable", "due", "scheduled", "slated", "upcoming", "expected", "maturing", "redeemable"}
