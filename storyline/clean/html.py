"""HTML pages: trafilatura finds the main text; the page's own metadata, weighed source by source, gives
the headline and the date.

trafilatura returns one date and one title and hides the other statements a page makes; those disagree
often enough (a <title> carrying the site's name, a modification date in JSON-LD) that the choice is made
here from everything ``page_metadata`` collects, in an order of trust measured on the cleaning dev set.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlparse

import htmldate
import trafilatura
import trafilatura.external
from lxml.etree import XPath, strip_elements
from lxml.html import HtmlElement, tostring
from rapidfuzz import fuzz
from resiliparse.extract.html2text import extract_plain_text
from trafilatura.settings import Document
from trafilatura.utils import load_html

from storyline.clean.bounds import bound_markup, needs_bounds
from storyline.clean.justext_linear import linear_justext
from storyline.clean.page_metadata import PageMetadata, clean_text, read_page_metadata
from storyline.clean.title import TITLE_SEPARATORS, normalize_title
from storyline.settings import CleanSettings

_ANCHOR_CHARS = 40  # a paragraph's span is found by searching the markup for its opening characters
# Characters the span search may scan, as a multiple of the markup's length: a paragraph not found verbatim
# (entities, inline tags) costs a scan to the end, which thousands of them would repeat. Past it, the
# remaining paragraphs get the whole document as their span.
_SPAN_SEARCH_BUDGET = 32
# libxml2 stops reading a document at this depth and keeps nothing below it: a tree that reaches it was cut.
_PARSER_DEPTH_LIMIT = 256
_AT_PARSER_DEPTH_LIMIT = XPath("boolean(" + "/*" * _PARSER_DEPTH_LIMIT + ")")
_LIMITS = CleanSettings()
# The recall pass runs only when the default extraction kept less than this share of the page's words: it
# finds the rest of a split body, which a page whose words were mostly kept has no room for. Dev set: the
# pass runs on 41% of pages, body F1 0.9433 -> 0.9431, some 15 ms less per page.
_RECALL_BELOW_SHARE = 0.7
_HIDDEN_TAGS = ("script", "style", "noscript", "template")
_NON_WORD = re.compile(r"\W+")
_WORD = re.compile(r"\w+")
# The edge check: trailing paragraphs, and short leading ones, that readability's extraction of the page
# lacks are cut, when that extraction holds at least _CONFIRMED_SHARE of the body's words (it found the same
# article). A paragraph is in it when _PAIR_SHARE of its word pairs are; list items (which readability often
# drops) always are. Dev set: body F1 0.9454 -> 0.9466 (111 pages gain, 33 lose; each of 5 folds grouped by
# site gains); choosing the two shares by site-grouped cross-validation estimates 0.9464 for the tail cut.
_CONFIRMED_SHARE = 0.7
_PAIR_SHARE = 0.5
LIST_ITEM = "- "  # how trafilatura writes a list item
_HEAD_MAX_WORDS = 20  # leading paragraphs are cut only when short (labels, not a missed introduction)
# A short extraction (trafilatura settled on a teaser box or the header) gives way to resiliparse's main-content
# text when that is at least twice as long, the factor trafilatura itself applies before later stages
# override it. resiliparse, an extractor built on other heuristics than trafilatura's and readability's (which
# trafilatura already consulted), finds the body where both missed it. Dev set: body F1 0.9478 -> 0.9510, 6 pages
# of 6 sites gain, none lose (readability's text in its place: 2 pages gain); limit and factor chosen by 5-fold
# site-grouped cross-validation from 100-400 words and 1.5-3 times: 0.9506. Under 4% of pages pay its ~3 ms.
_SHORT_EXTRACTION_WORDS = 300
_LONGER_FALLBACK = 2
# First trusted source that states a date wins. Share of dev-set pages where each source, when present,
# equals the gold date: URL path 1.00, <meta> published 0.94, JSON-LD datePublished 0.89, htmldate 0.86, the
# date shown by the headline 0.85, <time datetime> 0.79. The shown date ranks above JSON-LD because readers
# (and the gold) take the date a page shows, often its "updated" date, which JSON-LD states apart; it yields
# to htmldate when a <time> element confirms htmldate's date against it. A <meta> publication date written
# as people write it ("July 17, 2025", "01/07/16") comes last: such tags are often stale template values.
# Together 0.910 (trafilatura 0.847).
_DATE_TRUST = (
    "url", "meta_published", "visible", "jsonld_published", "itemprop_published", "htmldate", "time", "meta_written"
)  # fmt: skip
# Headline sources other than <h1>, by how often (after the site's name is cut off) they equal the gold
# headline; used to weigh their votes when the page has no usable <h1>.
_TITLE_WEIGHTS = {"jsonld_headline": 0.9, "og_title": 0.8, "twitter_title": 0.7, "title": 0.6}
_H1_SUPPORT = 60  # token-set likeness (0-100) to another source that marks an <h1> as the headline
_H1_UNSUPPORTED = 50  # an <h1> of a few words below this likeness to every other source is a section label
_H1_LABEL_WORDS = 3
_MAX_H1 = 3


@dataclass
class HtmlExtraction:
    paragraphs: list[tuple[str, int, int]] = field(default_factory=list)  # text, raw_start, raw_end
    title: str | None = None
    published: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


def _spans(content: str, paragraphs: list[str]) -> list[tuple[str, int, int]]:
    """Each paragraph's span: from where its opening characters occur in the markup (searched in order)
    to where its closing characters do; the whole document when the text is not found verbatim (entities,
    inline tags) or the search budget is spent."""
    spans, cursor = [], 0
    budget = _SPAN_SEARCH_BUDGET * max(len(content), 1)
    for text in paragraphs:
        head, tail = text[:_ANCHOR_CHARS], text[-_ANCHOR_CHARS:]
        start = content.find(head, cursor, cursor + budget) if budget > 0 else -1
        if start < 0:
            budget -= len(content) - cursor
            spans.append((text, 0, len(content)))
            continue
        end = content.find(tail, start, start + budget)
        budget -= (start - cursor) + (len(content) - start if end < 0 else end - start)
        end = end + len(tail) if end >= 0 else start + len(head)
        spans.append((text, start, end))
        cursor = start + 1
    return spans


def choose_date(metadata: PageMetadata) -> str | None:
    """The publication date: the first source in ``_DATE_TRUST`` order that states one."""
    first = {source: values[0] for source, values in metadata.dates.items() if values}
    confirmed = first.get("htmldate") if first.get("htmldate") == first.get("time") else None
    for source in _DATE_TRUST:
        if source == "visible" and confirmed and first.get("visible") not in (None, confirmed):
            return confirmed
        if source in first:
            return first[source]
    return None


def _site_like(segment: str, site_name: str | None, host: str) -> bool:
    """A title segment that names the site (its og:site_name or its domain) rather than the article."""
    letters = _NON_WORD.sub("", segment.lower())
    if not letters:
        return True
    if site_name and fuzz.ratio(segment.lower(), site_name.lower()) >= 80:
        return True
    domain_label = host.split(".")[0] if host else ""
    return bool(domain_label) and (letters in host.replace(".", "") or domain_label in letters and len(letters) < 2 * len(domain_label) + 5)


def strip_site_name(text: str, site_name: str | None, host: str) -> str:
    """``text`` without the site's name at either end ("Headline | Site", "Site - Headline")."""
    parts = TITLE_SEPARATORS.split(text)
    while len(parts) > 1 and _site_like(parts[-1], site_name, host):
        parts.pop()
    while len(parts) > 1 and _site_like(parts[0], site_name, host):
        parts.pop(0)
    return text[text.find(parts[0]) : text.rfind(parts[-1]) + len(parts[-1])]


