"""The RUWA corpus: headlines and ledes of Russian, Ukrainian and international outlets.

`read_ruwa` parses the CSV (`src, Date, Site, Event, KW, title, desc`) into `RuwaRow`s;
`clean_headline` / `clean_lede` strip each outlet's boilerplate (date stamps, section
names, "— Ukrinform.", "View news.") so that what is left is the outlet's wording of the
news; `ruwa_records` turns rows into batch-input records for `narratives analyze`;
`outlet_event_split` is the side classifier's train / test split (unseen outlets, unseen
events) that `train stance` and `eval stance` share.
"""
from __future__ import annotations

import ast
import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Protocol, Sequence, TypeVar

from narratives.errors import DataError

RUWA_COLUMNS = ("src", "Date", "Site", "Event", "KW", "title", "desc")

OUTLET_SIDES: dict[str, str] = {
    "rt.com": "russia",
    "tass.com": "russia",
    "en.news-front.info": "russia",
    "ukrinform.net": "ukraine",
    "censor.net": "ukraine",
    "reuters.com": "other",
    "bbc.co.uk": "other",
    "aljazeera.com": "other",
    "www.msnbc.com": "other",
}
"""Editorial alignment of each RUWA outlet (see shared/data/README.md)."""

TRAIN_OUTLETS: tuple[str, ...] = ("rt.com", "censor.net", "reuters.com", "bbc.co.uk")
TEST_OUTLETS: tuple[str, ...] = ("tass.com", "en.news-front.info", "ukrinform.net", "aljazeera.com", "www.msnbc.com")
TEST_EVENTS: tuple[str, ...] = ("bucha", "railway")


@dataclass(frozen=True)
class RuwaRow:
    """One RUWA row. `kw == ("*",)` marks a weakly labelled row."""

    outlet: str
    title: str
    desc: str
    event: str
    kw: tuple[str, ...]
    date: dt.date
    url: str | None = None

    @property
    def weak(self) -> bool:
        return self.kw == ("*",)

    @property
    def outlet_side(self) -> str | None:
        return OUTLET_SIDES.get(self.outlet)

    @property
    def cleaned(self) -> tuple[str, str]:
        """The cleaned (headline, lede), as `headline_and_lede`."""
        return headline_and_lede(self)

    @property
    def text(self) -> str:
        """The cleaned headline and lede as one text, as `row_text`."""
        return row_text(self)


# Censor.NET: "Topic: Headline (29.09.22 20:14) « War in Ukraine | Censor.NET".
_CENSOR_TRAILER = re.compile(r"\s*\(\d{2}\.\d{2}\.\d{2} \d{1,2}:\d{2}\)\s*«[^«|]*\|\s*Censor\.NET\s*$")
_CENSOR_STAMP = re.compile(r"^\d{2}\.\d{2}\.\d{2} \d{1,2}:\d{2} - ")
_VIEW_NEWS = re.compile(r"\s*View (?:video |photo )?news\.?\s*$")
_AGENCY_TRAILER = re.compile(r"\s*[—–-]+\s*(?:Ukrinform|Censor\.NET|TASS|RT)\.?\s*$")
_TRAILING_DATE = re.compile(
    r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}\s*$"
)
_NEWS_FROM = re.compile(r"^(?:Russia-)?Ukraine news from [A-Z][a-z]+ \d{1,2}:\s*")
_SECTION = re.compile(
    r"^(?:(?:Russia-Ukraine|Ukraine-Russia|Ukraine|Russia)(?: war| invasion| crisis| conflict)?"
    r"(?: latest| live)?(?: updates| news| round-up)?|Latest (?:Russia-)?Ukraine updates"
    r"|Newspaper headlines|Factbox|Analysis|Explainer|Exclusive|Timeline|Profile|Live|Watch"
    r"|Video|Opinion|Fact check|In pictures|Week in pictures)\s*:\s+(?=\S)"
)
_MEDIA_TAG = re.compile(r"[.,]?\s+(?:PHOTO|PHOTOS|VIDEO|INFOGRAPHICS|DOCUMENT)(?:\s*,\s*(?:PHOTO|PHOTOS|VIDEO))*\b\.?")
_SPACES = re.compile(r"\s+")


