"""Portraits drawn by code for the photo tests: faces OpenCV's frontal-face cascade finds.

No picture comes from outside: each face is drawn with Pillow (skin-tone oval, hair, eyes with
dark pupils and brows, a shaded nose, a mouth, shoulders) and softened a little, the way a real
photo's edges are. Seeds vary the position, size and colours slightly, so 200 portraits are 200
different pictures.
"""

from __future__ import annotations

import functools
import io
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

WHITE = (250, 250, 250)
LIGHT_BLUE = (200, 225, 250)


def portrait(
    seed: int,
    size: tuple[int, int] = (358, 441),
    background: tuple[int, int, int] = WHITE,
    face_scale: float = 1.0,
) -> Image.Image:
    """An ID-photo-like portrait on a plain background.

    Args:
        seed: Varies the face (position within a few pixels, size, skin and hair colour).
        size: The picture's size in pixels.
        background: The background colour.
        face_scale: 1 is an ordinary ID photo; 0.35 leaves the face small in a wide frame.
    """
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    cx = width // 2 + rng.randint(-4, 4)
    cy = int(height * 0.45) + rng.randint(-4, 4)
    fw = int(min(width, height / 1.23) * 0.30 * face_scale) + rng.randint(-3, 3)
    fh = int(fw * 1.3)
    skin = (rng.randint(200, 235), rng.randint(160, 190), rng.randint(130, 160))
    hair = (rng.randint(20, 60),) * 3
    suit = (40 + rng.randint(0, 20), 50, 90 + rng.randint(0, 30))
    draw.ellipse([cx - 2 * fw, cy + int(fh * 0.9), cx + 2 * fw, cy + int(fh * 2.6)], fill=suit)
    neck = tuple(c - 20 for c in skin)
    draw.rectangle(
        [cx - int(fw * 0.35), cy + int(fh * 0.5), cx + int(fw * 0.35), cy + int(fh * 1.1)],
        fill=neck,
    )
    _collar(draw, cx, cy + int(fh * 1.1), fw)
    draw.ellipse([cx - fw - 8, cy - fh - 14, cx + fw + 8, cy + int(fh * 0.3)], fill=hair)
    draw.ellipse([cx - fw, cy - fh, cx + fw, cy + fh], fill=skin)
    draw.chord([cx - fw, cy - fh, cx + fw, cy - int(fh * 0.2)], 180, 360, fill=hair)
    _eyes(draw, cx, cy, fw, fh, hair)
    eye_y = cy - int(fh * 0.15)
    nose = tuple(c - 35 for c in skin)
    draw.polygon(
        [
            (cx, eye_y + 5),
            (cx - int(fw * 0.13), cy + int(fh * 0.3)),
            (cx + int(fw * 0.13), cy + int(fh * 0.3)),
        ],
        fill=nose,
    )
    mouth_y = cy + int(fh * 0.55)
    draw.ellipse(
        [
            cx - int(fw * 0.35),
            mouth_y - int(fh * 0.06),
            cx + int(fw * 0.35),
            mouth_y + int(fh * 0.06),
        ],
        fill=(150, 60, 60),
    )
    return _grain(image.filter(ImageFilter.GaussianBlur(max(1, width // 180))), seed)


def _grain(image: Image.Image, seed: int) -> Image.Image:
    """Sensor noise, as every camera adds: flat cartoon colours are not what photos look like."""
    noise = np.random.default_rng(seed).normal(0.0, 4.0, (image.height, image.width, 1))
    pixels = np.asarray(image, dtype=np.float32) + noise
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def _collar(draw: ImageDraw.ImageDraw, cx: int, top: int, fw: int) -> None:
    """A white shirt collar and a tie below the neck."""
    half, low = int(fw * 0.37), int(fw * 0.37)
    draw.polygon(
        [(cx - half, top - 8), (cx, top + low), (cx + half, top - 8)], fill=(245, 245, 245)
    )
    tie = max(5, fw // 18)
    draw.polygon(
        [
            (cx - tie, top + 8),
            (cx + tie, top + 8),
            (cx + tie * 3 // 2, top + fw * 2 // 3),
            (cx - tie * 3 // 2, top + fw * 2 // 3),
        ],
        fill=(150, 30, 40),
    )


def _eyes(
    draw: ImageDraw.ImageDraw, cx: int, cy: int, fw: int, fh: int, hair: tuple[int, ...]
) -> None:
    eye_y = cy - int(fh * 0.15)
    for side in (-1, 1):
        x = cx + side * int(fw * 0.42)
        draw.ellipse(
            [
                x - int(fw * 0.22),
                eye_y - int(fh * 0.07),
                x + int(fw * 0.22),
                eye_y + int(fh * 0.07),
            ],
            fill=(245, 245, 245),
        )
        draw.ellipse(
            [
                x - int(fw * 0.09),
                eye_y - int(fh * 0.07),
                x + int(fw * 0.09),
                eye_y + int(fh * 0.07),
            ],
            fill=(30, 20, 15),
        )
        draw.line(
            [
                x - int(fw * 0.25),
                eye_y - int(fh * 0.17),
                x + int(fw * 0.25),
                eye_y - int(fh * 0.19),
            ],
            fill=tuple(hair),
            width=max(3, fw // 14),
        )


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
