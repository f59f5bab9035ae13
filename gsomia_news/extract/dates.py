"""Date mentions: every day, month, year, week, quarter, season, decade or century the body names.

Order of work: find candidates with the named patterns (date_patterns.py), keep the longest
non-overlapping ones, drop the classes the profile does not list, then resolve each in text order:
  absolute   calendar names ("Nov. 22", "November 2016", "late 2018", "the third quarter");
             a missing year is the one nearest the publication date on the side the clause's
             tense says, or the year a date earlier in the same sentence fixed ("last year,
             when ... in July");
  relative   deictic ("Thursday", "last month", "next week", "now") against the publication date;
  anaphoric  ("the following month", "that day", "a year earlier") against the previous date.
No publication date -> relative values are null; durations, times of day and recurring sets are
never matched, so they never carry a value. Every resolved calendar value gets its `range`
(first and last day, inclusive); `mod` carries TimeML's START / MID / END / APPROX / ...

Two profiles (DateOptions): DATASET lists what the dataset's rules list (calendar dates, per
../shared/devset/GUIDELINES.md D1-D2); TIMEML adds what TimeML tags as DATE besides: the
PRESENT_REF / PAST_REF / FUTURE_REF references, offsets from another date, in-day anaphors,
decades, centuries and both ends of a span of years, and weekends as YYYY-Www-WE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models import DateMention, DateRange
from .calendar_math import (
    Tense, holiday, infer_month_day, infer_year_day, infer_year_month, iso_week, last_named_month, month_value,
    next_named_month, part_of, part_range, pick_part, relative_season, season_of, shift, value_at,
    value_range, value_start, weekday_date,
)
from .date_patterns import (
    CENTURY_ORDINALS, CLASS, COMPILED, COMPILED_STARTERS, DECADE_WORDS, DEFERRAL_PHRASALS, DEFERRAL_VERBS, FUTURE_HEADS, FUTURE_WORDS,
    GATES, HOLIDAYS, MODS, MONTH_WORD, MONTHS, NEEDS, NUMBERS, MODALS, ORDINALS, REPORTING_VERBS, SAME_PAST_FORMS, SCHEDULED_FORMS, VOLITION_VERBS, SEASONS, STARTS, TENS, UNITS,
    WEEKDAYS,
)


@dataclass(frozen=True)
class DateOptions:
    """Which classes of date expression to list, and how to write a weekend."""

    references: bool = False  # "now", "recently", "the future" as PRESENT_REF / PAST_REF / FUTURE_REF
    offsets: bool = False  # "a year earlier", "two months later", "later that day"
    spans: bool = False  # decades, centuries and both years of "2009-2010"
    weekend_suffix: bool = False  # "this weekend" as 2019-W47-WE (else the week, 2019-W47)
    extents: bool = False  # TimeML's extents: "Tuesday night", "the weekend" (not "over the weekend")


DATASET = DateOptions()
TIMEML = DateOptions(references=True, offsets=True, spans=True, weekend_suffix=True, extents=True)
PROFILES = {"dataset": DATASET, "timeml": TIMEML}  # by name, as settings.DATE_PROFILES lists them
BLOCKERS = {"in_day", "past_unit"}  # left out of DATASET, yet they keep their parts from reading as dates
_ENABLED = {"date": lambda o: True, "reference": lambda o: o.references,
            "offset": lambda o: o.offsets, "span": lambda o: o.spans}


def anchor_date(published: str | None) -> date | None:
    """The publication day (local date as printed) or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def fold(text: str) -> str:
    """Case-folded text in which every letter that `re`'s IGNORECASE equates with an ASCII
    letter is that letter ("ſ" s, "K" k, "İ" and "ı" i), for gate-word look-ups."""
    return text.casefold().replace("\u0307", "").replace("ı", "i")


