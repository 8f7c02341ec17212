"""One event in full: its sources, every fact with who states it and in which sentence, and per attribute
whether the sources agree — as a dict (for JSON and the API), Markdown, or a Rich renderable. Article text
reaches the Markdown and the terminal only through ``storyline.sanitize``."""

from __future__ import annotations

from typing import Any, Literal

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storyline.reconcile import source_name
from storyline.records import Article, Event, Fact, Reconciliation
from storyline.sanitize import (
    json_text,
    markdown_code,
    markdown_text,
    one_line,
    terminal,
)

_STATUS_STYLE = {"agree": "green", "conflict": "bold red", "single": "yellow", "change_over_time": "cyan"}


def event_detail(
    event: Event, facts: list[Fact], articles: dict[str, Article], reconciliations: list[Reconciliation]
) -> dict[str, Any]:
    """Everything known about one event, as plain data: facts in article order, then by position."""
    order = {article_id: index for index, article_id in enumerate(event.article_ids)}
    own_facts = sorted(
        (fact for fact in facts if fact.article_id in order),
        key=lambda fact: (order[fact.article_id], fact.evidence.start),
    )
    return {
        "event_id": event.event_id,
        "story_id": event.story_id,
        "event_type": event.event_type,
        "title": event.title,
        "date": _date(event.date),
        "sources": [_source(article_id, articles) for article_id in event.article_ids],
        "facts": [_fact(fact, articles) for fact in own_facts],
        "reconciliations": [_reconciliation(result, articles) for result in reconciliations],
        "conflicts": [result.attribute for result in reconciliations if result.status == "conflict"],
    }


def _date(value) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"iso": value.iso, "precision": value.precision, "text": value.text}


def _source(article_id: str, articles: dict[str, Article]) -> dict[str, Any]:
    article = articles.get(article_id)
    return {
        "article_id": article_id,
        "outlet": source_name(article, article_id),
        "title": article.title if article else None,
        "published": article.published if article else None,
        "url": article.url if article else None,
    }


def _fact(fact: Fact, articles: dict[str, Article]) -> dict[str, Any]:
    return {
        "fact_id": fact.fact_id,
        "article_id": fact.article_id,
        "outlet": source_name(articles.get(fact.article_id), fact.article_id),
        "event_type": fact.event_type,
        "cameo": fact.cameo,
        "plover": fact.plover,
        "trigger": fact.trigger,
        "actor": {"text": fact.actor.text, "entity": fact.actor.entity} if fact.actor else None,
        "target": {"text": fact.target.text, "entity": fact.target.entity} if fact.target else None,
        "object": fact.object,
        "counts": {
            role: {"text": c.text, "value": c.value, "low": c.low, "high": c.high, "qualifier": c.qualifier}
            for role, c in fact.counts.items()
        },
        "date": _date(fact.date),
        "place": None
        if fact.place is None
        else {"text": fact.place.text, "city": fact.place.city, "region": fact.place.region, "country": fact.place.country},
        "participants": [{"role": p.role, "entity": p.entity, "text": p.text} for p in fact.participants],
        "attribution": fact.attribution,
        "background": fact.background,
        "sentence": fact.evidence.sentence,
        "start": fact.evidence.start,
        "end": fact.evidence.end,
        "relations": [{"kind": r.kind, "target_fact": r.target_fact, "cue": r.cue} for r in fact.relations],
    }


def _reconciliation(result: Reconciliation, articles: dict[str, Article]) -> dict[str, Any]:
    return {
        "attribute": result.attribute,
        "status": result.status,
        "note": result.note,
        "claims": [
            {
                "value": claim.value,
                "normalized": claim.normalized,
                "outlets": claim.outlets,
                "article_ids": claim.article_ids,
                "evidence": [
                    {"outlet": source_name(articles.get(e.article_id), e.article_id), "sentence": e.sentence}
                    for e in claim.evidence
                ],
            }
            for claim in result.claims
        ],
    }


def render_event(detail: dict[str, Any], fmt: Literal["md", "json"]) -> str:
    if fmt == "json":
        return json_text(detail, indent=2, sort_keys=True)
    if fmt == "md":
        return _markdown(detail)
    raise ValueError(f"unknown event format {fmt!r}: use md or json")


