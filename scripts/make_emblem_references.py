"""Draw the emblem reference images (国徽/政府部门徽标参考图) from their published descriptions.

Run: python scripts/make_emblem_references.py
Writes into resources/rules/emblem_references/ (see the README there for what each file shows and
which details are approximations). The drawing is deterministic: the same Pillow version writes
the same pixels. Everything is drawn on a 1000 x 1000 unit grid at four times the output size and
reduced with a Lanczos filter, which gives smooth edges without any randomness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "rules" / "emblem_references"
SIZE = 512
SUPER = 4
PX = SIZE * SUPER / 1000  # pixels per design unit on the supersampled canvas

# 国旗红 and 大赤金 as sRGB approximations (the standards give them as colorimetric values).
RED = (222, 41, 16, 255)
GOLD = (255, 205, 0, 255)
CLEAR = (255, 255, 255, 0)

Point = tuple[float, float]
Colour = tuple[int, int, int, int]

# Where the parts sit, in design units (y grows downwards); the ring is centred above the gear.
RING_CENTRE = (500.0, 470.0)
RING_OUTER, RING_INNER = 462.0, 318.0
GEAR_CENTRE, GEAR_RADIUS = (500.0, 832.0), 102.0
BIG_STAR, BIG_STAR_RADIUS = (500.0, 262.0), 70.0
SMALL_STAR_RADIUS, SMALL_STAR_ORBIT = 25.0, 128.0


def px(point: Point) -> Point:
    return point[0] * PX, point[1] * PX


def pts(points: Sequence[Point]) -> list[Point]:
    return [px(p) for p in points]


def box(x0: float, y0: float, x1: float, y1: float) -> list[float]:
    return [x0 * PX, y0 * PX, x1 * PX, y1 * PX]


def polar(centre: Point, radius: float, degrees: float) -> Point:
    """A point at `degrees` (0 = right, 90 = down) and `radius` from `centre`."""
    a = math.radians(degrees)
    return centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a)


def star_points(centre: Point, radius: float, tip_degrees: float = -90.0) -> list[Point]:
    """A regular five-pointed star whose first tip points towards `tip_degrees`."""
    inner = radius * math.sin(math.radians(18)) / math.sin(math.radians(54))
    return [polar(centre, radius if i % 2 == 0 else inner, tip_degrees + 36 * i) for i in range(10)]


def ellipse_points(centre: Point, along: float, across: float, degrees: float) -> list[Point]:
    """A rotated ellipse as a polygon (Pillow's ellipses cannot be rotated)."""
    a = math.radians(degrees)
    out = []
    for k in range(28):
        t = 2 * math.pi * k / 28
        x, y = along * math.cos(t), across * math.sin(t)
        out.append(
            (
                centre[0] + x * math.cos(a) - y * math.sin(a),
                centre[1] + x * math.sin(a) + y * math.cos(a),
            )
        )
    return out


def kernel_points(centre: Point, length: float, width: float, degrees: float) -> list[Point]:
    """A grain kernel: a drop, blunt at the stalk end and pointed at the tip end."""
    a = math.radians(degrees)
    out = []
    for k in range(24):
        t = 2 * math.pi * k / 24
        x = length * math.cos(t)
        # Narrower towards the tip (positive x) than at the base.
        y = width * math.sin(t) * (1.0 - 0.45 * max(0.0, math.cos(t)))
        out.append(
            (
                centre[0] + x * math.cos(a) - y * math.sin(a),
                centre[1] + x * math.sin(a) + y * math.cos(a),
            )
        )
    return out


# ---------------------------------------------------------------- national emblem parts


def draw_disc(draw: ImageDraw.ImageDraw, fill: Colour) -> None:
    cx, cy = RING_CENTRE
    draw.ellipse(box(cx - RING_INNER, cy - RING_INNER, cx + RING_INNER, cy + RING_INNER), fill=fill)


def draw_stars(draw: ImageDraw.ImageDraw, gold: Colour) -> None:
    """One large star and four small ones on an arc below it, each small one pointing at it."""
    draw.polygon(pts(star_points(BIG_STAR, BIG_STAR_RADIUS)), fill=gold)
    for degrees in (28.0, 62.0, 118.0, 152.0):
        centre = polar(BIG_STAR, SMALL_STAR_ORBIT, degrees)
        toward = math.degrees(math.atan2(BIG_STAR[1] - centre[1], BIG_STAR[0] - centre[0]))
        draw.polygon(pts(star_points(centre, SMALL_STAR_RADIUS, toward)), fill=gold)


def draw_roof(
    draw: ImageDraw.ImageDraw,
    eave_y: float,
    top_y: float,
    eave_half: float,
    top_half: float,
    colours: tuple[Colour, Colour],
) -> None:
    """A hipped roof in elevation: a trapezoid with upturned eave corners and tile lines."""
    gold, line = colours
    lift = (eave_y - top_y) * 0.35
    outline = [
        (500 - top_half, top_y),
        (500 + top_half, top_y),
        (500 + eave_half - 18, eave_y - lift * 0.3),
        (500 + eave_half + 8, eave_y - lift),
        (500 + eave_half - 4, eave_y),
        (500 - eave_half + 4, eave_y),
        (500 - eave_half - 8, eave_y - lift),
        (500 - eave_half + 18, eave_y - lift * 0.3),
    ]
    draw.polygon(pts(outline), fill=gold)
    # Tile rows run down the roof; draw every few as a thin line of the background colour.
    rows = int(top_half * 2 / 16)
    for k in range(1, rows):
        x_top = 500 - top_half + k * (2 * top_half) / rows
        x_eave = 500 + (x_top - 500) * (eave_half - 12) / top_half
        draw.line(pts([(x_top, top_y + 4), (x_eave, eave_y - 5)]), fill=line, width=round(2.2 * PX))
    draw.line(
        pts([(500 - eave_half + 6, eave_y - 6), (500 + eave_half - 6, eave_y - 6)]),
        fill=line,
        width=round(2.5 * PX),
    )


def draw_gate_tower(draw: ImageDraw.ImageDraw, colours: tuple[Colour, Colour]) -> None:
    """天安门 in front elevation: ridge, double roof, upper storey, colonnade, railing, platform."""
    gold, line = colours
    thin = round(2.4 * PX)
    # Ridge with the two ridge-end ornaments (正吻).
    draw.rectangle(box(372, 418, 628, 430), fill=gold)
    for side in (-1, 1):
        x = 500 + side * 128
        draw.polygon(
            pts([(x - 9, 430), (x - 9, 402), (x + 4 * side, 398), (x + 11, 412), (x + 11, 430)]),
            fill=gold,
        )
    draw_roof(draw, 478, 430, 188, 126, colours)
    # Upper storey with its bracket sets (斗拱) as short vertical lines.
    draw.rectangle(box(340, 478, 660, 502), fill=gold)
    for k in range(17):
        x = 348 + k * 19
        draw.line(pts([(x, 482), (x, 498)]), fill=line, width=thin)
    draw_roof(draw, 546, 502, 232, 166, colours)
    # Colonnade: ten columns make nine bays, the openings showing the background.
    draw.rectangle(box(300, 546, 700, 584), fill=line)
    for k in range(10):
        x = 306 + k * 43
        draw.rectangle(box(x, 546, x + 9, 584), fill=gold)
    draw.rectangle(box(300, 546, 700, 553), fill=gold)
    # Railing (栏杆) along the top of the platform.
    draw.rectangle(box(270, 584, 730, 602), fill=gold)
    for k in range(31):
        x = 276 + k * 15
        draw.line(pts([(x, 588), (x, 600)]), fill=line, width=thin)
    # The platform (城台), slightly wider at the foot, with its five arched gates.
    draw.polygon(pts([(258, 602), (742, 602), (756, 690), (244, 690)]), fill=gold)
    draw.line(pts([(262, 612), (738, 612)]), fill=line, width=thin)
    for centre_x, half, top in (
        (500, 22, 634),
        (415, 17, 646),
        (585, 17, 646),
        (335, 13, 656),
        (665, 13, 656),
    ):
        draw.rectangle(box(centre_x - half, top, centre_x + half, 690), fill=line)
        draw.ellipse(box(centre_x - half, top - half, centre_x + half, top + half), fill=line)


def draw_foreground(draw: ImageDraw.ImageDraw, colours: tuple[Colour, Colour]) -> None:
    """The ground in front of the gate: balustrades and the lines of the square, clipped later."""
    gold, line = colours
    draw.rectangle(box(150, 690, 850, 800), fill=gold)
    for y in (700, 716, 734, 754):
        draw.line(pts([(150, y), (850, y)]), fill=line, width=round(2.6 * PX))
    for k in range(-8, 9):
        x = 500 + k * 46
        draw.line(pts([(x, 700), (x + k * 9, 760)]), fill=line, width=round(2.2 * PX))


def ear(
    draw: ImageDraw.ImageDraw,
    radius: float,
    start: float,
    end: float,
    size: float,
    tilt: float,
    colours: tuple[Colour, Colour],
) -> None:
    """One row of kernels along the ring from `start` to `end` degrees, shrinking towards the tip."""
    gold, line = colours
    degrees = start
    index = 0
    while degrees < end:
        left = (end - degrees) / (end - start)
        scale = 0.55 + 0.45 * min(1.0, left * 3.0)
        centre = polar(RING_CENTRE, radius, degrees)
        tangent = degrees + 90.0  # travelling clockwise on screen (towards the top on the left)
        side = tilt if index % 2 == 0 else -tilt
        shape = kernel_points(centre, size * scale, size * 0.48 * scale, tangent + side + 180)
        draw.polygon(pts(shape), fill=gold, outline=line, width=round(2.4 * PX))
        step = size * scale * 1.25
        degrees += math.degrees(step / radius)
        index += 1


def draw_left_grain(draw: ImageDraw.ImageDraw, colours: tuple[Colour, Colour]) -> None:
    """The left sheaf (麦稻): three rows of kernels, the outer row wheat with awns, and leaves."""
    gold, line = colours
    # The stalks: a gold band hugging the red field from the gear up to near the top.
    cx, cy = RING_CENTRE
    r = RING_INNER + 14
    draw.arc(box(cx - r, cy - r, cx + r, cy + r), 96, 266, fill=gold, width=round(30 * PX))
    ear(draw, RING_INNER + 28, 128, 262, 30, 18, colours)
    ear(draw, RING_INNER + 76, 118, 255, 34, 22, colours)
    ear(draw, RING_INNER + 122, 112, 244, 32, 26, colours)
    # Awns of the outer wheat row: short strokes outwards and forwards.
    for degrees in range(116, 240, 7):
        base = polar(RING_CENTRE, RING_INNER + 136, degrees)
        tip = polar(RING_CENTRE, RING_OUTER + 4, degrees + 5)
        draw.line(pts([base, tip]), fill=gold, width=round(3 * PX))
    # Two long leaves rising from the stalks near the gear.
    for lean, reach in ((-6.0, 58.0), (8.0, 44.0)):
        root = polar(RING_CENTRE, RING_INNER + 60, 108)
        tip = polar(RING_CENTRE, RING_INNER + 70 + lean, 108 + reach)
        mid = polar(RING_CENTRE, RING_INNER + 95 + lean, 108 + reach / 2)
        draw.polygon(
            pts([root, mid, tip, polar(RING_CENTRE, RING_INNER + 52, 108 + reach / 2)]),
            fill=gold,
            outline=line,
            width=round(2 * PX),
        )


def draw_gear(draw: ImageDraw.ImageDraw, colours: tuple[Colour, Colour], teeth: int = 18) -> None:
    """The gear (齿轮) at the crossing of the stalks, seen face on, with a hub and a rim line."""
    gold, line = colours
    cx, cy = GEAR_CENTRE
    r = GEAR_RADIUS
    outline: list[Point] = []
    for t in range(teeth):
        base = 360 / teeth * t
        for offset, radius in ((-7.5, r * 0.86), (-4.5, r), (4.5, r), (7.5, r * 0.86)):
            outline.append(polar(GEAR_CENTRE, radius, base + offset))
    draw.polygon(pts(outline), fill=gold, outline=line, width=round(2.4 * PX))
    draw.ellipse(
        box(cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7),
        outline=line,
        width=round(3 * PX),
    )
    draw.ellipse(
        box(cx - r * 0.42, cy - r * 0.42, cx + r * 0.42, cy + r * 0.42),
        outline=line,
        width=round(3 * PX),
    )


def draw_ribbon(draw: ImageDraw.ImageDraw, colours: tuple[Colour, Colour]) -> None:
    """The red ribbon (红绶) through the gear's centre, knotted round both sheaves, ends hanging."""
    gold, line = colours
    cy = GEAR_CENTRE[1]
    band = [(232, cy - 16), (768, cy - 16), (768, cy + 16), (232, cy + 16)]
    draw.polygon(pts(band), fill=line, outline=gold, width=round(2.6 * PX))
    # The knot at the gear's centre, over the band.
    draw.ellipse(
        box(500 - 26, cy - 26, 500 + 26, cy + 26), fill=line, outline=gold, width=round(3 * PX)
    )
    draw.ellipse(box(500 - 10, cy - 10, 500 + 10, cy + 10), fill=gold)
    for side in (-1, 1):
        knot_x = 500 + side * 262
        draw.ellipse(
            box(knot_x - 30, cy - 34, knot_x + 30, cy + 34),
            fill=line,
            outline=gold,
            width=round(2.6 * PX),
        )
        tail = [
            (knot_x - side * 12, cy + 20),
            (knot_x + side * 26, cy + 24),
            (knot_x + side * 84, cy + 132),
            (knot_x + side * 70, cy + 118),
            (knot_x + side * 64, cy + 150),
            (knot_x + side * 10, cy + 60),
        ]
        draw.polygon(pts(tail), fill=line, outline=gold, width=round(2.6 * PX))
        inner_tail = [
            (knot_x - side * 28, cy + 18),
            (knot_x - side * 4, cy + 40),
            (knot_x - side * 30, cy + 150),
            (knot_x - side * 44, cy + 130),
            (knot_x - side * 62, cy + 140),
        ]
        draw.polygon(pts(inner_tail), fill=line, outline=gold, width=round(2.6 * PX))


def symmetric(image: Image.Image) -> Image.Image:
    """Mirror the left half onto the right: the specification makes both halves identical."""
    half = image.width // 2
    left = image.crop((0, 0, half, image.height))
    out = image.copy()
    out.paste(left.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (image.width - half, 0))
    return out


def national_emblem_layer(gold: Colour, red: Colour, paper: Colour) -> Image.Image:
    """The national emblem on a supersampled canvas; `paper` shows outside the emblem."""
    side = SIZE * SUPER
    image = Image.new("RGBA", (side, side), paper)
    draw = ImageDraw.Draw(image)
    colours = (gold, red)
    # Gold ring ground first so the kernels' outlines read as gaps, then the red field.
    draw_left_grain(draw, colours)
    draw_disc(draw, red)
    # The square in front of the gate is clipped to the red field.
    ground = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw_foreground(ImageDraw.Draw(ground), colours)
    field = Image.new("L", (side, side), 0)
    cx, cy = RING_CENTRE
    ImageDraw.Draw(field).ellipse(
        box(cx - RING_INNER + 14, cy - RING_INNER + 14, cx + RING_INNER - 14, cy + RING_INNER - 14),
        fill=255,
    )
    image.paste(ground, (0, 0), ImageChops.multiply(ground.getchannel("A"), field))
    draw_stars(draw, gold)
    draw_gate_tower(draw, colours)
    image = symmetric(image)
    draw = ImageDraw.Draw(image)
    draw_gear(draw, colours)
    draw_ribbon(draw, colours)
    return symmetric(image)


def national_emblem() -> Image.Image:
    """中华人民共和国国徽 in its two colours on a transparent background."""
    return national_emblem_layer(GOLD, RED, CLEAR).resize((SIZE, SIZE), Image.Resampling.LANCZOS)


# ---------------------------------------------------------------- ministry seal


def ring_text(
    image: Image.Image,
    text: str,
    font: ImageFont.FreeTypeFont,
    radius: float,
    span: float,
    colour: Colour,
) -> None:
    """Characters on an arc over the top, left to right, each upright towards the centre."""
    centre = image.width / 2
    tile_side = int(font.size * 1.6)
    for index, char in enumerate(text):
        degrees = -90 - span / 2 + span * (index + 0.5) / len(text)
        x, y = polar((centre, centre), radius, degrees)
        tile = Image.new("RGBA", (tile_side, tile_side), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text(
            (tile_side / 2, tile_side / 2), char, font=font, fill=colour, anchor="mm"
        )
        tile = tile.rotate(-(degrees + 90), resample=Image.Resampling.BICUBIC)
        image.alpha_composite(tile, (int(x - tile_side / 2), int(y - tile_side / 2)))


def ministry_seal() -> Image.Image:
    """人力资源和社会保障部的印章: a round red seal, the national emblem in its centre."""
    side = SIZE * SUPER
    seal_red: Colour = (214, 30, 30, 255)
    image = Image.new("RGBA", (side, side), CLEAR)
    draw = ImageDraw.Draw(image)
    border = 28 * PX
    draw.ellipse(
        [border / 2, border / 2, side - border / 2, side - border / 2],
        outline=seal_red,
        width=round(border),
    )
    # The emblem engraved in one colour: its gold parts print, its red parts stay paper.
    emblem = national_emblem_layer(seal_red, CLEAR, CLEAR)
    emblem_side = int(side * 0.46)
    emblem = emblem.resize((emblem_side, emblem_side), Image.Resampling.LANCZOS)
    image.alpha_composite(emblem, ((side - emblem_side) // 2, int(side * 0.29)))
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "HanaMinA.ttf"), round(78 * PX))
    ring_text(image, "中华人民共和国人力资源和社会保障部", font, side / 2 - 100 * PX, 250, seal_red)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


DRAWINGS: dict[str, Callable[[], Image.Image]] = {
    "national_emblem.png": national_emblem,
    "mohrss_seal.png": ministry_seal,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in DRAWINGS.items():
        path = OUT / name
        make().quantize(colors=48, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
