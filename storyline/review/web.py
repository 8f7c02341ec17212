"""Review from the browser: the write side of ``storyline serve --review``.

Mounted by ``storyline.web.app`` in review mode only (without it every ``/review/...`` request is a 404).
Reads stay open; a write needs two things:

* **the review token** printed by ``storyline serve --review``, given once: pasted into the form at
  ``/review/login`` or by opening ``/review/login?token=...``. It is exchanged for a signed session cookie
  (HttpOnly, SameSite=Strict), so the token itself never sits in a page or a cookie;
* **a CSRF token** in every form: an HMAC of the session under the review token, checked on every POST
  (a signed double submit: no server-side state, and a restart with a new token ends every session).

The signing is a few lines of the standard library's ``hmac`` (no session middleware: one cookie is all
that is kept). Forms are plain POSTs answered by a redirect (303) to the page they came from, so review
works without JavaScript under the strict Content-Security-Policy. A refusal is an HTML page with the
reason: 403 for a missing session or CSRF token, 400 for a value that does not fit, 404 for an unknown
event, article or review, 503 when the ledger cannot be written.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.records import Event
from storyline.review.apply import ReviewedView, settle_one
from storyline.review.book import ReviewBook
from storyline.review.model import (
    ARTICLE_ACTIONS,
    ATTRIBUTE_ACTIONS,
    GROUPING_ACTIONS,
    UNDO,
    Review,
    UnknownTarget,
)
from storyline.review.values import EVENT_ATTRIBUTES, known_attributes, settled_value
from storyline.store import StoreError, open_store
from storyline.web.pages import TEMPLATES
from storyline.web.reader import ArticleMeta
from storyline.web.views import article_url, event_url

router = APIRouter(prefix="/review", include_in_schema=False)

COOKIE = "storyline_review"
_VERB = {"confirm": "confirmed", "correct": "corrected", "resolve": "resolved", "merge": "merged",
         "split": "split", "set_date": "set the date", "set_outlet": "set the outlet", UNDO: "undid"}
_LABEL = {"published": "date", "outlet": "outlet"}

FormText = Annotated[str | None, Form()]


class Refused(Exception):
    """A write refused: the HTTP status and the one line shown on the page."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# --- sessions and CSRF -------------------------------------------------------------------------------------


def _secret(request: Request) -> bytes | None:
    token = request.app.state.review_token
    return token.encode() if token else None


def _sign(secret: bytes, purpose: str, session: str) -> str:
    return hmac.new(secret, f"{purpose}:{session}".encode(), hashlib.sha256).hexdigest()


def session_of(request: Request) -> str | None:
    """The session id of a valid review cookie, else None."""
    secret = _secret(request)
    session, _, signature = request.cookies.get(COOKIE, "").partition(".")
    if not secret or not session or not hmac.compare_digest(signature, _sign(secret, "session", session)):
        return None
    return session


def csrf_token(request: Request) -> str | None:
    """The token every form of this session carries (None when not signed in)."""
    session, secret = session_of(request), _secret(request)
    return _sign(secret, "csrf", session) if session and secret else None


def _check_write(request: Request, csrf: str | None) -> str:
    """The reviewer's name, once the session cookie and the form's CSRF token are checked (Refused if not)."""
    if not _secret(request):
        raise Refused(403, "review mode was started without a token: writing is off")
    if session_of(request) is None:
        raise Refused(403, "not signed in for review: open /review/login and give the token "
                           "`storyline serve --review` printed")
    expected = csrf_token(request) or ""
    if not csrf or not hmac.compare_digest(csrf, expected):
        raise Refused(403, "the form's CSRF token is missing or does not match this session: reload the page "
                           "and submit the form again")
    return request.app.state.reviewer or "reviewer"


