"""Images found in a PDF for the compliance check: every kind, same pixels as pypdf decodes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from PIL import Image
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kaoping.adapters.certificate_pdf import load_template, render_certificate
from kaoping.adapters.fonts import ensure_fonts
from kaoping.adapters.image_registry import (
    ImageRegistry,
    canonical_png,
    pixel_hash,
)
from kaoping.adapters.pdf_images import _decode_plain, page_images
from kaoping.adapters.pdf_inspect import _text_only, inspect_pdf
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateContent
from kaoping.domain.compliance import RULE_BANNED_WORD, RULE_UNREGISTERED_IMAGE, load_rules
from kaoping.paths import resource_path


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return canonical_png(out.getvalue())


def _picture(mode: str, size: tuple[int, int], seed: int) -> Image.Image:
    image = Image.effect_noise(size, 40 + seed).convert(mode if mode != "RGBA" else "RGB")
    if mode == "RGBA":
        image = image.convert("RGBA")
        image.putalpha(Image.linear_gradient("L").resize(size))
    return image


@contextmanager
def _ascii85() -> Iterator[None]:
    """reportlab writes inline images only as ASCII85; Kaoping's own documents have none."""
    before = rl_config.useA85
    rl_config.useA85 = 1
    try:
        yield
    finally:
        rl_config.useA85 = before


def _certificate() -> bytes:
    seal = resource_path("images", "demo_seal.png").read_bytes()
    photo = _png(_picture("RGB", (120, 160), 1))
    content = CertificateContent(
        number="GXDT-4501-2026-000001",
        name="黄丽",
        id_type="居民身份证",
        id_number_display="450***********0012",
        occupation="云计算工程技术人员",
        direction="",
        level=Level.JUNIOR,
        issue_date=date(2026, 12, 4),
        body_name="示例数字技术评价中心",
        body_code="4501",
        photo=photo,
        qr_payload="GXDT0001",
    )
    return render_certificate(content, load_template(), seal)


def _pypdf_hashes(pdf: bytes) -> set[str]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return {pixel_hash(found.image) for found in page.images if found.image is not None}


def _found(pdf: bytes) -> dict[str, str]:
    reader = PdfReader(io.BytesIO(pdf))
    found = list(page_images(reader.pages[0], reader))
    assert all(f.image is not None for f in found)
    return {f.label: pixel_hash(f.image) for f in found if f.image is not None}


def test_certificate_images_decode_to_the_same_pixels_as_pypdf() -> None:
    """The seal (with transparency) and the photo hash alike on both paths."""
    pdf = _certificate()
    found = _found(pdf)
    assert len(found) == 2
    assert set(found.values()) == _pypdf_hashes(pdf)


def _jpeg(mode: str, size: tuple[int, int], seed: int) -> bytes:
    out = io.BytesIO()
    _picture(mode, size, seed).save(out, format="JPEG", quality=85)
    return out.getvalue()


def _file_hash(data: bytes) -> str:
    return pixel_hash(Image.open(io.BytesIO(data)))


