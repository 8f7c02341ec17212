"""The API's typed responses (the OpenAPI schema at /docs is generated from these).

An event's row and its claims' rows are the very tables ``storyline export`` writes: their models are
built from ``EVENT_COLUMNS`` and ``CLAIM_COLUMNS``, so the API and the export cannot drift apart.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from storyline.export.rows import CLAIM_COLUMNS, EVENT_COLUMNS, Column

_PYTHON_TYPE: dict[type, Any] = {int: int, str: str, list: list[str]}


def _model_of(name: str, columns: tuple[Column, ...], doc: str, base: type[BaseModel] | None = None) -> type[BaseModel]:
    fields: dict[str, Any] = {column.name: (_PYTHON_TYPE[column.kind] | None, None) for column in columns}
    model = create_model(name, __base__=base, **fields) if base else create_model(name, **fields)
    model.__doc__ = doc
    return model


EventRow = _model_of("EventRow", EVENT_COLUMNS, "An event's settled facts: the row `storyline export --table events` writes.")
ClaimRow = _model_of("ClaimRow", CLAIM_COLUMNS, "A value stated for an attribute, per sentence: the row `storyline export --table claims` writes.")


class ClaimOut(ClaimRow):  # type: ignore[misc,valid-type]
    """A claim row, with who the sentence attributes the fact to and a link to the sentence."""

    model_config = ConfigDict(extra="forbid")
    attribution: str | None = None
    in_title: bool = False
    sentence_url: str = Field(description="The article page, scrolled to the sentence")


class DateOut(BaseModel):
    iso: str | None
    precision: Literal["day", "month", "year", "unknown"]
    text: str = ""


class PlaceOut(BaseModel):
    text: str
    city: str | None = None
    region: str | None = None
    country: str | None = None


class QuantityOut(BaseModel):
    text: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str


class ValueOut(BaseModel):
    value: str
    normalized: str
    low: int | None = None
    high: int | None = None
    entity: str | None = None
    outlets: list[str]
    article_ids: list[str]


class AttributeOut(BaseModel):
    """One reconciled attribute: the values stated, and whether the sources agree."""

    attribute: str
    status: Literal["agree", "conflict", "single", "change_over_time"]
    note: str
    values: list[ValueOut]


class SourceOut(BaseModel):
    article_id: str
    origin: str
    outlet: str
    title: str | None
    published: str | None
    url: str | None
    copies: list[str] = Field(description="Origins of the copies folded into this article")
    event_id: str | None


class ReviewOut(BaseModel):
    review_id: int
    created: str
    reviewer: str
    target: str
    attribute: str | None
    action: str
    old_value: str | None
    new_value: str | None
    undone: bool


class EventDetail(BaseModel):
    event_id: str
    story_id: str
    title: str | None
    headline: str
    date: DateOut
    place: PlaceOut | None
    counts: dict[str, QuantityOut]
    row: EventRow  # type: ignore[valid-type]
    attributes: list[AttributeOut]
    claims: list[ClaimOut]
    sources: list[SourceOut]
    reviews: list[ReviewOut]


class EventSummary(BaseModel):
    event_id: str
    story_id: str
    event_type: str | None
    title: str | None
    date: DateOut
    outlets: list[str]
    n_articles: int
    url: str


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class EventPage(Page):
    items: list[EventSummary]


class StoryOut(BaseModel):
    story_id: str
    title: str
    n_events: int
    first_date: str | None
    last_date: str | None
    url: str


class CopyOut(BaseModel):
    article_id: str
    origin: str
    outlet: str
    url: str | None


class SpanOut(BaseModel):
    """A stated fact's sentence in the article: offsets into ``body`` (or ``title`` when in_title)."""

    start: int
    end: int
    in_title: bool
    fact_ids: list[str]


class ArticleOut(BaseModel):
    article_id: str
    origin: str
    outlet: str
    title: str | None
    published: str | None
    url: str | None
    author: str | None
    agency: str | None
    body: str = Field(description="The cleaned text; every offset points into it")
    copies: list[CopyOut]
    copy_of: str | None = Field(description="The canonical article, when this one is a folded copy")
    event_id: str | None
    spans: list[SpanOut]


class SourcePage(Page):
    items: list[SourceOut]


class EntityOut(BaseModel):
    entity_id: str
    name: str
    label: str
    spellings: list[str]
    n_events: int
    url: str


class EntityPage(Page):
    items: list[EntityOut]


class EntityEvent(BaseModel):
    event_id: str
    title: str | None
    date: DateOut
    roles: list[str]
    url: str


class EntityDetail(EntityOut):
    events: list[EntityEvent]


class ErrorOut(BaseModel):
    error: str
