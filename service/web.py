"""The web page: events list, event comparison, article view, and a form to paste an article.

Server-rendered (Jinja2, autoescaped) so reading works without JavaScript; `static/app.js`
only adds highlighting of a pair's claims.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from narratives.errors import NarrativesError
from service.api import narratives
from service.highlight import claim_marks, reveal_controls, segments
from service.openapi import openapi_document
from service.registry_view import registry_view
from service.views import article_summary, claim_dict, event_dict, event_view, pair_dict

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static", static_url_path="/static")


@bp.app_template_filter("safe_url")
def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered as links (no `javascript:` or `data:`)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in {"http", "https"} else None


bp.add_app_template_filter(reveal_controls, "reveal")


def _with_sentence(claim: dict) -> dict:
    """A claim dict plus `segments`: its sentence cut around the quote, speaker and cue."""
    text = claim.get("sentence_text") or claim["text"]
    offset = claim["sentence"][0] if claim.get("sentence_text") else claim["start"]
    return {**claim, "segments": segments(text, claim_marks(claim), offset=offset)}


@bp.get("/")
def events() -> str:
    page = narratives().store.list_events(limit=50, cursor=request.args.get("cursor"))
    return render_template("events.html", events=[event_dict(e) for e in page.items], next_cursor=page.next_cursor)


@bp.get("/events/<event_id>")
def event(event_id: str) -> Any:
    store = narratives().store
    moved = store.event_redirect(event_id)
    if moved is not None:  # merged into an older event
        return redirect(url_for("web.event", event_id=moved), 308)
    view = event_view(store.get_event(event_id), store)
    sides = {side: [_with_sentence(c) for c in claims] for side, claims in view["sides"].items()}
    claims = {c["id"]: c for column in sides.values() for c in column}
    labels = {s["id"]: s.get("label") or s["id"] for s in registry_view(narratives().registry)["sides"]}
    return render_template("event.html", event=view, sides=sides, claims=claims, labels=labels)


@bp.get("/articles")
def articles() -> str:
    page = narratives().store.list_articles(limit=50, cursor=request.args.get("cursor"))
    return render_template(
        "articles.html", articles=[article_summary(a) for a in page.items], next_cursor=page.next_cursor
    )


@bp.get("/articles/<article_id>")
def article(article_id: str) -> str:
    store = narratives().store
    doc = store.get_article(article_id)
    claims = [claim_dict(c, doc) for c in store.article_claims(article_id)]
    marks = [m for c in claims for m in claim_marks(c)]
    pairs = [pair_dict(p) for p in store.pairs_touching([c["id"] for c in claims])]
    return render_template(
        "article.html", article=doc, claims=claims, pairs=pairs, segments=segments(doc.text, marks)
    )


def _same_origin() -> bool:
    """Form posts must come from this site's own pages (a cheap CSRF guard)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.host


@bp.route("/analyze", methods=["GET", "POST"])
def analyze() -> Response | tuple[str, int] | str:
    if request.method == "GET":
        return render_template("analyze.html", form={}, error=None)
    if not _same_origin():
        abort(403, description="form posts must come from this site")
    form = {k: request.form.get(k, "") for k in ("content", "format", "title", "url", "outlet", "published")}
    record = {"html" if form["format"] == "html" else "text": form["content"]}
    record.update({k: form[k] for k in ("title", "url", "outlet", "published") if form[k].strip()})
    try:
        posted = narratives().post_articles([record])[0]
    except NarrativesError as exc:
        return render_template("analyze.html", form=form, error=exc.message), exc.http_status
    return redirect(url_for("web.article", article_id=posted.article.id), code=303)


@bp.get("/api/docs")
def docs() -> str:
    return render_template("docs.html", spec=openapi_document())
