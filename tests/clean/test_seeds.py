"""The cleaner on the real seed articles, read at run time from ../shared/seeds (skipped when absent).

Nothing of the seeds is copied here: boilerplate lines are recognised in the raw files by their general
shape (short navigation words, sign-up prompts, credits and their captions, all-capitals headlines,
"read ... article" links, "related article" lines, link-only or symbol-only lines), and every check compares
the cleaned output with the raw file itself.
"""

import hashlib
import re
from pathlib import Path

import pytest

from storyline.clean import Cleaner
from storyline.clean.blocks import split_blocks, strip_markdown_inline
from storyline.records import RawDocument
from storyline.settings import CleanSettings

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
pytestmark = [pytest.mark.seeds]

_NAV_WORD = re.compile(r"^[|•\s]*\w+(?: \w+)?$")  # "Menu", "Search", "| Politics", "• Market Data", "Close"
_PROMPT = re.compile(r"^(?:sign up|subscribe|welcome to|read (?:entire|full|more)|related article)", re.I)
_CREDIT = re.compile(r"^photo\b|/\s*(?:afp|shutterstock)|shutterstock|source:", re.I)


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    matches = sorted(SEEDS.glob(f"{prefix}_*"))
    if not matches:
        pytest.skip(f"seed {prefix} is not present")
    return matches[0]


def _clean(path: Path):
    content = path.read_text(encoding="utf-8")
    media_type = "markdown" if re.search(r"\]\(|^#", content, re.M) else "text"
    doc = RawDocument(hashlib.sha256(content.encode()).hexdigest(), str(path), media_type, content)
    return doc, Cleaner(CleanSettings()).clean(doc)


def _boilerplate_lines(content: str) -> list[str]:
    """Lines of the raw file that are boilerplate by their shape, in their cleaned form."""
    found = []
    lines = [strip_markdown_inline(line).strip() for line in content.splitlines()]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines):
        words = line.split()
        caption_of_credit = i + 1 < len(lines) and _CREDIT.search(lines[i + 1]) and len(words) < 30
        if (
            _NAV_WORD.match(line)
            or _PROMPT.match(line)
            or _CREDIT.search(line)
            or caption_of_credit
            or (line.isupper() and len(words) >= 3)
            or (len(words) <= 5 and not re.search(r"[a-z]{3}", line))
        ):
            found.append(" ".join(words))
    return found


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_body_has_no_boilerplate_and_keeps_the_sentences(prefix):
    doc, article = _clean(_seed(prefix))
    body_paragraphs = [" ".join(p.text.split()) for p in article.paragraphs]
    boilerplate = _boilerplate_lines(doc.content)
    for line in boilerplate:
        assert line not in body_paragraphs, line
        assert not any(p.startswith(line) for p in body_paragraphs if len(line.split()) >= 3), line
    assert not any(p.isupper() for p in body_paragraphs)
    # The article's sentences stay: every long, sentence-ending raw block is in the body.
    for block in split_blocks(doc.content, markdown=doc.media_type == "markdown"):
        if len(block.text.split()) >= 15 and block.text.rstrip("\"'”’").endswith(".") and block.text not in boilerplate:
            assert block.text in article.body, block.text[:60]
    for paragraph in article.paragraphs:
        assert paragraph.text.split()[0] in doc.content[paragraph.raw_start : paragraph.raw_end]


def test_markdown_copy_metadata():
    doc, article = _clean(_seed("001"))
    assert article.published == "2026-03-19"
    assert article.agency == "AFP"
    url_line = re.search(r"https?://\S+?(?=>|\s|$)", doc.content).group()
    assert article.url == url_line
    assert "://" not in article.body


def test_hard_wrapped_copy_unwraps_into_the_same_paragraphs():
    _, wrapped = _clean(_seed("000"))
    _, web = _clean(_seed("001"))

    def fold(text: str) -> str:
        return re.sub(r"[\"'“”‘’]", "", " ".join(text.split()))

    wrapped_paragraphs = [fold(p.text) for p in wrapped.paragraphs]
    web_paragraphs = [fold(p.text) for p in web.paragraphs]
    assert web_paragraphs and all(p in wrapped_paragraphs for p in web_paragraphs)
    assert len(wrapped_paragraphs) - len(web_paragraphs) <= 1  # at most the uncredited photo caption
    assert wrapped.title == web.title
