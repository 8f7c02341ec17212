"""Fuzz the build: thousands of malformed, hostile and ordinary inputs, built in batches as a user would.

Every kind storyline reads (.txt .md .html .json .jsonl .pdf, RSS/Atom, WARC/WARC.gz, .gz) is written
truncated, with corrupted bytes, as a bomb (gzip, PDF flate, deep nesting, entity expansion), in odd
encodings (UTF-16 without BOM, latin-1, mixed, NULs, control characters), with huge values (400-digit
counts, year 0001, 1M-character articles), under odd names (non-UTF-8 bytes, markup, newlines), and as
symlinks and FIFOs; good articles (written by template) are mixed in, alone and inside multi-record files.
Each batch is one ``storyline build`` in a subprocess with a time budget per file. The summary prints
crashes (exit code not 0 or 3, or a traceback), hangs, peak memory, good inputs lost (not an article or
copy in ``storyline sources``), inputs that vanished without a line, and files from outside the input
folders that reached the ledger. A failing batch is bisected to the inputs that make it fail.

    python bench/fuzz.py [--count 10000] [--batch-size 100] [--seed 11] [--out DIR] [--kinds txt,pdf,...]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

KINDS = ("txt", "md", "html", "json", "jsonl", "pdf", "feed", "warc", "gz", "names", "special")
GOOD_SHARE = 0.3  # of the inputs of each kind: good articles, which must all reach the ledger
EXIT_OK = {0, 3}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)")
OUTSIDE_MARKER = "root:x:0:0"  # a line of /etc/passwd: the ledger must never hold it


# ----------------------------------------------------------------------------------------------------------
# Good articles, by template: varied enough that they are not folded as copies of each other.

PLACES = ["Calder Falls", "Port Ainsley", "Merrowgate", "Tollan Ridge", "Ashcombe", "Velden", "Brisk Harbour",
          "Oakhollow", "Sarnby", "Kestrel Point", "Dunmere", "Halvard", "Lowick", "Penhallow", "Ardmoor",
          "Quillon", "Westerby", "Cobb's Landing", "Rothwick", "Elmstead"]
REGIONS = ["Northern Province", "the Coastal District", "Upper Valley County", "the Eastern Highlands",
           "Lake Territory", "the Southern Plains"]
FIRST = ["Mara", "Tomas", "Ines", "Kofi", "Lena", "Rafael", "Yusuf", "Greta", "Anika", "Dmitri", "Selma",
         "Owen", "Priya", "Jonah", "Farida", "Pavel", "Noor", "Elias", "Hana", "Callum"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Brennan", "Kowalski", "Achebe", "Varga",
        "Delacroix", "Sato", "Ibarra", "Novak", "Mensah", "Rasmussen", "Quint", "Albescu", "Farrow"]
ORGS = ["the Harbour Workers Union", "Northline Rail", "the Regional Water Board", "Castell Mining",
        "the Provincial Court", "Brightwell Energy", "the Ministry of Transport", "Meridian Freight",
        "the City Council", "the Teachers' Federation", "Alder Pharmaceuticals", "the Port Authority"]
OUTLETS = ["Valley Courier", "Harbour Evening Post", "The Ridge Sentinel", "Coastal Daily", "Provincial Record",
           "Morning Ledger", "The Lowick Observer", "Northern Dispatch"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

TOPICS: dict[str, dict[str, list[str]]] = {
    "flood": {
        "head": ["Floodwaters force {n} families from homes in {place}", "{place} river bursts its banks after "
                 "{m} days of rain", "Evacuations widen as {place} flood toll rises to {k}"],
        "lead": ["Rising water forced {n} families from their homes in {place} on {day}, officials in {region} "
                 "said, after the river crested at {m} metres overnight.",
                 "At least {k} people died and {n} were evacuated when the river flooded low-lying streets of "
                 "{place} on {day}, according to {org}."],
        "body": ["Rescue crews used boats to reach residents trapped on upper floors, and {person}, who leads the "
                 "local emergency service, said teams had worked through the night.",
                 "{org} said {m} pumping stations had failed and that drinking water would be rationed until the "
                 "end of the week.",
                 "Schools in {place} will stay closed on {day}, and the regional government has opened {m} "
                 "shelters in sports halls and churches.",
                 "Farmers downstream reported that fields of wheat and barley were under water, and {person} "
                 "estimated the damage at {n} thousand dollars.",
                 "Forecasters expect another {m} centimetres of rain before the weekend, which could push the "
                 "river above its record level set in {year}."],
    },
    "strike": {
        "head": ["{org} members walk out over pay in {place}", "Strike halts work at {place} for a {ordinal} day",
                 "Talks collapse as {n} workers strike in {place}"],
        "lead": ["About {n} members of {org} stopped work in {place} on {day}, demanding a pay rise of {m} percent "
                 "after talks with management broke down.",
                 "A strike by {n} workers shut the main terminal in {place} on {day}, the {ordinal} stoppage "
                 "this year, {person} told reporters."],
        "body": ["Management offered a rise of {small} percent over two years, which {person} called an insult to "
                 "staff who had kept services running through the winter.",
                 "Queues of lorries stretched for {m} kilometres outside the gates, and {org} warned that "
                 "deliveries of fuel could be delayed.",
                 "The regional labour office said it would invite both sides to mediation on {day}.",
                 "Pickets gathered before dawn with banners and flasks of coffee; {person}, a driver for {m} "
                 "years, said rents in {place} had doubled since {year}.",
                 "A spokesperson for the company said contingency plans were in place and that the strike was "
                 "unlawful because the ballot had closed early."],
    },
    "court": {
        "head": ["Court orders {org} to pay {n} thousand in damages", "{person} cleared of fraud charges in "
                 "{place}", "Judge halts {place} bypass plan after residents' appeal"],
        "lead": ["A court in {place} on {day} ordered {org} to pay damages of {n} thousand dollars to residents "
                 "whose wells were polluted, ending a case that began in {year}.",
                 "Judges in {place} acquitted {person} of all {m} charges on {day}, ruling that prosecutors had "
                 "not proved the money was taken."],
        "body": ["The ruling may still be appealed within {m} days, and lawyers for {org} said they were "
                 "studying the judgment.",
                 "Outside the courthouse, {person} said the verdict showed that ordinary families could win "
                 "against a large company.",
                 "The case rested on tests of groundwater taken over {m} months by an independent laboratory.",
                 "Prosecutors had asked for a sentence of {small} years; the judge said the evidence was "
                 "circumstantial and partly contradictory.",
                 "Legal observers in {region} said the decision could affect {n} similar claims now waiting to "
                 "be heard."],
    },
    "accident": {
        "head": ["{k} injured as train derails near {place}", "Bridge closed after lorry strikes span in {place}",
                 "Fire at {place} warehouse injures {k}"],
        "lead": ["A passenger train run by {org} left the rails near {place} on {day}, injuring {k} people, "
                 "{small} of them seriously, the regional health office said.",
                 "Fire swept through a warehouse on the edge of {place} early on {day}, injuring {k} workers and "
                 "sending smoke over the town for {m} hours."],
        "body": ["Investigators will examine the track and the signalling system, {person} of {org} said, "
                 "adding that the line would stay closed for at least {m} days.",
                 "Witnesses described a loud bang followed by the carriages tilting; {person}, who was on her "
                 "way to work, said passengers helped each other through the windows.",
                 "Firefighters from {m} stations fought the blaze, and residents were told to keep their "
                 "windows shut.",
                 "The warehouse stored paper and plastics for {org}, and the cause of the fire is not yet known.",
                 "The injured were taken to hospitals in {place} and {place2}, where {small} remain in "
                 "intensive care."],
    },
    "politics": {
        "head": ["{person} wins {place} mayoral race with {m} percent", "Council in {place} approves budget "
                 "after {m}-hour session", "{region} votes to raise fuel tax by {small} cents"],
        "lead": ["{person} was elected mayor of {place} on {day} with {m} percent of the vote, ending {small} "
                 "terms of rule by the same party.",
                 "After a session lasting {m} hours, the council of {place} approved a budget of {n} million on "
                 "{day}, including cuts to libraries and road repairs."],
        "body": ["Turnout was {m} percent, the highest in the city since {year}, the election office said.",
                 "{person2}, who came second, conceded shortly after midnight and promised to work with the new "
                 "administration.",
                 "The budget includes {n} thousand for flood defences and a freeze on hiring at {org}.",
                 "Opposition members walked out before the final vote, calling the cuts reckless.",
                 "Campaign promises included free buses for pupils and a new clinic in the north of {place}."],
    },
}


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    outlet: str
    date: str  # ISO

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def make_article(rng: random.Random, serial: int) -> Article:
    topic = TOPICS[rng.choice(sorted(TOPICS))]
    year = rng.randint(2019, 2026)
    month = rng.randint(1, 12)
    day_of_month = rng.randint(1, 28)
    slots = {
        "place": rng.choice(PLACES), "place2": rng.choice(PLACES), "region": rng.choice(REGIONS),
        "org": rng.choice(ORGS), "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "person2": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "n": rng.randint(40, 4000),
        "m": rng.randint(3, 90), "k": rng.randint(2, 60), "small": rng.randint(2, 9),
        "year": rng.randint(1950, 2018), "ordinal": rng.choice(["second", "third", "fourth", "fifth"]),
        "day": f"{MONTHS[month - 1]} {day_of_month}",
    }
    title = rng.choice(topic["head"]).format(**slots)
    body = rng.sample(topic["body"], k=rng.randint(3, len(topic["body"])))
    paragraphs = [rng.choice(topic["lead"]).format(**slots)] + [p.format(**slots) for p in body]
    # A closing line unique to the article keeps two articles of one topic apart for the duplicate folder.
    paragraphs.append(f"Reporting by {rng.choice(FIRST)} {rng.choice(LAST)} in {slots['place']}; "
                      f"file {serial} of the {rng.choice(OUTLETS)} archive, updated at "
                      f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}.")
    return Article(title, paragraphs, rng.choice(OUTLETS), f"{year}-{month:02d}-{day_of_month:02d}")


def as_html(article: Article, extra_head: str = "") -> str:
    paragraphs = "\n".join(f"<p>{_escape(p)}</p>" for p in article.paragraphs)
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{_escape(article.title)}</title>"
            f"{extra_head}<meta property=\"article:published_time\" content=\"{article.date}\"></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>{_escape(article.title)}"
            f"</h1><p class=\"byline\">{article.outlet} · {article.date}</p>\n{paragraphs}</article>"
            f"<footer>© {article.outlet}</footer></body></html>")


def as_record(article: Article, **extra: object) -> dict[str, object]:
    return {"title": article.title, "text": article.text, "date": article.date, "outlet": article.outlet,
            "url": f"https://news.example/{zlib.crc32(article.title.encode())}", **extra}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ----------------------------------------------------------------------------------------------------------
# Inputs


@dataclass
class Case:
    """One directory entry to write: a file (``data``), a symlink (``link_to``) or a FIFO."""

    kind: str
    label: str  # what was done to it: "good", "truncated", "gzip-bomb", ...
    name: bytes  # file name inside the batch folder (bytes: names need not be UTF-8)
    data: bytes = b""
    link_to: bytes | None = None
    fifo: bool = False
    good_records: list[str] = field(default_factory=list)  # origin suffixes ("" or "#3") that must be articles


Maker = Callable[[random.Random, int], Case]


def corrupt(rng: random.Random, data: bytes, share: float = 0.02) -> bytes:
    mutable = bytearray(data)
    for _ in range(max(1, int(len(mutable) * share))):
        mutable[rng.randrange(len(mutable))] = rng.randrange(256)
    return bytes(mutable)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(1, max(1, len(data) - 1))]


def huge_text(rng: random.Random, article: Article, chars: int = 1_000_000) -> str:
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = rng.choice(article.paragraphs)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join([article.paragraphs[0], *paragraphs])


def encoded_variants(rng: random.Random, text: str) -> tuple[str, bytes]:
    """The text in an odd encoding, with a label."""
    accented = text.replace("Moreau", "Moreau-Lefèvre").replace("Varga", "Várga") + "\n\nCafé société, naïve."
    choice = rng.randrange(7)
    if choice == 0:
        return "utf16le-no-bom", accented.encode("utf-16-le")
    if choice == 1:
        return "utf16be-no-bom", accented.encode("utf-16-be")
    if choice == 2:
        return "latin-1", accented.encode("latin-1", "replace")
    if choice == 3:
        half = len(accented) // 2
        return "mixed-utf8-latin1", accented[:half].encode("utf-8") + accented[half:].encode("latin-1", "replace")
    if choice == 4:
        data = bytearray(accented.encode("utf-8"))
        data.insert(rng.randrange(len(data)), 0)
        return "one-nul", bytes(data)
    if choice == 5:
        controls = "".join(chr(c) for c in (1, 7, 8, 11, 12, 27, 127)) + "\x1b[31m\x1b]8;;http://evil.example\x07"
        at = rng.randrange(len(accented))
        return "control-chars", (accented[:at] + controls + accented[at:]).encode("utf-8")
    return "utf8-bom-crlf", b"\xef\xbb\xbf" + accented.replace("\n", "\r\n").encode("utf-8")


def make_text(extension: str) -> Maker:
    def make(rng: random.Random, serial: int) -> Case:
        article = make_article(rng, serial)
        name = f"{serial:06d}-{extension}.{extension}".encode()
        heading = f"# {article.title}\n\n" if extension == "md" else f"{article.title}\n\n"
        plain = heading + f"By {rng.choice(FIRST)} {rng.choice(LAST)}, {article.outlet}, {article.date}\n\n" + \
            article.text + "\n"
        if rng.random() < GOOD_SHARE:
            return Case(extension, "good", name, plain.encode(), good_records=[""])
        choice = rng.randrange(9)
        if choice == 0:
            return Case(extension, "truncated", name, truncate(rng, plain.encode()))
        if choice == 1:
            return Case(extension, "corrupted-bytes", name, corrupt(rng, plain.encode()))
        if choice == 2:
            label, data = encoded_variants(rng, plain)
            return Case(extension, label, name, data)
        if choice == 3:
            return Case(extension, "million-chars", name, (heading + huge_text(rng, article)).encode())
        if choice == 4:
            numbers = f"Officials said {'9' * 400} people were evacuated on 0001-01-01 and 31/02/2024.\n"
            return Case(extension, "huge-values", name, (plain + numbers).encode())
        if choice == 5:
            inline = plain.replace(article.paragraphs[1], f"The word <b>urgent</b> and a <script>x</script> "
                                                          f"tag appear in {article.paragraphs[1]}")
            return Case(extension, "inline-tags", name, inline.encode())
        if choice == 6:
            return Case(extension, "empty-or-blank", name, rng.choice([b"", b"\n\n  \t\n", b"\xef\xbb\xbf"]))
        if choice == 7:
            return Case(extension, "binary", name, rng.randbytes(rng.randint(64, 4096)))
        markup = "[link=http://evil.example]click[/link] [/x] =HYPERLINK(\"http://evil.example\",\"x\")\n"
        return Case(extension, "markup-and-formulas", name, (f"=cmd|'/c calc'!A1 {article.title}\n\n" + markup
                                                            + article.text).encode())
    return make


def make_html(rng: random.Random, serial: int) -> Case:
    article = make_article(rng, serial)
    name = f"{serial:06d}-page.html".encode()
    page = as_html(article)
    if rng.random() < GOOD_SHARE:
        return Case("html", "good", name, page.encode(), good_records=[""])
    choice = rng.randrange(9)
    if choice == 0:
        return Case("html", "truncated", name, truncate(rng, page.encode()))
    if choice == 1:
        return Case("html", "corrupted-bytes", name, corrupt(rng, page.encode()))
    if choice == 2:
        depth = rng.choice([5_000, 30_000, 100_000])
        return Case("html", f"nested-divs-{depth}", name, ("<html><body>" + "<div>" * depth + article.text
                                                            + "</div>" * depth + "</body></html>").encode())
    if choice == 3:
        count = rng.choice([100_000, 400_000])
        return Case("html", f"sibling-divs-{count}", name,
                    ("<html><body>" + "<div>x</div>" * count + "<p>" + article.text + "</p></body></html>").encode())
    if choice == 4:
        label, data = encoded_variants(rng, page)
        return Case("html", label, name, data)
    if choice == 5:
        declared = page.replace('charset="utf-8"', 'charset="utf-16"')
        return Case("html", "lying-charset", name, declared.encode("utf-8"))
    if choice == 6:
        return Case("html", "million-chars", name, as_html(Article(article.title, huge_text(rng, article).split("\n\n"),
                                                                   article.outlet, article.date)).encode())
    if choice == 7:
        hostile = page.replace("<h1>", "<h1><script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>")
        hostile = hostile.replace(article.date, "0001-01-01")
        return Case("html", "script-and-year-1", name, hostile.encode())
    return Case("html", "no-body", name, b"<html><head><title>Only a title</title></head></html>")


def make_json(rng: random.Random, serial: int) -> Case:
    article = make_article(rng, serial)
    name = f"{serial:06d}-record.json".encode()
    if rng.random() < GOOD_SHARE:
        records = [as_record(make_article(rng, serial * 10 + i)) for i in range(rng.randint(1, 3))]
        if len(records) == 1:
            return Case("json", "good", name, json.dumps(records[0]).encode(), good_records=[""])
        wrapped = {"status": "ok", "articles": records}
        return Case("json", "good-list", name, json.dumps(wrapped).encode(),
                    good_records=[f"#{i + 1}" for i in range(len(records))])
    choice = rng.randrange(9)
    record = as_record(article)
    if choice == 0:
        return Case("json", "truncated", name, truncate(rng, json.dumps(record).encode()))
    if choice == 1:
        return Case("json", "corrupted-bytes", name, corrupt(rng, json.dumps(record).encode()))
    if choice == 2:
        depth = rng.choice([1_000, 100_000])
        return Case("json", f"nested-{depth}", name, ("[" * depth + json.dumps(record) + "]" * depth).encode())
    if choice == 3:
        record.update(date="0001-01-01", published="0001-01-01T00:00:00Z")
        return Case("json", "year-0001", name, json.dumps(record).encode())
    if choice == 4:
        digits = rng.choice([400, 5000])
        raw = json.dumps(record)[:-1] + f', "count": {"9" * digits}, "killed": {"1" * digits}' + "}"
        return Case("json", f"{digits}-digit-count", name, raw.encode())
    if choice == 5:
        record["text"] = huge_text(rng, article)
        return Case("json", "million-chars", name, json.dumps(record).encode())
    if choice == 6:
        odd = {"title": ["a", {"b": None}], "text": {"nested": True}, "date": 1e308, "outlet": 12}
        return Case("json", "odd-types", name, json.dumps(odd).encode())
    if choice == 7:
        return Case("json", "nan-and-dupes", name, (json.dumps(record)[:-1] + ', "n": NaN, "n": Infinity, '
                                                     '"title": "=1+1"}').encode())
    label, data = encoded_variants(rng, json.dumps(record, ensure_ascii=False))
    return Case("json", label, name, data)


def make_jsonl(rng: random.Random, serial: int) -> Case:
    """A JSONL file always holds good lines; the malformed ones sit between them and must not take them along."""
    name = f"{serial:06d}-records.jsonl".encode()
    lines: list[bytes] = []
    good: list[str] = []
    labels: list[str] = []
    for line_number in range(1, rng.randint(3, 8) + 1):
        article = make_article(rng, serial * 100 + line_number)
        line = json.dumps(as_record(article)).encode()
        if rng.random() < 0.6:
            lines.append(line)
            good.append(f"#{line_number}")
            continue
        choice = rng.randrange(6)
        if choice == 0:
            bad, label = truncate(rng, line), "broken-line"
        elif choice == 1:
            bad, label = corrupt(rng, line, 0.05).replace(b"\n", b" "), "corrupted-line"
        elif choice == 2:
            bad, label = b"", "blank-line"
        elif choice == 3:
            bad, label = b"[" * 50_000 + b"]" * 50_000, "nested-line"
        elif choice == 4:
            bad, label = json.dumps(dict(as_record(article), date="0001-01-01", count=int("9" * 400))).encode(), \
                "huge-values-line"
        else:
            bad, label = line[: len(line) // 2] + b"\x00\xff\xfe" + line[len(line) // 2:], "nul-line"
        lines.append(bad)
        labels.append(label)
    label = "+".join(sorted(set(labels))) or "good"
    return Case("jsonl", label, name, b"\n".join(lines) + b"\n", good_records=good)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF from its numbered objects (1-based), with a correct cross-reference table.

    Hand-written rather than through a PDF library because the malformed variants need full control of the
    objects (cycles, bombs) that a library would refuse to write.
    """
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, len(objects), xref))
    return out.getvalue()


