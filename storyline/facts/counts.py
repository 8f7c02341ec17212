"""How many people were killed, injured, arrested, freed ... : counts by role, read from the dependency parse.

A role word (data/count_roles.tsv) names the role; the parse names who had it: the passive subject or object of
'kill', the subject of 'die', the bearer of 'dead', the complement of 'death'. The count is read from that noun
phrase: its number ("at least 12 people", "Fifty-two"), a zero ("no one"), a coordination ("a man and a woman"),
or one for a singular person ("a man was shot and killed"). Being shot or stabbed ('struck') counts as injured
unless the same people are stated killed ("two men were shot, one fatally" is one killed and one injured).

Over an article, the main happening is what the early sentences report: per role the largest number they
state, not a sum of singular mentions (a lead's "a man was killed" and a later "the victim died" are one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token
from text_to_num import alpha2digit

from storyline.facts.quantity import VAGUE, parse_number, parse_quantity, part_of
from storyline.records import Quantity

LEXICON_FILE = Path(__file__).with_name("data") / "count_roles.tsv"
ROLES = ("killed", "injured", "arrested", "freed", "missing", "evacuated", "displaced", "held", "affected")
STRUCK = "struck"  # hit by an attack: injured unless stated killed; internal, never returned
NOT_COUNT_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
PREDICATE_DEPS = frozenset({"acomp", "oprd", "ccomp", "xcomp", "attr", "advcl"})
BEARER_PREPOSITIONS = frozenset({"with", "for", "from", "under", "in"})
SENTENCE_ENDS = frozenset({".", "!", "?", '"', "'", "\u201d", "\u2019", ")"})
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
DATELINE_ENDS = frozenset({"-", "\u2013", "\u2014", ":"})  # 'SAN ANTONIO - Two men ...', 'DENVER: Three ...'
# Sentences a count may come from, counted from the first sentence stating one: the lead of a news story
# states the happening's toll; later sentences retell it or tell other happenings (tuned on half of GVA dev).
LEAD_COUNT_SENTENCES = 3


@dataclass(frozen=True)
class RoleCount:
    """How many people a sentence (or article) states had one role, with the words that state it."""

    role: str
    quantity: Quantity  # qualifiers kept ("at least", "more than", "dozens")
    start: int  # char offsets into doc.text of the words stating the count (number + role word)
    end: int
    people: tuple[int, ...] = ()  # token indices of the counted noun(s) or names, when known


@dataclass(frozen=True)
class _Entry:
    kind: str  # patient, subject, state, noun, manner, reflexive, care, headline
    role: str
    head: str
    rest: tuple[str, ...]  # the other lemmas of a phrase


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, tuple[_Entry, ...]]  # by head lemma, phrases first
    classes: dict[str, frozenset[str]]

    def has(self, word_class: str, word: str) -> bool:
        return word in self.classes.get(word_class, ())


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    entries: dict[str, list[_Entry]] = defaultdict(list)
    classes: dict[str, frozenset[str]] = {}
    for line in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, role, words = line.split("\t")
        if kind == "class":
            classes[role] = frozenset(words.split())
        else:
            head, *rest = words.split()
            entries[head].append(_Entry(kind, role, head, tuple(rest)))
    ordered = {head: tuple(sorted(found, key=lambda e: -len(e.rest))) for head, found in entries.items()}
    return _Lexicon(ordered, classes)


def names_others(words: str) -> bool:
    """Whether a count's words say its people are others than those counted before ('another man')."""
    return any(_lexicon().has("besides", word) for word in words.lower().split())


def tells_a_death(event_types: Iterable[str | None]) -> bool:
    """Whether any of these event types is itself a death ('death_type' in data/count_roles.tsv)."""
    return any(name is not None and _lexicon().has("death_type", name.lower()) for name in event_types)


def count_words() -> frozenset[str]:
    """Lemmas whose sentences need a dependency parse for their counts to be read."""
    return frozenset(_lexicon().entries)


# --- sentences --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Count:
    """A count while a sentence is read: the role count plus what the article-level combination needs."""

    role: str
    quantity: Quantity
    start: int  # char offsets of the words stating it
    end: int
    people: tuple[int, ...]
    part: bool = False  # a part of a group counted in the same sentence ("one" of "two men were shot")
    anaphoric: bool = False  # points back to people already counted ("the victim", "he", "one of them")
    suspect: bool = False  # the attacker ("the gunman then shot himself")
    reflexive: bool = False  # done to oneself ("killed herself")
    self_shot: bool = False  # a shot to oneself read as a death: so only when the shooter also hit others
    actor: tuple[int, ...] = ()  # token indices of who did it to himself, for a reflexive
    by_someone: bool = False  # done by a stated actor ('a man killed his wife', 'were killed by a gunman')
    hurt_said: bool = False  # stated hurt in words ('was wounded'), not only hit ('was shot', 'a gunshot wound')
    besides: bool = False  # someone besides those counted before ('another man', 'was also shot')
    survives: bool = False  # its sentence says the people lived ('in stable condition'): never the dead
    word: int | None = None  # token index of the role word ('shot', 'killing'), when a verb or noun states it

    @property
    def number(self) -> int | None:
        return _number(self.quantity)


def sentence_counts(sentence: Span) -> list[RoleCount]:
    """Every role count a dependency-parsed sentence states, struck people resolved to injured or killed."""
    return [_role_count(c) for c in _resolve_struck(_read_sentence(sentence), sentence) if c.role != STRUCK]


def _read_sentence(sentence: Span) -> list[_Count]:
    lexicon = _lexicon()
    found: list[_Count] = []
    for token in sentence:
        for entry in _entries_for(token, lexicon):
            count = _read_role_word(token, entry, lexicon)
            if count is not None:
                found.append(count)
                break
    found = _dedupe(found)
    found = _killers_killed(found, sentence.doc)
    return _attackers_apart(found + _trailing_reflexives(found, sentence, lexicon), sentence, lexicon)


