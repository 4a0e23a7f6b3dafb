"""What the candidate photo (考生照片) services need: the photo checks and the photo store.

A photo goes in only through the checks (`PhotoTool.prepare`) and is stored re-encoded at the
size the body set, with the SHA-256 of the file it came from. The values here never carry ORM rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class PhotoSpec:
    """The size every stored photo has, and the smallest source accepted.

    Attributes:
        width: Stored width in pixels. The default 358 × 441 is the pixel size ID-photo
            specifications commonly give for a 25 × 35 mm print (about 320-360 dpi).
        height: Stored height in pixels.
        min_width: Narrowest source accepted, before any crop.
        min_height: Lowest source accepted, before any crop.
    """

    width: int = 358
    height: int = 441
    min_width: int = 0
    min_height: int = 0

    @property
    def smallest(self) -> tuple[int, int]:
        """The smallest source accepted: given, or three fifths of the stored size."""
        return (
            self.min_width or round(self.width * 0.6),
            self.min_height or round(self.height * 0.6),
        )


@dataclass(frozen=True)
class PhotoFile:
    """One incoming picture and the name it is known by (file name, or roster row).

    Attributes:
        label: How the person finds it again: the file name inside the folder or zip, or
            "名册第 12 行".
        key: What names its candidate: the file name without extension, or the roster row's
            ID number; matched against full ID numbers and admission ticket numbers.
        data: The file's bytes, size already bounded.
        problem: Why the file was not even read (too large), or "".
    """

    label: str
    key: str
    data: bytes = field(repr=False)
    problem: str = ""


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo that passed every check, ready to store.

    Attributes:
        jpeg: The picture upright, cropped to the stored aspect, re-encoded as JPEG at the set size.
        original_sha256: SHA-256 of the file it came from (to recognise the same file again).
        width: Stored width.
        height: Stored height.
        screened_with: The mark of the emblem screen the stored picture passed (the reference
            set and thresholds, see `kaoping.adapters.image_registry.screen_mark`); issuing
            trusts that screen while the mark is still current, instead of screening again.
        pixel_sha256: The pixel hash of `jpeg` (see `kaoping.adapters.image_registry`), so
            issuing need not decode the picture to register it.
    """

    jpeg: bytes = field(repr=False)
    original_sha256: str
    width: int
    height: int
    screened_with: str = ""
    pixel_sha256: str = ""


class PhotoRefused(Exception):
    """Why one picture cannot be used, as sentences for the person (Chinese)."""

    def __init__(self, reasons: Sequence[str]) -> None:
        super().__init__("；".join(reasons))
        self.reasons = tuple(reasons)


PhotoProgress = Callable[[int, int], bool]
"""Called as progress(done, total); returning False stops the work."""


class PhotoTool(Protocol):
    """Reads incoming pictures and checks them (adapters/photos.py)."""

    def read_files(self, path: Path) -> list[PhotoFile]:
        """Pictures of a folder or a zip, with names still to be matched.

        Files that are not pictures are returned too (they fail `prepare` with a reason);
        system litter (Thumbs.db, .DS_Store, hidden files) is left out.
        """
        ...

    def read_roster(self, path: Path) -> list[PhotoFile]:
        """Pictures anchored in a roster workbook's 照片 column, keyed by the row's ID number."""
        ...

    def prepare(self, data: bytes, spec: PhotoSpec) -> PreparedPhoto:
        """Check one picture and bring it to the stored form.

        Raises:
            PhotoRefused: Every problem found, each a Chinese sentence.
        """
        ...

    def prepare_many(
        self,
        items: Sequence[bytes],
        spec: PhotoSpec,
        progress: PhotoProgress | None = None,
    ) -> list[PreparedPhoto | PhotoRefused]:
        """`prepare` for many pictures at once, on all cores; in order, refusals in place.

        Raises:
            PhotoCancelled: `progress` returned False.
        """
        ...


class PhotoCancelled(Exception):
    """The person stopped a long photo check."""


@dataclass(frozen=True)
class StoredPhoto:
    """A candidate's photo as stored.

    Attributes:
        candidate_id: Whose photo.
        jpeg: The stored picture.
        original_sha256: SHA-256 of the file it came from.
        width: Width in pixels.
        height: Height in pixels.
        imported_at: When it was stored.
        imported_by: Who stored it (user name).
        screened_with: The emblem screen's mark (see `PreparedPhoto`); empty when not known.
        pixel_sha256: The picture's pixel hash (see `PreparedPhoto`); empty when not known.
    """

    candidate_id: int
    jpeg: bytes = field(repr=False)
    original_sha256: str = ""
    width: int = 0
    height: int = 0
    imported_at: datetime | None = None
    imported_by: str = ""
    screened_with: str = ""
    pixel_sha256: str = ""


@dataclass(frozen=True)
class PhotoTarget:
    """A candidate a photo file may name: the full ID number and admission ticket numbers."""

    candidate_id: int
    name: str
    id_number: str
    ticket_numbers: tuple[str, ...]


class PhotoRepository(Protocol):
    """The candidates' photos (table candidate_photos)."""

    def put(self, photo: StoredPhoto) -> bool:
        """Store or replace a candidate's photo; True when one was replaced."""
        ...

    def put_many(self, photos: Sequence[StoredPhoto]) -> int:
        """Store or replace many photos; returns how many replaced an earlier one."""
        ...

    def get(self, candidate_id: int) -> StoredPhoto | None:
        """One candidate's photo, or None."""
        ...

    def of(self, candidate_ids: Collection[int]) -> Mapping[int, bytes]:
        """The stored pictures of these candidates (those that have one)."""
        ...

    def has(self, candidate_ids: Collection[int]) -> set[int]:
        """Which of these candidates have a photo."""
        ...

    def delete(self, candidate_ids: Collection[int]) -> int:
        """Delete these candidates' photos; returns how many there were."""
        ...

    def delete_batch(self, batch_id: int) -> int:
        """Delete the photos of every candidate of a batch (any status); returns how many."""
        ...

    def targets(self, batch_id: int) -> list[PhotoTarget]:
        """The active candidates of a batch with what a photo file may be named by."""
        ...

    def count(self, batch_id: int) -> tuple[int, int]:
        """(candidates with a photo, active candidates) in a batch."""
        ...
