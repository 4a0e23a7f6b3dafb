"""Writing files so that they are either complete or absent, never half-written.

Everything Kaoping saves to a place the user chose (exports, PDFs, packages, backups) goes through
here: the data goes to a temporary file in the same folder, is flushed to disk, and only then is
renamed over the target, which the operating system does in one step. A crash, a full disk or a
killed process therefore leaves either the old file or none, plus at most a hidden ``.part`` file
next to it (removed whenever the failure lets us).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PART_SUFFIX = ".part"


def _umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any thread writes.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def write_atomically(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` all at once.

    Args:
        path: The target file; its folder must exist.
        data: The complete contents.
        overwrite: Replace an existing file; when False an existing file raises FileExistsError
            and is left untouched.
    """
    with atomic_path(path, overwrite=overwrite) as part:
        part.write_bytes(data)


@contextlib.contextmanager
def atomic_path(path: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """A temporary path next to `path` for writers that need a file name (openpyxl, SQLite).

    The caller writes the complete file to the yielded path and closes it. When the block ends
    normally the file is synced and renamed to `path`; when it raises, the temporary file is
    removed and `path` is not touched.

    Raises:
        FileExistsError: `overwrite` is False and `path` exists (checked again at the rename).
    """
    if not overwrite and path.exists():
        raise FileExistsError(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    os.close(handle)
    part = Path(name)
    try:
        # mkstemp makes the file private (0600); the finished file gets the usual permissions.
        part.chmod(_FILE_MODE)
        yield part
        _sync(part)
        _move(part, path, overwrite=overwrite)
    except BaseException:
        # BaseException too: Ctrl+C in the middle of an export must not leave the temporary file.
        remove_quietly(part)
        raise
    _sync_folder(path.parent)


def remove_quietly(path: Path) -> None:
    """Delete a file if it is there; a failure to clean up must not hide the original error."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _move(part: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        part.replace(path)  # os.replace: atomic, and replaces on Windows too
        return
    # A hard link fails if the target appeared since the check, where a rename would replace it.
    try:
        os.link(part, path)
    except FileExistsError:
        raise
    except OSError:
        # Some file systems (FAT, some network shares) have no hard links.
        if path.exists():
            raise FileExistsError(path) from None
        part.replace(path)  # os.replace: atomic, and replaces on Windows too
        return
    part.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows cannot open folders and needs no such step."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
