"""Publication stamps: the date-time forms news pages print, as named regex parts, and the parser
that turns one into ISO 8601 with python-dateutil.

Forms read: "2019-11-22 11:46:39", "2019.11.26 (15:13)", "November. 04, 2019 07:29",
"Nov. 20, 2019 - 09:18", "22 November 2019", "2019년 11월 22일", each optionally followed by a
time zone ("KST", "(JST)", "+0900", "GMT+9"). A zone is used only where the stamp states it or
the outlet's profile fixes it; otherwise a stamp with a time gives the date alone: a time
without a zone is never given an offset that was not printed.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateparser

# Month names and abbreviations, any case ("Nov.", "NOVEMBER", "Sept").
MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = (r"(?:(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)")
# A calendar day with its year, as printed.
DATE = (rf"(?:{_WEEKDAY}?(?:\d{{4}}[-./]\s?\d{{1,2}}[-./]\s?\d{{1,2}}\.?"
        rf"|{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}"
        rf"|\d{{1,2}}\s+{MONTH}\.?,?\s+\d{{4}}"
        r"|\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일))")
# A time of day after the date: "11:46:39", "07:29", "- 09:18", "(15:09)", "9:05 p.m.".
TIME = (r"(?:(?:[ ,T]+|\s*[-–|]\s*|\s*\(\s*)(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?"
        r"(?:\s*[AaPp]\.?[Mm]\.?)?\s*\)?)")
# Time-zone abbreviations that name one offset (ambiguous ones such as CST or IST are left out:
# a zone that cannot be told for sure is not stated).
ZONES = {
    "KST": "+09:00", "JST": "+09:00", "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00",
    "HKT": "+08:00", "SGT": "+08:00", "PHT": "+08:00", "AEST": "+10:00", "AEDT": "+11:00",
    "EST": "-05:00", "EDT": "-04:00", "PST": "-08:00", "PDT": "-07:00", "CET": "+01:00",
    "CEST": "+02:00", "BST": "+01:00",
}
_ZONE_NAMES = "|".join(sorted(ZONES, key=len, reverse=True))
ZONE = rf"(?:\s*\(?(?:(?:{_ZONE_NAMES})(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?|[+-]\d{{2}}:?\d{{2}})\)?(?![A-Za-z]))"
# The time printed first: "12:14 AM GMT+9, November 22, 2019", "14:59 November 15, 2019".
_TIME_FIRST = rf"(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[AaPp]\.?[Mm]\.?)?{ZONE}?,?\s+{DATE})"
# One stamp value: what a `{WHEN}` placeholder in a profile pattern stands for.
WHEN = rf"(?P<when>{_TIME_FIRST}|{DATE}{TIME}?{ZONE}?)"

_ZONE_AT_END = re.compile(
    rf"\s*\(?(?:(?P<name>{_ZONE_NAMES})(?:\s*(?P<sign>[+-])\s*(?P<h>\d{{1,2}})(?::?(?P<m>\d{{2}}))?)?"
    r"|(?P<offset>[+-]\d{2}:?\d{2}))\)?\s*$")
_ZONE_AFTER_TIME = re.compile(
    rf"(?<=[\dMm.])\s*\(?(?:(?P<name>{_ZONE_NAMES})(?:\s*(?P<sign>[+-])\s*(?P<h>\d{{1,2}})(?::?(?P<m>\d{{2}}))?)?"
    r"|(?P<offset>[+-]\d{2}:?\d{2}))\)?(?![A-Za-z])")
_KOREAN_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_DOTTED_DATE = re.compile(r"(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?")
_MONTH_DOT = re.compile(r"\b([A-Za-z]{3,9})\.")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_DATE_TIME_DASH = re.compile(r"(\d{4})\s*[-–|]\s*(?=\d{1,2}:\d{2})")


def _offset(hours: int, minutes: int, sign: str) -> str:
    return f"{sign}{hours:02d}:{minutes:02d}"


def stated_zone(when: str) -> tuple[str, str | None]:
    """(`when` without its zone, the zone's offset "+09:00" or None if none is printed). The zone
    closes the stamp, or follows its time when the time is printed first."""
    match = _ZONE_AT_END.search(when) or _ZONE_AFTER_TIME.search(when)
    if not match:
        return when, None
    rest = when[: match.start()] + " " + when[match.end():]
    if match.group("offset"):
        raw = match.group("offset").replace(":", "")
        return rest, _offset(int(raw[1:3]), int(raw[3:5]), raw[0])
    base = ZONES[match.group("name")]
    if match.group("sign"):
        # "GMT+9", "UTC-05:00": the offset is relative to the named zone (UTC/GMT in practice)
        hours, minutes = int(base[1:3]) + int(match.group("h")), int(match.group("m") or 0)
        return rest, _offset(hours, minutes, match.group("sign"))
    return rest, base


def parse_stamp(when: str, tz: str | None) -> str | None:
    """ISO 8601 for a stamp: a datetime with the stated zone, else with the outlet's zone `tz`,
    else (a time with no known zone) the date alone; a stamp without a time gives the date."""
    text, zone = stated_zone(when.strip())
    text = _KOREAN_DATE.sub(r"\1-\2-\3", text)
    text = _DOTTED_DATE.sub(r"\1-\2-\3", text)
    text = _MONTH_DOT.sub(r"\1", text).replace("(", " ").replace(")", " ")
    text = _DATE_TIME_DASH.sub(r"\1 ", text).strip(" ,|-")
    text = re.sub(r",(?=\d)", ", ", text)  # "Aug 23,2019": dateutil needs the space
    try:
        parsed = dateparser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1990:
        return None  # no year in the stamp: never guess one
    if not _TIME.search(text):
        return parsed.date().isoformat()
    offset = zone or tz
    if offset is None:
        return parsed.date().isoformat()
    return parsed.replace(tzinfo=None, microsecond=0).isoformat() + offset


def iso_offset(value: str) -> str:
    """Normalise an ISO datetime from metadata ("...+0900", "...Z") to seconds and ±HH:MM."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = dateparser.isoparse(value.strip())
        except (ValueError, OverflowError):
            return ""
    if parsed.tzinfo is None:
        return ""
    return parsed.replace(microsecond=0).isoformat()
