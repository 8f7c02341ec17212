"""Loading the spaCy model, refusing one whose weights differ from the published checksums.

A model is executable data: a swapped weight file silently changes every entity and fact downstream, so the
weights are checked against the SHA-256 list the project carries (``en_core_web_sm-3.8.0.sha256``) before
spaCy reads them.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from storyline.nlp.pipeline import build_pipeline
from storyline.records import ParseNeeds
from storyline.settings import NlpSettings

CHECKSUM_LIST = Path(__file__).with_name("en_core_web_sm-3.8.0.sha256")


class ModelIntegrityError(RuntimeError):
    """The model folder lacks a listed weight file or one of them does not hash to the listed value."""


def model_folder(settings: NlpSettings) -> Path:
    """The folder spaCy loads: ``settings.model_path`` when given, else the installed model package's data."""
    if settings.model_path:
        return Path(settings.model_path)
    spec = importlib.util.find_spec(settings.model)  # locate without importing: no package code runs
    if spec is None or not spec.submodule_search_locations:
        raise ModelIntegrityError(f"model package {settings.model} is not installed")
    package_dir = Path(spec.submodule_search_locations[0])
    folders = [p.parent for p in package_dir.glob("*/config.cfg")]
    if len(folders) != 1:
        raise ModelIntegrityError(f"cannot find one model folder inside {package_dir}")
    return folders[0]


def read_checksums(path: Path) -> dict[str, str]:
    """Relative path -> expected SHA-256, from a ``sha256sum``-style list (``#`` lines are comments)."""
    expected: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, relative = line.split(maxsplit=1)
            expected[relative.strip()] = digest.lower()
    return expected


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_state(folder: Path, relatives: tuple[str, ...]) -> tuple:
    """What identifies the files' current content cheaply (resolved path, size, mtime): the cache key."""
    state = []
    for relative in relatives:
        path = (folder / relative).resolve()
        stat = path.stat() if path.exists() else None
        state.append((str(path), stat.st_size if stat else None, stat.st_mtime_ns if stat else None))
    return tuple(state)


@lru_cache(maxsize=16)
def _verify_cached(folder: Path, checksum_list: Path, state: tuple) -> None:
    for relative, expected in read_checksums(checksum_list).items():
        path = folder / relative
        if not path.is_file():
            raise ModelIntegrityError(
                f"model file {relative} is missing from {folder} (expected sha256 {expected}, found none)"
            )
        actual = sha256_of(path)
        if actual != expected:
            raise ModelIntegrityError(
                f"model file {relative} in {folder} does not match the published checksum: "
                f"expected sha256 {expected}, found {actual}; refusing to load this model"
            )


def verify_model(folder: Path, checksum_list: Path = CHECKSUM_LIST) -> None:
    """Raise ModelIntegrityError unless every listed file hashes to its listed value.

    Hashing ~15 MB costs tens of milliseconds, so a successful check is cached per process, keyed by the
    files' size and modification time: an unchanged model is not re-hashed, a replaced file is.
    """
    relatives = tuple(read_checksums(checksum_list))
    _verify_cached(folder.resolve(), checksum_list.resolve(), _file_state(folder, relatives))


def load_pipeline(settings: NlpSettings, needs: ParseNeeds = ParseNeeds()) -> Language:
    """The verified spaCy pipeline, arranged as the stage runs it (see ``storyline.nlp.pipeline``): the
    sentences ``needs`` names are parsed, or every sentence with ``parse_all_sentences``."""
    folder = model_folder(settings)
    verify_model(folder)
    return _load_verified(folder.resolve(), settings.parse_all_sentences, needs)


@lru_cache(maxsize=4)
def _load_verified(folder: Path, parse_all_sentences: bool, needs: ParseNeeds) -> Language:
    """Loaded once per process and shared: callers must not add or remove components."""
    return build_pipeline(spacy.load(folder), parse_all_sentences, needs)
