"""RawDocument -> Article: body paragraphs with their raw spans, and the article's metadata."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyline.clean.blocks import Block, split_blocks
from storyline.clean.boilerplate import SiteBoilerplate
from storyline.clean.features import FEATURE_NAMES, block_features, credit_like
from storyline.clean.html import LIST_ITEM, extract_html
from storyline.clean.metadata import (
    date_from_url,
    find_agency,
    find_byline,
    find_date,
    find_source_url,
    outlet_from_url,
    parse_date,
)
from storyline.clean.model import TreeEnsemble
from storyline.clean.title import find_title, normalize_title, title_model
from storyline.records import Article, Paragraph, RawDocument
from storyline.settings import CleanSettings

_MODEL_PATH = Path(__file__).with_name("line_model.json")
_TERMINAL = re.compile(r"[.!?][\"'”’)]?$")
_DATELINE_AGENCY = re.compile(r"^[A-Z][\w .,'’-]{1,60}?\(([A-Za-z][\w .-]{1,40})\)\s*[-–—]")
_CAPTION_MAX_WORDS = 30
_HEADLINE_AT_TOP = 3  # an extraction's first paragraphs, where it may repeat the headline
_REPEAT_MIN_WORDS = 5  # shorter paragraphs (labels, table cells, "Step 1") may well recur in an article
# A closing prompt ("Spotted an error? Tell us", a share or newsletter call) left at the end of an HTML
# extraction: short, and not body-like to the line classifier. Dev set: body F1 unchanged (0.9433 -> 0.9434).
_CLOSING_MAX_WORDS = 8
_CLOSING_MAX_PROBABILITY = 0.6
_OTHER_STORY = re.compile(
    r"(?:related|related (?:articles?|stories|story|content|reading|news|posts?)|read (?:also|more|next)|also read|"
    r"see also|more on this|recommended(?: for you)?|you (?:may|might) also like)\s*:"
    r"|read (?:the )?(?:entire|full|whole|more)(?: article| story)?\W*$",
    re.I,
)
_FALLBACK_MIN_WORDS = 20  # a block of several sentences this long is prose even without a final full stop
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


@lru_cache(maxsize=4)
def line_model(path: str | None = None) -> TreeEnsemble:
    """The body/boilerplate block classifier in ``path``, or the shipped one (each loaded once)."""
    return TreeEnsemble.load(Path(path) if path else _MODEL_PATH)


def is_promo_headline(text: str) -> bool:
    """An all-capitals line of several words: another story's headline, a section banner or a button."""
    return text.isupper() and len(text) >= 10 and " " in text


def is_credit(text: str) -> bool:
    """A photo credit or source line ("Photo by ... / Agency"), not a sentence that mentions an agency."""
    return credit_like(text) and len(text.split()) <= _CAPTION_MAX_WORDS and not _TERMINAL.search(text)


def _framed_by_credit(text: str) -> bool:
    """Image alt text that a scraper printed between two copies of the credit ("X/Agency ... X/Agency")."""
    first = text.split(maxsplit=1)[0] if text else ""
    return len(first) >= 3 and len(text) > 2 * len(first) and text.endswith(first)


def _caption_blocks(blocks: list[Block], features: np.ndarray) -> set[int]:
    """Credit lines and the captions beside them: the unpunctuated block just after a credit (captions
    are often printed without a full stop) or, failing one, the short block just before it."""
    short = features[:, _COLUMN["log_words"]] <= np.log1p(_CAPTION_MAX_WORDS)
    unpunctuated = features[:, _COLUMN["terminal"]] == 0
    credit = (features[:, _COLUMN["credit_like"]] > 0) & unpunctuated
    for i in np.flatnonzero(short & unpunctuated & ~credit):
        credit[i] = _framed_by_credit(blocks[i].text)
    found: set[int] = set()
    for i in np.flatnonzero(credit & short):
        found.add(int(i))
        if i + 1 < len(features) and features[i + 1, _COLUMN["terminal"]] == 0:
            found.add(int(i) + 1)  # the caption follows its credit
        elif i > 0 and short[i - 1]:
            found.add(int(i) - 1)  # the caption precedes its credit
    return found