def test_every_kind_of_image_is_found_and_matches_pypdf() -> None:
    """Grey, RGB, RGBA, JPEG and an inline image on the page itself; all but the inline image
    read directly, every one to the pixels pypdf gives, the JPEG to the file's own pixels."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for n, mode in enumerate(("L", "RGB", "RGBA")):
        canvas.drawImage(
            ImageReader(io.BytesIO(_png(_picture(mode, (40, 30), n)))),
            50 + 60 * n,
            700,
            40,
            30,
            mask="auto",
        )
    jpeg = _jpeg("RGB", (32, 32), 7)
    canvas.drawImage(ImageReader(io.BytesIO(jpeg)), 50, 600, 32, 32)
    with _ascii85():
        canvas.drawInlineImage(_picture("RGB", (8, 8), 9), 150, 600, 16, 16)
        canvas.showPage()
        canvas.save()
    pdf = buffer.getvalue()
    found = _found(pdf)
    assert len(found) == 5
    assert any(label.startswith("~") for label in found)
    # pypdf hands JPEGs out re-encoded (other pixels): the JPEG is the one difference.
    assert set(found.values()) - _pypdf_hashes(pdf) == {_file_hash(jpeg)}
    xobjects = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]
    direct = [_decode_plain(x.get_object()) is not None for x in xobjects.values()]
    assert direct == [True, True, True, True]


def test_an_embedded_jpeg_hashes_like_the_file_it_came_from() -> None:
    """A colour and a grey JPEG, embedded as they are, read back to the file's own pixels, so
    a registered photo is recognised on the certificate."""
    for mode in ("RGB", "L"):
        jpeg = _jpeg(mode, (120, 160), 3)
        buffer = io.BytesIO()
        canvas = Canvas(buffer)
        canvas.drawImage(ImageReader(io.BytesIO(jpeg)), 50, 600, 120, 160)
        canvas.showPage()
        canvas.save()
        assert jpeg in buffer.getvalue()  # embedded byte for byte
        assert set(_found(buffer.getvalue()).values()) == {_file_hash(jpeg)}


def _one_jpeg_page(jpeg: bytes) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawImage(ImageReader(io.BytesIO(jpeg)), 50, 600, 24, 24)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_jpeg_the_direct_reader_cannot_vouch_for_goes_to_pypdf() -> None:
    """CMYK, or a stream whose stated size differs from its JPEG header: not read directly."""
    cmyk = io.BytesIO()
    _picture("RGB", (24, 24), 4).convert("CMYK").save(cmyk, format="JPEG")
    rgb = _one_jpeg_page(_jpeg("RGB", (24, 24), 4))
    assert _decode_plain(_only_xobject(rgb)) is not None
    for document in (
        _one_jpeg_page(cmyk.getvalue()),
        rgb.replace(b"/Width 24", b"/Width 25", 1),
        rgb.replace(b"/Height 24", b"/Height 23", 1),
    ):
        assert _decode_plain(_only_xobject(document)) is None


def _only_xobject(pdf: bytes) -> Any:
    (xobject,) = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"].values()
    return xobject.get_object()


def test_inline_image_inside_a_form_is_checked() -> None:
    """An unregistered picture drawn inline inside a form XObject is still a finding."""
    buffer = io.BytesIO()
    with _ascii85():
        canvas = Canvas(buffer)
        canvas.beginForm("Stamp")
        canvas.drawInlineImage(_picture("RGB", (8, 8), 3), 0, 0, 40, 40)
        canvas.endForm()
        canvas.doForm("Stamp")
        canvas.showPage()
        canvas.save()
    report = inspect_pdf(buffer.getvalue(), (), None, ImageRegistry())
    assert [f.rule for f in report.findings] == [RULE_UNREGISTERED_IMAGE]


def test_text_in_nested_forms_is_read_and_path_only_forms_are_skipped() -> None:
    """A banned word two forms deep is found; a form of paths only is not read for text."""
    words, fold = load_rules(resource_path("rules"))
    font = ensure_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.beginForm("Deco")
    for n in range(50):
        canvas.line(10, 10 + n, 300, 10 + n)
    canvas.endForm()
    canvas.beginForm("Inner")
    canvas.setFont(font, 14)
    canvas.drawString(60, 500, "全 国")
    canvas.endForm()
    canvas.beginForm("Outer")
    canvas.rect(50, 480, 200, 40)
    canvas.doForm("Inner")
    canvas.endForm()
    canvas.doForm("Deco")
    canvas.doForm("Outer")
    canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    report = inspect_pdf(pdf, words, fold, ImageRegistry())
    assert [(f.rule, f.where) for f in report.findings] == [(RULE_BANNED_WORD, "正文")]
    reader = PdfReader(io.BytesIO(pdf))
    xobjects = _text_only(reader.pages[0], reader)["/Resources"]["/XObject"]
    contents = {str(name): x.get_object().get_data() for name, x in xobjects.items()}
    assert contents["/FormXob.Deco"] == b""
    assert contents["/FormXob.Outer"] != b""
