"""The server-rendered pages: hostile article text stays text, the headers forbid inline script, the
comparison grid links each value to its sentence, the toll's chart, the review seam."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app
from tests.web.conftest import ARREST, ATTACK, VEL

PAGES = ["/", "/stories/st-quay", f"/events/{ATTACK}", f"/events/{quote(ARREST, safe='')}", "/articles/a1-herald",
         "/articles/a2-copy", "/sources", "/entities", f"/entities/{quote(VEL, safe='')}", "/docs"]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son\w+\s*=", re.I)
LIVE_JS_LINK = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


@pytest.mark.parametrize("url", PAGES)
def test_hostile_text_never_becomes_markup(client: TestClient, url: str):
    response = client.get(url)
    assert response.status_code == 200
    page = response.text
    assert "<script>document.title" not in page
    assert "<img src=x" not in page
    assert not INLINE_SCRIPT.search(page), "a script without src"
    assert not EVENT_HANDLER.search(page), "an on...= attribute"
    assert not LIVE_JS_LINK.search(page), "a live javascript: link"
    assert " style=" not in page  # the policy allows no inline style either


def test_hostile_text_is_shown_escaped(client: TestClient):
    article = client.get("/articles/a1-herald").text
    assert "Twelve dead in Quay &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=" in article
    assert "javascript:alert(1)</code>" in article  # shown as text, not a link
    assert "Quay attack &lt;img" in client.get("/").text


@pytest.mark.parametrize("url", ["/", f"/events/{ATTACK}", "/api/events", "/static/app.js", "/nowhere", "/api/events?limit=x"])
def test_every_response_carries_the_security_headers(client: TestClient, url: str):
    headers = client.get(url).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "object-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", [
    "/static/../reader.py", "/static/%2e%2e/reader.py", "/static/..%2freader.py", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/docs-assets/../core.py", "/articles/..%2F..%2Fetc%2Fpasswd", "/static//etc/passwd", "/static/templates/base.html",
])
def test_no_request_reaches_the_file_system(client: TestClient, url: str):
    response = client.get(url)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_static_files_are_served_with_their_types(client: TestClient):
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert 'src="/docs-assets/swagger-ui-bundle.js"' in client.get("/docs").text


def test_the_comparison_grid_puts_outlets_side_by_side(client: TestClient):
    page = client.get(f"/events/{ATTACK}").text
    grid = page[page.index('id="comparison"'):page.index("</table>", page.index('id="comparison"'))]
    header = re.findall(r"<th>([^<]*)</th>", grid)
    assert header[:2] == ["Attribute", "Status"] and set(header[2:]) == {"Harbour Herald", "Tide Wire", "Gull Daily"}
    rows = re.findall(r'<tr class="status-([a-z_]+)">\s*<th scope="row">([^<]*)</th>', grid)
    assert ("change_over_time", "count: killed") in rows and ("agree", "place") in rows
    links = re.findall(r'<a class="cell (\w+)" href="([^"]+)"', grid)
    assert ("change", "/articles/a3-gull#s-0") in links
    for _, link in links:  # every cell links to a sentence anchor that exists on the article page
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in client.get(path).text


def test_an_article_marks_the_sentences_that_state_facts(client: TestClient):
    page = client.get("/articles/a1-herald").text
    body = page[page.index('id="body"'):]
    assert '<span class="anchor" id="s-0"></span><mark>Gunmen killed 12 people' in body
    assert "<mark>Witnesses" not in body  # a sentence that states no fact is not marked
    wire = client.get("/articles/a2-wire").text
    assert "/articles/a2-copy" in wire and "Copies folded into this article" in wire


def test_the_toll_that_rises_is_drawn_without_a_library(client: TestClient):
    page = client.get(f"/events/{ATTACK}").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<circle") == 3
    assert "2031-04-02: 12" in svg and "2031-04-05: Thirty-one" in svg
    assert "<svg" not in client.get(f"/events/{quote(ARREST, safe='')}").text  # nothing changes there


def test_the_timeline_sets_background_apart_and_filters(client: TestClient):
    page = client.get("/stories/st-quay").text
    assert page.count('<tr class="background">') == 1 and page.count('<tr class="event">') == 2
    assert f'href="/events/{quote(ARREST, safe="")}"' in page
    hidden = client.get("/stories/st-quay", params={"background": "false"}).text
    assert '<tr class="background">' not in hidden
    narrowed = client.get("/stories/st-quay", params={"from": "2031-04-05"}).text
    assert narrowed.count('<tr class="event">') == 1


def test_the_entity_page_lists_spellings_events_and_roles(client: TestClient):
    page = client.get(f"/entities/{quote(VEL, safe='')}").text
    assert "Velo Orsk" in page and "Orsk &lt;script&gt;" in page
    assert f'href="/events/{quote(ARREST, safe="")}"' in page and "<td>actor</td>" in page


def test_review_controls_appear_only_in_review_mode(ledger_path, client: TestClient):
    assert 'id="review-controls"' not in client.get(f"/events/{ATTACK}").text
    reviewing = TestClient(create_app(ledger_path, review=True, reviewer="ana", token="t0ken"))
    page = reviewing.get(f"/events/{ATTACK}").text
    assert 'id="review-controls"' in page and "review mode" in page
    assert "t0ken" not in page  # the token is printed at start-up, never served
