"""What an article speaks of, past its wording: a dense vector from static word vectors.

Words say what an article is about only where two articles share them: "quake" and "temblor", "gunman" and
"shooter" are no overlap to TF-IDF. The project ships word vectors it derives from WordNet
(``build_meanings``); an article's meaning is the sum of its words' vectors weighed by the same TF-IDF
weights as its word view, so that the words it is about count and "said" does not. Two articles' meanings
are alike when they are the same kind of news, however worded (see ``similarity`` for how the pair model
reads that). The vector files are checked against their SHA-256 on load, as the spaCy model is.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA_FOLDER = Path(__file__).with_name("data")
WORDS_FILE = DATA_FOLDER / "word_meanings.txt"
VECTORS_FILE = DATA_FOLDER / "word_meanings.npy"
CHECKSUM_FILE = DATA_FOLDER / "word_meanings.sha256"
MEANING_PREFIX = "meaning:"  # the keys of the meaning view: one per dimension


def load_word_vectors(
    words_file: Path = WORDS_FILE, vectors_file: Path = VECTORS_FILE, checksum_file: Path = CHECKSUM_FILE
) -> tuple[dict[str, int], np.ndarray]:
    """Word -> row, and the (words, dimensions) float matrix of unit word vectors, after checking both
    files against the SHA-256 list (a ``sha256sum``-style file)."""
    expected = dict(reversed(line.split()) for line in checksum_file.read_text(encoding="utf-8").splitlines())
    for path in (words_file, vectors_file):
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if expected.get(path.name) != actual:
            raise RuntimeError(
                f"{path}: sha256 {actual} does not match {checksum_file} ({expected.get(path.name)}); "
                "rebuild it with python -m storyline.events.build_meanings"
            )
    words = words_file.read_text(encoding="utf-8").split()
    vectors = np.load(vectors_file, allow_pickle=False).astype(np.float32) / 127.0
    return {word: row for row, word in enumerate(words)}, vectors


@lru_cache(maxsize=1)
def word_vectors() -> tuple[dict[str, int], np.ndarray]:
    """The shipped word vectors (``load_word_vectors``), loaded once."""
    return load_word_vectors()


def meaning_view(weights: dict[str, float]) -> dict[str, float]:
    """The unit meaning vector of weighted words (other keys pass unseen), as keys of ``MEANING_PREFIX``;
    empty when no word has a vector."""
    rows, vectors = word_vectors()
    known = [(rows[key], weight) for key, weight in weights.items() if key in rows]
    if not known:
        return {}
    indices, values = zip(*known)
    total = np.asarray(values, dtype=np.float32) @ vectors[list(indices)]
    norm = float(np.linalg.norm(total))
    if norm == 0.0:
        return {}
    return {f"{MEANING_PREFIX}{dimension}": float(value / norm) for dimension, value in enumerate(total)}
