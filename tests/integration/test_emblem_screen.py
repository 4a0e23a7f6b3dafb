"""The emblem screen against disguised copies of each reference and against ordinary seals.

The pictures come from `tests/emblem_corpus.py` (seeded, so every run judges the same ones). Of
the 200 disguised copies of each reference, the full run screens a stratified sample: the first
copy showing each kind of disguise (every recolouring, side cut, size band, placement, ground,
mirroring, JPEG) and every tenth copy besides; 95 % of it must be refused. It is marked slow (20 s
a reference): in the quick run the fixed disguises below and `test_image_registry.py`'s turned,
mirrored and look-alike copies of both references stand for it. Of the 50 ordinary pictures, ten
are screened in the quick run and all in the full one (marked slow); none may be refused. The
figures for the whole corpus, per kind of disguise, are `bench/bench_emblem.py`'s.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps

from kaoping.adapters import emblem_features, image_registry
from kaoping.adapters.image_registry import (
    ImageRegistry,
    load_emblem_references,
    reference_from_image,
    screen_against_emblems,
    screen_known,
)
from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path
from tests.emblem_corpus import (
    Sample,
    emblem_variants,
    encode,
    font,
    kinds,
    ordinary_images,
    reference_files,
    round_seal,
)

REFERENCES = load_emblem_references(resource_path("rules", "emblem_references"))
REFERENCE_PATHS = reference_files()
REQUIRED_SHARE = 0.95
CORPUS_SIZE = 200
# Every kind of disguise `emblem_corpus.disguise` applies, as `kinds` names them.
DISGUISES = frozenset(
    {"镜像", "色相转", "单色", "灰度", "反色", "褪色", "原色"}
    | {"裁去左侧", "裁去右侧", "裁去上侧", "裁去下侧", "旋转", "JPEG质量"}
    | {"缩放25–50%", "缩放50–200%", "缩放200–400%", "单独", "标识带文字", "海报中"}
    | {"白底", "色底", "噪点底", "渐变底", "照片底"}
)
# Per reference: the first copy of each kind of disguise, then every tenth copy; chosen from the
# recipes alone (`kinds`), whatever the screen makes of them.
STRATIFIED_SAMPLE = {
    "mohrss_seal.png": (0, 1, 2, 3, 4, 5, 7, 9, 12, 36, *range(0, CORPUS_SIZE, 10)),
    "national_emblem.png": (0, 1, 2, 3, 4, 5, 7, 8, 9, 14, 35, *range(0, CORPUS_SIZE, 10)),
}


def refused_share(reference: str, samples: list[Sample]) -> tuple[float, list[str]]:
    """Share of the samples refused for showing `reference`, and the recipes that got through."""
    missed = [
        s.recipe
        for s in samples
        if reference not in [m.reference for m in screen_against_emblems(s.data, REFERENCES)]
    ]
    return 1 - len(missed) / len(samples), missed


def false_refusals(samples: list[Sample]) -> list[str]:
    """The ordinary pictures refused, with the reference each was taken for."""
    refused = []
    for sample in samples:
        matches = screen_against_emblems(sample.data, REFERENCES)
        if matches:
            refused.append(f"{sample.recipe} → {matches[0].reference}")
    return refused


@pytest.mark.slow
@pytest.mark.parametrize("path", REFERENCE_PATHS, ids=[p.stem for p in REFERENCE_PATHS])
def test_stratified_sample_of_disguised_copies_is_refused(path: Path) -> None:
    """At least 95 % of about 30 disguises of each reference, every kind among them, refused."""
    numbers = sorted(set(STRATIFIED_SAMPLE[path.name]))
    samples = list(emblem_variants(path, CORPUS_SIZE, only=numbers))
    shown = set().union(*(kinds(sample.recipe) for sample in samples))
    assert shown == DISGUISES, f"the sample lacks {sorted(DISGUISES - shown)}"
    share, missed = refused_share(path.name, samples)
    assert share >= REQUIRED_SHARE, missed


def test_sample_of_ordinary_seals_and_logos_passes() -> None:
    """Ten ordinary pictures (seals with a star among them) and the demo's seal are accepted."""
    samples = list(ordinary_images(per_kind=0.2))
    assert len(samples) >= 10
    assert false_refusals(samples) == []
    demo = resource_path("images", "demo_seal.png").read_bytes()
    ImageRegistry(REFERENCES).approve("机构印章", demo)


def _national_emblem() -> Image.Image:
    return Image.open(resource_path("rules", "emblem_references", "national_emblem.png")).convert(
        "RGBA"
    )


def _on(ground: str, image: Image.Image, margin: int) -> Image.Image:
    canvas = Image.new("RGB", (image.width + 2 * margin, image.height + 2 * margin), ground)
    canvas.paste(image, (margin, margin), image)
    return canvas