def _pdf_string(text: str) -> bytes:
    return text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(article: Article, stream_filter: bytes | None = None, stream: bytes | None = None) -> bytes:
    lines: list[str] = [article.title, ""]
    for paragraph in article.paragraphs:
        words = paragraph.split()
        line = ""
        for word in words:
            if len(line) + len(word) > 85:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.extend([line, ""])
    content = b"BT /F1 10 Tf 50 800 Td 12 TL\n" + b"".join(b"(" + _pdf_string(line) + b") '\n"
                                                                for line in lines[:60]) + b"ET"
    if stream is None:
        stream = content
    filter_entry = b" /Filter /" + stream_filter if stream_filter else b""
    info = b"<< /Title (" + _pdf_string(article.title) + b") /CreationDate (D:" + \
        article.date.replace("-", "").encode() + b"120000Z) >>"
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filter_entry) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
    ])


@functools.cache
def deflate_bomb(container: str, head: bytes = b"") -> bytes:
    """About 1 MB that inflates to ``head`` and 1 GiB of zeros, as a gzip file or a zlib (PDF) stream.

    Each MiB is compressed after a full flush, so its deflate block is the same bytes every time: the block is
    repeated instead of compressing 1 GiB, and the checksum is computed apart.
    """
    chunk = b"\0" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    body = first + block * 1024 + packer.flush(zlib.Z_FINISH)
    if container == "gzip":
        crc = zlib.crc32(head)
        for _ in range(1024):
            crc = zlib.crc32(chunk, crc)
        size = (len(head) + 1024 * len(chunk)) & 0xFFFFFFFF
        return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + body + crc.to_bytes(4, "little") + size.to_bytes(4, "little")
    adler = zlib.adler32(head)
    for _ in range(1024):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + body + adler.to_bytes(4, "big")


