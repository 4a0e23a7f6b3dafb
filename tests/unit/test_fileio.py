"""Files written all at once: complete or absent, never half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaoping.fileio import atomic_path, write_atomically


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "导出.csv"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert _leftovers(tmp_path) == []


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as part:
        part.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_failure_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new.pdf"
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as part:
        part.write_bytes(b"half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_no_overwrite_refuses_and_keeps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    write_atomically(target, b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        write_atomically(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert _leftovers(tmp_path) == []


def test_no_overwrite_notices_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    """The target turning up while the data is being written is not overwritten."""
    target = tmp_path / "backup.db"
    with pytest.raises(FileExistsError), atomic_path(target, overwrite=False) as part:
        part.write_bytes(b"mine")
        target.write_bytes(b"theirs")
    assert target.read_bytes() == b"theirs"
    assert _leftovers(tmp_path) == []
