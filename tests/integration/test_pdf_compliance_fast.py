"""The fast compliance read of the product's own certificates: same findings, no way around it.

A certificate this process rendered is read by `pdf_own_read` instead of pypdf. These tests hold
it to the general reader's results on many kinds of certificate, and show that a certificate
that looks like ours but was altered (hidden, white or tiny text, an extra content stream, text
in a form, an image, an annotation) is still caught, whichever reader takes it.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject
from reportlab.lib.colors import white
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kaoping.adapters import (
    certificate_pdf,
    own_pdfs,
    pdf_fast_text,
    pdf_inspect,
    pdf_own_read,
    plain_pdf,
)
from kaoping.adapters.certificate_pdf import load_template, render_certificate
from kaoping.adapters.certificate_template import CertificateTemplate
from kaoping.adapters.fonts import ensure_fonts
from kaoping.adapters.image_registry import ImageRegistry, canonical_png, load_emblem_references
from kaoping.adapters.pdf_inspect import inspect_pdf
from kaoping.adapters.pdf_own_read import read_own_pdf
from kaoping.adapters.plain_pdf import literal_bytes
from kaoping.domain.certificates import CertificateContent
from kaoping.domain.compliance import (
    RULE_BANNED_WORD,
    RULE_UNREGISTERED_IMAGE,
    ComplianceReport,
    load_rules,
)
from kaoping.paths import resource_path
from tests.certificate_samples import sample_content
from tests.pdf_glyphs import RARE

WORDS, FOLD = load_rules(resource_path("rules"))
SEAL = resource_path("images", "demo_seal.png").read_bytes()


@pytest.fixture(scope="module")
def registry() -> ImageRegistry:
    found = ImageRegistry(load_emblem_references(resource_path("rules", "emblem_references")))
    found.approve("机构印章", SEAL)
    return found


def _photo(shade: int) -> bytes:
    image = Image.new("RGB", (90, 120), (shade, 120, 200 - shade))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return canonical_png(out.getvalue())


def _content(name: str = "张三明", **changes: Any) -> CertificateContent:
    return sample_content(name=name, **changes)


def _template(**edits: str) -> CertificateTemplate:
    template = load_template()
    for key, value in edits.items():
        section, _, item = key.partition("__")
        if section == "metadata":
            template = replace(template, metadata={**template.metadata, item: value})
        else:
            template = replace(
                template, **{section: replace(getattr(template, section), **{item: value})}
            )
    return template


def _general(pdf: bytes, registry: ImageRegistry, names: tuple[str, ...] = ()) -> ComplianceReport:
    """The report of the general reader: the same bytes, not recognised as rendered here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_inspect, "rendered_here", lambda _data: False)
        return inspect_pdf(pdf, WORDS, FOLD, registry, names)


def _key(report: ComplianceReport) -> list[tuple[str, str, str, int | None, str | None]]:
    """What a finding tells a person (rule, word, where, page, cleaned match), in order."""
    return [
        (f.rule, f.word, f.where, f.page, "".join(f.match.split()) if f.match else f.match)
        for f in report.findings
    ]


CASES: dict[str, tuple[CertificateContent, dict[str, str], tuple[str, ...]]] = {
    "plain": (_content(), {}, ()),
    "holder 李中华 exempt": (_content("李中华"), {}, ("李中华",)),
    "holder 张国家 not exempt": (_content("张国家"), {}, ()),
    "holder 中华 exempt": (_content("中华"), {}, ("中华",)),
    "rare characters in the name": (_content(f"王{RARE[:3]}"), {}, (f"王{RARE[:3]}",)),
    "long name": (_content("欧阳娜娜拉提木罕·买买提"), {}, ()),
    "no direction": (_content(direction=""), {}, ()),
    "long occupation": (_content(occupation="人工智能工程技术人员" * 3), {}, ()),
    "photo not registered": (_content(photo=_photo(40)), {}, ()),
    "banned title": (
        _content("中华"),
        {"title__text": "中华人民共和国专业技术等级证书"},
        ("中华",),
    ),
    "banned body": (
        _content("李中华"),
        {"body__text": "兹证明 {name} 经全国统一考核合格，达到 {occupation} {level} 等级。"},
        ("李中华",),
    ),
    "banned metadata": (_content("张国家"), {"metadata__subject": "{name} 的证书"}, ("张国家",)),
    "banned issuer line": (_content(), {"title__text": "国 家 职 业 资 格 证 书"}, ()),
}


