"""Seeded pictures for the emblem screen: disguised copies of each reference and ordinary seals.

Both the tests (`tests/integration/test_emblem_screen.py`) and the benchmark
(`bench/bench_emblem.py`) draw from here, so they judge the same pictures.

`emblem_variants` turns one reference into pictures a careless or crafty user might submit: turned
by any angle, 25–400 % of its size, mirrored, recoloured (hue shift, one colour, greyscale,
inverted), with up to a quarter cut off one side, put beside a name as a logo, on a coloured or
noisy background or in a poster, JPEG-compressed, and combinations of these. `ordinary_images`
draws what an evaluation body really registers: round red company seals with their name around
the ring and a star in the middle (the hard case: an emblem has stars too), oval seals, and plain
logos (letters, shapes, gears, leaves, a laurel wreath) plus photo-like portraits.
"""

from __future__ import annotations

import io
import math
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

from kaoping.paths import resource_path

REFERENCE_DIR = resource_path("rules", "emblem_references")
_SANS = resource_path("fonts", "wqy-microhei.ttc")
_SERIF = resource_path("fonts", "HanaMinA.ttf")
# Variants are kept between these sizes (long side, pixels): smaller is not a picture anyone
# would print, larger only costs time.
_MIN_SIDE, _MAX_SIDE = 64, 2000

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Sample:
    """One test picture: what was done to make it, and its file bytes."""

    recipe: str
    data: bytes


def reference_files() -> list[Path]:
    """The shipped reference pictures, sorted by name."""
    return sorted(p for p in REFERENCE_DIR.iterdir() if p.suffix.lower() == ".png")


def font(size: int, serif: bool = False) -> ImageFont.FreeTypeFont:
    """A Chinese font from the shipped resources."""
    if serif:
        return ImageFont.truetype(str(_SERIF), size)
    return ImageFont.truetype(str(_SANS), size, index=0)


def encode(image: Image.Image, jpeg_quality: int | None = None) -> bytes:
    """PNG bytes, or JPEG bytes at the given quality (transparency flattened onto white)."""
    out = io.BytesIO()
    if jpeg_quality is None:
        # Least compression: the same pixels, written in a fraction of the time of the default.
        image.save(out, format="PNG", compress_level=1)
    else:
        flat = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        flat.paste(rgba, (0, 0), rgba)
        flat.save(out, format="JPEG", quality=jpeg_quality)
    return out.getvalue()


# ---------------------------------------------------------------- disguising a reference


def _rescale(image: Image.Image, factor: float) -> Image.Image:
    long_side = max(image.size) * factor
    long_side = min(max(long_side, _MIN_SIDE * 1.5), _MAX_SIDE * 0.8)
    factor = long_side / max(image.size)
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _crop_side(image: Image.Image, rng: random.Random) -> tuple[Image.Image, str]:
    """Cut up to a quarter of the picture's content off one side."""
    box = image.getchannel("A").getbbox() or (0, 0, image.width, image.height)
    x0, y0, x1, y1 = box
    share = rng.uniform(0.08, 0.25)
    side = rng.choice(("左", "右", "上", "下"))
    if side == "左":
        x0 += round((x1 - x0) * share)
    elif side == "右":
        x1 -= round((x1 - x0) * share)
    elif side == "上":
        y0 += round((y1 - y0) * share)
    else:
        y1 -= round((y1 - y0) * share)
    return image.crop((x0, y0, x1, y1)), f"裁去{side}侧{share:.0%}"


def _hue_shift(image: Image.Image, degrees: int) -> Image.Image:
    alpha = image.getchannel("A")
    h, s, v = image.convert("RGB").convert("HSV").split()
    shift = round(degrees / 360 * 255)
    h = h.point(lambda x: (x + shift) % 256)
    out = Image.merge("HSV", (h, s, v)).convert("RGBA")
    out.putalpha(alpha)
    return out


