"""What an HTML page says about itself: its dates and headline candidates, each tagged with its source.

Pages state their metadata in several places that disagree (JSON-LD, Open Graph and other <meta> tags,
microdata, <time> elements, the URL path, the text shown around the headline). This module only collects
those statements from the parsed tree; ``html.choose_date`` and ``html.choose_title`` decide among them.
The collection is hand-written because the libraries that read these tags (htmldate, trafilatura) return
one winner and hide the rest, and the disagreement between sources is the evidence the choice needs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml.etree import iterwalk
from lxml.html import HtmlElement

from storyline.clean.blocks import Block
from storyline.clean.metadata import date_from_url, find_byline, find_date, written_date

_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_WHITESPACE = re.compile(r"\s+")
# <meta> names and properties that state a publication / a modification date, lower-cased.
PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "citation_publication_date", "article.published",
    "published_time", "release_date", "published",
})  # fmt: skip
MODIFIED_META = frozenset({
    "article:modified_time", "og:updated_time", "og:modified_time", "datemodified", "dc.date.modified",
    "dcterms.modified", "last-modified", "lastmod", "updated", "article.updated", "modified_time",
})  # fmt: skip
_PUBLISHED_KEYS = ("datePublished", "dateCreated", "uploadDate")
_MODIFIED_KEYS = ("dateModified",)
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.IGNORECASE)  # NewsArticle, BlogPosting, ...
_HIDDEN_TEXT = frozenset({"script", "style", "noscript", "template"})
_MAX_VISIBLE_LINES = 400  # the headline and its date sit near the top; later lines are body and footer
# A page whose menus fill those lines is read on to this many lines past its first <h1> (dev set: one page),
# up to a bound that keeps the walk cheap.
_LINES_AFTER_HEADLINE, _MAX_LINES_BEFORE_HEADLINE = 60, 2000


def iso_date(text: str | None) -> str | None:
    """The calendar date at the start of a machine-readable date string (ISO 8601 and its variants)."""
    match = _ISO_DATE.search(text or "")
    if not match or match.start() > 12:
        return None
    month, day = int(match.group(2)), int(match.group(3))
    return match.group() if 1 <= month <= 12 and 1 <= day <= 31 else None


def clean_text(text: str | None) -> str:
    return _WHITESPACE.sub(" ", text or "").strip()


@dataclass
class PageMetadata:
    """Every date and headline candidate a page states, by source, in page order."""

    dates: dict[str, list[str]] = field(default_factory=dict)  # source -> ISO dates
    titles: dict[str, list[str]] = field(default_factory=dict)  # source -> headline texts
    site_name: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)  # from JSON-LD, <meta name="author">, rel="author"
    byline: str | None = None  # the "By ..." line shown by the headline

    def add_author(self, value) -> None:
        """A name, a JSON-LD Person, or a list of them (profile URLs are not names; an Organization credited
        as author is the publisher, not a byline)."""
        if isinstance(value, list):
            for item in value:
                self.add_author(item)
            return
        if isinstance(value, dict) and value.get("@type") == "Organization":
            return
        name = value.get("name") if isinstance(value, dict) else value
        name = clean_text(name) if isinstance(name, str) else ""
        if 2 <= len(name) <= 100 and not name.startswith("http") and name not in self.authors:
            self.authors.append(name)

    def add_date(self, source: str, value: str | None) -> None:
        date = iso_date(value)
        if date:
            self.dates.setdefault(source, []).append(date)

    def add_title(self, source: str, value: str | None) -> None:
        text = clean_text(value)
        if 2 <= len(text) <= 300:
            self.titles.setdefault(source, []).append(text)


def _json_ld_objects(tree: HtmlElement) -> list[dict]:
    """Every JSON object in the page's JSON-LD scripts, nested ones and @graph members included."""
    found: list[dict] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            found.append(node)
            for value in node.values():
                if isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            walk(json.loads(script.text or ""))
        except ValueError:  # broken JSON-LD is common; the page's other sources remain
            continue
    return found


def _read_json_ld(tree: HtmlElement, metadata: PageMetadata) -> None:
    for obj in _json_ld_objects(tree):
        kind = obj.get("@type")
        kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
        for key in _PUBLISHED_KEYS:
            if isinstance(obj.get(key), str):
                metadata.add_date("jsonld_published", obj[key])
        for key in _MODIFIED_KEYS:
            if isinstance(obj.get(key), str):
                metadata.add_date("jsonld_modified", obj[key])
        if _ARTICLE_TYPES.search(kind):
            if isinstance(obj.get("headline"), str):
                metadata.add_title("jsonld_headline", obj["headline"])
            metadata.add_author(obj.get("author"))


