"""What stands for an article's headline when it has no title: the words of its url's slug.

Headline feeds (RT's ledes, say) often come without a title, but most newsrooms write the
url's last segment from the headline: ".../552101-mariupol-theater-ukraine/" names the
place a lede "Russia denies responsibility, claiming ... blew up the building" does not.
Story alignment reads it as the headline; attribution as the scene a claim's "the
building" stands for.

A follow-up's headline and lede also date the incident it is about ("300 people died in
Mariupol Drama Theater on March 16", filed March 25): `article_incident_date`.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote, urlsplit

from narratives.ingest.dates import incident_date
from narratives.types import Article

_SLUG_WORD = re.compile(r"[a-z][a-z'’]*", re.I)
# A slug of fewer words names a section ("world-europe-60387486"), not the story.
SLUG_MIN_WORDS = 3


def slug_headline(url: str | None) -> str | None:
    """The words of a url's last path segment, which most newsrooms write from the
    headline: "https://www.rt.com/russia/552101-mariupol-theater-ukraine/" -> "mariupol
    theater ukraine". None when the segment holds fewer than `SLUG_MIN_WORDS` words."""
    if not url:
        return None
    segments = [s for s in urlsplit(url if "//" in url else "//" + url).path.split("/") if s]
    if not segments:
        return None
    slug = re.sub(r"\.[a-z]{2,5}$", "", unquote(segments[-1]), flags=re.I)
    words = [w for w in re.split(r"[-_+\s]+", slug) if _SLUG_WORD.fullmatch(w)]
    return " ".join(w.lower() for w in words) if len(words) >= SLUG_MIN_WORDS else None


def story_title(article: Article) -> str | None:
    """What stands for the headline: the title, else the url's slug (an
    RT lede "Russia denies responsibility, claiming ... blew up the building" names no
    place; its url ".../552101-mariupol-theater-ukraine/" does)."""
    if article.title and article.title.strip():
        return article.title.strip()
    return slug_headline(article.url)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def article_incident_date(article: Article) -> dt.date | None:
    """The earlier day the article's headline or lede (its first sentence) dates the act it
    reports to (`incident_date`): the day its story and its undated claims are about."""
    title = article.title.strip() if article.title else ""
    body = article.text.strip()
    if title and body.startswith(title):
        body = body[len(title) :].lstrip(" .:-–—")
    lede = _SENTENCE_END.split(body, maxsplit=1)[0]
    return incident_date(f"{title}. {lede}" if title else lede, article.published)


def article_day(article: Article) -> dt.date | None:
    """The day an article's story is about: its incident's day when the headline or lede
    dates it earlier (`article_incident_date`), else its publication date."""
    return article_incident_date(article) or article.published
