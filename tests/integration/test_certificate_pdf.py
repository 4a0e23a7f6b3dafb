"""The certificate PDF: content, wording rules, images, template edits and a scannable QR code."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader

from kaoping.adapters.certificate_pdf import (
    default_template_path,
    load_template,
    render_certificate,
)
from kaoping.adapters.certificate_qr import qr_module_mm
from kaoping.adapters.identity import SigningIdentity, generate_identity
from kaoping.adapters.qr import read_qr, sign_qr_record, verify_qr_payload
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateContent, QrRecord
from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path

BANNED = (
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
)


@pytest.fixture(scope="module")
def identity() -> SigningIdentity:
    return generate_identity("示例数字技术评价中心", "4501")


@pytest.fixture(scope="module")
def seal() -> bytes:
    return resource_path("images", "demo_seal.png").read_bytes()


def _content(**changes: object) -> CertificateContent:
    values: dict[str, object] = {
        "number": "GXDT-4501-2026-000123-K",
        "name": "张三明",
        "id_type": "居民身份证",
        "id_number_display": "450***********123X",
        "occupation": "人工智能工程技术人员",
        "direction": "计算机视觉产品实现",
        "level": Level.INTERMEDIATE,
        "issue_date": date(2026, 11, 25),
        "body_name": "示例数字技术评价中心",
        "body_code": "4501",
        "photo": None,
        "qr_payload": "KP1:dGVzdA.c2ln",
    }
    values.update(changes)
    return CertificateContent(**values)  # type: ignore[arg-type]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _images(pdf: bytes) -> list[str]:
    return [image.name for image in PdfReader(io.BytesIO(pdf)).pages[0].images]


def test_certificate_prints_every_field(seal: bytes) -> None:
    """The holder, ID, occupation, direction, level, number, date and body all appear."""
    pdf = render_certificate(_content(), load_template(), seal)
    text = _text(pdf)
    assert "专业技术等级证书" in text
    assert "兹证明张三明（居民身份证450***********123X）经考核合格" in text
    assert "人工智能工程技术人员（计算机视觉产品实现方向）中级专业技术等级。" in text
    for value in (
        "GXDT-4501-2026-000123-K",
        "2026年11月25日",
        "示例数字技术评价中心",
        "证件号码",
        "发证日期",
        "评价机构",
        "扫码核验",
        "照片",
    ):
        assert value in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_page_is_a4_landscape(seal: bytes) -> None:
    """The certificate prints on A4 in landscape."""
    box = PdfReader(io.BytesIO(render_certificate(_content(), load_template(), seal))).pages[0]
    assert (round(float(box.mediabox.width)), round(float(box.mediabox.height))) == (842, 595)


def test_metadata_names_the_certificate_and_producer(seal: bytes) -> None:
    """Document properties show the certificate number and 'Kaoping' as the producing program."""
    meta = PdfReader(io.BytesIO(render_certificate(_content(), load_template(), seal))).metadata
    assert meta is not None
    assert meta.title == "专业技术等级证书 GXDT-4501-2026-000123-K"
    assert meta.author == "示例数字技术评价中心"
    assert meta.creator == "Kaoping"
    assert meta.producer == "Kaoping"


def test_shipped_wording_avoids_banned_words(seal: bytes) -> None:
    """No banned word appears in the page text, the metadata or the template file itself."""
    pdf = render_certificate(_content(), load_template(), seal)
    meta: Mapping[str, object] = PdfReader(io.BytesIO(pdf)).metadata or {}
    texts = [
        _text(pdf),
        *(str(v) for v in meta.values()),
        default_template_path().read_text(encoding="utf-8"),
    ]
    for text in texts:
        assert not [word for word in BANNED if word in text]


def test_no_direction_drops_the_clause(seal: bytes) -> None:
    """For an occupation without directions the sentence has no '（…方向）' and the cell shows —."""
    text = _text(render_certificate(_content(direction=""), load_template(), seal))
    assert "人工智能工程技术人员中级专业技术等级。" in text
    assert "方向）" not in text
    assert "职业方向—" in text


def test_fonts_are_embedded(seal: bytes) -> None:
    """Every font is embedded, so the certificate prints the same on any computer."""
    reader = PdfReader(io.BytesIO(render_certificate(_content(), load_template(), seal)))
    resources: Any = reader.pages[0]["/Resources"]
    fonts = resources["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor


def test_output_is_reproducible_in_invariant_mode(seal: bytes) -> None:
    """Rendering the same certificate twice gives identical bytes when asked to."""
    template = load_template()
    first = render_certificate(_content(), template, seal, invariant=True)
    assert render_certificate(_content(), template, seal, invariant=True) == first
    assert render_certificate(_content(name="李四"), template, seal, invariant=True) != first


def test_seal_and_photo_are_embedded(seal: bytes) -> None:
    """The seal and the holder's photo appear as images; without them there are none."""
    photo = io.BytesIO()
    Image.new("RGB", (250, 350), (90, 120, 200)).save(photo, format="JPEG")
    template = load_template()
    assert _images(render_certificate(_content(), template, None)) == []
    assert len(_images(render_certificate(_content(), template, seal))) == 1
    with_photo = render_certificate(_content(photo=photo.getvalue()), template, seal)
    assert len(_images(with_photo)) == 2
    assert "照片" not in _text(with_photo)
    # The cached seal is registered afresh in every document.
    assert len(_images(render_certificate(_content(name="王五"), template, seal))) == 1