def make_pdf(rng: random.Random, serial: int) -> Case:
    article = make_article(rng, serial)
    name = f"{serial:06d}-report.pdf".encode()
    good = text_pdf(article)
    if rng.random() < GOOD_SHARE:
        return Case("pdf", "good", name, good, good_records=[""])
    choice = rng.randrange(7)
    if choice == 0:
        return Case("pdf", "truncated", name, truncate(rng, good))
    if choice == 1:
        return Case("pdf", "corrupted-bytes", name, corrupt(rng, good, 0.01))
    if choice == 2:
        # ~1 MB of deflate that inflates to 1 GB: the page content stream is a compression bomb.
        return Case("pdf", "flate-bomb", name, text_pdf(article, b"FlateDecode", deflate_bomb("zlib")))
    if choice == 3:
        # Objects that point at each other: a page tree whose kids are its own parent.
        cyclic = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>", b"<< >>"])
        return Case("pdf", "cyclic-objects", name, cyclic)
    if choice == 4:
        return Case("pdf", "bad-xref", name, good.replace(b"startxref\n", b"startxref\n9"))
    if choice == 5:
        return Case("pdf", "wrong-length", name, good.replace(b"/Length ", b"/Length 9"))
    return Case("pdf", "pdf-magic-in-txt", f"{serial:06d}-notes.txt".encode(), b"%PDF-1.7\n" + article.text.encode())