def _local_path(target: str | None, default: str = "/") -> str:
    """A redirect target on this server only: an absolute path, never '//host' or a scheme."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or any(
            ord(c) < 32 for c in target):
        return default
    return target


def _signed_in(request: Request, next_path: str | None) -> RedirectResponse:
    response = RedirectResponse(_local_path(next_path), status_code=303)
    session = secrets.token_urlsafe(24)
    response.set_cookie(COOKIE, f"{session}.{_sign(_secret(request) or b'', 'session', session)}",
                        httponly=True, samesite="strict", path="/")
    return response


def _token_matches(request: Request, token: str | None) -> bool:
    expected = request.app.state.review_token
    return bool(expected and token and hmac.compare_digest(token.strip().encode(), expected.encode()))


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, token: str | None = None, next: str | None = None) -> Response:
    """The form to paste the token into; with ``?token=`` (the URL ``serve --review`` prints) it signs in
    at once and redirects, so the token leaves the address bar."""
    if token is not None:
        if not _token_matches(request, token):
            return _refusal(request, Refused(403, "that is not the review token this server printed"))
        return _signed_in(request, next)
    return _page(request, "review/login.html", next=_local_path(next))


@router.post("/login")
def login(request: Request, token: FormText = None, next: FormText = None) -> Response:
    if not _token_matches(request, token):
        return _refusal(request, Refused(403, "that is not the review token this server printed"))
    return _signed_in(request, next)


@router.post("/logout")
def logout(request: Request, csrf: FormText = None) -> Response:
    try:
        _check_write(request, csrf)
    except Refused as refused:
        return _refusal(request, refused)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


# --- writes ---------------------------------------------------------------------------------------------------


@router.post("/events/{event_id}")
def review_event(
    request: Request,
    event_id: str,
    csrf: FormText = None,
    action: FormText = None,
    attribute: FormText = None,
    value: FormText = None,
    other: FormText = None,
    articles: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Confirm, correct or resolve an attribute; merge the event with another; split articles out of it."""
    def change(book: ReviewBook, reviewer: str) -> Review:
        if action not in (*ATTRIBUTE_ACTIONS, *GROUPING_ACTIONS):
            raise ValueError(f"unknown review action {action!r} for an event "
                             f"(one of: {', '.join((*ATTRIBUTE_ACTIONS, *GROUPING_ACTIONS))})")
        if action == "merge":
            return book.add(reviewer, action, event_id, None, other)
        if action == "split":
            return book.add(reviewer, action, event_id, None, articles or [])
        return book.add(reviewer, action, event_id, attribute, value)

    return _write(request, csrf, event_url(event_id), change)


@router.post("/articles/{article_id}")
def review_article(request: Request, article_id: str, csrf: FormText = None, action: FormText = None,
                   value: FormText = None) -> Response:
    """Set an article's date or outlet."""
    def change(book: ReviewBook, reviewer: str) -> Review:
        if action not in ARTICLE_ACTIONS:
            raise ValueError(f"unknown review action {action!r} for an article (one of: {', '.join(ARTICLE_ACTIONS)})")
        return book.add(reviewer, action, article_id, None, value)

    return _write(request, csrf, article_url(article_id), change)


@router.post("/undo/{review_id}")
def undo(request: Request, review_id: int, csrf: FormText = None, next: FormText = None) -> Response:
    """Undo a review; the page it came from shows again what it showed before."""
    return _write(request, csrf, _local_path(next), lambda book, reviewer: book.undo(review_id, reviewer))


def _write(request: Request, csrf: str | None, back: str, change: Callable[[ReviewBook, str], Review]) -> Response:
    """Check the session and CSRF token, make the change on a writable store of its own (the reader's is
    read-only and belongs to another thread), and redirect back with the review's id to show it saved."""
    try:
        reviewer = _check_write(request, csrf)
        try:
            store = open_store(request.app.state.reader.db)
        except StoreError as error:
            raise Refused(503, str(error)) from None
        try:
            review = change(ReviewBook(store), reviewer)
        except UnknownTarget as error:
            raise Refused(404, str(error)) from None
        except ValueError as error:
            raise Refused(400, str(error)) from None
        except (StoreError, sqlite3.Error) as error:
            raise Refused(503, f"the ledger could not be written: {error}") from None
        finally:
            store.close()
    except Refused as refused:
        return _refusal(request, refused, back=back)
    if review.action == "merge":
        back = event_url(review.target)
    return RedirectResponse(f"{urlsplit(back).path}?saved={review.review_id}#review-controls", status_code=303)


def _refusal(request: Request, refused: Refused, back: str | None = None) -> HTMLResponse:
    return _page(request, "review/refused.html", status_code=refused.status, message=refused.message,
                 back=_local_path(back, "/"))


def _page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    context["review_mode"] = request.app.state.review_mode
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


# --- what the event and article pages show in review mode ---------------------------------------------------


@dataclass
class AttributeLine:
    """One attribute of the event as the ledger shows it now, reviews applied."""

    attribute: str
    label: str
    value: str | None
    status: str | None  # agree, conflict, single, change_over_time; None when no source states it
    in_conflict: bool
    review: Review | None  # the active review settling it


@dataclass
class Choice:
    value: str
    label: str


@dataclass
class ReviewPanel:
    """Everything the review controls of a page show; ``error`` instead when the reviews cannot be read."""

    signed_in: bool = False
    csrf: str = ""
    here: str = "/"
    event_id: str = ""  # the event as reviews leave it (another, when this one was merged away)
    lines: list[AttributeLine] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    articles: list[Choice] = field(default_factory=list)
    merge_candidates: list[Choice] = field(default_factory=list)
    current: dict[str, str | None] = field(default_factory=dict)  # an article's date and outlet, reviewed
    history: list[Review] = field(default_factory=list)
    saved: Review | None = None
    error: str | None = None


def _reviewed_view(request: Request) -> ReviewedView:
    """The reviews laid over the ledger, as the reader read them with its index (read again whenever a
    build or a review writes to the ledger)."""
    return request.app.state.reader.reviews()


