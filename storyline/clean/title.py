"""The headline of a scraped page, chosen among its first blocks by a small learned scorer.

A scrape usually starts with the page's <title> ("Headline | Site" or the site's name alone) and shows the
headline itself later, just above the byline, the date and the first paragraphs. Each candidate block is
described by general features (likeness to the first line, shape, what follows it) and the best-scoring
one wins; ``train_line_model`` trains the scorer with the body classifier.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from storyline.clean.blocks import Block
from storyline.clean.features import ends_sentence
from storyline.clean.model import TreeEnsemble

_MODEL_PATH = Path(__file__).with_name("title_model.json")
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·|:)\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_DATE_OR_BYLINE = re.compile(r"\b(?:19|20)\d\d\b|^by\b|\bago\b|^(?:posted|published|updated)\b")  # on lower case
_DATED_AHEAD = 3  # a byline or a date this close after a candidate marks it as the headline
_MAX_CANDIDATES = 200
_PROSE_WORDS = 12

# A breadcrumb trail ("Home > Blog > Headline"), which repeats the headline after the site's sections: it
# starts at the home page or has two section separators.
_FROM_HOME = re.compile(r"(?:home|start|startseite|accueil|inicio)\s*[>»›/|]", re.I)
_CRUMB_SEPARATORS = (" > ", " » ", " › ")

TITLE_FEATURE_NAMES = [
    "ratio", "token_set", "partial", "is_first", "log_index", "log_words", "terminal", "question", "title_case",
    "all_caps", "next_prose", "log_to_prose", "date_or_byline_after", "prev_words", "prose_before", "chars_ratio",
    "contains_other", "inside_other", "breadcrumb", "repeats",
]  # fmt: skip


def normalize_title(text: str) -> str:
    """Typographic quotes made plain, white space folded: the form headlines are compared and given in."""
    return " ".join(text.translate(_QUOTES).split())


def _fold(text: str) -> str:
    return normalize_title(text).lower()


@lru_cache(maxsize=4)
def title_model(path: str | None = None) -> TreeEnsemble:
    """The headline scorer in ``path``, or the shipped one (each loaded once)."""
    return TreeEnsemble.load(Path(path) if path else _MODEL_PATH)


def _dated_ahead(window: list[Block], indices: list[int]) -> np.ndarray:
    """For each candidate, whether a byline or a date (a block under 300 characters showing a year, "by",
    "ago") follows within ``_DATED_AHEAD`` blocks; only the blocks that follow a candidate are read."""
    ahead = {i + k for i in indices for k in range(1, _DATED_AHEAD + 1) if i + k < len(window)}
    dated = np.zeros(len(window) + _DATED_AHEAD, dtype=bool)
    for j in ahead:
        text = window[j].text
        dated[j] = len(text) < 300 and bool(_DATE_OR_BYLINE.search(text.lower()))
    return np.logical_or.reduce([dated[np.array(indices) + k] for k in range(1, _DATED_AHEAD + 1)]).astype(float)


def _is_breadcrumb(text: str) -> bool:
    return bool(_FROM_HOME.match(text)) or sum(map(text.count, _CRUMB_SEPARATORS)) >= 2


def _nesting(folded: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each candidate, whether another one (of two words or more) is part of its text, as the headline
    is of "Headline | Site", a breadcrumb or "3 comments on Headline", and whether it is part of another's.

    One ``str.find`` scan per candidate over all of them joined, instead of comparing every pair."""
    joined = "\n".join(folded)
    starts = list(itertools.accumulate((len(text) + 1 for text in folded[:-1]), initial=0))
    contains, inside = np.zeros(len(folded)), np.zeros(len(folded))
    for i, text in enumerate(folded):
        if " " not in text:
            continue
        at = joined.find(text)
        while at >= 0:
            owner = bisect.bisect_right(starts, at) - 1
            if len(folded[owner]) > len(text):
                inside[i], contains[owner] = 1.0, 1.0
            at = joined.find(text, at + 1)
    return contains, inside


