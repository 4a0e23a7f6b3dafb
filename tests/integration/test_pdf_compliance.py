"""The compliance check of finished PDFs: text in every part of the file, and every image."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
    TextStringObject,
)
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from kaoping.adapters.image_registry import ImageRegistry, canonical_png, load_emblem_references
from kaoping.adapters.pdf_inspect import (
    DocumentUnreadable,
    PdfUnreadable,
    inspect_file,
    inspect_pdf,
)
from kaoping.domain.compliance import (
    RULE_BANNED_WORD,
    RULE_EMBLEM_LIKE_IMAGE,
    RULE_MISSING_GLYPH,
    RULE_UNREGISTERED_IMAGE,
    Finding,
    load_rules,
    report_to_json,
)
from kaoping.paths import resource_path

CN = "CN"
# The embedded certificate font lacks radicals and compatibility ideographs (they would extract as
# U+0000). STSong-Light is not embedded and keeps every code point in extraction, as a PDF made
# elsewhere with a font that does draw those glyphs would.
CID = "STSong-Light"
pdfmetrics.registerFont(TTFont(CN, str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0))
pdfmetrics.registerFont(UnicodeCIDFont(CID))
CN_GLYPHS = pdfmetrics.getFont(CN).face.charToGlyph

WORDS, FOLD = load_rules(resource_path("rules"))
REFERENCES = load_emblem_references(resource_path("rules", "emblem_references"))

ALL_WORDS = [
    "中华人民共和国",
    "中国",
    "中华",
    "国家",
    "全国",
    "人力资源社会保障部",
    "职业资格",
    "人员资格",
    "岗位",
    "专业技术职务",
    "人力资源和社会保障部",
    "人力资源与社会保障部",
    "人社部",
    "人保部",
    "劳动和社会保障部",
    "劳动保障部",
]
TRADITIONAL = {
    "中华人民共和国": "中華人民共和國",
    "中国": "中國",
    "中华": "中華",
    "国家": "國家",
    "全国": "全國",
    "人力资源社会保障部": "人力資源社會保障部",
    "职业资格": "職業資格",
    "人员资格": "人員資格",
    "岗位": "崗位",
    "专业技术职务": "專業技術職務",
    "人力资源和社会保障部": "人力資源和社會保障部",
    "人力资源与社会保障部": "人力資源與社會保障部",
    "劳动和社会保障部": "勞動和社會保障部",
    "劳动保障部": "勞動保障部",
}
LOOKALIKE = {
    "中华人民共和国": "中\ufab4人\u2ea0共和国",
    "中国": "\u32a5国",
    "中华": "中\ufab4",
    "全国": "\ufa72国",
    "人力资源社会保障部": "\u2f08\u2f12资源\ufa4c会保障部",
    "人员资格": "\u2f08员资格",
    "人力资源和社会保障部": "人\uf98a资源和社会保障部",
    "人力资源与社会保障部": "\u2f08\u2f12资源与社会保障部",
    "人社部": "\u2f08\ufa4c部",
    "人保部": "\u2f08保部",
    "劳动和社会保障部": "\U0002f992动和社会保障部",
    "劳动保障部": "\uf92f动保障部",
}
SEPARATORS = {
    "spaced": [" ", "  ", "\t"],
    "line-broken": ["\n"],
    "zero-width": ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\ufe0f", "\U000e0041"],
    "full-width": ["\u3000", "．", "／"],
    "punctuation": ["·", "-", "_", "*", "|", ".", "、"],
}


def _join(word: str, separators: Sequence[str]) -> str:
    out = word[0]
    for index, char in enumerate(word[1:]):
        out += separators[index % len(separators)] + char
    return out


def disguises(word: str) -> dict[str, str]:
    cases = {"plain": word} | {name: _join(word, seps) for name, seps in SEPARATORS.items()}
    if word in TRADITIONAL:
        cases["traditional"] = TRADITIONAL[word]
    if word in LOOKALIKE:
        cases["lookalike"] = LOOKALIKE[word]
    return cases


MATRIX = [(w, name, text) for w in ALL_WORDS for name, text in disguises(w).items()]
MATRIX_IDS = [f"{w}-{d}" for w, d, _ in MATRIX]
EVERY_PLACE = {
    "正文",
    "元数据:Title",
    "元数据:Author",
    "元数据:Subject",
    "元数据:Keywords",
    "XMP",
    "批注",
}


def xmp_packet(text: str) -> bytes:
    """A minimal XMP packet carrying `text` as dc:title and as an attribute value."""
    value = escape(text, {'"': "&quot;"})
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Keywords="{value}">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'
        "</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def make_pdf(
    body: str = "专业技术等级证书",
    *,
    font: str = CN,
    metadata: str | None = None,
    annotation: str | None = None,
    images: Sequence[bytes] = (),
    pages: Sequence[str] = (),
) -> bytes:
    """Draw a small certificate-like PDF in memory; each line of `body` is drawn on its own line."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, initialFontName=CN)
    if annotation is not None:
        pdf.textAnnotation(annotation, Rect=(60, 600, 200, 640))
    for page_text in [body, *pages]:
        pdf.setFont(font, 14)
        for row, line in enumerate(page_text.split("\n")):
            pdf.drawString(60, 760 - 20 * row, line)
        for index, image in enumerate(images):
            pdf.drawImage(
                ImageReader(io.BytesIO(image)), 60 + 120 * index, 400, 100, 100, mask="auto"
            )
        pdf.showPage()
    if metadata is not None:
        pdf.setTitle(metadata)
        pdf.setAuthor(metadata)
        pdf.setSubject(metadata)
        pdf.setKeywords(metadata)
    pdf.save()
    return out.getvalue()


