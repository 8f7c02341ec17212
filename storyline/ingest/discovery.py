"""Finding the files to ingest under the paths a user gave."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.records import IngestError


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def discover_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Yield every regular file under ``paths``: folders recursed in sorted order, hidden entries skipped.

    A named path that is missing or not a regular file (a pipe, a device) comes out as an IngestError,
    since opening it could block or fail; a file reached twice (named directly and inside a named folder)
    is yielded once.
    """
    seen: set[Path] = set()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            candidates = sorted(
                path for path in root.rglob("*") if path.is_file() and not _is_hidden(path.relative_to(root))
            )
        elif root.is_file():
            candidates = [root]
        else:
            yield IngestError(str(given), "not a regular file" if root.exists() else "no such file or folder")
            continue
        for path in candidates:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield path
