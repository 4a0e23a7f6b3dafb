"""Approved certificate images (登记图片) and the emblem deny-list screen (国徽/徽标相似度筛查).

Only registered images may appear on a certificate: the evaluation body's logo, its seal, candidate
photos and QR codes. An image is identified by the SHA-256 of its *decoded pixels*, not of its file
bytes, so the same picture matches whether it sits in a PNG file or inside a PDF:

    sha256(b"<width>x<height>:RGBA:" + image.convert("RGBA").tobytes())

Lossy formats do not survive re-encoding: reportlab re-compresses JPEG input, which changes pixels.
Certificates must therefore embed the registered picture losslessly; `canonical_png` returns bytes
that keep the registered pixels exactly.

Before an image is registered it is compared with reference images of national emblems and
government logos using two perceptual hashes (pHash and dHash); a close match refuses registration.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import imagehash
from PIL import Image

from kaoping.adapters import bounded
from kaoping.domain.errors import ValidationError

DEFAULT_THRESHOLD = 10
_IMAGE_FIELD = "图片"
_REFERENCE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")


@dataclass(frozen=True)
class RegisteredImage:
    """An approved image.

    Attributes:
        name: What the image is, e.g. 机构印章 or 考生照片.
        sha256: The pixel hash (see the module docstring).
        width: Width in pixels.
        height: Height in pixels.
    """

    name: str
    sha256: str
    width: int
    height: int


@dataclass(frozen=True)
class EmblemReference:
    """A reference image of an emblem or logo that must not appear on a certificate."""

    name: str
    phash: imagehash.ImageHash
    dhash: imagehash.ImageHash


@dataclass(frozen=True)
class EmblemMatch:
    """An image found close to an emblem reference; distances are Hamming distances of 64 bits."""

    reference: str
    phash_distance: int
    dhash_distance: int


def open_image(image_bytes: bytes) -> Image.Image:
    """Decode image file bytes.

    Raises:
        ValidationError: The bytes are not an image Pillow can read, or the file or the picture
            it claims is larger than `bounded.IMAGES` allows (checked before decoding).
    """
    bounded.check_size(len(image_bytes), bounded.IMAGES)
    try:
        image = Image.open(io.BytesIO(image_bytes))
        # The header states the size; a small file may claim gigapixels (a decompression bomb).
        bounded.check_pixels(image.width, image.height, bounded.IMAGES)
        image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            "图片尺寸异常庞大，可能是恶意构造的文件，已拒绝；请缩小图片后再试", field=_IMAGE_FIELD
        ) from exc
    except Exception as exc:  # Pillow's decoders raise many kinds (SyntaxError, struct.error ...)
        raise ValidationError(
            "无法识别图片文件，请提供 PNG 或 JPEG 格式的图片", field=_IMAGE_FIELD
        ) from exc
    return image


def pixel_hash(image: Image.Image) -> str:
    """Return the SHA-256 of the image's decoded pixels as RGBA (hex)."""
    rgba = image.convert("RGBA")
    digest = hashlib.sha256(f"{rgba.width}x{rgba.height}:RGBA:".encode("ascii"))
    digest.update(rgba.tobytes())
    return digest.hexdigest()


def canonical_png(image_bytes: bytes) -> bytes:
    """Return the image re-saved as PNG: embedding these bytes keeps the registered pixel hash."""
    image = open_image(image_bytes)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _on_white(image: Image.Image) -> Image.Image:
    """Flatten transparency onto white, as the image would look printed on paper."""
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    background.alpha_composite(rgba)
    return background.convert("RGB")


def reference_from_image(name: str, image: Image.Image) -> EmblemReference:
    """Compute the perceptual hashes of one reference image."""
    flat = _on_white(image)
    return EmblemReference(name, imagehash.phash(flat), imagehash.dhash(flat))


def load_emblem_references(directory: Path) -> list[EmblemReference]:
    """Load every image file in a folder as an emblem reference, named by its file name.

    Raises:
        ValidationError: The folder is missing or a file in it is not a readable image.
    """
    if not directory.is_dir():
        raise ValidationError(
            f"找不到国徽/徽标参考图目录 {directory}；请恢复该目录", field="参考图目录"
        )
    references = []
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() in _REFERENCE_SUFFIXES:
            try:
                image = open_image(path.read_bytes())
            except ValidationError as exc:
                raise ValidationError(
                    f"参考图 {path.name} 无法读取；请换成 PNG 或 JPEG 文件", field="参考图目录"
                ) from exc
            references.append(reference_from_image(path.name, image))
    return references


def screen_image(
    image: Image.Image, references: Iterable[EmblemReference], threshold: int = DEFAULT_THRESHOLD
) -> list[EmblemMatch]:
    """Return the references the image resembles, closest first.

    An image matches when either its pHash or its dHash is within `threshold` bits of a reference's;
    either hash alone is enough, because missing an emblem costs more than a second look at a seal.
    """
    phash, dhash = perceptual_hashes(image)
    return screen_hashes(phash, dhash, references, threshold)


def perceptual_hashes(image: Image.Image) -> tuple[imagehash.ImageHash, imagehash.ImageHash]:
    """Return the image's pHash and dHash as printed on paper (transparency flattened onto white)."""
    flat = _on_white(image)
    return imagehash.phash(flat), imagehash.dhash(flat)


