"""Each supported input form becomes RawDocuments with the right media type, metadata and hash."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest


def test_text_markdown_and_html_files_keep_their_content_unchanged(tmp_path, read_all, article):
    (tmp_path / "a.txt").write_text(article + "\r\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Dock strike\n\n" + article + "\n\n[Read more](https://example.org/x)")
    page = f"<!DOCTYPE html><html><head><title>Dock strike</title></head><body><p>{article}</p></body></html>"
    (tmp_path / "c.htm").write_text(page)
    documents, errors = read_all(tmp_path)
    assert errors == []
    assert [document.media_type for document in documents] == ["text", "markdown", "html"]
    assert documents[0].content == article + "\r\n"  # line endings and quotes are not touched
    assert documents[2].content == page
    raw = (tmp_path / "b.md").read_bytes()
    assert documents[1].content_hash == hashlib.sha256(raw).hexdigest()
    assert documents[0].origin == str(tmp_path / "a.txt")


def test_page_saved_as_text_or_without_extension_is_sniffed_as_html(tmp_path, read_all, article):
    page = f"\n  <html lang='en'><body><article><p>{article}</p></article></body></html>"
    (tmp_path / "saved_page.txt").write_text(page)
    (tmp_path / "saved_page_2").write_text(page.replace("Tuesday", "Wednesday"))
    (tmp_path / "notes").write_text(article)
    documents, errors = read_all(tmp_path)
    assert errors == []
    assert [document.media_type for document in documents] == ["text", "html", "html"]


def test_gzipped_single_files_are_read_and_hashed_by_their_own_bytes(tmp_path, read_all, article):
    page = f"<html><body><p>{article}</p></body></html>".encode()
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page, mtime=1))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(article.encode(), mtime=2))
    documents, errors = read_all(tmp_path)
    assert errors == []
    assert [document.media_type for document in documents] == ["html", "text"]
    assert documents[0].content == page.decode()
    assert documents[0].content_hash == hashlib.sha256(page).hexdigest()


def test_json_single_record_list_and_api_wrapper(tmp_path, read_all, article):
    record = {
        "Headline": "Dock strike halts ferries",
        "body": article,
        "link": "https://velmora-post.example/2031/04/08/dock-strike",
        "pubDate": "Tue, 08 Apr 2031 09:30:00 +0000",
        "source": {"id": "vp", "name": "Velmora Post"},
        "authors": ["Ana Quill", "Tom Brack"],
    }
    (tmp_path / "one.json").write_text(json.dumps(record))
    html_record = {
        "content": f"<p>{article}</p>",
        "site": "Harbour Daily",
        "date": 20310408,
        "crawled_at": "2031-04-09",
    }
    (tmp_path / "two.json").write_text(json.dumps([record, html_record], indent=2))
    (tmp_path / "wrapped.json").write_text(json.dumps({"status": "ok", "articles": [html_record]}))
    documents, errors = read_all(tmp_path)
    assert errors == []
    single, first, second, wrapped = documents
    assert single.origin == str(tmp_path / "one.json")
    assert (single.title, single.url, single.published, single.outlet, single.author) == (
        "Dock strike halts ferries",
        "https://velmora-post.example/2031/04/08/dock-strike",
        "Tue, 08 Apr 2031 09:30:00 +0000",
        "Velmora Post",
        "Ana Quill, Tom Brack",
    )
    assert (first.origin, second.origin) == (f"{tmp_path / 'two.json'}#1", f"{tmp_path / 'two.json'}#2")
    assert (second.media_type, second.outlet, second.published, second.fetched) == (
        "html",
        "Harbour Daily",
        "20310408",
        "2031-04-09",
    )
    # A record's identity is its content, not the file's layout: same record, same hash.
    assert single.content_hash == first.content_hash
    assert second.content_hash == wrapped.content_hash


@pytest.mark.parametrize("key", ["text", "Body", "content", "article", "maintext", "html"])
def test_json_text_field_names(tmp_path, read_all, key, article):
    text = f"<article><p>{article}</p></article>" if key == "html" else article
    (tmp_path / "record.json").write_text(json.dumps({key: text, "byline": "By Ana Quill"}))
    (document,), errors = read_all(tmp_path)
    assert errors == []
    assert (document.content, document.author) == (text, "By Ana Quill")
    assert document.media_type == ("html" if key == "html" else "text")


def test_jsonl_bad_line_does_not_lose_the_good_records(tmp_path, read_all, article):
    lines = [
        json.dumps({"text": article, "title": "First"}),
        "",
        '{"text": "broken record", "title": "Second"',
        json.dumps({"title": "No body at all"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"article": article.replace("Tuesday", "Friday"), "url": "https://example.org/5"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    documents, errors = read_all(path)
    assert [document.origin for document in documents] == [f"{path}#1", f"{path}#6"]
    assert documents[1].url == "https://example.org/5"
    assert [error.origin for error in errors] == [f"{path}#3", f"{path}#4", f"{path}#5"]
    assert errors[0].reason.startswith("not valid JSON: line 3, column 44: Expecting ")
    assert "no text field" in errors[1].reason
    assert "not an object" in errors[2].reason


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Velmora Post</title><link>https://velmora-post.example/</link>
<item><title>Dock strike halts ferries</title><link>https://velmora-post.example/a/1</link>
<pubDate>Tue, 08 Apr 2031 09:30:00 GMT</pubDate><author>desk@velmora-post.example (Ana Quill)</author>
<description>Short teaser that is long enough to keep.</description>
<content:encoded><![CDATA[<p>{article}</p>]]></content:encoded></item>
<item><title>Council delays vote</title><link>https://velmora-post.example/a/2</link>
<pubDate>Wed, 09 Apr 2031 07:00:00 GMT</pubDate>
<description>The town council postponed its budget vote until the strike ends, officials said.</description>
</item>
<item><title>Empty item</title><link>https://velmora-post.example/a/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Daily</title><id>urn:hd</id>
<updated>2031-04-09T10:00:00Z</updated>
<entry><title>Ferries resume</title><id>urn:hd:1</id>
<link href="https://harbour-daily.example/ferries-resume"/>
<published>2031-04-10T06:15:00Z</published><updated>2031-04-10T08:00:00Z</updated>
<author><name>Tom Brack</name></author>
<content type="html">&lt;p&gt;{article}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_and_atom_feeds_give_one_document_per_entry(tmp_path, read_all, article):
    (tmp_path / "velmora.rss").write_text(RSS.replace("{article}", article))
    (tmp_path / "harbour.xml").write_text(ATOM.replace("{article}", article.replace("'", "&apos;")))
    documents, errors = read_all(tmp_path)
    atom, rss_full, rss_summary = documents
    assert (atom.title, atom.url, atom.published, atom.author, atom.outlet) == (
        "Ferries resume",
        "https://harbour-daily.example/ferries-resume",
        "2031-04-10T06:15:00Z",
        "Tom Brack",
        "Harbour Daily",
    )
    assert atom.media_type == "html" and "340 members" in atom.content
    assert rss_full.media_type == "html" and "340 members" in rss_full.content  # content beats the teaser
    assert (rss_full.published, rss_full.outlet) == ("Tue, 08 Apr 2031 09:30:00 GMT", "Velmora Post")
    assert rss_summary.media_type == "text" and rss_summary.url.endswith("/a/2")
    assert [(error.origin, error.reason) for error in errors] == [
        (f"{tmp_path / 'velmora.rss'}#3", "feed entry has neither content nor summary")
    ]
    again, _ = read_all(tmp_path)
    assert [document.content_hash for document in again] == [document.content_hash for document in documents]
