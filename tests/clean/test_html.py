import hashlib

from storyline.clean import Cleaner
from storyline.clean import html
from storyline.clean.cleaner import drop_closing_prompts, drop_headline, drop_repeats, line_model
from storyline.clean.html import extract_html
from storyline.records import Paragraph, RawDocument
from storyline.settings import CleanSettings

PARAGRAPHS = [
    "The regional rail company will add four night trains between the coast and the capital from May, its "
    "chief executive announced on Wednesday at a press conference in the central station.",
    "The new services follow a year in which passenger numbers on the line rose by a fifth, the company said, "
    "while the number of flights between the two cities fell for the first time in a decade.",
    "Unions welcomed the plan but warned that the company would need to hire at least forty more drivers to "
    "run the extra trains without cancelling daytime services.",
]
PAGE = f"""<!DOCTYPE html><html><head><title>Night trains return to the coast line | Coastal Courier</title>
<meta property="og:site_name" content="Coastal Courier">
<meta property="article:published_time" content="2031-03-12T08:00:00Z">
<meta name="author" content="Rosa Tellen"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>Night Trains Return to the Coast Line</h1>
<p class="byline">By Rosa Tellen</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Council backs new bridge</a></li></ul></aside>
<footer><p>Sign up for our newsletter</p><p>© 2031 Coastal Courier</p></footer></body></html>"""


def test_html_page_body_and_metadata():
    doc = RawDocument(hashlib.sha256(PAGE.encode()).hexdigest(), "page.html", "html", PAGE,
                      url="https://www.coastal-courier.example/2031/03/12/night-trains")  # fmt: skip
    article = Cleaner(CleanSettings()).clean(doc)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    for junk in ["Most read", "Sign up", "Council backs", "Home"]:
        assert junk not in article.body
    assert article.title == "Night Trains Return to the Coast Line"
    assert article.published == "2031-03-12"
    assert article.outlet == "coastal-courier.example"
    assert article.author == "Rosa Tellen"
    for paragraph in article.paragraphs:
        if paragraph.text in PARAGRAPHS:  # found verbatim in the markup: its span is exact
            assert PAGE[paragraph.raw_start : paragraph.raw_end] == paragraph.text


def test_closing_prompts_after_the_body_are_dropped():
    paragraphs = [Paragraph(text, 0, 0) for text in [*PARAGRAPHS, "Share on Facebook"]]
    kept = drop_closing_prompts(paragraphs, line_model())
    assert [p.text for p in kept] == PARAGRAPHS
    assert drop_closing_prompts(paragraphs[-1:], line_model()) == paragraphs[-1:]  # a lone paragraph stays


def test_recall_pass_never_shortens_the_body():
    def words(extraction):
        return sum(len(text.split()) for text, _, _ in extraction.paragraphs)

    with_recall, without = extract_html(PAGE, None, recall_check=True), extract_html(PAGE, None, recall_check=False)
    assert words(without) > 0
    assert words(with_recall) >= words(without)


def test_headline_repeated_at_the_top_of_the_extraction_is_not_body():
    paragraphs = [Paragraph(text, 0, 0) for text in ["Night Trains Return to the Coast Line", *PARAGRAPHS]]
    assert [p.text for p in drop_headline(paragraphs, "Night trains return to the coast line")] == PARAGRAPHS
    assert drop_headline(paragraphs, None) == paragraphs


def test_recall_pass_runs_only_when_the_default_mode_kept_little_of_the_page(monkeypatch):
    calls = []
    original = html._trafilatura

    def counting(tree, url, **mode):
        calls.append(mode)
        return original(tree, url, **mode)

    monkeypatch.setattr(html, "_trafilatura", counting)
    extract_html(PAGE, None)  # the article is most of the page's words
    assert len(calls) == 1
    calls.clear()
    padded = PAGE.replace("<footer>", "<footer>" + "<p>Council backs new bridge over the river</p>" * 60)
    extract_html(padded, None)
    assert len(calls) == 2