@pytest.mark.parametrize("case", list(CASES))
def test_fast_read_finds_exactly_what_the_general_reader_finds(
    case: str, registry: ImageRegistry
) -> None:
    content, edits, names = CASES[case]
    pdf = render_certificate(content, _template(**edits), SEAL)
    assert own_pdfs.rendered_here(pdf)
    assert read_own_pdf(pdf) is not None, "a rendered certificate must take the fast path"
    fast = inspect_pdf(pdf, WORDS, FOLD, registry, names)
    general = _general(pdf, registry, names)
    assert _key(fast) == _key(general)


def test_the_expected_findings_are_there(registry: ImageRegistry) -> None:
    """Not merely equal: a banned title and an unregistered photo are reported by the fast read."""
    content = _content("中华", photo=_photo(80))
    pdf = render_certificate(content, _template(title__text="全国专业技术等级证书"), SEAL)
    report = inspect_pdf(pdf, WORDS, FOLD, registry, ("中华",))
    assert read_own_pdf(pdf) is not None
    assert ("全国", "正文") in {(f.word, f.where) for f in report.findings}
    assert RULE_UNREGISTERED_IMAGE in {f.rule for f in report.findings}
    assert "中华" not in {f.word for f in report.findings}  # the holder's name, exempt


def test_a_plain_certificate_passes_with_its_seal(registry: ImageRegistry) -> None:
    pdf = render_certificate(_content(), load_template(), SEAL)
    assert inspect_pdf(pdf, WORDS, FOLD, registry).ok


def test_a_foreign_copy_of_our_bytes_with_one_change_is_not_taken_for_ours() -> None:
    pdf = render_certificate(_content(), load_template(), SEAL)
    changed = pdf.replace(b"/Producer (Kaoping)", b"/Producer (Kaopinh)")
    assert changed != pdf
    assert own_pdfs.rendered_here(pdf) and not own_pdfs.rendered_here(changed)


def test_an_older_rendering_is_read_the_general_way_with_the_same_result(
    registry: ImageRegistry,
) -> None:
    """Only the last renderings are kept: an older one is no longer ours, and still passes."""
    first = render_certificate(_content(), load_template(), SEAL)
    copy = bytes(bytearray(first))  # equal bytes in another object are ours too
    assert copy is not first and own_pdfs.rendered_here(copy)
    for _ in range(own_pdfs._KEPT):
        render_certificate(_content(), load_template(), SEAL)
    assert not own_pdfs.rendered_here(first)
    assert inspect_pdf(first, WORDS, FOLD, registry).ok


def _jpeg(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (90, 120), (shade, 120, 200 - shade)).save(out, format="JPEG")
    return out.getvalue()


