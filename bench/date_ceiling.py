#!/usr/bin/env python3
"""How many gold dates a scrape states at all: the ceiling for any date finder that reads the scrape alone.

    python bench/date_ceiling.py SET_DIR

Unlike ``bench/cleaning.py`` this reads SET_DIR/gold.jsonl: it is an analysis of the set, not a predictor.
For each page with a gold date it looks in SET_DIR/pages/ID.txt for that date written in any common
numeric or word form (ISO, "March 4, 2031", "4 Mar 2031", "4 de marzo de 2031", 03/04/2031 and 04.03.31 in either order, with
ordinals), independently of storyline's own date reader, and separately for the month and day alone
("Mar 4", as blog platforms print dates of the current year). Prints the counts and the two ceilings.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import json
import re
from pathlib import Path

from dateparser.languages import default_loader


LANGUAGES = ("en", "es", "pt", "fr", "it", "de", "nl", "ca", "ro", "sv", "da", "nb", "pl", "id", "tr")


@functools.cache
def month_words(month: int) -> str:
    """The month's names and abbreviations in the common Latin-script languages (dateparser's locale data)."""
    english = calendar.month_name[month].lower()
    words = {english, calendar.month_abbr[month].lower()}
    for language in LANGUAGES:
        words.update(w.lower().rstrip(".") for w in default_loader.get_locale(language).info.get(english, []))
    return "(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\.?"


def written_forms(year: int, month: int, day: int) -> re.Pattern:
    """The date with its year, in the forms pages write it."""
    names = month_words(month)
    d, m, y = rf"0?{day}(?:st|nd|rd|th)?", rf"0?{month}", rf"(?:{year}|{year % 100:02d})"
    forms = [
        rf"{year}[-/.]0?{month}[-/.]0?{day}(?!\d)",
        rf"{names}\s+{d},?\s+{year}",
        rf"(?<!\d){d}[\s.-]+(?:of\s+|de\s+)?{names},?[\s-]+(?:de\s+)?{year}",
        rf"(?<!\d){m}([/.-]){d}\1{y}(?!\d)",
        rf"(?<!\d){d}([/.-]){m}\2{y}(?!\d)",
    ]
    return re.compile("|".join(f"(?:{form})" for form in forms), re.I)


def month_and_day(month: int, day: int) -> re.Pattern:
    names = month_words(month)
    return re.compile(rf"\b{names}\s+0?{day}\b(?!,?\s+\d)|(?<!\d)0?{day}\s+{names}\b(?!,?\s+\d)", re.I)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path)
    args = parser.parse_args()
    dated = written = day_only = 0
    for line in open(args.set_dir / "gold.jsonl", encoding="utf-8"):
        gold = json.loads(line)
        if not gold.get("published"):
            continue
        dated += 1  # as the scorer counts: a gold date of less than a day can never be matched
        if len(gold["published"]) < 10:
            continue
        year, month, day = map(int, gold["published"][:10].split("-"))
        scrape = (args.set_dir / "pages" / f"{gold['id']}.txt").read_text(encoding="utf-8", errors="replace")
        if written_forms(year, month, day).search(scrape):
            written += 1
        elif month_and_day(month, day).search(scrape):
            day_only += 1
    print(f"pages_with_gold_date={dated} date_written_with_year={written} month_and_day_only={day_only}")
    print(f"ceiling_with_year={written / dated:.3f} ceiling_with_yearless={(written + day_only) / dated:.3f}")


if __name__ == "__main__":
    main()
