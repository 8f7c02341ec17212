"""Hostile HTML costs bounded time and memory: deep nesting is flattened, a flood of elements is cut, and the
article text of such a page is still found."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time

import pytest

from storyline.clean import Cleaner
from storyline.clean.bounds import bound_markup
from storyline.clean.html import _spans, extract_html
from storyline.records import RawDocument
from storyline.settings import CleanSettings

STORY = [
    "The harbour authority closed the northern quay on Friday after a crane collapsed onto a cargo ship "
    "during unloading, injuring two dock workers.",
    "Both workers were taken to the regional hospital with leg injuries and are in a stable condition, a "
    "spokesperson for the hospital said on Friday evening.",
    "Investigators from the safety board arrived in the afternoon and said it was too early to say whether "
    "the crane had failed or had been overloaded.",
]
HEAD = "<!DOCTYPE html><html><head><title>Crane collapses at harbour | Port Herald</title></head><body>"
ARTICLE = "".join(f"<p>{text}</p>" for text in STORY)


def nested_page(depth: int) -> str:
    """The story at the bottom of ``depth`` nested <div> (a page builder gone wrong, or a hostile page)."""
    nest = "<div class='wrap'>" * depth + ARTICLE + "</div>" * depth
    return HEAD + nest + "<p>Port Herald, all rights reserved.</p></body></html>"


def sibling_page(count: int) -> str:
    """The story followed by ``count`` sibling <div> (an endless generated listing)."""
    listing = '<div class="row">lorem ipsum dolor</div>' * count
    return HEAD + f"<main><article>{ARTICLE}</article></main>" + listing + "</body></html>"


def clean(content: str, settings: CleanSettings | None = None) -> tuple[str, float]:
    """The body of the page, and the seconds cleaning it took (after a first page: models and the word lists
    trafilatura's fallback reads load once per process)."""
    cleaner = Cleaner(settings or CleanSettings())
    cleaner.clean(RawDocument("warm-up", "warm-up.html", "html", HEAD + ARTICLE + "</body></html>"))
    doc = RawDocument(hashlib.sha256(content.encode()).hexdigest(), "page.html", "html", content)
    started = time.perf_counter()
    body = cleaner.clean(doc).body
    return body, time.perf_counter() - started


def test_twenty_thousand_nested_divs_are_read_in_about_a_second_and_keep_the_story():
    body, seconds = clean(nested_page(20_000))  # took 9 s before depth was bounded
    assert all(text in body for text in STORY)
    assert seconds < 2


def test_the_headline_and_story_after_a_nest_deeper_than_the_parser_reads_are_found():
    # libxml2 stops at depth 256: unflattened, the tree held nothing after the nest, so neither the headline
    # nor trafilatura's text of the story.
    page = (
        "<html><head><title>Port Herald</title></head><body>" + "<div>" * 300 + "</div>" * 300
        + "<h1>Crane Collapses at the Harbour</h1>" + ARTICLE + "</body></html>"
    )  # fmt: skip
    extraction = extract_html(page, None)
    assert extraction.title == "Crane Collapses at the Harbour"
    assert [text for text, _, _ in extraction.paragraphs] == STORY


def test_a_flood_of_sibling_elements_is_cut_and_the_story_before_it_kept():
    settings = CleanSettings(html_max_elements=2_000)
    body, seconds = clean(sibling_page(50_000), settings)  # 2 MB; jusText alone took 2 s per 2,000 of them
    assert all(text in body for text in STORY)
    assert "lorem" not in body
    assert seconds < 2


def test_markup_past_the_character_limit_is_not_read():
    page = sibling_page(10) + "<p>" + "A sentence added after the end of the page. " * 1_000 + "</p>"
    extraction = extract_html(page, None, max_chars=len(sibling_page(10)))
    assert not any("added after the end" in text for text, _, _ in extraction.paragraphs)


def test_a_page_within_bounds_is_left_as_it_is():
    page = HEAD + "<ul>" + "<li>item without its end tag" * 500 + "</ul>"
    page += "<table>" + "<tr><td>a<td>b" * 500 + "</table>" + "<!-- <div><div><div> -->" * 200
    page += "<script>if (a <b) { x = '<div>'; }</script>" + ARTICLE + "</body></html>"
    assert bound_markup(page, max_depth=128, max_elements=30_000) == page


def test_flattening_keeps_every_word_and_separates_the_blocks():
    markup = "<div>" * 10 + "<p>first block</p><p>second <b>bold</b> block</p>" + "</div>" * 10
    flattened = bound_markup(markup, max_depth=4, max_elements=100)
    assert flattened.count("<div>") == 4 and flattened.count("</div>") == 4
    assert "<p>" not in flattened and "<b>" not in flattened
    assert "first block<br>second  bold  block" in flattened


def test_the_element_limit_cuts_before_the_element_past_it():
    markup = "<body>" + "".join(f"<span>{n}</span>" for n in range(100)) + "</body>"
    assert bound_markup(markup, max_depth=128, max_elements=11).endswith("<span>9</span>")


def test_spans_of_many_paragraphs_not_found_verbatim_cost_a_bounded_search():
    content = "<p>" + "x" * 8_000_000 + "</p>"
    paragraphs = [f"Paragraph {n} with an entity &amp; written out" for n in range(3_000)]
    started = time.perf_counter()
    spans = _spans(content, paragraphs)  # an unbounded search scans 8 MB per paragraph: 24 GB
    assert time.perf_counter() - started < 1
    assert all((start, end) == (0, len(content)) for _, start, end in spans)


_MEASURE = """
import hashlib, json, resource, sys, time
from storyline.clean import Cleaner
from storyline.records import RawDocument
content = sys.stdin.read()
doc = RawDocument(hashlib.sha256(content.encode()).hexdigest(), "page.html", "html", content)
started = time.perf_counter()
body = Cleaner().clean(doc).body
print(json.dumps({"body": body, "seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(content: str) -> dict:
    """Clean ``content`` in a fresh process: its time, body and peak memory (the whole process's)."""
    run = subprocess.run([sys.executable, "-c", _MEASURE], input=content, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


@pytest.mark.slow
@pytest.mark.parametrize(
    "content",
    [nested_page(100_000), sibling_page(1_100_000)],  # 1.2 MB took 211 s; 45 MB took 109 s and 4.9 GB
    ids=["100k-nested-divs", "1.1M-sibling-divs"],
)
def test_the_pages_of_the_report_cost_seconds_and_a_few_hundred_mb(content):
    result = measure(content)
    assert all(text in result["body"] for text in STORY)
    assert result["seconds"] < 10
    assert result["peak_mb"] < 800


def test_a_story_after_a_flood_of_near_empty_elements_survives_the_cut():
    settings = CleanSettings(html_max_elements=2_000)
    flood = "<div>x</div>" * 30_000 + '<div class="row"><a href="/">Home</a></div>' * 1_000
    story = "".join(f"<p>{text.replace('crane', '<a href=/crane>crane</a>')}</p>" for text in STORY)
    page = HEAD + flood + story + "<script>var notice = 'this script is not a paragraph of the story';</script>"
    body, seconds = clean(page + "</body></html>", settings)
    assert all(text in body for text in STORY)
    assert "Home" not in body and "script" not in body
    assert seconds < 2