def make_feed(rng: random.Random, serial: int) -> Case:
    articles = [make_article(rng, serial * 10 + i) for i in range(rng.randint(1, 4))]
    atom = rng.random() < 0.4
    name = f"{serial:06d}-feed.{'atom' if atom else 'rss'}".encode()
    if atom:
        entries = "".join(f"<entry><title>{_escape(a.title)}</title><id>urn:x:{serial}:{i}</id>"
                          f"<updated>{a.date}T08:00:00Z</updated><link href=\"https://news.example/{serial}/{i}\"/>"
                          f"<content type=\"html\">{_escape(as_html(a))}</content></entry>"
                          for i, a in enumerate(articles))
        feed = (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                f"<title>Wire</title><id>urn:x:{serial}</id><updated>2025-01-01T00:00:00Z</updated>{entries}</feed>")
    else:
        items = "".join(f"<item><title>{_escape(a.title)}</title><link>https://news.example/{serial}/{i}</link>"
                        f"<pubDate>Mon, 0{1 + i} Jun 2025 08:00:00 GMT</pubDate>"
                        f"<description><![CDATA[{''.join(f'<p>{p}</p>' for p in a.paragraphs)}]]></description></item>"
                        for i, a in enumerate(articles))
        feed = (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Wire</title>"
                f"<link>https://news.example/</link>{items}</channel></rss>")
    if rng.random() < GOOD_SHARE:
        return Case("feed", "good", name, feed.encode(), good_records=[f"#{i + 1}" for i in range(len(articles))])
    choice = rng.randrange(6)
    if choice == 0:
        return Case("feed", "truncated", name, truncate(rng, feed.encode()))
    if choice == 1:
        return Case("feed", "corrupted-bytes", name, corrupt(rng, feed.encode()))
    if choice == 2:
        laughs = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"" + "ha" * 50 + "\">" + "".join(
            f"<!ENTITY {chr(98 + i)} \"" + f"&{chr(97 + i)};" * 10 + "\">" for i in range(9)) + \
            "]><rss version=\"2.0\"><channel><title>&j;</title><item><title>&j;</title><description>&j;" \
            "</description></item></channel></rss>"
        return Case("feed", "billion-laughs", name, laughs.encode())
    if choice == 3:
        depth = 100_000
        return Case("feed", "nested-xml", name, ("<rss><channel>" + "<x>" * depth + "</x>" * depth
                                                 + "</channel></rss>").encode())
    if choice == 4:
        external = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" \
                   "<rss version=\"2.0\"><channel><item><title>x</title><description>&x; " + \
                   _escape(articles[0].text) + "</description></item></channel></rss>"
        return Case("feed", "external-entity", name, external.encode())
    label, data = encoded_variants(rng, feed)
    return Case("feed", label, name, data)