def test_trafilatura_leaves_the_tree_it_is_given_as_it_was():
    # extract_html hands the recall pass the tree the default pass already read: that needs trafilatura
    # to work on a copy, as 2.x does.
    from lxml import etree

    tree = html.load_html(PAGE)
    before = etree.tostring(tree)
    html._trafilatura(tree, None)
    assert etree.tostring(tree) == before


def test_a_sentence_long_paragraph_is_kept_once_and_short_labels_may_recur():
    texts = [PARAGRAPHS[0], "Step one", PARAGRAPHS[1], "Step one", PARAGRAPHS[0]]
    kept = drop_repeats([Paragraph(text, 0, 0) for text in texts])
    assert [p.text for p in kept] == texts[:4]


def test_trailing_paragraphs_another_extractor_lacks_are_cut():
    teaser = "Council backs new bridge over the river after a long debate"
    reference = " ".join(PARAGRAPHS)
    assert html.cut_unconfirmed_edges([*PARAGRAPHS, teaser], reference) == PARAGRAPHS
    assert html.cut_unconfirmed_edges([*PARAGRAPHS, teaser], "") == [*PARAGRAPHS, teaser]  # no second opinion


def test_tail_stays_when_the_other_extractor_found_a_different_text():
    teaser = "Council backs new bridge over the river after a long debate"
    reference = PARAGRAPHS[0]  # confirms too small a share of the body to judge its end
    assert html.cut_unconfirmed_edges([*PARAGRAPHS, teaser], reference) == [*PARAGRAPHS, teaser]


def test_a_closing_list_is_kept():
    items = ["- Reporting losses", "- Renting vehicles with hand controls"]
    assert html.cut_unconfirmed_edges([*PARAGRAPHS, *items], " ".join(PARAGRAPHS)) == [*PARAGRAPHS, *items]
    paragraphs = [Paragraph(text, 0, 0) for text in [*PARAGRAPHS, *items]]
    assert drop_closing_prompts(paragraphs, line_model()) == paragraphs


def test_readability_is_consulted_through_trafilatura_and_the_hook_removed():
    import trafilatura.external

    original = trafilatura.external.try_readability
    with html._readability_output() as seen:
        html._trafilatura(html.load_html(PAGE), None)
    assert trafilatura.external.try_readability is original
    assert seen and "night trains" in seen[0].text_content()


def test_short_leading_labels_the_other_extractor_lacks_are_cut_and_a_long_introduction_stays():
    reference = " ".join(PARAGRAPHS)
    assert html.cut_unconfirmed_edges(["Home / News / Transport", *PARAGRAPHS], reference) == PARAGRAPHS
    introduction = " ".join(["Passengers on the coast line have waited years for a night service"] * 3)
    assert html.cut_unconfirmed_edges([introduction, *PARAGRAPHS], reference) == [introduction, *PARAGRAPHS]


def _teaser_only(tree, url, **mode):
    from trafilatura.settings import Document

    document = Document()
    document.text = "Council backs new bridge"
    return document


def test_a_short_extraction_gives_way_to_a_much_longer_resiliparse_text(monkeypatch):
    monkeypatch.setattr(html, "_trafilatura", _teaser_only)
    extraction = extract_html(PAGE, None, recall_check=False)
    texts = [text for text, _, _ in extraction.paragraphs]
    assert texts[-3:] == PARAGRAPHS and "Council backs new bridge" not in texts
    for text, start, end in extraction.paragraphs:  # each paragraph still points at its markup
        assert PAGE[start:end] == text


def test_a_short_extraction_stays_when_resiliparse_finds_little_more(monkeypatch):
    monkeypatch.setattr(html, "_trafilatura", _teaser_only)
    monkeypatch.setattr(html, "resiliparse_paragraphs", lambda content: ["Council backs new bridge", "Most read"])
    extraction = extract_html(PAGE, None, recall_check=False)
    assert [text for text, _, _ in extraction.paragraphs] == ["Council backs new bridge"]


def test_resiliparse_leaves_out_what_surrounds_the_article():
    texts = html.resiliparse_paragraphs(PAGE)
    assert texts[-3:] == PARAGRAPHS
    assert not any(junk in " ".join(texts) for junk in ["Most read", "Sign up", "Home"])
