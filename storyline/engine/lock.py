"""One build at a time per ledger, through an OS file lock on ``<db>.lock``.

Two builds interleaving their chunks would each restore the ledger's events, group their own articles and
replace the stored events with their own view, leaving the other's articles without an event. SQLite's
own locking holds one transaction, not a whole build, so the build takes ``fcntl.flock`` on a side file:
the OS releases it when the holder exits or is killed, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class LedgerBusy(RuntimeError):
    """Another process is building the ledger, and the caller chose not to wait."""


def _tell(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lock_path(db_path: str) -> str | None:
    """The lock file of a ledger; None for an in-memory database, which no other process can reach."""
    if db_path in ("", ":memory:") or db_path.startswith("file::memory:"):
        return None
    return db_path + ".lock"


@contextmanager
def build_lock(db_path: str, wait: bool = True, tell: Callable[[str], None] = _tell) -> Iterator[None]:
    """Hold the ledger's build lock; when another process holds it, say so and wait (or raise LedgerBusy)."""
    path = lock_path(db_path)
    if path is None:
        yield
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
            message = f"{db_path} is being built by another process (pid {holder})"
            if not wait:
                raise LedgerBusy(message) from None
            tell(message + "; waiting...")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, str(os.getpid()).encode("ascii"), 0)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
