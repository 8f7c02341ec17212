"""Corpus-level entities: one id per real person, organisation or place across all articles."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from storyline.nlp.names import acronym, ascii_fold, name_key, same_name, same_person
from storyline.records import Analysis, Entity
from storyline.settings import NlpSettings

# Labels the small model confuses with each other for the same name (a country tagged ORG in one sentence,
# GPE in the next); they are resolved as one kind.
LABEL_KIND = {"GPE": "ORG_OR_PLACE", "LOC": "ORG_OR_PLACE", "FAC": "ORG_OR_PLACE", "ORG": "ORG_OR_PLACE"}


def kind_of(label: str) -> str:
    return LABEL_KIND.get(label, label)


def block_keys(kind: str, name: str) -> list[tuple[str, str]]:
    """Index keys that every name which can match ``name`` shares with it, so a lookup only meets those.

    Persons: the spelling key of the surname and each form of it with one letter deleted. Surnames match
    when their keys are equal or within the ratio threshold, which for names' lengths means one letter
    added, dropped or changed: two such keys share a one-deletion form (the 'symmetric deletion'
    neighbourhood of spelling correctors), while a fixed prefix block would grow with every name sharing
    three letters. Organisations and places match only on equal keys of every word, or on an acronym.
    """
    words = name.split() or [name]
    if kind == "PERSON":
        key = name_key(words[-1])
        return [(kind, form) for form in dict.fromkeys([key] + [key[:i] + key[i + 1 :] for i in range(len(key))])]
    keys = [(kind, " ".join(name_key(w) for w in words))]
    if acronym(name):
        keys.append((kind, "acronym:" + acronym(name)))
    return keys


class EntityResolver:
    """Maps article-level entities to corpus entities, folding spelling and transliteration variants.

    Persons match by ``names.same_person``; a surname-only person joins a known full-name person only when
    exactly one known person fits (with two candidates, say a father and son, it stays on its own). Other
    entities match by ``names.same_name`` within their kind (places and organisations together).
    """

    def __init__(self, known: Iterable[Entity] = (), similarity: float = NlpSettings.name_similarity):
        self.similarity = similarity
        self._entities: dict[str, Entity] = {}
        self._blocks: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)  # key -> entity ids, in order
        self._label_votes: dict[str, Counter] = defaultdict(Counter)
        self._changed: dict[str, None] = {}  # ids added or updated since take_changed last ran
        for entity in known:
            self._add(replace(entity, aliases=list(entity.aliases)))
        self._changed.clear()  # known entities are stored already

    def entities(self) -> list[Entity]:
        return list(self._entities.values())

    def take_changed(self) -> list[Entity]:
        """The entities added or updated since the last call: what a store must write, without rewriting
        every entity of a large ledger after each chunk."""
        changed = [self._entities[entity_id] for entity_id in self._changed]
        self._changed = {}
        return changed

    def resolve(self, analysis: Analysis) -> Analysis:
        """The same analysis with entity ids replaced by corpus-level ids (and entities merged accordingly)."""
        corpus_id_of: dict[str, str] = {}
        for entity in sorted(analysis.entities, key=lambda e: -len(e.name.split())):  # full names first
            corpus_id_of[entity.entity_id] = self._resolve_one(entity)
        entities = {cid: self._entities[cid] for cid in dict.fromkeys(corpus_id_of.values())}
        return Analysis(
            analysis.article_id,
            analysis.sentences,
            [
                replace(m, entity=corpus_id_of[m.entity], label=entities[corpus_id_of[m.entity]].label)
                for m in analysis.mentions
            ],
            [replace(e, aliases=list(e.aliases)) for e in entities.values()],
        )

    def _resolve_one(self, entity: Entity) -> str:
        match = self._match(entity)
        if match is None:
            return self._add(replace(entity, entity_id=self._new_id(entity), aliases=list(entity.aliases)))
        known = self._entities[match]
        self._changed[match] = None
        for alias in [entity.name, *entity.aliases]:
            if alias not in known.aliases:
                known.aliases.append(alias)
                for key in block_keys(kind_of(known.label), alias):
                    self._blocks[key][known.entity_id] = None
        self._label_votes[match][entity.label] += 1
        known.label = self._label_votes[match].most_common(1)[0][0]  # the label most articles give it
        if len(entity.name.split()) > len(known.name.split()):
            known.name = entity.name  # a full name is a better display name than a bare surname
        return match

    def _match(self, entity: Entity) -> str | None:
        kind = kind_of(entity.label)
        scored = []
        for candidate_id in self._candidates(kind, entity.name):
            candidate = self._entities[candidate_id]
            names = [candidate.name, *candidate.aliases]
            if kind == "PERSON":
                fits = [n for n in names if same_person(n, entity.name, self.similarity)]
                if fits and self._given_names_agree(candidate, entity):
                    scored.append((max(fuzz.ratio(ascii_fold(n), ascii_fold(entity.name)) for n in fits), candidate_id))
            elif any(same_name(n, entity.name) for n in names):
                scored.append((100.0, candidate_id))
        if not scored:
            return None
        if kind == "PERSON" and len(entity.name.split()) == 1 and len(scored) > 1:
            return None  # a bare surname shared by several known people: do not guess
        return max(scored)[1]

    def _candidates(self, kind: str, name: str) -> list[str]:
        """Known entities sharing a block key with the name, in the order they were first seen."""
        return list(dict.fromkeys(c for key in block_keys(kind, name) for c in self._blocks.get(key, {})))

    def _given_names_agree(self, candidate: Entity, entity: Entity) -> bool:
        """Every full name of the candidate must fit the entity's full name (no father-and-son merge via aliases)."""
        if len(entity.name.split()) == 1:
            return True
        full = [n for n in [candidate.name, *candidate.aliases] if len(n.split()) > 1]
        return all(same_person(n, entity.name, self.similarity) for n in full)

    def _add(self, entity: Entity) -> str:
        self._entities[entity.entity_id] = entity
        self._changed[entity.entity_id] = None
        self._label_votes[entity.entity_id][entity.label] += 1
        for alias in dict.fromkeys([entity.name, *entity.aliases]):
            for key in block_keys(kind_of(entity.label), alias):
                self._blocks[key][entity.entity_id] = None
        return entity.entity_id

    def _new_id(self, entity: Entity) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(entity.name)).strip("-") or "entity"
        base = f"{entity.label.lower()}:{slug}"
        entity_id, number = base, 2
        while entity_id in self._entities:
            entity_id, number = f"{base}-{number}", number + 1
        return entity_id
