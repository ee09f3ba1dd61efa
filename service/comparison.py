"""An event's comparison as the page and the exports read it: claims per side, pairs, sources.

Its articles and outlets are the stored event's (`Event.article_ids`, `Event.outlets`):
an article of the event's story whose claims all went elsewhere, or that has none, is
still one of its reports.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from narratives.storage import Store
from narratives.types import Article
from service.views import event_view

DISPUTE = "contradicts"


@dataclass(frozen=True)
class Comparison:
    """`view` is `views.event_view`'s dict (claims grouped by side, pairs)."""

    view: dict[str, Any]
    articles: Mapping[str, Article]

    @property
    def claims(self) -> dict[str, dict[str, Any]]:
        """Claim dicts by id, in column order."""
        return {c["id"]: c for column in self.view["sides"].values() for c in column}

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The event's articles: its story's, then those of its other claims."""
        return tuple(self.view["article_ids"])

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(self.view["outlets"])

    @property
    def disputes(self) -> list[dict[str, Any]]:
        """`contradicts` pairs, the strongest contradiction first."""
        return sorted((p for p in self.view["pairs"] if p["relation"] == DISPUTE), key=lambda p: -p["contradiction"])

    @property
    def disputed(self) -> bool:
        """As in the events list: claims of two or more sides and a `contradicts` pair."""
        return len(self.view["sides"]) >= 2 and bool(self.disputes)

    def list_item(self) -> dict[str, Any]:
        """The event as a row of the events list (`schemas.EventListItem`)."""
        view = self.view
        return {
            **{k: view[k] for k in ("id", "label", "start_date", "end_date")},
            "claim_ids": list(self.claims),
            "sides": list(view["sides"]),
            "article_ids": list(self.article_ids),
            "outlets": list(self.outlets),
            "disputes": len(self.disputes),
            "disputed": self.disputed,
        }

    @property
    def other_pairs(self) -> list[dict[str, Any]]:
        return [p for p in self.view["pairs"] if p["relation"] != DISPUTE]

    def claim_day(self, claim: Mapping[str, Any]) -> dt.date | None:
        """The claim's publication day, else its article's (None when neither is known)."""
        if claim.get("published"):
            return dt.date.fromisoformat(str(claim["published"]))
        return self.articles[claim["article_id"]].published

    def central_claims(self) -> dict[str, dict[str, Any]]:
        """Side -> the side's most central claim (see `central_claim`)."""
        return {side: central_claim(column, self.view["pairs"]) for side, column in self.view["sides"].items()}


def central_claim(column: list[Mapping[str, Any]], pairs: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The claim of one side that the other sides' claims engage most.

    Score: the summed similarity of the claim's pairs, contradictions counted twice; ties
    go to the claim said first. A ministry claim answered by two denials (similarities
    0.6 and 0.5, both contradicts: 2.2) beats a side remark in one `related` pair (0.7);
    in a column without pairs the first claim stands for the side.
    """
    score = {c["id"]: 0.0 for c in column}
    for pair in pairs:
        weight = pair["similarity"] * (2.0 if pair["relation"] == DISPUTE else 1.0)
        for claim_id in (pair["a"], pair["b"]):
            if claim_id in score:
                score[claim_id] += weight
    return max(column, key=lambda c: score[c["id"]])  # max keeps the first of equals


def load_comparison(store: Store, event_id: str) -> Comparison:
    """The comparison of a stored event; raises `NotFoundError` for an unknown id."""
    view = event_view(store.get_event(event_id), store)
    article_ids = {*view["article_ids"], *(c["article_id"] for column in view["sides"].values() for c in column)}
    return Comparison(view, store.articles_by_id(article_ids))
