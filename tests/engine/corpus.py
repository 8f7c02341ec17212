"""A corpus of a few dozen to a few hundred distinct articles, written from the bundled examples.

Each article mixes paragraphs of two or three example reports (of the release story or of the flood) and
changes their figures, places and days, so that duplicate folding, entity resolution and event grouping
all have real work (some articles fold as copies, most group into events of several reports).
"""

from __future__ import annotations

import random
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_PLACES = ["Harwick", "Dunmore", "Caldera Springs", "Ostrava Vale", "Pellham", "Brisk Harbour", "Tamsin Ford"]
_OUTLETS = ["Coastal Courier", "Evening Ledger", "Ridge Star", "Morning Dispatch", "Lakeside Times"]
_MONTHS = ["March", "April", "May", "June", "July"]


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80 and not p.lstrip().startswith(("#", "<", "{"))]


def write_corpus(folder: Path, count: int, seed: int = 11) -> list[Path]:
    """``count`` .txt articles in ``folder``; the same arguments always write the same files."""
    rng = random.Random(seed)
    sources = [_paragraphs(p) for story in ("story", "flood") for p in sorted((EXAMPLES / story).iterdir())
               if p.suffix in (".txt", ".md")]
    sources = [paragraphs for paragraphs in sources if len(paragraphs) >= 2]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        picked = rng.sample(sources, rng.choice((2, 3)))
        body = [p for paragraphs in picked for p in rng.sample(paragraphs, min(len(paragraphs), rng.randint(2, 4)))]
        place, outlet = rng.choice(_PLACES), rng.choice(_OUTLETS)
        day = f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, 2031"
        swap = {str(n): str(n + rng.randint(1, 9)) for n in range(3, 60)}
        text = "\n\n".join(" ".join(swap.get(word, word) for word in p.split(" ")) for p in body)
        headline = f"{place}: {body[0].split('.')[0][:90]}"
        path = folder / f"{number:04d}_{outlet.lower().replace(' ', '_')}.txt"
        path.write_text(f"{headline}\n\n{outlet} · {day}\n\n{place} — {text}\n", encoding="utf-8")
        written.append(path)
    return written
