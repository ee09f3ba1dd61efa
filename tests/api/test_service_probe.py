"""The probe's findings (issue 20), one test each: crafted cursors, spec/server details,
trusted hosts, write tokens, per-request limits. Fake models, real store and index."""
from __future__ import annotations

import base64
import datetime as dt
import json
import threading
import urllib.request

import pytest
from service_fakes import article, assert_problem, fake_service

from service import create_app
from service.access import new_token, token_hash
from service.openapi import openapi_document

A = "/api/v1/articles"
LISTS = ["/api/v1/articles", "/api/v1/claims", "/api/v1/events", "/api/v1/pairs"]


def _app(tmp_path, **settings):
    service = fake_service(f"sqlite:///{tmp_path / 'probe.db'}", **settings)
    return create_app({"TESTING": True, "NARRATIVES_SERVICE": service})


@pytest.fixture()
def client(tmp_path):
    return _app(tmp_path).test_client()


def _cursor(key) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


@pytest.mark.parametrize("key", [[10**30], ["notadate", 1], [-(2**64), 1], ["2023-01-01", 10**20], "x", {"a": 1}])
@pytest.mark.parametrize("path", LISTS)
def test_a_crafted_cursor_is_a_400_on_every_list(client, path, key):
    client.post(A, json=article(1))
    body = assert_problem(client.get(f"{path}?cursor={_cursor(key)}"), 400)
    assert body["code"] == "invalid_cursor"


def test_a_duplicate_answers_200_as_documented_and_names_what_it_did_not_take(client):
    first = client.post(A, json=article(1))
    again = client.post(A, json={**article(1), "outlet": "Other Wire", "title": "Another title"})
    assert first.status_code == 201 and again.status_code == 200
    body = again.get_json()
    assert body["duplicate"] is True and body["ignored_fields"] == ["title", "outlet"]
    assert client.get(f"{A}/{body['id']}").get_json()["outlet"] == "Wire"  # the stored values are kept
    assert client.post(A, json=article(1)).get_json()["ignored_fields"] == []
    assert "200" in openapi_document()["paths"]["/articles"]["post"]["responses"]


@pytest.mark.parametrize("published", [0, 1_700_000_000, 2023.5, True])
def test_a_number_is_not_a_publication_date(client, published):
    body = assert_problem(client.post(A, json={**article(1), "published": published}), 422)
    assert any(e["field"].endswith("published") for e in body["errors"])


def test_created_at_carries_its_timezone(client):
    client.post(A, json=article(1))
    (item,) = client.get(A).get_json()["items"]
    assert dt.datetime.fromisoformat(item["created_at"]).utcoffset() == dt.timedelta(0)


def test_empty_answers_have_no_content_type(client):
    options = client.open(A, method="OPTIONS")
    assert options.status_code == 204 and "Content-Type" not in options.headers and options.headers["Allow"]
    article_id = client.post(A, json=article(1)).get_json()["id"]
    deleted = client.delete(f"{A}/{article_id}")
    assert deleted.status_code == 204 and "Content-Type" not in deleted.headers and deleted.data == b""


def test_a_double_slash_path_is_not_redirected_to_the_host_header(tmp_path):
    client = _app(tmp_path, trusted_hosts="*").test_client()
    response = client.get("//api/v1/articles", headers={"Host": "evil.example"})
    assert response.status_code == 404 and "Location" not in response.headers


def test_a_foreign_host_is_refused_and_configured_ones_are_served(tmp_path):
    client = _app(tmp_path, trusted_hosts="narratives.example.org").test_client()
    assert client.get(A).status_code == 200  # localhost
    assert client.get(A, headers={"Host": "narratives.example.org"}).status_code == 200
    refused = client.post(A, json=article(1), headers={"Host": "evil.example", "Origin": "http://evil.example"})
    assert refused.status_code == 400
    assert client.get(A).get_json()["items"] == []  # nothing stored