@pytest.mark.parametrize(
    ("label", "make"),
    [
        (
            "a quarter of its size, turned 137°",
            lambda e: _on("white", e.resize((128, 128)).rotate(137, expand=True), 10),
        ),
        (
            "four times its size, greyscale, mirrored",
            lambda e: _on("white", ImageOps.mirror(e.resize((2048, 2048))), 0).convert("L"),
        ),
        (
            "inverted colours on black",
            lambda e: ImageOps.invert(_on("white", e, 20)),
        ),
        (
            "a fifth cut off the left, on a blue ground",
            lambda e: _on("#2050a0", e.crop((100, 0, 512, 512)), 30),
        ),
        (
            "a small part of a wide letterhead",
            lambda e: _letterhead(e.resize((160, 160))),
        ),
    ],
)
def test_fixed_disguises_of_the_national_emblem_are_refused(
    label: str, make: Callable[[Image.Image], Image.Image]
) -> None:
    """Each disguise the requirement names, made on purpose rather than drawn by chance."""
    picture = make(_national_emblem())
    with pytest.raises(ValidationError) as caught:
        ImageRegistry(REFERENCES).approve("机构标识", encode(picture))
    assert "national_emblem.png" in caught.value.message, label
    assert "不能登记" in caught.value.message


def _letterhead(emblem: Image.Image) -> Image.Image:
    sheet = Image.new("RGB", (1400, 220), "white")
    sheet.paste(emblem, (20, 30), emblem)
    ImageDraw.Draw(sheet).text(
        (200, 110), "广西数字技术工程师培育项目", font=font(64), fill=(30, 30, 30), anchor="lm"
    )
    return sheet


@pytest.mark.slow
def test_full_corpus_of_ordinary_pictures_passes() -> None:
    """None of the 50 ordinary seals, logos and photos is refused."""
    samples = list(ordinary_images())
    assert len(samples) >= 40
    assert false_refusals(samples) == []


def test_company_seal_with_a_star_is_accepted_and_measured_far_from_the_emblem() -> None:
    """The hard case: a round red seal with a star, like the emblem's, is nowhere near a match.

    Whatever placement the keypoints propose, the seal's edges follow the reference's in at most
    half the agreement the screen asks for.
    """
    seal = encode(round_seal(3))
    ImageRegistry(REFERENCES).approve("合同专用章", seal)
    image = Image.open(io.BytesIO(seal))
    query = emblem_features.query_features(image)
    for reference in REFERENCES:
        for placement in emblem_features.correspond(query, reference.features):
            assert placement.agreement < image_registry.DEFAULT_THRESHOLDS.min_agreement / 2


@pytest.mark.parametrize(
    ("label", "image"),
    [
        ("1×1", Image.new("RGB", (1, 1), "red")),
        ("flat 6000×6000", Image.new("L", (6000, 6000), 200)),
        (
            "noise 1200×900",
            Image.fromarray(
                np.random.default_rng(5).integers(0, 256, (900, 1200, 3), dtype=np.uint8), "RGB"
            ),
        ),
        ("thin 4000×3", Image.new("RGB", (4000, 3), "blue")),
    ],
)
def test_hostile_pictures_neither_crash_nor_hang(label: str, image: Image.Image) -> None:
    """Degenerate pictures are judged quickly; they pass (nothing emblem-like in them)."""
    out = io.BytesIO()
    image.save(out, format="PNG")
    started = time.perf_counter()
    registered = ImageRegistry(REFERENCES).approve(label, out.getvalue())
    assert registered.width == image.width
    assert time.perf_counter() - started < 20


def test_screen_is_measured_once_per_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture already screened (same pixels) is not examined again, e.g. at check time."""
    calls = []
    real = emblem_features.query_features

    def counting(image: Image.Image) -> emblem_features.Query:
        calls.append(image.size)
        return real(image)

    monkeypatch.setattr(emblem_features, "query_features", counting)
    monkeypatch.setattr(image_registry, "_SCREEN_CACHE", {})
    image = round_seal(7)
    sha = image_registry.pixel_hash(image)
    first = screen_known(sha, image, REFERENCES)
    second = screen_known(sha, image, REFERENCES)
    assert first == second == []
    assert len(calls) == 1


def test_operator_reference_without_transparency_works(tmp_path: Path) -> None:
    """A reference an operator drops in (opaque JPEG of some department's mark) is screened for."""
    mark = Image.new("RGB", (400, 400), "white")
    draw = ImageDraw.Draw(mark)
    draw.ellipse((20, 20, 380, 380), outline=(20, 60, 160), width=18)
    draw.polygon([(200, 60), (330, 300), (70, 300)], outline=(20, 60, 160), width=14)
    draw.rectangle((150, 180, 250, 280), fill=(200, 30, 30))
    draw.line((60, 330, 340, 330), fill=(20, 60, 160), width=10)
    folder = tmp_path / "refs"
    folder.mkdir()
    mark.save(folder / "department_mark.jpg", quality=92)
    references = load_emblem_references(folder)
    assert [r.name for r in references] == ["department_mark.jpg"]
    turned = mark.rotate(75, expand=True, fillcolor="white").resize((260, 260))
    out = io.BytesIO()
    turned.save(out, format="JPEG", quality=70)
    with pytest.raises(ValidationError) as caught:
        ImageRegistry(references).approve("机构标识", out.getvalue())
    assert "department_mark.jpg" in caught.value.message
    assert ImageRegistry(references).approve("机构印章", encode(round_seal(1)))


def test_reference_features_are_computed_once_per_picture() -> None:
    """Loading the reference folder again reuses the features computed the first time."""
    image = Image.open(REFERENCE_PATHS[0])
    assert reference_from_image("a", image).features is reference_from_image("b", image).features
