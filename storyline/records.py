"""The typed records that stages hand each other.

Every stage reads and writes these plain dataclasses and nothing else, so a stage can be replaced, run on
another executor, or stored and reloaded without knowing how its neighbours work. Character offsets are
always half-open ``[start, end)`` into the text named in the field's docstring.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Literal

DatePrecision = Literal["day", "month", "year", "unknown"]

_ISO_LENGTH: dict[DatePrecision, int] = {"year": 4, "month": 7, "day": 10}
_PRECISION_OF_LENGTH: dict[int, DatePrecision] = {length: precision for precision, length in _ISO_LENGTH.items()}
_ISO_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", re.ASCII)  # "2026", "2026-03", "2026-03-19"


# --- ingest ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawDocument:
    """One document exactly as read from the input, before any cleaning.

    ``content`` is the decoded text (markup included for HTML); ``content_hash`` is the SHA-256 of the raw
    bytes (of the record, for a record inside a JSONL file, feed or web archive) and is the document's
    identity: the same bytes ingested twice are the same document.
    """

    content_hash: str
    origin: str  # file path; "path#N" for the N-th record of a multi-record file
    media_type: Literal["text", "markdown", "html", "pdf"]
    content: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as given by the container (record field, feed entry, WARC date)
    fetched: str | None = None  # ISO date the page was fetched, when the container says
    outlet: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class IngestError:
    """A file or record that could not be read; the build reports it and goes on."""

    origin: str
    reason: str


# --- clean ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a cleaned body, with the span of the raw content it came from."""

    text: str
    raw_start: int  # offsets into RawDocument.content
    raw_end: int


@dataclass
class Article:
    """A cleaned article: its body and metadata.

    ``body`` is the paragraphs' texts joined by blank lines; every later offset (sentences, facts) points
    into ``body``.
    """

    article_id: str  # == RawDocument.content_hash
    origin: str
    body: str
    paragraphs: list[Paragraph]
    title: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    agency: str | None = None  # wire agency credited (AFP, Reuters, ...)
    fetched: str | None = None
    # Filled by dedup: the ids of the other copies folded into this one (this one is canonical).
    copies: list[str] = field(default_factory=list)


# --- nlp ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParseNeeds:
    """Which sentences a downstream stage reads the dependency parse of: the nlp stage parses only those
    (the parse costs as much as the rest of the pipeline). The facts stage declares them."""

    words: frozenset[str] = frozenset()  # lemmas: a sentence holding one of them is parsed
    lead: int = 0  # the first sentences (headings and datelines not counted), parsed whatever they hold


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into Article.body
    end: int
    text: str


def sentence_at(sentences: list[Sentence], offset: int) -> int:
    """The index of the sentence holding a body offset (the last one starting at or before it)."""
    return max(bisect.bisect_right([s.start for s in sentences], offset) - 1, 0)


@dataclass(frozen=True)
class Mention:
    """A named-entity mention in an article, linked to the article-level entity it refers to."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, ...
    start: int  # offsets into Article.body
    end: int
    sentence: int  # index into Analysis.sentences
    entity: str  # Entity.entity_id


@dataclass
class Entity:
    """One real person, organisation or place.

    Within an article, surname-only mentions fold into the full name; across articles the resolver folds
    spelling and transliteration variants into one ``entity_id`` and keeps every variant in ``aliases``.
    """

    entity_id: str
    name: str  # canonical display name
    label: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    """What NLP found in one article."""

    article_id: str
    sentences: list[Sentence]
    mentions: list[Mention]
    entities: list[Entity]


# --- facts ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A count as stated: "more than 100" -> low=101, high=None, qualifier="more_than"."""

    text: str
    value: int | None  # the number stated, when one is (100 in "more than 100")
    low: int | None  # the range the statement allows
    high: int | None
    qualifier: str  # exact, more_than, at_least, up_to, about, dozens, hundreds, ...


@dataclass(frozen=True)
class DateValue:
    """A date as resolved: ISO string cut to its precision ("2026-03", "2026").

    The one place that knows how precision and ISO length relate and which days a date covers, so every
    stage reads a date the same way.
    """

    iso: str | None
    precision: DatePrecision
    text: str = ""  # the words it was resolved from ("on Thursday"), empty when inherited

    @classmethod
    def of_iso(cls, iso: str | None, text: str = "") -> DateValue:
        """A date from an ISO prefix, its precision read from its length ("2026-03" is a month); a missing
        or malformed one is unknown."""
        if iso is None or not _ISO_PREFIX.fullmatch(iso):
            return cls(None, "unknown", text)
        return cls(iso, _PRECISION_OF_LENGTH[len(iso)], text)

    def key(self) -> str | None:
        """The ISO string cut to the precision, the comparable form; None when the date is unknown."""
        length = _ISO_LENGTH.get(self.precision)
        if self.iso is None or length is None:
            return None
        return self.iso[:length]

    def fineness(self) -> int:
        """How precise the date is, to compare two: 0 unknown, then year < month < day."""
        key = self.key()
        return len(key) if key else 0

    def first_day(self) -> dt.date | None:
        """The first day the date covers ("2026-03" -> 2026-03-01); None when unknown or no real date."""
        days = self._days()
        return days[0] if days else None

    def last_day(self) -> dt.date | None:
        """The last day the date covers ("2026-02" -> 2026-02-28); None when unknown or no real date."""
        days = self._days()
        return days[1] if days else None

    def _days(self) -> tuple[dt.date, dt.date] | None:
        key = self.key()
        if key is None or not _ISO_PREFIX.fullmatch(key):
            return None
        year, *rest = [int(part) for part in key.split("-")]
        try:
            if len(rest) == 2:
                day = dt.date(year, *rest)
                return day, day
            if len(rest) == 1:
                month = rest[0]
                return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        except ValueError:  # no such day or month: "2026-02-30", "2026-13"
            return None


