"""Hostile and damaged input: every bad part gets one line naming the file (and line or offset), the rest
is kept, nothing hangs or explodes. All inputs are written by hand here, into tmp_path."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import socket
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import decoding, discovery

FRENCH = (
    "Les dockers de Velmora ont cessé le travail mardi; le préfet a réclamé la reprise du dialogue après "
    "une journée très agitée, où les ferrys sont restés à quai. « Nous irons jusqu'au bout », a déclaré "
    "la déléguée syndicale, Hélène Marçeau."
)

# --- JSON Lines and odd values ----------------------------------------------------------------------------


def test_a_broken_jsonl_line_costs_that_line_only(tmp_path, read_all, article):
    text = json.dumps(article)[1:-1].encode()  # escaped for a JSON string
    lines = [
        json.dumps({"text": article, "title": "First"}).encode(),
        b'{"text": "cut off in the middle of a rec',
        json.dumps({"text": article, "comments": int("9" * 400)}).encode(),
        b'{"text": "' + text + b'", "shares": ' + b"7" * 5000 + b"}",
        b'{"text": "' + text + b'", "score": 1e400}',
        b"[" * 50_000,
        b'{"text": "Caf\xe9 owners in Velmora say the strike has emptied the terraces all week."}',  # latin-1 byte
        b'{"text": "' + text + b' \\ud800 lone half of a pair"}',
        json.dumps({"text": article, "title": "Last"}).encode(),
    ]
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    documents, errors = read_all(path)
    assert [document.origin for document in documents] == [f"{path}#{n}" for n in (1, 3, 4, 5, 7, 8, 9)]
    assert [(error.origin, error.reason) for error in errors] == [
        (f"{path}#2", "not valid JSON: line 2, column 10: Unterminated string starting at"),
        (f"{path}#6", "not valid JSON: nested too deeply"),
    ]
    assert documents[4].content.startswith("Café owners")
    assert "\ufffd lone half" in documents[5].content
    for document in documents:
        document.content.encode("utf-8")  # nothing downstream meets a lone surrogate


def test_json_saved_as_lines_with_a_json_extension_is_read_line_by_line(tmp_path, read_all, article):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"text": article}) + "\n" + "{oops\n" + json.dumps({"body": article + " Later."}) + "\n")
    documents, errors = read_all(path)
    assert [document.origin for document in documents] == [f"{path}#1", f"{path}#3"]
    assert [error.origin for error in errors] == [f"{path}#2"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0001-01-01", None),
        ("0001-01-01T00:00:00Z", None),
        ("0000-00-00 00:00:00", None),
        ("9999-12-31T23:59:59.999Z", None),
        ("+275760-09-13", None),
        ("2026-02-30", None),
        ("Mon, 01 Jan 0001 00:00:00 GMT", None),
        (int("1" * 400), None),
        ("1" * 30, None),
        (1e300, None),
        (1773916200, "2026-03-19T10:30:00Z"),  # a Unix timestamp, as news APIs export them
        ("1773916200000", "2026-03-19T10:30:00Z"),
        ("2026-03-19T10:30:00+01:00", "2026-03-19T10:30:00+01:00"),
        ("Thu, 19 Mar 2026 10:30:00 +0000", "Thu, 19 Mar 2026 10:30:00 +0000"),
        ("20260319", "20260319"),
        ("3 hours ago", "3 hours ago"),
    ],
)
def test_a_date_that_cannot_be_a_news_date_is_left_out_and_the_record_kept(
    tmp_path, read_all, article, value, expected
):
    (tmp_path / "record.json").write_text(json.dumps({"text": article, "date": value, "fetched": "0001-01-01"}))
    (document,), errors = read_all(tmp_path)
    assert errors == []
    assert (document.published, document.fetched) == (expected, None)


def test_cleaned_articles_from_odd_records_have_a_real_date_or_none(tmp_path, read_all, article):
    from storyline.clean import Cleaner

    odd = ["0001-01-01", "9999-12-31", "-000001-01-01", "0000-00-00", "1" * 400, "2026-03-19"]
    (tmp_path / "odd.jsonl").write_text("".join(json.dumps({"text": article, "date": d}) + "\n" for d in odd))
    documents, errors = read_all(tmp_path)
    assert errors == [] and len(documents) == len(odd)
    cleaner = Cleaner()
    dates = [cleaner.clean(document).published for document in documents]
    assert dates[-1] == "2026-03-19"
    for date in dates:
        assert date is None or 1800 <= dt.date.fromisoformat(date).year <= 2200


# --- web archives -------------------------------------------------------------------------------------------


def _archive(gzipped: bool, pages: int = 3) -> tuple[bytes, list[int]]:
    """A web archive of ``pages`` HTML responses, and the byte offset each record starts at."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    offsets = []
    for number in range(pages):
        body = f"<html><body><p>Page {number}. " + "The ferry strike in Velmora went on. " * 60 + "</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://velmora-post.example/{number}",
            "response",
            payload=io.BytesIO(body.encode()),
            http_headers=headers,
        )
        offsets.append(buffer.tell())
        writer.write_record(record)
    return buffer.getvalue(), offsets


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_a_truncated_archive_keeps_the_pages_before_the_cut_and_names_its_offset(tmp_path, read_all, gzipped):
    data, offsets = _archive(gzipped)
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(data[: offsets[2] + (len(data) - offsets[2]) * 2 // 3])  # cut inside the third page
    documents, errors = read_all(path)
    assert [document.origin for document in documents] == [f"{path}#1", f"{path}#2"]
    assert [document.content.startswith("<html><body><p>Page 1.") for document in documents] == [False, True]
    ((origin, reason),) = [(error.origin, error.reason) for error in errors]
    assert origin == f"{path}#3"
    assert reason.startswith(f"web archive damaged or cut short: record 3 at byte offset {offsets[2]:,} (")


def test_a_gzipped_archive_cut_between_members_and_a_corrupt_one_are_reported(tmp_path, read_all):
    data, offsets = _archive(gzipped=True)
    (tmp_path / "a_cut.warc.gz").write_bytes(data[: offsets[1] + 40])  # only the gzip header of record 2
    damaged = bytearray(data)
    damaged[offsets[1] + 20 : offsets[1] + 60] = bytes(40)
    (tmp_path / "b_corrupt.warc.gz").write_bytes(bytes(damaged))
    documents, errors = read_all(tmp_path)
    assert [Path(document.origin).name for document in documents] == ["a_cut.warc.gz#1", "b_corrupt.warc.gz#1"]
    assert [Path(error.origin).name for error in errors] == ["a_cut.warc.gz#2", "b_corrupt.warc.gz#2"]
    for error in errors:
        assert error.reason.startswith(f"web archive damaged or cut short: record 2 at byte offset {offsets[1]:,} (")
        assert error.reason.isprintable()  # the damaged bytes are not quoted back


# --- control characters, inline tags --------------------------------------------------------------------------


def test_nul_bytes_and_control_characters_are_removed_with_a_warning(tmp_path, read_all, article, caplog):
    path = tmp_path / "export.txt"
    path.write_bytes(article.encode().replace(b"Velmora", b"Vel\x00mora", 1) + b"\x1b\x07\fPage two of the export.\r\n")
    with caplog.at_level(logging.WARNING, logger="storyline.ingest"):
        (document,), errors = read_all(path)
    assert errors == []
    assert "port town of Velmora walked" in document.content
    assert document.content.endswith("table'.\nPage two of the export.\r\n")  # the form feed became a line break
    assert [record.getMessage() for record in caplog.records] == [
        f"{path}: removed 4 control character(s) (NUL and the like) from the text"
    ]


def test_binary_files_are_still_refused(tmp_path, read_all):
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    (tmp_path / "dump.txt").write_bytes(bytes(4000))
    _, errors = read_all(tmp_path)
    assert [error.reason.split(",")[0] for error in errors] == ["binary content"] * 2


@pytest.mark.parametrize(
    ("text", "as_record", "as_file"),
    [
        ("To break a line, use the <br> tag; the <div> element groups a block. " * 2, "text", "text"),
        ("<b>Breaking:</b> the ferry strike in Velmora has ended after nine days, the union said.", "text", "text"),
        ("Readers asked why <p> tags showed up in our feed on Monday; the fault is fixed now.", "text", "text"),
        ("<p>The ferry strike in Velmora has ended.</p><p>The union said so on Monday.</p>", "html", "html"),
        ("<!DOCTYPE html><title>Strike</title>The ferry strike in Velmora has ended, the union said.", "html", "html"),
        # a record's field may be a fragment; a .txt file is a page only when it starts like one
        ("The ferry strike ended.<br>Ferries run again.<br>Crews are back.<br>Talks go on.", "html", "text"),
    ],
)
def test_only_a_page_is_taken_for_html_not_prose_that_mentions_a_tag(tmp_path, read_all, text, as_record, as_file):
    (tmp_path / "record.json").write_text(json.dumps({"text": text}))
    (tmp_path / "saved.txt").write_text(text)
    documents, errors = read_all(tmp_path)
    assert errors == []
    assert [document.media_type for document in documents] == [as_record, as_file]


def test_hostile_markup_is_measured_in_linear_time(tmp_path, read_all):
    (tmp_path / "tags.html").write_text("<html><body>" + "<script" * 300_000 + "<" * 3_000_000)
    started = time.perf_counter()
    _, (error,) = read_all(tmp_path)
    assert error.reason.startswith("too little text")
    assert time.perf_counter() - started < 1.5


# --- discovery --------------------------------------------------------------------------------------------


def _entries(root: Path, outside: Path, article: str) -> None:
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "story.txt").write_text(article)
    (outside / "passwd").write_text(article.replace("Velmora", "Outside"))
    (root / "to_outside.txt").symlink_to(outside / "passwd")
    (root / "to_outside_folder").symlink_to(outside)
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "loop_a").symlink_to(root / "loop_b")
    (root / "loop_b").symlink_to(root / "loop_a")
    (root / "sub" / "up").symlink_to(root)
    (root / "sub" / "same_story.txt").symlink_to(root / "story.txt")
    os.mkfifo(root / "pipe")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(root / "sock"))


