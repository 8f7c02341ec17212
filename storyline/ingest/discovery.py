"""Finding the files to ingest under the paths a user gave, with a line for every entry that is not read.

Folders are walked by hand (``os.scandir``) rather than with ``Path.rglob`` so that each odd entry can be
told apart and reported: a symlink loop, a dangling link, a link out of the given folders, a pipe or
device, a folder that cannot be listed. ``rglob`` skips these silently or blocks on them.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.records import IngestError

logger = logging.getLogger(__name__)

LOOP_REASON = "symlink loop: the link leads back to a folder that holds it"
_HIDDEN_NAMES_SHOWN = 3
OUTSIDE_LINK_REASON = "symlink to a {kind} outside the given folders (use --follow-symlinks)"


def display_path(path: Path | str) -> str:
    """A path as text that any output can hold: bytes of a name that are not UTF-8 become ``\\xe9`` escapes.

    Python keeps such bytes as lone surrogates, which SQLite, JSON writers and terminals refuse.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _special_file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _not_regular(path: Path, mode: int) -> IngestError:
    return IngestError(display_path(path), f"not a regular file: {_special_file_kind(mode)}")


@dataclass
class _Walk:
    """One discovery run: the folders it may read in, and what it has already yielded or entered."""

    follow_symlinks: bool
    boundaries: list[Path]
    seen_files: set[Path] = field(default_factory=set)
    entered_folders: set[Path] = field(default_factory=set)
    open_folders: list[Path] = field(default_factory=list)  # real paths from the root down to where the walk is

    def inside(self, target: Path) -> bool:
        return any(target == boundary or target.is_relative_to(boundary) for boundary in self.boundaries)

    def file(self, path: Path) -> Iterator[Path]:
        """``path`` unless the same file (by its real path) was already yielded."""
        real = path.resolve()
        if real not in self.seen_files:
            self.seen_files.add(real)
            yield path

    def folder(self, folder: Path) -> Iterator[Path | IngestError]:
        """Every entry of ``folder`` in name order, recursing; hidden entries are skipped.

        A folder reached a second time (through a followed link) is not read again, its files were
        yielded already; one that is its own ancestor is a loop and gets a line.
        """
        real = folder.resolve()
        if real in self.open_folders:
            yield IngestError(display_path(folder), LOOP_REASON)
            return
        if real in self.entered_folders:
            return
        self.entered_folders.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            yield IngestError(display_path(folder), f"cannot read the folder: {exc.strerror or exc}")
            return
        self.open_folders.append(real)
        yield from self._entries(entries)
        self.open_folders.pop()

    def _entries(self, entries: list[os.DirEntry[str]]) -> Iterator[Path | IngestError]:
        hidden = [entry.name for entry in entries if entry.name.startswith(".")]
        if hidden:
            # Hidden entries (.git, .DS_Store, editor swap files) are not news; a line says so, not a skip.
            shown = ", ".join(display_path(name) for name in hidden[:_HIDDEN_NAMES_SHOWN])
            more = f" and {len(hidden) - _HIDDEN_NAMES_SHOWN} more" if len(hidden) > _HIDDEN_NAMES_SHOWN else ""
            folder = display_path(Path(entries[0].path).parent)
            logger.warning("%s: %d hidden entr%s not read (%s%s); name a file to read it", folder, len(hidden),
                           "y" if len(hidden) == 1 else "ies", shown, more)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    yield from self.link(path)
                elif entry.is_dir(follow_symlinks=False):
                    yield from self.folder(path)
                elif entry.is_file(follow_symlinks=False):
                    yield from self.file(path)
                else:
                    yield _not_regular(path, entry.stat(follow_symlinks=False).st_mode)
            except OSError as exc:
                yield IngestError(display_path(path), f"cannot read the entry: {exc.strerror or exc}")

    def link(self, path: Path) -> Iterator[Path | IngestError]:
        """A symlink met inside a folder: followed within the given folders, out of them only when asked."""
        try:
            target = path.resolve(strict=True)
            mode = target.stat().st_mode
        except FileNotFoundError:
            yield IngestError(display_path(path), "broken symlink: its target does not exist")
            return
        except (RuntimeError, OSError) as exc:  # Python 3.11 raises RuntimeError for a loop, later ones ELOOP
            if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
                yield IngestError(display_path(path), "symlink loop: the link leads back to itself")
            else:
                yield IngestError(display_path(path), f"cannot follow the symlink: {exc.strerror or exc}")
            return
        is_folder = stat.S_ISDIR(mode)
        if is_folder and target in self.open_folders:  # "x.d -> ." or "-> ..": read already, and endless if followed
            yield IngestError(display_path(path), LOOP_REASON)
        elif not self.follow_symlinks and not self.inside(target):
            yield IngestError(display_path(path), OUTSIDE_LINK_REASON.format(kind="folder" if is_folder else "file"))
        elif is_folder:
            # Inside the given folders its files are read where they are; followed, it may lead back up.
            if self.follow_symlinks:
                yield from self.folder(path)
        elif stat.S_ISREG(mode):
            yield from self.file(path)
        else:
            yield _not_regular(path, mode)


def discover_files(paths: Iterable[str | Path], follow_symlinks: bool = False) -> Iterator[Path | IngestError]:
    """Yield every regular file under ``paths``: folders recursed in name order, hidden entries skipped.

    A path named by the user is read even when it is a symlink; a symlink met inside a folder is followed
    only to a file within the given folders, unless ``follow_symlinks``. Every entry that is not read
    (missing, a pipe or device, a dangling or looping link, a link out of the folders, a folder that cannot
    be listed) comes out as an IngestError; a file reached twice is yielded once.
    """
    roots = [Path(given) for given in paths]
    walk = _Walk(follow_symlinks, [root.resolve() for root in roots if root.is_dir()])
    for root in roots:
        try:
            mode = root.stat().st_mode
        except FileNotFoundError:
            is_link = root.is_symlink()
            yield IngestError(display_path(root), "broken symlink" if is_link else "no such file or folder")
            continue
        except (RuntimeError, OSError) as exc:
            yield IngestError(display_path(root), f"cannot read: {getattr(exc, 'strerror', None) or exc}")
            continue
        if stat.S_ISDIR(mode):
            yield from walk.folder(root)
        elif stat.S_ISREG(mode):
            yield from walk.file(root)
        else:
            yield _not_regular(root, mode)
