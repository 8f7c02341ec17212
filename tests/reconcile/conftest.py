"""Builders for the invented records the reconcile tests use (a fictional story, no real text)."""

from __future__ import annotations

import itertools

import pytest

from storyline.records import Article, DateValue, Event, Evidence, Fact, Place, Quantity

_fact_ids = itertools.count()


@pytest.fixture
def article():
    def build(
        article_id: str, outlet: str | None = None, published: str | None = "2031-05-14", origin: str | None = None
    ) -> Article:
        return Article(
            article_id=article_id,
            origin=origin or f"/corpus/{article_id}.txt",
            body="",
            paragraphs=[],
            outlet=outlet,
            published=published,
        )

    return build


@pytest.fixture
def fact():
    def build(
        article_id: str,
        sentence: str,
        *,
        event_type: str = "Justice:Release-Parole",
        cameo: str = "0841",
        count: Quantity | None = None,
        date: DateValue | None = None,
        position: int = 0,
        **fields,
    ) -> Fact:
        if isinstance(fields.get("place"), str):
            fields["place"] = Place(fields["place"])
        return Fact(
            fact_id=f"f{next(_fact_ids)}",
            article_id=article_id,
            event_type=event_type,
            cameo=cameo,
            plover="RETREAT",
            trigger=fields.pop("trigger", "freed"),
            evidence=Evidence(article_id, sentence, position, position + len(sentence)),
            counts={"freed": count} if count else {},
            date=date,
            **fields,
        )

    return build


@pytest.fixture
def event():
    def build(*article_ids: str, date: DateValue | None = None) -> Event:
        return Event(event_id="e1", story_id="s1", article_ids=list(article_ids), event_type="Justice:Release-Parole", date=date)

    return build
