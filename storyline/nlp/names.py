"""Name forms: cleaning NER spans, transliteration-insensitive keys, and when two person names are one person.

Hand-written because no library covers it: transliteration libraries go from Cyrillic to Latin, while news
text gives only the Latin results of different systems (Belarusian vs Russian spelling, BGN vs passport
style), which have to be compared with each other. The key below undoes the usual differences, and rapidfuzz
scores what remains.

The rule for persons (documented in ``same_person``):
- surnames must match on their key, and their grammatical gender form must not differ: a ``-ova``/``-skaya``
  surname and an ``-ov``/``-sky`` one are different people (a wife and her husband);
- when both names carry a given name, the given names must match too (a father and his son);
- a surname-only name matches a full name with a matching surname, but the caller folds it only when that
  full name is the one candidate (``EntityResolver``) or the nearest one before it (``Analyzer``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# Words that precede a name without being part of it ("President Jane Doe", "envoy John Roe").
TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "secretary",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "pope",
        "cardinal",
        "bishop",
        "archbishop",
        "reverend",
        "rev",
        "father",
        "sister",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "governor",
        "gov",
        "mayor",
        "judge",
        "justice",
        "general",
        "gen",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "admiral",
        "adm",
        "commander",
        "envoy",
        "ambassador",
        "special",
        "leader",
        "opposition",
        "activist",
        "journalist",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "officer",
        "minister's",
        "deputy",
        "former",
        "late",
        "acting",
        "interim",
    ]
)
LEADING_WORDS = frozenset({"the", "a", "an"})
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
NICKNAME = re.compile(r"\s*[\"“][^\"“”]*[\"”]\s*")  # 'Vincent "The Chin" Roe' -> 'Vincent Roe'
QUOTES = re.compile(r"[\"“”]")
EDGE_CHARS = " ,;:-'’()[]"
TRAILING_DOT = re.compile(r"(?<=\w)\.$")

DOUBLED = re.compile(r"(.)\1+")
# Spelling differences between romanisation systems, applied in order to a lower-case ASCII name.
TRANSLITERATION_RULES = (
    (re.compile(r"ou(?=[bcdfghjklmnpqrstvwxz]|$)"), "ov"),  # Belarusian ў: Tsikhanouskaya / Tikhanovskaya
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"g"), "h"),  # Belarusian/Ukrainian h for Russian g: Hrodna / Grodno
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?![hkz])"), "ts"),  # Belarusian/Polish Latin c: Cvirko / Tsvirko
    (re.compile(r"ph"), "f"),
    (re.compile(r"ts(?=[aeiouy])"), "t"),
    (re.compile(r"[jy]"), "i"),
    (DOUBLED, r"\1"),  # doubled letters
)
# Unstressed vowels are written as heard in Belarusian (akanye: 'Kalesnikava' vs 'Kolesnikova') and vary
# between systems ('Sviatlana' / 'Svetlana'), so inner vowels are compared as one class.
INNER_VOWELS = str.maketrans(dict.fromkeys("aeiou", "a"))

FEMININE_SURNAME = re.compile(r"(?:ova|eva|yova|ina|yna|aya|aja|ska|cka|ckaya|ava|iava|ya)$")
MASCULINE_SURNAME = re.compile(r"(?:ov|ev|in|yn|sky|ski|skiy|skii|skyi|ckiy|cky|iy|yy|ii|ij|oy)$")


def clean_mention(text: str) -> str:
    """The name inside an NER span: without titles, articles, nicknames, possessive 's and stray punctuation.

    The small model runs entities across list commas ('Acme, Globex'), so a span is cut at its first comma.
    """
    text = text.split(",")[0]
    text = QUOTES.sub(" ", NICKNAME.sub(" ", text)).strip(EDGE_CHARS)
    text = POSSESSIVE.sub("", text).strip(EDGE_CHARS)
    if text.count(".") == 1:  # a sentence's full stop, not an abbreviation's ('U.S.')
        text = TRAILING_DOT.sub("", text)
    words = text.split()
    while len(words) > 1 and (words[0].lower().strip(".") in TITLES or words[0].lower() in LEADING_WORDS):
        words.pop(0)
    return " ".join(words)


PERSON_WORD = re.compile(r"^(?:[A-Z]\.?|[A-Z][\w'’\-]*[a-z][\w'’\-]*)$")
MAX_PERSON_WORDS = 4


def looks_like_person_name(name: str) -> bool:
    """Whether a PERSON span is shaped like a name: a few capitalised words (not a headline in title case)."""
    words = name.split()
    return 0 < len(words) <= MAX_PERSON_WORDS and all(PERSON_WORD.match(w) for w in words)


def acronym(name: str) -> str:
    """'U.S.' -> 'US'; 'United States' -> 'US': the letters an abbreviation of the name would use."""
    words = name.split()
    if len(words) == 1:
        letters = words[0].replace(".", "")
        return letters if letters.isupper() and 2 <= len(letters) <= 5 else ""
    return "".join(w[0] for w in words if w[0].isupper())


@lru_cache(maxsize=65536)  # names recur across every comparison of a build
def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A spelling-insensitive key of one name word; its last letter is kept as written (it carries gender)."""
    word = re.sub(r"[^a-z]", "", ascii_fold(word))
    if len(word) < 3:
        return word
    for pattern, replacement in TRANSLITERATION_RULES:
        word = pattern.sub(replacement, word)
    return DOUBLED.sub(r"\1", word[0] + word[1:-1].translate(INNER_VOWELS)) + word[-1]


