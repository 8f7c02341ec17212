"""What ``storyline build`` prints for skipped inputs, and ``--follow-symlinks``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

import storyline.engine
from storyline.cli.main import app
from storyline.engine.pipeline import BuildReport
from storyline.records import IngestError

from ..engine.conftest import SAMPLE

runner = CliRunner()
REPORT_TEXT = "The council voted on Monday to rebuild the old bridge over the river Avel, ending a two-year dispute."


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


class FakePipeline:
    """Stands in for the engine: records the settings it was given and reports what ``errors`` holds."""

    seen: ClassVar[list] = []
    errors: ClassVar[list[IngestError]] = []

    def __init__(self, store, settings=None, executor=None):
        FakePipeline.seen.append(settings)

    def build(self, paths, progress=None) -> BuildReport:
        return BuildReport(files=len(self.errors) + 1, new=1, errors=list(self.errors))


@pytest.fixture
def fake_pipeline(monkeypatch):
    FakePipeline.seen, FakePipeline.errors = [], []
    monkeypatch.setattr(storyline.engine, "Pipeline", FakePipeline)
    return FakePipeline


def test_follow_symlinks_reaches_the_ingest_settings(tmp_path, fake_pipeline):
    assert run("build", tmp_path, "--db", tmp_path / "a.db").exit_code == 0
    assert run("build", tmp_path, "--db", tmp_path / "b.db", "--follow-symlinks").exit_code == 0
    assert [settings.ingest.follow_symlinks for settings in fake_pipeline.seen] == [False, True]


def test_each_skipped_input_is_one_plain_line_and_the_exit_code_is_3(tmp_path, fake_pipeline):
    fake_pipeline.errors = [
        IngestError("/in/[red]loud[/red].txt", "empty file"),
        IngestError("/in/broken.warc@4096", "corrupt record: [/x] bad header\nsecond line \x1b]8;;http://evil.example\x1b\\"),
        IngestError("/in/" + b"caf\xe9.txt".decode("utf-8", "surrogateescape"), "binary file"),
    ]
    result = run("build", tmp_path, "--db", tmp_path / "l.db")
    assert result.exit_code == 3, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped /")]
    assert skipped == [
        "skipped /in/[red]loud[/red].txt: empty file",
        "skipped /in/broken.warc@4096: corrupt record: [/x] bad header second line",
        "skipped /in/caf\\xe9.txt: binary file",
    ]
    assert "skipped by reason: 1 binary file, 1 corrupt record, 1 empty file" in result.output


def test_a_link_out_of_the_folder_is_skipped_with_a_line_unless_followed(tmp_path):
    inside, outside = tmp_path / "in", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (outside / "private.txt").write_text(REPORT_TEXT)
    os.symlink(outside / "private.txt", inside / "link.txt")
    (inside / "[bold]empty[-bold].txt").write_text("")
    db = tmp_path / "l.db"
    result = run("build", inside, "--db", db)
    assert result.exit_code == 3, result.output
    assert f"skipped {inside / 'link.txt'}:" in result.output
    assert f"skipped {inside / '[bold]empty[-bold].txt'}: empty file" in result.output
    assert '"article_id"' not in run("sources", "--db", db, "-f", "json").stdout


@pytest.mark.slow
def test_a_followed_link_is_built(tmp_path):
    inside = tmp_path / "in"
    inside.mkdir()
    os.symlink(SAMPLE / "08_valley_gazette.txt", inside / "link.txt")
    db = tmp_path / "l.db"
    result = run("build", inside, "--db", db, "--follow-symlinks")
    assert result.exit_code == 0, result.output
    assert "link.txt" in run("sources", "--db", db, "-f", "json").stdout


def test_a_read_command_never_leaves_a_file_behind(tmp_path: Path):
    assert run("sources", "--db", tmp_path / "nothing.db").exit_code == 1
    assert not any(tmp_path.iterdir())
