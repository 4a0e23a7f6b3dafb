"""Candidate photos (考生照片): reading them in, checking them, and bringing them to the stored form.

Every picture is decoded with its stated size checked first (a pixel bomb never decodes), turned
upright by its EXIF orientation, flattened onto white (transparency) or converted from CMYK, and
checked: big enough, an aspect a centred crop can fix, in colour, a light and even background
(white or light blue) at the edges, exactly one face of a sensible size near the centre (OpenCV's
frontal-face Haar cascade, which ships in the wheel), and nothing like a national emblem (the same
screen certificates use). What passes is cropped to the stored aspect, scaled to the set size and
re-encoded as JPEG; the SHA-256 of the original file is kept beside it.

Implements `kaoping.services.ports.photos.PhotoTool`.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import cv2.data as cv2_data
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps

from kaoping.adapters import bounded
from kaoping.adapters.image_registry import (
    EmblemReference,
    load_emblem_references,
    open_image,
    pixel_hash,
    screen_image,
    screen_mark,
)
from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path
from kaoping.services.ports.photos import (
    PhotoCancelled,
    PhotoFile,
    PhotoProgress,
    PhotoRefused,
    PhotoSpec,
    PreparedPhoto,
)

__all__ = ["CASCADE_FILE", "PhotoToolkit", "face_boxes", "prepare_photo"]

CASCADE_FILE = "haarcascade_frontalface_default.xml"
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")
_LITTER = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
_ROSTER_PHOTO_HEADER = "照片"
_ROSTER_KEY_HEADERS = ("证件号码", "准考证号")
JPEG_QUALITY = 90

# How far a source may be from the stored aspect: a centred crop that removes more than this
# share of the width or height would cut into the head or shoulders.
MAX_CROP = 0.2
# Colour: a greyscale picture has (almost) no difference between its channels anywhere.
MIN_COLOUR_SPREAD = 4.0
# Background, measured on the edge bands of the stored picture (top, and the sides down to the
# shoulders): light enough, even enough, and white or light blue.
EDGE = 0.06
SIDE_DEPTH = 0.55
MIN_BACKGROUND_LIGHT = 170.0
MAX_BACKGROUND_SPREAD = 28.0
MAX_BAND_DIFFERENCE = 30.0
MAX_WHITE_TINT = 40.0
MIN_BLUE_LEAD = 12.0
# The face, as the cascade frames it (eyes to mouth, about 60 % of the head's width).
MIN_FACE_SHARE = 0.3
MAX_FACE_OFFSET = 0.12
FACE_TOP, FACE_BOTTOM = 0.2, 0.65
# The cascade's window is 24 pixels: at 80 pixels wide it finds faces of 30 % of the width and
# more, which every usable ID photo has, in a few milliseconds. Only a picture where none is found
# is searched again at two and a half times the size, to tell "face too small" from "no face".
_DETECT_WIDTH = 80
_SEARCH_WIDTH = 240

_local = threading.local()


def _cascade() -> cv2.CascadeClassifier:
    """The frontal-face cascade, one per thread (a classifier keeps state while it detects)."""
    cascade: cv2.CascadeClassifier | None = getattr(_local, "cascade", None)
    if cascade is None:
        path = Path(cv2_data.haarcascades) / CASCADE_FILE
        cascade = cv2.CascadeClassifier(str(path))
        if cascade.empty():
            raise ValidationError(
                f"找不到人脸检测模型 {CASCADE_FILE}（应随 OpenCV 安装）；请重新安装 Kaoping",
                field="照片",
            )
        _local.cascade = cascade
    return cascade


@functools.lru_cache(maxsize=1)
def _references() -> tuple[EmblemReference, ...]:
    return tuple(load_emblem_references(resource_path("rules", "emblem_references")))


# ---------------------------------------------------------------------------------------------
# Decoding


def _decode(data: bytes, spec: PhotoSpec) -> Image.Image:
    """The picture, decoded no larger than needed, upright, as RGB or with its own mode.

    Raises:
        PhotoRefused: Empty, not a JPEG or PNG, damaged, or claiming too many pixels.
    """
    if not data:
        raise PhotoRefused(["文件是空的（0 字节），请重新导出该照片"])
    try:
        bounded.check_size(len(data), bounded.PHOTOS)
    except ValidationError as error:
        raise PhotoRefused([error.message]) from None
    try:
        image = Image.open(io.BytesIO(data), formats=("JPEG", "PNG"))
        bounded.check_pixels(image.width, image.height, bounded.PHOTOS)
        if image.format == "JPEG":
            # Decode phone pictures at 1/2, 1/4 or 1/8 scale: still at least the stored size.
            side = max(spec.width, spec.height, *spec.smallest)
            image.draft(None, (side, side))
        image.load()
        upright = ImageOps.exif_transpose(image)
    except ValidationError as error:
        raise PhotoRefused([error.message]) from None
    except Image.DecompressionBombError:
        raise PhotoRefused(["照片尺寸异常庞大，可能是恶意构造的文件，已拒绝"]) from None
    except Exception:  # Pillow's decoders raise many kinds (OSError, SyntaxError, struct.error)
        raise PhotoRefused(["无法识别为 JPEG 或 PNG 图片（文件已损坏或不是照片）"]) from None
    return upright


def _as_rgb(image: Image.Image) -> tuple[Image.Image, bool]:
    """The picture as RGB and whether it was greyscale to begin with.

    Transparency is flattened onto white (as it would print); CMYK is converted by Pillow.
    """
    if image.mode in ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"):
        return image.convert("RGB"), True
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        background.alpha_composite(rgba)
        return background.convert("RGB"), False
    return image.convert("RGB"), False


def _is_greyscale(image: Image.Image) -> bool:
    small = np.asarray(image.resize((48, 60), Image.Resampling.BOX), dtype=np.int16)
    spread = small.max(axis=2) - small.min(axis=2)
    return float(spread.mean()) < MIN_COLOUR_SPREAD


# ---------------------------------------------------------------------------------------------
# Checks


def _crop_share(width: int, height: int, spec: PhotoSpec) -> float:
    """The share of the width or height a centred crop to the stored aspect removes."""
    aspect, target = width / height, spec.width / spec.height
    return 1 - target / aspect if aspect > target else 1 - aspect / target


def _size_problems(image: Image.Image, original: tuple[int, int], spec: PhotoSpec) -> list[str]:
    width, height = original
    low_w, low_h = spec.smallest
    problems = []
    if width < low_w or height < low_h:
        problems.append(
            f"照片太小：只有 {width}×{height} 像素，至少需要 {low_w}×{low_h} 像素；"
            "请提供原始照片，不要用缩略图"
        )
    share = _crop_share(width, height, spec)
    if share > MAX_CROP:
        problems.append(
            f"宽高比不符：{width}×{height} 像素，而照片应为 {spec.width}×{spec.height} 的竖版比例；"
            f"居中裁剪要裁掉 {share:.0%}，会裁到头部或肩部。请先按比例裁好再导入"
        )
    return problems


def _to_stored(image: Image.Image, spec: PhotoSpec) -> Image.Image:
    """Centred crop to the stored aspect, then scaled to the stored size."""
    width, height = image.size
    if (width, height) == (spec.width, spec.height):
        return image  # already the stored size: a resample would only soften it
    target = spec.width / spec.height
    if width / height > target:
        keep = round(height * target)
        box = ((width - keep) // 2, 0, (width - keep) // 2 + keep, height)
    else:
        keep = round(width / target)
        box = (0, (height - keep) // 2, width, (height - keep) // 2 + keep)
    return image.resize((spec.width, spec.height), Image.Resampling.LANCZOS, box=box)


def _bands(pixels: NDArray[np.float32]) -> list[NDArray[np.float32]]:
    height, width, _ = pixels.shape
    edge_h, edge_w = max(2, round(height * EDGE)), max(2, round(width * EDGE))
    depth = round(height * SIDE_DEPTH)
    return [
        pixels[:edge_h, :, :].reshape(-1, 3),
        pixels[:depth, :edge_w, :].reshape(-1, 3),
        pixels[:depth, width - edge_w :, :].reshape(-1, 3),
    ]


def _background_problems(pixels: NDArray[np.float32]) -> list[str]:
    bands = _bands(pixels)
    every = np.concatenate(bands)
    light = every @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    mean = every.mean(axis=0)
    red, green, blue = (float(v) for v in mean)
    shown = "#{:02X}{:02X}{:02X}".format(*(round(float(v)) for v in mean))
    if float(light.mean()) < MIN_BACKGROUND_LIGHT:
        return [f"背景太暗（边缘平均颜色 {shown}）：应为白色或浅蓝色的纯色背景"]
    band_lights = [
        float((b @ np.array([0.299, 0.587, 0.114], dtype=np.float32)).mean()) for b in bands
    ]
    if (
        float(light.std()) > MAX_BACKGROUND_SPREAD
        or max(band_lights) - min(band_lights) > MAX_BAND_DIFFERENCE
    ):
        return ["背景不均匀（边缘有杂物、阴影或图案）：应为白色或浅蓝色的纯色背景"]
    white = max(red, green, blue) - min(red, green, blue) <= MAX_WHITE_TINT
    light_blue = blue - red >= MIN_BLUE_LEAD and blue >= green - 5
    if not (white or light_blue):
        return [f"背景颜色不对（边缘平均颜色 {shown}）：应为白色或浅蓝色"]
    return []


def face_boxes(image: Image.Image, thorough: bool = False) -> list[tuple[int, int, int, int]]:
    """Frontal faces in a picture as (x, y, width, height) in its own pixels, largest first.

    The quick search finds the one large face of an ordinary ID photo; `thorough` (or finding
    none) searches at a finer scale too, for small faces and second people.
    """
    grey = image.convert("L")
    found = [] if thorough else _detect(grey, _DETECT_WIDTH, 1.1)
    return found or _detect(grey, _SEARCH_WIDTH, 1.05)


def _detect(grey: Image.Image, width: int, step: float) -> list[tuple[int, int, int, int]]:
    scale = width / grey.width
    small = grey.resize((width, max(1, round(grey.height * scale))), Image.Resampling.BOX)
    found = _cascade().detectMultiScale(
        np.asarray(small),  # equalising the histogram loses faces on light-blue backgrounds
        scaleFactor=step,
        minNeighbors=3,
        minSize=(24, 24),
        maxSize=(width, width),
    )
    boxes = sorted(
        (
            (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
            for x, y, w, h in (tuple(int(v) for v in box) for box in found)
        ),
        key=lambda b: b[2] * b[3],
        reverse=True,
    )
    # A second face is a person, not a button or a pattern on a shirt: one of half the size of
    # the largest or more.
    return [b for b in boxes if b[2] * 2 >= boxes[0][2]]


def _face_problems(image: Image.Image) -> list[str]:
    faces = face_boxes(image)
    if len(faces) == 1 and _face_fault(image, faces[0]):
        # Before refusing, look closer: a small or off-centre face may have company.
        faces = face_boxes(image, thorough=True) or faces
    if not faces:
        return ["未检测到人脸：应为本人正面免冠照片，脸部清晰、无遮挡"]
    if len(faces) > 1:
        return [f"检测到 {len(faces)} 张人脸：照片中只能有考生本人"]
    fault = _face_fault(image, faces[0])
    return [fault] if fault else []


def _face_fault(image: Image.Image, face: tuple[int, int, int, int]) -> str:
    """What is wrong with the one face found: too small, off-centre, or nothing ("")."""
    x, y, width, height = face
    if width < image.width * MIN_FACE_SHARE:
        return (
            f"人脸太小（约占照片宽度的 {width / image.width:.0%}）：请用头部占满大部分画面的证件照"
        )
    centre_x = (x + width / 2) / image.width
    centre_y = (y + height / 2) / image.height
    if abs(centre_x - 0.5) > MAX_FACE_OFFSET or not FACE_TOP <= centre_y <= FACE_BOTTOM:
        return "人脸不居中：头部应位于照片中央偏上，请重新裁剪"
    return ""


def _emblem_problems(image: Image.Image) -> list[str]:
    # Half size is plenty to recognise an emblem filling a photo, and a quarter of the work.
    matches = screen_image(image.reduce(2), _references())
    if not matches:
        return []
    return [
        f"与国徽/政府部门徽标参考图“{matches[0].reference}”相似，不能作为考生照片；请换用本人证件照"
    ]


# ---------------------------------------------------------------------------------------------
# The whole check


def prepare_photo(data: bytes, spec: PhotoSpec) -> PreparedPhoto:
    """Check one picture and bring it to the stored form (see the module docstring).

    Raises:
        PhotoRefused: Every problem found; later checks are skipped once the picture is
            unusable (unreadable, too small or of the wrong aspect).
    """
    image = _decode(data, spec)
    original = _original_size(data, image)
    problems = _size_problems(image, original, spec)
    if problems:
        raise PhotoRefused(problems)
    rgb, grey = _as_rgb(image)
    if grey or _is_greyscale(rgb):
        problems.append("照片是黑白（灰度）的：请提供彩色照片")
    stored = _to_stored(rgb, spec)
    problems += _background_problems(np.asarray(stored, dtype=np.float32))
    problems += _face_problems(stored)
    problems += _emblem_problems(stored)
    if problems:
        raise PhotoRefused(problems)
    out = io.BytesIO()
    stored.save(out, format="JPEG", quality=JPEG_QUALITY)
    jpeg = out.getvalue()
    # The mark lets issuing trust this screen rather than run it again on every certificate,
    # the pixel hash (of the JPEG as stored, decoded) spares decoding it there.
    return PreparedPhoto(
        jpeg,
        hashlib.sha256(data).hexdigest(),
        *stored.size,
        screened_with=screen_mark(_references()),
        pixel_sha256=pixel_hash(open_image(jpeg)),
    )


def _original_size(data: bytes, image: Image.Image) -> tuple[int, int]:
    """The size the file states (before a JPEG draft), turned as EXIF turned the picture."""
    with Image.open(io.BytesIO(data)) as header:
        width, height = header.size
    if (image.width > image.height) != (width > height) and width != height:
        return height, width
    return width, height


# ---------------------------------------------------------------------------------------------
# Reading files in


def _is_litter(name: str) -> bool:
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    return not last or last.startswith((".", "~$")) or last.lower() in _LITTER


def _key(label: str) -> str:
    last = label.replace("\\", "/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    return stem.strip().upper()


def _folder_files(folder: Path) -> Iterator[Path]:
    count = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__MACOSX")
        for name in sorted(files):
            path = Path(root) / name
            if _is_litter(name) or path.is_symlink():
                continue
            count += 1
            if count > bounded.PHOTO_ARCHIVES.max_members:
                raise ValidationError(
                    f"文件夹 {folder.name} 中的文件超过 {bounded.PHOTO_ARCHIVES.max_members} 个，"
                    "请分批导入",
                    field="文件",
                )
            yield path


def _read_folder(folder: Path) -> list[PhotoFile]:
    found: list[PhotoFile] = []
    total = 0
    for path in _folder_files(folder):
        label = path.relative_to(folder).as_posix()
        size = path.stat().st_size
        total += size
        if total > bounded.PHOTO_ARCHIVES.max_unpacked_bytes:
            raise ValidationError(
                f"文件夹 {folder.name} 中的文件合计超过 "
                f"{bounded.PHOTO_ARCHIVES.max_unpacked_bytes // (1024 * 1024)} MB，请分批导入",
                field="文件",
            )
        if size > bounded.PHOTOS.max_bytes:
            too_big = f"文件有 {size // (1024 * 1024)} MB，超过上限 {_limit_mb()} MB，不像是证件照"
            found.append(PhotoFile(label, _key(label), b"", too_big))
            continue
        found.append(PhotoFile(label, _key(label), bounded.read_file(path, bounded.PHOTOS)))
    return found


def _limit_mb() -> int:
    return bounded.PHOTOS.max_bytes // (1024 * 1024)


class PhotoToolkit:
    """Implements `services.ports.photos.PhotoTool`.

    Args:
        workers: Threads that check pictures at once (default: one per core). Decoding, the
            face detector and the JPEG encoder release the interpreter lock, so threads scale.
    """

    def __init__(self, workers: int | None = None) -> None:
        self._workers = workers or os.cpu_count() or 2

    def read_files(self, path: Path) -> list[PhotoFile]:
        """Pictures of a folder or a zip (see the port)."""
        if path.is_dir():
            return _read_folder(path)
        members = bounded.zip_members(path, bounded.PHOTO_ARCHIVES, bounded.PHOTOS)
        return [PhotoFile(name, _key(name), data) for name, data in members if not _is_litter(name)]

    def read_roster(self, path: Path) -> list[PhotoFile]:
        """Pictures in a roster's 照片 column, keyed by the row's ID (or ticket) number."""
        rows, pictures = bounded.xlsx_anchored_images(path, bounded.PHOTO_ARCHIVES)
        header = [str(v).strip() if v is not None else "" for v in (rows[0] if rows else ())]
        if _ROSTER_PHOTO_HEADER not in header:
            raise ValidationError(
                f"名册 {path.name} 没有“照片”列；请在表头加一列“照片”，把照片嵌入该列对应的行",
                field="表头",
            )
        key_column = next((header.index(h) for h in _ROSTER_KEY_HEADERS if h in header), None)
        if key_column is None:
            raise ValidationError(
                f"名册 {path.name} 没有“证件号码”列，无法知道照片属于谁", field="表头"
            )
        photo_column = header.index(_ROSTER_PHOTO_HEADER)
        found = []
        for row, column, data in sorted(pictures):
            if column != photo_column or row < 2:
                continue
            cells = rows[row - 1] if row - 1 < len(rows) else ()
            value = cells[key_column] if key_column < len(cells) else None
            key = str(value).strip().upper() if value is not None else ""
            found.append(PhotoFile(f"名册第 {row} 行", key, data))
        return found

    def prepare(self, data: bytes, spec: PhotoSpec) -> PreparedPhoto:
        """Check one picture (see `prepare_photo`)."""
        return prepare_photo(data, spec)

    def prepare_many(
        self,
        items: Sequence[bytes],
        spec: PhotoSpec,
        progress: PhotoProgress | None = None,
    ) -> list[PreparedPhoto | PhotoRefused]:
        """Check many pictures on all cores; in order, refusals in place."""
        results: list[PreparedPhoto | PhotoRefused] = []
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            for done, result in enumerate(pool.map(self._one(spec), items), start=1):
                results.append(result)
                if progress is not None and not progress(done, len(items)):
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise PhotoCancelled
        return results

    def _one(self, spec: PhotoSpec) -> Callable[[bytes], PreparedPhoto | PhotoRefused]:
        def check(data: bytes) -> PreparedPhoto | PhotoRefused:
            try:
                return self.prepare(data, spec)
            except PhotoRefused as refused:
                return refused

        return check
