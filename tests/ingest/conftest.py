"""Shared helpers for the ingest tests: every input is invented and written into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.records import IngestError, RawDocument
from storyline.settings import IngestSettings

# An invented wire story; tests get it through the ``article`` fixture (conftest modules are not imported).
ARTICLE = (
    "Harbour workers in the port town of Velmora walked off the job on Tuesday, halting ferry traffic "
    "for the second time this month. The dockers' union said 340 members joined the strike after talks "
    "with the port authority collapsed late on Monday night.\n\n"
    "A spokesperson for the authority, Ilse Marrow, said the pay offer 'remains on the table'."
)


@pytest.fixture
def article() -> str:
    return ARTICLE


@pytest.fixture
def read_all():
    """Run ingest and split its output into documents and errors, keyed by nothing but order."""

    def run(*paths: Path | str, **settings: float) -> tuple[list[RawDocument], list[IngestError]]:
        items = list(read_inputs(paths, IngestSettings(**settings)))
        documents = [item for item in items if isinstance(item, RawDocument)]
        errors = [item for item in items if isinstance(item, IngestError)]
        assert len(documents) + len(errors) == len(items)
        return documents, errors

    return run
