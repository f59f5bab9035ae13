"""Pure calendar arithmetic for anchoring date expressions (no parsing, no NLP)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

Tense = Literal["past", "future", "none"]


def iso_week(d: date) -> str:
    """ISO week of a day, e.g. 2020-W09."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(d: date) -> str:
    """YYYY-MM of a day."""
    return f"{d.year:04d}-{d.month:02d}"


def weekday_date(anchor: date, weekday: int, tense: Tense, rel: str | None = None) -> date:
    """The weekday nearest the anchor on the side the tense (or 'last'/'next'/'this') says."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel == "last":
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if rel == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    if back == 0:
        return anchor  # the publication weekday names the publication day itself
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


def infer_year_day(anchor: date, month: int, day: int, tense: Tense) -> date | None:
    """Year for a month-day without one: nearest the anchor, on the side the tense says."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if tense == "past":
        past = [d for d in options if d <= anchor]
        if past:
            return max(past)
    if tense == "future":
        future = [d for d in options if d >= anchor]
        if future:
            return min(future)
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def infer_year_month(anchor: date, month: int, tense: Tense) -> date:
    """First day of the month nearest the anchor on the side the tense says (this month included)."""
    options = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    here = date(anchor.year, anchor.month, 1)
    if tense == "past":
        return max(d for d in options if d <= here)
    if tense == "future":
        return min(d for d in options if d >= here)
    return min(options, key=lambda d: (abs((d - here).days), d > here))


def last_named_month(anchor: date, month: int) -> date:
    """'last August': the most recent such month strictly before the anchor's month."""
    year = anchor.year if month < anchor.month else anchor.year - 1
    return date(year, month, 1)


def next_named_month(anchor: date, month: int) -> date:
    """'next August': the first such month strictly after the anchor's month."""
    year = anchor.year if month > anchor.month else anchor.year + 1
    return date(year, month, 1)


def shift(anchor: date, unit: str, n: int) -> date:
    """Anchor moved by n units (day, week, month, year)."""
    return anchor + relativedelta(**{unit + "s": n})


def value_at(d: date, unit: str) -> str:
    """ISO value of a day at the granularity of `unit`."""
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return iso_week(d)
    if unit == "month":
        return month_value(d)
    return f"{d.year:04d}"
