"""A folder of good and bad files: every bad one is a named error, the good ones still come through."""

from __future__ import annotations

import gzip
import json

from storyline.ingest import read_inputs
from storyline.settings import IngestSettings

FRENCH = (
    "Le conseil municipal de Velmora a reporté le vote du budget à la semaine prochaine. "
    "Les dockers réclament une hausse de salaire et l'arrêt des heures supplémentaires non payées; "
    "le préfet a appelé à la reprise du dialogue après une journée très agitée."
)


def _messy_folder(root, article):
    (root / "01_empty.txt").write_bytes(b"")
    (root / "02_blank.md").write_text("   \n\t\n  ")
    (root / "03_photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    (root / "04_records.jsonl").write_text(
        json.dumps({"text": article}) + "\n" + '{"text": "cut off' + "\n" + json.dumps({"body": FRENCH}) + "\n"
    )
    (root / "05_latin1.txt").write_bytes(FRENCH.encode("latin-1"))
    (root / "06_mojibake.txt").write_text(
        "The mayor’s café reopened after the strike. ".encode().decode("cp1252") + article
    )
    (root / "07_huge.txt").write_text(article * 20)
    (root / "08_slides.pptx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (root / "09_broken.html.gz").write_bytes(gzip.compress(b"<html>" + article.encode())[:30])
    (root / "10_broken.json").write_text('{"title": "Dock strike", "text": "unterminated}\n')
    (root / "11_tiny.txt").write_text("Menu | Search")
    (root / "12_good.html").write_text(f"<html><body><script>var x = 1;</script><p>{article}</p></body></html>")
    (root / ".hidden.txt").write_text(article)
    (root / ".cache").mkdir()
    (root / ".cache" / "copy.txt").write_text(article)
    (root / "sub").mkdir()
    (root / "sub" / "13_nested.md").write_text(article)


def test_mixed_folder_reports_each_bad_file_and_keeps_the_good_ones(tmp_path, read_all, article):
    _messy_folder(tmp_path, article)
    documents, errors = read_all(tmp_path, max_file_bytes=2000)
    name = lambda origin: origin.removeprefix(f"{tmp_path}/")
    assert [name(document.origin) for document in documents] == [
        "04_records.jsonl#1",
        "04_records.jsonl#3",
        "05_latin1.txt",
        "06_mojibake.txt",
        "12_good.html",
        "sub/13_nested.md",
    ]
    reasons = {name(error.origin): error.reason for error in errors}
    assert list(reasons) == [
        "01_empty.txt",
        "02_blank.md",
        "03_photo.txt",
        "04_records.jsonl#2",
        "07_huge.txt",
        "08_slides.pptx",
        "09_broken.html.gz",
        "10_broken.json",
        "11_tiny.txt",
    ]
    assert reasons["01_empty.txt"] == "empty file"
    assert reasons["02_blank.md"] == "only whitespace, no text"
    assert reasons["03_photo.txt"].startswith("binary content")
    assert reasons["04_records.jsonl#2"].startswith("not valid JSON: line 2, ")
    assert reasons["07_huge.txt"].startswith("too large: ") and "2,000-byte limit" in reasons["07_huge.txt"]
    assert reasons["08_slides.pptx"] == "unsupported file kind '.pptx'"
    assert reasons["09_broken.html.gz"].startswith("broken gzip file")
    assert reasons["10_broken.json"].startswith("not valid JSON: line 1, ")
    assert reasons["11_tiny.txt"].startswith("too little text")
    latin, mojibake = documents[2], documents[3]
    assert latin.content == FRENCH
    assert latin.content_hash != documents[1].content_hash  # file bytes vs. record serialization
    assert mojibake.content.startswith("The mayor’s café reopened")


def test_runs_are_deterministic_and_missing_paths_are_reported(tmp_path, article):
    _messy_folder(tmp_path, article)
    settings = IngestSettings(max_file_bytes=2000)
    first = list(read_inputs([tmp_path, tmp_path / "nowhere"], settings))
    second = list(read_inputs([tmp_path / "05_latin1.txt", tmp_path, tmp_path / "nowhere"], settings))
    assert first[-1].origin == str(tmp_path / "nowhere") and first[-1].reason == "no such file or folder"
    assert second[0] == first[[item.origin for item in first].index(str(tmp_path / "05_latin1.txt"))]
    assert sorted(second, key=repr) == sorted(first, key=repr)  # a file named twice is read once


def test_hidden_entries_are_not_read_and_a_line_says_so(tmp_path, read_all, article, caplog):
    _messy_folder(tmp_path, article)
    with caplog.at_level("WARNING", logger="storyline.ingest.discovery"):
        documents, _ = read_all(tmp_path, max_file_bytes=2000)
    assert not any(".hidden" in document.origin or ".cache" in document.origin for document in documents)
    lines = [record.getMessage() for record in caplog.records if "hidden" in record.getMessage()]
    assert lines == [f"{tmp_path}: 2 hidden entries not read (.cache, .hidden.txt); name a file to read it"]
