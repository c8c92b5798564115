"""Untrusted article text stays text; headers lock the page down."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.client import client, web_db_path  # noqa: E402,F401

from foedus.web.highlight import Span, highlight  # noqa: E402


def test_headers_on_pages_errors_and_static(client):
    for path in ["/", "/event/nope", "/static/css/foedus.css", "/timeline?format=csv"]:
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert h["x-content-type-options"] == "nosniff"


def test_article_markup_is_escaped(client):
    html = client.get("/doc/d12").text
    assert "<script>window.__xss" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert "<title>Reader post &lt;script&gt; · foedus</title>" in html
    assert "<script>" not in html.replace('<script src="', "")  # no inline script at all


def test_json_blocks_cannot_close_their_script(client):
    html = client.get("/network").text
    block = html.split('id="graph-data">')[1].split("</script>")[0]
    assert "<" not in block


def test_no_inline_scripts_or_handlers_anywhere(client):
    for path in ["/", "/timeline", "/relations", "/network", "/ledger", "/outlets", "/corroborate",
                 "/doc/d12", "/event/e23"]:
        html = client.get(path).text
        for chunk in html.split("<script")[1:]:
            head = chunk.split(">")[0]
            assert 'src="/static/' in head or 'type="application/json"' in head, (path, head)
        assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+=", html), path  # no event-handler attributes


def test_highlight_nests_and_escapes():
    text = "a <b>bold</b> claim"
    out = str(highlight(text, [Span(0, 19, "evidence", "s0"), Span(2, 13, "trigger"), Span(50, 60, "x")]))
    assert out == ('<mark class="evidence" id="s0">a </mark><mark class="evidence"><mark class="trigger">'
                   "&lt;b&gt;bold&lt;/b&gt;</mark></mark><mark class=\"evidence\"> claim</mark>")
    assert str(highlight("x\"'<", [Span(0, 1, "q", title='"><script>')])) == (
        '<mark class="q" title="&#34;&gt;&lt;script&gt;">x</mark>&#34;&#39;&lt;')


def test_sql_injection_is_just_a_value(client):
    r = client.get("/timeline", params={"actor": "ARM' OR '1'='1", "format": "json"})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/event/e05' OR '1'='1").status_code == 404