def _fold(text: str) -> str:
    return normalize_title(text).lower()


def _site_names(metadata: PageMetadata) -> list[str]:
    """What the page calls its site: og:site_name (unless it is a whole title, as some pages misuse it) and
    the last segment of a segmented <title> or og:title when an <h1> repeats it (a banner heading) and it is
    not the title's longest segment (the headline's)."""
    names = [metadata.site_name] if metadata.site_name and not TITLE_SEPARATORS.search(metadata.site_name) else []
    h1s = {text.lower() for text in metadata.titles.get("h1", [])}
    for source in ("title", "og_title"):
        for text in metadata.titles.get(source, [])[:1]:
            parts = TITLE_SEPARATORS.split(html.unescape(text))
            if len(parts) > 1 and parts[-1].lower() in h1s and len(parts[-1]) < max(map(len, parts)):
                names.append(parts[-1])
    return names


def _without_last_segment(text: str) -> str:
    """A "Headline | Site" title without its last segment, by convention the site's name (the text is kept
    when the headline left would be a single word)."""
    separators = list(TITLE_SEPARATORS.finditer(text))
    head = text[: separators[-1].start()] if separators else text
    return head if len(head.split()) >= 2 else text


def choose_title(metadata: PageMetadata) -> str | None:
    """The headline: the <h1> that other sources confirm (readers' headline, measured 0.77 alone), unless it
    is the site's name or a short section label none of them resembles; else the other sources' vote, each
    with the site's name cut off."""
    host = (urlparse(metadata.url).hostname or "").removeprefix("www.") if metadata.url else ""
    site_names = _site_names(metadata) or [None]

    def site_like(text: str) -> bool:
        return any(_site_like(text, name, host) for name in site_names)

    def without_site(text: str) -> str:
        for name in site_names:
            text = strip_site_name(text, name, host)
        return text

    others = [
        (source, without_site(html.unescape(values[0])))
        for source in _TITLE_WEIGHTS
        if (values := metadata.titles.get(source))
    ]
    others = [(source, text) for source, text in others if text.strip()]
    h1s = [html.unescape(text) for text in metadata.titles.get("h1", []) if not site_like(text)][:_MAX_H1]
    chosen = None
    if h1s:
        support = [max((fuzz.token_set_ratio(_fold(h), _fold(t)) for _, t in others), default=0) for h in h1s]
        best = max(range(len(h1s)), key=lambda i: (support[i] >= _H1_SUPPORT, -i))
        label_like = len(h1s[best].split()) <= _H1_LABEL_WORDS and support[best] < _H1_UNSUPPORTED
        chosen = None if others and label_like else h1s[best]
    if chosen is None and others:
        votes: dict[str, float] = defaultdict(float)
        first: dict[str, str] = {}
        for source, text in others:
            votes[_fold(text)] += _TITLE_WEIGHTS[source]
            first.setdefault(_fold(text), text)
        chosen = first[max(votes, key=votes.__getitem__)]
        chosen = _without_last_segment(chosen)  # a site name stripping did not recognise
    return normalize_title(clean_text(chosen)) if chosen else None