def test_holders_who_differ_only_by_photo_share_one_reading_of_the_page(
    registry: ImageRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's pages differ in their photos; the check works out the page's layout once.

    Each photo is still looked at: an unregistered one on the same layout is reported.
    """
    photos = [_jpeg(shade) for shade in (30, 90, 150)]
    for index, photo in enumerate(photos[:2]):
        registry.approve(f"考生照片 {index}", photo)
    compiled: list[bytes] = []
    real = pdf_fast_text._compile
    monkeypatch.setattr(
        pdf_fast_text, "_compile", lambda layout: compiled.append(layout) or real(layout)
    )
    monkeypatch.setattr(pdf_fast_text, "_programs", type(pdf_fast_text._programs)())
    reports = [
        inspect_pdf(
            render_certificate(_content(photo=photo), load_template(), SEAL), WORDS, FOLD, registry
        )
        for photo in photos
    ]
    assert len(compiled) == 1
    assert [r.ok for r in reports] == [True, True, False]
    assert {f.rule for f in reports[2].findings} == {RULE_UNREGISTERED_IMAGE}


# Certificates that look like ours, altered while being drawn (so the renderer registers them as
# its own output) or afterwards with pypdf (so they are strangers). Each must still be caught.


def _draw_extra(draw: Callable[[Canvas, str], None]) -> Callable[..., None]:
    original = certificate_pdf._draw_issuer

    def patched(canvas: Canvas, *args: Any) -> None:
        original(canvas, *args)
        draw(canvas, ensure_fonts())

    return patched


def _hidden(canvas: Canvas, font: str) -> None:
    text = canvas.beginText(100, 100)
    text.setFont(font, 12)
    text.setTextRenderMode(3)
    text.textOut("国家")
    canvas.drawText(text)


def _white(canvas: Canvas, font: str) -> None:
    canvas.setFillColor(white)
    canvas.setFont(font, 12)
    canvas.drawString(100, 100, "国家")


def _tiny(canvas: Canvas, font: str) -> None:
    canvas.setFont(font, 0.1)
    canvas.drawString(100, 100, "国家")


def _under_the_seal(canvas: Canvas, font: str) -> None:
    """Drawn, then covered: text under an opaque rectangle is still text."""
    canvas.setFont(font, 9)
    canvas.drawString(500, 120, "中华人民共和国")
    canvas.setFillColor(white)
    canvas.rect(495, 110, 120, 20, stroke=0, fill=1)


def _in_a_form(canvas: Canvas, font: str) -> None:
    canvas.beginForm("Hidden")
    canvas.setFont(font, 9)
    canvas.drawString(10, 10, "国家")
    canvas.endForm()
    canvas.doForm("Hidden")


def _small_step(canvas: Canvas, font: str) -> None:
    """Two pieces a hair apart on the line: the fast reader leaves such moves to pypdf."""
    text = canvas.beginText(100, 100)
    text.setFont(font, 12)
    text.textOut("国")
    text.moveCursor(0, 0.5)
    text.textOut("家")
    canvas.drawText(text)


def _image(canvas: Canvas, _font: str) -> None:
    canvas.drawImage(ImageReader(io.BytesIO(_photo(200))), 300, 60, 20, 20, mask="auto")


DRAWN = {
    "hidden text": _hidden,
    "white text": _white,
    "tiny text": _tiny,
    "covered text": _under_the_seal,
    "text in a form": _in_a_form,
    "text a hair apart": _small_step,
}


@pytest.fixture(params=list(DRAWN))
def drawn(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bytes]:
    monkeypatch.setattr(certificate_pdf, "_draw_issuer", _draw_extra(DRAWN[request.param]))
    yield render_certificate(_content(), load_template(), SEAL)


def test_text_slipped_into_a_rendered_certificate_is_caught(
    drawn: bytes, registry: ImageRegistry
) -> None:
    """Registered as our own output, so the fast path is offered it; the words are still found."""
    assert own_pdfs.rendered_here(drawn)
    report = inspect_pdf(drawn, WORDS, FOLD, registry)
    assert {"国家", "中华人民共和国"} & {
        f.word for f in report.findings if f.rule == RULE_BANNED_WORD
    }
    assert _key(report) == _key(_general(drawn, registry))


def test_an_image_slipped_into_a_rendered_certificate_is_caught(
    registry: ImageRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(certificate_pdf, "_draw_issuer", _draw_extra(_image))
    pdf = render_certificate(_content(), load_template(), SEAL)
    assert read_own_pdf(pdf) is not None
    report = inspect_pdf(pdf, WORDS, FOLD, registry)
    assert [f.rule for f in report.findings] == [RULE_UNREGISTERED_IMAGE]


def _glyph_codes(pdf: bytes, chars: str) -> bytes:
    """The codes the certificate's font subset uses for `chars` (drawn elsewhere on the page)."""
    reader = PdfReader(io.BytesIO(pdf))
    resources: Any = reader.pages[0]["/Resources"]
    font = resources["/Font"]["/F1+0"].get_object()
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    codes = {}
    for line in cmap.splitlines():
        parts = line.strip("<> ").split("> <")
        if len(parts) == 2 and len(parts[1]) == 4:
            codes[chr(int(parts[1], 16))] = int(parts[0], 16)
    return bytes(codes[c] for c in chars)


def _extra_stream(pdf: bytes) -> bytes:
    """A second content stream appended by pypdf, drawing 国家 (the name's glyphs) hidden."""
    codes = _glyph_codes(pdf, "国家")
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    page = writer.pages[0]
    stream = DecodedStreamObject()
    escaped = "".join(f"\\{b:03o}" for b in codes)
    stream.set_data(f"BT 3 Tr /F1+0 1 Tf 10 10 Td ({escaped}) Tj ET".encode())
    original = page["/Contents"]
    page[NameObject("/Contents")] = ArrayObject([original, writer._add_object(stream)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _annotated(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_annotation(0, FreeText(text="国家认证", rect=(50, 50, 200, 80)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


AFTERWARDS: dict[str, Callable[[bytes], bytes]] = {
    "extra content stream": _extra_stream,
    "annotation": _annotated,
}


@pytest.mark.parametrize("case", list(AFTERWARDS))
def test_a_certificate_changed_afterwards_is_read_in_full(
    case: str, registry: ImageRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changed bytes are strangers; even if they were offered to the fast reader, it refuses.

    The holder is 张国家, whose name is exempt; the 国家 added apart from it is not.
    """
    names = ("张国家",)
    pdf = AFTERWARDS[case](render_certificate(_content("张国家"), load_template(), SEAL))
    assert not own_pdfs.rendered_here(pdf)
    assert read_own_pdf(pdf) is None  # not plain enough: the general reader reads it
    general = inspect_pdf(pdf, WORDS, FOLD, registry, names)
    assert "国家" in {f.word for f in general.findings if f.rule == RULE_BANNED_WORD}
    monkeypatch.setattr(pdf_inspect, "rendered_here", lambda _data: True)
    forced = inspect_pdf(pdf, WORDS, FOLD, registry, names)
    assert _key(forced) == _key(general)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda pdf: pdf[: len(pdf) // 2],
        lambda pdf: pdf.replace(b"xref", b"xreg"),
        # Same length, so the cross-reference table still points at every object.
        lambda pdf: pdf.replace(b"/PageMode /UseNone", b"/Outlines 13 0 R  ", 1),
        lambda pdf: pdf.replace(b"/Rotate 0", b"/Annots[]", 1),
    ],
    ids=["truncated", "no xref", "outlines", "annotations"],
)
def test_the_strict_reader_refuses_what_it_does_not_know(mangle: Callable[[bytes], bytes]) -> None:
    pdf = render_certificate(_content(), load_template(), SEAL)
    assert read_own_pdf(mangle(pdf)) is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"plain", b"plain"),
        (b"\\101\\102C", b"ABC"),
        (b"\\001\\0022", b"\x01\x022"),
        (b"a\\(b\\)c\\\\", b"a(b)c\\"),
        (b"\\n\\r\\t\\b\\f", b"\n\r\t\b\f"),
        (b"split\\\nline", b"splitline"),
        (b"\\q\\x41", b"qx41"),  # unknown escapes drop the backslash (not Python's \x)
        (b"\\501", b"A"),  # an octal value above 255 keeps its low byte
        (b"raw\r\nend", b"raw\nend"),
    ],
)
def test_literal_strings_decode_the_pdf_way(body: bytes, expected: bytes) -> None:
    assert literal_bytes(body) == expected


def test_a_large_stream_changed_in_the_middle_is_not_taken_for_the_one_seen_before() -> None:
    """Stream digests are remembered by length and ends, but only used for the very same bytes."""
    seen = bytes(range(256)) * 64
    changed = seen[:8000] + b"\x00" + seen[8001:]
    assert len(changed) == len(seen) and changed[-64:] == seen[-64:]
    assert pdf_own_read._raw_digest(seen) == hashlib.sha256(seen).digest()
    assert pdf_own_read._raw_digest(changed) == hashlib.sha256(changed).digest()
    assert pdf_own_read._raw_digest(seen) == hashlib.sha256(seen).digest()


def _pdf(*objects: bytes, at: dict[int, int] | None = None) -> bytes:
    """A classic one-table PDF of the given object texts (object i+1 at its place, unless `at`
    puts an object's cross-reference entry elsewhere)."""
    out = b"%PDF-1.4\n"
    offsets = {}
    for number, body in enumerate(objects, start=1):
        offsets[number] = len(out)
        out += body
    offsets.update(at or {})
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in sorted(offsets))
    out += b"trailer\n<< /Size %d >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, table)
    return out


def test_objects_a_batch_shares_are_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two holders' certificates share many objects byte for byte (the frame, the seal's two
    images, the page tree): the second file reads those from memory, and gets exactly what
    reading it from scratch gives."""
    monkeypatch.setattr(plain_pdf, "_parsed", OrderedDict())
    parsed: list[int] = []
    real = plain_pdf.PlainPdf._parse_object
    monkeypatch.setattr(
        plain_pdf.PlainPdf, "_parse_object", lambda pdf, at: parsed.append(at) or real(pdf, at)
    )

    def every_object(pdf: bytes) -> dict[int, Any]:
        reader = plain_pdf.PlainPdf(pdf)
        return {number: reader.object(number) for number in reader.offsets}

    first = every_object(render_certificate(_content("张三明"), load_template(), SEAL))
    second_pdf = render_certificate(_content("欧阳娜娜"), load_template(), SEAL)
    parsed.clear()
    second = every_object(second_pdf)
    assert len(parsed) <= len(first) - 5
    monkeypatch.setattr(plain_pdf, "_parsed", OrderedDict())  # nothing remembered
    assert every_object(second_pdf) == second


def test_an_object_reaching_past_its_place_is_never_taken_from_memory() -> None:
    """A stream whose length runs over the next object's place: its bytes up to that place are
    the same in two files, the rest is not; each file's own stream is read."""
    tail = [b"<< /A 1 >>", b"<< /A 2 >>"]
    read = []
    for inner in tail:
        hidden = b"2 0 obj\n" + inner + b"\nendobj\n"
        stream = b"1 0 obj\n<< /Length %d >>\nstream\n" % (len(hidden) + 4) + hidden + b"xyz\n"
        pdf = _pdf(stream + b"\nendstream\nendobj\n", at={2: 9 + stream.index(b"2 0 obj")})
        reader = plain_pdf.PlainPdf(pdf)
        read.append(reader.object(1).raw)
    assert read[0] != read[1] and tail[1] in read[1]
