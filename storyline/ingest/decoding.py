"""Bytes to text: UTF-8 first, detected charset otherwise, then mojibake repair; nothing else is changed.

Stray control characters (a NUL or two) do not make a file binary: ``remove_control_chars`` takes them out
later, when the document is made, so every reader (JSON records and PDFs too) gets the same treatment.
"""

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
_STRAY_CONTROL_CHARS = 4  # this many control characters are taken for damage in a text file, not binary
_DETECTION_WINDOW = 64 * 1024  # bytes charset-normalizer sees of a large file: from its start, from its first bad byte
_MOJIBAKE_SAMPLE_CHARS = 100_000  # characters of non-ASCII runs (with context) tested for mojibake
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
_NON_TEXT_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode Cc less tab, newlines, ff
_C1_CONTROL_CHARS = re.compile("[\x80-\x9f]")
# All Cc but tab and line breaks, and lone surrogates (a JSON "\ud800" escape), which no file can encode.
_REMOVABLE_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _wide_unicode_without_bom(data: bytes) -> str | None:
    """UTF-16/32 text saved without a byte-order mark (its NUL bytes would otherwise mean binary)."""
    best = charset_normalizer.from_bytes(data[: _SNIFF_BYTES * 4]).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        return best.encoding
    return None


def _looks_binary(text: str) -> bool:
    """Too many control characters near the start for text with a few damaged bytes."""
    sample = text[:_SNIFF_BYTES]
    controls = len(_NON_TEXT_CONTROL_CHARS.findall(sample))
    return controls > _STRAY_CONTROL_CHARS and controls / max(len(sample), 1) > _MAX_CONTROL_CHAR_SHARE


def _many_control_bytes(data: bytes) -> bool:
    """Control bytes (as no 8-bit text encoding uses them) near the start, past a few damaged ones."""
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _STRAY_CONTROL_CHARS and controls / len(sample) > _MAX_CONTROL_CHAR_SHARE


def _many_nul_bytes(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    nuls = sample.count(b"\x00")
    return nuls > _STRAY_CONTROL_CHARS and nuls / len(sample) > _MAX_CONTROL_CHAR_SHARE


def remove_control_chars(text: str) -> tuple[str, int]:
    """``text`` without NULs and other control characters (tab and line breaks stay), and how many went.

    Vertical tabs and form feeds (page breaks in text dumps) become line breaks, so words do not run
    together; a lone surrogate becomes U+FFFD, the replacement character. C1 characters (U+0080-U+009F)
    are mostly mojibake ("â\x80\x99" for ’, in a JSON record's text): ftfy repairs those first, and only
    what it leaves is removed.
    """
    if _REMOVABLE_CONTROL_CHARS.search(text) is None:  # the usual case, without building a copy
        return text, 0
    if _C1_CONTROL_CHARS.search(text):
        text = repair_mojibake(text)
    return _REMOVABLE_CONTROL_CHARS.subn(_control_char_replacement, text)


def _control_char_replacement(match: re.Match[str]) -> str:
    character = match.group()
    if character in "\v\f":
        return "\n"
    return "\ufffd" if "\ud800" <= character <= "\udfff" else ""


def repair_mojibake(text: str) -> str:
    """ftfy's encoding repair, run only where its own badness test finds mojibake.

    Both ftfy.fix_text and ``is_bad`` cost tens of milliseconds on a large page, yet mojibake is made of
    non-ASCII characters: testing only those runs (with a character of context each side) finds it at a
    fraction of the cost, so clean text (nearly all of it) skips the repair. In a large file only the
    first runs are tested (mojibake comes from decoding a whole file twice, so it shows early): testing all
    of a 50 MB transcript's runs would cost seconds and hundreds of MB.
    """
    if text.isascii():
        return text
    runs: list[str] = []
    sampled = 0
    for run in _NON_ASCII_RUN.finditer(text):
        runs.append(text[max(run.start() - 1, 0) : run.end() + 1])
        sampled += len(runs[-1])
        if sampled > _MOJIBAKE_SAMPLE_CHARS:
            break
    if not is_bad("\n".join(runs)):
        return text
    return ftfy.fix_text(text, _REPAIR_ENCODING_ONLY)


def decode_bytes(data: bytes, declared_charset: str | None = None) -> str:
    """Decode ``data`` to text, raising ``Unreadable`` for binary or undecodable bytes.

    Order: a byte-order mark (or, for bytes with many NULs, UTF-16/32 detection; anything else with many
    NULs or other control bytes is binary), strict UTF-8, the charset the container declared (an HTTP
    header), then charset-normalizer's best guess; ftfy then repairs text that was decoded twice (mojibake).
    """
    text = _decode(data, declared_charset)
    if _looks_binary(text):
        raise Unreadable("binary content, not text (too many control characters)")
    return repair_mojibake(text)


def _decode(data: bytes, declared_charset: str | None) -> str:
    encoding = next((encoding for bom, encoding in _UNICODE_BOMS if data.startswith(bom)), None)
    if encoding is None and _many_nul_bytes(data):
        encoding = _wide_unicode_without_bom(data)
        if encoding is None:
            raise Unreadable("binary content, not text")
    if encoding is None and _many_control_bytes(data):
        raise Unreadable("binary content, not text (too many control characters)")
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise Unreadable(f"undecodable text: not valid {encoding}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad_byte = exc.start
    if declared_charset:
        try:
            return data.decode(declared_charset)
        except (LookupError, UnicodeDecodeError):
            pass
    for encoding in detected_encodings(data, first_bad_byte):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue  # the sample fitted, a later part of the file does not: try the next guess
    raise Unreadable("undecodable text: no character encoding fits its bytes")


def detected_encodings(data: bytes, first_bad_byte: int) -> list[str]:
    """charset-normalizer's guesses for bytes that are not UTF-8, best first, from a sample of them."""
    return [guess.encoding for guess in charset_normalizer.from_bytes(_detection_sample(data, first_bad_byte))]


class LineDecoder:
    """Decodes a file line by line (JSON Lines): UTF-8 where a line is, else the file's detected encoding.

    The encoding is detected once, at the first line that is not UTF-8, so one broken line neither costs
    the rest of the file nor a detection per line.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._guesses: list[str] | None = None

    def decode(self, line: bytes, offset: int) -> str:
        """``line`` (found at ``offset`` in the file) as text; ``Unreadable`` when no encoding fits it."""
        try:
            return repair_mojibake(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            first_bad_byte = offset + exc.start
        if self._guesses is None:
            self._guesses = detected_encodings(self._data, first_bad_byte)
        for encoding in self._guesses:
            try:
                return repair_mojibake(line.decode(encoding))
            except (LookupError, UnicodeDecodeError):
                continue
        raise Unreadable("undecodable text: no character encoding fits its bytes")


def _detection_sample(data: bytes, first_bad_byte: int) -> bytes:
    """What charset-normalizer is shown of a large file: its start, and the stretch from its first bad byte.

    The detector decodes its whole input once per candidate encoding, which on a 50 MB file costs seconds
    and gigabytes; two windows, cut at line ends so no multi-byte character is split, settle the encoding
    just as well, and the whole file is then decoded once with it (strictly, so a wrong guess is noticed).
    """
    if len(data) <= 4 * _DETECTION_WINDOW:
        return data
    head = data[:_DETECTION_WINDOW]
    head = head[: head.rfind(b"\n") + 1] or head
    start = data.rfind(b"\n", 0, first_bad_byte) + 1
    window = data[start : start + _DETECTION_WINDOW]
    window = window[: window.rfind(b"\n") + 1] or window
    return head if start < len(head) else head + window