def _read_meta(tree: HtmlElement, metadata: PageMetadata) -> None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if not key or not content:
            continue
        # A microdata <meta itemprop="datePublished"> is schema data like JSON-LD's, read by _read_elements and
        # trusted as that is: below the date the page shows (dev set: it disagreed with the shown date on 4
        # pages, and the shown date was the gold one on all 4).
        microdata = not (meta.get("property") or meta.get("name"))
        if key in PUBLISHED_META and not microdata:
            metadata.add_date("meta_published", content)
            if not iso_date(content) and len(content) < 60:  # "July 17, 2025": trusted least (formats vary)
                metadata.add_date("meta_written", written_date(content))
        elif key in MODIFIED_META and not microdata:
            metadata.add_date("meta_modified", content)
        elif key in ("og:title", "twitter:title"):
            metadata.add_title(key.replace(":", "_"), content)
        elif key in ("author", "article:author"):
            metadata.add_author(content)
        elif key == "og:site_name" and not metadata.site_name:
            metadata.site_name = clean_text(content) or None
        elif key == "og:url" and not metadata.url:
            metadata.url = content.strip() or None


def _read_elements(tree: HtmlElement, metadata: PageMetadata) -> None:
    for element in tree.iterfind(".//*[@itemprop='datePublished']"):
        metadata.add_date("itemprop_published", element.get("content") or element.get("datetime") or element.text)
    for element in tree.iterfind(".//a[@rel='author']"):
        metadata.add_author(element.text_content())
    for element in tree.iter("time"):
        metadata.add_date("time", element.get("datetime"))
    for element in tree.iter("h1"):
        metadata.add_title("h1", element.text_content())
    title = tree.find(".//title")
    if title is not None:
        metadata.add_title("title", title.text_content())
    canonical = tree.find(".//link[@rel='canonical']")
    if canonical is not None and canonical.get("href", "").startswith("http"):
        metadata.url = canonical.get("href")


def visible_lines(tree: HtmlElement) -> list[Block]:
    """The page's first text nodes as blocks, roughly the lines a reader (or a scraper) sees.

    A walk that stops after ``_MAX_VISIBLE_LINES``, or a little after the first <h1> when menus come before
    it (an XPath over every text node costs twice as much).
    """
    body = tree.find("body")
    blocks: list[Block] = []
    hidden = 0  # depth inside elements whose text is not shown
    limit = _MAX_VISIBLE_LINES if tree.find(".//h1") is None else _MAX_LINES_BEFORE_HEADLINE
    for event, element in iterwalk(tree if body is None else body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None  # comments have no tag name
        if event == "start":
            hidden += tag in _HIDDEN_TEXT
            text = element.text if tag and not hidden else None
        else:
            hidden -= tag in _HIDDEN_TEXT
            text = element.tail if not hidden and element is not body else None
            if tag == "h1" and limit == _MAX_LINES_BEFORE_HEADLINE:
                limit = max(_MAX_VISIBLE_LINES, len(blocks) + _LINES_AFTER_HEADLINE)
        if text and not text.isspace():
            blocks.append(Block(clean_text(text), 0, 0, False, False, False))
            if len(blocks) >= limit:
                break
    return blocks


def _read_visible(tree: HtmlElement, metadata: PageMetadata, headline: str | None) -> None:
    """The date shown closest to the headline in the page's text (what readers take as the date), and the
    byline shown beside it (as good as trafilatura's author search on the dev set, at a tenth of its cost)."""
    lines = visible_lines(tree)
    anchor = None
    if headline:
        folded = headline.lower()
        anchor = next((i for i, line in enumerate(lines) if line.text.lower() == folded), None)
    metadata.add_date("visible", find_date(lines, anchor, None))
    metadata.byline = find_byline(lines, anchor)[0]


def read_page_metadata(tree: HtmlElement) -> PageMetadata:
    """Collect every date and headline candidate of a parsed page."""
    metadata = PageMetadata()
    _read_meta(tree, metadata)
    _read_json_ld(tree, metadata)
    _read_elements(tree, metadata)
    metadata.add_date("url", date_from_url(metadata.url))
    _read_visible(tree, metadata, (metadata.titles.get("h1") or [None])[0])
    return metadata
