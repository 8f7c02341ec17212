"""What each page and endpoint shows, assembled from the reader: the API's typed models and the
comparison grid, article segments and count chart the templates draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from urllib.parse import quote

from storyline.export.rows import COUNT_PREFIX, claim_rows, event_rows
from storyline.reconcile import ONGOING_COUNT, settled_claim
from storyline.reconcile.summary import claim_quantity
from storyline.records import Article, DateValue, Fact, Reconciliation
from storyline.timeline.builder import attribute_label
from storyline.web import schemas
from storyline.web.reader import EventView, LedgerReader, NotFound, event_date

# --- links: every id is quoted whole, so 'ev-x+' or 'person:jane' make one URL-safe path segment ---------


def event_url(event_id: str) -> str:
    return f"/events/{quote(event_id, safe='')}"


def story_url(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def entity_url(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe='')}"


def article_url(article_id: str, start: int | None = None, in_title: bool = False) -> str:
    url = f"/articles/{quote(article_id, safe='')}"
    if in_title:
        return url + "#title"
    return url if start is None else f"{url}#s-{start}"


def date_out(value: DateValue | None) -> schemas.DateOut:
    value = value or DateValue(None, "unknown")
    return schemas.DateOut(iso=value.key(), precision=value.precision if value.key() else "unknown", text=value.text)


# --- stories and event lists -------------------------------------------------------------------------------


def stories(reader: LedgerReader) -> list[schemas.StoryOut]:
    index = reader.index()
    rows = []
    for story in index.stories.values():
        keys = [k for e in story.event_ids if e in index.events and (k := event_date(index.events[e]).key())]
        rows.append(schemas.StoryOut(
            story_id=story.story_id, title=reader.story_title(story.story_id), n_events=len(story.event_ids),
            first_date=min(keys, default=None), last_date=max(keys, default=None), url=story_url(story.story_id),
        ))
    return sorted(rows, key=lambda s: (-s.n_events, s.title))


@dataclass(frozen=True)
class EventFilter:
    """The filters of the event list; every one optional. Dates are ISO prefixes already validated."""

    date_from: DateValue | None = None
    date_to: DateValue | None = None
    event_type: str | None = None
    entity: str | None = None
    outlet: str | None = None
    q: str | None = None
    story: str | None = None


def filter_events(reader: LedgerReader, wanted: EventFilter) -> list[str]:
    """Event ids in date order that pass every filter."""
    index = reader.index()
    ids = index.chronological
    if wanted.story:
        story = index.stories.get(wanted.story)
        members = set(story.event_ids) if story else set()
        ids = [e for e in ids if e in members]
    if wanted.event_type:
        kind = wanted.event_type.lower()
        ids = [e for e in ids if (t := (index.events[e].event_type or "").lower()) == kind or t.startswith(kind + ":")]
    if wanted.outlet:
        outlet = wanted.outlet.lower()
        ids = [e for e in ids if outlet in index.outlets[e]]
    if wanted.q:
        words = wanted.q.lower().split()
        ids = [e for e in ids if all(word in index.search_text[e] for word in words)]
    if wanted.entity:
        named = reader.entity_roles().get(wanted.entity, {})
        ids = [e for e in ids if e in named]
    low = wanted.date_from.first_day() if wanted.date_from else None
    high = wanted.date_to.last_day() if wanted.date_to else None
    if low or high:
        ids = [e for e in ids if _within(event_date(index.events[e]), low, high)]
    return ids


def _within(value: DateValue, low: Date | None, high: Date | None) -> bool:
    """Whether the days the date covers meet the range; an unknown date never does."""
    first, last = value.first_day(), value.last_day()
    if first is None or last is None:
        return False
    return (low is None or last >= low) and (high is None or first <= high)


def event_summaries(reader: LedgerReader, ids: list[str]) -> list[schemas.EventSummary]:
    index = reader.index()
    rows = []
    for event_id in ids:
        event = index.events[event_id]
        metas = [index.articles[a] for a in event.article_ids if a in index.articles]
        rows.append(schemas.EventSummary(
            event_id=event_id, story_id=event.story_id, event_type=event.event_type,
            title=event.title or next((m.title for m in metas if m.title), None), date=date_out(event.date),
            outlets=list(dict.fromkeys(m.source for m in metas)), n_articles=len(event.article_ids),
            url=event_url(event_id),
        ))
    return rows


# --- one event ----------------------------------------------------------------------------------------------


def event_detail(reader: LedgerReader, event_id: str) -> schemas.EventDetail:
    view = reader.event_view(event_id)
    event, settled = view.event, view.settled
    articles = reader.light_articles(event.article_ids)
    names = {e.entity_id: e.name for e in reader.index().entities.values()}
    row = next(event_rows([settled], articles, names))
    return schemas.EventDetail(
        event_id=event.event_id,
        story_id=event.story_id,
        title=event.title,
        headline=view.entry.headline,
        date=date_out(view.entry.date),
        place=None if settled.place is None else schemas.PlaceOut(
            text=settled.place.text, city=settled.place.city, region=settled.place.region,
            country=settled.place.country),
        counts={role: schemas.QuantityOut(text=q.text, value=q.value, low=q.low, high=q.high, qualifier=q.qualifier)
                for role, q in settled.counts.items()},
        row=schemas.EventRow(**row),
        attributes=[_attribute(result) for result in view.reconciliations],
        claims=claims_of(view, articles),
        sources=[source_out(reader, a) for a in event.article_ids if a in reader.index().articles],
        reviews=reviews_of(reader, event.event_id),
    )


def _attribute(result: Reconciliation) -> schemas.AttributeOut:
    values = []
    for claim in result.claims:
        bounds = claim_quantity(claim) if result.attribute.startswith(COUNT_PREFIX) else None
        values.append(schemas.ValueOut(
            value=claim.value, normalized=claim.normalized, low=bounds.low if bounds else None,
            high=bounds.high if bounds else None, entity=claim.entity, outlets=claim.outlets,
            article_ids=claim.article_ids,
        ))
    return schemas.AttributeOut(attribute=result.attribute, status=result.status, note=result.note, values=values)


def claims_of(view: EventView, articles: dict[str, Article]) -> list[schemas.ClaimOut]:
    """Every claim row of the event, with the attribution of the fact its sentence states."""
    said_by = {(f.article_id, f.evidence.start, f.evidence.in_title): f.attribution for f in view.facts}
    in_title = {(f.article_id, f.evidence.start, f.evidence.sentence): f.evidence.in_title for f in view.facts}
    rows = []
    for row in claim_rows(((view.event.event_id, r) for r in view.reconciliations), articles):
        title = in_title.get((row["article_id"], row["start"], row["sentence"]), False)
        rows.append(schemas.ClaimOut(
            **row, in_title=title, attribution=said_by.get((row["article_id"], row["start"], title)),
            sentence_url=article_url(row["article_id"], row["start"], title),
        ))
    return rows


def source_out(reader: LedgerReader, article_id: str) -> schemas.SourceOut:
    index = reader.index()
    meta = index.articles[article_id]
    return schemas.SourceOut(
        article_id=article_id, origin=meta.origin, outlet=meta.source, title=meta.title, published=meta.published,
        url=meta.url, copies=[index.articles[c].origin for c in meta.copies if c in index.articles],
        event_id=index.event_of_article.get(article_id),
    )


def reviews_of(reader: LedgerReader, event_id: str) -> list[schemas.ReviewOut]:
    """The event's reviews, read-only."""
    reviews = reader.reviews().for_event(event_id)
    return [schemas.ReviewOut(
        review_id=r.review_id, created=r.created, reviewer=r.reviewer, target=r.target, attribute=r.attribute,
        action=r.action, old_value=r.old_value, new_value=r.new_value, undone=r.undone,
    ) for r in reviews]


