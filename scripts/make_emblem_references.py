"""Draw the stylised emblem-like reference images (no real emblem is reproduced)."""

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "resources" / "rules" / "emblem_references"
SIZE = 256
RED, GOLD = (222, 41, 16), (255, 222, 0)


def star(draw, cx, cy, r, angle=-90.0, fill=GOLD):
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.382
        a = math.radians(angle + i * 36)
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=fill)


def star_group(draw, cx, cy, scale):
    # one large star and four small ones on an arc to its right, each pointing at the large one
    star(draw, cx, cy, 30 * scale)
    for dx, dy in ((50, -30), (62, -8), (62, 18), (50, 40)):
        sx, sy = cx + dx * scale, cy + dy * scale
        toward = math.degrees(math.atan2(cy - sy, cx - sx))
        star(draw, sx, sy, 10 * scale, angle=toward)


def stars_disc():
    img = Image.new("RGB", (SIZE, SIZE), "white")
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=RED)
    star_group(d, 88, 118, 1.5)
    return img


def wheat_ring(d, cx, cy, radius, side):
    # grains as small ellipses along an arc, on the left (side=-1) or right (side=1)
    for k in range(14):
        a = math.radians(100 + k * 11) if side < 0 else math.radians(80 - k * 11)
        x, y = cx + radius * math.cos(a), cy + radius * math.sin(a)
        d.ellipse((x - 11, y - 6, x + 11, y + 6), fill=GOLD)
        d.ellipse((x - 6 + side * 10, y - 14, x + 6 + side * 10, y - 2), fill=GOLD)


def gear(d, cx, cy, r, teeth=12):
    for t in range(teeth):
        a = math.radians(t * 360 / teeth)
        x, y = cx + r * math.cos(a), cy + r * math.sin(a)
        d.rectangle((x - 7, y - 7, x + 7, y + 7), fill=GOLD)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GOLD)
    d.ellipse((cx - r / 2.5, cy - r / 2.5, cx + r / 2.5, cy + r / 2.5), fill=RED)


def gear_wheat_wreath():
    img = Image.new("RGB", (SIZE, SIZE), "white")
    d = ImageDraw.Draw(img)
    d.ellipse((40, 30, SIZE - 40, SIZE - 50), fill=RED)
    wheat_ring(d, 128, 120, 100, -1)
    wheat_ring(d, 128, 120, 100, 1)
    gear(d, 128, 212, 28)
    return img


def full_emblem():
    img = gear_wheat_wreath()
    d = ImageDraw.Draw(img)
    star_group(d, 100, 80, 0.8)
    # a gate-tower silhouette: base, body, roof
    d.rectangle((78, 150, 178, 170), fill=GOLD)
    d.rectangle((92, 125, 164, 150), fill=GOLD)
    d.polygon([(82, 127), (174, 127), (158, 110), (98, 110)], fill=GOLD)
    for x in (104, 122, 140):
        d.rectangle((x, 154, x + 10, 170), fill=RED)
    return img


for name, make in (
    ("stars_disc", stars_disc),
    ("gear_wheat_wreath", gear_wheat_wreath),
    ("emblem_composite", full_emblem),
):
    path = OUT / f"{name}.png"
    make().quantize(colors=16).save(path, optimize=True)
    print(path, path.stat().st_size)
