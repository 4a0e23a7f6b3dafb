"""Printing onto pre-printed stock (套打): layouts, calibrations, the data-only sheet, the print log."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update

from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.roles import Role
from kaoping.domain.stock_layout import (
    MM_PER_PT,
    Calibration,
    FieldBox,
    PrintKind,
    StockLayout,
)
from kaoping.paths import resource_path
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.storage.intake_tables import CandidateRow
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

RARE_NAME = "李䶮"  # 䶮 (U+4DAE) is drawn by the fallback face


def _issue(env: Env, actors: dict[Role, Actor], count: int = 2) -> list[str]:
    batch, ids = ready_batch(env, actors, count)
    with env.uow() as uow:
        session = uow.session  # type: ignore[attr-defined]
        session.execute(
            update(CandidateRow).where(CandidateRow.id == ids[0]).values(name=RARE_NAME)
        )
        uow.commit()
    officer = actors[Role.CERTIFICATE_OFFICER]
    return list(certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers)


def _layout(env: Env, officer: Actor, name: str = "2026 版证书纸") -> StockLayout:
    return certificates.save_stock_layout(
        env, officer, certificates.new_stock_layout(env, officer, name)
    )


def _audit_actions(env: Env) -> list[str]:
    with env.uow(write=False) as uow:
        return [r.action for r in uow.audit.records()]


def words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Every word pdftotext finds: (text, xMin, yMin, xMax, yMax) in points from the top-left."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for line in out.splitlines():
        line = line.strip()
        if not line.startswith("<word"):
            continue
        attrs = dict(
            (k, float(v))
            for k, v in (part.split("=") for part in line[6 : line.index(">")].split())
            for v in [v.strip('"')]
        )
        text = line[line.index(">") + 1 : line.rindex("</word>")]
        found.append((text, attrs["xMin"], attrs["yMin"], attrs["xMax"], attrs["yMax"]))
    return found


# The shipped face's descent (WenQuanYi Micro Hei, 0.2402 of the size): pdftotext's yMax is the
# baseline plus the descent, so the baseline is read back from it.
DESCENT = 0.2402


def assert_placed(pdf: Path, job: certificates.StockJob) -> None:
    """Each text of the sheet starts and stands within 0.5 mm of where the plan put it."""
    found = words(pdf)
    for placed in job.plan.texts:
        first = placed.text.split()[0]
        match = [w for w in found if w[0] == first]
        assert match, (placed.key, first, found)
        best = min(match, key=lambda w: abs(w[1] - placed.x / MM_PER_PT))
        x_mm = best[1] * MM_PER_PT
        baseline_mm = (best[4] - DESCENT * placed.size) * MM_PER_PT
        assert abs(x_mm - placed.x) <= 0.5, (placed.key, x_mm, placed.x)
        assert abs(baseline_mm - placed.baseline) <= 0.5, (placed.key, baseline_mm, placed.baseline)


def test_layout_from_template_is_saved_checked_and_audited(
    env: Env, actors: dict[Role, Actor]
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    layout = _layout(env, officer)
    assert layout.id and {f.key for f in layout.fields} >= {"name", "number", "qr", "photo"}
    # The template's name row is where its value is drawn: 32 + 30 + 3 mm from the left.
    assert layout.field("name") == FieldBox("name", 65.0, layout.field("name").y, 98.0, 4.23, 12)  # type: ignore[union-attr]
    assert [x.name for x in certificates.stock_layouts(env, officer)] == ["2026 版证书纸"]
    assert "certificates.stock_layout" in _audit_actions(env)
    off_page = replace(layout, fields=(*layout.fields[:-1], replace(layout.fields[-1], x=280.0)))
    with pytest.raises(ValidationError, match="超出纸张右边"):
        certificates.save_stock_layout(env, officer, off_page)
    with pytest.raises(ValidationError, match="已有名为"):
        certificates.save_stock_layout(env, officer, replace(layout, id=0))
    no_name = replace(layout, fields=tuple(f for f in layout.fields if f.key != "name"))
    with pytest.raises(ValidationError, match="必须包含“姓名”"):
        certificates.save_stock_layout(env, officer, no_name)
    with pytest.raises(PermissionDenied):
        certificates.save_stock_layout(env, actors[Role.EXAMINER], layout)


def test_scan_is_stored_shown_and_never_printed(env: Env, actors: dict[Role, Actor]) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    scan = resource_path("images", "demo_seal.png").read_bytes()
    layout = certificates.save_stock_layout(
        env, officer, certificates.new_stock_layout(env, officer, "带扫描图"), scan
    )
    assert layout.has_scan
    assert certificates.stock_layout_scan(env, officer, layout.id) == scan
    kept = certificates.save_stock_layout(env, officer, replace(layout, name="改名"))
    assert kept.has_scan and kept.name == "改名"
    for garbage, message in (
        (b"", "空的"),
        (b"not an image", "无法读取"),
        (_image("GIF", (40, 30)), "GIF 格式"),
        (_image("PNG", (13000, 13000), "1"), "像素过多"),  # a small file, 169 million pixels
        (scan[:200], "无法读取"),  # cut off
    ):
        with pytest.raises(ValidationError, match=message):
            certificates.save_stock_layout(env, officer, layout, garbage)
    removed = certificates.save_stock_layout(env, officer, layout, keep_scan=False)
    assert not removed.has_scan


def _image(kind: str, size: tuple[int, int], mode: str = "RGB") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, kind)
    return buffer.getvalue()


def test_calibration_is_checked_saved_and_audited(env: Env, actors: dict[Role, Actor]) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    saved = certificates.save_printer_calibration(
        env, officer, Calibration(" HP LaserJet ", 1.2, -0.8, 1.004, 0.996)
    )
    assert saved.printer == "HP LaserJet"
    assert certificates.printer_calibration(env, officer, "HP LaserJet") == saved
    with pytest.raises(ValidationError, match=r"水平缩放 1\.2 不在 0\.9～1\.1"):
        certificates.save_printer_calibration(env, officer, Calibration("HP", 0, 0, 1.2, 1))
    with pytest.raises(ValidationError, match="垂直偏移"):
        certificates.save_printer_calibration(env, officer, Calibration("HP", 0, 25, 1, 1))
    assert [c.printer for c in certificates.printer_calibrations(env, officer)] == ["HP LaserJet"]
    assert _audit_actions(env).count("certificates.printer_calibration") == 3  # one ok, two refused


def test_stock_sheet_has_only_the_data_at_the_calibrated_positions(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The sheet shows each value (the rare name too) and no frame, title or seal wording."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    layout = _layout(env, officer)
    certificates.save_printer_calibration(env, officer, Calibration("HP", 1.5, -2.0, 1.01, 0.99))
    job = certificates.print_on_stock(env, officer, numbers[:1], "HP", layout.id)[0]
    assert job.calibrated and job.copy == 1
    name = job.plan.texts[0]
    field = layout.field("name")
    assert field is not None
    assert name.x == pytest.approx(1.5 + 1.01 * field.x)
    assert name.baseline == pytest.approx(-2.0 + 0.99 * (field.y + field.height))
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(job.pdf)
    text = subprocess.run(
        ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert RARE_NAME in text and numbers[0] in text and "450***********" in text
    assert "专业技术等级证书" not in text and "扫码核验" not in text
    assert_placed(sheet, job)
    qr = subprocess.run(["zbarimg", "-q", "--raw", str(_png(sheet, tmp_path))], capture_output=True)
    assert qr.returncode == 0 and qr.stdout.strip()


def _png(pdf: Path, tmp_path: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "p")])
    return tmp_path / "p.png"


def test_reprint_needs_a_reason_and_every_print_is_logged(
    env: Env, actors: dict[Role, Actor]
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    layout = _layout(env, officer)
    first = certificates.print_on_stock(env, officer, numbers, "Epson LQ", layout.id)
    assert [j.copy for j in first] == [1, 1]
    with pytest.raises(ValidationError, match=f"证书 {numbers[0]} 已打印过 1 次，重打须填写原因"):
        certificates.print_on_stock(env, officer, numbers[:1], "Epson LQ", layout.id, "  ")
    assert len(certificates.print_log(env, officer)) == 2  # the refusal logged nothing
    again = certificates.print_on_stock(env, officer, numbers[:1], "Epson LQ", layout.id, "卡纸")
    assert again[0].reprint
    log = certificates.print_log(env, officer, numbers[0])
    assert [(r.kind, r.reason, r.printer, r.stock, r.printed_by) for r in log] == [
        (PrintKind.FIRST, "", "Epson LQ", layout.name, officer.username),
        (PrintKind.REPRINT, "卡纸", "Epson LQ", layout.name, officer.username),
    ]
    # The full design counts the same prints: printing it now is a reprint too.
    with pytest.raises(ValidationError, match="重打须填写原因"):
        certificates.print_certificates(env, officer, numbers[1:], "HP")
    full = certificates.print_certificates(env, officer, numbers[1:], "HP", "原件污损")
    assert full[0].copy == 2
    last = certificates.print_log(env, officer, numbers[1])[-1]
    assert (last.kind, last.stock, last.layout_id, last.reason) == (
        PrintKind.REPRINT,
        "",
        None,
        "原件污损",
    )
    actions = _audit_actions(env)
    assert actions.count("certificates.stock_print") == 3  # two printed, one refused
    assert certificates.find_certificate(env, officer, numbers[0]).print_count == 2


def test_revoked_certificate_and_changed_template_are_refused(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    layout = _layout(env, officer)
    certificates.revoke_certificate(env, officer, numbers[1], "虚假承诺")
    with pytest.raises(ConflictError, match=f"证书 {numbers[1]} 已撤销，不能套打"):
        certificates.print_on_stock(env, officer, numbers, "HP", layout.id)
    assert certificates.print_log(env, officer) == []
    edited = json.loads(resource_path("templates", "certificate.json").read_text("utf-8"))
    edited["qr"]["caption"] = "扫码查验"
    template = tmp_path / "edited.json"
    template.write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(
        env, actors[Role.SYSTEM_ADMIN], replace(settings, template_path=str(template))
    )
    with pytest.raises(ConflictError, match="是为另一版证书模板设置的"):
        certificates.print_on_stock(env, officer, numbers[:1], "HP", layout.id)


def test_layout_file_round_trip_and_hostile_files(env: Env, actors: dict[Role, Actor]) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    layout = _layout(env, officer)
    exported = certificates.export_stock_layout(env, officer, layout.id)
    data = json.loads(exported)
    data["name"] = "复制的版式"
    data["fields"][0]["x"] = 70
    copy = certificates.import_stock_layout(env, officer, json.dumps(data).encode())
    assert copy.id != layout.id and copy.fields[0].x == 70
    hostile = {
        b"": "空的",
        b"\xff\xfe garbage": "UTF-8",
        b"{not json": "JSON 格式错误",
        b"[" * 5000 + b"]" * 5000: "层",
        b'{"format": "kaoping-stock-layout", "x": "' + b"a" * 300_000 + b'"}': "超过上限",
        b'{"format": "something-else"}': "不是套打版式",
        json.dumps({**data, "fields": [{"key": "name", "x": "左"}]}).encode(): "应为数字",
        json.dumps(
            {**data, "fields": [{**data["fields"][0], "x": float("nan")}]}
        ).encode(): "有效的数字",
    }
    for raw, message in hostile.items():
        with pytest.raises(ValidationError, match=message):
            certificates.import_stock_layout(env, officer, raw)
    assert len(certificates.stock_layouts(env, officer)) == 2


def test_values_that_no_longer_read_as_in_the_signed_pdf_are_not_printed(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """The signed PDF is the record: a name corrected after issuing stops the stock print."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    layout = _layout(env, officer)
    with env.uow() as uow:
        session = uow.session  # type: ignore[attr-defined]
        session.execute(
            update(CandidateRow).where(CandidateRow.name == RARE_NAME).values(name="李岩")
        )
        uow.commit()
    with pytest.raises(
        ValidationError, match=f"证书 {numbers[0]} 的“姓名”与已签发的证书 PDF 不一致"
    ):
        certificates.print_on_stock(env, officer, numbers[:1], "HP", layout.id)
    assert certificates.print_log(env, officer) == []
