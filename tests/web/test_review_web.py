"""Review from the browser (``storyline serve --review``): the token and CSRF refusals, every action through
its form, undo, errors shown on the page, and hostile values kept as text. Over the invented ferry-fire
ledger of tests/review (two outlets disagree on the dead; a rescue report grouped into the fire)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from storyline.engine.ledger import Ledger
from storyline.review import ReviewBook
from storyline.review.web import COOKIE
from storyline.store import open_store
from storyline.web import create_app
from tests.review.conftest import FIRE_A, RESCUE_A, RESCUE_B, as_built, rebuild, write_ledger
from tests.web.test_pages import EVENT_HANDLER, INLINE_SCRIPT, LIVE_JS_LINK

TOKEN = "s3cret-review-token"
FIRE = "/events/ev-fire"
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger.db")


@pytest.fixture
def client(ledger: Path) -> TestClient:
    return TestClient(create_app(ledger, review=True, reviewer="ana", token=TOKEN))


@pytest.fixture
def signed_in(client: TestClient) -> TestClient:
    assert client.get(f"/review/login?token={TOKEN}", follow_redirects=False).status_code == 303
    return client


def csrf_of(client: TestClient, page: str = FIRE) -> str:
    return CSRF.search(client.get(page).text)[1]


def post(client: TestClient, url: str, **fields) -> object:
    """A form post as the page sends it, with the session's CSRF token unless one is given."""
    if "csrf" not in fields:
        fields["csrf"] = csrf_of(client)
    return client.post(url, data=fields, follow_redirects=False)


def reviews(ledger: Path) -> list:
    store = open_store(ledger, read_only=True)
    try:
        return ReviewBook(store).all()
    finally:
        store.close()


def settled(ledger: Path, event_id: str = "ev-fire"):
    store = open_store(ledger, read_only=True)
    try:
        return next(row for row in Ledger(store).event_facts() if row.event_id == event_id)
    finally:
        store.close()


def review_row(page: str, row_id: str) -> str:
    """The review table row of one attribute, as HTML."""
    start = page.rindex("<tr", 0, page.index(f'id="review-{row_id}"'))
    return page[start:page.index("</tr>", start)]


# --- token, session, CSRF -------------------------------------------------------------------------------


def test_without_review_mode_there_is_nothing_to_write_to(ledger: Path):
    plain = TestClient(create_app(ledger))
    assert plain.post(f"/review{FIRE}", data={"action": "confirm", "attribute": "date"}).status_code == 404
    assert plain.get(f"/review/login?token={TOKEN}").status_code == 404
    assert plain.post(FIRE, data={"action": "confirm"}).status_code == 405  # pages are read-only
    assert reviews(ledger) == []


def test_reading_stays_open_and_the_page_asks_for_the_token(client: TestClient):
    page = client.get(FIRE).text
    assert 'action="/review/login"' in page and 'name="token"' in page
    assert not CSRF.search(page) and TOKEN not in page  # no write form before signing in
    assert client.get("/api/events").status_code == 200


def test_a_write_without_the_session_is_refused_with_a_reason(client: TestClient, ledger: Path):
    response = client.post(f"/review{FIRE}", data={"csrf": "0" * 64, "action": "correct",
                                                  "attribute": "count.killed", "value": "10"})
    assert response.status_code == 403
    assert "not signed in for review" in response.text and "/review/login" in response.text
    assert reviews(ledger) == []


@pytest.mark.parametrize("token", ["wrong", "", TOKEN + "x", TOKEN.upper()])
def test_a_wrong_token_signs_nobody_in(client: TestClient, token: str):
    by_url = client.get("/review/login", params={"token": token}, follow_redirects=False)
    by_form = client.post("/review/login", data={"token": token}, follow_redirects=False)
    for response in (by_url, by_form):
        assert response.status_code == 403 and "not the review token" in response.text
        assert COOKIE not in response.headers.get("set-cookie", "")