# --- the comparison grid -------------------------------------------------------------------------------------


@dataclass
class Cell:
    value: str
    link: str
    sentence: str
    state: str  # agree, single, majority, differs, change


@dataclass
class GridRow:
    attribute: str
    label: str
    status: str
    note: str
    cells: dict[str, list[Cell]] = field(default_factory=dict)  # outlet -> what it states


@dataclass
class Grid:
    outlets: list[str]
    rows: list[GridRow]


def comparison_grid(view: EventView, articles: dict[str, Article], outlet_of: dict[str, str]) -> Grid:
    """One row per attribute, one column per outlet; each cell holds what that outlet states, linked to
    the sentence, and marked by how it stands against the other sources."""
    outlets = list(dict.fromkeys(outlet_of[a] for a in view.event.article_ids if a in outlet_of))
    rows = []
    for result in view.reconciliations:
        settled = settled_claim(result, articles) if result.claims else None
        row = GridRow(result.attribute, _label(result.attribute), result.status, result.note)
        for claim in result.claims:
            state = _cell_state(result.status, settled is not None and claim.normalized == settled.normalized)
            seen: set[tuple] = set()
            for evidence in claim.evidence:
                outlet = outlet_of.get(evidence.article_id, evidence.article_id)
                if (outlet, claim.value, evidence.start) in seen:
                    continue
                seen.add((outlet, claim.value, evidence.start))
                row.cells.setdefault(outlet, []).append(Cell(
                    value=claim.normalized if result.attribute == "date" else claim.value,
                    link=article_url(evidence.article_id, evidence.start, evidence.in_title),
                    sentence=evidence.sentence, state=state,
                ))
        rows.append(row)
    return Grid(outlets, rows)


