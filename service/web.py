"""The web page: events list, event comparison, article view, and a form to paste an article.

Server-rendered (Jinja2, autoescaped) so reading works without JavaScript: filters are GET
forms and links, the timeline is inline SVG; `static/app.js` only adds highlighting of a
pair's claims.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, session, url_for

from narratives.errors import NarrativesError
from narratives.storage.event_search import search_events, stored_outlets
from service import schemas
from service.api import event_filters, narratives
from service.comparison import load_comparison
from service.access import accepts_token, signed_in
from service.csrf import cross_site_reason
from service.highlight import claim_marks, opening_segments, reveal_controls, segments
from service.openapi import openapi_document
from service.registry_view import registry_view
from service.timeline import build_timeline
from service.views import article_summary, claim_dict, digest_dict, pair_dict

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


def _side_labels() -> dict[str, str]:
    labels = {s["id"]: str(s.get("label") or s["id"]) for s in registry_view(narratives().registry)["sides"]}
    labels.setdefault("unknown", "Unknown side")
    return labels


@bp.get("/")
def events() -> str:
    query = schemas.EventQuery.model_validate(request.args.to_dict())
    store = narratives().store
    page = search_events(store, event_filters(query), limit=query.limit, cursor=query.cursor)
    args = {k: v for k, v in request.args.items() if k != "cursor" and v.strip()}
    return render_template(
        "events.html", events=[digest_dict(d) for d in page.items], next_cursor=page.next_cursor,
        query=query, args=args, labels=_side_labels(), outlets=stored_outlets(store),
    )


@bp.get("/events/<event_id>")
def event(event_id: str) -> Any:
    store = narratives().store
    moved = store.event_redirect(event_id)
    if moved is not None:  # merged into an older event
        return redirect(url_for("web.event", event_id=moved), 308)
    comparison = load_comparison(store, event_id)
    labels = _side_labels()
    sides = {side: [_with_sentence(c) for c in column] for side, column in comparison.view["sides"].items()}
    timeline = build_timeline(
        sides,
        day_of=comparison.claim_day,
        outlet_of=lambda c: comparison.articles[c["article_id"]].outlet,
        href_of=_claim_place,
        side_label=lambda side: labels.get(side, side),
    )
    return render_template(
        "event.html", event=comparison.view, comparison=comparison, sides=sides, claims=comparison.claims,
        labels=labels, summary=comparison.central_claims(), timeline=timeline,
    )


def _claim_place(claim: dict) -> str:
    """The claim's place in its article's page."""
    return url_for("web.article", article_id=claim["article_id"], _anchor=f"at-{claim['id']}")


bp.add_app_template_global(_claim_place, "claim_place")


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
    by_claim: dict[str, list[dict]] = {c["id"]: [] for c in claims}
    for pair in pairs:
        for claim_id in (pair["a"], pair["b"]):
            if claim_id in by_claim:
                by_claim[claim_id].append(pair)
    return render_template(
        "article.html", article=doc, claims=claims, pairs=by_claim, labels=_side_labels(),
        sides={c["id"]: c["side"] for c in claims}, segments=opening_segments(segments(doc.text, marks)),
    )


@bp.route("/analyze", methods=["GET", "POST"])
def analyze() -> Response | tuple[str, int] | str:
    if request.method == "GET":
        return render_template("analyze.html", form={}, error=None)
    reason = cross_site_reason(request)
    if reason is not None:
        abort(403, description=f"form posts must come from this site's own page ({reason})")
    form = {k: request.form.get(k, "") for k in ("content", "format", "title", "url", "outlet", "published")}
    record = {"html" if form["format"] == "html" else "text": form["content"]}
    record.update({k: form[k] for k in ("title", "url", "outlet", "published") if form[k].strip()})
    try:
        posted = narratives().post_articles([record])[0]
    except NarrativesError as exc:
        return render_template("analyze.html", form=form, error=exc.message), exc.http_status
    return redirect(url_for("web.article", article_id=posted.article.id), code=303)


def _token_digests() -> frozenset[str]:
    return current_app.extensions["narratives_token_digests"]


@bp.app_context_processor
def _writer_state() -> dict[str, bool]:
    """Whether writing needs a sign-in here, and whether this browser has one."""
    digests = _token_digests()
    return {"tokens_required": bool(digests), "signed_in": bool(digests) and signed_in(digests)}


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Response | tuple[str, int] | str:
    """Sign this browser in with an API token, so that the page's forms may write."""
    if request.method == "GET":
        return render_template("sign_in.html", error=None)
    reason = cross_site_reason(request)
    if reason is not None:
        abort(403, description=f"form posts must come from this site's own page ({reason})")
    digest = accepts_token(request.form.get("token", ""), _token_digests())
    if digest is None:
        return render_template("sign_in.html", error="That token is not one this service accepts."), 401
    session.clear()
    session["writer"] = digest
    return redirect(url_for("web.analyze"), code=303)


@bp.post("/sign-out")
def sign_out() -> Response:
    reason = cross_site_reason(request)
    if reason is not None:
        abort(403, description=f"form posts must come from this site's own page ({reason})")
    session.clear()
    return redirect(url_for("web.events"), code=303)


@bp.get("/api/docs")
def docs() -> str:
    return render_template("docs.html", spec=openapi_document())