def _has_actor(verb: Token) -> bool:
    """Whether someone is stated doing the act: an active verb's subject or a passive's 'by' agent."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
    )
    return any(c.dep_ == "agent" for c in verb.children) or (not passive and bool(_subjects(verb)))


def _killers_killed(found: list[_Count], doc: Doc) -> list[_Count]:
    """'killed his wife before his son shot him to death', 'four were killed by a man before he was shot by
    police': one person named by a pronoun, dead after others someone killed, is the killer, counted apart."""
    victims = [c for c in found if c.role == "killed" and c.by_someone and not c.reflexive]
    resolved = []
    for count in found:
        pronoun = len(count.people) == 1 and doc[count.people[0]].lower_ in SINGULAR_PRONOUNS
        if count.role == "killed" and pronoun and any(
            v.start < count.start and not set(v.people) & set(count.people) for v in victims
        ):
            count = replace(count, suspect=True)
        resolved.append(count)
    return resolved


def _trailing_reflexives(found: list[_Count], sentence: Span, lexicon: _Lexicon) -> list[_Count]:
    """'killed his wife and son, then himself': a reflexive set beside the people killed (or, as the parser
    may hang it, on the verb) is the killer's own death, which the list of the killed leaves out."""
    counted = {i for count in found for i in count.people}
    trailing = []
    for count in found:
        if count.role != "killed" or count.reflexive:
            continue
        beside = [t for i in count.people for t in sentence.doc[i].subtree if t.dep_ in {"appos", "conj"}]
        if count.word is not None:
            beside += [c for c in sentence.doc[count.word].children if c.dep_ == "npadvmod"]
        for token in beside:
            if token.i in counted or not lexicon.has("reflexive", token.lower_):
                continue
            if token.dep_ == "appos" and token.i == token.head.i + 1:
                continue  # 'the officer himself': emphatic, the same person
            counted.add(token.i)
            quantity = Quantity(token.text, 1, 1, 1, "exact")
            trailing.append(_Count("killed", quantity, *_offsets(sentence.doc, (token.i,)), (token.i,), reflexive=True))
    return trailing


def _attackers_apart(found: list[_Count], sentence: Span, lexicon: _Lexicon) -> list[_Count]:
    """'killed his wife and then himself', 'the gunman shot himself': an attacker, counted on top of his
    victims; 'the girl picked up the gun and killed herself': the one victim; 'he shot himself while playing
    with the gun': a wound."""
    counted = {i for c in found if c.role in {"killed", "injured", STRUCK} and not c.reflexive for i in c.people}
    # 'a boy died after shooting himself', 'a girl is in stable condition after shooting herself': the one who
    # did it is counted already, with the outcome
    found = [c for c in found if not (c.reflexive and set(c.actor) & counted)]
    others = any(c.role in {"killed", "injured", STRUCK} and not c.reflexive for c in found)
    named = any(lexicon.has("suspect", t.lemma_.lower()) and t.dep_ in {"nsubj", "nsubjpass"} for t in sentence)
    attacker = others or named
    resolved = []
    for count in found:
        if count.reflexive:
            role = STRUCK if count.self_shot and not attacker else count.role
            count = replace(count, role=role, suspect=attacker, anaphoric=True)
        resolved.append(count)
    return resolved


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ != "PROPN" else token.lower_


def _entries_for(token: Token, lexicon: _Lexicon) -> list[_Entry]:
    """The lexicon rows a token can state, in the kind its part of speech allows; phrases first."""
    rows = list(lexicon.entries.get(_lemma(token), ())) or list(lexicon.entries.get(token.lower_, ()))
    if not rows:
        return []
    if token.pos_ == "VERB":
        kinds = {"patient", "subject", "reflexive", "state"}
    elif token.pos_ in {"NOUN", "PROPN"}:
        kinds = {"noun", "care"} if any(r.kind == "noun" for r in rows) else {"state", "care"}
        kinds.add("headline")
    elif token.pos_ == "ADV":
        kinds = {"manner"}
    else:
        kinds = {"state"}
    return [r for r in rows if r.kind in kinds and _phrase_holds(token, r)]


def _phrase_holds(head: Token, entry: _Entry) -> bool:
    if entry.kind == "headline" and head.lower_ != entry.head:
        return False  # the participle as written: '4 shot', not 'two shots fired'
    if entry.kind == "reflexive" and not _reflexive_under(head):
        return False
    near = {_lemma(t) for t in head.children} | {_lemma(g) for t in head.children for g in t.children}
    return all(word in near for word in entry.rest)


def _reflexive_under(head: Token) -> Token | None:
    lexicon = _lexicon()
    for token in head.subtree:
        if not lexicon.has("reflexive", token.lower_) or token.dep_ in {"conj", "appos", "npadvmod"}:
            continue  # 'killed his wife and then himself', 'killed his wife, then himself': he is counted apart
        if token.head.i in {head.i} | {c.i for c in head.children if c.dep_ == "prep"}:
            return token  # 'shot himself', 'turned the gun on himself'; not a later verb's ('and then shot himself')
    return None


