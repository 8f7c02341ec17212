"""The ledger's storage, reached only through ``open_store`` so that backends can be swapped."""

from __future__ import annotations

from pathlib import Path

from storyline.store.sqlite import SqliteStore, StoreError, ledger_errors

DEFAULT_DB = "storyline.db"


def open_store(path: str | Path = DEFAULT_DB, read_only: bool = False) -> SqliteStore:
    """Open the ledger at ``path``: to build into (created if missing), or ``read_only`` to read an
    existing one without writing to it. Raises StoreError, naming the file and the reason."""
    return SqliteStore(path, read_only=read_only)


__all__ = ["DEFAULT_DB", "SqliteStore", "StoreError", "ledger_errors", "open_store"]
