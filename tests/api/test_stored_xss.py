"""Stored XSS: hostile article text, title, outlet and URL render inert on every page."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from service_fakes import fake_service

from service import create_app

RLO = "\u202e"
HOSTILE = {
    "title": '<script>alert("title")</script><img src=x onerror=alert(1)>',
    "url": "javascript:alert(2)",
    "outlet": '"><svg onload=alert(3)>',
    "published": "2023-12-30",
    "text": (
        "Kharkiv report <script>alert(4)</script>\n"
        "Russian Defense Ministry said the strike <img src=x onerror=alert(5)> hit javascript:alert(6) "
        f"military targets {RLO}gnp-exe in Kharkiv.\n"
        'Ukrainian intelligence said the strike on Kharkiv was not <a href="javascript:alert(7)">aimed</a> '
        "at military targets <iframe src=javascript:alert(8)></iframe>."
    ),
}


class TagAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text = ""
        self._in_script = False
        self.bdi_text = ""
        self._bdi = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        self._bdi += tag == "bdi"

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script
        self._bdi -= tag == "bdi"

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data
        if self._bdi > 0:
            self.bdi_text += data


SVG_SHAPES = {"g", "rect", "text", "line", "circle"}  # what the event page's timeline draws


def audit(html: str) -> TagAudit:
    parser = TagAudit()
    parser.feed(html)
    svgs = [attrs for tag, attrs in parser.tags if tag == "svg"]
    assert len(svgs) <= 1 and all(a.get("class") == "timeline" for a in svgs), svgs  # only the page's timeline
    for tag, attrs in parser.tags:
        assert tag not in {"img", "iframe", "object", "embed", "base", "foreignobject", "use", "image", "style"}, (tag, attrs)
        if tag in SVG_SHAPES:
            assert svgs, (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
    assert parser.script_text.strip() == ""
    assert RLO not in html  # shown as a visible [U+202E] marker, never obeyed
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    service = fake_service(f"sqlite:///{tmp_path_factory.mktemp('xss') / 'x.db'}")
    client = create_app({"TESTING": True, "NARRATIVES_SERVICE": service}).test_client()
    posted = client.post("/api/v1/articles", json=HOSTILE).get_json()
    assert len(posted["claims"]) == 2
    return client, posted


def _pages(posted):
    event_id = posted["claims"][0]["event_id"]
    return ["/", "/articles", f"/articles/{posted['id']}", f"/events/{event_id}", "/analyze", "/api/docs"]


def test_every_page_renders_hostile_input_inert(site):
    client, posted = site
    for path in _pages(posted):
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, path
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        audit(response.get_data(as_text=True))


def test_hostile_text_is_shown_escaped_and_claims_isolated(site):
    client, posted = site
    html = client.get(f"/articles/{posted['id']}").get_data(as_text=True)
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert "[U+202E]gnp-exe" in html
    event = client.get(f"/events/{posted['claims'][0]['event_id']}").get_data(as_text=True)
    parser = audit(event)
    assert "onerror=alert(5)" in parser.bdi_text and "alert(7)" in parser.bdi_text


def test_form_and_error_pages_echo_input_inert(site):
    client, _ = site
    response = client.post(
        "/analyze", data={"content": HOSTILE["title"] + "</textarea><script>alert(9)</script>", "format": "html"}
    )
    assert response.status_code == 422
    audit(response.get_data(as_text=True))
    missing = client.get("/events/%3Cscript%3Ealert(10)%3C%2Fscript%3E", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    audit(missing.get_data(as_text=True))


def test_api_returns_text_verbatim_as_json(site):
    client, posted = site
    article = client.get(f"/api/v1/articles/{posted['id']}").get_json()
    assert article["title"] == HOSTILE["title"] and RLO in article["text"]
