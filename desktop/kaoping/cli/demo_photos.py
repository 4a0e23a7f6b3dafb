"""`kaoping demo`, step 3b: candidate photos (考生照片), drawn by code for the fictitious people.

Every demo candidate gets an ID-photo-like portrait: a skin-tone oval with hair, eyes with dark
pupils and brows, a shaded nose, a mouth, a white collar and tie, softened and with a little sensor
grain, on a white or light-blue background. The faces differ by seed (position, size, colours),
and the face detector that checks photos finds them. They go in the way a body's photos would:
a zip named by ID number, checked, with the refused files reported, then one fixed by hand.
"""

from __future__ import annotations

import io
import random
import zipfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from kaoping.cli.demo_people import BAD_ROWS, CANDIDATES, id_number
from kaoping.cli.demo_support import DemoRun
from kaoping.domain.idnumber import mask_id
from kaoping.services import intake, photos
from kaoping.services.ports.intake import CandidateQuery

WHITE = (250, 250, 250)
LIGHT_BLUE = (200, 225, 250)
# The person whose photo arrives in black and white and is replaced by a colour one by hand.
GREY_PERSON = 7


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


def jpeg_bytes(image: Image.Image) -> bytes:
    """The picture as JPEG file bytes (quality 92, as cameras save them)."""
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92)
    return out.getvalue()


def take_photos(run: DemoRun) -> None:
    """Step 3b: import the photos from a zip named by ID number; fix the one refused by hand."""
    kaowu = run.cast("kaowu")
    archive = run.files.path("photos.zip")
    people = CANDIDATES + len(BAD_ROWS)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for person in range(people):
            picture = portrait(person, background=LIGHT_BLUE if person % 3 == 0 else WHITE)
            if person == GREY_PERSON:
                picture = picture.convert("L").convert("RGB")
            out.writestr(f"{id_number(person)}.jpg", jpeg_bytes(picture))
    run.files.listed("考生照片压缩包（代码绘制的虚构头像，以证件号码命名）", archive)
    result = photos.import_photos(run.env, kaowu, run.batch_id, archive, valid_only=True)
    report = result.report
    print(
        f"   照片：{report.total} 个文件，合格 {report.valid} 张，不合格 {len(report.problems)} 个"
        "（名册中被退回的考生没有报名记录）："
    )
    for problem in report.problems:
        print(f"   {problem}")
    number = id_number(GREY_PERSON)
    found = intake.list_candidates(
        run.env, kaowu, CandidateQuery(batch_id=run.batch_id, text=number[-4:])
    ).rows
    grey = next(c for c in found if c.id_masked == mask_id(number))
    photos.set_photo(run.env, kaowu, grey.id, jpeg_bytes(portrait(GREY_PERSON)))
    count = photos.photo_count(run.env, kaowu, run.batch_id)
    print(
        f"   为黑白照片的考生单独上传彩色照片后：{count.with_photo}/{count.candidates} 人有照片。"
    )