def test_links_out_of_the_folder_loops_pipes_and_sockets_each_get_a_line(tmp_path, read_all, article):
    root = tmp_path / "in"
    _entries(root, tmp_path / "elsewhere", article)
    started = time.perf_counter()
    documents, errors = read_all(root)
    assert time.perf_counter() - started < 2  # nothing blocks on the pipe
    assert [document.origin for document in documents] == [str(root / "story.txt")]
    assert {Path(error.origin).name: error.reason for error in errors} == {
        "dangling.txt": "broken symlink: its target does not exist",
        "loop_a": "symlink loop: the link leads back to itself",
        "loop_b": "symlink loop: the link leads back to itself",
        "pipe": "not a regular file: a named pipe (FIFO)",
        "sock": "not a regular file: a socket",
        "to_outside.txt": "symlink to a file outside the given folders (use --follow-symlinks)",
        "to_outside_folder": "symlink to a folder outside the given folders (use --follow-symlinks)",
        "up": "symlink loop: the link leads back to a folder that holds it",
    }


def test_follow_symlinks_reads_outside_files_once_and_reports_a_loop(tmp_path, read_all, article):
    root = tmp_path / "in"
    _entries(root, tmp_path / "elsewhere", article)
    documents, errors = read_all(root, follow_symlinks=True)
    assert [document.origin for document in documents] == [str(root / "story.txt"), str(root / "to_outside.txt")]
    assert {Path(error.origin).name: error.reason for error in errors if "loop" in error.reason} == {
        "loop_a": "symlink loop: the link leads back to itself",
        "loop_b": "symlink loop: the link leads back to itself",
        "up": "symlink loop: the link leads back to a folder that holds it",
    }


