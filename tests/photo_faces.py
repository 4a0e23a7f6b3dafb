"""Portraits for the photo tests, and the ways people hand photos in wrongly.

The faces are the demo's (`kaoping.cli.demo_photos.portrait`), drawn by code so that no picture
comes from outside and OpenCV's frontal-face cascade finds each one; this module adds the file
forms (EXIF-turned, CMYK, transparent PNG, two faces in one frame) and stored-photo rows.
"""

from __future__ import annotations

import functools
import io

from PIL import Image

from kaoping.cli.demo_photos import LIGHT_BLUE, WHITE, portrait

__all__ = ["LIGHT_BLUE", "WHITE", "portrait"]


def jpeg(image: Image.Image, **options: object) -> bytes:
    """The picture as JPEG file bytes."""
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, **options)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    """The picture as PNG file bytes."""
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def exif_rotated(image: Image.Image) -> bytes:
    """A JPEG whose pixels lie on their side, with EXIF orientation 6 to stand them up."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    return jpeg(image.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes())


def cmyk_jpeg(image: Image.Image) -> bytes:
    """The picture as a CMYK JPEG (as print shops and some scanners save them)."""
    return jpeg(image.convert("CMYK"))


def png_with_alpha(image: Image.Image) -> bytes:
    """The picture as RGBA PNG whose background is transparent (a cut-out portrait)."""
    rgba = image.convert("RGBA")
    pixels = rgba.load()
    assert pixels is not None
    for y in range(rgba.height):
        for x in range(rgba.width):
            r, g, b, _ = pixels[x, y]
            if min(r, g, b) > 240:
                pixels[x, y] = (0, 0, 0, 0)
    return png(rgba)


def two_faces(seed: int) -> Image.Image:
    """Two portraits side by side in one ID-photo frame."""
    left, right = portrait(seed, (179, 441)), portrait(seed + 1, (179, 441))
    both = Image.new("RGB", (358, 441), WHITE)
    both.paste(left, (0, 0))
    both.paste(right, (179, 0))
    return both


@functools.cache
def portrait_jpeg(seed: int) -> bytes:
    """`portrait(seed)` as JPEG, drawn once per test run (many tests need hundreds)."""
    return jpeg(portrait(seed))


def photo_rows(candidate_ids: list[int], data: bytes) -> list[object]:
    """Stored-photo rows giving each candidate this picture (as an import would leave them)."""
    from datetime import UTC, datetime

    from kaoping.storage.photos_tables import CandidatePhotoRow

    now = datetime(2026, 11, 1, tzinfo=UTC)
    return [
        CandidatePhotoRow(
            candidate_id=cid,
            jpeg=data,
            original_sha256="0" * 64,
            width=358,
            height=441,
            imported_at=now,
            imported_by="u_admin",
        )
        for cid in candidate_ids
    ]


def shifted(image: Image.Image, dx: int, dy: int) -> Image.Image:
    """The picture moved by (dx, dy) pixels within its frame, the uncovered edge white."""
    return image.transform(
        image.size, Image.Transform.AFFINE, (1, 0, -dx, 0, 1, -dy), fillcolor=WHITE
    )