def _panel_base(request: Request) -> ReviewPanel:
    saved_id = request.query_params.get("saved", "")
    panel = ReviewPanel(signed_in=session_of(request) is not None, csrf=csrf_token(request) or "",
                        here=request.url.path)
    panel.saved = None if not saved_id.isdigit() else next(
        (r for r in _reviewed_view(request).reviews if r.review_id == int(saved_id)), None)
    return panel


def event_panel(request: Request, event_id: str) -> ReviewPanel:
    """The event's attributes with what reviews settled, the choices of the forms, and its history."""
    try:
        return _event_panel(request, event_id)
    except (StoreError, sqlite3.Error) as error:
        return ReviewPanel(error=f"the reviews could not be read: {error}")


def _event_panel(request: Request, event_id: str) -> ReviewPanel:
    reader = request.app.state.reader
    view = _reviewed_view(request)
    panel = _panel_base(request)
    events = {event.event_id: event for event in view.events}
    event = events.get(event_id)
    if event is None:
        return ReviewPanel(error=f"no event {event_id!r} once the reviews are applied")
    panel.event_id = event.event_id
    with reader.reading() as store:
        facts, reconciliations, articles = settle_one(store, view, event)
    reviews = view.attribute_reviews(event.event_id)
    status = {result.attribute: result.status for result in reconciliations}
    shown = [*status, *(a for a in EVENT_ATTRIBUTES if a != "event_type"), *reviews]
    for attribute in dict.fromkeys(shown):
        review = reviews.get(attribute)
        value = review.new_value if review else settled_value(facts, reconciliations, attribute, articles)
        if value is None and attribute not in status:
            continue
        panel.lines.append(AttributeLine(attribute, _attribute_label(attribute), value, status.get(attribute),
                                         attribute in facts.conflicts, review))
    panel.attributes = known_attributes(reconciliations)
    metas = reader.index().articles
    panel.articles = [Choice(a, _article_label(metas.get(a), a)) for a in event.article_ids]
    panel.merge_candidates = _merge_candidates(view, event)
    panel.history = list(reversed(view.for_event(event.event_id)))
    return panel


def article_panel(request: Request, article_id: str) -> ReviewPanel:
    """An article's date and outlet as reviews leave them, and the reviews made on it."""
    try:
        view = _reviewed_view(request)
        panel = _panel_base(request)
        with request.app.state.reader.reading() as store:
            article = view.article(store.article(article_id))
    except (StoreError, sqlite3.Error) as error:
        return ReviewPanel(error=f"the reviews could not be read: {error}")
    if article is None:
        return ReviewPanel(error=f"no article {article_id!r}")
    reviews = view.article_reviews.get(article_id, {})
    panel.current = {"published": article.published, "outlet": article.outlet}
    panel.lines = [AttributeLine(name, _LABEL[name], panel.current[name], None, False, reviews.get(name))
                   for name in ("published", "outlet")]
    panel.history = [r for r in reversed(view.reviews) if r.action in ARTICLE_ACTIONS and r.target == article_id]
    return panel


def _attribute_label(attribute: str) -> str:
    from storyline.timeline.builder import attribute_label

    return f"count: {attribute_label(attribute)}" if attribute.startswith("count.") else attribute.replace("_", " ")


def _article_label(meta: ArticleMeta | None, article_id: str) -> str:
    if meta is None:
        return article_id
    return f"{meta.source} · {meta.published or 'undated'} · {meta.title or meta.origin}"


_MAX_MERGE_CHOICES = 200


def _merge_candidates(view: ReviewedView, event: Event) -> list[Choice]:
    """The other events of the same story first (the likely merges), then the rest, by date."""
    others = [e for e in view.events if e.event_id != event.event_id]
    others.sort(key=lambda e: (e.story_id != event.story_id, e.date.key() if e.date else "", e.event_id))
    return [Choice(e.event_id, f"{e.date.key() if e.date and e.date.key() else 'undated'} · "
                               f"{e.title or e.event_type or ''} ({e.event_id})") for e in others[:_MAX_MERGE_CHOICES]]


def describe(review: Review) -> str:
    """A review in a few words for the history list: 'corrected count.killed: 9 -> 10'."""
    verb = _VERB.get(review.action, review.action)
    if review.action == UNDO:
        return f"undid review {review.target}"
    if review.action == "merge":
        return f"merged {review.target} with {review.new_value}"
    if review.action == "split":
        return f"split {review.new_value} out of {review.target}"
    what = _LABEL.get(review.attribute or "", review.attribute or "")
    change = review.new_value if review.old_value in (None, review.new_value) else f"{review.old_value} → {review.new_value}"
    return f"{verb} {what}: {change}"


TEMPLATES.env.globals.update(review_event_panel=event_panel, review_article_panel=article_panel,
                             review_describe=describe, review_verb=lambda action: _VERB.get(action, action))

__all__ = ["COOKIE", "ReviewPanel", "article_panel", "csrf_token", "event_panel", "router", "session_of"]
