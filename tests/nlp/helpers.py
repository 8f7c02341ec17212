"""Articles built from text, as the clean stage would hand them over (one paragraph per blank-line block)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.records import Article, Paragraph

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def article(article_id: str, text: str, published: str | None = None) -> Article:
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    body = "\n\n".join(blocks)
    paragraphs, offset = [], 0
    for block in blocks:
        paragraphs.append(Paragraph(block, offset, offset + len(block)))
        offset += len(block) + 2
    return Article(article_id, article_id, body, paragraphs, published=published)


def seed_article(prefix: str, published: str | None = None) -> Article:
    """A seed file as an Article: hard-wrapped lines joined, markdown links dropped (a minimal clean)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return article(prefix, "\n\n".join(b for b in blocks if b), published)
