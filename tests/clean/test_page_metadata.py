"""The HTML metadata sources are collected separately and weighed by trust (invented pages only)."""

from trafilatura.utils import load_html

from storyline.clean.html import choose_date, choose_title, strip_site_name
from storyline.clean.page_metadata import iso_date, read_page_metadata

BODY = "<p>" + "The ferry company said the new timetable starts next month and adds two crossings a day. " * 3 + "</p>"


def _metadata(head: str, body: str):
    return read_page_metadata(load_html(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"))


def test_iso_date_reads_machine_dates_only():
    assert iso_date("2031-04-05T10:00:00+02:00") == "2031-04-05"
    assert iso_date("2031-13-40") is None
    assert iso_date("see page 12 of the 2031-04-05 report") is None  # not a date value


def test_json_ld_graph_and_meta_dates_are_collected_by_source():
    head = """<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",
        "headline": "Ferry Timetable Doubles", "datePublished": "2031-04-05T09:00:00Z",
        "dateModified": "2031-06-01T12:00:00Z"}]}</script>
        <meta property="article:modified_time" content="2031-06-01T12:00:00Z">"""
    metadata = _metadata(head, "<h1>Ferry Timetable Doubles</h1>" + BODY)
    assert metadata.dates["jsonld_published"] == ["2031-04-05"]
    assert metadata.dates["jsonld_modified"] == ["2031-06-01"]
    assert metadata.titles["jsonld_headline"] == ["Ferry Timetable Doubles"]
    assert choose_date(metadata) == "2031-04-05"


def test_meta_published_beats_an_updated_date_shown_by_the_headline():
    head = """<meta property="article:published_time" content="2031-04-05T09:00:00Z">
        <meta property="article:modified_time" content="2031-06-01T12:00:00Z">"""
    metadata = _metadata(head, "<h1>Ferry Timetable Doubles</h1><p>Updated June 1, 2031</p>" + BODY)
    assert metadata.dates["visible"] == ["2031-06-01"]
    assert choose_date(metadata) == "2031-04-05"


def test_visible_date_is_used_when_it_is_not_a_modification_date():
    head = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2030-01-02"}</script>'
    metadata = _metadata(head, "<h1>Ferry Timetable Doubles</h1><p>March 3, 2031</p>" + BODY)
    assert choose_date(metadata) == "2031-03-03"


def test_site_name_is_cut_from_either_end_of_a_title():
    assert strip_site_name("Ferry Timetable Doubles | Harbour Post", "Harbour Post", "") == "Ferry Timetable Doubles"
    assert strip_site_name("Harbour Post - Ferry Timetable Doubles", None, "harbourpost.example") == (
        "Ferry Timetable Doubles"
    )
    assert strip_site_name("Ferry Timetable Doubles - Two More Crossings", None, "") == (
        "Ferry Timetable Doubles - Two More Crossings"
    )


def test_title_prefers_the_confirmed_h1_over_a_site_banner_h1():
    head = """<title>Ferry Timetable Doubles | Harbour Post</title>
        <meta property="og:site_name" content="Harbour Post">"""
    metadata = _metadata(head, "<h1>Harbour Post</h1><h1>Ferry Timetable Doubles</h1>" + BODY)
    assert choose_title(metadata) == "Ferry Timetable Doubles"


def test_title_falls_back_to_the_vote_when_the_h1_is_a_section_label():
    head = """<title>Ferry Timetable Doubles | Harbour Post</title>
        <meta property="og:title" content="Ferry Timetable Doubles">"""
    metadata = _metadata(head, "<h1>Latest News</h1>" + BODY)
    assert choose_title(metadata) == "Ferry Timetable Doubles"


def test_htmldate_confirmed_by_a_time_element_beats_a_different_shown_date():
    metadata = _metadata("", '<h1>Ferry Timetable Doubles</h1><p>May 9, 2031</p><time datetime="2031-04-05">x</time>' + BODY)
    metadata.add_date("htmldate", "2031-04-05")
    assert metadata.dates["visible"] == ["2031-05-09"]
    assert choose_date(metadata) == "2031-04-05"
    metadata.dates["htmldate"] = ["2031-04-06"]  # unconfirmed: the shown date wins
    assert choose_date(metadata) == "2031-05-09"


def test_without_a_usable_h1_an_unrecognised_site_name_is_cut_from_the_title():
    metadata = _metadata("<title>Ferry Timetable Doubles | Harbour Post</title>", "<h2>Ferry news</h2>" + BODY)
    assert choose_title(metadata) == "Ferry Timetable Doubles"
    metadata = _metadata("<title>Ferries | Harbour Post</title>", BODY)
    assert choose_title(metadata) == "Ferries | Harbour Post"  # one word left: not cut


def test_a_written_meta_date_is_the_last_resort():
    head = '<meta name="date" content="01/07/16"><meta property="og:published_time" content="2031-10-08T00:00:00Z">'
    assert choose_date(_metadata(head, "<h1>Ferry Timetable Doubles</h1>" + BODY)) == "2031-10-08"
    metadata = _metadata('<meta name="published" content="July 17, 2031">', "<h1>Ferry Timetable Doubles</h1>" + BODY)
    assert choose_date(metadata) == "2031-07-17"


def test_byline_shown_by_the_headline_is_read_when_no_metadata_names_the_author():
    metadata = _metadata("", "<h1>Ferry Timetable Doubles</h1><p>By Ana Ruiz</p>" + BODY)
    assert metadata.authors == []
    assert metadata.byline == "Ana Ruiz"


def test_the_date_by_the_headline_is_found_after_a_long_menu():
    menu = "<ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(600)) + "</ul>"
    metadata = _metadata("", menu + "<h1>Ferry Timetable Doubles</h1><p>March 3, 2031</p>" + BODY)
    assert metadata.dates["visible"] == ["2031-03-03"]


def test_a_microdata_meta_date_is_schema_data_and_yields_to_the_shown_date():
    body = '<div itemscope><meta itemprop="datePublished" content="2030-01-02"><h1>Ferry Timetable Doubles</h1>'
    metadata = _metadata("", body + "<p>March 3, 2031</p></div>" + BODY)
    assert "meta_published" not in metadata.dates
    assert metadata.dates["itemprop_published"] == ["2030-01-02"]
    assert choose_date(metadata) == "2031-03-03"
    head = '<meta property="article:published_time" content="2030-01-02T09:00:00Z">'
    shown = "<h1>Ferry Timetable Doubles</h1><p>March 3, 2031</p>"
    assert choose_date(_metadata(head, shown + BODY)) == "2030-01-02"  # an Open Graph <meta> still wins
