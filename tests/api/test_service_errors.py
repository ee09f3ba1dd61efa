"""Malformed requests: each gets its 4xx status as application/problem+json, never a 5xx."""
from __future__ import annotations

import json

import pytest
from service_fakes import article, assert_problem, fake_service

from service import create_app

A = "/api/v1/articles"
JSON = "application/json"


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# (method, path, body, content type, expected status, expected code or None)
MALFORMED = [
    ("POST", A, '{"text": "x"}', None, 415, "unsupported_media_type"),
    ("POST", A, '{"text": "x"}', "text/plain", 415, "unsupported_media_type"),
    ("POST", A, "text=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ("POST", A, "{", JSON, 400, "invalid_json"),
    ("POST", A, "", JSON, 400, "invalid_json"),
    ("POST", A, '{"text": "a"} trailing', JSON, 400, "invalid_json"),
    ("POST", A, '{"text": NaN}', JSON, 400, "invalid_json"),
    ("POST", A, '{"text": "x", "n": Infinity}', JSON, 400, "invalid_json"),
    ("POST", A, '{"text": -Infinity}', JSON, 400, "invalid_json"),
    ("POST", A, _nested(40), JSON, 400, "json_too_deep"),
    ("POST", A, _nested(100_000), JSON, 400, "json_too_deep"),
    ("POST", A, b'{"text": "\xff\xfe"}', JSON, 400, "invalid_encoding"),
    ("POST", A, '{"text": "' + "x" * (2 * 1024 * 1024 + 10) + '"}', JSON, 413, None),
    ("POST", A, "{}", JSON, 422, "empty_text"),
    ("POST", A, '{"text": ""}', JSON, 422, "empty_text"),
    ("POST", A, '{"text": " \\n\\t \\u200b "}', JSON, 422, "empty_text"),
    ("POST", A, '{"text": "nul \\u0000 inside"}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": "lone \\ud800 surrogate"}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"title": "\\udfff", "text": "fine"}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": 5}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": "x", "html": "<p>y</p>"}', JSON, 422, None),
    ("POST", A, '{"text": "x", "bogus": 1}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": "x", "published": "yesterday"}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": "x", "published": "2023-13-45"}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": "x", "published": 20231230}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": "x", "title": "' + "t" * 3000 + '"}', JSON, 422, "invalid_fields"),
    ("POST", A, '{"text": "' + "word " * 40_001 + '"}', JSON, 422, "text_too_long"),
    ("POST", A, '{"html": "<html><body></body></html>"}', JSON, 422, "empty_text"),
    ("POST", A, "[]", JSON, 422, "invalid_fields"),
    ("POST", A, json.dumps([{"text": f"a{i}"} for i in range(101)]), JSON, 422, "invalid_fields"),
    ("POST", A, '"just a string"', JSON, 422, "invalid_fields"),
    ("POST", A, "42", JSON, 422, "invalid_fields"),
    ("POST", A, "null", JSON, 422, "invalid_fields"),
    ("POST", A, "[1, 2]", JSON, 422, "invalid_fields"),
    ("POST", A, '[{"text": "ok"}, {"text": ""}]', JSON, 422, "empty_text"),
    ("POST", "/api/v1/analyze", "{", JSON, 400, "invalid_json"),
    ("POST", "/api/v1/analyze", "{}", JSON, 422, "empty_text"),
    ("POST", "/api/v1/analyze", '{"text": "x"}', "text/html", 415, "unsupported_media_type"),
    ("GET", A + "?limit=0", None, None, 422, "invalid_fields"),
    ("GET", A + "?limit=abc", None, None, 422, "invalid_fields"),
    ("GET", A + "?limit=1000", None, None, 422, "invalid_fields"),
    ("GET", A + "?cursor=%%%garbage", None, None, 400, "invalid_cursor"),
    ("GET", A + "?cursor=WyJhIl0", None, None, 400, "invalid_cursor"),  # ["a"]: wrong key type
    ("GET", "/api/v1/events?cursor=WzFd", None, None, 400, "invalid_cursor"),  # [1]: wrong length
    ("GET", A + "?unknown=1", None, None, 422, "invalid_fields"),
    ("GET", "/api/v1/pairs?min_score=NaN", None, None, 422, "invalid_fields"),
    ("GET", "/api/v1/pairs?min_score=2", None, None, 422, "invalid_fields"),
    ("GET", "/api/v1/pairs?relation=hates", None, None, 422, "invalid_fields"),
    ("GET", "/api/v1/claims?q=%00", None, None, 422, "invalid_fields"),
    ("GET", "/api/v1/claims?q=" + "q" * 300, None, None, 422, "invalid_fields"),
    ("GET", A + "/0123456789abcdef", None, None, 404, "not_found"),
    ("GET", "/api/v1/events/ev_missing", None, None, 404, "not_found"),
    ("DELETE", A + "/0123456789abcdef", None, None, 404, "not_found"),
    ("GET", "/api/v1/nothing-here", None, None, 404, "not_found"),
    ("PUT", A, '{"text": "x"}', JSON, 405, "method_not_allowed"),
    ("PATCH", "/api/v1/events", None, None, 405, "method_not_allowed"),
    ("POST", A + "/0123456789abcdef", '{"text": "x"}', JSON, 405, "method_not_allowed"),
    ("DELETE", "/api/v1/events", None, None, 405, "method_not_allowed"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    service = fake_service(f"sqlite:///{tmp_path_factory.mktemp('errors') / 'e.db'}")
    return create_app({"TESTING": True, "NARRATIVES_SERVICE": service}).test_client()


def test_table_is_large_enough():
    assert len(MALFORMED) >= 30


@pytest.mark.parametrize(("method", "path", "body", "ctype", "status", "code"), MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_request_is_a_problem_not_a_crash(client, method, path, body, ctype, status, code):
    headers = {"Content-Type": ctype} if ctype else {}
    response = client.open(path, method=method, data=body, headers=headers)
    problem = assert_problem(response, status)
    if code:
        assert problem["code"] == code, problem
    if status == 405:
        assert response.headers["Allow"]
    if status == 422 and code == "invalid_fields":
        assert problem["errors"] and all({"field", "code", "message"} <= set(e) for e in problem["errors"])


def test_field_errors_name_the_item(client):
    response = client.post(A, json=[article(1), {"text": ""}])
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["field"] == "1.text"


def test_405_keeps_allow(client):
    response = client.put("/api/v1/events")
    assert_problem(response, 405)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_nothing_was_stored_by_bad_requests(client):
    assert client.get(A).get_json()["items"] == []
