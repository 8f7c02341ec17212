"""The ingest stage's entry point: paths in, RawDocuments and IngestErrors out, one file at a time."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.ingest.decoding import decode_bytes
from storyline.ingest.detection import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    detect_kind,
    gunzip,
    is_warc,
)
from storyline.ingest.discovery import discover_files, display_path
from storyline.ingest.documents import make_document
from storyline.ingest.errors import Unreadable
from storyline.ingest.feeds import read_feed
from storyline.ingest.jsonrecords import read_json, read_jsonl
from storyline.ingest.pdf import read_pdf
from storyline.ingest.warc import read_warc
from storyline.records import IngestError, RawDocument
from storyline.settings import IngestSettings


def read_inputs(paths: Iterable[str | Path], settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    """Read every file under ``paths`` (folders recursed in sorted order, hidden entries skipped).

    Yields a RawDocument per article (several for JSON/JSONL, feeds and web archives, whose records get
    origins ``path#N`` counted from 1) and an IngestError for each file or record that cannot be read;
    bad input never raises, so one broken file does not stop a build.
    """
    for found in discover_files(paths, settings.follow_symlinks):
        if isinstance(found, IngestError):
            yield found
        else:
            yield from _read_file(found, settings)


def _read_file(path: Path, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    origin = display_path(path)
    try:
        yield from _documents_in(path, origin, settings)
    except Unreadable as exc:
        yield IngestError(origin, str(exc))
    except OSError as exc:
        yield IngestError(origin, f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 -- a parser bug on one odd file must not end a build of thousands
        yield IngestError(origin, f"could not be read ({type(exc).__name__}: {str(exc)[:120]})")


def _open_regular_file(path: Path) -> BinaryIO:
    """Open ``path`` for reading, refusing anything but a regular file.

    Opened without blocking and checked on the open descriptor, so a file swapped for a pipe after
    discovery cannot hang the build.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise Unreadable("not a regular file")
    return os.fdopen(descriptor, "rb")


def _documents_in(path: Path, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    with _open_regular_file(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size == 0:
            raise Unreadable("empty file")
        head = stream.read(SNIFF_BYTES)
        if is_warc(path.name, head):
            if size > settings.max_archive_bytes:
                limit = settings.max_archive_bytes
                raise Unreadable(f"too large: {size:,} bytes, over the {limit:,}-byte archive limit")
            stream.seek(0)
            yield from read_warc(stream, origin, settings)
            return
        if size > settings.max_file_bytes:
            raise Unreadable(f"too large: {size:,} bytes, over the {settings.max_file_bytes:,}-byte limit")
        stream.seek(0)
        data = stream.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:  # it grew while being read
        raise Unreadable(f"too large: over the {settings.max_file_bytes:,}-byte limit")
    name = path.name
    if name.lower().endswith(".gz") or data.startswith(GZIP_MAGIC):
        data = gunzip(data, settings.max_file_bytes)
        name = name[:-3] if name.lower().endswith(".gz") else name
        if not data:
            raise Unreadable("empty file once decompressed")
    kind = detect_kind(name, data)
    if kind == "pdf":
        yield read_pdf(data, origin, settings)
    elif kind == "json":
        yield from read_json(data, origin, settings)
    elif kind == "jsonl":
        yield from read_jsonl(data, origin, settings)
    elif kind == "feed":
        yield from read_feed(data, origin, settings)
    else:
        yield make_document(data, origin, kind, decode_bytes(data), settings)
