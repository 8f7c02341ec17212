"""The real seed articles: five files, five documents, each exactly as stored."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.seeds
def test_seed_folder_gives_one_unchanged_document_per_file(read_all):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    documents, errors = read_all(SEEDS)
    files = sorted(path for path in SEEDS.iterdir() if not path.name.startswith("."))
    assert errors == []
    assert [document.origin for document in documents] == [str(path) for path in files]
    for document, path in zip(documents, files):
        raw = path.read_bytes()
        assert document.content_hash == hashlib.sha256(raw).hexdigest()
        assert document.content == raw.decode("utf-8")
        assert document.media_type == "text"
