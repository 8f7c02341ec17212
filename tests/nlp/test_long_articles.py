"""An article longer than spaCy takes at once (E088) is analysed in pieces, every offset the body's own."""

import random

import pytest

from storyline.facts import extract_facts, parse_needs
from storyline.nlp import Analyzer
from storyline.nlp.analyzer import split_text
from storyline.records import Article
from storyline.settings import Settings

_OPENINGS = ["The council met again on Thursday.", "Residents of the lower town waited for news.",
             "A spokesman for the utility declined to comment.", "Crews worked through the night to clear roads."]


def long_body(chars: int, seed: int = 3) -> tuple[str, int]:
    """Paragraphs of ordinary report prose, one stating a toll; returns the body and where the toll is."""
    rng = random.Random(seed)
    paragraphs = []
    while sum(map(len, paragraphs)) < chars:
        paragraphs.append(" ".join(rng.choice(_OPENINGS) for _ in range(rng.randint(3, 9))))
    toll = "The flood killed 14 people in Harwick on Tuesday, officials said."
    paragraphs.insert(len(paragraphs) * 3 // 4, toll)
    body = "\n\n".join(paragraphs)
    return body, body.index(toll)


def analyse(body: str, max_length: int | None, monkeypatch) -> tuple:
    analyzer = Analyzer(Settings().nlp, parse_needs())
    if max_length:
        monkeypatch.setattr(analyzer.nlp, "max_length", max_length)
    article = Article(article_id="long", origin="transcript.txt", body=body, paragraphs=[])
    ((analysis, doc),) = analyzer.analyze([article])
    return analysis, doc, extract_facts(article, analysis, doc, Settings().facts, None)


def test_pieces_are_cut_between_paragraphs_and_join_back_to_the_text():
    text = "First paragraph here.\n\nSecond one, a little longer.\n\nThird."
    pieces = split_text(text, 30)
    assert "".join(pieces) == text
    assert pieces[0] == "First paragraph here.\n\n" and all(len(p) <= 30 for p in pieces)
    assert "".join(split_text("x" * 95, 30)) == "x" * 95


def check(body, toll_at, analysis, doc, facts):
    assert doc.text == body
    assert all(body[s.start : s.end] == s.text for s in analysis.sentences)
    (toll,) = [f for f in facts if f.counts.get("killed") and f.counts["killed"].value == 14]
    assert toll.evidence.start == toll_at
    assert body[toll.evidence.start : toll.evidence.end] == toll.evidence.sentence


def test_an_article_over_the_model_limit_is_analysed_in_pieces(monkeypatch):
    body, toll_at = long_body(12_000)
    check(body, toll_at, *analyse(body, 4_000, monkeypatch))


@pytest.mark.slow
def test_a_1_2_million_character_article_is_analysed_whole(monkeypatch):
    body, toll_at = long_body(1_200_000)
    check(body, toll_at, *analyse(body, None, monkeypatch))