def _read_role_word(token: Token, entry: _Entry, lexicon: _Lexicon) -> _Count | None:
    if entry.kind == "manner":
        return _manner_split(token, entry)
    if _is_irrealis(token, lexicon) or _clause_told_as_past(token, lexicon) or _dated_as_tally(token, lexicon):
        return None
    role = entry.role
    if role in {STRUCK, "injured"} and any(_is_manner(c) for c in token.children if c.dep_ == "advmod"):
        role = "killed"  # "fatally shot", "mortally wounded"
    if role in {STRUCK, "injured"} and entry.kind == "noun" and any(
        c.dep_ == "amod" and lexicon.has("fatal", c.lower_) and not _negated_word(c, lexicon) for c in token.children
    ):
        role = "killed"  # "a fatal gunshot wound"
    if role == "killed" and any(c.dep_ == "advmod" and lexicon.has("near", c.lower_) for c in token.children):
        role = STRUCK  # "nearly killed": hurt, not dead
    if entry.kind == "reflexive":
        return _reflexive_count(token, lexicon)
    if entry.kind == "headline":
        return _headline_number(token, role)
    if entry.kind == "noun":
        holders = _noun_bearers(token, role)
    else:
        holders = {"patient": _patients, "subject": _subjects, "state": _bearers, "care": _cared_for}[entry.kind](token)
    # Two subjects are a misparse (a dateline 'DENVER (AP) - Four people were shot'): the numbered one counts.
    holders = sorted(holders, key=lambda holder: not (_counts(holder) or _own_count_words(holder)))
    for holder in holders:
        counted = _count_phrase(holder, lexicon)
        if counted is None:
            continue
        quantity, people, words = _with_joined(holder, holders, counted, lexicon)
        if role == "killed" and quantity.value == 1:
            quantity = _toll_by_ordinal(holder, lexicon) or quantity
        negated = any(c.dep_ == "neg" for c in token.children)
        if negated and quantity.value != 0:
            return None
        return _Count(
            role,
            quantity,
            *_offsets(token.doc, (token.i, *words)),
            people,
            part=_is_part(holder),
            anaphoric=_is_anaphoric(holder, lexicon),
            suspect=any(lexicon.has("suspect", holder.doc[i].lemma_.lower()) for i in people),
            hurt_said=entry.kind == "patient" and role == "injured",
            by_someone=entry.kind == "patient" and _has_actor(token),
            besides=_is_besides(token, holder, lexicon),
            survives=role != "killed" and _tells_survival(token.sent, lexicon),
            word=token.i,
        )
    return None


def _tells_survival(sentence: Span, lexicon: _Lexicon) -> bool:
    """'was shot but survived', 'is in stable condition', 'with non-life-threatening injuries': the sentence
    says its hurt people lived (not 'recovered a gun')."""
    for token in sentence:
        if lexicon.has("survives", token.lemma_.lower()) and not any(
            c.dep_ == "dobj" and lexicon.has("thing", c.lemma_.lower()) for c in token.children
        ):
            return True
        if lexicon.has("life_threat", token.lower_) and any(
            lexicon.has("threat_negation", t.lower_) for t in sentence.doc[max(sentence.start, token.i - 4) : token.i]
        ):
            return True
    return False


def _with_joined(
    holder: Token,
    holders: list[Token],
    counted: tuple[Quantity, tuple[int, ...], tuple[int, ...]],
    lexicon: _Lexicon,
) -> tuple[Quantity, tuple[int, ...], tuple[int, ...]]:
    """'Two children, ages 3 and 5, and their mother were found dead': an apposition between them splits the
    coordination, so the parser gives the verb two subjects; one joined by 'and' to the counted one adds to it."""
    quantity, people, words = counted
    doc = holder.doc
    for other in holders:
        before = doc[other.left_edge.i - 1] if other.left_edge.i > 0 else None
        if other.i <= holder.i or before is None or before.dep_ != "cc" or before.head.i == other.i:
            continue
        more = _count_phrase(other, lexicon)
        if more is None or quantity.value is None or more[0].value is None:
            continue
        total = quantity.value + more[0].value
        text = doc[holder.left_edge.i : other.i + 1].text
        quantity = Quantity(text, total, total, total, "exact")
        people, words = people + more[1], words + more[2]
    return quantity, people, words


def _is_besides(word: Token, holder: Token, lexicon: _Lexicon) -> bool:
    """'Another man was shot', 'a woman was also wounded': people besides any counted before."""
    auxiliaries = (c for g in word.children if g.dep_ in {"aux", "auxpass"} for c in g.children)
    near = [holder, *word.children, *holder.children, *auxiliaries]
    return any(lexicon.has("besides", t.lower_) for t in near)


def _toll_by_ordinal(holder: Token, lexicon: _Lexicon) -> Quantity | None:
    """'A third person has died': the dead so far are three."""
    for child in holder.children:
        if child.dep_ == "amod" and child.ent_type_ == "ORDINAL":
            digits = "2" if lexicon.has("ordinal_two", child.lower_) else alpha2digit(child.lower_, "en").rstrip("stndrh")
            number = parse_number(digits)
            if number and number > 1:
                return Quantity(holder.doc[child.i : holder.i + 1].text, number, number, number, "exact")
    return None


def _negated_word(word: Token, lexicon: _Lexicon, prefixes: str = "negating_prefix") -> bool:
    """'non-fatal', 'no-one': a prefix the tokenizer split off with its hyphen, which negates the word."""
    if word.i < 2 or word.doc[word.i - 1].text != "-":
        return False
    return lexicon.has(prefixes, word.doc[word.i - 2].lower_)