def _agency(byline: str | None, paragraphs: list[Paragraph]) -> str | None:
    """The wire agency a byline credits, or a dateline names ("CITY (Agency) - ...")."""
    dateline = _DATELINE_AGENCY.match(paragraphs[0].text) if paragraphs else None
    return find_agency([byline or "", dateline.group(1) if dateline else ""])


def main_run(scores: np.ndarray) -> tuple[int, int]:
    """The run of consecutive blocks with the largest total score (Kadane's maximum subarray), inclusive.

    With score = (probability - threshold) * log(words), the run is the page's main text: likely-body
    blocks far from it (comment threads, teasers of other stories) need a higher probability to stay.
    """
    best, current, start, best_run = 0.0, 0.0, 0, (0, -1)
    for i, score in enumerate(scores):
        if current <= 0:
            current, start = score, i
        else:
            current += score
        if current > best:
            best, best_run = current, (start, i)
    return best_run


def select_body(probability: np.ndarray, features: np.ndarray, threshold: float, outside: float) -> np.ndarray:
    """Which blocks are body: likely enough, and more likely still when outside the main text run."""
    run_start, run_end = main_run((probability - threshold) * features[:, _COLUMN["log_words"]])
    index = np.arange(len(probability))
    in_run = (index >= run_start) & (index <= run_end)
    body = probability >= np.where(in_run, threshold, outside)
    if not body.any():
        # The classifier learned body from pages with neighbours; a text of one or two prose blocks (a scraped
        # article with its paragraphs run together, or ending in a contact address) has none and can score low
        # everywhere. Its blocks of several sentences are the article: keeping them beats dropping it as empty.
        body = (features[:, _COLUMN["is_prose"]] > 0) | (
            (features[:, _COLUMN["sentences"]] >= 2) & (features[:, _COLUMN["log_words"]] >= np.log1p(_FALLBACK_MIN_WORDS))
        )
    return body


def is_link_to_other_story(text: str) -> bool:
    """A "Related article: ..." / "Read more" line pointing away from the article."""
    return bool(_OTHER_STORY.match(text))


def drop_closing_prompts(paragraphs: list[Paragraph], model: TreeEnsemble) -> list[Paragraph]:
    """``paragraphs`` without the short, unlikely-body ones that end them (the first one always stays); a
    list item stops the cut, as the short items of a closing list are the article's."""

    def prompt_sized(paragraph: Paragraph) -> bool:
        return not paragraph.text.startswith(LIST_ITEM) and len(paragraph.text.split()) <= _CLOSING_MAX_WORDS

    if len(paragraphs) < 2 or not prompt_sized(paragraphs[-1]):
        return paragraphs  # most extractions end in a sentence: the classifier need not run
    blocks = [Block(p.text, p.raw_start, p.raw_end, True, False, False) for p in paragraphs]
    probability = model.predict_proba(block_features(blocks, None))
    end = len(paragraphs)
    while end > 1 and prompt_sized(paragraphs[end - 1]) and probability[end - 1] < _CLOSING_MAX_PROBABILITY:
        end -= 1
    return paragraphs[:end]


def drop_headline(paragraphs: list[Paragraph], title: str | None) -> list[Paragraph]:
    """``paragraphs`` without the headline that an extraction of the page repeats at its top (the body is
    what follows the headline; dev set: body F1 0.9431 -> 0.9439)."""
    wanted = normalize_title(title).lower() if title else None
    return [
        p for i, p in enumerate(paragraphs) if not (i < _HEADLINE_AT_TOP and normalize_title(p.text).lower() == wanted)
    ]