def _date_label(date: dict[str, Any] | None) -> str:
    if not date or not date["iso"]:
        return "date unknown"
    return f"{date['iso']} ({date['precision']})"


def _fact_summary(fact: dict[str, Any]) -> str:
    parts = [f"{fact['event_type']} (CAMEO {fact['cameo']}, PLOVER {fact['plover']})"]
    for label in ("actor", "target"):
        if fact[label]:
            parts.append(f"{label}: {fact[label]['text']}")
    for label in ("object", "attribution"):
        if fact[label]:
            parts.append(f"{label}: {fact[label]}")
    if fact["place"]:
        levels = [fact["place"][level] for level in ("city", "region", "country") if fact["place"][level]]
        parts.append(f"place: {', '.join(levels) or fact['place']['text']}")
    for role, count in fact["counts"].items():
        parts.append(f"{role}: {count['text']}")
    for participant in fact["participants"]:
        parts.append(f"{participant['role']}: {participant['text']}")
    if fact["date"] and fact["date"]["iso"]:
        parts.append(f"date: {fact['date']['iso']}")
    if fact["background"]:
        parts.append("background")
    return "; ".join(parts)


def _markdown(detail: dict[str, Any]) -> str:
    """Every piece of data goes through ``markdown_text`` (or ``markdown_code``): only the layout here is
    Markdown."""
    md = markdown_text
    name = detail["title"] or detail["event_type"]
    lines = [f"# Event {md(detail['event_id'])}" + (f": {md(name)}" if name else ""), ""]
    lines.append(f"Date: {md(_date_label(detail['date']))} · story {md(detail['story_id'])}")
    if detail["conflicts"]:
        lines.append(f"Conflicts: {md(', '.join(detail['conflicts']))}")
    lines += ["", "## Sources", ""]
    lines += [
        f"- {md(s['outlet'])} — {md(s['title'] or s['article_id'])} ({md(s['published'] or 'undated')})"
        for s in detail["sources"]
    ]
    lines += ["", "## What the sources state", ""]
    for result in detail["reconciliations"]:
        lines.append(
            f"- **{md(result['attribute'])}**: {md(result['status'].replace('_', ' '))}"
            + (f" — {md(result['note'])}" if result["note"] else "")
        )
        for claim in result["claims"]:
            lines.append(
                f"  - {md(claim['value'])} ({markdown_code(claim['normalized'])}): {md(', '.join(claim['outlets']))}"
            )
    lines += ["", "## Facts", ""]
    for fact in detail["facts"]:
        lines.append(f"- {md(_fact_summary(fact))}")
        lines.append(f'  > {md(fact["outlet"])}: "{md(fact["sentence"])}"')
    return "\n".join(lines) + "\n"


def event_panel(detail: dict[str, Any]) -> Panel:
    """The event for the terminal: what the sources state (agreement coloured), then every fact."""
    claims = Table(title="What the sources state", expand=True, show_lines=True)
    for column in ("Attribute", "Status", "Values (sources)"):
        claims.add_column(column, overflow="fold")
    for result in detail["reconciliations"]:
        style = _STATUS_STYLE.get(result["status"], "white")
        values = "\n".join(f"{claim['value']} — {', '.join(claim['outlets'])}" for claim in result["claims"])
        if result["note"]:
            values += f"\n({result['note']})"
        claims.add_row(terminal(result["attribute"]), terminal(result["status"].replace("_", " "), style), terminal(values))
    facts = Table(title="Facts", expand=True, show_lines=True)
    for column in ("Fact", "Source", "Sentence"):
        facts.add_column(column, overflow="fold")
    for fact in detail["facts"]:
        facts.add_row(terminal(_fact_summary(fact)), terminal(fact["outlet"]), terminal(fact["sentence"]))
    title = f"Event {detail['event_id']} · {_date_label(detail['date'])}"
    subtitle = ", ".join(source["outlet"] for source in detail["sources"])
    return Panel(Group(claims, facts), title=Text(one_line(title)), subtitle=Text(one_line(subtitle)))
