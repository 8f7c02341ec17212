"""Site boilerplate learned from the corpus: lines that recur across pages of one site.

A menu, a newsletter prompt or a footer is repeated on every page of its site, while an article's
sentences are not. Counting, per site, on how many distinct pages each short line appears finds them with
no list of phrases. The counts are plain JSON so the store can keep them between builds.
"""

from __future__ import annotations

import hashlib

_MAX_LINE_CHARS = 300  # longer blocks are prose; never counted
_MAX_LINES_PER_SITE = 20000  # bound the memory a very large site can take


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

    def learn(self, site: str | None, texts: list[str]) -> None:
        """Count one more page of ``site`` showing each of ``texts``."""
        if not site:
            return
        entry = self.sites.setdefault(site, {"pages": 0, "lines": {}})
        entry["pages"] += 1
        lines = entry["lines"]
        for key in {_key(t) for t in texts if len(t) <= _MAX_LINE_CHARS}:
            if key in lines or len(lines) < _MAX_LINES_PER_SITE:
                lines[key] = lines.get(key, 0) + 1
