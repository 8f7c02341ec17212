from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from storyline.events.build_meanings import build
from storyline.events.meanings import (
    CHECKSUM_FILE,
    VECTORS_FILE,
    WORDS_FILE,
    load_word_vectors,
    meaning_view,
    word_vectors,
)


def similarity(left: str, right: str) -> float:
    rows, vectors = word_vectors()
    return float(vectors[rows[left]] @ vectors[rows[right]])


def test_shipped_vectors_put_synonyms_and_neighbours_closer_than_other_news():
    assert similarity("quake", "earthquake") > similarity("quake", "election") + 0.3
    assert similarity("gunman", "shooter") > similarity("gunman", "ballot") + 0.3
    assert similarity("released", "freed") > similarity("released", "flood") + 0.3


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    return sum(value * right.get(key, 0.0) for key, value in left.items())


def test_two_wordings_of_one_kind_of_news_mean_more_alike_than_another_kind():
    quake = meaning_view({"quake": 1.0, "jolted": 0.6, "residents": 0.3})
    tremor = meaning_view({"earthquake": 1.0, "tremor": 0.8, "shaking": 0.5})
    vote = meaning_view({"election": 1.0, "ballots": 0.8, "voters": 0.5})
    assert cosine(quake, tremor) > cosine(quake, vote) + 0.2
    assert meaning_view({"entity:Q1": 1.0, "zzqx": 1.0}) == {}  # no word with a vector: no view


def test_a_vector_file_that_does_not_match_its_checksum_is_refused(tmp_path: Path):
    for path in (WORDS_FILE, VECTORS_FILE, CHECKSUM_FILE):
        shutil.copy(path, tmp_path / path.name)
    words = tmp_path / WORDS_FILE.name
    words.write_text(words.read_text(encoding="utf-8").replace("quake\n", "qu4ke\n"), encoding="utf-8")
    with pytest.raises(RuntimeError, match="word_meanings.txt: sha256"):
        load_word_vectors(words, tmp_path / VECTORS_FILE.name, tmp_path / CHECKSUM_FILE.name)


def write_wordnet(folder: Path) -> None:
    """A four-synset WordNet in its own database format: a quake sense, an election sense, a ballot sense and
    their shared hypernym."""
    data = [
        "00000010 03 n 01 happening 0 000 | something that takes place",
        "00000001 11 n 02 earthquake 0 quake 0 001 @ 00000010 n 0000 | shaking and vibration of the ground",
        "00000002 04 n 01 election 0 001 @ 00000010 n 0000 | a vote to choose an official",
        "00000003 04 n 01 ballot 0 001 @ 00000010 n 0000 | a vote cast to choose an official",
    ]
    index = [
        "ballot n 1 1 @ 1 0 00000003",
        "earthquake n 1 1 @ 1 0 00000001",
        "election n 1 1 @ 1 0 00000002",
        "happening n 1 0 1 0 00000010",
        "quake n 1 1 @ 1 0 00000001",
    ]
    (folder / "data.noun").write_text("\n".join(data) + "\n", encoding="latin-1")
    (folder / "index.noun").write_text("\n".join(index) + "\n", encoding="latin-1")
    for part in ("verb", "adj"):
        (folder / f"data.{part}").write_text("", encoding="latin-1")
        (folder / f"index.{part}").write_text("", encoding="latin-1")
    for part in ("noun", "verb", "adj"):
        (folder / f"{part}.exc").write_text("", encoding="latin-1")
    (folder / "noun.exc").write_text("elections election\n", encoding="latin-1")


def test_the_builder_gives_words_of_one_synset_one_vector_and_reads_inflections(tmp_path: Path):
    write_wordnet(tmp_path)
    vocabulary, vectors = build(tmp_path, dimensions=2)
    assert {"quake", "earthquake", "election", "elections", "ballot"} <= set(vocabulary)
    unit = vectors.astype(float) / 127.0
    row = {word: unit[number] for number, word in enumerate(vocabulary)}
    assert np.dot(row["quake"], row["earthquake"]) > 0.99
    assert np.dot(row["elections"], row["election"]) > 0.99
    assert np.dot(row["ballot"], row["election"]) > np.dot(row["ballot"], row["quake"]) + 0.3