def test_the_printed_url_sets_a_strict_http_only_cookie_and_leaves_the_address_bar(client: TestClient):
    response = client.get("/review/login", params={"token": TOKEN, "next": FIRE}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == FIRE
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert TOKEN not in cookie


def test_the_token_pasted_into_the_form_signs_in(client: TestClient):
    response = client.post("/review/login", data={"token": f"  {TOKEN}\n", "next": FIRE}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == FIRE
    assert CSRF.search(client.get(FIRE).text)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_sign_in_redirects_only_within_this_server(client: TestClient, target: str):
    response = client.get("/review/login", params={"token": TOKEN, "next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_every_form_carries_the_csrf_token_and_a_write_without_it_is_refused(signed_in: TestClient, ledger: Path):
    page = signed_in.get(FIRE).text
    forms = re.findall(r'<form[^>]*method="post"[^>]*>.*?</form>', page, re.DOTALL)
    writes = [form for form in forms if 'action="/review/login"' not in form]
    assert len(writes) > 10 and all('name="csrf"' in form for form in writes)

    fields = {"action": "correct", "attribute": "count.killed", "value": "10"}
    missing = signed_in.post(f"/review{FIRE}", data=fields)
    wrong = signed_in.post(f"/review{FIRE}", data={**fields, "csrf": "f" * 64})
    for response in (missing, wrong):
        assert response.status_code == 403 and "CSRF token is missing or does not match" in response.text
    assert reviews(ledger) == []


def test_a_csrf_token_belongs_to_its_session(ledger: Path):
    first, second = (TestClient(create_app(ledger, review=True, reviewer="ana", token=TOKEN)) for _ in range(2))
    for client in (first, second):
        client.get(f"/review/login?token={TOKEN}")
    assert csrf_of(first) != csrf_of(second)
    response = post(second, f"/review{FIRE}", csrf=csrf_of(first), action="confirm", attribute="date")
    assert response.status_code == 403
    assert post(second, f"/review{FIRE}", action="confirm", attribute="date").status_code == 303


def test_a_forged_or_old_cookie_is_not_a_session(ledger: Path, signed_in: TestClient):
    csrf = csrf_of(signed_in)
    session = signed_in.cookies[COOKIE]
    restarted = TestClient(create_app(ledger, review=True, reviewer="ana", token="a-new-token"))
    restarted.cookies.set(COOKIE, session)  # a new start prints a new token: old sessions end
    assert post(restarted, f"/review{FIRE}", csrf=csrf, action="confirm", attribute="date").status_code == 403
    forged = TestClient(create_app(ledger, review=True, reviewer="ana", token=TOKEN))
    forged.cookies.set(COOKIE, session.split(".")[0] + "." + "0" * 64)
    assert post(forged, f"/review{FIRE}", csrf=csrf, action="confirm", attribute="date").status_code == 403
    assert reviews(ledger) == []


def test_sign_out_ends_the_session(signed_in: TestClient):
    assert post(signed_in, "/review/logout").status_code == 303
    assert not CSRF.search(signed_in.get(FIRE).text)


# --- the actions ----------------------------------------------------------------------------------------


def test_correct_a_count_then_the_page_shows_it_reviewed_and_undo_brings_the_machine_value_back(
        signed_in: TestClient, ledger: Path):
    response = post(signed_in, f"/review{FIRE}", action="correct", attribute="count.killed", value="10")
    assert response.status_code == 303 and response.headers["location"].startswith(f"{FIRE}?saved=")
    page = signed_in.get(response.headers["location"]).text
    assert "Saved: review 1" in page
    row = review_row(page, "count-killed")
    assert 'class="reviewed"' in row and '<td class="value">10</td>' in row
    assert "corrected by ana" in row and "was 9" in row and 'action="/review/undo/1"' in row
    assert settled(ledger).counts["killed"].value == 10

    undone = post(signed_in, "/review/undo/1", next=FIRE)
    assert undone.status_code == 303
    page = signed_in.get(undone.headers["location"]).text
    row = review_row(page, "count-killed")
    assert 'class="machine"' in row and '<td class="value">9</td>' in row
    assert "undone by review 2" in page
    assert settled(ledger).counts["killed"].value == 9
    assert [(r.action, r.undone) for r in reviews(ledger)] == [("correct", True), ("undo", False)]


@pytest.mark.parametrize(("attribute", "value", "shown", "row_id"), [
    ("date", "2033-09-03", "2033-09-03", "date"),
    ("place", "Halden, Norland", "Halden, Norland", "place"),
    ("actor", "an electrical fault", "an electrical fault", "actor"),
    ("killed", "12-15", "12-15", "count-killed"),
])
def test_correct_the_date_place_actor_or_a_count_by_role(signed_in: TestClient, ledger: Path, attribute: str,
                                                         value: str, shown: str, row_id: str):
    response = post(signed_in, f"/review{FIRE}", action="correct", attribute=attribute, value=value)
    assert response.status_code == 303
    row = review_row(signed_in.get(FIRE).text, row_id)
    assert f'<td class="value">{shown}</td>' in row and "corrected by ana" in row


def test_confirm_keeps_the_value_and_marks_it_reviewed(signed_in: TestClient, ledger: Path):
    assert post(signed_in, f"/review{FIRE}", action="confirm", attribute="date").status_code == 303
    row = review_row(signed_in.get(FIRE).text, "date")
    assert "confirmed by ana" in row and '<td class="value">2033-09-04</td>' in row and "was " not in row
    assert settled(ledger).reviewed == ["date"]


def test_mark_a_conflict_resolved(signed_in: TestClient, ledger: Path):
    before = review_row(signed_in.get(FIRE).text, "count-killed")
    assert '<span class="status conflict">' in before and "Mark resolved" in before
    assert post(signed_in, f"/review{FIRE}", action="resolve", attribute="count.killed").status_code == 303
    row = review_row(signed_in.get(FIRE).text, "count-killed")
    assert "resolved by ana" in row and "(resolved)" in row and "Mark resolved" not in row
    assert "count.killed" not in settled(ledger).conflicts


def test_split_an_article_out_and_merge_it_with_its_own_event(signed_in: TestClient, ledger: Path):
    page = signed_in.get(FIRE).text
    assert f'name="articles" value="{RESCUE_A.article_id}"' in page
    assert post(signed_in, f"/review{FIRE}", action="split", articles=[RESCUE_A.article_id]).status_code == 303
    split_id = f"ev-{RESCUE_A.article_id}"
    assert settled(ledger).article_ids == [FIRE_A.article_id, "fire-wire-000002"]
    assert "split rescue-post-0003 out of ev-fire" in signed_in.get(FIRE).text

    merged = post(signed_in, "/review/events/ev-rescue", action="merge", other=split_id)
    assert merged.status_code == 303 and merged.headers["location"].startswith("/events/ev-rescue?saved=")
    assert sorted(settled(ledger, "ev-rescue").article_ids) == sorted([RESCUE_A.article_id, RESCUE_B.article_id])
    assert "merged ev-rescue with" in signed_in.get("/events/ev-rescue").text


def test_set_an_articles_date_and_outlet(signed_in: TestClient, ledger: Path):
    url = f"/articles/{RESCUE_A.article_id}"
    page = signed_in.get(url).text
    assert 'id="review-controls"' in page and 'value="set_date"' in page and 'value="set_outlet"' in page
    assert post(signed_in, f"/review{url}", csrf=csrf_of(signed_in, url), action="set_date",
                value="2033-09-07").headers["location"].startswith(f"{url}?saved=")
    post(signed_in, f"/review{url}", csrf=csrf_of(signed_in, url), action="set_outlet", value="Halden Radio")
    page = signed_in.get(url).text
    assert '<td class="value">2033-09-07</td>' in review_row(page, "published")
    outlet = review_row(page, "outlet")
    assert '<td class="value">Halden Radio</td>' in outlet and "set the outlet by ana" in outlet
    assert "was Norland Post" in outlet
    assert [(r.action, r.new_value) for r in reviews(ledger)] == [("set_date", "2033-09-07"),
                                                                  ("set_outlet", "Halden Radio")]


def test_an_event_merged_away_points_to_the_event_it_is_in_now(signed_in: TestClient):
    post(signed_in, f"/review{FIRE}", action="merge", other="ev-rescue")
    page = signed_in.get("/events/ev-rescue").text  # the old id still opens: the event that holds its articles now
    assert "A review merged <code>ev-rescue</code> into this event." in page and 'action="/review/events/ev-fire"' in page


def test_an_event_id_with_a_plus_is_one_path_segment(ledger: Path):
    store = open_store(ledger)
    rebuild(store, *as_built(rescue_id="ev-fire+"))
    store.close()
    client = TestClient(create_app(ledger, review=True, reviewer="ana", token=TOKEN))
    client.get(f"/review/login?token={TOKEN}")
    plus = f"/events/{quote('ev-fire+', safe='')}"
    assert f'action="/review{plus}"' in client.get(plus).text
    response = post(client, f"/review{plus}", csrf=csrf_of(client, plus), action="confirm", attribute="date")
    assert response.status_code == 303 and [r.target for r in reviews(ledger)] == ["ev-fire+"]


# --- refusals shown on the page ------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "fields", "status", "message"), [
    (f"/review{FIRE}", {"action": "correct", "attribute": "count.killed", "value": "a dozen or so"}, 400,
     "is not a count"),
    (f"/review{FIRE}", {"action": "correct", "attribute": "date", "value": "2033-02-30"}, 400, "is not a date"),
    (f"/review{FIRE}", {"action": "correct", "attribute": "colour", "value": "red"}, 400, "has no attribute"),
    (f"/review{FIRE}", {"action": "resolve", "attribute": "date"}, 400, "do not conflict"),
    (f"/review{FIRE}", {"action": "split"}, 400, "name the articles"),
    (f"/review{FIRE}", {"action": "set_date", "value": "2033-09-01"}, 400, "unknown review action"),
    (f"/review{FIRE}", {"action": "merge", "other": "ev-nothing-here"}, 404, "no event"),
    ("/review/events/ev-nothing-here", {"action": "confirm", "attribute": "date"}, 404, "no event"),
    (f"/review/articles/{FIRE_A.article_id}", {"action": "set_date", "value": "2033-09"}, 400, "a day"),
    ("/review/articles/no-such-article", {"action": "set_outlet", "value": "X"}, 404, "no article"),
    ("/review/undo/99", {}, 404, "no review 99"),
])
def test_a_refused_review_shows_its_reason(signed_in: TestClient, ledger: Path, url, fields, status, message):
    response = post(signed_in, url, **fields)
    assert response.status_code == status
    assert message in response.text and 'id="review-refused"' in response.text
    assert "text/html" in response.headers["content-type"]
    assert reviews(ledger) == []


def test_undoing_twice_is_refused(signed_in: TestClient):
    post(signed_in, f"/review{FIRE}", action="confirm", attribute="date")
    assert post(signed_in, "/review/undo/1", next=FIRE).status_code == 303
    again = post(signed_in, "/review/undo/1", next=FIRE)
    assert again.status_code == 400 and "already undone" in again.text


# --- hostile values -----------------------------------------------------------------------------------------

SCRIPT = "<script>alert('pwned')</script>"
HANDLER = '<img src=x onerror="alert(1)">'


def test_hostile_values_and_names_stay_text(ledger: Path):
    client = TestClient(create_app(ledger, review=True, reviewer=f"ana {SCRIPT}", token=TOKEN))
    client.get(f"/review/login?token={TOKEN}")
    assert post(client, f"/review{FIRE}", action="correct", attribute="actor", value=f"gunmen {SCRIPT}").status_code == 303
    url = f"/articles/{RESCUE_A.article_id}"
    post(client, f"/review{url}", csrf=csrf_of(client, url), action="set_outlet", value=HANDLER)
    refused = post(client, f"/review{FIRE}", action="correct", attribute="count.killed", value=SCRIPT)
    assert refused.status_code == 400
    for page in (client.get(FIRE).text, client.get(url).text, refused.text):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert not INLINE_SCRIPT.search(page) and not EVENT_HANDLER.search(page) and not LIVE_JS_LINK.search(page)
    assert "gunmen &lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in client.get(FIRE).text
    assert "&lt;img src=x onerror=" in client.get(url).text


def test_review_pages_keep_the_strict_policy(signed_in: TestClient):
    for response in (signed_in.get(FIRE), signed_in.get("/review/login"), post(signed_in, "/review/undo/5")):
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "form-action 'self'" in policy


def test_serve_review_prints_an_address_that_signs_in(ledger: Path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from storyline.cli.main import app as cli

    served: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    result = CliRunner().invoke(cli, ["serve", "--review", "--reviewer", "bo", "--db", str(ledger)])
    assert result.exit_code == 0, result.output
    address = re.search(r"http://127\.0\.0\.1:8000(/review/login\?token=[\w-]+)", result.output)[1]
    client = TestClient(served["app"])
    assert client.get(address, follow_redirects=False).status_code == 303
    assert post(client, f"/review{FIRE}", action="confirm", attribute="date").status_code == 303
    assert [r.reviewer for r in reviews(ledger)] == ["bo"]


def test_a_correction_shows_in_the_api_and_the_story_timeline_not_only_the_review_panel(signed_in: TestClient):
    post(signed_in, f"/review{FIRE}", action="correct", attribute="count.killed", value="10")
    event = signed_in.get("/api/events/ev-fire").json()
    assert event["counts"]["killed"]["value"] == 10
    story = signed_in.get("/api/stories").json()[0]
    timeline = signed_in.get(f"/stories/{story['story_id']}").text
    assert "killed: 10 (corrected by ana; was 9)" in timeline
