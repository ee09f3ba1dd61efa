"""The OpenAPI 3.1 document for `/api/v1`, built from the pydantic models in `service.schemas`."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import models_json_schema

from service import schemas

REF = "#/components/schemas/{model}"
_MODELS = [
    schemas.ArticleIn, schemas.PostedArticleOut, schemas.PostedArticlesOut, schemas.ArticlePage,
    schemas.ArticleOut, schemas.ClaimPage, schemas.EventPage, schemas.EventView, schemas.PairPage,
    schemas.AnalysisOut, schemas.SidesOut, schemas.Health, schemas.Problem, schemas.EventExport,
]
_ERRORS = {
    "400": "Malformed JSON (syntax, NaN, nesting deeper than 16) or a bad cursor",
    "401": "A write without a valid API token, when the operator configured tokens",
    "404": "No such resource",
    "413": "Body over 2 MB, or more text than one synchronous request analyses (max_sync_chars per article, max_request_chars in all)",
    "415": "Body is not application/json",
    "422": "Invalid fields: empty text, NUL, lone surrogates, unknown or badly typed fields, too many claims in one article",
    "503": "A model is not available",
}
_WRITE_ERRORS = ("400", "401", "413", "415", "422", "503")
_LIST_ERRORS = ("400", "422")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


def _json_body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _op(
    summary: str,
    ok: str,
    ok_schema: dict[str, Any],
    *,
    errors: tuple[str, ...] = (),
    params: tuple[dict[str, Any], ...] = (),
    body: dict[str, Any] | None = None,
    ok_code: str = "200",
    also: tuple[str, ...] = (),
) -> dict[str, Any]:
    responses: dict[str, Any] = {code: _json_body(ok_schema, ok) for code in (ok_code, *also)}
    for code in errors:
        responses[code] = {
            "description": _ERRORS[code],
            "content": {"application/problem+json": {"schema": _ref("Problem")}},
        }
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if params:
        op["parameters"] = list(params)
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return op


def _param(name: str, where: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": where, "required": where == "path", "description": description,
            "schema": schema or {"type": "string"}}


def _query_params(model: type[schemas.ListQuery]) -> tuple[dict[str, Any], ...]:
    """The query parameters of `model`, with the schema the server validates them by."""
    params = []
    for name, schema in model.model_json_schema()["properties"].items():
        options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
        value = {k: v for k, v in options[0].items() if k not in ("title", "description")}
        if "default" in schema and schema["default"] is not None:
            value["default"] = schema["default"]
        params.append(_param(name, "query", schema.get("description") or _QUERY_HELP.get(name, name), value))
    return tuple(params)


_QUERY_HELP = {
    "limit": "Items per page (1-100)",
    "cursor": "next_cursor from the previous page",
    "side": "Side id",
    "event": "Event id",
    "q": "Case-insensitive substring of the claim",
    "outlet": "Events with an article of this outlet",
    "relation": "contradicts, corroborates or related",
    "min_score": "Lowest contradiction score (0-1)",
}


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    _, defs = models_json_schema([(m, "serialization") for m in _MODELS], ref_template=REF)
    articles_in = TypeAdapter(schemas.ArticleIn | schemas.ArticlesIn).json_schema(ref_template=REF)
    one_or_many = {"oneOf": [_ref("PostedArticleOut"), _ref("PostedArticlesOut")]}
    article_id = _param("article_id", "path", "Article id (content hash)")
    event_id = _param("event_id", "path", "Event id")
    paths = {
        "/articles": {
            "post": _op(
                "Analyse and store one article or a list of up to 100; re-posts return 200 with duplicate=true",
                "Created (201) or all duplicates (200)",
                one_or_many,
                ok_code="201",
                also=("200",),
                errors=_WRITE_ERRORS,
                body=articles_in,
            ),
            "get": _op("Stored articles, newest first", "A page of articles", _ref("ArticlePage"),
                       errors=_LIST_ERRORS, params=_query_params(schemas.ListQuery)),
        },
        "/articles/{article_id}": {
            "get": _op("One article with its text, claims and pairs", "The article", _ref("ArticleOut"),
                       errors=("404",), params=(article_id,)),
            "delete": {
                "summary": "Delete an article, its claims and pairs; events are updated",
                "parameters": [article_id],
                "responses": {
                    "204": {"description": "Deleted (no body)"},
                    **{code: {"description": _ERRORS[code],
                              "content": {"application/problem+json": {"schema": _ref("Problem")}}}
                       for code in ("401", "404", "503")},
                },
            },
        },
        "/claims": {
            "get": _op("Claims, filtered by side, event and text", "A page of claims", _ref("ClaimPage"),
                       errors=_LIST_ERRORS, params=_query_params(schemas.ClaimQuery)),
        },
        "/events": {
            "get": _op("Events, disputed ones first, then the most recent, then by number of outlets; "
                       "empty filters mean any", "A page of events", _ref("EventPage"),
                       errors=_LIST_ERRORS, params=_query_params(schemas.EventQuery)),
        },
        "/events/{event_id}": {
            "get": _op("The comparison view: claims per side and claim vs counter-claim pairs", "The event",
                       _ref("EventView"), errors=("404",), params=(event_id,)),
        },
        "/events/{event_id}/export.json": {
            "get": _op("The event's comparison for download: the event and one flat row per pair, disputes first",
                       "The export", _ref("EventExport"), errors=("404",), params=(event_id,)),
        },
        "/events/{event_id}/export.csv": {
            "get": {
                "summary": "The same rows as CSV (header row; cells that would start a spreadsheet formula "
                           "are prefixed with ')",
                "parameters": [event_id],
                "responses": {
                    "200": {"description": "One row per pair", "content": {"text/csv": {"schema": {"type": "string"}}}},
                    "404": {"description": _ERRORS["404"]},
                },
            },
        },
        "/pairs": {
            "get": _op("Claim pairs", "A page of pairs", _ref("PairPage"), errors=_LIST_ERRORS,
                       params=_query_params(schemas.PairQuery)),
        },
        "/analyze": {
            "post": _op("Analyse articles without storing them", "Articles, claims, events and pairs",
                        _ref("AnalysisOut"), errors=_WRITE_ERRORS, body=articles_in),
        },
        "/sides": {"get": _op("The registry's sides and actors", "Sides and actors", _ref("SidesOut"))},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "narratives API",
            "version": "1",
            "description": "Who claims what about each war event, by side, and where the sides dispute each other.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {"schemas": defs.get("$defs", {})},
    }