def gender_form(surname: str) -> str | None:
    """'f' for a feminine Slavic-style surname form, 'm' for a masculine one, None when the form says nothing."""
    word = ascii_fold(surname)
    if FEMININE_SURNAME.search(word) and len(word) > 4:
        return "f"
    if MASCULINE_SURNAME.search(word) and len(word) > 4:
        return "m"
    return None


@lru_cache(maxsize=1 << 18)  # a build compares the same surnames over and over
def words_match(a: str, b: str, threshold: float) -> bool:
    if min(len(a), len(b)) <= 4:  # short words: one letter changes the name ('Ben' / 'Bin')
        return ascii_fold(a) == ascii_fold(b)
    key_a, key_b = name_key(a), name_key(b)
    return key_a == key_b or fuzz.ratio(key_a, key_b) >= threshold


def given_names_match(a: list[str], b: list[str], threshold: float) -> bool:
    """Given names agree when the first ones match, or one is the initial of the other."""
    first_a, first_b = a[0].strip("."), b[0].strip(".")
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0].lower() == first_b[0].lower()
    return words_match(first_a, first_b, threshold)


@lru_cache(maxsize=1 << 18)
def same_person(a: str, b: str, threshold: float) -> bool:
    """Whether two cleaned person names can name one person (see the module docstring for the rule)."""
    words_a, words_b = a.split(), b.split()
    if not words_a or not words_b:
        return False
    surname_a, surname_b = words_a[-1], words_b[-1]
    if not words_match(surname_a, surname_b, threshold):
        return False
    form_a, form_b = gender_form(surname_a), gender_form(surname_b)
    if form_a and form_b and form_a != form_b:
        return False
    if len(words_a) > 1 and len(words_b) > 1:
        return given_names_match(words_a[:-1], words_b[:-1], threshold)
    return True


def same_name(a: str, b: str) -> bool:
    """Whether two non-person names (organisations, places) are spellings or abbreviations of one name.

    Only equal transliteration keys count ('Kyiv' / 'Kiev'): place names close in spelling are often
    different places ('Austria' / 'Australia'), which no given name tells apart as it does for persons.
    """
    words_a, words_b = a.split(), b.split()
    if (len(words_a) == 1) != (len(words_b) == 1):
        short, long = (a, b) if len(words_a) == 1 else (b, a)
        return bool(acronym(short)) and acronym(short) == acronym(long)
    if len(words_a) != len(words_b):
        return False
    return all(name_key(x) == name_key(y) for x, y in zip(words_a, words_b, strict=True))
