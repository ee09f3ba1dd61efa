"""Domain objects -> response dicts (validated by `service.schemas`), shared by API and web."""
from __future__ import annotations

import datetime as dt

from collections import defaultdict
from typing import Any, Iterable, Mapping

from narratives.serialize import to_dict
from narratives.storage import ArticleSummary, Store
from narratives.storage.event_search import EventDigest
from narratives.types import DEFAULT_SIDES, Article, Claim, ClaimPair, Event
from service import schemas
from service.jobs import Job


def claim_dict(claim: Claim, article: Article | None = None) -> dict[str, Any]:
    data = to_dict(claim)
    if article is not None:
        data["sentence_text"] = claim.sentence.text(article.text)
        data["article_title"] = article.title
        data["article_url"] = article.url
    return data


def claims_out(claims: Iterable[Claim], store: Store) -> list[dict[str, Any]]:
    claims = list(claims)
    articles = store.articles_by_id({c.article_id for c in claims})
    return [claim_dict(c, articles.get(c.article_id)) for c in claims]


def pair_dict(pair: ClaimPair) -> dict[str, Any]:
    return to_dict(pair)


def summary_dict(article: Article, *, claims: int, created_at=None) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "language": article.language,
        "chars": len(article.text),
        "claims": claims,
        # SQLite hands back naive datetimes; the store writes UTC, so say so.
        "created_at": created_at.replace(tzinfo=dt.timezone.utc) if created_at and created_at.tzinfo is None else created_at,
    }


def article_events(article: Article) -> dict[str, Any]:
    """The article's `event_id` (its story) and `event_ids` (its story, then its claims' events)."""
    return {"event_id": article.event_id, "event_ids": list(article.event_ids)}


def article_summary(item: ArticleSummary) -> dict[str, Any]:
    return summary_dict(item.article, claims=item.claims, created_at=item.created_at)


def event_dict(event: Event) -> dict[str, Any]:
    return to_dict(event)


def digest_dict(digest: EventDigest) -> dict[str, Any]:
    """A row of the events list (`schemas.EventListItem`)."""
    return {
        **event_dict(digest.event),
        "article_ids": list(digest.article_ids),
        "outlets": list(digest.outlets),
        "disputes": digest.disputes,
        "disputed": digest.disputed,
    }


def side_order(sides: Iterable[str]) -> list[str]:
    """Default sides first in their usual order, then the rest alphabetically."""
    sides = set(sides)
    return [s for s in DEFAULT_SIDES if s in sides] + sorted(sides - set(DEFAULT_SIDES))


def event_view(event: Event, store: Store) -> dict[str, Any]:
    """`GET /events/{id}`: claims per side (one key per side present) and the pairs."""
    by_id = store.claims_by_id(event.claim_ids)
    claims = [by_id[cid] for cid in event.claim_ids if cid in by_id]
    grouped: Mapping[str, list[dict[str, Any]]] = defaultdict(list)
    for data in claims_out(claims, store):
        grouped[data["side"]].append(data)
    view = {
        "id": event.id,
        "label": event.label,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "sides": {side: grouped[side] for side in side_order(grouped)},
        "pairs": [pair_dict(p) for p in store.event_pairs(event.id)],
        "article_ids": list(event.article_ids),
        "outlets": list(event.outlets),
    }
    return schemas.EventView.model_validate(view).model_dump(mode="json")


def job_dict(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "status": job.status,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "articles": job.articles,
        "error": job.error,
    }
