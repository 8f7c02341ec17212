"""Each sanitiser against the attack it exists for (storyline/sanitize.py)."""

from __future__ import annotations

import io
import json

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from storyline.sanitize import (
    csv_safe,
    json_text,
    markdown_code,
    markdown_text,
    one_line,
    printable,
    terminal,
)

OSC8 = "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\"


def rendered_html(markdown: str) -> str:
    """As a Markdown viewer that allows raw HTML would show it (the most permissive CommonMark reader)."""
    return MarkdownIt("commonmark", {"html": True}).enable("strikethrough").render(markdown)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_csv_cell_starting_like_a_formula_gets_a_quote(start):
    assert csv_safe(start + "1+1") == "'" + start + "1+1"


def test_a_leading_tab_is_not_stripped_to_expose_a_formula():
    assert csv_safe("\t=1+1") == "'\t=1+1"
    assert csv_safe('=HYPERLINK("http://evil.example","x")').startswith("'=")


def test_controls_are_removed_before_the_formula_test():
    assert csv_safe("\x00=1+1") == "'=1+1"
    assert csv_safe("\x1b]0;title\x07@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("\x1b[31mred\x1b[0m alert\x07") == "red alert"


def test_plain_text_and_inner_signs_are_left_alone():
    assert csv_safe("café – 3-2 win, +5 points") == "café – 3-2 win, +5 points"
    assert csv_safe("two\tcolumns\r\nlines") == "two\tcolumns\r\nlines"


@pytest.mark.parametrize("attack, forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ("[x](javascript:alert(1))", "<a "),
    ("![pixel](http://evil.example/p.png)", "<img"),
    ('<img src=x onerror="alert(1)">', "<img"),
    ("<javascript:alert(1)>", "<a "),
    ("[x][1]\n\n[1]: javascript:alert(1)", "<a "),
    ("<a href='http://evil.example'>x</a>", "<a "),
    ("&lt;script&gt;", "&lt;script&gt;"),  # an entity stays the characters it is written with
    ("line\n<script>alert(1)</script>", "<script"),  # a newline cannot open an HTML block
    ("line\n# heading", "<h1"),
    ("**bold** _em_ `code` ~~gone~~", "<strong"),
])
def test_markdown_text_shows_attacks_as_text(attack, forbidden):
    html = rendered_html(f"- said: {markdown_text(attack)}\n")
    assert forbidden not in html
    assert html.count("<li>") == 1 and "<p>" not in html  # still one list item, nothing broke out


def test_markdown_text_keeps_the_words_readable():
    assert markdown_text("Port Sel, 3-2 (AP). 100% sure") == "Port Sel, 3-2 (AP). 100% sure"
    assert "alert(1)" in rendered_html(markdown_text("<script>alert(1)</script>"))


def test_markdown_code_cannot_be_closed_from_inside():
    for text in ("a`b", "`x", "``` <b>x</b>", "<script>"):
        html = rendered_html(f"- {markdown_code(text)}\n")
        assert html.count("<code>") == 1 and "<b>" not in html and "<script" not in html


@pytest.mark.parametrize("attack", [
    OSC8, "\x1b[2J\x1b[Hcleared", "\x1b]0;window title\x07", "\x1bPdevice\x1b\\", "\x1bc reset",
    "safe\rEVIL", "ab\b\bcd", "\x9b31mC1 CSI", "\u202eevil\u202c", "bell\x07", "\x1b[31;1m",
])
def test_terminal_text_carries_no_control_or_escape(attack):
    shown = terminal(attack).plain
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u202e" not in shown


def test_terminal_text_is_never_markup():
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=200)
    console.print(terminal("[link=http://evil.example]click[/link] [/x] [bold]loud :smile:"))
    output = console.file.getvalue()
    assert "\x1b]8;" not in output  # no hyperlink
    assert "[link=http://evil.example]click[/link] [/x] [bold]loud :smile:" in output


def test_one_line_flattens_and_cleans():
    assert one_line("bad record\n\nat line 3\x1b[2J\r") == "bad record at line 3"


def test_a_name_that_was_not_utf8_can_still_be_printed():
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert printable(name) == "caf\\xe9.txt"
    assert one_line(name).encode("utf-8")
    assert csv_safe(name).encode("utf-8")


def test_json_text_is_the_same_json_without_raw_terminal_characters():
    value = {"title": "\x9b2J\u202eevil", "name": "caf\udce9", "plain": "é – \x1b[2J"}
    text = json_text(value, indent=2)
    assert json.loads(text) == value
    assert not any(0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF or c == "\u202e" or c == "\x1b" for c in text)
    assert "é –" in text  # other text is not escaped
