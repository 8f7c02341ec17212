"""WARC web archives (plain or .warc.gz) through warcio: each HTML page one article with URL and fetch date."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from storyline.ingest.decoding import decode_bytes
from storyline.ingest.documents import make_document
from storyline.ingest.errors import Unreadable
from storyline.records import IngestError, RawDocument
from storyline.settings import IngestSettings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK_BYTES = 64 * 1024
# Record and HTTP header lines are short (URLs of a few KB at most); a record's headers, a few KB in all.
_MAX_HEADER_LINE_BYTES = 64 * 1024
_MAX_HEADER_BYTES_PER_MEMBER = 1024 * 1024


class _BoundedLineReader(DecompressingBufferedReader):
    """warcio's reader with header lines bounded, so a gzip bomb is refused while it streams.

    warcio reads a record's header lines with an unbounded ``readline`` that joins buffer after buffer: a
    gzip member of "WARC/1.0" and 1 GB of zeros (1 MB on disk) took minutes and 2 GB before failing. Here a
    line stops at ``_MAX_HEADER_LINE_BYTES`` and the lines of one gzip member (one record of a .warc.gz) at
    ``_MAX_HEADER_BYTES_PER_MEMBER``; bodies are read with ``read`` in bounded pieces and are not counted.
    warcio has no such option, hence the subclass.
    """

    def __init__(self, stream: BinaryIO, block_size: int) -> None:
        super().__init__(stream, block_size=block_size)
        self.line_bytes_in_member = 0

    def readline(self, length: int | None = None) -> bytes:
        limit = _MAX_HEADER_LINE_BYTES if not length or length < 0 else min(length, _MAX_HEADER_LINE_BYTES)
        line = super().readline(limit)
        if len(line) >= _MAX_HEADER_LINE_BYTES and not line.endswith(b"\n"):
            raise _Damaged(f"a header line runs over {_MAX_HEADER_LINE_BYTES:,} bytes (a damaged archive or a bomb)")
        if self.decompressor is not None:
            self.line_bytes_in_member += len(line)
            if self.line_bytes_in_member > _MAX_HEADER_BYTES_PER_MEMBER:
                raise _Damaged(f"record headers run over {_MAX_HEADER_BYTES_PER_MEMBER:,} bytes once decompressed")
        return line

    def read_next_member(self) -> bool:
        self.line_bytes_in_member = 0
        return bool(super().read_next_member())


class _BoundedArchiveIterator(ArchiveIterator):
    """``ArchiveIterator`` reading through ``_BoundedLineReader`` (it makes its reader in ``__init__``)."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self.reader = _BoundedLineReader(self.fh, block_size=self.reader.block_size)


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
    try:
        payload = record.content_stream().read(settings.max_file_bytes + 1)
    except Exception as exc:  # a broken chunked or gzip body costs this page, not the archive
        _read_to_end(record)
        raise Unreadable(f"page body cannot be decoded ({_cause(exc)})") from exc
    _read_to_end(record)
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


def _read_to_end(record: ArcWarcRecord) -> None:
    """Read the rest of the record; ``_Damaged`` when the archive ends before the record's stated length."""
    while record.raw_stream.read(_CHUNK_BYTES):
        pass
    if isinstance(record.raw_stream, LimitReader) and record.raw_stream.limit > 0:
        raise _Damaged(f"{record.raw_stream.limit:,} bytes of the record are missing")


class _Damaged(Exception):
    """The archive ends (or its compression breaks) inside a record, or a record has no type."""


def _cause(exc: Exception) -> str:
    """The first words of a parser's complaint: warcio quotes the damaged bytes after them."""
    words = re.split(r":|, first line", str(exc), maxsplit=1)[0].strip()
    return "".join(character for character in words[:80] if character.isprintable()) or type(exc).__name__


def read_warc(stream: BinaryIO, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    """Stream the archive record by record (archives run to gigabytes); origins count all its records.

    A record cut short (a truncated download) or damaged bytes end the reading with one line naming the
    record and its byte offset in the file; the pages before it are kept.
    """
    size = os.fstat(stream.fileno()).st_size
    records = _BoundedArchiveIterator(stream)
    pages, number, offset, in_record = 0, 0, 0, False
    damage: str | None = None
    try:
        for number, record in enumerate(records, start=1):
            offset, in_record = records.offset, True
            if record.rec_type is None:
                raise _Damaged("the record has no WARC-Type")
            if _is_page(record):
                pages += 1
                try:
                    yield _page(record, f"{origin}#{number}", settings)
                except Unreadable as exc:
                    yield IngestError(f"{origin}#{number}", str(exc))
            else:
                _read_to_end(record)
            in_record = False
        if records.offset < size:  # the last record ended cleanly, yet bytes follow that make no record
            damage = "no complete record follows"
    except _Damaged as exc:
        damage = str(exc)
    except Exception as exc:  # noqa: BLE001 -- warcio and zlib raise many types on damaged bytes
        damage = _cause(exc)
    if damage is not None:
        if not in_record:  # the damage is where the next record should start
            number, offset = number + 1, records.offset
        if number == 1:
            raise Unreadable(f"not a readable WARC archive: {damage}")
        yield IngestError(
            f"{origin}#{number}",
            f"web archive damaged or cut short: record {number} at byte offset {offset:,} ({damage}); "
            "the records before it were read",
        )
    elif pages == 0:
        raise Unreadable("web archive holds no successfully fetched HTML page")
