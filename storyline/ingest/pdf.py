"""PDF text in reading order, with pdfminer.six's layout analysis.

pdfminer.six was chosen over pypdf by measuring both on two-column test pages: pypdf follows the order
the text was drawn in (wrong when a page is drawn row by row across columns); pdfminer groups lines into
column boxes. A generous ``line_margin`` keeps a column's paragraphs in one box, so boxes are not
interleaved across columns; paragraph breaks are then recovered from the vertical gaps between lines
(pdfminer has no paragraph notion of its own).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from storyline.ingest.documents import make_document
from storyline.ingest.errors import Unreadable
from storyline.ingest.sandbox import run_limited
from storyline.records import RawDocument
from storyline.settings import IngestSettings

_LAYOUT = LAParams(line_margin=2.0)
_PARAGRAPH_GAP = 0.5  # line heights of extra space (over the usual line gap) that start a paragraph
_PROBLEMS_KEPT = 3  # pdfminer's complaints about one file kept for its reason


def read_pdf(data: bytes, origin: str, settings: IngestSettings) -> RawDocument:
    """One document per PDF: pages and paragraphs separated by blank lines, lines kept as laid out.

    pdfminer runs in a worker process with a time and memory limit (see ``sandbox``): a PDF whose objects
    refer to each other, or a compression bomb, is stopped and reported instead of hanging the build.
    """
    pages, info, problems = run_limited(
        extract_pdf, data, seconds=settings.pdf_timeout_seconds, memory_bytes=settings.pdf_memory_bytes
    )
    content = "\n\n".join(page for page in pages if page)
    if not content.strip():
        if problems:
            raise Unreadable(f"damaged PDF: {'; '.join(problems)}")
        if not pages:
            raise Unreadable("damaged PDF: none of its pages can be found (a broken page tree)")
        raise Unreadable("PDF has no extractable text (a scan without OCR?)")
    return make_document(data, origin, "pdf", content, settings, title=info.get("Title"), author=info.get("Author"))


def extract_pdf(data: bytes) -> tuple[list[str], dict[str, str], list[str]]:
    """The text of each page, the title and author, and what pdfminer complained of; run in the worker."""
    try:
        with _problems_logged() as problems:
            document = PDFDocument(PDFParser(io.BytesIO(data)))
            return [_page_text(layout) for layout in _layouts(document)], _info(document), problems
    except PDFPasswordIncorrect as exc:
        raise Unreadable("encrypted PDF: a password is needed to read it") from exc
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated exception types on damaged files
        raise Unreadable(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:120]})") from exc


class _ProblemCollector(logging.Handler):
    """Keeps pdfminer's first warnings ("Not adding object 2 to xref") as the file's damage report."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.problems) < _PROBLEMS_KEPT:
            message = " ".join(record.getMessage().split())[:120]
            self.problems.append("".join(character for character in message if character.isprintable()))


@contextmanager
def _problems_logged() -> Iterator[list[str]]:
    """pdfminer's warnings collected instead of printed: on stderr they would name no file."""
    pdfminer_logger = logging.getLogger("pdfminer")
    collector = _ProblemCollector()
    pdfminer_logger.addHandler(collector)
    propagate, pdfminer_logger.propagate = pdfminer_logger.propagate, False
    try:
        yield collector.problems
    finally:
        pdfminer_logger.removeHandler(collector)
        pdfminer_logger.propagate = propagate


def _layouts(document: PDFDocument) -> Iterator[LTPage]:
    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=_LAYOUT)
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        yield device.get_result()


def _page_text(layout: LTPage) -> str:
    paragraphs: list[str] = []
    for box in layout:
        if isinstance(box, LTTextBox):
            lines = [line for line in box if isinstance(line, LTTextLine) and line.get_text().strip()]
            paragraphs.extend(_paragraphs(lines))
    return "\n\n".join(paragraphs)


def _paragraphs(lines: list[LTTextLine]) -> list[str]:
    """Split a box's lines where the gap above a line is clearly wider than the box's usual line gap.

    The usual gap is the lower quartile of the box's gaps, so it is the line spacing even when most
    paragraphs are short; a gap half a line height wider than it starts a new paragraph.
    """
    gaps = [above.y0 - below.y1 for above, below in pairwise(lines)]
    usual_gap = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    paragraphs = [[lines[0].get_text().rstrip()]] if lines else []
    for gap, line in zip(gaps, lines[1:]):
        if gap > usual_gap + _PARAGRAPH_GAP * line.height:
            paragraphs.append([])
        paragraphs[-1].append(line.get_text().rstrip())
    return ["\n".join(paragraph) for paragraph in paragraphs]


def _info(document: PDFDocument) -> dict[str, str]:
    """Title and author from the document information dictionary, when the PDF has them."""
    found: dict[str, str] = {}
    for entries in document.info:
        for key in ("Title", "Author"):
            value = resolve1(entries.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip() and key not in found:
                found[key] = value.strip()
    return found
