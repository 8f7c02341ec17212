"""Hostile HTML made bounded before any parser sees it: too deep a nesting flattened, too many elements cut.

Why by hand: every parser at hand fails on such pages in its own way. libxml2 (lxml, trafilatura) stops
reading at depth 256 and keeps nothing below it; lexbor (resiliparse) and any parser that follows the HTML5
tree-building rules scan their stack of open elements for each end tag, which is quadratic in depth (100,000
nested <div> took minutes); and all of them build a node per element, so a page of a million elements costs
gigabytes. None offers a depth or element limit that keeps the text. So the markup is tokenised here with one
regular expression, only for a page that may hold too many elements (``needs_bounds``) or that libxml2
stopped reading: tags nested deeper than a limit are dropped (their text stays, in the enclosing element),
and the markup is cut before the start tag that would exceed the element limit; past the cut only the runs of
prose are kept (``_rescued_paragraphs``), so an article after a flood of near-empty elements survives. The
tag tracking is
deliberately rough (a few implied end tags, no foster parenting): it must only keep depth and size bounded,
and it errs towards flattening.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A comment, a raw-text element with its content (their "<" are not tags), or one tag.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|title|xmp|iframe|noembed|noframes)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>",
    re.S | re.I,
)
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)  # fmt: skip
# Start tags that close the open elements of their family on top of the stack (<li>a<li>b): without this an
# ordinary long list would look deeper and deeper.
_SIBLINGS = {"li": {"li"}, "p": {"p"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
             "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}}  # fmt: skip
# Tags of any kind (dropped ones and end tags included) read per element allowed: bounds the time spent here.
_TOKENS_PER_ELEMENT = 32
# Start tags that close an open <p> (HTML's block-level elements); flattened into a line break.
_CLOSES_P = frozenset(
    "address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr main nav ol p pre section table ul".split()
)  # fmt: skip


# Past the cut: text between tags other than inline ones (a paragraph with its links and bold words) that holds
# this many words is kept as a paragraph; a flood of "<div>x</div>" or "<li>Home</li>" holds none.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|br|cite|code|data|dfn|em|font|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|"
    r"var|wbr)\b[^<>]*>",
    re.I,
)
_TEXT_RUN = re.compile(rf"(?<=>)(?:[^<]+|{_INLINE_TAG.pattern})+", re.I)
_RAW_TEXT_TAG = re.compile(r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|template)\b", re.I)
_MIN_RESCUED_WORDS = 8  # words with a letter: a run of numbers or symbols is no prose
_LETTER = re.compile(r"[^\W\d_]")
_MIN_RESCUED_CHARS = 40  # a fast first test, before the words are counted


def needs_bounds(content: str, max_elements: int) -> bool:
    """Whether ``content`` may hold more than ``max_elements`` elements (counting "<", a fast upper bound)."""
    return content.count("<") > max_elements


def bound_markup(content: str, max_depth: int, max_elements: int) -> str:
    """``content`` with the elements nested deeper than ``max_depth`` flattened into their ancestor at that
    depth, cut before the node that would be its ``max_elements``-th kept one (an element, comment or raw-text
    element), or before its ``_TOKENS_PER_ELEMENT * max_elements``-th tag of any kind. Past the cut, at most
    ``max_elements // 4`` paragraphs of prose are kept (see ``_rescued_paragraphs``)."""
    pieces: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: name, whether its tags were dropped
    open_names: dict[str, int] = {}
    kept = position = 0

    def pop() -> bool:
        name, dropped = stack.pop()
        open_names[name] -= 1
        return dropped

    def drop(token: re.Match, name: str) -> None:
        """Replace a tag by what keeps its text apart: a line break for a block, else a space (one for a run
        of dropped tags with no text between them, so that dropping adds no elements)."""
        nonlocal position
        between = content[position : token.start()]
        if between.strip() or not pieces or pieces[-1] != "<br>":
            pieces.extend([between, "<br>" if name in _CLOSES_P else " "])
        position = token.end()

    for count, token in enumerate(_TOKEN.finditer(content)):
        name = token.group(3)
        if token.group(2):  # end tag: close up to the element it names, if one is open
            if open_names.get(name := name.lower()):
                while stack[-1][0] != name:
                    pop()
                if pop():
                    drop(token, name)
            continue
        if kept >= max_elements or count >= _TOKENS_PER_ELEMENT * max_elements:
            pieces.append(content[position : token.start()])
            pieces.extend(_rescued_paragraphs(content, token.start(), max_elements // 4))
            return "".join(pieces)
        if name is None or name.lower() in _VOID or token.group(4):  # nothing it opens stays open
            kept += 1
            continue
        name = name.lower()
        while stack and (stack[-1][0] in _SIBLINGS.get(name, ()) or (stack[-1][0] == "p" and name in _CLOSES_P)):
            pop()
        dropped = len(stack) >= max_depth
        stack.append((name, dropped))
        open_names[name] = open_names.get(name, 0) + 1
        if dropped:
            drop(token, name)
        else:
            kept += 1
    pieces.append(content[position:])
    return "".join(pieces)


def _rescued_paragraphs(content: str, start: int, most: int) -> Iterator[str]:
    """The runs of prose in ``content`` from ``start`` on, each as a plain ``<p>``, at most ``most`` of them.

    The element limit would otherwise cut an article that follows a flood of near-empty elements (100,000
    ``<div>x</div>``, then the story): only the story's paragraphs are long enough to be kept. One regular
    expression scan, so the cost stays linear in the page's length; script and style contents are skipped.
    """
    found = 0
    for run in _TEXT_RUN.finditer(content, start):
        if found >= most:
            return
        text = run.group()
        if len(text) < _MIN_RESCUED_CHARS or _RAW_TEXT_TAG.match(content, content.rfind("<", 0, run.start())):
            continue
        words = _INLINE_TAG.sub(" ", text).split()
        if sum(1 for word in words if _LETTER.search(word)) >= _MIN_RESCUED_WORDS:
            found += 1
            yield f"<p>{' '.join(words)}</p>"
