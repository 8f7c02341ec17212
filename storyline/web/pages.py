"""The server-rendered pages: stories, a story's timeline, an event's comparison grid, an article with
its quoted sentences marked, entities and sources. Templates autoescape everything they print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from storyline.web import views
from storyline.web.api import (
    _ISO_DATE,
    _TEXT,
    Limit,
    Offset,
    TextParam,
    event_filter,
    not_found,
    parse_date,
    reader_of,
)
from storyline.web.reader import NotFound

# Autoescape on for every template, whatever its name: article text is hostile.
TEMPLATES = Jinja2Templates(env=Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True))
TEMPLATES.env.globals.update(
    event_url=views.event_url, story_url=views.story_url, entity_url=views.entity_url, article_url=views.article_url,
)

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, **context) -> HTMLResponse:
    context["review_mode"] = request.app.state.review_mode
    return TEMPLATES.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    reader = reader_of(request)
    stories = reader.derived("stories", lambda: views.stories(reader))
    return render(request, "index.html", stories=stories, n_events=len(reader.index().events))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    story_id: str,
    date_from: Annotated[str | None, Query(alias="from", pattern=_ISO_DATE, max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=_ISO_DATE, max_length=10)] = None,
    q: Annotated[str | None, Query(max_length=200, pattern=_TEXT.pattern)] = None,
    background: bool = True,
    limit: Limit = 200,
    offset: Offset = 0,
) -> HTMLResponse:
    """The story's timeline; background rows are set apart, and can be left out."""
    reader = reader_of(request)
    wanted = event_filter(parse_date(date_from, "from"), parse_date(date_to, "to"), None, None, None, None, story_id)
    try:
        rows = reader.story_rows(story_id)
        title = reader.story_title(story_id)
    except NotFound as error:
        raise not_found(error) from None
    low = wanted.date_from.first_day() if wanted.date_from else None
    high = wanted.date_to.last_day() if wanted.date_to else None
    if low or high:
        rows = [r for r in rows if views._within(r.date, low, high)]
    if not background:
        rows = [r for r in rows if not r.background]
    if q:
        words = q.lower().split()
        rows = [r for r in rows if all(w in " ".join([r.headline, *r.facts, *r.sources]).lower() for w in words)]
    return render(request, "timeline.html", story_id=story_id, title=title, rows=rows[offset:offset + limit],
                  total=len(rows), limit=limit, offset=offset, filters={"from": date_from or "", "to": date_to or "",
                                                                      "q": q or "", "background": background})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    reader = reader_of(request)
    try:
        view = reader.event_view(event_id)
    except NotFound as error:
        raise not_found(error) from None
    articles = reader.light_articles(view.event.article_ids)
    index = reader.index()
    outlet_of = {a: index.articles[a].source for a in view.event.article_ids if a in index.articles}
    return render(
        request, "event.html", view=view, detail=views.event_detail(reader, view.event.event_id),
        grid=views.comparison_grid(view, articles, outlet_of), charts=views.count_charts(view, articles),
        story_title=reader.story_title(view.event.story_id) if view.event.story_id in index.stories else None,
        merged_from=event_id if event_id != view.event.event_id and reader.raw_event(event_id) else None,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    reader = reader_of(request)
    try:
        article, facts = reader.article(article_id)
    except NotFound as error:
        raise not_found(error) from None
    return render(request, "article.html", article=views.article_out(reader, article, facts),
                  segments=views.article_segments(article, facts),
                  title_marked=any(f.evidence.in_title for f in facts))


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, q: TextParam = None, limit: Limit = 200, offset: Offset = 0) -> HTMLResponse:
    from storyline.web.api import list_entities

    page = list_entities(request, q=q, label=None, limit=limit, offset=offset)
    return render(request, "entities.html", page=page, q=q or "")


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    try:
        detail = views.entity_detail(reader_of(request), entity_id)
    except NotFound as error:
        raise not_found(error) from None
    return render(request, "entity.html", entity=detail)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, outlet: TextParam = None, limit: Limit = 200, offset: Offset = 0) -> HTMLResponse:
    from storyline.web.api import list_sources

    return render(request, "sources.html", page=list_sources(request, outlet=outlet, limit=limit, offset=offset))


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """Swagger UI from the files fastapi-offline ships, started by a static script (no CDN, no inline JS)."""
    return render(request, "docs.html")