def with_writer(data: bytes, change: Callable[[PdfWriter], None]) -> bytes:
    """Apply a change to the PDF with pypdf's writer and return the new bytes."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def set_xmp(text: str) -> Callable[[PdfWriter], None]:
    def change(writer: PdfWriter) -> None:
        writer.xmp_metadata = xmp_packet(text)

    return change


def found(findings: Sequence[Finding], word: str) -> set[str]:
    """The places where `word` was found."""
    return {f.where for f in findings if f.word == word}


@pytest.mark.parametrize(("word", "disguise", "text"), MATRIX, ids=MATRIX_IDS)
def test_banned_word_found_in_every_part_of_pdf(word: str, disguise: str, text: str) -> None:
    """A disguised banned word in page text, metadata, XMP or an annotation blocks the PDF."""
    data = make_pdf(f"兹证明\n{text}", font=CID, metadata=text, annotation=text)
    data = with_writer(data, set_xmp(text))
    report = inspect_pdf(data, WORDS, FOLD, None)
    assert not report.ok
    assert found(report.findings, word) >= EVERY_PLACE
    body = [f for f in report.findings if f.word == word and f.where == "正文"]
    assert (body[0].rule, body[0].page) == (RULE_BANNED_WORD, 1)


EMBEDDED = [
    (w, d, t) for w, d, t in MATRIX if all(ord(c) in CN_GLYPHS for c in t if c not in "\n\t")
]


@pytest.mark.parametrize(
    ("word", "disguise", "text"), EMBEDDED, ids=[f"{w}-{d}" for w, d, _ in EMBEDDED]
)
def test_banned_word_found_in_embedded_font_text(word: str, disguise: str, text: str) -> None:
    """The same in page text drawn with the certificate's own embedded font."""
    report = inspect_pdf(make_pdf(f"兹证明\n{text}"), WORDS, FOLD, None)
    assert "正文" in found(report.findings, word)


@pytest.mark.parametrize("word", ALL_WORDS)
def test_banned_word_in_freetext_annotation(word: str) -> None:
    """A FreeText annotation added afterwards with pypdf is checked too."""

    def change(writer: PdfWriter) -> None:
        writer.add_annotation(0, FreeText(text=_join(word, ["\u200b"]), rect=(50, 400, 250, 450)))

    report = inspect_pdf(with_writer(make_pdf(), change), WORDS, FOLD, None)
    assert found(report.findings, word) == {"批注"}


def _appearance_from(source: bytes) -> StreamObject:
    """A form XObject whose content is the first page of another PDF."""
    page = PdfReader(io.BytesIO(source)).pages[0]
    form = StreamObject()
    form.set_data(page.get_contents().get_data())  # type: ignore[union-attr]
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject([FloatObject(v) for v in (0, 0, 600, 800)])
    form[NameObject("/Resources")] = page["/Resources"]
    return form


def _add_appearance_annotation(data: bytes, source: bytes) -> bytes:
    def change(writer: PdfWriter) -> None:
        source_reader = PdfReader(io.BytesIO(source))
        writer.append(source_reader)  # brings the source's fonts and images into this file
        donor = writer.pages[-1]
        form = _appearance_from(source)
        form[NameObject("/Resources")] = donor["/Resources"]
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Square"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 600, 800)]),
                NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(form)}),
            }
        )
        writer.remove_page(len(writer.pages) - 1)
        writer.add_annotation(0, annotation)

    return with_writer(data, change)


