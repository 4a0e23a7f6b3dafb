"""Approved certificate images (登记图片) and the emblem deny-list screen (国徽/徽标相似度筛查).

Only registered images may appear on a certificate: the evaluation body's logo, its seal, candidate
photos and QR codes. An image is identified by the SHA-256 of its *decoded pixels*, not of its file
bytes, so the same picture matches whether it sits in a PNG file or inside a PDF:

    sha256(b"<width>x<height>:RGBA:" + image.convert("RGBA").tobytes())

Lossy formats do not survive re-encoding, so certificates embed the registered picture either as
the very JPEG file (a baseline RGB or greyscale JPEG goes into the PDF byte for byte, and the check
decodes it with the same decoder) or losslessly: `certificate_picture` picks, `canonical_png`
returns PNG bytes that keep the registered pixels exactly.

Before an image is registered it is screened against reference pictures of national emblems and
government logos (`kaoping.adapters.emblem_features` finds a reference inside a picture whatever
its pose, size, colouring or surroundings); a match refuses registration and names the reference.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from kaoping.adapters import bounded, emblem_features
from kaoping.domain.errors import ValidationError

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
class EmblemThresholds:
    """What makes a picture an emblem: both counts must be reached for one placement.

    The edge agreement decides; the inliers only keep out placements fitted to a handful of
    corners (RANSAC needs two), and fewer than six are not verified at all. Measured with
    `bench/bench_emblem.py` on the seeded corpus of `tests/emblem_corpus.py` (200 disguised
    copies of each shipped reference, 50 ordinary seals, logos and photos): no ordinary picture
    placed on a reference agreed more than 0.03, with up to 20 inliers; disguised copies that
    were found agreed 0.1 or more, most of them above 0.3, some (small, in a wide picture) with
    no more than 6 or 7 inliers.

    Attributes:
        min_inliers: Keypoint matches that must agree on the placement.
        min_agreement: Edge-direction agreement (0..1) over the reference that must be reached.
    """

    min_inliers: int = 6
    min_agreement: float = 0.1


DEFAULT_THRESHOLDS = EmblemThresholds()


@dataclass(frozen=True, eq=False)
class EmblemReference:
    """A reference picture of an emblem or logo that must not appear on a certificate.

    Attributes:
        name: The file name, shown in refusals.
        digest: Pixel hash of the reference (caches are keyed by it).
        image: The decoded picture.
    """

    name: str
    digest: str
    image: Image.Image = field(repr=False)

    @property
    def features(self) -> emblem_features.ReferenceFeatures:
        """What matching needs: computed when a picture is first screened, once per process.

        Not before: a run that screens nothing (every photo already screened at intake, the
        seal registered) never pays for it, which is a fifth of a second per issuing worker.
        """
        features = _REFERENCE_CACHE.get(self.digest)
        if features is None:
            features = emblem_features.reference_features(self.image)
            _REFERENCE_CACHE[self.digest] = features
        return features


@dataclass(frozen=True)
class EmblemMatch:
    """A picture found to show an emblem reference.

    Attributes:
        reference: The reference's file name.
        inliers: Keypoint matches agreeing on where the reference sits in the picture.
        agreement: Edge-direction agreement with the reference once placed there (0..1).
        coverage: Share of the reference's area the agreeing matches spread over (0..1).
        mirrored: Whether the picture shows the reference mirrored.
    """

    reference: str
    inliers: int
    agreement: float
    coverage: float
    mirrored: bool


def open_image(image_bytes: bytes, *, header_only: bool = False) -> Image.Image:
    """Decode image file bytes (with `header_only`, read only what the header states).

    Raises:
        ValidationError: The bytes are not an image Pillow can read, or the file or the picture
            it claims is larger than `bounded.IMAGES` allows (checked before decoding).
    """
    bounded.check_size(len(image_bytes), bounded.IMAGES)
    try:
        image = Image.open(io.BytesIO(image_bytes))
        # The header states the size; a small file may claim gigapixels (a decompression bomb).
        bounded.check_pixels(image.width, image.height, bounded.IMAGES)
        if not header_only:
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


def certificate_picture(image_bytes: bytes) -> bytes:
    """The bytes to embed in a certificate so its pixel hash survives: a plain JPEG as it is.

    A baseline JPEG in RGB or greyscale is embedded byte for byte (no re-encoding: a fifth of
    the size of a PNG and a third of the rendering time); anything else as canonical PNG.
    """
    image = open_image(image_bytes, header_only=True)
    if image.format == "JPEG" and image.mode in ("RGB", "L") and not _progressive(image):
        return image_bytes
    return canonical_png(image_bytes)


def _progressive(image: Image.Image) -> bool:
    return bool(image.info.get("progressive") or image.info.get("progression"))


# Reference features by pixel hash: computed once per process, however often the folder is read.
_REFERENCE_CACHE: dict[str, emblem_features.ReferenceFeatures] = {}


def reference_from_image(name: str, image: Image.Image) -> EmblemReference:
    """Prepare one reference picture for screening (its features are computed once per process)."""
    return EmblemReference(name, pixel_hash(image), image)


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


def screen_mark(
    references: Iterable[EmblemReference], thresholds: EmblemThresholds = DEFAULT_THRESHOLDS
) -> str:
    """A short digest naming one emblem screen: its reference pictures and its thresholds.

    Kept with a picture that passed the screen, it tells later whether that screen is still
    the current one (the same references, the same thresholds) or the picture must be
    screened again.
    """
    digest = hashlib.sha256(b"kaoping-emblem-screen:1")
    digest.update(f"{thresholds.min_inliers}:{thresholds.min_agreement!r}".encode("ascii"))
    for reference_digest in sorted(r.digest for r in references):
        digest.update(reference_digest.encode("ascii"))
    return digest.hexdigest()[:32]


def _decide(
    name: str,
    placements: Sequence[emblem_features.Correspondence],
    thresholds: EmblemThresholds,
) -> EmblemMatch | None:
    """The best placement reaching both thresholds, as a match; None when none does."""
    passing = [
        p
        for p in placements
        if p.inliers >= thresholds.min_inliers and p.agreement >= thresholds.min_agreement
    ]
    if not passing:
        return None
    best = max(passing, key=lambda p: (p.agreement, p.inliers))
    return EmblemMatch(name, best.inliers, best.agreement, best.coverage, best.mirrored)


# Measurements by (pixel hash, reference digest): the same seal is on every certificate of a
# batch, and each certificate is checked again when it is saved or printed. The pixels decide the
# measurement, so a cached one is exact; the thresholds are applied afresh every time.
_SCREEN_CACHE: dict[tuple[str, str], tuple[emblem_features.Correspondence, ...]] = {}
_SCREEN_CACHE_LIMIT = 16384


def screen_known(
    sha256: str,
    image: Image.Image,
    references: Iterable[EmblemReference],
    thresholds: EmblemThresholds = DEFAULT_THRESHOLDS,
) -> list[EmblemMatch]:
    """Return the references an image with this pixel hash shows, best first.

    Measurements are cached by pixel hash, so screening the same image again costs nothing.
    """
    query: emblem_features.Query | None = None
    matches = []
    for reference in references:
        key = (sha256, reference.digest)
        found = _SCREEN_CACHE.get(key)
        if found is None:
            if query is None:
                query = emblem_features.query_features(image)
            found = tuple(emblem_features.correspond(query, reference.features))
            if len(_SCREEN_CACHE) >= _SCREEN_CACHE_LIMIT:
                _SCREEN_CACHE.clear()
            _SCREEN_CACHE[key] = found
        match = _decide(reference.name, found, thresholds)
        if match is not None:
            matches.append(match)
    matches.sort(key=lambda m: (-m.agreement, -m.inliers))
    return matches


def screen_image(
    image: Image.Image,
    references: Iterable[EmblemReference],
    thresholds: EmblemThresholds = DEFAULT_THRESHOLDS,
) -> list[EmblemMatch]:
    """Return the references the image shows, best first (see `screen_known`).

    A reference counts when it is found in the picture in any pose (turned, resized, mirrored),
    in any colouring, partly cut off or as part of a larger picture; see
    `kaoping.adapters.emblem_features` for how.
    """
    return screen_known(pixel_hash(image), image, references, thresholds)


def screen_against_emblems(
    image_bytes: bytes,
    references: Iterable[EmblemReference],
    thresholds: EmblemThresholds = DEFAULT_THRESHOLDS,
) -> list[EmblemMatch]:
    """Decode image file bytes and screen them against emblem references (see `screen_image`)."""
    return screen_image(open_image(image_bytes), references, thresholds)


def refusal(name: str, match: EmblemMatch, thresholds: EmblemThresholds) -> str:
    """The Chinese message refusing an image that shows an emblem reference."""
    mirrored = "（镜像）" if match.mirrored else ""
    return (
        f"图片“{name}”中发现国徽/政府部门徽标参考图“{match.reference}”的图案{mirrored}："
        f"{match.inliers} 处特征点位置一致，轮廓吻合度 {match.agreement:.0%}"
        f"（判定线：{thresholds.min_inliers} 处、{thresholds.min_agreement:.0%}），不能登记；"
        "旋转、缩放、改色或放在更大的图片里也会被认出。证书不得使用国徽或政府部门徽标，"
        "请换用本机构自己的标识或印章"
    )


class ImageRegistry:
    """The in-memory set of approved images, keyed by pixel hash.

    Args:
        references: Emblem references that approval screens against.
        thresholds: What counts as showing a reference.
    """

    def __init__(
        self,
        references: Sequence[EmblemReference] = (),
        thresholds: EmblemThresholds = DEFAULT_THRESHOLDS,
    ) -> None:
        self.references = tuple(references)
        self.thresholds = thresholds
        self._images: dict[str, RegisteredImage] = {}
        # Pictures known to pass this very screen (screened here, or marked so at intake):
        # the check need not screen them a second time in the same run.
        self._passed: set[str] = set()
        # File bytes (SHA-256) of such pictures with their pixel hash: the same bytes in a
        # certificate are the same pixels, so the check need not decode them to know them.
        self._by_bytes: dict[bytes, str] = {}

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
        sha256 = pixel_hash(image)
        matches = screen_known(sha256, image, self.references, self.thresholds)
        if matches:
            raise ValidationError(refusal(name, matches[0], self.thresholds), field=_IMAGE_FIELD)
        registered = RegisteredImage(name.strip(), sha256, image.width, image.height)
        self._images[registered.sha256] = registered
        self._passed.add(sha256)
        return registered

    @property
    def mark(self) -> str:
        """The mark of this registry's emblem screen (see `screen_mark`)."""
        return screen_mark(self.references, self.thresholds)

    def approve_screened(
        self, name: str, image_bytes: bytes, screened_with: str, pixel_sha256: str = ""
    ) -> RegisteredImage:
        """Register a picture that already passed this registry's very screen, else screen it.

        `screened_with` is the mark kept with the picture when it was screened (a candidate
        photo at intake). When it is this registry's mark the picture is registered without a
        second screen; an empty or outdated mark means a full `approve`. `pixel_sha256`, the
        pixel hash kept with those very bytes, spares decoding them.

        Raises:
            ValidationError: As `approve`, when the picture is screened and shows an emblem.
        """
        if not screened_with or screened_with != self.mark:
            return self.approve(name, image_bytes)
        if pixel_sha256:
            header = open_image(image_bytes, header_only=True)
            size = header.width, header.height
        else:
            image = open_image(image_bytes)
            pixel_sha256, size = pixel_hash(image), image.size
        registered = RegisteredImage(name.strip(), pixel_sha256, *size)
        self._images[pixel_sha256] = registered
        self._passed.add(pixel_sha256)
        self._by_bytes[hashlib.sha256(image_bytes).digest()] = pixel_sha256
        return registered

    def known_bytes(self, digest: bytes) -> str | None:
        """The pixel hash of a picture `approve_screened` took, by its file bytes' SHA-256.

        None for any other bytes: those are decoded and checked as ever.
        """
        sha256 = self._by_bytes.get(digest)
        return sha256 if sha256 is not None and sha256 in self._passed else None

    def is_approved(self, sha256: str) -> bool:
        """Whether an image with this pixel hash is registered."""
        return sha256 in self._images

    def passed_screen(self, sha256: str) -> bool:
        """Whether the picture with this pixel hash is known to pass this registry's screen.

        True only for pictures approved through this registry object (screened, or carrying the
        current screen's mark); a registry rebuilt from stored records knows none.
        """
        return sha256 in self._passed

    def get(self, sha256: str) -> RegisteredImage | None:
        """Return the registered image with this pixel hash, if any."""
        return self._images.get(sha256)

    def revoke(self, sha256: str) -> None:
        """Withdraw an approval; unknown hashes are ignored."""
        self._images.pop(sha256, None)
        self._passed.discard(sha256)
        self._by_bytes = {k: v for k, v in self._by_bytes.items() if v != sha256}

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
        thresholds: EmblemThresholds = DEFAULT_THRESHOLDS,
    ) -> ImageRegistry:
        """Rebuild a registry from stored dicts; no re-screening, as the pixels are not stored."""
        registry = cls(references, thresholds)
        for record in records:
            registered = RegisteredImage(
                str(record["name"]),
                str(record["sha256"]),
                int(record["width"]),
                int(record["height"]),
            )
            registry._images[registered.sha256] = registered
        return registry
