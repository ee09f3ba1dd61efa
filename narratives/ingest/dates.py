"""Dates mentioned in news text, resolved against the article's publication date.

Wire copy dates events relative to the day it was filed: "this Saturday", "on Sunday
night", "last night", "yesterday", "on December 30". A weekday without "next" means the
most recent such day on or before publication (news reports what happened); "next
Monday" looks forward. Explicit dates without a year take the year that puts them
closest to publication ("2 January" in a 31 December story is the next day).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from narratives.types import Span

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
# Month names are matched capitalised only, so "9 may be" is no date.
MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["Sept"] = 9

_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_PART = r"(?:\s+(?:night|morning|afternoon|evening))?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("today", re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night|overnight)\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("next_weekday", re.compile(rf"\bnext\s+({_WEEKDAY})\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?:this|last|on|since)\s+)?({_WEEKDAY})(?:'s)?{_DAY_PART}\b", re.I)),
    ("month_day", re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")),
    ("day_month", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?(?:,?\s+(\d{{4}}))?\b")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
)


@dataclass(frozen=True)
class DateMention:
    """A date expression at `span` in the text and the calendar day it denotes."""

    span: Span
    text: str
    date: dt.date


def _weekday_on_or_before(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _weekday_after(published: dt.date, weekday: int) -> dt.date:
    return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)


# The dates an article or a claim can be about; outside them the date windows of story and
# claim alignment (days before and after) would leave the calendar.
EARLIEST_DATE = dt.date(1800, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if EARLIEST_DATE <= date <= LATEST_DATE else None


def _calendar_date(month: int, day: int, year: str | None, published: dt.date | None) -> dt.date | None:
    if year:
        return _safe_date(int(year), month, day)
    if published is None:
        return None
    options = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    dated = [d for d in options if d is not None]
    return min(dated, key=lambda d: abs((d - published).days)) if dated else None


def _resolve(kind: str, match: re.Match[str], published: dt.date | None) -> dt.date | None:
    if kind == "iso":
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if kind == "month_day":
        return _calendar_date(MONTHS[match[1]], int(match[2]), match[3], published)
    if kind == "day_month":
        return _calendar_date(MONTHS[match[2]], int(match[1]), match[3], published)
    if published is None:
        return None
    if kind == "today":
        return published
    if kind == "yesterday":
        return published - dt.timedelta(days=1)
    if kind == "tomorrow":
        return published + dt.timedelta(days=1)
    weekday = WEEKDAYS[match[1].lower()]
    if kind == "next_weekday":
        return _weekday_after(published, weekday)
    return _weekday_on_or_before(published, weekday)


def resolve_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in `text`, in text order, resolved against `published`.

    Relative expressions are dropped when `published` is None; absolute ones are kept.
    Overlapping matches keep the earliest, longest one ("next Monday" beats "Monday").
    """
    found: list[tuple[int, int, dt.date]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _resolve(kind, match, published)
            if date is not None:
                found.append((match.start(), match.end(), date))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions: list[DateMention] = []
    for start, end, date in found:
        if mentions and start < mentions[-1].span.end:
            continue
        mentions.append(DateMention(Span(start, end), text[start:end], date))
    return mentions


# A date that opens a period ("since February 24", "starting on June 23") dates a state
# that still holds when the report is filed: "1,430 civilians killed since February 24" in
# April is April's toll, "starting on June 23, the mall will not close during air alerts"
# is said of the mall on the day of the strike.
_PERIOD_START = re.compile(r"\b(?:since|starting(?:\s+(?:on|from))?|beginning(?:\s+on)?|as\s+from)\s+$", re.I)


def opens_period(text: str, mention: DateMention) -> bool:
    """Whether `mention` in `text` is the start of a period ("since Monday", "starting on June 23")."""
    return mention.text.lower().startswith("since") or bool(_PERIOD_START.search(text[max(0, mention.span.start - 20) : mention.span.start]))


def claim_date(text: str, published: dt.date | None) -> dt.date | None:
    """The day a claim is about: its first resolvable date mention that does not open a
    period (`opens_period`), else `published`."""
    mentions = [m for m in resolve_dates(text, published) if not opens_period(text, m)]
    return mentions[0].date if mentions else published