def drop_repeats(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` without the repeats of a sentence-long one: an article does not say the same thing
    twice word for word, a page does (a mobile and a desktop copy, a call to action at top and bottom).
    Dev set: body F1 HTML 0.9439 -> 0.9453, scraped text 0.9419 -> 0.9449."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        folded = " ".join(paragraph.text.lower().split())
        if folded in seen:
            continue
        if len(folded.split()) >= _REPEAT_MIN_WORDS:
            seen.add(folded)
        kept.append(paragraph)
    return kept


class Cleaner:
    """Cleans documents one at a time, learning each site's boilerplate lines as pages arrive."""

    def __init__(self, settings: CleanSettings | None = None, state: dict | None = None):
        self.settings = settings or CleanSettings()
        self.boilerplate = SiteBoilerplate((state or {}).get("boilerplate"))
        self.model = line_model(self.settings.line_model)
        self.title_model = title_model(self.settings.title_model)

    def state(self) -> dict:
        """What was learned so far, as JSON-able data (give it back as ``Cleaner(settings, state=...)``)."""
        return {"boilerplate": self.boilerplate.state()}

    def clean(self, doc: RawDocument) -> Article:
        """The article in ``doc``; its body is empty (never an exception) when no text could be recovered."""
        if doc.media_type == "html":
            return self._clean_html(doc)
        return self._clean_text(doc)

    def _article(self, doc: RawDocument, paragraphs: list[Paragraph], **metadata) -> Article:
        return Article(
            article_id=doc.content_hash,
            origin=doc.origin,
            body="\n\n".join(p.text for p in paragraphs),
            paragraphs=paragraphs,
            fetched=doc.fetched,
            **metadata,
        )

    def _container_date(self, doc: RawDocument) -> str | None:
        return parse_date(doc.published, doc.fetched) if doc.published else None

    def _clean_html(self, doc: RawDocument) -> Article:
        settings = self.settings
        extraction = extract_html(
            doc.content,
            doc.url,
            settings.html_favor,
            settings.html_recall_check,
            max_chars=settings.html_max_chars,
            max_depth=settings.html_max_depth,
            max_elements=settings.html_max_elements,
        )
        url = doc.url or extraction.url
        paragraphs = [
            Paragraph(text, start, end)
            for text, start, end in extraction.paragraphs
            if not is_promo_headline(text) and not is_credit(text) and not is_link_to_other_story(text)
        ]
        paragraphs = drop_closing_prompts(drop_repeats(drop_headline(paragraphs, extraction.title)), self.model)
        author = doc.author or extraction.author
        return self._article(
            doc,
            paragraphs,
            title=doc.title or extraction.title,
            published=self._container_date(doc) or date_from_url(doc.url) or extraction.published,
            url=url,
            outlet=doc.outlet or outlet_from_url(url) or extraction.sitename,
            author=author,
            agency=_agency(author, paragraphs),
        )

    def _clean_text(self, doc: RawDocument) -> Article:
        blocks = split_blocks(doc.content, markdown=doc.media_type == "markdown")
        if not blocks:
            return self._article(doc, [], title=doc.title, url=doc.url, outlet=doc.outlet, author=doc.author)
        source_url, url_blocks = find_source_url(blocks)
        url = doc.url or source_url
        title, title_index = find_title(blocks, doc.title, self.title_model)
        byline, byline_index = find_byline(blocks, title_index)
        published = self._container_date(doc) or date_from_url(url) or find_date(blocks, title_index, doc.fetched)
        site = outlet_from_url(url) or doc.outlet
        features = block_features(blocks, title_index)
        probability = self.model.predict_proba(features)
        threshold = self.settings.body_threshold or self.model.threshold
        dropped = set(url_blocks) | _caption_blocks(blocks, features) | {title_index, byline_index}
        body = select_body(probability, features, threshold, self.settings.outside_threshold)
        kept = [
            i
            for i, b in enumerate(blocks)
            if body[i] and i not in dropped and not is_promo_headline(b.text) and not is_link_to_other_story(b.text)
        ]
        texts = [b.text for b in blocks]
        min_pages = self.settings.boilerplate_min_pages
        recurring = self.boilerplate.recurring(site, texts, min_pages)
        # A copy of an article seen before (a live page saved again) would teach its own sentences as boilerplate.
        copy = self.boilerplate.repeats_seen_article(site, [texts[i] for i in kept], min_pages)
        if self.settings.learn_boilerplate and not copy:
            self.boilerplate.learn(site, texts)
        # Learned boilerplate alone never empties a body: a page whose every body line the site repeats is a
        # copy not recognised as one, or a page of template lines that the line classifier still judges body.
        if all(recurring[i] for i in kept):
            recurring = [False] * len(blocks)
        paragraphs = drop_repeats(
            [Paragraph(blocks[i].text, blocks[i].start, blocks[i].end) for i in kept if not recurring[i]]
        )
        return self._article(
            doc,
            paragraphs,
            title=title,
            published=published,
            url=url,
            outlet=doc.outlet or site,
            author=doc.author or byline,
            agency=_agency(doc.author or byline, paragraphs),
        )