@contextmanager
def _readability_output() -> Iterator[list]:
    """What readability extracts when trafilatura's default mode consults it (as its second opinion, then
    discarded): kept here rather than computed again, which would cost a fifth of a page's time. The hook
    replaces ``trafilatura.external.try_readability`` only for the duration of the block."""
    seen: list = []
    original = trafilatura.external.try_readability

    def recording(tree):
        seen.append(result := original(tree))
        return result

    trafilatura.external.try_readability = recording
    try:
        yield seen
    finally:
        trafilatura.external.try_readability = original


def _trafilatura(tree, url: str | None, **mode) -> Document | None:
    """trafilatura's main text only: its metadata pass (a third of its time) would repeat ours."""
    try:
        return trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False, **mode)
    except Exception:  # trafilatura raises on some broken markup; that extraction then counts as empty
        return None


def _word_pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


def cut_unconfirmed_edges(paragraphs: list[str], reference: str) -> list[str]:
    """``paragraphs`` without the trailing ones, and the short leading ones, that ``reference`` (another
    extractor's text of the page) lacks, when it confirms most of them: what one extractor keeps around
    the article and the other does not (teasers of other stories, donation and republishing boxes, author
    bios; breadcrumbs and labels above) is seldom the article."""
    if not reference:
        return paragraphs
    pairs = _word_pairs(_WORD.findall(reference.lower()))
    own_words = [_WORD.findall(text.lower()) for text in paragraphs]
    confirmed = [
        text.startswith(LIST_ITEM) or len(own & pairs) >= _PAIR_SHARE * len(own) > 0
        for text, own in zip(paragraphs, map(_word_pairs, own_words))
    ]
    words = list(map(len, own_words))
    if sum(w for w, ok in zip(words, confirmed) if ok) < _CONFIRMED_SHARE * sum(words):
        return paragraphs
    end = len(paragraphs)
    while end > 0 and not confirmed[end - 1]:
        end -= 1
    start = 0
    while start < end and not confirmed[start] and words[start] <= _HEAD_MAX_WORDS:
        start += 1
    return paragraphs[start:end]