def warc_archive(articles: list[Article], compress: bool) -> tuple[bytes, list[str]]:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    origins = []
    for number, article in enumerate(articles, start=1):
        payload = as_html(article).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example/{zlib.crc32(article.title.encode())}", "response",
                                           payload=io.BytesIO(payload), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": f"{article.date}T09:00:00Z"})
        writer.write_record(record)
        origins.append(f"#{number}")
    return out.getvalue(), origins


def make_warc(rng: random.Random, serial: int) -> Case:
    compress = rng.random() < 0.5
    name = f"{serial:06d}-crawl.{'warc.gz' if compress else 'warc'}".encode()
    articles = [make_article(rng, serial * 10 + i) for i in range(rng.randint(2, 4))]
    archive, origins = warc_archive(articles, compress)
    if rng.random() < GOOD_SHARE:
        return Case("warc", "good", name, archive, good_records=origins)
    choice = rng.randrange(5)
    if choice == 0:
        return Case("warc", "truncated", name, truncate(rng, archive))
    if choice == 1:
        return Case("warc", "corrupted-bytes", name, corrupt(rng, archive, 0.005))
    if choice == 2:
        plain, _ = warc_archive(articles, compress=False)
        return Case("warc", "huge-content-length", f"{serial:06d}-crawl.warc".encode(),
                    re.sub(rb"Content-Length: \d+", b"Content-Length: " + b"9" * 30, plain, count=1))
    if choice == 3:
        return Case("warc", "gzip-bomb", f"{serial:06d}-bomb.warc.gz".encode(), deflate_bomb("gzip", b"WARC/1.0\r\n"))
    return Case("warc", "not-a-warc", name, b"WARC/1.0\r\nthis is not a record header\r\n\r\n" + articles[0].text.encode())