def test_text_drawn_only_by_annotation_appearance_is_found() -> None:
    """Text that an annotation only draws (no /Contents) is still read and blocks the PDF."""
    data = _add_appearance_annotation(make_pdf(), make_pdf("岗 位"))
    report = inspect_pdf(data, WORDS, FOLD, None)
    assert found(report.findings, "岗位") == {"批注"}


def test_image_in_annotation_appearance_must_be_registered() -> None:
    """An image hidden in an annotation's appearance is checked like a page image."""
    data = _add_appearance_annotation(make_pdf(), make_pdf("", images=[seal_png()]))
    registry = ImageRegistry(REFERENCES)
    report = inspect_pdf(data, WORDS, FOLD, registry)
    assert [f.rule for f in report.findings] == [RULE_UNREGISTERED_IMAGE]
    registry.approve("机构印章", seal_png())
    assert inspect_pdf(data, WORDS, FOLD, registry).ok


def seal_png() -> bytes:
    image = Image.new("RGBA", (120, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 116, 116), outline=(200, 20, 20, 255), width=6)
    draw.text((40, 52), "SEAL", fill=(200, 20, 20, 255))
    return canonical_png(_png(image))


def photo_jpeg_as_png() -> bytes:
    image = Image.new("RGB", (90, 120), (120, 150, 200))
    ImageDraw.Draw(image).ellipse((20, 20, 70, 80), fill=(230, 190, 160))
    return canonical_png(_png(image))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


ORDINARY_BODY = (
    "专业技术等级证书\n姓名：李四\n证书编号：GX-2026-000123\n"
    "职业：人工智能工程技术人员 初级\n大数据工程技术人员 中级 高级\n"
    "发证机构：广西数字技术评价中心\n广西壮族自治区 国际 2026年11月25日"
)


def test_ordinary_certificate_with_registered_images_passes() -> None:
    """An ordinary certificate whose seal and photo are registered passes the check."""
    registry = ImageRegistry(REFERENCES)
    registry.approve("机构印章", seal_png())
    registry.approve("考生照片", photo_jpeg_as_png())
    data = make_pdf(
        ORDINARY_BODY,
        metadata="专业技术等级证书 广西数字技术评价中心",
        annotation="证书编号 GX-2026-000123",
        images=[seal_png(), photo_jpeg_as_png()],
    )
    data = with_writer(data, set_xmp("专业技术等级证书 人工智能工程技术人员"))
    report = inspect_pdf(data, WORDS, FOLD, registry)
    assert report.ok, report.findings
    assert report_to_json(report) == {"ok": True, "findings": []}


def test_unregistered_image_blocks() -> None:
    """An image that was never registered blocks the certificate and is named with its page."""
    registry = ImageRegistry(REFERENCES)
    registry.approve("机构印章", seal_png())
    data = make_pdf(ORDINARY_BODY, images=[seal_png(), photo_jpeg_as_png()])
    report = inspect_pdf(data, WORDS, FOLD, registry)
    assert [(f.rule, f.page, f.where) for f in report.findings] == [
        (RULE_UNREGISTERED_IMAGE, 1, "图片")
    ]
    assert len(report.findings[0].match) <= 40


def test_without_registry_every_image_blocks() -> None:
    """With no registry at hand, no image counts as approved."""
    report = inspect_pdf(make_pdf(images=[seal_png()]), WORDS, FOLD, None)
    assert [f.rule for f in report.findings] == [RULE_UNREGISTERED_IMAGE]


def test_emblem_like_image_blocks_even_if_registered() -> None:
    """An emblem-like image is flagged against the references even if it slipped into the registry."""
    emblem = canonical_png(
        resource_path("rules", "emblem_references", "national_emblem.png").read_bytes()
    )
    sneaked = ImageRegistry.from_records(
        [
            {
                "name": "旧标识",
                "sha256": ImageRegistry.content_hash(emblem),
                "width": 256,
                "height": 256,
            }
        ],
        REFERENCES,
    )
    report = inspect_pdf(make_pdf(images=[emblem]), WORDS, FOLD, sneaked)
    assert [(f.rule, f.word) for f in report.findings] == [
        (RULE_EMBLEM_LIKE_IMAGE, "national_emblem.png")
    ]


