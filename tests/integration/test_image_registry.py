"""Approved certificate images and the emblem deny-list screen."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

from kaoping.adapters.image_registry import (
    EmblemThresholds,
    ImageRegistry,
    canonical_png,
    certificate_picture,
    load_emblem_references,
    screen_against_emblems,
    screen_mark,
)
from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path

REFERENCE_DIR = resource_path("rules", "emblem_references")
REFERENCES = load_emblem_references(REFERENCE_DIR)
REFERENCE_FILES = sorted(p.name for p in REFERENCE_DIR.glob("*.png"))


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def emblem_lookalike(name: str) -> bytes:
    """A reference resized, slightly recoloured and JPEG-compressed, as a scan or copy would be."""
    emblem = Image.open(REFERENCE_DIR / name).convert("RGBA").resize((180, 180))
    image = Image.new("RGB", emblem.size, "white")
    image.paste(emblem, (0, 0), emblem)
    image = ImageEnhance.Color(image).enhance(0.85)
    image = ImageEnhance.Brightness(image).enhance(1.05)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=60)
    return out.getvalue()


def seal_image() -> Image.Image:
    """An ordinary red seal: a ring, the body's name around it, a star and 考评专用章."""
    red = (210, 20, 20, 255)
    image = Image.new("RGBA", (240, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(resource_path("fonts", "wqy-microhei.ttc")), 26, index=0)
    draw.ellipse((6, 6, 234, 234), outline=red, width=10)
    text = "广西数字技术评价中心"
    for index, char in enumerate(text):
        angle = math.radians(200 + index * 140 / (len(text) - 1))
        draw.text(
            (120 + 82 * math.cos(angle), 120 + 82 * math.sin(angle)),
            char,
            font=font,
            fill=red,
            anchor="mm",
        )
    points = []
    for index in range(10):
        radius = 34 if index % 2 == 0 else 13
        angle = math.radians(-90 + index * 36)
        points.append((120 + radius * math.cos(angle), 125 + radius * math.sin(angle)))
    draw.polygon(points, fill=red)
    draw.text((120, 185), "考评专用章", font=font, fill=red, anchor="mm")
    return image


def photo_image() -> Image.Image:
    """A photo-like portrait: noisy gradient background, a face and shoulders, slightly blurred."""
    rnd = random.Random(7)
    image = Image.new("RGB", (200, 260))
    pixels = image.load()
    assert pixels is not None
    for y in range(260):
        for x in range(200):
            pixels[x, y] = (90 + y // 4 + rnd.randint(0, 20), 120 + x // 5, 170 - y // 5)
    draw = ImageDraw.Draw(image)
    draw.ellipse((55, 40, 145, 150), fill=(226, 190, 160))
    draw.rectangle((30, 170, 170, 260), fill=(40, 50, 80))
    return image.filter(ImageFilter.GaussianBlur(1.5))


def test_reference_images_are_shipped_and_small() -> None:
    """The national emblem and the ministry's seal ship as references, each under 60 KB."""
    assert {"national_emblem.png", "mohrss_seal.png"} <= set(REFERENCE_FILES)
    assert len(REFERENCES) == len(REFERENCE_FILES)
    for path in REFERENCE_DIR.glob("*.png"):
        assert path.stat().st_size < 60_000
    assert (REFERENCE_DIR / "README.md").is_file()


@pytest.mark.parametrize("reference", REFERENCE_FILES)
def test_emblem_lookalike_is_refused(reference: str) -> None:
    """Registering a copy of an emblem (rescaled, recoloured, JPEG) is refused, naming the reference."""
    registry = ImageRegistry(REFERENCES)
    with pytest.raises(ValidationError) as caught:
        registry.approve("机构标识", emblem_lookalike(reference))
    assert caught.value.field == "图片"
    assert f"参考图“{reference}”" in caught.value.message
    assert "不能登记" in caught.value.message
    assert len(registry) == 0
    matches = screen_against_emblems(emblem_lookalike(reference), REFERENCES)
    assert reference in [m.reference for m in matches]


@pytest.mark.parametrize("make", [seal_image, photo_image], ids=["seal", "photo"])
def test_ordinary_images_are_accepted(make: Callable[[], Image.Image]) -> None:
    """An ordinary seal or a candidate photo registers and is then recognised by its pixels."""
    data = png_bytes(make())
    registry = ImageRegistry(REFERENCES)
    registered = registry.approve("机构印章", data)
    assert registered.name == "机构印章"
    assert registry.is_approved(ImageRegistry.content_hash(data))
    assert screen_against_emblems(data, REFERENCES) == []


def emblem_turned_and_in_a_logo() -> Image.Image:
    """The national emblem turned by 12° and set at the left of a wide logo with a name."""
    emblem = Image.open(REFERENCE_DIR / "national_emblem.png").convert("RGBA").resize((200, 200))
    emblem = emblem.rotate(12, resample=Image.Resampling.BICUBIC, expand=True)
    logo = Image.new("RGB", (760, emblem.height + 20), "white")
    logo.paste(emblem, (10, 10), emblem)
    font = ImageFont.truetype(str(resource_path("fonts", "wqy-microhei.ttc")), 56, index=0)
    ImageDraw.Draw(logo).text(
        (250, logo.height // 2), "广西数字技术评价中心", font=font, fill=(180, 20, 20), anchor="lm"
    )
    return logo


def test_emblem_turned_inside_a_wider_logo_is_refused() -> None:
    """Turning the emblem and putting a name beside it (what slipped past perceptual hashes)."""
    with pytest.raises(ValidationError) as caught:
        ImageRegistry(REFERENCES).approve("机构标识", png_bytes(emblem_turned_and_in_a_logo()))
    assert "national_emblem.png" in caught.value.message


def test_mirrored_ministry_seal_is_refused_and_said_to_be_mirrored() -> None:
    """The ministry's seal is not symmetric; a mirrored copy is found in the mirrored view."""
    seal = ImageOps.mirror(Image.open(REFERENCE_DIR / "mohrss_seal.png").convert("RGBA"))
    matches = screen_against_emblems(png_bytes(seal.resize((300, 300))), REFERENCES)
    seal_match = next(m for m in matches if m.reference == "mohrss_seal.png")
    assert seal_match.mirrored
    assert seal_match.agreement > 0.5


def test_thresholds_are_configurable() -> None:
    """Demanding full agreement lets a JPEG copy through; the default thresholds catch it."""
    lookalike = emblem_lookalike("national_emblem.png")
    assert screen_against_emblems(lookalike, REFERENCES, EmblemThresholds(min_agreement=1.01)) == []
    assert screen_against_emblems(lookalike, REFERENCES, EmblemThresholds(min_inliers=10_000)) == []
    assert screen_against_emblems(lookalike, REFERENCES)


def test_same_pixels_same_hash_across_formats() -> None:
    """The hash follows the pixels: the same seal as PNG and as re-saved PNG hashes alike."""
    data = png_bytes(seal_image())
    assert ImageRegistry.content_hash(data) == ImageRegistry.content_hash(canonical_png(data))
    other = png_bytes(seal_image().rotate(1))
    assert ImageRegistry.content_hash(data) != ImageRegistry.content_hash(other)


def _jpeg(image: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", **options)
    return out.getvalue()


def test_plain_jpegs_go_into_certificates_as_they_are_and_the_rest_as_png() -> None:
    """Baseline colour or grey JPEGs keep their bytes; PNG, progressive and CMYK JPEGs become
    lossless PNG with the same pixel hash; garbage is refused in Chinese."""
    photo = photo_image().convert("RGB")
    for kept in (_jpeg(photo), _jpeg(photo.convert("L"))):
        assert certificate_picture(kept) is kept
    for data in (
        png_bytes(photo),
        _jpeg(photo, progressive=True),
        _jpeg(photo.convert("CMYK")),
    ):
        picture = certificate_picture(data)
        assert Image.open(io.BytesIO(picture)).format == "PNG"
        assert ImageRegistry.content_hash(picture) == ImageRegistry.content_hash(data)
    with pytest.raises(ValidationError, match="无法识别图片文件"):
        certificate_picture(b"\xff\xd8 not really a JPEG")


def test_a_picture_with_the_current_screens_mark_is_registered_unscreened() -> None:
    """The mark names the references and thresholds: the same screen trusts it, any other (or
    none) screens again, and an emblem then is refused as ever."""
    emblem = emblem_lookalike("national_emblem.png")
    registry = ImageRegistry(REFERENCES)
    assert registry.mark == screen_mark(REFERENCES) != screen_mark(REFERENCES[:1])
    assert registry.mark != screen_mark(REFERENCES, EmblemThresholds(min_agreement=0.2))
    for outdated in ("", screen_mark(REFERENCES[:1])):
        with pytest.raises(ValidationError, match=r"national_emblem\.png"):
            registry.approve_screened("考生照片", emblem, outdated)
    trusted = registry.approve_screened("考生照片", emblem, registry.mark)
    assert registry.is_approved(trusted.sha256) and registry.passed_screen(trusted.sha256)
    rebuilt = ImageRegistry.from_records(registry.to_records(), REFERENCES)
    assert rebuilt.is_approved(trusted.sha256) and not rebuilt.passed_screen(trusted.sha256)


def test_records_round_trip() -> None:
    """Approvals saved as plain dicts load back with the same hashes."""
    registry = ImageRegistry(REFERENCES)
    registered = registry.approve("考生照片", png_bytes(photo_image()))
    restored = ImageRegistry.from_records(registry.to_records(), REFERENCES)
    assert restored.is_approved(registered.sha256)
    assert restored.get(registered.sha256) == registered
    restored.revoke(registered.sha256)
    assert not restored.is_approved(registered.sha256)


def test_non_image_is_refused() -> None:
    """Bytes that are not an image are refused with a message naming the field."""
    with pytest.raises(ValidationError) as caught:
        ImageRegistry().approve("机构印章", b"not an image")
    assert caught.value.field == "图片"


def test_empty_name_is_refused() -> None:
    """An image must be given a name saying what it is."""
    with pytest.raises(ValidationError) as caught:
        ImageRegistry().approve("  ", png_bytes(seal_image()))
    assert caught.value.field == "图片名称"
