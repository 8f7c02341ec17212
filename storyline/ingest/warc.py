"""WARC web archives (plain or .warc.gz) through warcio: each HTML page one article with URL and fetch date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from storyline.ingest.decoding import decode_bytes
from storyline.ingest.documents import make_document
from storyline.ingest.errors import Unreadable
from storyline.records import IngestError, RawDocument
from storyline.settings import IngestSettings

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record: ArcWarcRecord) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _is_page(record: ArcWarcRecord) -> bool:
    """A successfully fetched HTML page (responses and resources); requests, metadata, images are not."""
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response" and (
        record.http_headers is None or not record.http_headers.get_statuscode().startswith("2")
    ):
        return False
    return _content_type(record).split(";")[0].strip().lower() in _HTML_TYPES


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _page(record: ArcWarcRecord, origin: str, settings: IngestSettings) -> RawDocument:
    payload = record.content_stream().read(settings.max_file_bytes + 1)
    if len(payload) > settings.max_file_bytes:
        raise Unreadable(f"page too large: over the {settings.max_file_bytes:,}-byte limit")
    if not payload:
        raise Unreadable("empty page")
    content = decode_bytes(payload, _charset(_content_type(record)))
    return make_document(
        payload,
        origin,
        "html",
        content,
        settings,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fetched=record.rec_headers.get_header("WARC-Date"),
    )


def read_warc(path: Path, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    """Stream the archive record by record (archives run to gigabytes); origins count all its records."""
    pages = 0
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type is None:
                    raise Unreadable(f"not a readable WARC archive: record {number} has no WARC-Type")
                if not _is_page(record):
                    continue
                pages += 1
                try:
                    yield _page(record, f"{origin}#{number}", settings)
                except Unreadable as exc:
                    yield IngestError(f"{origin}#{number}", str(exc))
        except ArchiveLoadFailed as exc:
            raise Unreadable(f"not a readable WARC archive: {str(exc)[:160]}") from exc
    if pages == 0:
        raise Unreadable("web archive holds no successfully fetched HTML page")