def test_word_split_across_pages_is_found_on_first_page() -> None:
    """A word broken over a page boundary is found and reported on the page where it starts."""
    report = inspect_pdf(
        make_pdf("第一页 中", pages=["国 第二页", "第三页 岗位"]), WORDS, FOLD, None
    )
    assert [(f.word, f.page) for f in report.findings] == [("中国", 1), ("岗位", 3)]


def test_form_field_value_is_checked() -> None:
    """A form field whose value carries a banned word blocks the PDF."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, initialFontName=CN)
    pdf.drawString(60, 760, "专业技术等级证书")
    pdf.acroForm.textfield(name="issuer", value="placeholder", x=60, y=600, width=300)
    pdf.showPage()
    pdf.save()

    def change(writer: PdfWriter) -> None:
        # reportlab cannot write CJK field values, so the value is set afterwards.
        for field in writer.root_object["/AcroForm"]["/Fields"]:  # type: ignore[index]
            field.get_object()[NameObject("/V")] = TextStringObject("全\u200b国")

    report = inspect_pdf(with_writer(out.getvalue(), change), WORDS, FOLD, None)
    assert "表单域" in found(report.findings, "全国")


def test_bookmark_title_is_checked() -> None:
    """A bookmark (outline) title carrying a banned word blocks the PDF."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, initialFontName=CN)
    pdf.drawString(60, 760, "专业技术等级证书")
    pdf.bookmarkPage("p1")
    pdf.addOutlineEntry("职业 资格", "p1")
    pdf.showPage()
    pdf.save()
    assert found(inspect_pdf(out.getvalue(), WORDS, FOLD, None).findings, "职业资格") == {"书签"}


def test_custom_metadata_key_is_checked() -> None:
    """Any document-information key, not only the standard ones, is checked."""

    def change(writer: PdfWriter) -> None:
        writer.add_metadata({"/Issuer": "人 社 部"})

    report = inspect_pdf(with_writer(make_pdf(), change), WORDS, FOLD, None)
    assert found(report.findings, "人社部") == {"元数据:Issuer"}


def test_missing_glyph_in_pdf_blocks() -> None:
    """A name character the embedded font lacks (drawn blank) blocks the certificate."""
    report = inspect_pdf(make_pdf("姓名：刘\u4dae"), WORDS, FOLD, None)
    assert [(f.rule, f.page) for f in report.findings] == [(RULE_MISSING_GLYPH, 1)]


@pytest.mark.parametrize(
    "data", [b"", b"not a pdf at all", b"%PDF-1.7\n%garbage\n"], ids=["empty", "text", "broken"]
)
def test_unreadable_pdf_raises(data: bytes) -> None:
    """A file that is not a readable PDF raises PdfUnreadable rather than passing."""
    with pytest.raises(PdfUnreadable):
        inspect_pdf(data, WORDS, FOLD, None)


def test_password_protected_pdf_raises() -> None:
    """A PDF that needs a password to open cannot be cleared."""

    def change(writer: PdfWriter) -> None:
        writer.encrypt(user_password="secret", owner_password="owner")

    with pytest.raises(PdfUnreadable) as caught:
        inspect_pdf(with_writer(make_pdf(), change), WORDS, FOLD, None)
    assert "密码" in caught.value.message


def test_inspect_file_pdf_and_text(tmp_path: Path) -> None:
    """A path is checked as PDF or text by content; text findings carry their line number."""
    pdf_path = tmp_path / "cert.bin"
    pdf_path.write_bytes(make_pdf("國 家"))
    assert found(inspect_file(pdf_path, WORDS, FOLD).findings, "国家") == {"正文"}
    text_path = tmp_path / "wording.txt"
    text_path.write_text("专业技术等级证书\n姓名：李四\n发证：全\u3000国\n", encoding="utf-8")
    (finding,) = inspect_file(text_path, WORDS, FOLD).findings
    assert (finding.word, finding.where, finding.offset) == ("全国", "第3行", 3)
    gbk_path = tmp_path / "gbk.txt"
    gbk_path.write_bytes("证书不得写中华".encode("gb18030"))
    assert [f.word for f in inspect_file(gbk_path, WORDS, FOLD).findings] == ["中华"]


def test_inspect_file_missing_path_raises(tmp_path: Path) -> None:
    """A missing file is reported as unreadable, naming the path."""
    with pytest.raises(DocumentUnreadable) as caught:
        inspect_file(tmp_path / "absent.pdf", WORDS, FOLD)
    assert "absent.pdf" in caught.value.message