def _matches(pattern: re.Pattern[str], body: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(body)`, trying only `starts` (which hold every position it can match at)."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(body, start)):
            end = match.end()  # no pattern matches the empty string, so this moves on
            yield match


def _pattern_matches(body: str, options: DateOptions | None = None) -> Iterator[tuple[int, str, str, re.Match[str]]]:
    """(order, name, kind, match) for every pattern, as each pattern's finditer would give them.

    A pattern runs only when its gate matches somewhere in the body, and then only at the
    positions where its starter matches (both computed once per body, when first needed).
    With `options`, patterns of a class the profile leaves out are skipped, except the
    blockers: in-day anaphors, which keep "later that day" from reading as "that day"."""
    starts: dict[str, list[int]] = {}
    lowered = body.lower()
    folded = fold(body)
    for order, (name, kind, pattern) in enumerate(COMPILED):
        if options is not None and name not in BLOCKERS and not _ENABLED[CLASS[name]](options):
            continue
        gate = GATES.get(name)
        if gate is not None:
            if isinstance(gate, tuple):
                if not any(word in folded for word in gate):
                    continue
            elif not gate.search(body):
                continue
        if name in STARTS:
            starter = STARTS[name]
            if starter not in starts:
                starts[starter] = [m.start() for m in COMPILED_STARTERS[starter].finditer(body)]
            matches: Iterator[re.Match[str]] = _matches(pattern, body, starts[starter])
        elif NEEDS.get(name, "") in lowered:  # a pattern in neither table always runs
            matches = pattern.finditer(body)
        else:
            continue
        for match in matches:
            yield order, name, kind, match


_TITLE_UNIT = re.compile(r"^(?:This|Last|Next)\s+(?:Week|Month|Year|Weekend)$")


def _skip(name: str, body: str, start: int, end: int) -> bool:
    """Matches that are not dates in context: sets ("every Monday"), titles ("This Week")."""
    if name == "noun_month" and not _MONTH_DETERMINER.search(body, max(0, start - 30), start):
        return True  # "in Seoul August rain", a headline's "Nov. Talks": no article or owner before it
    before = body[max(0, start - 6):start].lower().strip()
    if name in ("weekday", "rel_unit", "the_season") and before in ("every", "each"):
        return True  # a recurring set, not a date
    if name == "weekday" and _SET_LIST.search(body, max(0, start - 40), start):
        return True  # "every Monday and Thursday"
    if name in ("rel_unit", "rel_weekend") and _TITLE_UNIT.match(body[start:end]):
        return True  # a programme or a title ("ABC's This Week")
    if name == "year" and _named_before(body, start):
        return True  # a model or event name: "Orion 1980", "Windows 2000"
    if name in ("weekday", "holiday") and _INDEFINITE.search(body, max(0, start - 8), start) \
            and _DAY_FOLLOWER.match(body, end):
        return True  # "falls on a Saturday", "any Friday": no particular day (not "a Sunday service")
    if name == "ordinal_day":
        return _not_a_day(body, start, end)
    if name == "listed_month":
        # the list's first month is a date itself: after a preposition ("in July and August"),
        # or after another month of the list; not "Theresa May and June Carter"
        first = _LISTED_FIRST.search(body, max(0, start - 40), start)
        return not (first and _MONTH_LEAD.search(body, max(0, first.start() - 12), first.start()))
    return False


_LISTED_FIRST = re.compile(MONTH_WORD + r"(?:,\s+|,?\s+(?:and|or)\s+)$")
_MONTH_LEAD = re.compile(r"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|till|[Bb]y|[Ff]rom|[Ff]or|[Dd]uring|through|[Bb]efore|[Aa]fter"
                         r"|of|to|as of|[Bb]etween)|,|\band|\bor)\s+$")
_SET_LIST = re.compile(r"\b(?:[Ee]very|[Ee]ach)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)+(?:and|or)\s+$")
_INDEFINITE = re.compile(r"\b(?:[Aa]n?|[Aa]ny|[Oo]ne|[Ss]ome)\s+$")
# What a month that dates a noun follows (noun_month): a determiner or a possessive.
_MONTH_DETERMINER = re.compile(r"(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]hat)|\w['’]s)\s+$")
# What may follow a bare "the 17th" that names a day: punctuation or a function word, not a
# noun ("the 17th round", "the 17th Party Congress", "the 17th of its kind").
_DAY_FOLLOWER = re.compile(
    r"\s*(?:[,.;:!?)(\"”’]|$)|\s+(?:in|at|and|or|to|through|when|with|without|for|from|until|till|as|after"
    r"|before|on|but|while|local|this|last|next|that|because|amid|despite|during|is|was|will|would|under"
    r"|over|ahead|against|into|near|about|around|across|toward|towards|following|than|if|unless|so|where"
    r"|which|who|since|by|if)\b")
_DAY_PREPOSITION = re.compile(r"\b(?:[Oo]n|[Bb]y|[Uu]ntil|[Tt]ill|[Ss]ince|[Ff]rom|to|through|before|after|and|or|between|of)\s+$")


def _day_pair(name: str, body: str, match: re.Match[str]) -> bool:
    """Whether "Nov. 22 and 23" ("22-23 November") names two days: the second day is later, and
    a bare second day without a year is followed by punctuation or a function word, not a noun
    ("Nov. 22 and 23 countries")."""
    month_first = name == "month_day_pair"
    first, second = (match.group("day"), match.group("day2")) if month_first else (match.group("day0"), match.group("day"))
    if int(second) <= int(first):
        return False  # "Aug. 24-9", "won 3-2 November 5": not two days of one month
    return not month_first or bool(match.group("year")) or bool(_DAY_FOLLOWER.match(body, match.end()))


def _day_list(body: str, match: re.Match[str]) -> bool:
    """Whether "Nov. 4, 5 and 6" names days, as _day_pair asks of two: rising, and the last
    bare day followed by its year, punctuation or a function word ("Nov. 4, 5 and 6 percent" is none)."""
    days = [int(match.group("day")), *(int(d) for d in re.findall(r"\d+", match.group("days")))]
    if any(b <= a for a, b in zip(days, days[1:])):
        return False
    return bool(match.group("year")) or bool(_DAY_FOLLOWER.match(body, match.end()))


def _not_a_day(body: str, start: int, end: int) -> bool:
    """A bare ordinal ("the 17th") is a day only after a preposition and before no noun; with
    its month ("the 17th of November", "of next month") it always is."""
    if re.search(r"\sof\s", body[start:end]):
        return False
    if not _DAY_PREPOSITION.search(body, max(0, start - 9), start):
        return True
    return not _DAY_FOLLOWER.match(body, end)


_NAME_WORD = re.compile(r"(?:^|[\s(])([A-Z][a-z]+)\s$")
_NOT_NAMES = {"In", "Since", "Until", "By", "From", "Of", "To", "On", "For", "During", "Before", "After",
              "The", "And", "Or", "Fiscal", "Early", "Late", "Mid", "Spring", "Summer", "Fall", "Autumn",
              "Winter", "Christmas", "Through", "About", "Around", "Between", "Than", "As", "At", "Last",
              "Next", "This", "That", "Year", "Years", "Since", "Till", "Before", "Circa", "Ca", "Until",
              "Korea", "Japan", "China", "Seoul", "Tokyo", "Beijing"}


def _named_before(body: str, start: int) -> bool:
    """A capitalized word right before a year, not at a sentence start and not a month or
    preposition: the year is part of a name ("Orion 1980")."""
    m = _NAME_WORD.search(body[max(0, start - 30):start])
    if not m:
        return False
    word = m.group(1)
    if word in _NOT_NAMES or word.lower().rstrip(".") in MONTHS:
        return False
    before = body[max(0, start - 30):start][:m.start(1)].rstrip()
    if not before or before[-1] in ".!?\n\"“":
        return False  # sentence start: "Spring 1980", a heading
    return True


# A named day takes in the part of the day or the time TimeML's extent includes ("Tuesday
# night", "early Sunday", "midnight Saturday", "9 a.m. EST Tuesday"); the value stays the day.
DAY_PARTS = {"weekday", "rel_weekday", "deictic_day"}
_PART_AFTER = re.compile(r"\s+(?:morning|afternoon|evening|night)\b(?!['’]s|-)")
_PART_BEFORE = re.compile(
    r"(?:\b(?:[Ee]arly|[Ll]ate)|\b(?:midnight|noon)|\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|KST|JST))?)\s+$")


_LEADING_PREPOSITION = re.compile(r"(?:[Ii]n|[Oo]ver|[Dd]uring|[Oo]n|[Ff]or)\s+(?=\w)")
_APPROX_BEFORE = re.compile(r"(?:\b(?:[Aa]round|[Aa]pproximately|[Rr]oughly|[Cc]irca)\s+|\b(?:post|pre)-)$")
_PHRASAL_AROUND = re.compile(r"\b(?:get|gets|got|getting|go|goes|went|come|came|work|way|ways|turn|turned)\s+$")
_THE_MODIFIER = re.compile(r"[Tt]he\s+(?=[\w']+-[\w'-]+$)")


def _timeml_extent(name: str, body: str, start: int, end: int) -> tuple[int, int]:
    """The extent TimeML gives a mention: a preposition is a signal, not part of it ("over
    [the weekend]", "in [the past]"); the article of a noun phrase the date only modifies is not
    ("the [third-quarter] loss", "The [year-ago] results"); a day takes in its part of the day
    or its time ("[Tuesday night]", "[early Sunday]", "[9 a.m. Tuesday]")."""
    if m := _LEADING_PREPOSITION.match(body, start, end):
        start = m.end()
    if (m := _THE_MODIFIER.match(body[:end], start)) and not _DAY_FOLLOWER.match(body, end) \
            and re.match(r"\s+[A-Za-z]", body[end:end + 2]):
        start = m.end()
    if CLASS[name] == "date" and (m := _APPROX_BEFORE.search(body, max(0, start - 16), start)) \
            and not body.startswith(("'s", "’s"), end) and not _PHRASAL_AROUND.search(body, max(0, m.start() - 12), m.start()):
        start = m.start()  # "[around Nov. 1]", "[post-1959]"
    if name in DAY_PARTS:
        if m := _PART_AFTER.match(body, end):
            end = m.end()
        if m := _PART_BEFORE.search(body, max(0, start - 24), start):
            start = m.start()
    return start, end


Candidate = tuple[int, int, str, str, re.Match[str]]


def _candidates(body: str, options: DateOptions) -> list[Candidate]:
    found = []
    for order, name, kind, match in _pattern_matches(body, options):
        start, end = match.span("core") if match.groupdict().get("core") else match.span()
        if _skip(name, body, start, end) or (name in DAY_PAIRS and not _day_pair(name, body, match)) \
                or (name in DAY_LISTS and not _day_list(body, match)):
            continue
        if options.extents:
            start, end = _timeml_extent(name, body, start, end)
        found.append((start, end, name, kind, match, order))
    # Longest first, then pattern order; keep what does not overlap a kept one.
    found.sort(key=lambda c: (-(c[1] - c[0]), c[5], c[0]))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for start, end, name, kind, match, _ in found:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        if _ENABLED[CLASS[name]](options):  # a class left out still blocks what it overlaps
            kept.append((start, end, name, kind, match))
    return sorted(kept, key=lambda c: c[0])


# ------------------------------------------------------------------ tense from the parse


def _verb_tense(verb: Any, day_level: bool = True) -> Tense:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    untensed = all(a.tag_ in ("VB", "VBG", "VBN") for a in aux)  # none, or "getting" in "getting beat up"
    if untensed and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and (
            (verb.dep_ == "conj" and verb.tag_ == "VB") or (verb.dep_ == "xcomp" and verb.tag_ in ("VB", "VBG", "VBN"))):
        # a verb with no tense of its own takes its governor's: "will arrive Sunday and stay
        # until Tuesday", "is going to start getting beat up in the spring"
        return _verb_tense(verb.head, day_level)
    if verb.tag_ == "VBG" and not aux and verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "since"):
        # "... nine months after suspending its decision in November", "has grown since joining
        # the pact in 2016": what the clause comes after is behind it, and behind the publication
        # day unless the clause itself is ahead ("will meet after returning from Tokyo on Monday")
        governor = verb.head.head
        ahead = governor.pos_ in ("VERB", "AUX") and _verb_tense(governor, day_level) == "future"
        return "future" if ahead else "past"
    lemmas = {a.lemma_.lower() for a in aux}
    if lemmas & {"will", "shall"} or any(a.text.lower() in ("'ll", "’ll") for a in aux):
        return "future"
    negated = any(c.dep_ == "neg" for c in verb.children)
    if "would" in lemmas and not day_level and verb.dep_ == "ccomp" and verb.head.tag_ == "VBD" \
            and verb.head.lemma_.lower() in REPORTING_VERBS:
        # "Seoul said in late August it would scrap it": what was said would happen is ahead of
        # the saying, not of the publication day, and the parse hangs the month of the saying
        # on it as often as not; the nearest such month is meant
        return "none"
    if (lemmas & MODALS or ("would" in lemmas and not negated)) and "have" not in lemmas:
        # "may approve the plan on Tuesday", "would expire Saturday"; not "could not be reached
        # Wednesday", "would not comment Tuesday" (what could or would not be done is past)
        return "future"
    if lemmas & {"would", "could", "might", "should"} and "have" in lemmas:
        # "the pact would have expired at midnight Saturday": what did not happen is dated by its
        # schedule, ahead or behind; the nearest such day is meant
        return "none"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        # "planned a rally on Saturday": the plan is past, its date may not be
        return "none" if verb.lemma_.lower() in FUTURE_HEADS else "past"
    if verb.tag_ == "VBN" and lemmas & {"have"}:
        return "none" if verb.lemma_.lower() in FUTURE_HEADS else "past"  # "has set Nov. 10 as the deadline"
    if "to" in {a.text.lower() for a in aux}:
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in FUTURE_HEADS:
            # "is scheduled to expire Saturday": ahead; "had been due to expire Friday": no tense.
            # A plan reported in the simple past held at a past moment, and its day may be on
            # either side of the publication day: "were planning to drive ... on Monday" (the
            # coming one, on a Friday), "was set to expire at midnight Friday, but Seoul
            # suspended ..." (the day before, on a Saturday). A month or a year stays ahead.
            if _past_perfect(head):
                return "none"
            return "nearest" if day_level and _past_simple(head) else "future"
        if head.i != verb.i and head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to resume trading Tuesday"
        if head.i != verb.i and head.lemma_.lower() in VOLITION_VERBS and _present_or_perfect(head):
            return "future"  # "has threatened to walk out on Monday", "vows to respond Friday"
        return "none"
    if verb.lemma_.lower() in FUTURE_HEADS and verb.tag_ in ("VBN", "VBZ", "VBP") and lemmas & {"be"}:
        return "future"  # "is scheduled / set / expected for Tuesday"
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and any(
        a.lemma_.lower() == "be" and a.tag_ in ("VBZ", "VBP") for a in aux))
    if verb.tag_ == "VBP" and verb.lower_ in SAME_PAST_FORMS:
        present = False  # "stocks hurt the index on Friday": as likely past as present
    if present and verb.lemma_.lower() not in REPORTING_VERBS:
        # A dated event in the present simple or progressive is a scheduled one: "the pact
        # lapses at midnight Saturday", "takes effect Aug. 28", "Abe is visiting Seoul Friday".
        # A copula says so only of a day ("the deadline is Saturday"), not of a month or a
        # quarter ("the figures are for September", "the third quarter is usually weak").
        if verb.lemma_.lower() != "be" or day_level:
            return "future"
    return "none"


def _defers(verb: Any) -> bool:
    """The verb sets a new end ahead of its act: "postponed", "gave", "put off" (DEFERRAL_VERBS)."""
    lemma = verb.lemma_.lower()
    return lemma in DEFERRAL_VERBS or any(
        c.dep_ in ("prt", "advmod") and (lemma, c.lower_) in DEFERRAL_PHRASALS for c in verb.children)


def _past_perfect(word: Any) -> bool:
    """A verb, or the predicate adjective of one, in the past perfect ("had been due")."""
    if word.pos_ == "ADJ" and word.head.i != word.i:
        word = word.head
    aux = [c for c in word.children if c.dep_ in ("aux", "auxpass")]
    return word.tag_ == "VBN" and any(a.lower_ in ("had", "'d") for a in aux)


def _past_simple(word: Any) -> bool:
    """A verb in the simple past ("planned", "was set", "were planning"), or the predicate
    adjective of one ("was due")."""
    if word.pos_ == "ADJ" and word.head.i != word.i:
        word = word.head
    aux = [c for c in word.children if c.dep_ in ("aux", "auxpass")]
    return (word.tag_ == "VBD" and not aux) or any(a.tag_ == "VBD" and a.lemma_.lower() == "be" for a in aux)


def _present_or_perfect(verb: Any) -> bool:
    """A verb in the present ("vows") or the present perfect ("has threatened")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBN" and any(a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP") for a in aux)


def on_past_verb(doc: Any, start: int, end: int) -> bool:
    """The date is an adverbial of a verb in the simple past: "announced on Aug. 22", "met Nov.
    14". Such a date is behind the publication day however far back (no flip to a near future
    one; what the flip is for is a date the parse hangs on the wrong word)."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in ("on", "in"):
        verb = token.head.head
    elif token.dep_ in ("npadvmod", "tmod"):
        verb = token.head
    else:
        return False
    return verb.pos_ == "VERB" and verb.tag_ == "VBD"


def tense_at(doc: Any, start: int, end: int, day_level: bool = True) -> Tense:
    """Tense of the clause a date attaches to: past, future, or none (use the nearest date).

    `day_level`: the date names a day (a copula in the present then schedules it)."""
    return _tense_at(doc, start, end, day_level)[0]


def _tense_at(doc: Any, start: int, end: int, day_level: bool) -> tuple[Tense, bool]:
    """tense_at's tense, and whether it is ahead of a past act rather than of the publication
    day ("postponed the plan until March": a year the sentence names still dates March)."""
    if doc is None:
        return "none", False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "none", False
    token = span.root
    # A bare adverbial ("talks Saturday discussed") modifies the clause even when the parser
    # hangs it on a noun; only a prepositional date ("visit on Sunday") belongs to its noun.
    prepositional = token.dep_ == "pobj"
    until = prepositional and token.head.lower_ in ("until", "till", "through")
    of_noun = False
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token not in span and (token.lower_ in FUTURE_WORDS or any(
                c.dep_ == "amod" and c.lower_ in FUTURE_WORDS for c in token.children)):
            return "future", False  # "payable Dec. 7", "due Nov. 1", "the scheduled expiration Saturday"
        if token.head.i == token.i:
            if token.tag_ == "NNS" and SCHEDULED_FORMS & {token.lower_[:-1], token.lower_[:-2]}:
                return "future", False  # the small model's plural noun for a root verb: "the pact lapses Saturday"
            return "none", False
        if prepositional and not day_level and token.pos_ in ("NOUN", "PROPN") and token not in span \
                and token.dep_ in ("dobj", "pobj", "attr", "appos", "conj"):
            # A month that dates a noun in the clause ("told companies of a cutback in its oil
            # supply in September"): a past verb is the telling, not the cutback (a future one
            # still puts it ahead: "will be named commander for a mission in December").
            of_noun = True
        if prepositional and token.dep_ in ("nsubj", "nsubjpass") and token not in span:
            # The date sits inside the clause's subject ("Abe's visit on Sunday ... will be the
            # turning point"): the main verb's tense says nothing about it; use the nearest day.
            return "none", False
        token = token.head
    else:
        return "none", False
    if token.pos_ not in ("VERB", "AUX"):
        return "none", False
    if token.lower_ in FUTURE_WORDS and token.tag_ == "VBN":
        return "future", False  # "scheduled for Monday" without its auxiliary
    tense = _verb_tense(token, day_level)
    if until and tense == "past" and _present_or_perfect(token):
        return "future", False  # "has given them until 9 a.m. Tuesday", "have been suspended until Monday"
    if until and tense == "past" and _defers(token):
        return "future", True  # "postponed the decision until Monday"
    return ("none" if of_noun and tense == "past" else tense), False


# ------------------------------------------------------------------ resolution


@dataclass
class _Ctx:
    g: dict[str, str | None]
    anchor: date | None
    tense: Tense
    prev: str | None  # the previous resolved calendar value in the text
    sentence_year: int | None  # a year an earlier date of the same sentence fixed
    options: DateOptions
    near_prev: bool = False  # the previous date is in the same paragraph, at most a sentence back
    same_sentence: bool = False  # the previous date is in the same sentence
    past_verb: bool = False  # the date hangs on a verb in the past tense itself ("announced on Aug. 22")


Resolved = tuple[str | None, str | None]  # (value, mod)


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else NUMBERS.get(text.lower())


def _month(g: dict[str, str | None]) -> int:
    return MONTHS[(g["month"] or "").lower().rstrip(".")]


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    for key in ("the end of", "the beginning of", "the start of", "the middle of"):
        if w == key:
            w = key.split()[1]
    return MODS.get(w.replace("-", " ").strip())


def _ord(g: dict[str, str | None]) -> int:
    return ORDINALS[(g.get("ord") or g.get("ord2") or "").lower()]


def _rel_year(c: _Ctx, rel: str) -> int | None:
    """The year of 'last / this / next / that year' (that = the previous date's year)."""
    rel = rel.lower()
    if rel in ("that", "the same", "the following", "the previous"):
        base = _prev_year(c)
        if base is None:
            return None
        return base + {"the following": 1, "the previous": -1}.get(rel, 0)
    if c.anchor is None:
        return None
    return c.anchor.year + {"last": -1, "next": 1}.get(rel, 0)


def _prev_year(c: _Ctx) -> int | None:
    if c.prev is None:
        return None
    start = value_start(c.prev)
    return start[0].year if start else None


def _year(c: _Ctx) -> int:
    return int(c.g["year"] or 0)


def _r_iso(c: _Ctx) -> Resolved:
    return f"{_year(c):04d}-{c.g['m']}-{int(c.g['day'] or 0):02d}", None


def _r_month_day_list(c: _Ctx) -> Resolved:
    """The first day of a list ("[Nov. 4], 5 and 6", "Oct. 1, 8 and 15, 2019")."""
    return _r_day_year(c) if c.g.get("year") else _r_month_day(c)


def _r_day_year(c: _Ctx) -> Resolved:
    try:
        return date(_year(c), _month(c.g), int(c.g["day"] or 0)).isoformat(), None
    except ValueError:
        return None, None


def _r_month_year(c: _Ctx) -> Resolved:
    return f"{_year(c):04d}-{_month(c.g):02d}", _mod(c.g.get("mod"))


def _r_year(c: _Ctx) -> Resolved:
    return f"{_year(c):04d}", _mod(c.g.get("mod"))


def _r_season_year(c: _Ctx) -> Resolved:
    return f"{_year(c):04d}-{SEASONS[(c.g['season'] or '').lower()]}", _mod(c.g.get("mod"))


def _r_month_day_rel_year(c: _Ctx) -> Resolved:
    year = _rel_year(c, c.g["rel"] or "this")
    if year is None:
        return None, None
    try:
        return date(year, _month(c.g), int(c.g["day"] or 0)).isoformat(), None
    except ValueError:
        return None, None


def _r_month_rel_year(c: _Ctx) -> Resolved:
    year = _rel_year(c, c.g["rel"] or "this")
    return (f"{year:04d}-{_month(c.g):02d}" if year is not None else None), _mod(c.g.get("mod"))


def _weekday_of(c: _Ctx) -> int | None:
    return WEEKDAYS[c.g["weekday"].lower()] if c.g.get("weekday") else None


def _r_month_day(c: _Ctx) -> Resolved:
    if c.sentence_year is not None and not c.g.get("weekday"):
        try:
            return date(c.sentence_year, _month(c.g), int(c.g["day"] or 0)).isoformat(), None
        except ValueError:
            return None, None
    if c.anchor is None:
        return None, None
    found = infer_year_day(c.anchor, _month(c.g), int(c.g["day"] or 0), c.tense, _weekday_of(c), not c.past_verb)
    return (found.isoformat() if found else None), None


def _r_day_of_month(c: _Ctx) -> Resolved:
    """A day printed with its month, and with its year when one is printed (of a pair, the day
    printed with its month: find_dates gives the bare day the same month and year)."""
    return _r_day_year(c) if c.g.get("year") else _r_month_day(c)


def _other_day(dated: str | None, day: str) -> str | None:
    """The bare day of a pair ("Nov. 22 and [23]", "[22]-23 November"): the other's year and
    month, or None."""
    if dated is None:
        return None
    try:
        return date.fromisoformat(dated).replace(day=int(day)).isoformat()
    except ValueError:
        return None  # "Feb. 28 and 30"


def _r_week_of(c: _Ctx) -> Resolved:
    day, _ = _r_day_of_month(c)
    return (iso_week(date.fromisoformat(day)) if day else None), None


def _r_ordinal_day(c: _Ctx) -> Resolved:
    day = int(c.g["day"] or 0)
    if c.g.get("month"):
        return _r_day_of_month(c)
    rel = re.sub(r"\s+", " ", (c.g.get("rel") or "").lower())
    base: date | None = None
    if rel in ("that", "the", "the same", "the following", "the previous") or (not rel and c.near_prev):
        start = value_start(c.prev) if c.prev else None
        if start and start[1] in ("day", "month"):
            # the month just named: "in March ... on the 17th", "the 17th of that month"
            base = shift(start[0], "month", {"the following": 1, "the previous": -1}.get(rel, 0))
            c.g["_kind"] = "anaphoric"
        elif rel:
            return None, None
    if base is None:
        if c.anchor is None:
            return None, None
        if rel in ("this", "last", "next"):
            base = shift(c.anchor, "month", {"last": -1, "next": 1}.get(rel, 0))
        else:
            found = infer_month_day(c.anchor, day, c.tense)
            return (found.isoformat() if found else None), None
    try:
        return date(base.year, base.month, day).isoformat(), None
    except ValueError:
        return None, None


_LIST_TAIL = re.compile(r"(?P<months>(?:(?:,\s+|,?\s+(?:and|or|to|through)\s+)" + MONTH_WORD
                        + r"(?:\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)?)+),?\s+"
                        r"(?P<year>(?:19|20)\d\d)(?![\d–-]|'?s\b|[.,]\d)")


def _list_year(body: str, end: int, month: int) -> int | None:
    """The year printed once after the last month of a list that `month` (ending at `end`)
    belongs to ("August and September 2018", "on Nov. 22 and Dec. 3, 2018"); a year earlier
    when the list passes December after it ("December and January 2020" puts December in 2019)."""
    tail = _LIST_TAIL.match(body, end)
    if tail is None:
        return None
    later = [MONTHS[w.lower().rstrip(".")] for w in re.findall(MONTH_WORD, tail.group("months"))]
    seq = [month, *later]
    return int(tail.group("year")) - sum(b < a for a, b in zip(seq, seq[1:]))


def _r_listed_month(c: _Ctx) -> Resolved:
    """A later month of a list ("in October and November") is in the year of the month before
    it, or the next year when it comes earlier in the calendar ("December and January")."""
    prev = re.fullmatch(r"(\d{4})-(\d{2})", c.prev or "")
    if prev and c.same_sentence and c.sentence_year is None:
        month = _month(c.g)
        return f"{int(prev.group(1)) + (month < int(prev.group(2))):04d}-{month:02d}", _mod(c.g.get("mod"))
    return _r_month(c)


def _r_month(c: _Ctx) -> Resolved:
    mod = _mod(c.g.get("mod"))
    if c.sentence_year is not None:
        return f"{c.sentence_year:04d}-{_month(c.g):02d}", mod
    if c.anchor is None:
        return None, mod
    return month_value(infer_year_month(c.anchor, _month(c.g), c.tense)), mod


def _r_rel_month_name(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    rel = (c.g.get("rel") or c.g.get("rel3") or "").lower()
    month = _month(c.g)
    if rel in ("last", "past", "this past"):
        return month_value(last_named_month(c.anchor, month)), None
    if rel in ("next", "coming"):
        return month_value(next_named_month(c.anchor, month)), None
    return f"{c.anchor.year:04d}-{month:02d}", None


def _r_rel_season(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    season = SEASONS[(c.g["season"] or "").lower()]
    rel = (c.g.get("rel3") or c.g.get("rel") or "this").lower()
    return f"{relative_season(c.anchor, season, rel):04d}-{season}", None


def _r_the_season(c: _Ctx) -> Resolved:
    season = SEASONS[(c.g["season"] or "").lower()]
    mod = _mod(c.g.get("mod"))
    if c.sentence_year is not None:
        return f"{c.sentence_year:04d}-{season}", mod
    if c.anchor is None:
        return None, mod
    return f"{pick_part(c.anchor, season, c.tense):04d}-{season}", mod


def _r_quarter_year(c: _Ctx) -> Resolved:
    return f"{_year(c):04d}-Q{_ord(c.g)}", None


def _r_rel_year_quarter(c: _Ctx) -> Resolved:
    year = _rel_year(c, c.g.get("rel") or c.g.get("rel2") or "this")
    return (f"{year:04d}-Q{_ord(c.g)}" if year is not None else None), None


def _half(c: _Ctx) -> str:
    return "H1" if _ord(c.g) == 1 else "H2"


def _r_half_year(c: _Ctx) -> Resolved:
    return f"{_year(c):04d}-{_half(c)}", None


def _r_rel_year_half(c: _Ctx) -> Resolved:
    year = _rel_year(c, c.g["rel"] or "this")
    return (f"{year:04d}-{_half(c)}" if year is not None else None), None


def _r_quarter(c: _Ctx) -> Resolved:
    part = f"Q{_ord(c.g)}"
    if c.sentence_year is not None:
        return f"{c.sentence_year:04d}-{part}", None
    if c.anchor is None:
        return None, None
    return f"{pick_part(c.anchor, part, c.tense):04d}-{part}", None


def _r_half(c: _Ctx) -> Resolved:
    part = _half(c)
    if c.sentence_year is not None:
        return f"{c.sentence_year:04d}-{part}", None
    if c.anchor is None:
        return None, None
    return f"{pick_part(c.anchor, part, c.tense):04d}-{part}", None


def _quarter_before(d: date) -> str:
    return value_at(shift(d, "quarter", -1), "quarter")


def _r_rel_quarter(c: _Ctx) -> Resolved:
    rel = re.sub(r"\s+", " ", (c.g.get("qrel") or c.g.get("qrel2") or "").lower())
    if rel in ("latest", "most recent") and c.prev and "-Q" in c.prev and c.near_prev:
        return c.prev, None  # "the third quarter ... the latest quarter": the one just named
    if rel == "same":
        c.g["_kind"] = "anaphoric"  # with no quarter named before, nothing to list
        return (c.prev if c.prev and "-Q" in c.prev else None), None
    if c.anchor is None:
        return None, None
    if rel in ("this", "current"):
        return value_at(c.anchor, "quarter"), None
    if rel in ("next", "coming"):
        return value_at(shift(c.anchor, "quarter", 1), "quarter"), None
    return _quarter_before(c.anchor), None  # last, latest, previous, prior, most recent


def _r_the_quarter(c: _Ctx) -> Resolved:
    if c.prev and "-Q" in c.prev:
        return c.prev, None  # the quarter just named
    if c.anchor is None:
        return None, None
    return _quarter_before(c.anchor), None  # reports speak of the quarter just ended


def _r_year_period(c: _Ctx) -> Resolved:
    if c.prev and "-Q" in c.prev:
        return f"{_year(c):04d}-{c.prev[-2:]}", None  # "the 1988 period" after "the third quarter"
    return f"{_year(c):04d}", None


def _r_rel_fiscal_year(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    rel = (c.g.get("frel") or "current").lower()
    return f"{c.anchor.year + {'latest': -1, 'previous': -1, 'next': 1}.get(rel, 0):04d}", None


def _r_year_end(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, "END"
    text = (c.g.get("_text") or "").lower()
    n = -1 if text.startswith("last") else 1 if text.startswith("next") else 0
    return f"{c.anchor.year + n:04d}", "END"


def _r_decade(c: _Ctx) -> Resolved:
    g = c.g
    mod = _mod(g.get("mod") or g.get("mod2") or g.get("mod3"))
    if g.get("half"):
        mod = "START" if g["half"].lower() == "first" else "END"
    if g.get("dec"):
        return str(int(g["dec"]) // 10), mod
    if g.get("dec2"):
        return f"19{g['dec2'][0]}", mod
    return f"19{DECADE_WORDS[(g['decw'] or '').lower()]}", mod


def _r_century(c: _Ctx) -> Resolved:
    n = int(c.g["cnum"]) if c.g.get("cnum") else CENTURY_ORDINALS[(c.g["cword"] or "").lower()]
    return f"{n - 1:02d}", _mod(c.g.get("mod"))


def _r_rel_century(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    rel = (c.g["rel"] or "").lower()
    n = -1 if rel in ("last", "the last", "the past") else 1 if "next" in rel else 0
    return f"{c.anchor.year // 100 + n:02d}", None


def _spoken(c: _Ctx) -> int:
    g = c.g
    if g.get("hi"):
        unit = UNITS.get((g.get("unit1") or "").lower(), 0)
        return (19 if g["hi"].lower() == "nineteen" else 18) * 100 + TENS[(g["tens"] or "").lower()] + unit
    return 2000 + UNITS.get((g.get("unit2") or "").lower(), 0)


def _r_spoken_year(c: _Ctx) -> Resolved:
    return f"{_spoken(c):04d}", None


def _r_spoken_month_year(c: _Ctx) -> Resolved:
    return f"{_spoken(c):04d}-{_month(c.g):02d}", None


def _r_ago(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    n = _num(c.g.get("num"))
    unit = (c.g["unit"] or "").lower()
    mod = _mod(c.g.get("approx"))
    if not n:
        return None, mod
    if unit == "decade":
        return value_at(shift(c.anchor, "year", -10 * n), "year"), mod
    if unit == "year" and c.prev and ("-Q" in c.prev or "-H" in c.prev):
        # "third-quarter profit ... from $2 million a year ago": that quarter, a year back
        start = value_start(c.prev)
        if start and abs(start[0].year - c.anchor.year) <= 1:
            return f"{start[0].year - n:04d}{c.prev[4:]}", mod
    # "two weeks ago" names a day, as "two days ago" does; months and years name their unit
    granularity = "day" if unit == "week" else unit
    return value_at(shift(c.anchor, unit, -n), granularity), mod


def _r_ref(value: str) -> Any:
    return lambda c: (value if c.anchor is not None or True else None, None)


def _r_end_of_rel_unit(c: _Ctx) -> Resolved:
    mod = _mod(c.g.get("edge"))
    if c.anchor is None:
        return None, mod
    unit = (c.g["unit"] or "").lower()
    rel = (c.g.get("rel") or "this").lower()
    if rel == "the" and c.prev:
        start = value_start(c.prev)  # "the end of the month" after "in March": that month
        if start and start[1] == unit:
            return c.prev, mod
    n = {"last": -1, "next": 1}.get(rel, 0)
    return value_at(shift(c.anchor, unit, n), unit), mod


def _r_mod_rel_unit(c: _Ctx) -> Resolved:
    edge = (c.g.get("edge") or "").lower()
    mod = {"early": "START", "late": "END"}.get(edge)
    if c.anchor is None:
        return None, mod
    unit = (c.g["unit"] or "").lower()
    n = {"last": -1, "next": 1}.get((c.g.get("rel") or "this").lower(), 0)
    return value_at(shift(c.anchor, unit, n), unit), mod


def _r_rel_unit(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    unit = (c.g["unit"] or "").lower()
    rel = re.sub(r"\s+", " ", (c.g.get("rel") or "this").lower())
    n = {"last": -1, "next": 1, "the coming": 1, "this coming": 1, "past": -1}.get(rel, 0)
    return value_at(shift(c.anchor, unit, n), unit), None


def _r_weekend(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    rel = re.sub(r"\s+", " ", (c.g.get("rel") or "").lower())
    a = c.anchor
    saturday_this = a + timedelta(days=5 - a.weekday())  # Saturday of the anchor's week
    if rel in ("last", "this past", "the past"):
        day = saturday_this - timedelta(days=7) if a.weekday() < 5 or rel != "this past" else saturday_this
    elif rel == "next":
        day = saturday_this + timedelta(days=7)  # the weekend of next week, as "next week" is
    elif rel in ("this coming", "the coming"):
        day = saturday_this + (timedelta(days=7) if a.weekday() >= 5 else timedelta(0))
    elif rel == "this":
        day = saturday_this
    else:  # "the weekend", "over the weekend": the tense says which one
        if a.weekday() >= 5:
            day = saturday_this
        elif c.tense == "future":
            day = saturday_this
        elif c.tense == "past" or (c.g.get("over") or "").lower().startswith("over"):
            day = saturday_this - timedelta(days=7)
        else:
            day = saturday_this - timedelta(days=7) if a.weekday() <= 1 else saturday_this
    return iso_week(day) + ("-WE" if c.options.weekend_suffix else ""), None


def _r_deictic(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    n = {"yesterday": -1, "today": 0, "tomorrow": 1}[(c.g["deictic"] or "").lower()]
    return shift(c.anchor, "day", n).isoformat(), None


def _r_weekday(c: _Ctx) -> Resolved:
    if c.anchor is None:
        return None, None
    rel = (c.g.get("rel") or "").lower() or None
    if rel == "this past":
        rel = "last"
    elif rel == "this coming":
        rel = "next"
    weekday = WEEKDAYS[(c.g["weekday"] or "").lower()]
    day = weekday_date(c.anchor, weekday, c.tense, rel)
    start = value_start(c.prev) if c.prev and c.same_sentence and not rel and c.tense == "future" else None
    if start and start[1] == "day" and start[0] > day:
        # "begins Monday and ends Friday": a later day of the same plan comes after the first
        day = weekday_date(start[0], weekday, "none", "next")
    return day.isoformat(), None


def _r_anaphor_weekday(c: _Ctx) -> Resolved:
    start = value_start(c.prev) if c.prev else None
    base = start[0] if start and start[1] == "day" else c.anchor
    if base is None:
        return None, None
    weekday = WEEKDAYS[(c.g["weekday"] or "").lower()]
    rel = (c.g["arel"] or "").lower()
    rel = "last" if rel in ("previous", "preceding") else "next"
    return weekday_date(base, weekday, "none", rel).isoformat(), None


def _r_holiday(c: _Ctx) -> Resolved:
    rule = HOLIDAYS[re.sub(r"\s+jr\.", "", (c.g["holiday"] or "").lower())]
    if c.anchor is None:
        return None, None
    rel = (c.g.get("rel") or "").lower()
    days = [holiday(y, rule) for y in (c.anchor.year - 1, c.anchor.year, c.anchor.year + 1)]
    if rel == "last":
        day = max(d for d in days if d < c.anchor)
    elif rel == "next":
        day = min(d for d in days if d > c.anchor)
    elif rel == "this":
        day = days[1]
    else:
        day = infer_year_day(c.anchor, days[1].month, days[1].day, c.tense) or days[1]
        day = holiday(day.year, rule)
    return day.isoformat(), None


_RANK = {"day": 0, "weekend": 0, "week": 1, "month": 2, "quarter": 3, "half": 3, "year": 4, "decade": 5, "century": 6}


def _r_anaphor(c: _Ctx) -> Resolved:
    g = c.g
    if c.prev is None:
        return None, None
    start = value_start(c.prev)
    if start is None:
        return None, None
    base, precision = start
    precision = "year" if precision.startswith("season") else precision
    unit = (g.get("aunit") or g.get("nunit") or g.get("dunit") or g.get("punit") or g.get("bunit") or "day").lower()
    if g.get("same") and unit == precision:
        return c.prev, None  # "that year" after "in 2017"
    if _RANK.get(precision, 9) > _RANK[unit] and not (unit == "week" and precision == "day"):
        return None, None  # "the following day" after "2017": no day to count from
    if precision == "week" and unit == "day":
        return None, None
    step = 1 if g.get("next") else -1 if g.get("prev") else 0
    return value_at(shift(base, unit, step), unit), None


def _r_offset(c: _Ctx) -> Resolved:
    n = _num(c.g.get("num"))
    unit = (c.g["unit"] or "").lower()
    mod = _mod(c.g.get("approx"))
    start = value_start(c.prev) if c.prev else None
    if not n or start is None:
        return None, mod
    base, precision = start
    sign = 1 if (c.g.get("dir") or c.g.get("dir2") or "").lower() in ("later", "after") else -1
    precision = "year" if precision.startswith("season") or precision in ("decade", "century") else precision
    if precision == "weekend":
        precision = "day"
    if _RANK.get(precision, 9) < _RANK[unit]:
        if precision == "quarter" or (precision in ("month", "day") and unit == "year"):
            return value_at(shift(base, unit, sign * n), precision), mod  # keep the context's grain
        return value_at(shift(base, unit, sign * n), unit), mod
    if _RANK.get(precision, 9) > _RANK[unit]:
        return None, mod  # "three days later" after "2017"
    return value_at(shift(base, unit, sign * n), unit), mod


def _r_year_ago_period(c: _Ctx) -> Resolved:
    if c.prev and ("-Q" in c.prev or "-H" in c.prev or len(c.prev) == 4):
        start = value_start(c.prev)
        if start:
            if c.anchor is not None and start[0].year < c.anchor.year - (1 if "-Q4" in c.prev else 0) \
                    and c.near_prev:
                return c.prev, None  # "in the 1988 period. The year-ago results": that period
            return f"{start[0].year - 1:04d}{c.prev[4:]}", None
    if c.anchor is None:
        return None, None
    if "quarter" in (c.g.get("_text") or "").lower():
        return f"{c.anchor.year - 1:04d}{_quarter_before(c.anchor)[4:]}", None  # the quarter reported on
    return f"{c.anchor.year - 1:04d}", None


def _r_in_day(c: _Ctx) -> Resolved:
    start = value_start(c.prev) if c.prev else None
    return (c.prev if start and start[1] == "day" else None), None


def _r_old_year(c: _Ctx) -> Resolved:
    return f"{_year(c):04d}", None


RESOLVERS: dict[str, Any] = {
    "iso_date": _r_iso, "weekday_month_day_year": _r_day_year, "month_day_year": _r_day_year,
    "day_month_year": _r_day_year, "weekday_month_day": _r_month_day,
    "month_day_rel_year": _r_month_day_rel_year, "month_day": _r_month_day, "month_day_pair": _r_day_of_month, "day_pair_month": _r_day_of_month, "day_month": _r_month_day, "ordinal_day": _r_ordinal_day, "week_of": _r_week_of,
    "mod_month_year": _r_month_year, "month_year": _r_month_year,
    "mod_month_rel_year": _r_month_rel_year, "month_rel_year": _r_month_rel_year,
    "season_year": _r_season_year, "quarter_year": _r_quarter_year, "year_quarter": _r_quarter_year,
    "rel_year_quarter": _r_rel_year_quarter, "half_year": _r_half_year, "rel_year_half": _r_rel_year_half,
    "year_period": _r_year_period, "quarter": _r_quarter, "half": _r_half, "rel_quarter": _r_rel_quarter,
    "the_quarter": _r_the_quarter, "fiscal_year": _r_year, "rel_fiscal_year": _r_rel_fiscal_year,
    "year_end": _r_year_end, "decade": _r_decade, "century": _r_century, "rel_century": _r_rel_century,
    "spoken_year": _r_spoken_year, "spoken_month_year": _r_spoken_month_year,
    "mod_year": _r_year, "mod_month": _r_month, "bare_month": _r_month, "listed_month": _r_listed_month, "month_day_list": _r_month_day_list, "noun_month": _r_month, "rel_month_name": _r_rel_month_name,
    "rel_season": _r_rel_season, "the_season": _r_the_season, "ago": _r_ago,
    "ago_ref": lambda c: ("PAST_REF", None),
    "end_of_rel_unit": _r_end_of_rel_unit, "mod_rel_unit": _r_mod_rel_unit, "in_unit": _r_mod_rel_unit, "rel_weekend": _r_weekend,
    "rel_unit": _r_rel_unit, "past_unit": _r_rel_unit,
    "tonight": lambda c: ((c.anchor.isoformat() if c.anchor else None), None), "deictic_day": _r_deictic, "rel_weekday": _r_weekday, "weekday": _r_weekday,
    "anaphor_weekday": _r_anaphor_weekday, "holiday": _r_holiday, "anaphor": _r_anaphor,
    "offset": _r_offset, "year_ago_period": _r_year_ago_period, "in_day": _r_in_day,
    "old_year": _r_old_year, "year": _r_year,
    "ref_present": lambda c: ("PRESENT_REF", None), "ref_past": lambda c: ("PAST_REF", None),
    "ref_future": lambda c: ("FUTURE_REF", None),
}
# Patterns whose value depends on the tense of their clause.
TENSED = {"weekday", "month_day", "month_day_list", "month_day_pair", "day_pair_month", "week_of", "bare_month", "listed_month", "mod_month", "weekday_month_day", "day_month", "ordinal_day",
          "quarter", "half", "the_season", "rel_weekend", "holiday"}
DAY_LEVEL = {"weekday", "month_day", "month_day_list", "month_day_pair", "day_pair_month", "week_of", "weekday_month_day", "day_month", "holiday", "rel_weekend", "ordinal_day"}
# Two days of one month, read as two mentions ("Nov. 22 and 23", "22-23 November").
DAY_PAIRS = {"month_day_pair", "day_pair_month"}
DAY_LISTS = {"month_day_list"}
# Patterns whose missing year an earlier date of the same sentence may fix (D1).
SENTENCE_YEAR = {"month_day", "month_day_list", "month_day_pair", "day_pair_month", "bare_month", "listed_month", "noun_month", "mod_month", "day_month", "quarter", "half", "the_season"}
_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[A-Z\"“]|\n")


def _mention(body: str, start: int, end: int, kind: str, value: str | None, mod: str | None) -> DateMention:
    found = value_range(value)
    return DateMention(
        text=body[start:end], start=start, end=end, value=value, kind=kind,  # type: ignore[arg-type]
        mod=mod,  # type: ignore[arg-type]
        range=DateRange(start=found[0].isoformat(), end=found[1].isoformat()) if found else None,
    )


def find_dates(body: str, published: str | None, doc: Any = None, options: DateOptions = DATASET) -> list[DateMention]:
    """Every date mention in `body`, resolved against `published` (ISO) where needed."""
    anchor = anchor_date(published)
    mentions: list[DateMention] = []
    prev: str | None = None
    prev_end = 0
    prev_year: int | None = None  # a plain year value, and where it ended
    for start, end, name, kind, match in _candidates(body, options):
        if name == "year_span":
            first, second = match.group("year"), match.group("year2")
            if len(second) == 2:
                second = first[:2] + second
            if int(second) <= int(first):
                continue  # not a span of years ("2019-12" is a month, "1998-02" a code)
            for text_value, (s, e) in ((first, match.span("year")), (second, match.span("year2"))):
                mentions.append(_mention(body, s, e, kind, text_value, None))
            prev, prev_end, prev_year = second, end, None  # a span fixes no one year for "in March"
            continue
        groups = dict(match.groupdict())
        groups["_text"] = body[start:end]
        tense, after_act = _tense_at(doc, start, end, name in DAY_LEVEL) if name in TENSED else ("none", False)
        if name == "weekday" and body.startswith(("'s", "’s"), end):
            tense = "past"  # "Friday's vote", "Thursday's closing price": a day already seen
        same_sentence = prev_year is not None and not _SENTENCE_END.search(body, prev_end, start)
        # D1: "last year, when ... in July" fixes July's year; not "signed in 2016, expires Nov. 22",
        # but "in 2016 ... postponed the plan until March" (ahead of the act, not of today)
        fixed = same_sentence and name in SENTENCE_YEAR and (tense != "future" or after_act)
        near = prev is not None and "\n" not in body[prev_end:start] and len(_SENTENCE_END.findall(body, prev_end, start)) <= 1
        in_sentence = prev is not None and not _SENTENCE_END.search(body, prev_end, start)
        past_verb = tense == "past" and name in DAY_LEVEL and on_past_verb(doc, start, end)
        year = prev_year if fixed else None
        if year is None and name in ("bare_month", "listed_month", "month_day"):
            year = _list_year(body, end, _month(groups))  # "in August and September 2018"
        ctx = _Ctx(groups, anchor, tense, prev, year, options, near, in_sentence, past_verb)
        value, mod = RESOLVERS[name](ctx)
        kind = groups.get("_kind") or kind
        if value is None and kind == "anaphoric" and name != "anaphor":
            continue  # an offset or anaphor with nothing to count from is not a date we can name
        if value is None and name == "anaphor" and prev is None and anchor is not None:
            continue
        if name in DAY_LISTS:  # a mention a day: "[Nov. 4], [5] and [6]"
            parts = [(start, match.end("first"), value)]
            for day in re.finditer(r"\d+", match.group("days")):
                at = match.start("days") + day.start()
                parts.append((at, at + len(day.group(0)), _other_day(value, day.group(0))))
            for s, e, v in parts:
                mentions.append(_mention(body, s, e, kind, v, mod))
            value = parts[-1][2]
        elif name in DAY_PAIRS:  # two mentions: "[Nov. 22] and [23, 2019]", "[22]-[23 November]"
            bare = match.group("day2") if name == "month_day_pair" else match.group("day0")
            other = _other_day(value, bare)
            first, second = (value, other) if name == "month_day_pair" else (other, value)
            parts = [(start, match.end("first"), first), (match.start("second"), end, second)]
            if value is not None:
                parts = [part for part in parts if part[2] is not None]  # not "Feb. 28 and [30]"
            for s, e, v in parts:
                mentions.append(_mention(body, s, e, kind, v, mod))
            value = parts[-1][2]
        else:
            mentions.append(_mention(body, start, end, kind, value, mod))
        if value is not None and value not in _REFS and CLASS[name] != "offset" and name != "ago":
            # an offset ("a year earlier") is counted from the date under discussion; the next
            # offset counts from that date too, not from the offset
            prev, prev_end = value, end
            prev_year = int(value) if len(value) == 4 and value.isdigit() else None
    return mentions


__all__ = ["DATASET", "TIMEML", "DateOptions", "anchor_date", "find_dates", "iso_week", "tense_at"]