def _recolour(image: Image.Image, rng: random.Random) -> tuple[Image.Image, str]:
    alpha = image.getchannel("A")
    kind = rng.choice(("色相", "单色", "灰度", "反色", "褪色", "原色"))
    if kind == "色相":
        degrees = rng.randrange(30, 330)
        return _hue_shift(image, degrees), f"色相转{degrees}°"
    if kind == "单色":
        ink: RGB = (rng.randrange(0, 160), rng.randrange(0, 160), rng.randrange(0, 160))
        grey = ImageOps.grayscale(image.convert("RGB"))
        out = ImageOps.colorize(grey, black=ink, white=(255, 255, 255)).convert("RGBA")
    elif kind == "灰度":
        out = ImageOps.grayscale(image.convert("RGB")).convert("RGBA")
    elif kind == "反色":
        out = ImageOps.invert(image.convert("RGB")).convert("RGBA")
    elif kind == "褪色":
        faded = ImageEnhance.Color(image.convert("RGB")).enhance(rng.uniform(0.3, 0.8))
        out = ImageEnhance.Contrast(faded).enhance(rng.uniform(0.6, 0.9)).convert("RGBA")
    else:
        return image, "原色"
    out.putalpha(alpha)
    return out, kind


def _noise(size: tuple[int, int], rng: random.Random, strength: int) -> Image.Image:
    generator = np.random.default_rng(rng.randrange(2**32))
    base = np.array([rng.randrange(256) for _ in range(3)], dtype=np.int16)
    noise = generator.integers(-strength, strength + 1, (size[1], size[0], 3), dtype=np.int16)
    return Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8), "RGB")


def _background(size: tuple[int, int], rng: random.Random) -> tuple[Image.Image, str]:
    kind = rng.choice(("白底", "色底", "噪点底", "渐变底", "照片底"))
    if kind == "白底":
        return Image.new("RGB", size, "white"), kind
    if kind == "色底":
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        return Image.new("RGB", size, colour), kind
    if kind == "噪点底":
        strength = rng.randrange(15, 61)
        return _noise(size, rng, strength), f"噪点底±{strength}"
    if kind == "照片底":
        return _photo_ground(size, rng), kind
    gradient = Image.linear_gradient("L").resize(size).rotate(rng.randrange(360))
    low = (rng.randrange(128), rng.randrange(128), rng.randrange(128))
    high = (rng.randrange(128, 256), rng.randrange(128, 256), rng.randrange(128, 256))
    return ImageOps.colorize(gradient, black=low, white=high), kind


