"""Parse publication stamps ("Written: 2019-11-22 11:46:39", "November. 04, 2019 07:29",
"2019.11.26 (15:13)") into ISO 8601 with the outlet's offset, using python-dateutil."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateparser

_DOTTED_DATE = re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})")
_MONTH_DOT = re.compile(r"\b([A-Z][a-z]{2,8})\.")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def parse_stamp(when: str, tz: str) -> str | None:
    """ISO 8601 for a stamp: datetime with offset `tz` when it has a time, else the date."""
    text = _DOTTED_DATE.sub(r"\1-\2-\3", when)
    text = _MONTH_DOT.sub(r"\1", text).replace("(", " ").replace(")", " ").strip(" ,")
    text = re.sub(r",(?=\d)", ", ", text)  # "Aug 23,2019": dateutil needs the space
    try:
        parsed = dateparser.parse(text, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1990:
        return None  # no year in the stamp: never guess one
    if not _TIME.search(when):
        return parsed.date().isoformat()
    if parsed.tzinfo is not None:
        return parsed.isoformat()
    return parsed.replace(microsecond=0).isoformat() + tz


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
