"""The JSON API under /api: stories, events (filtered, paged), one event in full, articles, sources and
entities. Every response is a typed model of ``storyline.web.schemas``."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from storyline.records import DateValue
from storyline.web import schemas, views
from storyline.web.reader import LedgerReader, NotFound

router = APIRouter(prefix="/api", tags=["ledger"], responses={
    404: {"model": schemas.ErrorOut, "description": "No such event, article, story or entity"},
    422: {"model": schemas.ErrorOut, "description": "A malformed query parameter"},
})

MAX_LIMIT = 500
_ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_TEXT = re.compile(r"^[^\x00-\x1f\x7f]*$")  # no control characters in a filter

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
DateParam = Annotated[str | None, Query(pattern=_ISO_DATE, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")]
TextParam = Annotated[str | None, Query(max_length=200, pattern=_TEXT.pattern)]


def reader_of(request: Request) -> LedgerReader:
    return request.app.state.reader


def parse_date(value: str | None, name: str) -> DateValue | None:
    """An ISO prefix as a date; one that names no real day ("2026-02-30") is refused by name."""
    if value is None:
        return None
    date = DateValue.of_iso(value)
    if date.first_day() is None:
        raise HTTPException(422, f"query parameter {name!r}: {value!r} is not a real date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return date


def event_filter(
    date_from: DateValue | None, date_to: DateValue | None, type: str | None, entity: str | None,
    outlet: str | None, q: str | None, story: str | None,
) -> views.EventFilter:
    if date_from and date_to and date_from.first_day() > date_to.last_day():  # type: ignore[operator]
        raise HTTPException(422, "query parameters 'from' and 'to': 'from' is after 'to'")
    return views.EventFilter(date_from, date_to, type, entity, outlet, q, story)


def not_found(error: NotFound) -> HTTPException:
    return HTTPException(404, str(error))


@router.get("/stories", response_model=list[schemas.StoryOut], summary="Every story, largest first")
def list_stories(request: Request) -> list[schemas.StoryOut]:
    reader = reader_of(request)
    return reader.derived("stories", lambda: views.stories(reader))


@router.get("/events", response_model=schemas.EventPage, summary="Events in date order, filtered and paged")
def list_events(
    request: Request,
    date_from: Annotated[str | None, Query(alias="from", pattern=_ISO_DATE, max_length=10,
                                           description="Events on or after this date (YYYY[-MM[-DD]])")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=_ISO_DATE, max_length=10,
                                         description="Events on or before this date (YYYY[-MM[-DD]])")] = None,
    type: Annotated[str | None, Query(max_length=100, pattern=_TEXT.pattern,
                                      description="Event type, or its family ('Justice')")] = None,
    entity: Annotated[str | None, Query(max_length=200, pattern=_TEXT.pattern,
                                        description="An entity id: events whose facts name it")] = None,
    outlet: TextParam = None,
    q: Annotated[str | None, Query(max_length=200, pattern=_TEXT.pattern,
                                   description="Words in the titles, type or outlets")] = None,
    story: TextParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> schemas.EventPage:
    reader = reader_of(request)
    wanted = event_filter(parse_date(date_from, "from"), parse_date(date_to, "to"), type, entity, outlet, q, story)
    ids = views.filter_events(reader, wanted)
    return schemas.EventPage(total=len(ids), limit=limit, offset=offset,
                             items=views.event_summaries(reader, ids[offset:offset + limit]))


@router.get("/events/{event_id}", response_model=schemas.EventDetail,
            summary="One event: settled facts, every attribute's values, every claim with its sentence")
def get_event(request: Request, event_id: str) -> schemas.EventDetail:
    try:
        return views.event_detail(reader_of(request), event_id)
    except NotFound as error:
        raise not_found(error) from None


@router.get("/articles/{article_id}", response_model=schemas.ArticleOut,
            summary="One article: its cleaned text, the spans of its stated facts, its copies")
def get_article(request: Request, article_id: str) -> schemas.ArticleOut:
    reader = reader_of(request)
    try:
        article, facts = reader.article(article_id)
    except NotFound as error:
        raise not_found(error) from None
    return views.article_out(reader, article, facts)


@router.get("/sources", response_model=schemas.SourcePage, summary="The articles (no bodies), oldest first")
def list_sources(request: Request, outlet: TextParam = None, limit: Limit = 100, offset: Offset = 0) -> schemas.SourcePage:
    reader = reader_of(request)
    index = reader.index()
    canonical = reader.derived("sources", lambda: sorted(
        (m for m in index.articles.values() if m.canonical_id is None), key=lambda m: (m.published or "9999", m.origin)))
    if outlet:
        canonical = [m for m in canonical if m.source.lower() == outlet.lower()]
    page = canonical[offset:offset + limit]
    return schemas.SourcePage(total=len(canonical), limit=limit, offset=offset,
                              items=[views.source_out(reader, m.article_id) for m in page])


@router.get("/entities", response_model=schemas.EntityPage,
            summary="People, organisations and places with their spellings, most eventful first")
def list_entities(request: Request, q: TextParam = None, label: TextParam = None, limit: Limit = 100,
                  offset: Offset = 0) -> schemas.EntityPage:
    reader = reader_of(request)
    entities = list(reader.index().entities.values())
    if label:
        entities = [e for e in entities if e.label.lower() == label.lower()]
    if q:
        needle = q.lower()
        entities = [e for e in entities if any(needle in name.lower() for name in (e.name, *e.aliases))]
    roles = reader.entity_roles()
    entities.sort(key=lambda e: (-len(roles.get(e.entity_id, {})), e.name))
    return schemas.EntityPage(total=len(entities), limit=limit, offset=offset,
                              items=[views.entity_out(reader, e.entity_id) for e in entities[offset:offset + limit]])


@router.get("/entities/{entity_id}", response_model=schemas.EntityDetail,
            summary="One entity: its spellings and the events it has a role in")
def get_entity(request: Request, entity_id: str) -> schemas.EntityDetail:
    try:
        return views.entity_detail(reader_of(request), entity_id)
    except NotFound as error:
        raise not_found(error) from None
