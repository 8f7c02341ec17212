"""event_detail and its renderings: every fact with who states it, and where sources conflict."""

from __future__ import annotations

import json
from dataclasses import replace

from rich.console import Console

from storyline.reconcile import reconcile_event
from storyline.timeline import event_detail, event_panel, render_event


def detail_of(corpus, event_id):
    event = next(e for e in corpus.events if e.event_id == event_id)
    facts = [f for f in corpus.facts if f.article_id in event.article_ids]
    return event_detail(event, facts, corpus.articles, reconcile_event(event, facts, corpus.articles))


def test_detail_lists_facts_with_outlet_and_sentence_and_conflicts(corpus):
    detail = detail_of(corpus, "e2")
    assert detail["event_id"] == "e2" and detail["date"] == {"iso": "2031-05", "precision": "month", "text": "in May"}
    assert [s["outlet"] for s in detail["sources"]] == ["Harbour Post", "a4.md"]
    counts = [(f["outlet"], f["sentence"], f["counts"]["freed"]["text"]) for f in detail["facts"] if f["event_type"] == "Justice:Release-Parole"]
    assert counts == [
        ("Harbour Post", "Varnia freed 240 reporters.", "240"),
        ("a4.md", "Varnia freed 117 reporters.", "117"),
    ]
    assert detail["conflicts"] == ["count.freed"]
    count = next(r for r in detail["reconciliations"] if r["attribute"] == "count.freed")
    assert {c["value"]: c["outlets"] for c in count["claims"]} == {"240": ["Harbour Post"], "117": ["a4.md"]}
    assert count["claims"][0]["evidence"][0]["sentence"].startswith("Varnia freed")


def test_detail_keeps_background_facts_marked(corpus):
    detail = detail_of(corpus, "e1")
    background = [f for f in detail["facts"] if f["background"]]
    assert {f["event_type"] for f in background} == {"Personnel:Elect", "Diplomacy:Break-Relations"}
    exchange = next(r for r in detail["reconciliations"] if r["attribute"] == "exchange")
    assert exchange["status"] == "single"
    assert next(f for f in detail["facts"] if f["relations"])["relations"][0]["kind"] == "in_exchange_for"


def test_event_renderings(corpus):
    detail = detail_of(corpus, "e2")
    assert json.loads(render_event(detail, "json")) == json.loads(json.dumps(detail))
    markdown = render_event(detail, "md")
    assert markdown.startswith("# Event e2: Second round")
    assert "- **count.freed**: conflict — 240 vs 117" in markdown
    assert '- a4.md: "Varnia freed 117 reporters."' in markdown
    assert "  - 240: Harbour Post" in markdown and "  - 117: a4.md" in markdown  # each value with its sources
    console = Console(record=True, width=160)
    console.print(event_panel(detail))
    text = console.export_text()
    assert "conflict" in text and "Varnia freed 117 reporters." in text


def test_a_sentence_stating_several_facts_is_shown_once_with_each_fact(corpus):
    """The issue's complaint: `storyline event` repeated one sentence per fact."""
    event = next(e for e in corpus.events if e.event_id == "e2")
    facts = [f for f in corpus.facts if f.article_id in event.article_ids]
    freed = next(f for f in facts if f.evidence.sentence == "Varnia freed 117 reporters.")
    facts.append(replace(freed, fact_id="extra", event_type="Contact:Statement", trigger="freed", counts={},
                         actor=None, attribution="the ministry said"))
    detail = event_detail(event, facts, corpus.articles, reconcile_event(event, facts, corpus.articles))
    markdown = render_event(detail, "md")
    assert markdown.count("Varnia freed 117 reporters.") == 1
    block = markdown[markdown.index('- a4.md: "Varnia freed 117 reporters."'):].splitlines()
    assert block[1].startswith("  - Justice:Release-Parole; actor: Varnia") and "freed: 117" in block[1]
    assert block[2] == "  - Contact:Statement; attribution: the ministry said"
    console = Console(record=True, width=200)
    console.print(event_panel(detail))
    text = console.export_text()
    assert text.count("Varnia freed 117 reporters.") == 1
    assert "Contact:Statement; attribution: the ministry said" in text
    assert len(text.splitlines()) < 40
