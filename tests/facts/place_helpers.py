"""Invented articles for the place tests: sentences split at ". " and a place mention for every occurrence of
each given name, as the nlp stage would give them."""

from __future__ import annotations

import re

from storyline.facts.places import article_context, article_place
from storyline.records import Mention, Place, Sentence


def analyse(body: str, places: dict[str, str]) -> tuple[list[Mention], list[Sentence]]:
    """Mentions (in text order) of each given name under its entity label, and the body's sentences."""
    sentences = [
        Sentence(m.start(), m.end(), m.group(0))
        for m in re.finditer(r"[^.!?]+(?:[.!?]+|$)", body)
        if m.group(0).strip()
    ]
    mentions = []
    for name, label in places.items():
        for match in re.finditer(re.escape(name), body):
            index = max(i for i, s in enumerate(sentences) if s.start <= match.start())
            mentions.append(Mention(name, label, match.start(), match.end(), index, name.lower()))
    return sorted(mentions, key=lambda m: m.start), sentences


def place_of(body: str, places: dict[str, str], outlet: str | None = None, title: str | None = None) -> Place | None:
    """The article's place as the facts stage resolves it."""
    mentions, sentences = analyse(body, places)
    context = article_context(body, mentions, title=title, outlet=outlet)
    return article_place(body, mentions, sentences, context)