def test_a_folder_that_cannot_be_listed_gets_a_line(tmp_path, read_all, article, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "open.txt").write_text(article)
    real_scandir = os.scandir

    def scandir(path):  # root may list any folder, so the refusal is simulated
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", scandir)
    documents, errors = read_all(tmp_path)
    assert [Path(document.origin).name for document in documents] == ["open.txt"]
    assert [(error.origin, error.reason) for error in errors] == [
        (str(tmp_path / "locked"), "cannot read the folder: Permission denied")
    ]


def test_a_file_name_that_is_not_utf8_gives_an_origin_any_output_can_hold(tmp_path, read_all, article):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as stream:
        stream.write(article.encode())
    with open(os.path.join(folder, b"caf\xe9-empty.txt"), "wb"):
        pass
    documents, errors = read_all(tmp_path)
    assert [item.origin for item in documents + errors] == [
        f"{tmp_path}/caf\\xe9.txt",
        f"{tmp_path}/caf\\xe9-empty.txt",
    ]
    ledger = sqlite3.connect(":memory:")
    ledger.execute("CREATE TABLE inputs (origin TEXT)")
    for item in documents + errors:
        item.origin.encode("utf-8")
        json.dumps(item.origin, ensure_ascii=False).encode("utf-8")
        ledger.execute("INSERT INTO inputs VALUES (?)", (item.origin,))


# --- PDFs -------------------------------------------------------------------------------------------------