def _photo_ground(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Something like a photograph: soft coloured blobs, grain, slightly blurred."""
    image = _noise(size, rng, 20)
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(20, max(21, min(size) // 2))
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    return image.filter(ImageFilter.GaussianBlur(3))


_TEXTS = (
    "中华人民共和国人力资源和社会保障部",
    "国家职业技能鉴定",
    "广西数字技术工程师培育项目",
    "职业技能等级证书",
    "人工智能工程技术人员",
)


def _as_logo(emblem: Image.Image, rng: random.Random) -> tuple[Image.Image, str]:
    """The emblem at the left of a wide banner with a name beside it, as on a letterhead."""
    text = rng.choice(_TEXTS)
    size = max(16, emblem.height // 3)
    face = font(size, serif=rng.random() < 0.5)
    width = emblem.width + int(size * 1.05 * len(text)) + size
    canvas, ground = _background((min(width, _MAX_SIDE * 2), emblem.height + size // 2), rng)
    canvas.paste(emblem, (size // 4, size // 4), emblem)
    ink = (rng.randrange(200), rng.randrange(60), rng.randrange(60))
    ImageDraw.Draw(canvas).text(
        (emblem.width + size // 2, canvas.height // 2), text, font=face, fill=ink, anchor="lm"
    )
    return canvas, f"标识带文字“{text}”，{ground}"


def _on_poster(emblem: Image.Image, rng: random.Random) -> tuple[Image.Image, str]:
    """The emblem somewhere on a larger sheet with a title, lines of text and shapes."""
    width = max(emblem.width * rng.uniform(1.6, 3.0), 400)
    height = max(emblem.height * rng.uniform(1.4, 2.5), 300)
    canvas, ground = _background((int(width), int(height)), rng)
    draw = ImageDraw.Draw(canvas)
    for _ in range(rng.randrange(2, 6)):
        x, y = rng.randrange(canvas.width), rng.randrange(canvas.height)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle((x, y, x + rng.randrange(20, 200), y + rng.randrange(10, 80)), fill=colour)
    title = font(max(14, canvas.height // 14), serif=True)
    draw.text((canvas.width // 2, 8), rng.choice(_TEXTS), font=title, fill="black", anchor="mt")
    x = rng.randrange(0, max(1, canvas.width - emblem.width))
    y = rng.randrange(0, max(1, canvas.height - emblem.height))
    canvas.paste(emblem, (x, y), emblem)
    body = font(max(12, canvas.height // 30))
    for line in range(3):
        draw.text(
            (10, canvas.height - (line + 1) * body.size * 1.6),
            rng.choice(_TEXTS),
            font=body,
            fill="black",
        )
    return canvas, f"海报中（{canvas.width}×{canvas.height}，{ground}）"


def _placed(emblem: Image.Image, rng: random.Random) -> tuple[Image.Image, str]:
    kind = rng.choice(("单独", "单独", "标识", "海报", "底色"))
    if kind == "单独":
        return emblem, "单独"
    if kind == "标识":
        return _as_logo(emblem, rng)
    if kind == "海报":
        return _on_poster(emblem, rng)
    margin = max(8, emblem.width // 8)
    canvas, ground = _background((emblem.width + 2 * margin, emblem.height + 2 * margin), rng)
    canvas.paste(emblem, (margin, margin), emblem)
    return canvas, ground


def _fit(image: Image.Image) -> Image.Image:
    """Keep the finished picture within the sizes a person would submit."""
    if max(image.size) <= _MAX_SIDE * 1.5:
        return image
    factor = _MAX_SIDE * 1.5 / max(image.size)
    return image.resize(
        (round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS
    )


def disguise(reference: Image.Image, rng: random.Random) -> tuple[Image.Image, str, int | None]:
    """One random disguise of a reference: (picture, what was done in Chinese, JPEG quality)."""
    steps = []
    image = reference.convert("RGBA")
    if rng.random() < 0.5:
        image = ImageOps.mirror(image)
        steps.append("镜像")
    image, colour = _recolour(image, rng)
    steps.append(colour)
    if rng.random() < 0.35:
        image, cut = _crop_side(image, rng)
        steps.append(cut)
    factor = math.exp(rng.uniform(math.log(0.25), math.log(4.0)))
    image = _rescale(image, factor)
    steps.append(f"缩放{factor:.0%}")
    angle = rng.uniform(0, 360)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    steps.append(f"旋转{angle:.0f}°")
    image, placement = _placed(image, rng)
    steps.append(placement)
    image = _fit(image)
    quality = rng.choice((None, None, 90, 70, 50, 35))
    if quality is not None:
        steps.append(f"JPEG质量{quality}")
    return image, "，".join(steps), quality


def emblem_variants(
    reference: Path, count: int, seed: int = 2026, only: Iterable[int] | None = None
) -> Iterator[Sample]:
    """`count` disguised copies of one reference picture, the same ones for the same seed.

    Each copy draws from a random generator of its own (seed, reference, number), so `only`
    makes just the copies with those numbers, identical to the same copies of the whole corpus.
    """
    source = Image.open(reference).convert("RGBA")
    for index in range(count) if only is None else only:
        rng = random.Random(f"{seed}:{reference.name}:{index}")
        image, recipe, quality = disguise(source, rng)
        yield Sample(recipe, encode(image, quality))


_SIZES = ((0.5, "缩放25–50%"), (2.0, "缩放50–200%"), (9.0, "缩放200–400%"))


def kinds(recipe: str) -> list[str]:
    """The kinds of disguise a recipe applied (its steps, with sizes grouped)."""
    found = []
    for step in recipe.split("，"):
        if step.startswith("缩放"):
            factor = int(step[2:-1]) / 100
            found.append(next(label for bound, label in _SIZES if factor <= bound))
        elif step.startswith("旋转"):
            found.append("旋转")
        else:
            found.append(re.sub(r"[\d%°±×（）()，“”\s].*$", "", step) or step)
    return found


# ---------------------------------------------------------------- ordinary seals and logos

_COMPANIES = (
    "广西数字技术评价中心有限公司",
    "南宁市智联科技有限公司",
    "桂林山水信息技术有限公司",
    "柳州市人力资源服务有限公司",
    "广西职业技能鉴定服务中心",
    "北海海洋数据科技有限公司",
    "梧州市电子信息职业培训学校",
    "玉林市机电工程技术有限公司",
    "百色云计算产业发展有限公司",
    "钦州港物流信息服务有限公司",
    "贵港市软件开发有限公司",
    "河池数字农业科技有限公司",
    "来宾市人工智能应用研究院",
    "崇左跨境电商服务有限公司",
    "防城港智能制造培训中心",
    "贺州市大数据评价中心",
    "广西人力资源考评服务有限公司",
    "南宁职业技能等级认定中心",
    "柳州工业互联网研究院",
    "桂林电子科技职业技能评价站",
)
_SEAL_WORDS = ("合同专用章", "财务专用章", "考评专用章", "业务专用章", "", "发票专用章")


def _star(draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float, fill: RGB) -> None:
    inner = radius * math.sin(math.radians(18)) / math.sin(math.radians(54))
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else inner
        a = math.radians(-90 + 36 * i)
        points.append((centre[0] + r * math.cos(a), centre[1] + r * math.sin(a)))
    draw.polygon(points, fill=fill)


def _ring_text(
    image: Image.Image,
    text: str,
    face: ImageFont.FreeTypeFont,
    radii: tuple[float, float],
    span: float,
    colour: RGB,
) -> None:
    """Characters along the top of a circle or ellipse, left to right, upright to the centre."""
    cx, cy = image.width / 2, image.height / 2
    tile = int(face.size * 1.6)
    for index, char in enumerate(text):
        degrees = -90 - span / 2 + span * (index + 0.5) / len(text)
        a = math.radians(degrees)
        x, y = cx + radii[0] * math.cos(a), cy + radii[1] * math.sin(a)
        piece = Image.new("RGBA", (tile, tile), (0, 0, 0, 0))
        ImageDraw.Draw(piece).text((tile / 2, tile / 2), char, font=face, fill=colour, anchor="mm")
        piece = piece.rotate(-(degrees + 90), resample=Image.Resampling.BICUBIC)
        image.alpha_composite(piece, (int(x - tile / 2), int(y - tile / 2)))


def round_seal(serial: int) -> Image.Image:
    """A round company seal: ring, name around it, a star, a purpose line and maybe a number."""
    rng = random.Random(f"round-seal:{serial}")
    side = rng.choice((240, 320, 420, 500))
    red: RGB = (rng.randrange(180, 235), rng.randrange(0, 50), rng.randrange(0, 50))
    image = Image.new("RGBA", (side, side), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    border = max(3, side // rng.choice((28, 36, 48)))
    draw.ellipse((border, border, side - border, side - border), outline=red, width=border)
    if rng.random() < 0.3:
        inset = border * 3
        draw.ellipse(
            (inset, inset, side - inset, side - inset), outline=red, width=max(1, border // 3)
        )
    name = _COMPANIES[serial % len(_COMPANIES)]
    face = font(int(side * rng.uniform(0.085, 0.11)), serif=rng.random() < 0.4)
    radius = side / 2 - border * 2 - face.size * 0.75
    _ring_text(image, name, face, (radius, radius), rng.uniform(210, 280), red)
    star_radius = side * rng.uniform(0.12, 0.19)
    _star(draw, (side / 2, side / 2 - side * 0.02), star_radius, red)
    words = rng.choice(_SEAL_WORDS)
    if words:
        small = font(int(side * 0.075), serif=rng.random() < 0.5)
        draw.text((side / 2, side * 0.72), words, font=small, fill=red, anchor="mm")
    if rng.random() < 0.5:
        digits = "".join(str(rng.randrange(10)) for _ in range(13))
        tiny = font(max(8, int(side * 0.04)))
        draw.text((side / 2, side * 0.86), digits, font=tiny, fill=red, anchor="mm")
    return image.rotate(rng.uniform(-8, 8), resample=Image.Resampling.BICUBIC)


def oval_seal(serial: int) -> Image.Image:
    """An oval seal (财务/发票专用章 style): ellipse, name along the top, purpose across the middle."""
    rng = random.Random(f"oval-seal:{serial}")
    width = rng.choice((320, 400, 480))
    height = int(width * rng.uniform(0.62, 0.75))
    red: RGB = (rng.randrange(180, 235), rng.randrange(0, 50), rng.randrange(0, 50))
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    border = max(3, width // 60)
    draw.ellipse((border, border, width - border, height - border), outline=red, width=border)
    face = font(int(height * 0.12), serif=rng.random() < 0.4)
    name = _COMPANIES[(serial * 7 + 3) % len(_COMPANIES)]
    _ring_text(
        image,
        name,
        face,
        (width / 2 - border * 2 - face.size * 0.8, height / 2 - border * 2 - face.size * 0.8),
        200,
        red,
    )
    words = rng.choice(("发票专用章", "财务专用章", "合同专用章"))
    middle = font(int(height * 0.12), serif=rng.random() < 0.5)
    draw.text((width / 2, height * 0.62), words, font=middle, fill=red, anchor="mm")
    if rng.random() < 0.5:
        digits = "".join(str(rng.randrange(10)) for _ in range(15))
        draw.text(
            (width / 2, height * 0.42), digits, font=font(int(height * 0.07)), fill=red, anchor="mm"
        )
    return image


def _palette(rng: random.Random) -> tuple[RGB, RGB]:
    first = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    second = (255 - first[0], (first[1] + 128) % 256, rng.randrange(256))
    return first, second


def letter_logo(serial: int) -> Image.Image:
    """Initials in a circle or rounded square, with the company's name below."""
    rng = random.Random(f"letters:{serial}")
    ink, ground = _palette(rng)
    image = Image.new("RGB", (360, 300), "white")
    draw = ImageDraw.Draw(image)
    if rng.random() < 0.5:
        draw.ellipse((100, 20, 260, 180), fill=ground)
    else:
        draw.rounded_rectangle((100, 20, 260, 180), radius=30, fill=ground)
    letters = "".join(rng.choice("ABCDEGHKMNPRSTWXYZ") for _ in range(rng.choice((1, 2, 3))))
    draw.text((180, 100), letters, font=font(90 if len(letters) < 3 else 60), fill=ink, anchor="mm")
    draw.text(
        (180, 240), _COMPANIES[serial % len(_COMPANIES)][:8], font=font(30), fill=ink, anchor="mm"
    )
    return image


def shape_logo(serial: int) -> Image.Image:
    """Geometric marks: concentric rings, triangles, hexagons, bars."""
    rng = random.Random(f"shapes:{serial}")
    first, second = _palette(rng)
    image = Image.new("RGB", (320, 320), "white")
    draw = ImageDraw.Draw(image)
    kind = serial % 4
    if kind == 0:
        for k in range(5, 0, -1):
            draw.ellipse(
                (160 - k * 28, 160 - k * 28, 160 + k * 28, 160 + k * 28),
                fill=first if k % 2 else second,
            )
    elif kind == 1:
        for k in range(3):
            off = k * 40
            draw.polygon(
                [(60 + off, 260), (160 + off // 2, 60 + off), (260, 260 - off)],
                outline=first,
                width=12,
            )
    elif kind == 2:
        points = [
            (
                160 + 120 * math.cos(math.radians(60 * i + 30)),
                160 + 120 * math.sin(math.radians(60 * i + 30)),
            )
            for i in range(6)
        ]
        draw.polygon(points, fill=first)
        draw.ellipse((110, 110, 210, 210), fill=second)
    else:
        for k in range(6):
            draw.rectangle(
                (40 + k * 42, 280 - (k + 1) * 36, 70 + k * 42, 280), fill=first if k % 2 else second
            )
    return image


def gear_logo(serial: int) -> Image.Image:
    """A company's gear: toothed wheel, a letter or a spanner inside, name below or beside."""
    rng = random.Random(f"gear:{serial}")
    colour, other = _palette(rng)
    image = Image.new("RGB", (400, 340), "white")
    draw = ImageDraw.Draw(image)
    teeth = rng.randrange(8, 24)
    cx, cy, r = 170, 160, rng.randrange(90, 130)
    outline = []
    for t in range(teeth):
        base = 360 / teeth * t
        step = 360 / teeth / 4
        for offset, radius in (
            (-1.5 * step, r * 0.84),
            (-0.7 * step, r),
            (0.7 * step, r),
            (1.5 * step, r * 0.84),
        ):
            a = math.radians(base + offset)
            outline.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    draw.polygon(outline, fill=colour)
    draw.ellipse((cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55), fill="white")
    if rng.random() < 0.5:
        draw.text(
            (cx, cy), rng.choice("GJMZ机工"), font=font(int(r * 0.7)), fill=other, anchor="mm"
        )
    else:
        draw.ellipse((cx - r * 0.25, cy - r * 0.25, cx + r * 0.25, cy + r * 0.25), fill=other)
    draw.text(
        (cx + r + 10, cy),
        _COMPANIES[serial % len(_COMPANIES)][:4],
        font=font(34),
        fill=colour,
        anchor="lm",
    )
    return image


def leaf_logo(serial: int) -> Image.Image:
    """Leaves: a sprout of two or three leaves over a name, or a circle of leaves round a letter."""
    rng = random.Random(f"leaf:{serial}")
    green: RGB = (rng.randrange(0, 90), rng.randrange(120, 220), rng.randrange(0, 110))
    image = Image.new("RGB", (360, 360), "white")
    draw = ImageDraw.Draw(image)
    if serial % 2 == 0:
        for k, lean in enumerate((-40, 0, 40)[: rng.choice((2, 3))]):
            leaf = Image.new("RGBA", (360, 360), (0, 0, 0, 0))
            ImageDraw.Draw(leaf).ellipse((150, 60 + k * 10, 210, 220), fill=(*green, 255))
            leaf = leaf.rotate(lean, center=(180, 230), resample=Image.Resampling.BICUBIC)
            image.paste(leaf, (0, 0), leaf)
        draw.line((180, 220, 180, 290), fill=green, width=8)
        draw.text(
            (180, 320),
            _COMPANIES[serial % len(_COMPANIES)][:6],
            font=font(32),
            fill=green,
            anchor="mm",
        )
    else:
        for k in range(12):
            a = math.radians(k * 30)
            x, y = 180 + 120 * math.cos(a), 180 + 120 * math.sin(a)
            draw.ellipse((x - 22, y - 12, x + 22, y + 12), fill=green)
        draw.text((180, 180), rng.choice("ABLNTY"), font=font(120), fill=green, anchor="mm")
    return image


def laurel_logo(serial: int) -> Image.Image:
    """A laurel wreath of paired leaves round a letter or a star: common for schools and awards."""
    rng = random.Random(f"laurel:{serial}")
    colour: RGB = rng.choice(((200, 160, 30), (30, 110, 60), (30, 60, 150), (190, 30, 30)))
    image = Image.new("RGBA", (400, 400), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for side in (-1, 1):
        for k in range(10):
            degrees = 110 + k * 15
            a = math.radians(degrees)
            x = 200 + side * 150 * math.cos(a) * -1
            y = 200 + 150 * math.sin(a) * -1 + 40
            leaf = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
            ImageDraw.Draw(leaf).ellipse((5, 20, 55, 40), fill=(*colour, 255))
            leaf = leaf.rotate(side * (degrees + 30), resample=Image.Resampling.BICUBIC)
            image.alpha_composite(leaf, (int(x - 30), int(y - 30)))
    if rng.random() < 0.5:
        _star(draw, (200, 200), 55, colour)
    else:
        draw.text((200, 205), rng.choice("AKQ优"), font=font(110), fill=colour, anchor="mm")
    return image


def photo(serial: int) -> Image.Image:
    """A portrait-like picture: noisy coloured ground, a face and shoulders."""
    rng = random.Random(f"photo:{serial}")
    image = _noise((300, 400), rng, 25)
    draw = ImageDraw.Draw(image)
    skin = (rng.randrange(180, 240), rng.randrange(140, 200), rng.randrange(110, 170))
    draw.ellipse((90, 60, 210, 210), fill=skin)
    draw.rectangle(
        (50, 250, 250, 400), fill=(rng.randrange(80), rng.randrange(80), rng.randrange(120))
    )
    return image.filter(ImageFilter.GaussianBlur(1.2))


_MAKERS: tuple[tuple[str, Callable[[int], Image.Image], int], ...] = (
    ("圆形公章", round_seal, 20),
    ("椭圆章", oval_seal, 6),
    ("字母标识", letter_logo, 5),
    ("几何标识", shape_logo, 4),
    ("齿轮标识", gear_logo, 5),
    ("树叶标识", leaf_logo, 4),
    ("麦穗环标识", laurel_logo, 4),
    ("照片", photo, 2),
)


def ordinary_images(per_kind: float = 1.0) -> Iterator[Sample]:
    """Seals, logos and photos an evaluation body may register (50 at full size)."""
    for name, make, count in _MAKERS:
        for serial in range(max(1, round(count * per_kind))):
            image = make(serial)
            yield Sample(f"{name}{serial + 1}", encode(image))
