"""Event types of storyline, mapped to PLOVER and CAMEO so facts can sit beside POLECAT and GDELT data.

storyline types are finer than PLOVER (the ontology POLECAT uses) and map each to one PLOVER type and the
CAMEO code of the same action (the ontology GDELT uses). PLOVER has no type for a neutral public statement;
such facts carry an empty PLOVER type and CAMEO 010. Elections and a ruler's time in power are context that
neither ontology codes (POLECAT keeps them as contexts, not events): they carry empty codes and are kept for
the timeline's background.

| storyline type     | PLOVER    | CAMEO | CAMEO name                                      |
|--------------------|-----------|-------|-------------------------------------------------|
| release_detainees  | CONCEDE   | 0841  | Return, release person(s)                       |
| ease_sanctions     | CONCEDE   | 085   | Ease economic sanctions, boycott, or embargo    |
| impose_sanctions   | SANCTION  | 163   | Impose embargo, boycott, or sanctions           |
| meet               | CONSULT   | 040   | Consult, not specified                          |
| negotiate          | CONSULT   | 046   | Engage in negotiation                           |
| visit              | CONSULT   | 042   | Make a visit                                    |
| arrest             | COERCE    | 173   | Arrest, detain, or charge with legal action     |
| expel              | COERCE    | 174   | Expel or deport individuals                     |
| appeal             | REQUEST   | 020   | Make an appeal or request                       |
| praise             | SUPPORT   | 051   | Praise or endorse                               |
| criticize          | ACCUSE    | 111   | Criticize or denounce                           |
| statement          | (none)    | 010   | Make statement                                  |
| protest            | PROTEST   | 140   | Engage in political dissent                     |
| repression         | COERCE    | 175   | Use tactics of violent repression               |
| raid               | COERCE    | 171   | Seize or damage property                        |
| close_embassy      | SANCTION  | 161   | Reduce or break diplomatic relations            |
| election           | (none)    | (none)| context                                         |
| govern             | (none)    | (none)| context                                         |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    plover: str
    cameo: str


EVENT_TYPES = {
    t.name: t
    for t in (
        EventType("release_detainees", "CONCEDE", "0841"),
        EventType("ease_sanctions", "CONCEDE", "085"),
        EventType("impose_sanctions", "SANCTION", "163"),
        EventType("meet", "CONSULT", "040"),
        EventType("negotiate", "CONSULT", "046"),
        EventType("visit", "CONSULT", "042"),
        EventType("arrest", "COERCE", "173"),
        EventType("expel", "COERCE", "174"),
        EventType("appeal", "REQUEST", "020"),
        EventType("praise", "SUPPORT", "051"),
        EventType("criticize", "ACCUSE", "111"),
        EventType("statement", "", "010"),
        EventType("protest", "PROTEST", "140"),
        EventType("repression", "COERCE", "175"),
        EventType("raid", "COERCE", "171"),
        EventType("close_embassy", "SANCTION", "161"),
        EventType("election", "", ""),
        EventType("govern", "", ""),
    )
}

# CAMEO's material classes (06-08 cooperation, 14-20 conflict): things done, not said. A release or an
# easing of sanctions names an event better than the statements around it, though statements are more.
_MATERIAL_CAMEO_ROOTS = frozenset(range(6, 9)) | frozenset(range(14, 21))


def is_material(event_type: str) -> bool:
    """True for a type of a CAMEO material class (a release, an easing of sanctions, an arrest)."""
    kind = EVENT_TYPES.get(event_type)
    root = kind.cameo[:2] if kind else ""
    return root.isdigit() and int(root) in _MATERIAL_CAMEO_ROOTS


def dominant_type(counts: Mapping[str, int]) -> str | None:
    """The type that names a happening: the most frequent material type, else the most frequent of all.

    Ties go to the type seen first (``counts`` keeps insertion order, as Counter does).
    """
    material = {kind: n for kind, n in counts.items() if is_material(kind) and n > 0}
    pool = material or {kind: n for kind, n in counts.items() if n > 0}
    return max(pool, key=lambda kind: pool[kind]) if pool else None


# Trigger lemmas per type. Sanction easing and imposing are told apart by the verb and need a sanction word
# among the verb's arguments (SANCTION_WORDS); the other types trigger on the lemma alone.
RELEASE_LEMMAS = frozenset({"free", "release", "pardon", "liberate", "freeing"})
EASE_LEMMAS = frozenset(
    {
        "lift",
        "ease",
        "remove",
        "relieve",
        "relax",
        "loosen",
        "suspend",
        "waive",
        "drop",
        "easing",
        "lifting",
        "removal",
        "relief",
    }
)
IMPOSE_LEMMAS = frozenset({"impose", "slap", "introduce", "tighten", "extend", "sanction", "expand"})
SANCTION_WORDS = frozenset({"sanction", "restriction", "embargo", "ban", "tariff", "blacklist"})
OTHER_TRIGGERS = {
    "meet": "meet",
    "meeting": "meet",
    "summit": "meet",
    "talk": "negotiate",
    "negotiation": "negotiate",
    "negotiate": "negotiate",
    "visit": "visit",
    "arrest": "arrest",
    "detain": "arrest",
    "imprison": "arrest",
    "jail": "arrest",
    "convict": "arrest",
    "expel": "expel",
    "deport": "expel",
    "exile": "expel",
    "urge": "appeal",
    "appeal": "appeal",
    "demand": "appeal",
    "thank": "praise",
    "praise": "praise",
    "welcome": "praise",
    "condemn": "criticize",
    "criticize": "criticize",
    "criticise": "criticize",
    "denounce": "criticize",
    "sentence": "arrest",
    "protest": "protest",
    "demonstration": "protest",
    "demonstrate": "protest",
    "crackdown": "repression",
    "repress": "repression",
    "raid": "raid",
    "election": "election",
    "referendum": "election",
    "rule": "govern",
    "govern": "govern",
}
# Verbs that trigger only with a particular object: 'closed its embassy', 'has held power since'.
CONDITIONED_TRIGGERS = {
    "close": ("close_embassy", frozenset({"embassy", "mission", "consulate"})),
    "shut": ("close_embassy", frozenset({"embassy", "mission", "consulate"})),
    "hold": ("govern", frozenset({"power", "presidency", "office"})),
}
# Verbs that, with the adjective 'free', say people were freed ('walked free', 'were set free').
FREE_PREDICATES = frozenset({"walk", "set", "go", "come"})
# Lemmas that trigger only as verbs: as nouns they name a place or a thing ("in its jails").
VERB_ONLY = frozenset({"jail", "imprison", "detain", "free", "exile", "urge", "thank", "sentence", "rule"})
# Types whose facts are concessions or pressure, the things a deal trades ("in return").
EXCHANGEABLE = frozenset({"release_detainees", "ease_sanctions", "impose_sanctions"})
# Speech verbs: a statement fact of their own, or the attribution of another fact in their sentence.
SPEECH_LEMMAS = frozenset({"say", "tell", "announce", "state", "report", "write", "add", "claim", "declare", "confirm"})
# Nouns for people, the ones a release frees: 'released 40 journalists' but not 'released a new phone'.
PERSON_NOUNS = frozenset(
    """prisoner detainee hostage captive inmate convict activist journalist reporter dissident opponent critic
    protester protestor demonstrator national citizen individual people person man woman child boy girl
    soldier pow serviceman sailor crew crewmember seaman fisherman worker member leader figure blogger lawyer
    student suspect defendant politician official officer diplomat tourist foreigner passenger migrant
    refugee civilian abductee victim family relative son daughter wife husband mother father priest monk
    nun pilot climber miner employee volunteer artist writer poet musician academic scholar researcher
    unionist candidate opposition other""".split()  # noqa: SIM905 - a word list reads best as text
)
# Noun modifiers of 'release' that make it a publication, not freeing people ('a news release').
PUBLICATION_MODIFIERS = frozenset({"news", "press", "media", "product", "public"})
# Verbs joined to 'released' when a patient leaves hospital ('treated and released').
NON_CUSTODY_VERBS = frozenset({"treat", "examine", "evaluate", "discharge", "stabilize", "stabilise"})
# Places one is 'released from' without having been detained.
NON_CUSTODY_PLACES = frozenset(
    {"hospital", "clinic", "care", "treatment", "rehab", "rehabilitation", "examination", "checkup"}
)
# Cues of a stated relation between two facts, and the relation they state.
RELATION_CUES = (
    ("in exchange for", "in_exchange_for"),
    ("in return for", "in_exchange_for"),
    ("in exchange", "in_exchange_for"),
    ("in return", "in_exchange_for"),
    ("following", "follows"),
    ("after", "follows"),
)


def trigger_lemmas() -> frozenset[str]:
    """Words of which a sentence must contain one to hold a fact: the nlp stage parses only such sentences.
    For verbs that trigger only with a given object ('closed its embassy') the object words stand in, being
    far rarer than the verbs."""
    return (
        RELEASE_LEMMAS
        | EASE_LEMMAS
        | IMPOSE_LEMMAS
        | frozenset(OTHER_TRIGGERS)
        | frozenset().union(*(objects for _, objects in CONDITIONED_TRIGGERS.values()))  # 'embassy', not 'hold'
        | SPEECH_LEMMAS
    )