def _pdf(*objects: bytes) -> bytes:
    """A PDF with the given numbered objects (object 1 the catalog) and a correct cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out_end = b"xref\n0 %d\n0000000000 65535 f \n%strailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    return out + out_end % (len(objects) + 1, table, len(objects) + 1, len(out))


def _page_pdf(contents: bytes, filters: bytes = b"") -> bytes:
    return _pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(contents), filters, contents),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    )


def _inflating_to_zeros(megabytes: int) -> bytes:
    """A zlib stream of ~1 KB per MB of zeros it inflates to.

    After a full flush the compressor starts afresh, so every further megabyte compresses to the same
    bytes and is repeated rather than compressed; Adler-32 of n zero bytes is (n mod 65521) << 16 | 1.
    """
    megabyte = bytes(1 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = ((megabytes << 20) % 65521) << 16 | 1
    return first + repeated * (megabytes - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")


def test_a_pdf_whose_objects_point_at_each_other_is_stopped_and_the_next_one_read(tmp_path, read_all):
    looping = _pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R")
    assert len(looping) < 260
    (tmp_path / "a_loop.pdf").write_bytes(looping)
    (tmp_path / "b_good.pdf").write_bytes(
        _page_pdf(b"BT /F1 12 Tf 72 700 Td (The ferry strike in Velmora has ended.) Tj ET")
    )
    started = time.perf_counter()
    documents, errors = read_all(tmp_path, pdf_timeout_seconds=0.5)
    assert time.perf_counter() - started < 10
    assert [(Path(error.origin).name, error.reason) for error in errors] == [
        ("a_loop.pdf", "took longer than 0.5 s to read (stopped)")
    ]
    assert [document.content.strip() for document in documents] == ["The ferry strike in Velmora has ended."]


def test_a_pdf_compression_bomb_is_stopped_at_the_memory_limit(tmp_path, read_all):
    bomb = _page_pdf(_inflating_to_zeros(1024), b"/Filter /FlateDecode ")
    assert len(bomb) < 1_200_000
    (tmp_path / "bomb.pdf").write_bytes(bomb)
    started = time.perf_counter()
    _, errors = read_all(tmp_path, pdf_memory_bytes=192 * 2**20)
    assert time.perf_counter() - started < 15
    assert [error.reason for error in errors] == ["needs more than the 192 MB memory limit to read (stopped)"]


# --- large files ------------------------------------------------------------------------------------------


def test_charset_detection_sees_a_sample_of_a_large_file_not_all_of_it(tmp_path, read_all, monkeypatch):
    data = ((FRENCH + "\n\n") * 12000).encode("latin-1")  # about 3 MB
    (tmp_path / "latin1.txt").write_bytes(data)
    whole_file_guess = decoding.charset_normalizer.from_bytes(data).best().encoding
    shown: list[int] = []
    detect = decoding.charset_normalizer.from_bytes
    monkeypatch.setattr(decoding.charset_normalizer, "from_bytes", lambda data: shown.append(len(data)) or detect(data))
    (document,), _ = read_all(tmp_path)
    assert document.content == data.decode(whole_file_guess)  # the same reading as from the whole file
    assert shown and max(shown) <= 2 * decoding._DETECTION_WINDOW


@pytest.mark.slow
def test_a_50_mb_text_file_is_read_within_a_few_hundred_mb(tmp_path, article):
    path = tmp_path / "transcript.txt"
    paragraph = (FRENCH + "\n\n").encode("latin-1")
    path.write_bytes(paragraph * (50 * 2**20 // len(paragraph) - 1))
    script = (
        "import resource, sys; from storyline.ingest import read_inputs; from storyline.settings import IngestSettings;"
        "(doc,) = read_inputs([sys.argv[1]], IngestSettings()); assert doc.content.count('déléguée') > 100_000;"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    peak_kb = int(
        subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, check=True, text=True).stdout
    )
    assert peak_kb < 400 * 1024


# --- found by the fuzz benchmark (bench/fuzz.py) ----------------------------------------------------------


def test_a_gzipped_archive_bomb_is_refused_while_it_streams(tmp_path, read_all):
    # One gzip member: a WARC version line, then 64 MB of zeros where the headers should be (64 KB on disk).
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = packer.compress(b"WARC/1.0\r\n") + b"".join(packer.compress(bytes(1 << 20)) for _ in range(64))
    (tmp_path / "crawl.warc.gz").write_bytes(bomb + packer.flush())
    started = time.perf_counter()
    _, errors = read_all(tmp_path)
    assert time.perf_counter() - started < 2  # inflating the line whole took seconds, and 2 GB at 1 GB
    assert [error.reason for error in errors] == [
        "not a readable WARC archive: a header line runs over 65,536 bytes (a damaged archive or a bomb)"
    ]


def test_a_link_to_its_own_folder_gets_a_line(tmp_path, read_all, article):
    (tmp_path / "story.txt").write_text(article)
    (tmp_path / "x.d").symlink_to(".")
    documents, errors = read_all(tmp_path)
    assert [Path(document.origin).name for document in documents] == ["story.txt"]
    assert [(Path(error.origin).name, error.reason) for error in errors] == [
        ("x.d", "symlink loop: the link leads back to a folder that holds it")
    ]


def test_a_damaged_feed_entry_without_text_is_named_with_the_damage(tmp_path, read_all, article, monkeypatch):
    # What feedparser's lenient parser made of a corrupted Atom feed: the entry's summary None.
    from xml.sax import SAXParseException

    import feedparser

    damaged = feedparser.FeedParserDict(
        bozo=1, bozo_exception=SAXParseException("mismatched tag", None, _Locator(1, 93)),
        feed=feedparser.FeedParserDict(title="Wire"),
        entries=[feedparser.FeedParserDict(title="Strike", content=[{"value": article}]),
                 feedparser.FeedParserDict(summary=None, content=[{"value": None}])],
    )  # fmt: skip
    monkeypatch.setattr(feedparser, "parse", lambda data: damaged)
    (tmp_path / "wire.atom").write_text("<feed>damaged</feed>")
    documents, errors = read_all(tmp_path)
    assert [document.title for document in documents] == ["Strike"]
    assert [error.reason for error in errors] == [
        "feed entry has neither content nor summary (feed is damaged: mismatched tag at line 1, column 93)"
    ]


class _Locator:
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column

    def getLineNumber(self) -> int:
        return self.line

    def getColumnNumber(self) -> int:
        return self.column

    def getSystemId(self) -> None:
        return None

    def getPublicId(self) -> None:
        return None


def test_a_feed_nested_a_hundred_thousand_deep_is_refused_as_such(tmp_path, read_all):
    (tmp_path / "deep.rss").write_text("<rss><channel>" + "<x>" * 100_000 + "</x>" * 100_000 + "</channel></rss>")
    started = time.perf_counter()
    _, errors = read_all(tmp_path)
    assert time.perf_counter() - started < 1
    assert [error.reason for error in errors] == ["feed could not be parsed: elements nested over 256 levels deep"]


def test_a_feed_with_many_void_tags_in_its_descriptions_is_not_taken_for_a_deep_one(tmp_path, read_all, article):
    text = "<br>".join([article] * 300)  # 300 unclosed <br> inside CDATA: markup, not nesting
    items = "".join(f"<item><title>Strike {n}</title><description><![CDATA[{text} {n}]]></description></item>"
                    for n in range(2))
    (tmp_path / "wire.rss").write_text(f'<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>')
    documents, errors = read_all(tmp_path)
    assert (len(documents), errors) == (2, [])


def test_a_pdf_with_a_broken_page_tree_or_content_is_called_damaged_and_pdfminer_stays_quiet(
    tmp_path, read_all, capfd
):
    (tmp_path / "a_tree.pdf").write_bytes(_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
    ))  # fmt: skip
    contents = b"BT /F1 12 Tf 72 700 Td (The ferry strike in Velmora has ended.) Tj ET"
    (tmp_path / "b_length.pdf").write_bytes(_page_pdf(contents).replace(b"/Length ", b"/Length 9"))
    _, errors = read_all(tmp_path)
    assert [(Path(error.origin).name, error.reason.split(":")[0]) for error in errors] == [
        ("a_tree.pdf", "damaged PDF"), ("b_length.pdf", "damaged PDF")
    ]
    assert "none of its pages" in errors[0].reason
    assert "non-indirect" in errors[1].reason  # pdfminer's complaint, in the file's line and not on stderr
    assert "non-indirect" not in capfd.readouterr().err


def test_json_in_utf16_without_a_byte_order_mark_is_read(tmp_path, read_all):
    record = {"title": "Grève à Velmora", "text": FRENCH}
    (tmp_path / "record.json").write_bytes(json.dumps(record, ensure_ascii=False).encode("utf-16-le"))
    documents, errors = read_all(tmp_path)
    assert (errors, [document.content for document in documents]) == ([], [FRENCH])
