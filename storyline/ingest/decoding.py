"""Bytes to text: UTF-8 first, detected charset otherwise, then mojibake repair; nothing else is changed."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from storyline.ingest.errors import Unreadable

# Only undo encoding damage (mojibake, lossy sequences); keep quotes, widths, line breaks and markup as
# they are, because ingest hands the source on unchanged and later offsets point into it.
_REPAIR_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
)

_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
_MAX_CONTROL_CHAR_SHARE = 0.01
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_NON_TEXT_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode Cc less tab, newlines, ff


def _wide_unicode_without_bom(data: bytes) -> str | None:
    """UTF-16/32 text saved without a byte-order mark (its NUL bytes would otherwise mean binary)."""
    best = charset_normalizer.from_bytes(data[: _SNIFF_BYTES * 4]).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        return best.encoding
    return None


def _control_char_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    return len(_NON_TEXT_CONTROL_CHARS.findall(sample)) / max(len(sample), 1)


def repair_mojibake(text: str) -> str:
    """ftfy's encoding repair, run only where its own badness test finds mojibake.

    Both ftfy.fix_text and ``is_bad`` cost tens of milliseconds on a large page, yet mojibake is made of
    non-ASCII characters: testing only those runs (with a character of context each side) finds it at a
    fraction of the cost, so clean text (nearly all of it) skips the repair.
    """
    if text.isascii():
        return text
    runs = "\n".join(text[max(run.start() - 1, 0) : run.end() + 1] for run in _NON_ASCII_RUN.finditer(text))
    if not is_bad(runs):
        return text
    return ftfy.fix_text(text, _REPAIR_ENCODING_ONLY)


def decode_bytes(data: bytes, declared_charset: str | None = None) -> str:
    """Decode ``data`` to text, raising ``Unreadable`` for binary or undecodable bytes.

    Order: a byte-order mark (or, for bytes with NULs, UTF-16/32 detection; anything else with NULs is
    binary), strict UTF-8, the charset the container declared (an HTTP header), then charset-normalizer's
    best guess; ftfy then repairs text that was decoded twice (mojibake).
    """
    text = _decode(data, declared_charset)
    if _control_char_share(text) > _MAX_CONTROL_CHAR_SHARE:
        raise Unreadable("binary content, not text (too many control characters)")
    return repair_mojibake(text)


def _decode(data: bytes, declared_charset: str | None) -> str:
    encoding = next((encoding for bom, encoding in _UNICODE_BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:_SNIFF_BYTES]:
        encoding = _wide_unicode_without_bom(data)
        if encoding is None:
            raise Unreadable("binary content, not text")
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise Unreadable(f"undecodable text: not valid {encoding}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared_charset:
        try:
            return data.decode(declared_charset)
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Unreadable("undecodable text: no character encoding fits its bytes")
    return str(best)
