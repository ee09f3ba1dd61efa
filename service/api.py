"""The REST API, `/api/v1`: JSON in, JSON out, every body validated by `service.schemas`."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, redirect, request, url_for
from pydantic import BaseModel, TypeAdapter

from narratives.errors import NotFoundError
from narratives.storage import Page
from narratives.storage.event_search import EventFilters, search_events
from service import schemas
from service.bodies import read_json
from service.narrative_service import NarrativeService, PostedArticle
from service.openapi import openapi_document
from service.registry_view import registry_view
from service.comparison import Comparison, load_comparison
from service.export import export_rows, rows_csv
from service.views import (
    article_events, article_summary, claim_dict, claims_out, digest_dict, event_dict, event_view, job_dict, pair_dict, summary_dict,
)

bp = Blueprint("api", __name__, url_prefix="/api/v1")
_ONE_OR_MANY = TypeAdapter(schemas.ArticleIn | schemas.ArticlesIn)


def narratives() -> NarrativeService:
    return current_app.extensions["narratives"]


def _json(model: type[BaseModel], data: Any, status: int = 200) -> Response:
    response = jsonify(model.model_validate(data).model_dump(mode="json"))
    response.status_code = status
    return response


def _query(model: type[schemas.ListQuery]) -> Any:
    return model.model_validate(request.args.to_dict())


def _records() -> tuple[list[dict[str, object]], bool]:
    """The posted article(s) as ingest records, and whether a list was posted."""
    body = _ONE_OR_MANY.validate_python(read_json())
    if isinstance(body, list):
        return [a.record() for a in body], True
    return [body.record()], False


def _page(items: list[dict[str, Any]], page: Page) -> dict[str, Any]:
    return {"items": items, "next_cursor": page.next_cursor}


def _posted(item: PostedArticle) -> dict[str, Any]:
    return {
        "id": item.article.id,
        "duplicate": item.duplicate,
        "ignored_fields": list(item.ignored_fields),
        "claims": [claim_dict(c, item.article) for c in item.claims],
        "pairs": [pair_dict(p) for p in item.pairs],
    }


@bp.post("/articles")
def post_articles() -> Response:
    records, many = _records()
    posted = narratives().post_articles(records)
    status = 200 if all(p.duplicate for p in posted) else 201
    if many:
        return _json(schemas.PostedArticlesOut, {"items": [_posted(p) for p in posted]}, status)
    response = _json(schemas.PostedArticleOut, _posted(posted[0]), status)
    response.headers["Location"] = url_for("api.get_article", article_id=posted[0].article.id)
    return response


@bp.post("/jobs")
def post_job() -> Response:
    records, _ = _records()
    job = narratives().submit_job(records)
    response = _json(schemas.JobOut, job_dict(job), 202)
    response.headers["Location"] = url_for("api.get_job", job_id=job.id)
    return response


@bp.get("/jobs/<job_id>")
def get_job(job_id: str) -> Response:
    job = narratives().jobs.get(job_id)
    if job is None:
        raise NotFoundError(f"no job {job_id!r} (jobs are kept in memory until the service restarts)", field="job_id")
    return _json(schemas.JobOut, job_dict(job))


@bp.get("/articles")
def list_articles() -> Response:
    query = _query(schemas.ListQuery)
    page = narratives().store.list_articles(limit=query.limit, cursor=query.cursor)
    return _json(schemas.ArticlePage, _page([article_summary(i) for i in page.items], page))


@bp.get("/articles/<article_id>")
def get_article(article_id: str) -> Response:
    store = narratives().store
    article = store.get_article(article_id)
    claims = store.article_claims(article_id)
    data = {
        **summary_dict(article, claims=len(claims)),
        "text": article.text,
        **article_events(article),
        "claims": [claim_dict(c, article) for c in claims],
        "pairs": [pair_dict(p) for p in store.pairs_touching([c.id for c in claims])],
    }
    return _json(schemas.ArticleOut, data)


@bp.delete("/articles/<article_id>")
def delete_article(article_id: str) -> Response:
    narratives().delete_article(article_id)
    return Response(status=204, mimetype=None)


@bp.get("/claims")
def list_claims() -> Response:
    query = _query(schemas.ClaimQuery)
    store = narratives().store
    page = store.list_claims(side=query.side, event=query.event, q=query.q, limit=query.limit, cursor=query.cursor)
    return _json(schemas.ClaimPage, _page(claims_out(page.items, store), page))


def event_filters(query: schemas.EventQuery) -> EventFilters:
    """The list filters of a validated query (shared with the home page)."""
    return EventFilters(side=query.side, outlet=query.outlet, date_from=query.date_from,
                        date_to=query.date_to, disputed=query.disputed, q=query.q)


@bp.get("/events")
def list_events() -> Response:
    query = _query(schemas.EventQuery)
    page = search_events(narratives().store, event_filters(query), limit=query.limit, cursor=query.cursor)
    return _json(schemas.EventPage, _page([digest_dict(d) for d in page.items], page))


@bp.get("/events/<event_id>")
def get_event(event_id: str) -> Response:
    store = narratives().store
    moved = store.event_redirect(event_id)
    if moved is not None:  # merged into an older event: its id answers for both
        return redirect(url_for("api.get_event", event_id=moved), 308)
    return jsonify(event_view(store.get_event(event_id), store))


def _export(event_id: str) -> tuple[Comparison, list[dict[str, Any]]]:
    comparison = load_comparison(narratives().store, event_id)
    rows = export_rows(comparison, page_of=lambda c: url_for(
        "web.article", article_id=c["article_id"], _anchor=f"at-{c['id']}", _external=True))
    return comparison, rows


@bp.get("/events/<event_id>/export.json")
def export_event_json(event_id: str) -> Response:
    comparison, rows = _export(event_id)
    response = _json(schemas.EventExport, {"event": comparison.list_item(), "rows": rows})
    response.headers["Content-Disposition"] = f'attachment; filename="{event_id}.json"'
    return response


@bp.get("/events/<event_id>/export.csv")
def export_event_csv(event_id: str) -> Response:
    _, rows = _export(event_id)
    return Response(rows_csv(rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{event_id}.csv"'})


@bp.get("/pairs")
def list_pairs() -> Response:
    query = _query(schemas.PairQuery)
    page = narratives().store.list_pairs(
        event=query.event, relation=query.relation, min_score=query.min_score, limit=query.limit, cursor=query.cursor
    )
    return _json(schemas.PairPage, _page([pair_dict(p) for p in page.items], page))


@bp.post("/analyze")
def analyze() -> Response:
    records, _ = _records()
    result = narratives().analyze(records)
    articles = {a.id: a for a in result.articles}
    counts = {a.id: 0 for a in result.articles}
    for claim in result.claims:
        counts[claim.article_id] = counts.get(claim.article_id, 0) + 1
    data = {
        "articles": [{**summary_dict(a, claims=counts[a.id]), **article_events(a)} for a in result.articles],
        "claims": [claim_dict(c, articles.get(c.article_id)) for c in result.claims],
        "events": [event_dict(e) for e in result.events],
        "pairs": [pair_dict(p) for p in result.pairs],
    }
    return _json(schemas.AnalysisOut, data)


@bp.get("/sides")
def sides() -> Response:
    return _json(schemas.SidesOut, registry_view(narratives().registry))


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())
