"""Decoding: any common encoding in, text out; only encoding damage is repaired."""

from __future__ import annotations

import pytest

from storyline.ingest.decoding import decode_bytes
from storyline.ingest.detection import detect_kind
from storyline.ingest.errors import Unreadable

TEXT = "“Quoted,” said the ﬁnance officer — prices rose 4½% in Zürich.\r\nSecond line\tindented."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_round_trip_untouched(encoding):
    assert decode_bytes(TEXT.encode(encoding)) == TEXT  # curly quotes, ligature, CRLF, tab all kept


def test_legacy_single_byte_text_is_detected():
    text = "Die Hafenarbeiter in Österreich fordern höhere Löhne; die Gespräche über Überstunden scheitern."
    assert decode_bytes(text.encode("cp1252")) == text


def test_declared_charset_is_used_when_bytes_are_not_utf8():
    assert decode_bytes("Café Müller".encode("latin-1"), "iso-8859-1") == "Café Müller"


def test_double_encoded_text_is_repaired():
    text = "The mayor’s café — prices rose 4½% in Zürich.\r\n‘Not again,’ she said."
    damaged = text.encode("utf-8").decode("cp1252")
    assert damaged != text
    assert decode_bytes(damaged.encode("utf-8")) == text


def test_binary_is_refused():
    with pytest.raises(Unreadable, match="binary"):
        decode_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(200))
    with pytest.raises(Unreadable, match="control characters"):
        decode_bytes(bytes(range(1, 32)) * 20)


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("story.txt", b"Plain words.", "text"),
        ("story.txt", b"\xef\xbb\xbf <!DOCTYPE html><html>", "html"),
        ("story.html", b"%PDF-1.4 ...", "pdf"),
        ("export.xml", b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        ("export.atom", b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("README", b"Plain words.", "text"),
        ("data.ndjson", b"{}", "jsonl"),
    ],
)
def test_kind_comes_from_extension_and_first_bytes(name, head, kind):
    assert detect_kind(name, head) == kind


def test_plain_xml_and_unknown_extensions_are_unsupported():
    with pytest.raises(Unreadable, match="neither an RSS/Atom feed"):
        detect_kind("config.xml", b"<?xml version='1.0'?><settings/>")
    with pytest.raises(Unreadable, match="unsupported file kind '.csv'"):
        detect_kind("table.csv", b"a,b\n1,2\n")
