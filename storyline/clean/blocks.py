"""Plain text and Markdown -> blocks (candidate paragraphs) that keep their span in the raw content.

Scraped pages put one visual block per line; PDF extractions hard-wrap each paragraph over several lines
and break words with hyphens. This module undoes the wrapping and the Markdown inline syntax while
remembering, for every block, which characters of the raw content it came from. It is hand-written
because Markdown renderers and PDF text tools throw the source offsets away, and the offsets are what makes
every later fact traceable to its source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")
_MD_QUOTE_OR_BULLET = re.compile(r"^\s{0,3}(?:>\s?|[-*+]\s+)")
_TERMINAL = re.compile(r"[.!?:;\"'”’)\]]$")
# A page number printed by a PDF extraction ("Page 2 of 3", "2/3"): layout, never text. The lines beside
# it on several pages are the running head or foot (the publication's name, a section), dropped with it.
_PAGE_MARKER = re.compile(r"(?:page\s+)?\d{1,4}\s*(?:of|/)\s*\d{1,4}|page\s+\d{1,4}", re.I)


@dataclass(slots=True)
class Block:
    """A candidate paragraph: its cleaned text and the raw span it came from."""

    text: str
    start: int
    end: int
    blank_before: bool  # a blank line separated it from the previous block
    indented: bool  # the raw line began with white space (a paragraph start in PDF extractions)
    bullet: bool  # a Markdown bullet or quote marker started it


def strip_markdown_inline(text: str) -> str:
    """Drop image syntax, keep link text, unwrap autolinks and emphasis markers."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub("", text)


def _without_running_heads(lines: list[Block], markers: list[int]) -> list[Block]:
    """``lines`` without those that stand beside a page number on two pages or more (``markers``: the
    index of the line that followed each page number); what follows a dropped line starts a new block."""
    beside = Counter(lines[j].text for at in markers for j in {at - 1, at} if 0 <= j < len(lines))
    heads = {text for text, count in beside.items() if count >= 2}
    kept: list[Block] = []
    dropped = False
    for line in lines:
        if line.text in heads:
            dropped = True
            continue
        line.blank_before = line.blank_before or dropped
        dropped = False
        kept.append(line)
    return kept


def _is_page_marker(text: str) -> bool:
    # Every page marker starts with a digit or "page": the test skips the regex on nearly every line.
    return (text[0].isdecimal() or text[0] in "pP") and _PAGE_MARKER.fullmatch(text) is not None


def _raw_lines(content: str, markdown: bool) -> list[Block]:
    lines: list[Block] = []
    markers: list[int] = []
    blank = True
    offset = 0
    for physical in content.split("\n"):
        line_start, offset = offset, offset + len(physical) + 1
        raw = physical.rstrip("\r")
        text = raw
        bullet = False
        if markdown:
            text = _MD_HEADING.sub("", text)
            text, n_bullet = _MD_QUOTE_OR_BULLET.subn("", text)
            bullet = bool(n_bullet)
            text = strip_markdown_inline(text)
        text = " ".join(text.split())
        if not text or _is_page_marker(text):
            if text:
                markers.append(len(lines))
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        lines.append(Block(text, line_start + lead, line_start + len(raw.rstrip()), blank, lead > 0, bullet))
        blank = False
    return _without_running_heads(lines, markers) if len(markers) >= 2 else lines


def _wrap_width(lines: list[Block]) -> int | None:
    """The column a hard-wrapped text breaks at, or None when the text is not hard-wrapped.

    In a wrapped text most lines end close to one width; in a scrape, line lengths follow the blocks.
    """
    lengths = sorted(len(line.text) for line in lines)
    if len(lengths) < 6:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    if not 40 <= width <= 140:
        return None
    near = sum(1 for n in lengths if 0.7 * width <= n <= width + 5)
    return width if near >= 0.4 * len(lengths) and lengths[-1] <= width * 1.3 else None


def _continues(prev: Block, line: Block, width: int | None) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` ends."""
    prev_text, next_text = prev.text, line.text
    if prev_text.endswith("-") and next_text[:1].islower():
        return not line.blank_before
    starts_lower = next_text[:1].islower()
    if line.blank_before:
        # A sentence cut by a stray blank line: a long line ending mid-sentence, then lower case.
        return starts_lower and (prev_text.endswith(",") or prev_text[-1:].islower()) and len(prev_text.split()) >= 8
    if width is None or line.bullet:
        return False
    if line.indented and not (starts_lower and not _TERMINAL.search(prev_text)):
        return False
    if len(prev_text) >= 0.6 * width:
        return True
    return not _TERMINAL.search(prev_text)  # a short line cut before its sentence (or headline) ended


def _join(prev: str, nxt: str) -> str:
    if prev.endswith("-") and nxt[:1].islower() and prev[-2:-1].isalpha():
        return prev[:-1] + nxt  # hyphenation at the line break: "negoti-\nations"
    return prev + " " + nxt


def split_blocks(content: str, markdown: bool = False) -> list[Block]:
    """Cut text into blocks, unwrapping hard-wrapped lines and (for Markdown) inline syntax."""
    lines = _raw_lines(content, markdown)
    width = _wrap_width(lines)
    blocks: list[Block] = []
    previous: Block | None = None
    for line in lines:
        if blocks and previous is not None and _continues(previous, line, width):
            block = blocks[-1]
            block.text = _join(block.text, line.text)
            block.end = line.end
        else:
            # A copy: the block grows as lines join it, the line stays as read.
            blocks.append(Block(line.text, line.start, line.end, line.blank_before, line.indented, line.bullet))
        previous = line
    return blocks
