"""One event in full: its sources, every fact with who states it and in which sentence, and per attribute
whether the sources agree — as a dict (for JSON and the API), Markdown, or a Rich renderable. The two
readable forms are compact: per attribute its values, status and sources, then each sentence once with the
facts it states. Article text reaches the Markdown and the terminal only through ``storyline.sanitize``."""

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
    """One fact on one line, without its sentence (shown once above the facts it states)."""
    parts = [fact["event_type"] or "event"]
    for label in ("actor", "target"):
        if fact[label]:
            parts.append(f"{label}: {fact[label]['text']}")
    if fact["object"]:
        parts.append(f"object: {fact['object']}")
    if fact["place"]:
        levels = [fact["place"][level] for level in ("city", "region", "country") if fact["place"][level]]
        parts.append(f"place: {', '.join(levels) or fact['place']['text']}")
    for role, count in fact["counts"].items():
        parts.append(f"{role}: {count['text']}")
    for participant in fact["participants"]:
        parts.append(f"{participant['role']}: {participant['text']}")
    if fact["date"] and fact["date"]["iso"]:
        parts.append(f"date: {fact['date']['iso']}")
    if fact["attribution"]:
        parts.append(f"attribution: {fact['attribution']}")
    if fact["background"]:
        parts.append("background")
    return "; ".join(parts)


def sentences(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's sentences, each once, with the facts it states (in article order, then by position):
    several facts read from one sentence no longer repeat it."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for fact in detail["facts"]:
        key = (fact["article_id"], fact["start"], fact["sentence"])
        entry = grouped.setdefault(key, {"outlet": fact["outlet"], "article_id": fact["article_id"],
                                         "sentence": fact["sentence"], "facts": []})
        summary = _fact_summary(fact)
        if summary not in entry["facts"]:
            entry["facts"].append(summary)
    return list(grouped.values())


def attribute_values(result: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """An attribute's values as shown, each with the outlets stating it; one wording stated under two
    normalised forms (an entity and its words) is one value."""
    values: dict[str, list[str]] = {}
    for claim in result["claims"]:
        outlets = values.setdefault(claim["value"], [])
        outlets += [outlet for outlet in claim["outlets"] if outlet not in outlets]
    return list(values.items())


def _reviewed_lines(detail: dict[str, Any]) -> list[str]:
    lines = []
    for attribute, review in (detail.get("reviewed") or {}).items():
        was = f"; was {review['was']}" if review["was"] not in (None, review["value"]) else ""
        lines.append(f"{attribute} = {review['value']} ({review['action']} by {review['reviewer']}{was})")
    return lines


def _markdown(detail: dict[str, Any]) -> str:
    """Per attribute its values, status and sources; then each sentence once with the facts it states.
    Every piece of data goes through ``markdown_text``: only the layout here is Markdown."""
    md = markdown_text
    name = detail["title"] or detail["event_type"]
    lines = [f"# Event {md(detail['event_id'])}" + (f": {md(name)}" if name else ""), ""]
    lines.append(f"Date: {md(_date_label(detail['date']))} · story {md(detail['story_id'])}"
                 + (f" · type {md(detail['event_type'])}" if detail["event_type"] else ""))
    if detail["conflicts"]:
        lines.append(f"Conflicts: {md(', '.join(detail['conflicts']))}")
    for line in _reviewed_lines(detail):
        lines.append(f"Reviewed: {md(line)}")
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
        lines += [f"  - {md(value)}: {md(', '.join(outlets))}" for value, outlets in attribute_values(result)]
    lines += ["", "## Sentences and the facts they state", ""]
    for entry in sentences(detail):
        lines.append(f'- {md(entry["outlet"])}: "{md(entry["sentence"])}"')
        lines += [f"  - {md(summary)}" for summary in entry["facts"]]
    return "\n".join(lines) + "\n"


def event_panel(detail: dict[str, Any]) -> Panel:
    """The event for the terminal: per attribute its values, status and sources (agreement coloured), then
    each sentence once with the facts it states."""
    claims = Table(title="What the sources state", expand=True, show_lines=True)
    for column in ("Attribute", "Status", "Values (sources)"):
        claims.add_column(column, overflow="fold")
    reviewed = detail.get("reviewed") or {}
    for result in detail["reconciliations"]:
        style = _STATUS_STYLE.get(result["status"], "white")
        values = "\n".join(f"{value} — {', '.join(outlets)}" for value, outlets in attribute_values(result))
        if result["note"]:
            values += f"\n({result['note']})"
        status = terminal(result["status"].replace("_", " "), style)
        if result["attribute"] in reviewed:
            status.append(f"\nreviewed: {reviewed[result['attribute']]['value']}", style="bold")
        claims.add_row(terminal(result["attribute"]), status, terminal(values))
    said = Table(title="Sentences and the facts they state", expand=True, show_lines=True)
    said.add_column("Source", overflow="fold", ratio=1)
    said.add_column("Sentence", overflow="fold", ratio=3)
    said.add_column("Facts", overflow="fold", ratio=3)
    for entry in sentences(detail):
        said.add_row(terminal(entry["outlet"]), terminal(entry["sentence"]), terminal("\n".join(entry["facts"])))
    header = [f"type {detail['event_type']}"] if detail["event_type"] else []
    header += [f"conflicts: {', '.join(detail['conflicts'])}"] if detail["conflicts"] else []
    header += [f"reviewed: {line}" for line in _reviewed_lines(detail)]
    parts = [terminal(one_line(line)) for line in header] + [claims, said]
    title = f"Event {detail['event_id']} · {_date_label(detail['date'])}"
    subtitle = ", ".join(source["outlet"] for source in detail["sources"])
    return Panel(Group(*parts), title=Text(one_line(title)), subtitle=Text(one_line(subtitle)))
