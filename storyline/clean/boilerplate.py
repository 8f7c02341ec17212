"""Site boilerplate learned from the corpus: lines that recur across pages of one site.

A menu, a newsletter prompt or a footer is repeated on every page of its site, while an article's
sentences are not. Counting, per site, on how many distinct pages each short line appears finds them with
no list of phrases. The counts are plain JSON so the store can keep them between builds.

What makes a line boilerplate is that it recurs across different articles; saved copies of one article (a
live page saved again after each update) repeat its sentences as faithfully as its menu. A page whose body
is mostly lines already seen on the site is such a copy, and is not counted (``repeats_seen_article``):
otherwise its fourth copy would find every one of its paragraphs learned as boilerplate.
"""

from __future__ import annotations

import hashlib

_MAX_LINE_CHARS = 300  # longer blocks are prose; never boilerplate (counted only to recognise copies)
_MAX_LINES_PER_SITE = 20000  # bound the memory a very large site can take
# A page whose body has at least this share of its words in lines already seen on the site (and not yet
# boilerplate) repeats an article counted before. A new article shares at most its template's lines, short
# beside its sentences; an updated copy shares all but the update.
_SEEN_SHARE = 0.5


def _key(text: str) -> str:
    return hashlib.blake2b(" ".join(text.lower().split()).encode(), digest_size=8).hexdigest()


class SiteBoilerplate:
    """Per site: how many pages were seen, and on how many of them each line appeared."""

    def __init__(self, state: dict | None = None):
        self.sites: dict[str, dict] = {
            site: {"pages": int(entry["pages"]), "lines": dict(entry["lines"])}
            for site, entry in (state or {}).get("sites", {}).items()
        }

    def state(self) -> dict:
        return {"sites": {site: {"pages": e["pages"], "lines": dict(e["lines"])} for site, e in self.sites.items()}}

    def recurring(self, site: str | None, texts: list[str], min_pages: int) -> list[bool]:
        """Which of ``texts`` were already seen on at least ``min_pages`` other pages of ``site``."""
        entry = self.sites.get(site) if site else None
        if not entry:
            return [False] * len(texts)
        lines = entry["lines"]
        return [len(t) <= _MAX_LINE_CHARS and lines.get(_key(t), 0) >= min_pages for t in texts]

    def repeats_seen_article(self, site: str | None, body: list[str], min_pages: int) -> bool:
        """Whether ``body`` (a page's body lines) is mostly lines already seen on ``site`` that are not its
        boilerplate (seen on fewer than ``min_pages`` pages): the page is a copy of an article counted before."""
        entry = self.sites.get(site) if site else None
        if not entry:
            return False
        lines = entry["lines"]
        words = seen = 0
        for text in body:
            count = lines.get(_key(text), 0)
            if count < min_pages:
                words += len(text.split())
                seen += len(text.split()) if count else 0
        return seen >= _SEEN_SHARE * words > 0

    def learn(self, site: str | None, texts: list[str]) -> None:
        """Count one more page of ``site`` showing each of ``texts``."""
        if not site:
            return
        entry = self.sites.setdefault(site, {"pages": 0, "lines": {}})
        entry["pages"] += 1
        lines = entry["lines"]
        for key in dict.fromkeys(map(_key, texts)):  # page order, not hash order: the cap must not depend on the hash seed
            if key in lines or len(lines) < _MAX_LINES_PER_SITE:
                lines[key] = lines.get(key, 0) + 1