@dataclass(frozen=True)
class Place:
    """A place resolved against the gazetteer: the words that state it and the levels they resolve to.

    ``region`` is the first-level division (a US state, a province, a German Land); ``country`` is the
    country's English short name. A level the text and gazetteer cannot settle is None.
    """

    text: str  # the words as stated ("in the 300 block of North Street in Elgin", "FLINT, Mich.")
    city: str | None = None
    region: str | None = None
    country: str | None = None
    source: str = "entity"  # how it was found: dateline, street, entity, outlet
    article_wide: bool = False  # the place its article's votes elect for its news, not one sentence's phrase


@dataclass(frozen=True)
class Party:
    """Who a fact names as its actor or target: the words, and the entity they refer to when nlp resolved
    them to one (a described party, "three gunmen", has no entity)."""

    text: str  # as written ("Lukashenko", "the regional authorities")
    entity: str | None = None  # Entity.entity_id


@dataclass(frozen=True)
class Participant:
    """A named person (or group) a fact involves, in the role the fact gives them."""

    role: str  # killed, injured, suspect, freed, arrested, victim, ...
    text: str  # the name as written in the sentence
    entity: str | None = None  # Entity.entity_id, when nlp recognised the name as an entity


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: the exact sentence and its span in the body (or the headline)."""

    article_id: str
    sentence: str
    start: int  # offsets into Article.body of the sentence; into Article.title when ``in_title``
    end: int
    in_title: bool = False  # stated by the headline ("3 dead, 5 hurt in downtown shooting")


@dataclass
class Relation:
    """A relation the text states between two facts of one article ("in exchange for")."""

    kind: str  # in_exchange_for, follows, causes
    target_fact: str  # Fact.fact_id
    cue: str  # the words that state it


@dataclass
class Fact:
    """One event mention: who did what to whom, when, where, how many; always with its evidence."""

    fact_id: str
    article_id: str
    event_type: str  # a type of the facts vocabulary (storyline/facts/data/event_types.tsv)
    cameo: str  # CAMEO code of the type
    plover: str  # PLOVER event type of the type
    trigger: str
    evidence: Evidence
    actor: Party | None = None  # who did it: the agent, never a person quoted about it
    target: Party | None = None
    object: str | None = None  # what is acted on: "sanctions on potash exports"
    counts: dict[str, Quantity] = field(default_factory=dict)  # per role: killed, injured, freed, ...
    date: DateValue | None = None
    place: Place | None = None
    participants: list[Participant] = field(default_factory=list)
    attribution: str | None = None  # "a U.S. official said"
    relations: list[Relation] = field(default_factory=list)
    background: bool = False  # dated context (an election years earlier), not the news itself

    def resolve_entities(self, corpus_ids: dict[str, str]) -> None:
        """Point the fact's parties and participants at the corpus-level entities their article-level
        entities were resolved to."""
        if self.actor and self.actor.entity:
            self.actor = replace(self.actor, entity=corpus_ids.get(self.actor.entity, self.actor.entity))
        if self.target and self.target.entity:
            self.target = replace(self.target, entity=corpus_ids.get(self.target.entity, self.target.entity))
        self.participants = [
            replace(p, entity=corpus_ids.get(p.entity, p.entity)) if p.entity else p for p in self.participants
        ]


# --- events, reconcile, timeline -------------------------------------------------------------------------


@dataclass
class Event:
    """One real-world happening and every article that reports it."""

    event_id: str
    story_id: str
    article_ids: list[str]
    event_type: str | None = None
    date: DateValue | None = None
    title: str | None = None


@dataclass
class Story:
    """Events that belong together (the rounds of one negotiation)."""

    story_id: str
    event_ids: list[str]
    title: str | None = None


@dataclass
class Claim:
    """One value stated for an attribute of an event, and who states it."""

    value: str  # display value as stated ("more than 100")
    normalized: str  # comparable form ("101-" or "123")
    article_ids: list[str]
    outlets: list[str]
    evidence: list[Evidence]
    entity: str | None = None  # the entity a named value (an actor, a target) refers to


@dataclass
class Reconciliation:
    """Per event and attribute: the values stated and whether sources agree."""

    event_id: str
    attribute: str  # count, date, place, actor, target, object, ...
    status: Literal["agree", "conflict", "single", "change_over_time"]
    claims: list[Claim]
    note: str = ""


@dataclass
class EventFacts:
    """An event's settled facts, one value per attribute, as a ledger row: what the event's sources,
    reconciled, say happened. Counts are per role; a toll that changed over time gives its latest figure."""

    event_id: str
    story_id: str
    event_type: str | None
    cameo: str
    plover: str
    date: DateValue | None
    place: Place | None
    counts: dict[str, Quantity] = field(default_factory=dict)
    actors: list[Party] = field(default_factory=list)  # most stated first
    targets: list[Party] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # attributes the sources disagree on
    reviewed: list[str] = field(default_factory=list)  # attributes a person settled (storyline.review)


@dataclass
class TimelineEntry:
    event_id: str | None  # None for a background item
    story_id: str | None
    date: DateValue
    headline: str
    facts: list[str]  # short renderings of the headline facts
    sources: list[str]  # outlets (or origins) that report it
    background: bool = False
