"""Fold exact and near-duplicate copies of one article into one canonical article.

MinHash signatures of word shingles, candidates from datasketch's LSH index, so that a new article is
compared with the few copies that could match it rather than with the whole ledger. Works across
formats because it reads the cleaned body: a PDF extraction and a web scrape of one wire story shingle
alike once both are cleaned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.records import Article
from storyline.settings import DedupSettings

_WORD = re.compile(r"\w+", re.UNICODE)
# Stored signatures are only comparable under the hashing scheme that made them: pin it.
_SCHEME = "affine32"
# Metadata a canonical copy borrows from its twins when it lacks it.
_LENDABLE = ("published", "url", "title", "outlet", "author", "agency", "fetched")


@dataclass
class FoldResult:
    """What one batch did to the ledger."""

    canonical: list[Article] = field(default_factory=list)  # new articles that stand for themselves
    updated: list[Article] = field(default_factory=list)  # stored canonical articles that borrowed metadata
    copies: list[tuple[Article, str]] = field(default_factory=list)  # (copy, id of its canonical article)
    signatures: dict[str, bytes] = field(default_factory=dict)  # new canonical ids -> MinHash values


def completeness(article: Article) -> tuple:
    """Why one copy is the better canonical: it knows more (date, url, title...), then it is longer."""
    known = sum(getattr(article, name) is not None for name in _LENDABLE)
    return (article.published is not None, known, len(article.body), article.article_id)


class Deduplicator:
    """Streaming duplicate folding over a ledger whose canonical signatures are already known."""

    def __init__(self, settings: DedupSettings, signatures: Iterable[tuple[str, bytes]] = ()):
        self.settings = settings
        self._lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
        self._minhashes: dict[str, MinHash] = {}
        for article_id, values in signatures:
            self._insert(article_id, self._from_bytes(values))

    def signature(self, article: Article) -> MinHash:
        words = [w.lower() for w in _WORD.findall(article.body)]
        size = self.settings.shingle_words
        shingles = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
        minhash = MinHash(num_perm=self.settings.num_perm, scheme=_SCHEME)
        minhash.update_batch([s.encode("utf-8") for s in shingles])
        return minhash

    def fold(self, articles: list[Article], stored: dict[str, Article]) -> FoldResult:
        """Fold a batch of new articles into themselves and into the stored canonical ``stored`` articles.

        A group that contains a stored canonical article keeps it as canonical (its id is already used by
        facts and events) and lends it what the new copies know; otherwise the most complete copy wins.
        """
        result = FoldResult()
        signatures = {a.article_id: self.signature(a) for a in articles}
        parent = {a.article_id: a.article_id for a in articles}

        def root(node: str) -> str:
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        batch_lsh = MinHashLSH(threshold=self.settings.threshold, num_perm=self.settings.num_perm)
        stored_match: dict[str, str] = {}
        for article in articles:
            minhash = signatures[article.article_id]
            for other in batch_lsh.query(minhash):
                if signatures[other].jaccard(minhash) >= self.settings.threshold:
                    parent[root(article.article_id)] = root(other)
            batch_lsh.insert(article.article_id, minhash)
            # The closest stored copy (then the first id): the LSH answers a set, whose order varies by run.
            matches = [(self._minhashes[known].jaccard(minhash), known) for known in self._lsh.query(minhash)]
            matches = [(-similarity, known) for similarity, known in matches if similarity >= self.settings.threshold]
            if matches:
                stored_match.setdefault(article.article_id, min(matches)[1])

        groups: dict[str, list[Article]] = {}
        updated: dict[str, Article] = {}
        for article in articles:
            groups.setdefault(root(article.article_id), []).append(article)
        for members in groups.values():
            anchor = next((stored_match[a.article_id] for a in members if a.article_id in stored_match), None)
            if anchor is not None and anchor in stored:
                base = updated.get(anchor, stored[anchor])
                enriched = replace(_lend(base, members))
                enriched.copies = sorted({*base.copies, *(a.article_id for a in members)})
                updated[anchor] = enriched
                result.copies.extend((a, anchor) for a in members)
                continue
            members.sort(key=completeness, reverse=True)
            canonical = replace(_lend(members[0], members[1:]))
            canonical.copies = sorted({*canonical.copies, *(a.article_id for a in members[1:])})
            result.canonical.append(canonical)
            result.copies.extend((a, canonical.article_id) for a in members[1:])
            self._insert(canonical.article_id, signatures[canonical.article_id])
            result.signatures[canonical.article_id] = self._to_bytes(signatures[canonical.article_id])
        result.updated = list(updated.values())
        return result

    def forget(self, article_id: str) -> None:
        """Drop a canonical article that was not stored after all (it failed a later step)."""
        if self._minhashes.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def _insert(self, article_id: str, minhash: MinHash) -> None:
        self._minhashes[article_id] = minhash
        self._lsh.insert(article_id, minhash)

    def _to_bytes(self, minhash: MinHash) -> bytes:
        return minhash.hashvalues.astype(np.uint64).tobytes()

    def _from_bytes(self, values: bytes) -> MinHash:
        hashvalues = np.frombuffer(values, dtype=np.uint64)
        return MinHash(num_perm=self.settings.num_perm, hashvalues=hashvalues, scheme=_SCHEME)


def _lend(canonical: Article, copies: list[Article]) -> Article:
    """The canonical article with each missing metadata field taken from the first copy that has it."""
    borrowed = {}
    for name in _LENDABLE:
        if getattr(canonical, name) is None:
            value = next((getattr(c, name) for c in copies if getattr(c, name) is not None), None)
            if value is not None:
                borrowed[name] = value
    return replace(canonical, **borrowed) if borrowed else canonical
