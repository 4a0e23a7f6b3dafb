# Generates resources/images/demo_seal.png: a red ring seal for demonstrations only.
import math

from PIL import Image, ImageDraw, ImageFont

S = 4
size = 480
W = size * S
img = Image.new("RGBA", (W, W), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
red = (200, 30, 30, 235)
c = W / 2
R = W / 2 - 8 * S
d.ellipse([c - R, c - R, c + R, c + R], outline=red, width=14 * S)
r2 = R - 22 * S
d.ellipse([c - r2, c - r2, c + r2, c + r2], outline=red, width=3 * S)
font_path = "resources/fonts/wqy-microhei.ttc"
ring_text = "示例评价机构专用章"
fs = 52 * S
font = ImageFont.truetype(font_path, fs, index=0)
radius = r2 - 44 * S
span = 210
n = len(ring_text)
for i, ch in enumerate(ring_text):
    ang = -90 - span / 2 + span * (i + 0.5) / n
    a = math.radians(ang)
    x = c + radius * math.cos(a)
    y = c + radius * math.sin(a)
    t = int(fs * 1.6)
    tile = Image.new("RGBA", (t, t), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((t / 2, t / 2), ch, font=font, fill=red, anchor="mm")
    rot = tile.rotate(-(ang + 90), resample=Image.BICUBIC)
    img.alpha_composite(rot, (int(x - t / 2), int(y - t / 2)))
cf = ImageFont.truetype(font_path, 46 * S, index=0)
d.text((c, c + 30 * S), "演示用章", font=cf, fill=red, anchor="mm")
sf = ImageFont.truetype(font_path, 30 * S, index=0)
d.text((c, c + 105 * S), "DEMO", font=sf, fill=red, anchor="mm")
img = img.resize((size, size), Image.LANCZOS)
img.save("resources/images/demo_seal.png", optimize=True)