def test_writes_need_a_token_when_one_is_configured_and_reads_stay_open(tmp_path):
    token, digest = new_token()
    assert digest == token_hash(token) and token not in digest
    client = _app(tmp_path, api_token_hashes=f"{token_hash('another')},{digest}").test_client()
    refused = client.post(A, json=article(1))
    assert assert_problem(refused, 401)["code"] == "unauthorized"
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert client.post(A, json=article(1), headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": f"Bearer {token}"}
    created = client.post(A, json=article(1), headers=auth)
    assert created.status_code == 201
    article_id = created.get_json()["id"]
    assert client.get(f"{A}/{article_id}").status_code == 200 and client.get(LISTS[1]).status_code == 200
    assert client.delete(f"{A}/{article_id}").status_code == 401
    assert client.delete(f"{A}/{article_id}", headers=auth).status_code == 204


def test_writes_are_open_without_configured_tokens(client):
    assert client.post(A, json=article(1)).status_code == 201


def test_more_text_than_a_synchronous_request_serves_is_a_413_before_any_analysis(tmp_path):
    app = _app(tmp_path, max_sync_chars=1_000, max_request_chars=1_500)
    service, client = app.extensions["narratives"], app.test_client()
    calls = []
    analyze = service.analyzer.analyze
    service.analyzer.analyze = lambda articles: calls.append(len(articles)) or analyze(articles)
    long_one = {**article(1), "text": article(1)["text"] + " More." * 200}
    body = assert_problem(client.post(A, json=long_one), 413)
    assert body["code"] == "request_too_large" and "at most 1000" in body["detail"]
    batch = [article(i) for i in range(10)]  # each short, together over 1,500
    assert assert_problem(client.post(A, json=batch), 413)["code"] == "request_too_large"
    assert assert_problem(client.post("/api/v1/analyze", json=long_one), 413)["code"] == "request_too_large"
    assert calls == []
    assert client.post(A, json=article(1)).status_code == 201 and calls == [1]


def test_the_dev_server_names_no_versions(tmp_path):
    from werkzeug.serving import make_server

    from service.transport import QuietRequestHandler

    server = make_server("127.0.0.1", 0, _app(tmp_path), threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/livez", timeout=10) as response:
            assert response.headers["Server"] == "narratives"
    finally:
        server.shutdown()
        thread.join()


def test_a_chunked_body_over_the_limit_is_a_413_and_the_connection_ends(tmp_path):
    import socket

    from werkzeug.serving import make_server

    from service.transport import QuietRequestHandler

    server = make_server("127.0.0.1", 0, _app(tmp_path), threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as conn:
            conn.sendall(b"POST /api/v1/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n" + b'a\r\n{"text": "\r\n')
            chunk = b"x" * 65_536
            for _ in range(40):  # 2.6 MB
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            conn.sendall(b'2\r\n"}\r\n0\r\n\r\n')
            received = b""
            while part := conn.recv(65_536):  # a hanging connection times out here
                received += part
        assert received.startswith(b"HTTP/1.1 413")
        assert b'"code": "request_entity_too_large"' in received
    finally:
        server.shutdown()
        thread.join()


def test_the_token_command_prints_a_token_and_the_digest_to_configure():
    from click.testing import CliRunner

    from narratives.cli import cli

    result = CliRunner().invoke(cli, ["token"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split(":", 1) for line in result.output.strip().splitlines())
    assert token_hash(lines["token"].strip()) == lines["digest"].strip()


def _wait_for(client, location: str, timeout: float = 30.0) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(location).get_json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.02)
    raise AssertionError(f"job at {location} did not finish: {job}")


def test_a_text_too_big_to_serve_synchronously_is_analysed_as_a_job(tmp_path):
    app = _app(tmp_path, max_sync_chars=1_000)
    client = app.test_client()
    long_one = {**article(1), "text": article(1)["text"] + " More." * 200}
    assert "/api/v1/jobs" in assert_problem(client.post(A, json=long_one), 413)["detail"]
    accepted = client.post("/api/v1/jobs", json=long_one)
    assert accepted.status_code == 202 and accepted.get_json()["status"] in ("queued", "running", "done")
    job = _wait_for(client, accepted.headers["Location"])
    assert job["status"] == "done" and job["error"] is None
    (done,) = job["articles"]
    assert done["duplicate"] is False and done["claims"] == 2
    assert client.get(f"{A}/{done['id']}").get_json()["text"] == long_one["text"]
    assert assert_problem(client.get("/api/v1/jobs/nope"), 404)["code"] == "not_found"


def test_a_job_is_validated_before_it_is_queued(client):
    assert assert_problem(client.post("/api/v1/jobs", json={"text": " "}), 422)["code"] == "empty_text"


def test_the_job_queue_is_bounded_and_its_depth_is_in_readyz(tmp_path):
    app = _app(tmp_path, job_queue_size=2)
    service, client = app.extensions["narratives"], app.test_client()
    release = threading.Event()
    analyze = service.analyzer.analyze
    service.analyzer.analyze = lambda articles: release.wait(30) and analyze(articles)
    first = client.post("/api/v1/jobs", json=article(1))
    deadline = 200
    while service.jobs.depth()["running"] != 1 and deadline:  # the worker took job 1
        threading.Event().wait(0.01)
        deadline -= 1
    for n in (2, 3):
        assert client.post("/api/v1/jobs", json=article(n)).status_code == 202
    full = client.post("/api/v1/jobs", json=article(4))
    assert assert_problem(full, 503)["code"] == "queue_full" and full.headers["Retry-After"]
    ready = client.get("/readyz")
    assert ready.status_code == 200  # readiness does not wait on the analysis holding the worker
    assert ready.get_json()["queue"] == {"queued": 2, "running": 1, "capacity": 2}
    release.set()
    assert _wait_for(client, first.headers["Location"])["status"] == "done"


@pytest.mark.parametrize("key", [[10**30], ["notadate", 1]])
@pytest.mark.parametrize("page", ["/", "/articles"])
def test_a_crafted_cursor_on_a_page_is_a_400_page_not_a_500(client, page, key):
    client.post(A, json=article(1))
    response = client.get(f"{page}?cursor={_cursor(key)}", headers={"Accept": "text/html"})
    assert response.status_code == 400


def test_query_parameters_are_documented_with_the_constraints_the_server_applies():
    params = {
        path: {p["name"]: p["schema"] for p in openapi_document()["paths"][path]["get"]["parameters"]}
        for path in ("/claims", "/pairs", "/articles")
    }
    assert params["/claims"]["q"]["maxLength"] == 200 and params["/claims"]["side"]["maxLength"] == 64
    assert params["/pairs"]["relation"]["enum"] == ["contradicts", "corroborates", "related"]
    assert params["/pairs"]["min_score"] == {"maximum": 1.0, "minimum": 0.0, "type": "number"}
    assert params["/articles"]["cursor"]["maxLength"] == 500 and params["/articles"]["limit"]["maximum"] == 100


def test_readiness_answers_while_a_write_holds_the_index(tmp_path):
    app = _app(tmp_path)
    service = app.extensions["narratives"]
    inside, release = threading.Event(), threading.Event()
    add = service.index.add

    def slow_add(analyses):
        inside.set()
        release.wait(30)
        return add(analyses)

    service.index.add = slow_add
    writer = threading.Thread(target=lambda: app.test_client().post(A, json=article(1)))
    writer.start()
    try:
        assert inside.wait(30)  # the write is inside the service's lock, analysing and linking
        ready = app.test_client().get("/readyz")
        assert ready.status_code == 200 and ready.get_json()["status"] == "ok"
    finally:
        release.set()
        writer.join()


def test_the_page_form_writes_for_a_browser_signed_in_with_a_token(tmp_path):
    token, digest = new_token()
    client = _app(tmp_path, api_token_hashes=digest).test_client()
    form = {"content": article(2)["text"], "format": "text", "published": "2023-12-30"}
    assert client.post("/analyze", data=form).status_code == 401  # not signed in: nothing stored
    assert "Sign in to write" in client.get("/analyze").get_data(as_text=True)
    assert client.post("/sign-in", data={"token": "wrong"}).status_code == 401
    signed = client.post("/sign-in", data={"token": token})
    assert signed.status_code == 303
    cookie = signed.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and token not in cookie
    stored = client.post("/analyze", data=form)
    assert stored.status_code == 303 and "/articles/" in stored.headers["Location"]
    # The cookie is for the page's forms only: the API still wants the token itself.
    assert client.post(A, json=article(3)).status_code == 401
    assert client.post("/sign-out").status_code == 303
    assert client.post("/analyze", data=form).status_code == 401


def test_sign_in_is_refused_from_another_site(tmp_path):
    token, digest = new_token()
    client = _app(tmp_path, api_token_hashes=digest).test_client()
    refused = client.post("/sign-in", data={"token": token}, headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403 and "Set-Cookie" not in refused.headers
