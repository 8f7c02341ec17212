"""General features of a page's blocks, for the learned body/boilerplate classifier.

Every feature describes the shape of a block and of its neighbourhood (length, punctuation, capitals,
function words, link-likeness, position relative to the headline and to the page's prose); none names a
site, a page or a phrase of one, so what the model learns carries over to sites it never saw.

Cleaning must cost a few milliseconds per page, so the features are computed for the whole page at once:
the blocks are joined, each pattern is run once over the joined text, and hits are mapped back to blocks
by offset (numpy), instead of looping over blocks and characters in Python.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from storyline.clean.blocks import Block
from storyline.stopwords import ENGLISH_STOP_WORDS

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?=\s)")
# Patterns run over the lower-cased page (Python's re is several times slower with re.IGNORECASE).
_LINK_LIKE = re.compile(r"https?://|www\.|\.(?:com|org|net|co|io)\b|@\w|#\w")
_SEPARATOR = re.compile(r"[|•·»›«‹/>]|\s-\s")
_LEADING_MARK = re.compile(r"(?:\d+[.)]\s|[-*•●▪■►✓✔]\s?)")
_DATE_LIKE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?\b|\b\d\d?[-/.]\d\d?[-/.](?:19|20)?\d\d\b|"
    r"\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago\b"
)
_DIGIT = re.compile(r"\d")  # every form _DATE_LIKE reads has one: a fast test that skips most blocks
_CREDIT_START = re.compile(r"(?:photo|image|picture|illustration|video|credit|source|courtesy|file photo)s?\b")
# Words of photo credits and picture sources (news agencies and image libraries credit pictures this way).
_CREDIT_WORDS = (
    "photo by", "photos by", "image by", "images by", "picture by", "photo credit", "image credit", "courtesy of",
    "getty images", "shutterstock", "reuters", "afp", "associated press", "ap photo", "epa/", "epa-efe", "alamy",
    "wikimedia", "creative commons", "cc by",
)  # fmt: skip
_COPYRIGHT = re.compile(r"©|\(c\)")
_TERMINAL_CHARS = ".!?"
_CLOSERS = "\"'”’)"
_PROSE_MIN_WORDS = 12
_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)

FEATURE_NAMES = [
    "log_chars", "log_words", "terminal", "ends_colon", "sentences", "upper_ratio", "all_caps", "title_case_ratio",
    "stop_ratio", "digit_ratio", "punct_ratio", "commas_per_word", "separators", "link_like", "leading_mark",
    "date_like", "credit_like", "copyright", "avg_word_len", "blank_before", "indented", "rel_index",
    "rel_chars_before", "prose_before", "prose_after", "title_offset", "after_title", "dup_in_page",
    "is_prose", "prev_words", "next_words", "prev_terminal", "next_terminal", "window_words", "window_prose",
    "wide_window_prose", "prev_credit", "next_credit", "run_short", "lower_start", "window_link", "window_stop",
    "prose_gap_before", "prose_gap_after", "rel_length",
]  # fmt: skip


def credit_like(text: str) -> bool:
    """Names a photo credit or picture source (a caption's credit line, "Photo by ...")."""
    lower = text.lower()
    return bool(_CREDIT_START.match(lower)) or any(word in lower for word in _CREDIT_WORDS)


def ends_sentence(text: str) -> bool:
    text = text.rstrip(_CLOSERS)
    return text[-1:] in _TERMINAL_CHARS and text != ""


class _Page:
    """The page's blocks joined into one string, with each block's start offset in it."""

    def __init__(self, texts: list[str]):
        self.joined = "\n".join(texts)
        self.lower = self.joined.lower()
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        self.n = len(texts)

    def count(self, pattern: re.Pattern) -> np.ndarray:
        """Matches of ``pattern`` per block."""
        positions = [m.start() for m in pattern.finditer(self.lower)]
        if not positions:
            return np.zeros(self.n)
        owners = np.searchsorted(self.starts, positions, side="right") - 1
        return np.bincount(owners, minlength=self.n).astype(float)

    def count_substrings(self, needles: tuple[str, ...]) -> np.ndarray:
        """Occurrences of any of ``needles`` per block (str.find: far faster than a regex alternation)."""
        positions = []
        for needle in needles:
            found = self.lower.find(needle)
            while found >= 0:
                positions.append(found)
                found = self.lower.find(needle, found + 1)
        if not positions:
            return np.zeros(self.n)
        owners = np.searchsorted(self.starts, positions, side="right") - 1
        return np.bincount(owners, minlength=self.n).astype(float)

    def char_counts(self) -> dict[str, np.ndarray]:
        """Per block: letters, capitals, digits, punctuation, commas, words, alphabetic and capitalised words."""
        codes = np.frombuffer(self.joined.encode("utf-32-le"), dtype=np.uint32)
        upper = (codes >= 65) & (codes <= 90)
        lower = (codes >= 97) & (codes <= 122)
        digit = (codes >= 48) & (codes <= 57)
        other_letter = (codes >= 0xC0) & (codes < 0x2000)  # accented and non-Latin letters, roughly
        space = (codes == 32) | (codes == 9) | (codes == 10)
        letter = upper | lower | other_letter
        punct = ~(letter | digit | space)
        word_start = ~space & np.concatenate(([True], space[:-1]))

        def per_block(mask: np.ndarray) -> np.ndarray:
            return np.add.reduceat(mask.astype(np.int64), self.starts).astype(float)

        masks = {
            "upper": upper, "letters": letter, "digits": digit, "punct": punct, "commas": codes == 44,
            "words": word_start, "alpha_words": word_start & letter, "capitalised": word_start & upper,
        }  # fmt: skip
        return {name: per_block(mask) for name, mask in masks.items()}


def _window_mean(values: np.ndarray, radius: int, include_self: bool) -> np.ndarray:
    n = len(values)
    sums = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    lo, hi = np.maximum(0, index - radius), np.minimum(n, index + radius + 1)
    total, size = sums[hi] - sums[lo], (hi - lo).astype(float)
    if not include_self:
        total, size = total - values, size - 1
    return np.divide(total, size, out=np.zeros(n), where=size > 0)


def _shift(values: np.ndarray, by: int, fill: float) -> np.ndarray:
    shifted = np.full(len(values), fill)
    if by > 0:
        shifted[by:] = values[:-by]
    else:
        shifted[:by] = values[-by:]
    return shifted


def block_features(blocks: list[Block], title_index: int | None) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` per block."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    texts = [b.text for b in blocks]
    page = _Page(texts)
    chars = np.array([len(t) for t in texts], dtype=float)
    lowered = [t.lower() for t in texts]
    counts = page.char_counts()
    words = counts["words"]
    safe_words = np.maximum(words, 1.0)
    alpha_words = counts["alpha_words"]
    letters = counts["letters"]
    terminal = np.array([ends_sentence(t) for t in texts], dtype=float)
    credit = np.maximum(
        np.minimum(page.count_substrings(_CREDIT_WORDS), 1.0),
        np.array([bool(_CREDIT_START.match(t)) for t in lowered], dtype=float),
    )
    is_prose = ((words >= _PROSE_MIN_WORDS) & (terminal > 0)).astype(float)
    prose_chars = chars * is_prose
    total_prose = max(prose_chars.sum(), 1.0)
    prose_cum, chars_cum = np.cumsum(prose_chars), np.cumsum(chars)
    log_words = np.log1p(words)
    repeats = Counter(texts)
    short = words < 5
    run_short = [0] * n  # length of the run of short blocks a block sits in (menus are long runs)
    i = 0
    while i < n:
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            run_short[k] = j - i
        i = max(j, i + 1)
    index = np.arange(n, dtype=float)
    stop_ratio = np.array([sum(map(_STOP_WORDS.__contains__, t.split())) for t in lowered]) / safe_words
    link_like = np.minimum(page.count(_LINK_LIKE), 1.0)
    # Nearest prose block before / after each block (a page edge counts as one far away).
    last_prose = np.maximum.accumulate(np.where(is_prose > 0, index, -100.0))
    next_prose = np.minimum.accumulate(np.where(is_prose > 0, index, n + 100.0)[::-1])[::-1]
    if title_index is None:
        title_offset, after_title = np.zeros(n), np.zeros(n)
    else:
        title_offset = np.sign(index - title_index) * np.log1p(np.abs(index - title_index))
        after_title = (index > title_index).astype(float)
    columns = [
        np.log1p(chars),
        log_words,
        terminal,
        np.array([t.endswith(":") for t in texts], dtype=float),
        page.count(_SENTENCE_END) + terminal,
        counts["upper"] / np.maximum(letters, 1.0),
        ((letters >= 4) & (counts["upper"] == letters)).astype(float),
        counts["capitalised"] / np.maximum(alpha_words, 1.0),
        stop_ratio,
        counts["digits"] / np.maximum(chars, 1.0),
        counts["punct"] / np.maximum(chars, 1.0),
        counts["commas"] / safe_words,
        page.count(_SEPARATOR),
        link_like,
        np.array([bool(_LEADING_MARK.match(t)) for t in texts], dtype=float),
        np.array([len(t) < 200 and bool(_DIGIT.search(t)) and bool(_DATE_LIKE.search(t)) for t in lowered], dtype=float),
        credit,
        np.minimum(page.count(_COPYRIGHT), 1.0),
        (letters + counts["digits"]) / safe_words,
        np.array([b.blank_before for b in blocks], dtype=float),
        np.array([b.indented for b in blocks], dtype=float),
        index / n,
        (chars_cum - chars) / max(chars_cum[-1], 1.0),
        (prose_cum - prose_chars) / total_prose,
        (total_prose - prose_cum) / total_prose,
        title_offset,
        after_title,
        np.array([repeats[t] > 1 for t in texts], dtype=float),
        is_prose,
        _shift(log_words, 1, -1.0),
        _shift(log_words, -1, -1.0),
        _shift(terminal, 1, -1.0),
        _shift(terminal, -1, -1.0),
        _window_mean(log_words, 3, include_self=False),
        _window_mean(is_prose, 3, include_self=False),
        _window_mean(is_prose, 8, include_self=True),
        _shift(credit, 1, 0.0),
        _shift(credit, -1, 0.0),
        np.log1p(np.array(run_short, dtype=float)),
        np.array([t[:1].islower() for t in texts], dtype=float),
        _window_mean(link_like, 3, include_self=False),
        _window_mean(stop_ratio, 3, include_self=False),
        np.log1p(index - last_prose),
        np.log1p(next_prose - index),
        chars / max(chars.max(), 1.0),
    ]
    return np.column_stack(columns).astype(np.float32)
