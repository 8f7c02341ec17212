"""PDF and WARC inputs, generated in the test: reading order, page breaks, archive records and dates."""

from __future__ import annotations

import io
import textwrap

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (test extra) writes the test PDFs")

LEFT = " ".join(f"Westword{i} the council met to weigh the harbour budget." for i in range(12))
RIGHT = " ".join(f"Eastword{i} the ferry crews kept their picket at the gate." for i in range(12))


def _two_column_pdf(path) -> None:
    """Two pages whose two columns are drawn row by row, so the drawing order is not the reading order."""
    pdf = fpdf.FPDF()
    pdf.set_title("Harbour Budget Special")
    pdf.set_author("Ana Quill")
    for page in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.text(10, 15, f"Page {page} headline across both columns")
        pdf.set_font("Helvetica", size=10)
        left, right = textwrap.wrap(LEFT, 45), textwrap.wrap(RIGHT, 45)
        for row in range(max(len(left), len(right))):
            if row < len(left):
                pdf.text(10, 30 + row * 5, left[row])
            if row < len(right):
                pdf.text(110, 30 + row * 5, right[row])
        closing_y = 30 + max(len(left), len(right)) * 5 + 10
        pdf.text(10, closing_y, "A closing paragraph after a gap runs the whole width of the page, below both")
        pdf.text(10, closing_y + 5, "columns, and so it is read after the right-hand column has ended.")
    pdf.output(str(path))


def test_pdf_text_comes_in_column_reading_order_with_pages_and_paragraphs_apart(tmp_path, read_all):
    _two_column_pdf(tmp_path / "special.pdf")
    (document,), errors = read_all(tmp_path)
    assert errors == []
    assert document.media_type == "pdf"
    assert (document.title, document.author) == ("Harbour Budget Special", "Ana Quill")
    first_page, second_page = document.content.split("Page 2 headline")
    for page in (first_page, second_page):
        west = [page.index(f"Westword{i} ") for i in range(12)]
        east = [page.index(f"Eastword{i} ") for i in range(12)]
        assert west == sorted(west) and east == sorted(east)
        assert max(west) < min(east)  # the whole left column before the right one
        assert page.index("A closing paragraph") > max(east)
    assert "\n\nA closing paragraph after a gap" in first_page
    assert first_page.endswith("\n\n")  # the page break is a blank line


def test_pdf_paragraphs_are_split_at_wider_gaps_only(tmp_path, read_all, article):
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for number in range(3):
        pdf.multi_cell(120, 4.5, f"Paragraph {number}. " + article.split("\n")[0], align="L")
        pdf.ln(2)  # paragraph spacing of less than a line, as most layouts use
    pdf.output(str(tmp_path / "spaced.pdf"))
    (document,), _ = read_all(tmp_path)
    paragraphs = document.content.split("\n\n")
    assert [paragraph.split(".")[0] for paragraph in paragraphs] == ["Paragraph 0", "Paragraph 1", "Paragraph 2"]
    assert all(paragraph.count("\n") >= 2 for paragraph in paragraphs)  # hard-wrapped lines stay in one


def test_broken_and_textless_pdfs_are_errors(tmp_path, read_all):
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.output(str(tmp_path / "blank.pdf"))
    (tmp_path / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%E")
    documents, errors = read_all(tmp_path)
    assert documents == []
    assert errors[0].reason == "PDF has no extractable text (a scan without OCR?)"
    assert errors[1].origin.endswith("cut.pdf") and errors[1].reason.startswith("not a readable PDF")


def _warc_record(writer, uri, body, content_type="text/html; charset=utf-8", status="200 OK", date=None):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date or "2031-04-08T11:02:03Z"},
    )
    writer.write_record(record)


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_html_responses_become_documents_with_url_and_fetch_date(tmp_path, read_all, compressed, article):
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compressed)
        writer.write_record(
            writer.create_warc_record(
                "https://velmora-post.example/", "warcinfo", payload=io.BytesIO(b"software: test\r\n")
            )
        )
        _warc_record(writer, "https://velmora-post.example/a/1", f"<html><body><p>{article}</p></body></html>".encode())
        _warc_record(writer, "https://velmora-post.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
        _warc_record(writer, "https://velmora-post.example/gone", b"<html>Not found</html>", status="404 Not Found")
        latin = f"<html><body><p>Le maire a déclaré que le café du port restera fermé. {article}</p></body></html>"
        _warc_record(
            writer,
            "https://harbour-daily.example/fr",
            latin.encode("latin-1"),
            "text/html; charset=ISO-8859-1",
            date="2031-04-09T06:00:00Z",
        )
        _warc_record(writer, "https://harbour-daily.example/empty", b"<html><body> </body></html>")
    documents, errors = read_all(path)
    assert [(d.origin, d.url, d.fetched, d.media_type) for d in documents] == [
        (f"{path}#2", "https://velmora-post.example/a/1", "2031-04-08T11:02:03Z", "html"),
        (f"{path}#5", "https://harbour-daily.example/fr", "2031-04-09T06:00:00Z", "html"),
    ]
    assert "déclaré que le café" in documents[1].content
    assert [error.origin for error in errors] == [f"{path}#6"]
    assert errors[0].reason.startswith("too little text")


def test_unreadable_warc_is_one_error(tmp_path, read_all):
    (tmp_path / "bad.warc").write_bytes(b"WARC/1.0\r\nthis is not a header block\r\n\r\n" + b"\x00" * 40)
    (tmp_path / "fake.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage that does not inflate")
    documents, errors = read_all(tmp_path)
    assert documents == []
    assert [error.origin.rsplit("/", 1)[1] for error in errors] == ["bad.warc", "fake.warc.gz"]
    assert all(error.reason for error in errors)
