"""Build ``data/word_meanings.*``, the static word vectors of ``meanings`` (run once, the file is shipped):

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wordnet
    python -m storyline.events.build_meanings wordnet/usr/share/wordnet

No embedding model ships its weights inside a PyPI package, and none may come from a model hub, so the
project derives its own from WordNet 3.0 (Princeton's licence, which allows redistribution with its notice:
``data/WORDNET_LICENSE.txt``). Each common English word (wordfreq's most frequent) is described by the WordNet
senses of its base forms, most frequent sense weighing most: the synsets themselves (synonyms meet:
"quake", "earthquake", "temblor"), their hypernyms two levels up and derivational relatives ("killing",
"kill"), and the content words of their glosses (topical neighbours: "flood" and "rainfall"). An IDF over
words weighs those columns, so that "act" or "entity", which every sense reaches, says little; a truncated
SVD (latent semantic analysis) folds the columns into ``DIMENSIONS`` dense dimensions. Vectors are stored
unit-length as int8, the words beside them, both checked by SHA-256 on load.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import wordfreq
from scipy import sparse
from scipy.sparse.linalg import svds

from storyline.events.meanings import CHECKSUM_FILE, VECTORS_FILE, WORDS_FILE
from storyline.stopwords import ENGLISH_STOP_WORDS

DIMENSIONS = 128
VOCABULARY = 40_000  # most frequent English words considered (wordfreq's list); those WordNet knows are kept
POS_FILES = {"n": "noun", "v": "verb", "a": "adj"}
HYPERNYM_WEIGHTS = (0.5, 0.25)  # weight of a sense's hypernyms one and two levels up
RELATIVE_WEIGHT = 0.5  # derivationally related senses ("kill" for "killing")
GLOSS_WEIGHT = 0.3  # each content word of a sense's gloss
# WordNet's morphology (morphy): the inflectional endings a word may drop, per part of speech.
ENDINGS = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
}
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def read_index(folder: Path, pos: str) -> dict[str, list[str]]:
    """Lemma -> synset offsets, most frequent sense first."""
    senses: dict[str, list[str]] = {}
    for line in (folder / f"index.{POS_FILES[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        pointers = int(parts[3])
        count = int(parts[4 + pointers])
        senses[parts[0]] = [f"{pos}{offset}" for offset in parts[6 + pointers : 6 + pointers + count]]
    return senses


def read_exceptions(folder: Path, pos: str) -> dict[str, list[str]]:
    exceptions: dict[str, list[str]] = defaultdict(list)
    for line in (folder / f"{POS_FILES[pos]}.exc").read_text(encoding="latin-1").splitlines():
        inflected, *bases = line.split()
        exceptions[inflected].extend(bases)
    return exceptions


def read_synsets(folder: Path, pos: str) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Synset -> (hypernyms, derivational relatives, gloss content words)."""
    synsets = {}
    for line in (folder / f"data.{POS_FILES[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        head, _, gloss = line.partition(" | ")
        parts = head.split()
        words = int(parts[3], 16)
        at = 4 + 2 * words
        pointers = int(parts[at])
        hypernyms, relatives = [], []
        for number in range(pointers):
            symbol, offset, target_pos = parts[at + 1 + 4 * number : at + 4 + 4 * number]
            target = f"{'a' if target_pos == 's' else target_pos}{offset}"
            if symbol in ("@", "@i"):
                hypernyms.append(target)
            elif symbol == "+":
                relatives.append(target)
        definition = gloss.split(";")[0].lower()
        content = [word for word in _WORD.findall(definition) if word not in ENGLISH_STOP_WORDS]
        synsets[f"{'a' if pos == 'a' else pos}{parts[0]}"] = (hypernyms, relatives, content)
    return synsets


def base_forms(word: str, pos: str, index: dict[str, list[str]], exceptions: dict[str, list[str]]) -> list[str]:
    forms = [word] if word in index else []
    forms += [base for base in exceptions.get(word, ()) if base in index]
    for ending, replacement in ENDINGS[pos]:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: -len(ending)] + replacement
            if base in index:
                forms.append(base)
    return list(dict.fromkeys(forms))


def word_columns(folder: Path) -> tuple[list[str], dict[str, dict[str, float]]]:
    """The vocabulary and each word's weighted WordNet columns (synsets, hypernyms, gloss words)."""
    indexes = {pos: read_index(folder, pos) for pos in POS_FILES}
    exceptions = {pos: read_exceptions(folder, pos) for pos in POS_FILES}
    synsets: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for pos in POS_FILES:
        synsets.update(read_synsets(folder, pos))

    def add_sense(columns: dict[str, float], synset: str, weight: float) -> None:
        columns[synset] = columns.get(synset, 0.0) + weight
        hypernyms, relatives, gloss = synsets.get(synset, ([], [], []))
        level = hypernyms
        for level_weight in HYPERNYM_WEIGHTS:
            for hypernym in level:
                columns[hypernym] = columns.get(hypernym, 0.0) + weight * level_weight
            level = [above for hypernym in level for above in synsets.get(hypernym, ([], [], []))[0]]
        for relative in relatives:
            columns[relative] = columns.get(relative, 0.0) + weight * RELATIVE_WEIGHT
        for word in gloss:
            key = "gloss:" + word
            columns[key] = columns.get(key, 0.0) + weight * GLOSS_WEIGHT

    vocabulary, rows = [], {}
    for word in wordfreq.top_n_list("en", VOCABULARY):
        if not _WORD.fullmatch(word) or word in ENGLISH_STOP_WORDS:
            continue
        columns: dict[str, float] = {}
        for pos in POS_FILES:
            for base in base_forms(word, pos, indexes[pos], exceptions[pos]):
                for rank, synset in enumerate(indexes[pos][base]):
                    add_sense(columns, synset, 1.0 / (rank + 1))
        if columns:
            vocabulary.append(word)
            rows[word] = columns
    return vocabulary, rows


def build(folder: Path, dimensions: int = DIMENSIONS) -> tuple[list[str], np.ndarray]:
    """The vocabulary and its unit word vectors as int8 (times 127)."""
    vocabulary, rows = word_columns(folder)
    column_of: dict[str, int] = {}
    data, indices, pointers = [], [], [0]
    for word in vocabulary:
        for key, weight in rows[word].items():
            indices.append(column_of.setdefault(key, len(column_of)))
            data.append(weight)
        pointers.append(len(indices))
    matrix = sparse.csr_matrix((np.array(data), indices, pointers), shape=(len(vocabulary), len(column_of)))
    reach = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log(len(vocabulary) / (1.0 + reach)) + 1.0
    matrix = sparse.csr_matrix(matrix @ sparse.diags(idf))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    matrix = sparse.csr_matrix(sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ matrix)
    left, singular, _ = svds(matrix, k=dimensions, random_state=0)
    order = np.argsort(-singular)
    vectors = left[:, order] * singular[order]
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    # The sign of a singular vector is arbitrary: fix it so that a rebuild writes the same bytes.
    vectors *= np.where(vectors.sum(axis=0) < 0, -1.0, 1.0)
    return vocabulary, np.round(vectors * 127).astype(np.int8)


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    vocabulary, vectors = build(Path(argv[0]))
    VECTORS_FILE.parent.mkdir(parents=True, exist_ok=True)
    np.save(VECTORS_FILE, vectors, allow_pickle=False)
    WORDS_FILE.write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}" for path in (WORDS_FILE, VECTORS_FILE)]
    CHECKSUM_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(vocabulary)} words x {vectors.shape[1]} dimensions -> {VECTORS_FILE.parent}")


if __name__ == "__main__":
    main(sys.argv[1:])