def make_gz(rng: random.Random, serial: int) -> Case:
    article = make_article(rng, serial)
    inner = rng.choice(["txt", "html", "json"])
    name = f"{serial:06d}-single.{inner}.gz".encode()
    content = {"txt": f"{article.title}\n\n{article.text}\n", "html": as_html(article),
               "json": json.dumps(as_record(article))}[inner].encode()
    packed = gzip.compress(content)
    if rng.random() < GOOD_SHARE:
        return Case("gz", "good", name, packed, good_records=[""])
    choice = rng.randrange(5)
    if choice == 0:
        return Case("gz", "truncated", name, truncate(rng, packed))
    if choice == 1:
        return Case("gz", "corrupted-bytes", name, corrupt(rng, packed))
    if choice == 2:
        return Case("gz", "gzip-bomb-1GB", f"{serial:06d}-bomb.txt.gz".encode(), deflate_bomb("gzip"))
    if choice == 3:
        return Case("gz", "gzip-of-gzip", name, gzip.compress(packed))
    return Case("gz", "not-gzip", name, b"\x1f\x8b" + article.text.encode())


ODD_NAMES = [b"caf\xe9-%d.txt", b"new\nline-%d.txt", b"[bold red]alarm[link=javascript:x]-%d.txt", b"=HYPERLINK(1)-%d.txt",
             b"\xe2\x80\xaeevil-%d-txt.exe.txt", b"-rf %d.txt", b"%d.TXT", b"sp ace  %d .md", b"%d" + b"x" * 200 + b".txt",
             b"\xff\xfe-%d.html", b"tab\there-%d.txt", b"%d.json.txt"]


def make_named(rng: random.Random, serial: int) -> Case:
    article = make_article(rng, serial)
    pattern = rng.choice(ODD_NAMES)
    name = pattern % serial if b"%d" in pattern else pattern
    content = as_html(article) if name.endswith(b".html") else f"{article.title}\n\n{article.text}\n"
    return Case("names", "odd-name:" + pattern.decode("utf-8", "backslashreplace")[:24].replace("%d", "N"), name,
                content.encode(), good_records=[""])


def make_special(rng: random.Random, serial: int) -> Case:
    choice = rng.randrange(6)
    name = f"{serial:06d}-special".encode()
    if choice == 0:
        return Case("special", "fifo", name + b".txt", fifo=True)
    if choice == 1:
        return Case("special", "dangling-link", name + b".txt", link_to=b"/nonexistent/storyline-fuzz.txt")
    if choice == 2:
        return Case("special", "link-to-etc-passwd", name + b".txt", link_to=b"/etc/passwd")
    if choice == 3:
        return Case("special", "link-loop", name + b".d", link_to=b".")
    if choice == 4:
        return Case("special", "self-link", name + b".txt", link_to=name + b".txt")
    return Case("special", "empty-file", name + b".txt", b"")


MAKERS: dict[str, Maker] = {
    "txt": make_text("txt"), "md": make_text("md"), "html": make_html, "json": make_json, "jsonl": make_jsonl,
    "pdf": make_pdf, "feed": make_feed, "warc": make_warc, "gz": make_gz, "names": make_named,
    "special": make_special,
}


def generate(count: int, kinds: list[str], seed: int) -> Iterator[Case]:
    rng = random.Random(seed)
    for serial in range(count):
        yield MAKERS[kinds[serial % len(kinds)]](rng, serial)


def write_case(folder: Path, case: Case) -> Path:
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + case.name))
    if case.fifo:
        os.mkfifo(path)
    elif case.link_to is not None:
        os.symlink(os.fsdecode(case.link_to), path)
    else:
        path.write_bytes(case.data)
    return path


# ----------------------------------------------------------------------------------------------------------
# Building


@dataclass
class Run:
    exit_code: int | None  # None: killed at the time limit
    seconds: float
    peak_rss: int  # bytes, the build process and its children together
    stderr: str
    sources: list[dict] | None
    sources_error: str | None

    @property
    def hung(self) -> bool:
        return self.exit_code is None

    @property
    def crashed(self) -> bool:
        return not self.hung and (self.exit_code not in EXIT_OK or bool(TRACEBACK.search(self.stderr)))


def storyline_command() -> list[str]:
    return [sys.executable, "-m", "storyline"]


