"""The ledger's storage, reached only through ``open_store`` so that backends can be swapped."""

from __future__ import annotations

from pathlib import Path

from storyline.store.sqlite import SqliteStore, StoreError

DEFAULT_DB = "storyline.db"


def open_store(path: str | Path = DEFAULT_DB) -> SqliteStore:
    """Open (creating if needed) the ledger at ``path``."""
    return SqliteStore(path)


__all__ = ["open_store", "SqliteStore", "StoreError", "DEFAULT_DB"]