def screen_hashes(
    phash: imagehash.ImageHash,
    dhash: imagehash.ImageHash,
    references: Iterable[EmblemReference],
    threshold: int = DEFAULT_THRESHOLD,
) -> list[EmblemMatch]:
    """Return the references an image with these perceptual hashes resembles (see `screen_image`)."""
    matches = []
    for reference in references:
        p_distance = int(phash - reference.phash)
        d_distance = int(dhash - reference.dhash)
        if min(p_distance, d_distance) <= threshold:
            matches.append(EmblemMatch(reference.name, p_distance, d_distance))
    matches.sort(key=lambda m: min(m.phash_distance, m.dhash_distance))
    return matches


# Perceptual hashes by pixel hash: the same seal is on every certificate of a batch, and each
# certificate is checked again when it is saved or printed. The pixels decide the hashes, so a
# cached pair is exact; screening against the current references still happens every time.
_PERCEPTUAL_CACHE: dict[str, tuple[imagehash.ImageHash, imagehash.ImageHash]] = {}
_PERCEPTUAL_CACHE_LIMIT = 4096


def screen_known(
    sha256: str,
    image: Image.Image,
    references: Iterable[EmblemReference],
    threshold: int = DEFAULT_THRESHOLD,
) -> list[EmblemMatch]:
    """`screen_image` for an image whose pixel hash is known, reusing its perceptual hashes."""
    hashes = _PERCEPTUAL_CACHE.get(sha256)
    if hashes is None:
        hashes = perceptual_hashes(image)
        if len(_PERCEPTUAL_CACHE) >= _PERCEPTUAL_CACHE_LIMIT:
            _PERCEPTUAL_CACHE.clear()
        _PERCEPTUAL_CACHE[sha256] = hashes
    return screen_hashes(*hashes, references, threshold)


def screen_against_emblems(
    image_bytes: bytes, references: Iterable[EmblemReference], threshold: int = DEFAULT_THRESHOLD
) -> list[EmblemMatch]:
    """Decode image file bytes and screen them against emblem references (see `screen_image`)."""
    return screen_image(open_image(image_bytes), references, threshold)


class ImageRegistry:
    """The in-memory set of approved images, keyed by pixel hash.

    Args:
        references: Emblem references that approval screens against.
        threshold: Largest Hamming distance (of 64) that still counts as resembling a reference.
    """

    def __init__(
        self, references: Sequence[EmblemReference] = (), threshold: int = DEFAULT_THRESHOLD
    ) -> None:
        self.references = tuple(references)
        self.threshold = threshold
        self._images: dict[str, RegisteredImage] = {}

    @staticmethod
    def content_hash(image_bytes: bytes) -> str:
        """Return the pixel hash of image file bytes (see the module docstring)."""
        return pixel_hash(open_image(image_bytes))

    def approve(self, name: str, image_bytes: bytes) -> RegisteredImage:
        """Register an image as approved for certificates after screening it against emblems.

        Raises:
            ValidationError: The name is empty, the bytes are not an image, or the image resembles
                an emblem reference.
        """
        if not name.strip():
            raise ValidationError("请填写图片名称，例如“机构印章”", field="图片名称")
        image = open_image(image_bytes)
        matches = screen_image(image, self.references, self.threshold)
        if matches:
            best = matches[0]
            raise ValidationError(
                f"图片“{name}”与国徽/政府部门徽标参考图“{best.reference}”过于相似"
                f"（感知哈希差异 {min(best.phash_distance, best.dhash_distance)}，"
                f"阈值 {self.threshold}），不能登记；证书不得使用国徽或政府部门徽标，"
                "请换用本机构自己的标识或印章",
                field=_IMAGE_FIELD,
            )
        registered = RegisteredImage(name.strip(), pixel_hash(image), image.width, image.height)
        self._images[registered.sha256] = registered
        return registered

    def is_approved(self, sha256: str) -> bool:
        """Whether an image with this pixel hash is registered."""
        return sha256 in self._images

    def get(self, sha256: str) -> RegisteredImage | None:
        """Return the registered image with this pixel hash, if any."""
        return self._images.get(sha256)

    def revoke(self, sha256: str) -> None:
        """Withdraw an approval; unknown hashes are ignored."""
        self._images.pop(sha256, None)

    def __len__(self) -> int:
        return len(self._images)

    def to_records(self) -> list[dict[str, Any]]:
        """Return the approvals as plain dicts for storage."""
        return [
            {"name": r.name, "sha256": r.sha256, "width": r.width, "height": r.height}
            for r in self._images.values()
        ]

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        references: Sequence[EmblemReference] = (),
        threshold: int = DEFAULT_THRESHOLD,
    ) -> ImageRegistry:
        """Rebuild a registry from stored dicts; no re-screening, as the pixels are not stored."""
        registry = cls(references, threshold)
        for record in records:
            registered = RegisteredImage(
                str(record["name"]),
                str(record["sha256"]),
                int(record["width"]),
                int(record["height"]),
            )
            registry._images[registered.sha256] = registered
        return registry
