"""Milliseconds per certificate for the compliance check (`inspect_pdf`) of a rendered certificate.

Run: .venv/bin/python bench/bench_compliance.py [count] [--profile]

Each certificate carries the body's seal and a candidate photo, both registered. Two cases are
timed, because a batch shares one seal but every candidate has a photo of their own:
  - same photo: every certificate carries the same photo (the best case for any reuse);
  - own photo: every certificate carries a different photo, as in a real batch.
The PDFs are rendered before timing starts, so only the check is measured. With --profile the
"own photo" case is run under cProfile and the top functions by cumulative time are printed.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import sys
import time
from datetime import date

from PIL import Image, ImageDraw

from kaoping.adapters.certificate_pdf import load_template, render_certificate
from kaoping.adapters.image_registry import ImageRegistry, canonical_png, load_emblem_references
from kaoping.adapters.pdf_inspect import inspect_pdf
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateContent
from kaoping.domain.compliance import load_rules
from kaoping.paths import resource_path

# A 2-inch ID photo scanned at about 300 dpi.
PHOTO_SIZE = (358, 441)


def photo(serial: int) -> bytes:
    """A synthetic portrait with some noise, so it compresses like a real photo does."""
    rng = random.Random(serial)
    image = Image.new("RGB", PHOTO_SIZE, (60 + serial % 90, 110, 190))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 70, 260, 270), fill=(230, 190, 160))
    draw.rectangle((60, 300, 300, 441), fill=(40, 40, 60 + serial % 120))
    noise = Image.frombytes("L", PHOTO_SIZE, rng.randbytes(PHOTO_SIZE[0] * PHOTO_SIZE[1]))
    image = Image.blend(image, Image.merge("RGB", (noise, noise, noise)), 0.08)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return canonical_png(out.getvalue())


def certificate(serial: int, seal: bytes, picture: bytes) -> bytes:
    content = CertificateContent(
        number=f"GXDT-4501-2026-{serial:06d}",
        name="欧阳娜娜",
        id_type="居民身份证",
        id_number_display=f"450***********{serial % 10000:04d}",
        occupation="人工智能工程技术人员",
        direction="计算机视觉产品实现",
        level=Level.INTERMEDIATE,
        issue_date=date(2026, 11, 25),
        body_name="示例数字技术评价中心",
        body_code="4501",
        photo=picture,
        qr_payload=f"https://verify.example.org/c?q=GXDT{serial:06d}",
    )
    return render_certificate(content, load_template(), seal)


def time_checks(pdfs: list[bytes], registry: ImageRegistry) -> float:
    """Mean milliseconds of `inspect_pdf` per PDF; every PDF must pass."""
    words, fold = load_rules(resource_path("rules"))
    start = time.perf_counter()
    for pdf in pdfs:
        report = inspect_pdf(pdf, words, fold, registry)
        if not report.ok:
            raise SystemExit(f"a certificate failed the check: {report.findings[0].message()}")
    return (time.perf_counter() - start) / len(pdfs) * 1000


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 100
    seal = resource_path("images", "demo_seal.png").read_bytes()
    registry = ImageRegistry(load_emblem_references(resource_path("rules", "emblem_references")))
    registry.approve("机构印章", seal)
    shared = photo(0)
    registry.approve("考生照片", shared)
    same = [certificate(serial, seal, shared) for serial in range(1, count + 1)]
    own_photos = [photo(serial) for serial in range(1, count + 1)]
    for picture in own_photos:
        registry.approve("考生照片", picture)
    own = [certificate(serial, seal, p) for serial, p in enumerate(own_photos, start=1)]
    time_checks(same[:1], registry)  # warm-up: imports, fonts, rule tables
    print(
        f"inspect_pdf on {count} rendered certificates (seal + {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}"
        " photo), one process"
    )
    print(f"  same photo: {time_checks(same, registry):6.1f} ms per certificate")
    print(f"   own photo: {time_checks(own, registry):6.1f} ms per certificate")
    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.runcall(time_checks, own, registry)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
