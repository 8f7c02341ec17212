"""Article text made harmless for whoever reads storyline's output: a spreadsheet, a Markdown renderer, a
terminal. Every output path (timeline, event, sources, entities, export) writes data through these.

Scraped text is hostile: a title may be a spreadsheet formula, a sentence may carry ``<script>`` or a
``javascript:`` link, an outlet name may hold Rich markup or terminal escape sequences that set the window
title or plant a hyperlink. Each function here is the one rule for one kind of reader. The rules are
three or four character classes each, so they are written out rather than taken from a library
(defusedcsv covers only the CSV rule, and nothing maintained escapes Markdown for CommonMark and
Python-Markdown alike).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from rich.text import Text

# ANSI escape sequences whole: CSI ("\x1b[31m", cursor moves), string sequences with their terminator
# (OSC "\x1b]8;;url\x1b\\" hyperlinks and "\x1b]0;title\x07", DCS, SOS, PM, APC), then any other escape.
# An unterminated string sequence loses only its ESC (below): the rest stays as visible, inert text.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]"
)
# C0 controls but tab, newline and carriage return (text a quoted CSV cell may hold), DEL, and C1
# controls (some terminals read U+009B as CSI even in UTF-8).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What a terminal would also act on: tab, carriage return, and the bidi overrides and isolates that
# reorder what is shown ("Trojan Source").
_TERMINAL_ONLY = re.compile(r"[\t\r\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Markdown punctuation that can start emphasis, code, links, images, headings, strikethrough or
# Python-Markdown attribute lists ("{: onclick=...}"). Backslash escapes are honoured for all of these by
# CommonMark and Python-Markdown; "<", ">" and "&" become entities instead, as Markdown.pl and
# Python-Markdown do not honour a backslash before "<".
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]!#~|])")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """The text as it can be encoded: a lone surrogate (a file name that was not UTF-8, a broken JSON
    escape) would make writing the whole output fail, so it is shown as its byte (``\\xe9``)."""
    if not _SURROGATES.search(text):
        return text
    return _SURROGATES.sub(_surrogate_byte, text)


def _surrogate_byte(match: re.Match[str]) -> str:
    """U+DC80..U+DCFF is how Python carries an undecodable byte (surrogateescape); other lone surrogates
    stand for nothing and become U+FFFD."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def strip_controls(text: str) -> str:
    """Without escape sequences and control characters (tab, newline and carriage return kept)."""
    return _CONTROLS.sub("", _ESCAPE_SEQUENCES.sub("", printable(text)))


def csv_safe(text: str) -> str:
    """A text cell a spreadsheet shows as text and a terminal prints as text. The formula test runs after
    controls are removed (so "\\x00=1+1" is caught) but nothing else is trimmed first: a leading tab or
    carriage return is itself a formula start."""
    text = strip_controls(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def terminal_text(text: str) -> str:
    """The text a terminal prints as it is: no escape sequences or controls but newlines, tabs as spaces.
    Rich markup is not escaped here: hand the result to Rich as a ``Text`` (see ``terminal``)."""
    return _TERMINAL_ONLY.sub(lambda m: " " if m.group() == "\t" else "", strip_controls(text))


def terminal(text: str | None, style: str = "") -> Text:
    """Data for a Rich table or message: a ``Text`` is never parsed as markup ("[link=...]", "[/x]")."""
    return Text(terminal_text(text or ""), style=style)


def one_line(text: str) -> str:
    """The text on one line for the terminal (a message per skipped input stays one line)."""
    return " ".join(terminal_text(text).split())


def markdown_text(text: str | None) -> str:
    """Text placed inside a Markdown line, shown as written: on one line (a newline could open a heading
    or an HTML block), HTML as entities, Markdown punctuation backslash-escaped, so no link, image,
    raw HTML or script survives."""
    flat = " ".join(strip_controls(text or "").split())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(flat, quote=False))


def markdown_code(text: str | None) -> str:
    """Text as an inline code span, which Markdown never interprets: the fence is longer than any run of
    backticks inside (CommonMark), with spaces when the text starts or ends with one."""
    flat = " ".join(strip_controls(text or "").split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def json_text(value: Any, **dumps_options: Any) -> str:
    """JSON as ``json.dumps(ensure_ascii=False)`` writes it, but with the characters it leaves raw that a
    terminal acts on (C1 controls, bidi overrides) or that cannot be encoded (lone surrogates) written as
    ``\\uXXXX`` escapes: still the same JSON value, safe to print."""
    text = json.dumps(value, ensure_ascii=False, **dumps_options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
