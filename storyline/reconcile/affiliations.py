"""Which state a named official acts for: "Alexander Lukashenko released ..." and "Belarus released ..."
name one actor, not two.

The knowledge is the Phoenix/PETRARCH2 actor dictionary (officials with their country and sector codes),
turned by ``build_affiliations`` into ``data/affiliations.tsv``: state names per country code, the people
who held a state office (government, military, judiciary, legislature, police, intelligence) per code, and
the agent words that name a state's organs ("government", "authorities").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

DATA_FILE = Path(__file__).parent / "data" / "affiliations.tsv"

# "Lukashenko" and the dictionary's "LUKASHENKA" score 90; unrelated surnames of one state stay far below.
SURNAME_SCORE = 85.0
# Transliterated given names ("Alexander"/"Alyaksandr" 0.80, "Vladimir"/"Volodymyr" 0.75) stay above this
# Jaro-Winkler similarity; different names with the same initial ("Ahmed"/"Abdullah") fall below it.
GIVEN_NAME_SIMILARITY = 0.75
# The connector in "government of Belarus": English grammar, not knowledge of any state.
_OF = "of"
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ROMAN_NUMERAL = re.compile(r"^[ivx]+$")  # "Elizabeth II": a regnal number, not a surname


def fold(text: str) -> str:
    """Lower case ASCII words separated by single spaces ("Jean-Marc Ayrault" -> "jean marc ayrault"); the
    dictionary's underscores and the news' hyphens and accents compare alike."""
    ascii_text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM.sub(" ", ascii_text.casefold().replace("_", " ")).split())


def name_parts(folded_name: str) -> tuple[list[str], str] | None:
    """(given names, surname) of a folded name: the surname is the last word that is not a regnal number."""
    words = folded_name.split()
    while len(words) > 1 and _ROMAN_NUMERAL.match(words[-1]):
        words.pop()
    return (words[:-1], words[-1]) if words else None


@dataclass
class _Affiliations:
    state_codes: dict[str, frozenset[str]]  # folded state name or adjective -> its country codes
    organ_words: frozenset[str]  # "government", "authorities": words naming a state's organs
    officials: dict[str, dict[str, list[frozenset[str]]]]  # code -> surname -> given names of each official
    known_given_names: frozenset[str]  # every given name of every official


@functools.cache
def _load() -> _Affiliations:
    state_codes: dict[str, set[str]] = defaultdict(set)
    organ_words: set[str] = set()
    officials: dict[str, dict[str, list[frozenset[str]]]] = defaultdict(lambda: defaultdict(list))
    known_given_names: set[str] = set()
    with DATA_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            kind, *columns = line.rstrip("\n").split("\t")
            if kind == "organ":
                organ_words.update(columns[0].split("|"))
            elif kind == "state":
                for name in columns[1].split("|"):
                    state_codes[name].add(columns[0])
            elif kind == "person":
                by_surname = officials[columns[0]]
                for person in columns[1].split(";"):
                    parts = [found for spelling in person.split("|") if (found := name_parts(spelling))]
                    given_names = frozenset(word for given, _ in parts for word in given)
                    known_given_names.update(given_names)
                    for surname in {surname for _, surname in parts}:
                        by_surname[surname].append(given_names)
    return _Affiliations(
        {name: frozenset(codes) for name, codes in state_codes.items()},
        frozenset(organ_words),
        {code: dict(by_surname) for code, by_surname in officials.items()},
        frozenset(known_given_names),
    )


@functools.lru_cache(maxsize=1 << 16)
def states_named(words: str) -> frozenset[str]:
    """The country codes a wording names as a state: a state's name or adjective alone or with words for its
    organs ("Belarus", "Belarusian government", "government of Belarus"); empty for anything else."""
    data = _load()
    folded = fold(words)
    if folded in data.state_codes:
        return data.state_codes[folded]
    rest = [word for word in folded.split() if word not in data.organ_words]
    if rest and rest[0] == _OF and len(rest) < len(folded.split()):
        rest = rest[1:]
    return data.state_codes.get(" ".join(rest), frozenset())


def given_names_compatible(first: str, second: str) -> bool:
    """The same given name, an initial of it, or a transliteration of it ("Alexander"/"Alyaksandr")."""
    if first[0] != second[0]:
        return False
    if len(first) == 1 or len(second) == 1 or first.startswith(second) or second.startswith(first):
        return True
    return JaroWinkler.similarity(first, second) >= GIVEN_NAME_SIMILARITY


@functools.lru_cache(maxsize=1 << 16)
def acts_for(person_words: str, state_words: str) -> bool:
    """Whether ``person_words`` names someone who held a state office of the state ``state_words`` names.
    The last word is the surname, matched to a dictionary spelling at ``SURNAME_SCORE``; a given name
    before it (any word the dictionary knows as one: titles and other words are passed over) must then be
    compatible with one of the official's. Dates of office are not checked: the comparison has no date."""
    data = _load()
    codes = states_named(state_words)
    if not codes or states_named(person_words):  # "Jordan" names a state before it names a person
        return False
    parts = name_parts(fold(person_words))
    if parts is None:
        return False
    before, surname = parts
    stated_given_names = [word for word in before if word in data.known_given_names]
    for code in codes:
        by_surname = data.officials.get(code, {})
        matches = process.extract(surname, list(by_surname), scorer=fuzz.ratio, score_cutoff=SURNAME_SCORE, limit=None)
        for matched, _, _ in matches:
            for given_names in by_surname[matched]:
                if not stated_given_names or not given_names or any(
                    given_names_compatible(stated, own) for stated in stated_given_names for own in given_names
                ):
                    return True
    return False