def run_build(folder: Path, db: Path, files: int, seconds_per_file: float, startup_seconds: float) -> Run:
    """One ``storyline build`` of the folder, polled for memory, killed past its time budget."""
    if db.exists():
        db.unlink()
    limit = startup_seconds + seconds_per_file * files
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([*storyline_command(), "build", "--db", str(db), str(folder)], stdout=out,
                                 stderr=err, stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        peak = 0
        exit_code: int | None = None
        while True:
            exit_code = child.poll()
            if exit_code is not None:
                break
            peak = max(peak, _tree_rss(child.pid))
            if time.monotonic() - started > limit:
                _kill_tree(child)
                exit_code = None
                break
            time.sleep(0.2)
        seconds = time.monotonic() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    sources, sources_error = read_sources(db)
    return Run(exit_code, seconds, peak, stderr, sources, sources_error)


def _tree_rss(pid: int) -> int:
    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total


def _kill_tree(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, 9)  # the build's own session: the build and every process it started
    except ProcessLookupError:
        pass
    child.wait()


def read_sources(db: Path) -> tuple[list[dict] | None, str | None]:
    if not db.exists():
        return [], None
    try:
        done = subprocess.run([*storyline_command(), "sources", "--db", str(db), "--format", "json"],
                              check=False, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, "storyline sources took over 300 s"
    if done.returncode != 0 or TRACEBACK.search(done.stderr.decode("utf-8", "replace")):
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return None, f"storyline sources exited {done.returncode}: {last[0][:200]}"
    try:
        return json.loads(done.stdout), None
    except ValueError as exc:
        return None, f"storyline sources printed no JSON: {exc}"


def article_origins(sources: list[dict]) -> set[str]:
    """Origins that became an article or a copy of one."""
    found: set[str] = set()
    for row in sources:
        if row.get("article_id") is None:
            continue
        if row.get("origin"):
            found.add(row["origin"])
        found.update(copy if isinstance(copy, str) else copy.get("origin", "") for copy in row.get("copies") or [])
    return found


def listed_text(run: Run) -> str:
    """Everything the build and ``sources`` said, to look an input's origin up in."""
    return run.stderr + "\n" + json.dumps(run.sources or [], ensure_ascii=False)


def display(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass
class Batch:
    number: int
    folder: Path
    cases: list[Case]
    paths: list[Path]


@dataclass
class Findings:
    inputs: Counter = field(default_factory=Counter)  # by kind
    good_expected: int = 0
    good_lost: list[str] = field(default_factory=list)
    crashes: list[dict] = field(default_factory=list)
    hangs: list[dict] = field(default_factory=list)
    silent: Counter = field(default_factory=Counter)  # (kind, label) with neither an article nor a line
    outside_leaks: list[str] = field(default_factory=list)
    sources_errors: list[str] = field(default_factory=list)
    peak_rss: int = 0
    peak_batch: int = -1
    over_memory: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    builds: int = 0
    culprits: list[dict] = field(default_factory=list)


def check_batch(batch: Batch, run: Run, findings: Findings) -> None:
    findings.builds += 1
    findings.seconds += run.seconds
    if run.peak_rss > findings.peak_rss:
        findings.peak_rss, findings.peak_batch = run.peak_rss, batch.number
    if run.sources_error:
        findings.sources_errors.append(f"batch {batch.number}: {run.sources_error}")
    articles = article_origins(run.sources or [])
    said = listed_text(run)
    for case, path in zip(batch.cases, batch.paths):
        origin = display(path)
        for suffix in case.good_records:
            findings.good_expected += 1
            if origin + suffix not in articles:
                findings.good_lost.append(f"{origin}{suffix} ({case.kind}, {case.label})")
        if not case.good_records and origin not in said and json.dumps(origin)[1:-1] not in said:
            findings.silent[(case.kind, case.label)] += 1
    if OUTSIDE_MARKER in said:
        findings.outside_leaks.append(f"batch {batch.number}")


def last_error_line(stderr: str) -> str:
    lines = [line.strip(" │╰╭─") for line in stderr.splitlines() if line.strip(" │╰╭─")]
    errors = [line for line in lines if re.match(r"^[A-Za-z_.]*(Error|Exception|Exit)\b", line)]
    return (errors or lines or [""])[-1][:240]


def failure(run: Run, peak_limit: int) -> str | None:
    """Why a build counts as failed, or None."""
    if run.hung:
        return "hang"
    if run.crashed:
        return "crash"
    if run.peak_rss > peak_limit:
        return "memory"
    return None


def bisect(batch: Batch, args: argparse.Namespace, findings: Findings, budget: list[int]) -> None:
    """Narrow a failing batch down to single inputs that fail alone (each try is a build, so it is capped)."""
    peak_limit = args.peak_limit_mb << 20
    work = [(list(range(len(batch.cases))), "")]
    while work and budget[0] > 0:
        indexes, reason = work.pop()
        if len(indexes) == 1:
            case = batch.cases[indexes[0]]
            findings.culprits.append({"input": display(batch.paths[indexes[0]]), "kind": case.kind,
                                      "label": case.label, "failure": reason})
            continue
        for half in (indexes[: len(indexes) // 2], indexes[len(indexes) // 2:]):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            folder = batch.folder.with_name(batch.folder.name + "-bisect")
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            for index in half:
                write_case(folder, batch.cases[index])
            run = run_build(folder, folder.with_suffix(".db"), len(half), args.seconds_per_file,
                            args.startup_seconds)
            shutil.rmtree(folder, ignore_errors=True)
            why = failure(run, peak_limit)
            print(f"  bisecting batch {batch.number}: {len(half)} inputs: {why or 'fine'} "
                  f"({run.seconds:.0f} s, {run.peak_rss >> 20} MB)", file=sys.stderr, flush=True)
            if why:
                work.append((half, f"{why}: {last_error_line(run.stderr)}" if why == "crash" else
                             f"{why}: {run.peak_rss >> 20} MB, {run.seconds:.0f} s"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs to generate (default 10000)")
    parser.add_argument("--batch-size", type=int, default=100, help="inputs per build")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=None, help="where to write inputs, ledgers and report.json "
                                                               "(default: a temporary folder, removed after)")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of: {','.join(KINDS)}")
    parser.add_argument("--seconds-per-file", type=float, default=30.0, help="a build slower than this per input "
                                                                             "(after startup) counts as a hang")
    parser.add_argument("--startup-seconds", type=float, default=60.0, help="allowance per build for starting "
                                                                            "and loading the model")
    parser.add_argument("--peak-limit-mb", type=int, default=2048, help="a build whose processes together "
                                                                        "use more memory than this is bisected too")
    parser.add_argument("--bisect-builds", type=int, default=40, help="builds spent narrowing failing batches "
                                                                      "down to their inputs (0: none)")
    args = parser.parse_args(argv)
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)}")

    keep = args.out is not None
    out = args.out or Path(tempfile.mkdtemp(prefix="storyline-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    findings = Findings()
    budget = [args.bisect_builds]
    cases = list(generate(args.count, kinds, args.seed))
    random.Random(args.seed).shuffle(cases)  # every batch mixes kinds, good and bad
    started = time.monotonic()
    try:
        for number, first in enumerate(range(0, len(cases), args.batch_size)):
            folder = out / f"batch-{number:04d}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            chunk = cases[first : first + args.batch_size]
            batch = Batch(number, folder, chunk, [write_case(folder, case) for case in chunk])
            findings.inputs.update(case.kind for case in chunk)
            run = run_build(folder, out / f"batch-{number:04d}.db", len(chunk), args.seconds_per_file,
                            args.startup_seconds)
            check_batch(batch, run, findings)
            if keep:
                (out / f"batch-{number:04d}.stderr").write_text(run.stderr)
            record = {"batch": number, "exit_code": run.exit_code, "seconds": round(run.seconds, 1),
                      "error": last_error_line(run.stderr)}
            if run.hung:
                findings.hangs.append(record)
            elif run.crashed:
                findings.crashes.append(record)
            if run.peak_rss > args.peak_limit_mb << 20:
                findings.over_memory.append(dict(record, peak_mb=run.peak_rss >> 20))
            if failure(run, args.peak_limit_mb << 20) and budget[0] > 0:
                bisect(batch, args, findings, budget)
            print(f"batch {number}: {len(chunk)} inputs, exit {run.exit_code}, {run.seconds:.0f} s, "
                  f"peak {run.peak_rss / 2**20:.0f} MB", file=sys.stderr, flush=True)
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        report(findings, time.monotonic() - started, out, keep)
        if not keep:
            shutil.rmtree(out, ignore_errors=True)
    failed = findings.crashes or findings.hangs or findings.good_lost or findings.outside_leaks
    return 1 if failed else 0


def report(findings: Findings, elapsed: float, out: Path, keep: bool) -> None:
    children_maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    culprits = Counter(f"{c['kind']}:{c['label']} ({c['failure'][:100]})" for c in findings.culprits)
    silent_total = sum(findings.silent.values())
    print(f"inputs:            {sum(findings.inputs.values())} ({', '.join(f'{k} {n}' for k, n in sorted(findings.inputs.items()))})")
    print(f"builds:            {findings.builds} in {elapsed:.0f} s (builds {findings.seconds:.0f} s)")
    print(f"crashes:           {len(findings.crashes)} builds")
    for crash in findings.crashes[:20]:
        print(f"  batch {crash['batch']}: exit {crash['exit_code']}: {crash['error']}")
    print(f"hangs:             {len(findings.hangs)} builds")
    for hang in findings.hangs[:20]:
        print(f"  batch {hang['batch']}: killed after {hang['seconds']} s")
    print(f"failing inputs:    {len(findings.culprits)} found by bisection"
          + "".join(f"\n  {n} × {what}" for what, n in culprits.most_common()))
    print(f"peak memory:       {findings.peak_rss / 2**20:.0f} MB (build and its children, batch "
          f"{findings.peak_batch}); largest single process {children_maxrss / 2**20:.0f} MB; "
          f"{len(findings.over_memory)} builds over the limit")
    print(f"good inputs lost:  {len(findings.good_lost)} of {findings.good_expected}")
    for lost in findings.good_lost[:20]:
        print(f"  {lost}")
    print(f"no line, no article: {silent_total} bad inputs"
          + "".join(f"\n  {n} × {kind}:{label}" for (kind, label), n in findings.silent.most_common(20)))
    print(f"outside files in ledger: {len(findings.outside_leaks)} builds")
    print(f"sources failures:  {len(findings.sources_errors)}"
          + "".join(f"\n  {error}" for error in findings.sources_errors[:10]))
    if keep:
        details = {"crashes": findings.crashes, "hangs": findings.hangs, "culprits": findings.culprits,
                   "good_lost": findings.good_lost, "sources_errors": findings.sources_errors,
                   "silent": [{"kind": k, "label": label, "count": n} for (k, label), n in findings.silent.items()],
                   "peak_rss": findings.peak_rss, "over_memory": findings.over_memory,
                   "outside_leaks": findings.outside_leaks}
        (out / "report.json").write_text(json.dumps(details, indent=2, ensure_ascii=False))
        print(f"details:           {out / 'report.json'}")


if __name__ == "__main__":
    sys.exit(main())
