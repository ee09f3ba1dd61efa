"""What stands for an article's headline when it has no title: the words of its url's slug.

Headline feeds (RT's ledes, say) often come without a title, but most newsrooms write the
url's last segment from the headline: ".../552101-mariupol-theater-ukraine/" names the
place a lede "Russia denies responsibility, claiming ... blew up the building" does not.
Story alignment reads it as the headline; attribution as the scene a claim's "the
building" stands for.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

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
