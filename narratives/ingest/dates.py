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

from narratives.types import Claim, Span

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


def claim_date(text: str, published: dt.date | None, incident: dt.date | None = None) -> dt.date | None:
    """The day a claim is about: its first resolvable date mention that does not open a
    period (`opens_period`), else the day its article dates its incident to (`incident`,
    see `incident_date`), else `published`."""
    mentions = [m for m in resolve_dates(text, published) if not opens_period(text, m)]
    if mentions:
        return mentions[0].date
    return incident or published


def claim_day(claim: Claim) -> dt.date | None:
    """The day `claim` is about (`claim_date` of its text, its article's incident day and
    its publication date)."""
    return claim_date(claim.text, claim.published, claim.incident_date)


# A follow-up report dates the act it is about: "300 people died in Mariupol Drama Theater
# on March 16" (filed March 25), "the theater, which was bombed on March 16", "Death toll in
# October 6 attack climbs to 20". The act word comes in the clause before the date, or is
# the noun right after it.
_INCIDENT_ACT = (
    r"attack(?:s|ed)?|strikes?|struck|air\s*strikes?|bomb(?:ed|ing|ings)|bombard\w*|shell(?:ed|ing)|hit|"
    r"killed|died|dead|explosions?|blasts?|massacres?|destroyed|abducted|fired|shot|tragedy"
)
_ACT_BEFORE = re.compile(rf"\b(?:{_INCIDENT_ACT})\b", re.I)
_ACT_AFTER = re.compile(rf"^\s*(?:{_INCIDENT_ACT})\b", re.I)
# "since the invasion began on February 24", "Russia invaded Ukraine on Thursday": the war
# itself, no incident of it.
_WAR_START = re.compile(r"\b(?:invasion|invaded?|war|began|begun|started|start)\b", re.I)
_CLAUSE_START = re.compile(r"[.;!?]\s|\bwhile\b", re.I)
# "From February 24 to March 22", "between 9 and 12 March": the start of a period.
_RANGE_START = re.compile(r"\b(?:from|between)\s+$", re.I)
# Dates within a day of filing are the report's own news cycle; older than this, history.
INCIDENT_MIN_DAYS = 2
INCIDENT_MAX_DAYS = 60
_CONTEXT_CHARS = 80


def incident_date(text: str, published: dt.date | None) -> dt.date | None:
    """The earlier day `text` (a headline and lede) dates the act it reports to, when that
    is a calendar date (not a weekday) at least `INCIDENT_MIN_DAYS` and at most
    `INCIDENT_MAX_DAYS` before `published`; else None. The war's first day ("since Russia
    started its invasion on February 24") and the start of a period are no incident."""
    if published is None:
        return None
    for mention in resolve_dates(text, published):
        gap = (published - mention.date).days
        if not INCIDENT_MIN_DAYS <= gap <= INCIDENT_MAX_DAYS or not any(ch.isdigit() for ch in mention.text):
            continue
        if opens_period(text, mention) or _RANGE_START.search(text[max(0, mention.span.start - 10) : mention.span.start]):
            continue
        before = text[max(0, mention.span.start - _CONTEXT_CHARS) : mention.span.start]
        clause = _CLAUSE_START.split(before)[-1]
        if _WAR_START.search(clause):
            continue
        if _ACT_BEFORE.search(clause) or _ACT_AFTER.match(text[mention.span.end :]):
            return mention.date
    return None