def _reflexive_count(verb: Token, lexicon: _Lexicon) -> _Count | None:
    """'the gunman then shot himself' is the attacker's death; 'accidentally shot himself in the leg' a wound.

    A passive verb's reflexive is emphatic ('was shot himself'): that person is counted by the passive.
    """
    pronoun = _reflexive_under(verb)
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None
    role = "killed"
    if any(e.role == STRUCK for e in lexicon.entries.get(_lemma(verb), ())):
        accidental = any(lexicon.has("accident", t.lower_) for t in verb.sent)
        wounded_at = [
            g.lemma_.lower()
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "in"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if accidental or any(lexicon.has("limb", part) for part in wounded_at):
            role = STRUCK
    fatal = any(_is_manner(c) for c in verb.children if c.dep_ == "advmod")  # "fatally shot himself"
    self_shot = role == "killed" and not fatal and any(e.role == STRUCK for e in lexicon.entries.get(_lemma(verb), ()))
    role = "killed" if fatal else role
    quantity = Quantity(pronoun.text, 1, 1, 1, "exact")
    start, end = _offsets(verb.doc, (verb.i, pronoun.i))
    actor = tuple(t.i for t in _actors(verb))
    return _Count(role, quantity, start, end, (pronoun.i,), reflexive=True, self_shot=self_shot, actor=actor)


def _actors(verb: Token) -> list[Token]:
    """Who does the act: the verb's subject, or for 'after shooting himself' the subject of the clause above."""
    found = _subjects(verb)
    if not found and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        clause = verb.head.head
        found = [_antecedent(t) for t in _subjects_only(clause)]
        if not found and clause.dep_ in {"acl", "amod"}:
            found = [clause.head]  # 'a boy wounded after shooting himself'
    return found


def _is_manner(token: Token) -> bool:
    return any(e.kind == "manner" for e in _lexicon().entries.get(token.lower_, ()))


def _clause_told_as_past(word: Token, lexicon: _Lexicon) -> bool:
    """'a vigil for a boy fatally shot earlier in the day', 'the block where a man was killed last week': a
    clause modifying a noun, dated before the news, tells another happening than the sentence's."""
    clause = word
    while clause.dep_ in {"conj", "xcomp", "advcl"} and clause.head.pos_ in {"VERB", "AUX", "ADJ"}:
        clause = clause.head
    if clause.dep_ not in {"relcl", "acl"}:
        return False
    past = lexicon.classes["past"]
    return any(
        t.ent_type_ in {"DATE", "TIME"} and t.lower_ in past and not _hyphenated(t)
        for t in clause.subtree
        if t.dep_ not in {"relcl", "acl"} or t.i == clause.i
    )


def _dated_as_tally(word: Token, lexicon: _Lexicon) -> bool:
    """'at least eight children have been shot this year', 'last year, 265 people were shot': a count dated by a
    year as a whole is a running tally, background to the one happening the news tells."""
    clause = word
    while clause.dep_ == "conj" and clause.head.pos_ in {"VERB", "AUX", "ADJ"}:
        clause = clause.head
    modifiers = (c for c in clause.children if c.dep_ in {"npadvmod", "advmod", "prep"})
    return any(
        t.ent_type_ == "DATE"
        and lexicon.has("tally_period", t.lemma_.lower())
        and any(lexicon.has("tally_determiner", c.lower_) for c in t.children)
        for modifier in modifiers
        for t in modifier.subtree
    )


def _is_irrealis(token: Token, lexicon: _Lexicon) -> bool:
    """'could have been killed', 'threatened to kill', 'if anyone was hurt': not a happening."""
    if any(c.dep_ == "aux" and lexicon.has("irrealis", c.lower_) for c in token.children):
        return True
    if token.dep_ in {"xcomp", "acl"} and lexicon.has("irrealis", _lemma(token.head)):
        return True  # 'threatened to kill', 'in an effort to kill himself'
    if token.dep_ in {"acomp", "attr", "oprd"} and token.head.pos_ == "AUX" and _is_irrealis(token.head, lexicon):
        return True  # 'she could have been dead'
    return any(c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in token.children)


# --- who holds the role ------------------------------------------------------------------------------------


def _patients(verb: Token) -> list[Token]:
    """Who the act is done to: passive subject, object, the noun a participle modifies, or a conjunct's."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or _elliptical_passive(verb)
    found = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS or (passive and c.dep_ == "nsubj")]
    found += [c for c in verb.children if c.dep_ == "dobj"]
    if not found and not any(c.dep_ == "aux" for c in verb.children) and _phrase_of_outcome(verb):
        found = _subjects_only(verb)  # a headline's 'Teen shot to death': no one is shot to death by himself
    if not found and verb.dep_ in {"acl", "amod"} and verb.tag_ != "VBG":  # not "the shooting suspect"
        found = [verb.head]
    if not found and verb.dep_ == "relcl":
        found = [verb.head]
    if not found and passive and verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        found = _subjects_only(verb.head.head)  # "four people are recovering after being shot"
    if not found and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        # "a man was shot and killed": the passive subject is shared; "sent three to hospital and killing
        # one": the object is not
        head = verb.head
        found = [c for c in head.children if c.dep_ in PASSIVE_SUBJECTS]
        if not found and (passive or _elliptical_passive(head)):  # a headline's 'Man shot and killed'
            found = _subjects_only(head)
    if not found and verb.dep_ == "advcl" and verb.tag_ == "VBN" and _elliptical_passive(verb.head):
        found = _subjects_only(verb.head)  # a headline's 'Boy shot, killed in ...'
    if not found:
        found = [
            c
            for conj in verb.children
            if conj.dep_ == "conj"
            for c in conj.children
            if c.dep_ == "dobj" and not _lexicon().has("reflexive", c.lower_)  # 'shot and killed himself'
        ]
    return [_antecedent(t) for t in found]


def _phrase_of_outcome(verb: Token) -> bool:
    """Whether the verb states its patient's outcome in a phrase ('shot to death', 'beaten to death'), which
    only the one it was done to can have."""
    entries = _lexicon().entries.get(_lemma(verb), ())
    return any(entry.kind == "patient" and entry.rest and _phrase_holds(verb, entry) for entry in entries)


def _elliptical_passive(verb: Token) -> bool:
    """'five killed, 250 others injured': a past participle with a subject, no object and no 'have' (nor a
    conjoined verb with an object: 'the gunman shot and killed himself' is active)."""
    return (
        (verb.tag_ == "VBN" or _headline_past(verb))
        and not any(c.dep_ in {"dobj", "aux"} for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in verb.children)
    )


def _headline_past(verb: Token) -> bool:
    """'4 teens shot near park', 'Man shot on Elm Street': a headline drops 'were', so the parser reads the
    people as the shooters; with nothing shot at ('shot at officers') and a noun for subject (not 'he shot'),
    those people are the ones hit."""
    lexicon = _lexicon()
    if not _headline(verb.sent) or verb.tag_ not in {"VBD", "VBP"} or any(lexicon.has("firing_preposition", c.lower_) for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(s.pos_ in {"NOUN", "PROPN", "NUM"} for s in subjects)


def _headline(sentence: Span) -> bool:
    """A headline, which ends without the full stop of a reported sentence."""
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    return last is not None and not (last.is_punct and last.text in SENTENCE_ENDS)


def _subjects(verb: Token) -> list[Token]:
    """Who the intransitive act happens to ('three people died'), a conjunct's subject when it has none."""
    found = _subjects_only(verb)
    if not found and verb.dep_ in {"conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX", "ADJ"}:
        found = _subjects_only(verb.head)
    if not found and verb.dep_ in {"acl", "relcl"}:
        found = [verb.head]
    return [_antecedent(t) for t in found]


def _subjects_only(verb: Token) -> list[Token]:
    """The verb's subjects, also where the small model hangs them on its auxiliary ('14 were missing')."""
    holders = [verb] + [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return [c for holder in holders for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}]


def _bearers(word: Token) -> list[Token]:
    """Who is dead, injured, missing: its own number, its subject, the object of 'left'/'found', its noun."""
    own = _subjects_only(word) + [c for c in word.children if c.dep_ in {"nummod", "npadvmod"} and _counts(c)]
    if own:
        return [_antecedent(t) for t in own]
    if word.dep_ in PREDICATE_DEPS | {"conj"} and word.head.pos_ in {"VERB", "AUX"}:
        verb = word.head
        while True:  # "were found shot dead": up through the predicates to the verb with arguments
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            found = [_antecedent(t) for t in objects or _subjects_only(verb)] or _patients(verb)
            if found or verb.dep_ not in PREDICATE_DEPS or verb.head.pos_ not in {"VERB", "AUX"}:
                return found
            verb = verb.head
    if word.dep_ in {"amod", "acl", "appos"}:
        return [word.head]
    if word.pos_ == "VERB":
        return _patients(word)
    if word.pos_ in {"NOUN", "PROPN"}:
        return [word]  # "the dead", "1 Dead"
    return []


def _headline_number(participle: Token, role: str) -> _Count | None:
    """A headline's '4 shot': the parser takes the participle for a noun, its people for the number on it."""
    if not _headline(participle.sent):
        return None
    # a leading digit may be parsed as a list marker ('meta'): '5 shot outside a store'
    numbers = (c for c in participle.children if c.dep_ in {"nummod", "meta"} and c.i < participle.i and _counts(c))
    for number in numbers:
        quantity = parse_quantity(number.text)
        if quantity is not None:
            start, end = _offsets(participle.doc, (number.i, participle.i))
            return _Count(role, quantity, start, end, (number.i,), word=participle.i)
    return None


def _cared_for(place: Token) -> list[Token]:
    """Who is 'in critical condition' or 'taken to a hospital': the people of the verb the phrase hangs on."""
    preposition = place.head
    if place.dep_ != "pobj" or not _lexicon().has("care_preposition", preposition.lower_):
        return []
    verb = preposition.head
    if preposition.dep_ != "prep" or verb.pos_ not in {"VERB", "AUX"}:
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return [_antecedent(t) for t in objects or _subjects_only(verb)] or _patients(verb)


def _noun_bearers(noun: Token, role: str) -> list[Token]:
    """Whose death or injury: the noun's own count, 'of' or possessor, the subject of 'suffered injuries'.
    Injuries someone died from ('she died from her injuries') are the dead's, counted as a death."""
    verb = noun.head.head
    if role != "killed" and noun.dep_ == "pobj" and verb.pos_ in {"VERB", "AUX"} and _states_death(verb):
        return []
    found = [noun] if _own_count_words(noun) else []
    found += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    found += [c for c in noun.children if c.dep_ == "poss"]
    governor = noun.head
    if noun.dep_ == "pobj" and governor.lower_ in BEARER_PREPOSITIONS:
        governor = governor.head
        while governor.dep_ in {"pobj", "prep"} and governor.pos_ not in {"VERB", "AUX"}:
            governor = governor.head  # "taken to a hospital with injuries"
    elif not (noun.dep_ == "dobj" and _lexicon().has("bearer", _lemma(governor))):
        governor = None
    # The one who bears an injury is the subject ('taken to hospital with injuries', 'suffered a fatal wound');
    # the subject of a verb over a death is someone else ('two men were charged in the death of a woman').
    borne = role != "killed" or noun.dep_ == "dobj"
    if governor is not None and governor.pos_ in {"VERB", "AUX"} and not _states_death(governor) and borne:
        found += [_antecedent(t) for t in _subjects_only(governor)]
    if not found and noun.tag_ == "NN" and any(c.lower_ in {"a", "an"} for c in noun.children):
        found = [noun]  # "an arrest was made"
    return found


def _states_death(verb: Token) -> bool:
    """'died of his injuries': the injuries belong to a death already counted."""
    return any(e.role == "killed" for e in _entries_for(verb, _lexicon()))


def _antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ('a man who was shot')."""
    if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


# --- how many ------------------------------------------------------------------------------------------------


def _counts(token: Token) -> bool:
    if not (token.like_num or token.pos_ == "NUM"):
        return False
    return token.ent_type_ not in NOT_COUNT_LABELS or _counts_before_age(token)


def _counts_before_age(number: Token) -> bool:
    """'Three 28-year-old men': a number just before an age, which the entity recognizer takes into the
    age's DATE, still counts people."""
    following = number.doc[number.i + 1 : number.i + 3]
    return len(following) == 2 and following[0].like_num and following[1].text == "-"


def _own_count_words(noun: Token) -> list[Token]:
    """The number, zero or vague word a noun carries ('two deaths', 'no injuries', 'several arrests'); a number
    after its noun names rather than counts ('Channel 6', 'Local 12')."""
    lexicon = _lexicon()
    return [
        c
        for c in noun.children
        if (c.dep_ == "nummod" and c.i < noun.i and _counts(c) and not _is_measure(c))
        or (c.dep_ == "det" and lexicon.has("zero", c.lower_))
        or (c.dep_ in {"amod", "det"} and (c.lower_ in VAGUE or lexicon.has("two", c.lower_)))
    ]


def _is_measure(number: Token) -> bool:
    """'23-year-old', 'three times': the number measures something, it does not count people."""
    following = number.doc[number.i + 1 : number.i + 4]
    return any(_lexicon().has("thing", t.lemma_.lower()) for t in following if t.text != "-")


def _count_phrase(noun: Token, lexicon: _Lexicon) -> tuple[Quantity, tuple[int, ...], tuple[int, ...]] | None:
    """The count a noun phrase states, with the people counted and the words stating it."""
    members = [noun]
    for conjunct in (c for c in noun.conjuncts if c.i > noun.i):
        if conjunct.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"} or _has_role_word(conjunct, lexicon):
            break  # "one dead and three others wounded": the others are counted by their own word
        members.append(conjunct)
    if len(members) > 1:
        parts = [_count_one(m, lexicon) for m in members]
        if any(p is None for p in parts):
            return None
        values = [p.value for p in parts]
        if any(v is None for v in values):
            return None
        text = noun.doc[noun.left_edge.i : members[-1].i + 1].text
        total = sum(values)
        return Quantity(text, total, total, total, "exact"), tuple(m.i for m in members), tuple(m.i for m in members)
    quantity = _count_one(noun, lexicon)
    if quantity is None:
        return None
    words = {noun.i} | {t.i for c in _own_count_words(noun) for t in c.doc[c.left_edge.i : c.i + 1]}
    return quantity, (noun.i,), tuple(sorted(words))


def _has_role_word(noun: Token, lexicon: _Lexicon) -> bool:
    return any(c.dep_ in {"amod", "acl"} and (_lemma(c) in lexicon.entries or c.lower_ in lexicon.entries) for c in noun.children)


def _count_one(noun: Token, lexicon: _Lexicon) -> Quantity | None:
    lemma = noun.lemma_.lower()
    if lexicon.has("thing", lemma):
        return None
    if (
        lexicon.has("zero", noun.lower_)
        or any(c.dep_ == "det" and lexicon.has("zero", c.lower_) for c in noun.children)
        or _negated_word(noun, lexicon, "zero")  # 'No-one was hurt'
    ):
        return Quantity(noun.doc[noun.left_edge.i : noun.i + 1].text, 0, 0, 0, "exact")
    if lexicon.has("two", noun.lower_):
        return Quantity(noun.text, 2, 2, 2, "exact")
    if _counts(noun) or noun.lower_ in VAGUE:
        start = noun.left_edge.i
        while start < noun.i and noun.doc[start].dep_ in {"det", "predet"}:
            start += 1
        quantity = parse_quantity(noun.doc[start : noun.i + 1].text)
        if quantity is not None and _is_measure(noun):
            return None
        return part_of(quantity) if quantity and _partitive(noun) else quantity
    for child in _own_count_words(noun):
        if lexicon.has("two", child.lower_):
            return Quantity(child.text, 2, 2, 2, "exact")
        # the words before the number qualify it ('at least two'); a dateline parsed into them does not
        # ('SAN ANTONIO - Two men'): the phrase starts after the last dash or colon
        cuts = [t.i + 1 for t in noun.doc[child.left_edge.i : child.i] if t.text in DATELINE_ENDS and t.whitespace_]
        start = max(cuts + [child.left_edge.i])
        quantity = parse_quantity(noun.doc[start : child.i + 1].text)
        if quantity is not None:
            return quantity
    if _is_one_person(noun, lexicon) or _is_one_happening(noun, lexicon):
        return Quantity(noun.doc[noun.left_edge.i : noun.i + 1].text, 1, 1, 1, "exact")
    return None


def _is_one_happening(noun: Token, lexicon: _Lexicon) -> bool:
    """'charged in a fatal shooting death': a death is one person's. (A wound is not counted so: it is often
    the wound of someone counted already, 'died of a gunshot wound'.)"""
    deaths = any(e.kind == "noun" and e.role == "killed" for e in lexicon.entries.get(_lemma(noun), ()))
    return deaths and noun.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def _is_one_person(noun: Token, lexicon: _Lexicon) -> bool:
    if noun.pos_ == "PRON":
        return noun.lower_ in SINGULAR_PRONOUNS or lexicon.has("one_more", noun.lower_)  # 'and another was hurt'
    if lexicon.has("age_head", noun.lower_):  # "a 19-year-old was shot", "the 19-year-old": an age for a person
        # the unit hangs on 'old' ('15-year-old') or, abbreviated, on the number ('15-yr-old')
        unit = any(lexicon.has("age_unit", t.lemma_.lower()) for t in noun.subtree if t.i < noun.i)
        return unit and any(
            c.lower_ in {"a", "an", "the"} for c in noun.children
        )
    if noun.tag_ == "NNP" and noun.ent_type_ == "PERSON":
        return True
    if noun.tag_ == "NNP" and noun.text.istitle():  # a headline's capitals: 'Juvenile Killed', "Friend's Death"
        return lexicon.has("person", noun.lower_)
    return noun.tag_ == "NN" and lexicon.has("person", noun.lemma_.lower())


def _partitive(number: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in number.children)


def _is_part(holder: Token) -> bool:
    """A bare number or partitive ('one died', 'two of them') counts part of a group named before it."""
    if _partitive(holder):
        return True
    return _counts(holder) and holder.dep_ not in {"nummod"} and not any(c.dep_ == "det" for c in holder.children)


def _is_anaphoric(holder: Token, lexicon: _Lexicon) -> bool:
    if holder.pos_ == "PRON" or holder.ent_type_ == "PERSON" or _is_part(holder):
        return True
    return any(c.dep_ in {"det", "poss"} and lexicon.has("anaphor", c.lower_) for c in holder.children)


# --- one sentence -----------------------------------------------------------------------------------------


def _manner_split(adverb: Token, entry: _Entry) -> _Count | None:
    """'two men were shot, one fatally': the number the adverb follows is the part with its role."""
    if adverb.head.pos_ in {"VERB", "ADJ"} and adverb.head.dep_ not in {"npadvmod"}:
        return None  # "fatally shot": read with the verb
    window = adverb.doc[max(adverb.sent.start, adverb.i - 4) : adverb.i]
    numbers = [t for t in window if _counts(t) and not _is_measure(t)]
    if not numbers:
        return None
    number = numbers[-1]
    quantity = parse_quantity(number.text)
    if quantity is None:
        return None
    start, end = _offsets(adverb.doc, (number.i, adverb.i))
    return _Count(entry.role, part_of(quantity), start, end, (number.i,), part=True, anaphoric=True)


def _dedupe(found: list[_Count]) -> list[_Count]:
    """One count per role and group of people: the same people reached from two role words count once."""
    kept: list[_Count] = []
    for count in found:
        same = [k for k in kept if k.role == count.role and set(k.people) & set(count.people)]
        if not same:
            kept.append(count)
    return kept


def _resolve_struck(found: list[_Count], sentence: Span) -> list[_Count]:
    """People shot are injured unless stated killed: wholly ('shot and killed') or in part ('one fatally',
    'eight people, including the two who died'); people wounded and then dead ('a boy who was wounded died')
    are killed only."""
    killed = [c for c in found if c.role == "killed"]
    resolved = [c for c in found if c.role != "injured" or not any(set(c.people) & set(k.people) for k in killed)]
    for struck in (c for c in found if c.role == STRUCK):
        stated = [c for c in found if c.role in {"killed", "injured"} and set(c.people) & set(struck.people)]
        if stated or struck.number is None or any(_one_person_twice(struck, k, sentence.doc) for k in killed):
            continue
        tally = _headline_tally(struck, sentence.doc)  # '4 shot, 2 dead': the shot include the dead
        parts = sum(c.number or 0 for c in killed if not c.suspect and (tally or _is_part_of(c, struck, sentence.doc)))
        if parts <= struck.number:
            remaining = struck.number - parts
            quantity = struck.quantity if not parts else Quantity(struck.quantity.text, remaining, remaining, remaining, "exact")
            resolved.append(replace(struck, role="injured", quantity=quantity))
    return resolved


def _headline_tally(struck: _Count, doc: Doc) -> bool:
    """Whether the people hit are counted in a headline's tally ('Four Shot, Two Dead'), which lists all hit."""
    if struck.word is None:
        return False
    word = doc[struck.word]
    return word.pos_ in {"NOUN", "PROPN"} and any(e.kind == "headline" for e in _lexicon().entries.get(word.lower_, ()))


def _one_person_twice(struck: _Count, dead: _Count, doc: Doc) -> bool:
    """One person shot and dead, named twice in a sentence, the later mention referring back to the earlier:
    'was shot and killed ... and shot the boy in the head', 'struck the man in the heart, killing him'."""
    if struck.number != 1 or not dead.number or dead.suspect or dead.part:
        return False
    later = struck if struck.start > dead.start else dead
    return all(_refers_back(doc[i]) for i in later.people)


def _refers_back(noun: Token) -> bool:
    """A pronoun, a definite noun ('the boy') or a person's name: words for someone already introduced.
    (Not a possessive: 'a man was killed and his son was shot' are two people.)"""
    if noun.pos_ == "PRON":
        return noun.lower_ in SINGULAR_PRONOUNS
    return noun.ent_type_ == "PERSON" or any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _is_part_of(count: _Count, group: _Count, doc: Doc) -> bool:
    """A count of part of a group: a bare number or partitive, people named inside the group's phrase, or the
    outcome of the group's act for some of them ('shot seven people, killing a boy')."""
    inside = any(doc[g].left_edge.i <= i <= doc[g].right_edge.i for g in group.people for i in count.people)
    return count.part or (inside and not set(count.people) & set(group.people)) or _outcome_of(count, group, doc)


def _outcome_of(count: _Count, group: _Count, doc: Doc) -> bool:
    """'shot seven people, killing a boy': a participle clause after the act that hit a group tells what
    became of some of those hit (the parser often hangs it on the sentence's main verb instead)."""
    if count.word is None or group.word is None or count.word <= group.word:
        return False
    if (group.number or 0) <= (count.number or 0):
        return False  # 'a shot hit her, killing her baby': someone besides the one hit
    verb = doc[count.word]
    return verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj", "xcomp"}


# --- one article ------------------------------------------------------------------------------------------


def article_counts(doc: Doc, sentences: list[Span]) -> dict[str, RoleCount]:
    """One count per role for the article's main happening (see the module docstring)."""
    read = [_resolve_struck(_read_sentence(s), s) for s in sentences]
    stating = [i for i, found in enumerate(read) if found]
    stating = [i for i in stating if i == stating[0] or not _tells_the_past(sentences[i], sentences[stating[0]], doc)]
    lead = stating[:LEAD_COUNT_SENTENCES]
    chosen: dict[str, RoleCount] = {}
    for role in ROLES:
        in_lead = [(i, c) for i in lead for c in read[i] if c.role == role]
        if not in_lead:
            continue
        if role == "killed":
            best = _killed(in_lead)
        elif role == "injured":
            best = _injured(in_lead, [(i, c) for i in lead for c in read[i]])
        else:
            best = _largest(c for _, c in in_lead)
        if best is not None:
            chosen[role] = _role_count(best)
    return chosen


def with_headline(tolls: dict[str, RoleCount], headline: list[RoleCount]) -> dict[str, RoleCount]:
    """The body's toll beside its headline's: one person the body describes as hit ('a girl accidentally shot
    herself') is the one the headline says died ('Girl Killed After Accidental Shooting') when the body
    states no death, not someone hurt besides. A body that only describes or estimates a role's people ('several
    people were shot', 'a boy was shot in the foot') yields to a headline that numbers more ('Six Shot At ...')."""
    tolls = {role: count for role, count in tolls.items() if not _outnumbered_by(count, headline)}
    injured = tolls.get("injured")
    headline_dead = any(c.role == "killed" and (_number(c.quantity) or 0) >= 1 for c in headline)
    if "killed" in tolls or injured is None or not headline_dead:
        return tolls
    described = _number(injured.quantity) == 1 and parse_quantity(injured.quantity.text) is None
    if not described or names_others(injured.quantity.text):
        return tolls
    return {role: count for role, count in tolls.items() if role != "injured"}


def _outnumbered_by(count: RoleCount, headline: list[RoleCount]) -> bool:
    """Whether a body's count, described or estimated rather than numbered, is fewer than the headline numbers."""
    numbered = parse_quantity(count.quantity.text)
    if numbered is not None and numbered.value is not None:
        return False
    stated = _number(count.quantity) or 0
    return any(
        c.role == count.role and c.quantity.value is not None and c.quantity.value > stated
        and parse_quantity(c.quantity.text) is not None
        for c in headline
    )


def _tells_the_past(sentence: Span, lead: Span, doc: Doc) -> bool:
    """A sentence dated to an earlier year than the article's news ('the 2004 tsunami killed 168,000'), or
    'years ago': background, whose counts are not the happening's."""
    past = _lexicon().classes["past"]
    dates = [e for e in sentence.ents if e.label_ == "DATE"]
    if any(t.lower_ in past and not _hyphenated(t) for e in dates for t in e):
        return True
    years = _years(dates)
    if not years:
        return False
    latest = max(_years(e for e in doc.ents if e.label_ == "DATE"))
    lead_years = _years(e for e in lead.ents if e.label_ == "DATE")
    return max(years) < latest or not lead_years


def _hyphenated(token: Token) -> bool:
    """A word inside a hyphenated compound ('a 2-year-old'), which the parser may tag a date but dates nothing."""
    doc = token.doc
    return any(0 <= i < len(doc) and doc[i].text == "-" for i in (token.i - 1, token.i + 1))


def _years(dates: Iterable[Span]) -> list[int]:
    return [int(t.text) for e in dates for t in e if t.shape_ == "dddd" and 1800 < int(t.text) < 2200]


def _largest(counts: Iterable[_Count]) -> _Count | None:
    """The largest number stated, the first stating it winning ties; a zero only when nothing else is."""
    best = None
    for count in counts:
        if count.number is not None and (best is None or count.number > best.number):
            best = count
    return best


def _killed(found: list[tuple[int, _Count]]) -> _Count | None:
    """Victims and the attacker are counted apart and added: 'killed two people, then himself' is three."""
    victims = _largest(c for _, c in found if not c.suspect)
    attackers = _largest(c for _, c in found if c.suspect)
    if victims is None or attackers is None or not attackers.number:
        return victims or attackers
    if victims.reflexive and attackers.reflexive:  # 'a boy shot himself' and 'the suspect shot himself': one
        return _largest([victims, attackers])
    total = victims.number + attackers.number
    quantity = Quantity(f"{victims.quantity.text} + {attackers.quantity.text}", total, total, total, "exact")
    start, end = min(victims.start, attackers.start), max(victims.end, attackers.end)
    return _Count("killed", quantity, start, end, victims.people + attackers.people)


def _injured(found: list[tuple[int, _Count]], everything: list[tuple[int, _Count]]) -> _Count | None:
    """Injured as stated, less those a later sentence says died ('A man was shot. He died.').

    Once the article has a death, people referred back to as hurt, no more of them than the dead ('the boy was
    shot in the chest', 'found the father and two children wounded'), are taken for the dead, unless the same
    sentence tells the death apart; so is one person described as hit in a sentence of its own ('deputies found
    a teenager suffering from a gunshot wound'), unless said to be hurt ('a girl was wounded') or someone else
    ('another man was shot'). People counted as hit ('Four people were shot') include the dead another sentence
    counts ('One man died'): three were injured.
    """
    deaths = {i for i, c in everything if c.role == "killed" and c.number}
    netted = []
    for index, count in found:
        if count.number is None:
            continue
        hit_only = count.number == 1 and not (count.hurt_said or count.besides or _is_numbered(count))
        referred = count.anaphoric and not count.besides  # 'the victim', not 'the other victim'
        taken_for_dead = (referred or hit_only) and not (count.survives and not count.part)
        if deaths and taken_for_dead and index not in deaths and 0 < count.number <= _most_dead(everything):
            continue
        later_deaths = [
            c.number or 0
            for i, c in everything
            if i > index
            and c.role == "killed"
            and c.anaphoric
            and not c.suspect
            and not any(o.role == STRUCK for j, o in everything if j == i)
        ]
        split_already = any(i == index and c.role == "killed" for i, c in everything)  # 'two shot, one fatally'
        if later_deaths and not split_already and not count.survives and _was_struck(count, everything, index):
            remaining = max(0, count.number - max(later_deaths))
            count = replace(count, quantity=Quantity(count.quantity.text, remaining, remaining, remaining, "exact"))
        elif not split_already and not (count.hurt_said or count.besides or count.survives):
            dead = max((c.number or 0 for i, c in everything if i != index and c.role == "killed" and not c.suspect), default=0)
            if 0 < dead < count.number:  # 'Four people were shot ... One man died': all hit, the dead among them
                remaining = count.number - dead
                count = replace(count, quantity=Quantity(count.quantity.text, remaining, remaining, remaining, "exact"))
        netted.append(count)
    return _largest(netted)


def _is_numbered(count: _Count) -> bool:
    """Counted with a number ('one', '2'), not described ('a man', 'his friend')."""
    return parse_quantity(count.quantity.text) is not None


def _most_dead(everything: list[tuple[int, _Count]]) -> int:
    """The largest number of dead any read sentence states."""
    return max((c.number or 0 for _, c in everything if c.role == "killed"), default=0)


def _was_struck(count: _Count, everything: list[tuple[int, _Count]], index: int) -> bool:
    return any(c.role == STRUCK and c.people == count.people for i, c in everything if i == index)


def _role_count(count: _Count) -> RoleCount:
    return RoleCount(count.role, count.quantity, count.start, count.end, count.people)


def _offsets(doc: Doc, indices: Iterable[int]) -> tuple[int, int]:
    tokens = [doc[i] for i in indices]
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _number(quantity: Quantity) -> int | None:
    """The number a count stands for: the stated one, else the low end of a vague range ('dozens')."""
    return quantity.value if quantity.value is not None else quantity.low