def clean_headline(title: str) -> str:
    """Strip outlet boilerplate from a headline; the wording of the news stays."""
    text = _SPACES.sub(" ", title).strip()
    text = _CENSOR_TRAILER.sub("", text)
    text = _SECTION.sub("", text)
    text = _MEDIA_TAG.sub("", text)
    return text.strip()


def clean_lede(desc: str) -> str:
    """Strip outlet boilerplate (date stamps, "View news.", "— Ukrinform.") from a lede."""
    text = _SPACES.sub(" ", desc).strip()
    text = _CENSOR_STAMP.sub("", text)
    text = _VIEW_NEWS.sub("", text)
    text = _AGENCY_TRAILER.sub("", text)
    text = _TRAILING_DATE.sub("", text)
    text = _NEWS_FROM.sub("", text)
    text = _MEDIA_TAG.sub("", text)
    return text.strip()


def headline_and_lede(row: RuwaRow) -> tuple[str, str]:
    """Cleaned (headline, lede); a lede that repeats its headline loses the repetition."""
    title = clean_headline(row.title)
    lede = clean_lede(row.desc)
    if title and lede.startswith(title):
        lede = lede[len(title) :].lstrip(" .:-–—")
    elif title and lede.startswith(_SECTION.sub("", title)):
        lede = lede[len(_SECTION.sub("", title)) :].lstrip(" .:-–—")
    return title, lede


def row_text(row: RuwaRow) -> str:
    """The cleaned headline and lede as one text ("" when the row has neither)."""
    title, lede = headline_and_lede(row)
    if title and lede:
        joiner = " " if title[-1] in ".!?" else ". "
        return f"{title}{joiner}{lede}"
    return title or lede


def _parse_kw(raw: str) -> tuple[str, ...]:
    try:
        value = ast.literal_eval(raw) if raw else []
    except (ValueError, SyntaxError):
        return (raw,)
    return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else (str(value),)


def read_ruwa(path: Path) -> Iterator[RuwaRow]:
    """Rows of a RUWA CSV. Raises DataError when the file or a column is missing."""
    if not path.is_file():
        raise DataError(f"RUWA CSV not found at {path}: point shared_data at the shared data folder")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in RUWA_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{path} is not a RUWA CSV: columns {missing} are missing")
        for line, rec in enumerate(reader, start=2):
            try:
                date = dt.datetime.strptime(rec["Date"].strip(), "%m/%d/%Y").date()
            except ValueError as exc:
                raise DataError(f"{path}:{line}: Date {rec['Date']!r} is not MM/DD/YYYY") from exc
            yield RuwaRow(
                outlet=rec["Site"].strip(),
                title=rec["title"] or "",
                desc=rec["desc"] or "",
                event=rec["Event"].strip(),
                kw=_parse_kw(rec["KW"]),
                date=date,
                url=rec["src"].strip() or None,
            )


def ruwa_records(path: Path) -> Iterator[dict]:
    """Batch-input records (`{"id", "text", "title", "url", "outlet", "published", "event"}`).

    The text is the cleaned headline and lede; rows with neither are skipped.
    """
    for row in read_ruwa(path):
        title, _ = headline_and_lede(row)
        text = row_text(row)
        if not text:
            continue
        record: dict = {"text": text, "title": title or None, "outlet": row.outlet,
                        "published": row.date.isoformat(), "event": row.event or None}
        if row.url:
            record["id"] = "ruwa-" + hashlib.blake2b(row.url.encode("utf-8"), digest_size=8).hexdigest()
            record["url"] = row.url
        yield {k: v for k, v in record.items() if v is not None}


class _OutletEvent(Protocol):
    outlet: str
    event: str


Row = TypeVar("Row", bound=_OutletEvent)


def outlet_event_split(
    examples: Sequence[Row],
    *,
    train_outlets: tuple[str, ...] = TRAIN_OUTLETS,
    test_outlets: tuple[str, ...] = TEST_OUTLETS,
    test_events: tuple[str, ...] = TEST_EVENTS,
) -> tuple[list[Row], list[Row]]:
    """Train: training outlets on every other event. Test: test outlets on held-out events."""
    train = [e for e in examples if e.outlet in train_outlets and e.event not in test_events]
    test = [e for e in examples if e.outlet in test_outlets and e.event in test_events]
    return train, test