def _cell_state(status: str, as_settled: bool) -> str:
    """A conflicting value is marked against the settled one ('31' and 'Thirty-one' both stand with it)."""
    if status == "conflict":
        return "majority" if as_settled else "differs"
    if status == "change_over_time":
        return "change"
    return status


def _label(attribute: str) -> str:
    if attribute.startswith(COUNT_PREFIX) or attribute == ONGOING_COUNT:
        return f"count: {attribute_label(attribute)}"
    return attribute.replace(".object", ": what").replace("_", " ")


# --- the count chart -------------------------------------------------------------------------------------------


@dataclass
class ChartPoint:
    x: float
    y: float
    day: str
    value: int
    label: str
    link: str


@dataclass
class Chart:
    """An inline SVG line chart, coordinates computed here so the template only draws."""

    title: str
    width: int
    height: int
    points: list[ChartPoint]
    y_ticks: list[tuple[float, int]]
    x_ticks: list[tuple[float, str]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


_CHART_W, _CHART_H, _PAD = 560, 220, 44


def count_charts(view: EventView, articles: dict[str, Article]) -> list[Chart]:
    """For each count whose figure changes over time: the figure each report gives, by its date."""
    charts = []
    for result in view.reconciliations:
        if not result.attribute.startswith(COUNT_PREFIX) or result.status != "change_over_time":
            continue
        points: list[tuple[Date, int, str, str]] = []
        for claim in result.claims:
            quantity = claim_quantity(claim)
            figure = quantity.value if quantity.value is not None else quantity.low
            if figure is None:
                continue
            for evidence in claim.evidence:
                article = articles.get(evidence.article_id)
                day = DateValue.of_iso(article.published if article else None).first_day()
                if day is not None:
                    points.append((day, figure, claim.value, article_url(evidence.article_id, evidence.start)))
        if len(points) >= 2:
            charts.append(_chart(f"{_label(result.attribute)} over time", sorted(set(points))))
    return charts


def _chart(title: str, points: list[tuple[Date, int, str, str]]) -> Chart:
    first, last = points[0][0], points[-1][0]
    span_days = max((last - first).days, 1)
    top = max(p[1] for p in points) or 1
    inner_w, inner_h = _CHART_W - 2 * _PAD, _CHART_H - 2 * _PAD

    def x_of(day: Date) -> float:
        return _PAD + inner_w * (day - first).days / span_days

    def y_of(value: int) -> float:
        return _CHART_H - _PAD - inner_h * value / top

    drawn = [ChartPoint(x_of(d), y_of(v), d.isoformat(), v, label, link) for d, v, label, link in points]
    y_ticks = [(y_of(v), v) for v in sorted({0, top // 2, top})]
    x_ticks = [(x_of(d), d.isoformat()) for d in sorted({first, last})]
    return Chart(title, _CHART_W, _CHART_H, drawn, y_ticks, x_ticks)


# --- one article ----------------------------------------------------------------------------------------------


@dataclass
class Segment:
    text: str
    marked: bool
    anchors: list[str]  # ids of sentences that start here


def article_segments(article: Article, facts: list[Fact]) -> list[Segment]:
    """The body cut at the quoted sentences: marked pieces are stated facts; each sentence start carries
    an anchor the comparison grid links to. Spans out of the body's range (a stale offset) are skipped."""
    length = len(article.body)
    spans = sorted({(f.evidence.start, f.evidence.end) for f in facts
                    if not f.evidence.in_title and 0 <= f.evidence.start < f.evidence.end <= length})
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    cuts = sorted({0, length, *(p for span in merged for p in span), *(s for s, _ in spans)})
    starts = {s for s, _ in spans}
    segments = []
    for begin, finish in zip(cuts, cuts[1:]):
        marked = any(s <= begin < e for s, e in merged)
        segments.append(Segment(article.body[begin:finish], marked, [f"s-{begin}"] if begin in starts else []))
    return segments


def article_out(reader: LedgerReader, article: Article, facts: list[Fact]) -> schemas.ArticleOut:
    index = reader.index()
    meta = index.articles.get(article.article_id)
    spans: dict[tuple[int, int, bool], list[str]] = {}
    for fact in facts:
        spans.setdefault((fact.evidence.start, fact.evidence.end, fact.evidence.in_title), []).append(fact.fact_id)
    canonical = meta.canonical_id if meta else None
    return schemas.ArticleOut(
        article_id=article.article_id, origin=article.origin, outlet=meta.source if meta else article.article_id,
        title=article.title, published=article.published, url=article.url, author=article.author,
        agency=article.agency, body=article.body,
        copies=[schemas.CopyOut(article_id=c, origin=m.origin, outlet=m.source, url=m.url)
                for c in article.copies if (m := index.articles.get(c))],
        copy_of=canonical, event_id=index.event_of_article.get(canonical or article.article_id),
        spans=[schemas.SpanOut(start=s, end=e, in_title=t, fact_ids=ids) for (s, e, t), ids in sorted(spans.items())],
    )


# --- entities --------------------------------------------------------------------------------------------------


def entity_out(reader: LedgerReader, entity_id: str) -> schemas.EntityOut:
    entity = reader.index().entities[entity_id]
    return schemas.EntityOut(
        entity_id=entity_id, name=entity.name, label=entity.label,
        spellings=list(dict.fromkeys([entity.name, *entity.aliases])),
        n_events=len(reader.entity_roles().get(entity_id, {})), url=entity_url(entity_id),
    )


def entity_detail(reader: LedgerReader, entity_id: str) -> schemas.EntityDetail:
    index = reader.index()
    if entity_id not in index.entities:
        raise NotFound(f"no entity {entity_id!r}")
    roles = reader.entity_roles().get(entity_id, {})
    events = [
        schemas.EntityEvent(event_id=s.event_id, title=s.title, date=s.date, roles=sorted(roles[s.event_id]), url=s.url)
        for s in event_summaries(reader, [e for e in index.chronological if e in roles])
    ]
    return schemas.EntityDetail(**entity_out(reader, entity_id).model_dump(), events=events)
