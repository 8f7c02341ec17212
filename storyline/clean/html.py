"""HTML pages: trafilatura finds the main text and the metadata; the headline comes from the page's H1.

trafilatura's title is the <title> element, which usually carries the site's name or an SEO variant of
the headline; the H1 is the headline readers see, so it is preferred when the page has one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import trafilatura

_WHITESPACE = re.compile(r"\s+")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_ANCHOR_CHARS = 40  # a paragraph's span is found by searching the markup for its opening characters


@dataclass
class HtmlExtraction:
    paragraphs: list[tuple[str, int, int]] = field(default_factory=list)  # text, raw_start, raw_end
    title: str | None = None
    published: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


def _clean_text(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _first_h1(content: str) -> str | None:
    match = _H1.search(content)
    if not match:
        return None
    text = _clean_text(html.unescape(_TAG.sub(" ", match.group(1))))
    return text if 2 <= len(text) <= 300 else None


def _spans(content: str, paragraphs: list[str]) -> list[tuple[str, int, int]]:
    """Each paragraph's span: from where its opening characters occur in the markup (searched in order)
    to where its closing characters do; the whole document when the text is not found verbatim (entities,
    inline tags)."""
    spans, cursor = [], 0
    for text in paragraphs:
        head, tail = text[:_ANCHOR_CHARS], text[-_ANCHOR_CHARS:]
        start = content.find(head, cursor)
        if start < 0:
            spans.append((text, 0, len(content)))
            continue
        end = content.find(tail, start)
        end = end + len(tail) if end >= 0 else start + len(head)
        spans.append((text, start, end))
        cursor = start + 1
    return spans


def extract_html(content: str, url: str | None, favor: str = "balanced") -> HtmlExtraction:
    """Main text as paragraphs with spans, plus title, date, author and site name."""
    try:
        document = trafilatura.bare_extraction(
            content,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=favor == "precision",
            favor_recall=favor == "recall",
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception:  # trafilatura raises on some broken markup; the article is then reported empty
        document = None
    if document is None:
        return HtmlExtraction(title=_first_h1(content), url=url)
    paragraphs = [_clean_text(p) for p in (document.text or "").split("\n")]
    title = _first_h1(content) or (_clean_text(document.title) if document.title else None)
    return HtmlExtraction(
        paragraphs=_spans(content, [p for p in paragraphs if p]),
        title=title,
        published=(document.date or None) and document.date[:10],
        author=document.author or None,
        sitename=document.sitename or None,
        url=url or document.url or None,
    )