def resiliparse_paragraphs(content: str) -> list[str]:
    """resiliparse's main-content text of the page (comment sections left out), one paragraph per block."""
    try:
        text = extract_plain_text(content, main_content=True, preserve_formatting=True, comments=False)
    except Exception:  # resiliparse raises on markup it cannot parse; there is then no fallback text
        return []
    return [p for p in map(clean_text, text.split("\n")) if p]


def _page_words(tree) -> int:
    """Words of the page's shown text; ``tree`` loses its scripts and styles (as trafilatura drops them)."""
    strip_elements(tree, *_HIDDEN_TAGS, with_tail=False)
    body = tree.find("body")
    return len((body if body is not None else tree).text_content().split())


def _word_count(document: Document | None) -> int:
    return len((document.text or "").split()) if document else 0


def _parse_bounded(content: str, max_chars: int, max_depth: int, max_elements: int) -> tuple[HtmlElement | None, bool]:
    """The page's tree, parsed from markup bounded in size, element count and depth (``bounds``), and
    whether the markup had to be changed for that; no tree when even the bounded markup cannot be read."""
    markup = content[:max_chars]
    changed = len(markup) < len(content)
    suspect = needs_bounds(markup, max_elements)
    tree = None if suspect else load_html(markup)
    if suspect or (tree is not None and _AT_PARSER_DEPTH_LIMIT(tree)):  # too big, or the parser stopped reading
        markup, changed = bound_markup(markup, max_depth, max_elements), True
        tree = load_html(markup)
    if tree is None or _AT_PARSER_DEPTH_LIMIT(tree):
        return None, changed
    return tree, changed


def extract_html(
    content: str,
    url: str | None,
    favor: str = "balanced",
    recall_check: bool = True,
    *,
    max_chars: int = _LIMITS.html_max_chars,
    max_depth: int = _LIMITS.html_max_depth,
    max_elements: int = _LIMITS.html_max_elements,
) -> HtmlExtraction:
    """Main text as paragraphs with spans, plus title, date, author and site name.

    With ``recall_check``, trafilatura's fast recall mode runs too when the default mode kept little of
    the page, and its text is kept when longer: the default mode sometimes settles on one block of a split
    article body (dev set: body F1 0.935 -> 0.943). The paragraphs at the edges that readability (which
    trafilatura consults) does not confirm are then cut (``cut_unconfirmed_edges``); a short extraction
    gives way to resiliparse's when that is much longer. A hostile page is read only up to ``max_chars``
    characters and ``max_elements`` elements, flattened below ``max_depth``; empty when even that fails.
    """
    tree, bounded = _parse_bounded(content, max_chars, max_depth, max_elements)
    if tree is None:
        return HtmlExtraction(url=url)
    metadata = read_page_metadata(tree)
    try:
        metadata.add_date("htmldate", htmldate.find_date(tree, extensive_search=False, original_date=True))
    except Exception:  # htmldate raises on odd markup; the page's other date sources remain
        pass
    # The byline as the page's metadata states it, else as the page shows it by the headline.
    author = metadata.authors[0] if metadata.authors else metadata.byline
    # trafilatura works on its own copy of the tree it is given: the recall pass can have the same tree.
    with _readability_output() as readability, linear_justext():
        document = _trafilatura(tree, url, favor_precision=favor == "precision", favor_recall=favor == "recall")
    text = document.text if document else None
    if recall_check and _word_count(document) < _RECALL_BELOW_SHARE * _page_words(tree):
        wide = _trafilatura(tree, url, fast=True, favor_recall=True)
        if _word_count(wide) > _word_count(document):
            text = wide.text
    paragraphs = [p for p in map(clean_text, (text or "").split("\n")) if p]
    words = len((text or "").split())
    fallback = []
    if words < _SHORT_EXTRACTION_WORDS:
        # resiliparse's parser is quadratic in depth: a bounded page reaches it as the tree read within bounds.
        fallback = resiliparse_paragraphs(tostring(tree, encoding="unicode") if bounded else content)
    if len(" ".join(fallback).split()) >= _LONGER_FALLBACK * max(words, 1):
        paragraphs = fallback
    else:
        paragraphs = cut_unconfirmed_edges(paragraphs, readability[0].text_content() if readability else "")
    return HtmlExtraction(
        paragraphs=_spans(content, paragraphs),
        title=choose_title(metadata),
        published=choose_date(metadata),
        author=author or None,
        sitename=metadata.site_name,
        url=url or metadata.url,
    )