def title_candidates(blocks: list[Block], head: str) -> tuple[list[int], np.ndarray]:
    """Indices of the blocks that could be the headline, and one feature row per candidate."""
    parts = [_fold(head)] + [_fold(p) for p in TITLE_SEPARATORS.split(head) if len(p.split()) >= 2]
    window = blocks[: _MAX_CANDIDATES + 50]  # what follows a candidate matters only a few blocks on
    n = len(window)
    words = np.array([len(b.text.split()) for b in window], dtype=float)
    prose = np.array([w >= _PROSE_WORDS and ends_sentence(b.text) for w, b in zip(words, window)], dtype=bool)
    indices = [
        i
        for i, block in enumerate(window[:_MAX_CANDIDATES])
        if 1 <= words[i] <= 30
        and len(block.text) <= 250
        and not (prose[i] and block.text.endswith("."))  # a sentence, not a headline
        and not (i > 0 and block.text.isupper())  # all-capitals lines past the first: other stories
    ]
    if not indices:
        return [], np.zeros((0, len(TITLE_FEATURE_NAMES)))
    at = np.array(indices)
    texts = [_fold(window[i].text) for i in indices]
    repeats = Counter(texts)
    raw = [window[i].text for i in indices]
    # Likeness of every candidate to the first line and its parts, computed in one call per scorer.
    likeness = [
        process.cdist(texts, parts, scorer=scorer).max(axis=1) / 100
        for scorer in (fuzz.ratio, fuzz.token_set_ratio, fuzz.partial_ratio)
    ]
    index = np.arange(n)
    next_prose = np.minimum.accumulate(np.where(prose, index, n + 5)[::-1])[::-1]
    following_prose = np.append(next_prose[1:], n + 5)[at]
    next_dated = _dated_ahead(window, indices)
    prose_before = (np.cumsum(prose) - prose)[at]
    columns = [
        *likeness,
        (at == 0).astype(float),
        np.log1p(at),
        np.log1p(words[at]),
        np.array([t.rstrip("\"'”’)").endswith(".") for t in raw], dtype=float),
        np.array([t.endswith("?") for t in raw], dtype=float),
        np.array([sum(w[:1].isupper() for w in t.split()) / len(t.split()) for t in raw]),
        np.array([t.isupper() for t in raw], dtype=float),
        np.append(prose[1:], False)[at].astype(float),
        np.log1p(np.minimum(following_prose - at - 1, 148)),
        next_dated,
        np.where(at > 0, np.log1p(words[np.maximum(at - 1, 0)]), -1.0),
        prose_before.astype(float),
        np.array([len(t) for t in texts]) / max(len(parts[0]), 1),
        *_nesting(texts),
        np.array([_is_breadcrumb(t) for t in raw], dtype=float),
        np.log1p(np.array([repeats[t] - 1 for t in texts], dtype=float)),  # shown twice: in <title> and as <h1>
    ]
    return indices, np.column_stack(columns).astype(np.float64)


def find_title(
    blocks: list[Block], given: str | None = None, model: TreeEnsemble | None = None
) -> tuple[str | None, int | None]:
    """The headline and the index of the block that shows it.

    A headline given by the container wins; its block (if the text shows it) is still located so the
    body can leave it out. Without one, the learned scorer picks among the first blocks.
    """
    if not blocks:
        return (normalize_title(given) if given else None), None
    if given:
        wanted = _fold(given)
        for i, block in enumerate(blocks[:_MAX_CANDIDATES]):
            if _fold(block.text) == wanted:
                return normalize_title(given), i
        return normalize_title(given), None
    indices, rows = title_candidates(blocks, blocks[0].text)
    if not indices:
        return None, None
    best = indices[int(np.argmax((model or title_model()).predict_proba(rows)))]
    title = blocks[best].text
    parts = TITLE_SEPARATORS.split(title)
    if best == 0 and len(parts) > 1:  # the page's <title>: drop the site's name beside the headline
        title = max(parts, key=len)
    return normalize_title(title), best