def test_unreadable_photo_names_the_field(seal: bytes) -> None:
    """A broken photo file is reported as a photo problem, not a crash."""
    with pytest.raises(ValidationError) as caught:
        render_certificate(_content(photo=b"not an image"), load_template(), seal)
    assert caught.value.field == "照片"


def test_operator_can_change_the_wording(tmp_path: Path, seal: bytes) -> None:
    """Editing the template's sentence changes the printed certificate."""
    data = json.loads(default_template_path().read_text(encoding="utf-8"))
    data["body"]["text"] = (
        "{name} 于 {issue_date} 通过 {occupation}{direction_clause} {level} 考核。"
    )
    path = tmp_path / "certificate.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    text = _text(render_certificate(_content(), load_template(path), seal))
    assert (
        "张三明于2026年11月25日通过人工智能工程技术人员（计算机视觉产品实现方向）中级考核。" in text
    )


def test_unknown_placeholder_is_reported_on_load(tmp_path: Path) -> None:
    """A typo in a placeholder is caught when the template is loaded, naming the block."""
    data = json.loads(default_template_path().read_text(encoding="utf-8"))
    data["title"]["text"] = "{nmae} 的证书"
    path = tmp_path / "certificate.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"“title”.*nmae"):
        load_template(path)


def test_broken_template_files_are_reported(tmp_path: Path) -> None:
    """A missing file, bad JSON or a missing block each give a readable template error."""
    with pytest.raises(ValidationError, match="找不到证书模板"):
        load_template(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError, match="不是有效的 JSON"):
        load_template(bad)
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(ValidationError, match="缺少或写错"):
        load_template(bad)


def test_printed_qr_scans_and_verifies(identity: SigningIdentity, seal: bytes) -> None:
    """A certificate scanned at 150 dpi yields the signed record of that certificate."""
    record = QrRecord.compact(
        "GXDT-4501-2026-000123-47", "123X", "2-02-10-09", Level.INTERMEDIATE, date(2026, 11, 25)
    )
    payload = sign_qr_record(identity, record, "https://verify.example.org/c?q=")
    content = dataclasses.replace(
        _content(), qr_payload=payload, direction="自然语言及语音处理产品实现"
    )
    pdf = render_certificate(content, load_template(), seal)
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=150 / 72).to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    assert read_qr(png.getvalue()) == [payload]
    assert verify_qr_payload(payload, identity.certificate) == record


def test_qr_modules_are_at_least_0_8_mm(identity: SigningIdentity, seal: bytes) -> None:
    """The certificate's code is version 6 at 1.22 mm a module; a lookup URL so long that the
    modules would shrink below 0.8 mm is refused, naming the fix."""
    record = QrRecord.compact(
        "GXDT-GXDT01-2026-000123-47", "1234", "2-02-10-09", Level.INTERMEDIATE, date(2026, 11, 25)
    )
    template = load_template()
    payload = sign_qr_record(identity, record)
    assert qr_module_mm(payload, template.qr.width) == pytest.approx(50 / 41)
    long_url = "https://verify.example.org/" + "x" * 120 + "?c="
    too_long = sign_qr_record(identity, record, long_url)
    with pytest.raises(ValidationError, match="请缩短核验网址前缀"):
        render_certificate(_content(qr_payload=too_long), template, seal)


def test_missing_qr_payload_is_refused(seal: bytes) -> None:
    """A certificate cannot be rendered without its QR content."""
    with pytest.raises(ValidationError, match="二维码"):
        render_certificate(_content(qr_payload=""), load_template(), seal)
