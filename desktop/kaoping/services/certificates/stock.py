"""Printing onto pre-printed stock (套打): layouts, printer calibrations, printing and the print log.

The signed PDF stays the record. A data-only sheet is made only for a valid certificate whose
signed PDF passes the compliance check again, from the values stored for it, and only when each
of those values reads the same in the signed PDF; a difference (the body renamed, the ID setting
changed) stops the print, as the sheet would no longer match the record.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from kaoping.domain.certificates import MIN_QR_MODULE_MM, format_chinese_date
from kaoping.domain.errors import ConflictError, KaopingError, NotFound, ValidationError
from kaoping.domain.json_input import load_json_document
from kaoping.domain.roles import Permission
from kaoping.domain.stock_layout import (
    FIELD_LABELS,
    MAX_PRINTER_NAME,
    Calibration,
    PrintKind,
    StockLayout,
    StockPlan,
    check_calibration,
    check_layout,
    check_reprint_reason,
    fields_in_order,
    layout_from_json,
    layout_to_json,
    place,
)
from kaoping.services.base import Actor, Env, guarded, reading, refuse
from kaoping.services.body_name import exempt_body_name
from kaoping.services.certificates.issuing import compliance_blocked
from kaoping.services.certificates.printing import released_certificates
from kaoping.services.certificates.settings import beijing_today, stored_settings
from kaoping.services.compliance import approved_registry
from kaoping.services.ports.certificates import CertificateRecord
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.stock import PrintRecord

__all__ = [
    "StockJob",
    "calibration_page",
    "export_stock_layout",
    "import_stock_layout",
    "new_stock_layout",
    "print_log",
    "print_on_stock",
    "printer_calibration",
    "printer_calibrations",
    "save_printer_calibration",
    "save_stock_layout",
    "stock_layout",
    "stock_layout_scan",
    "stock_layouts",
]

MAX_LAYOUT_FILE = 256 * 1024


@dataclass(frozen=True)
class StockJob:
    """One certificate released for printing onto stock.

    Attributes:
        number: The certificate number.
        plan: Every value placed on the sheet, the printer's calibration applied.
        photo: The holder's photo as on the signed certificate, or None.
        qr_rows: The QR code's modules, one "1"/"0" string per row ("" rows when none).
        pdf: The same sheet as a PDF (for saving, previews and printing to a file).
        copy: Which print this is (1 for the first).
        calibrated: Whether the printer had a calibration.
    """

    number: str
    plan: StockPlan
    photo: bytes | None
    qr_rows: tuple[str, ...]
    pdf: bytes
    copy: int
    calibrated: bool

    @property
    def reprint(self) -> bool:
        """Whether the certificate had been printed before."""
        return self.copy > 1


# ---------------------------------------------------------------------------------------------
# Layouts


def stock_layouts(env: Env, actor: Actor) -> list[StockLayout]:
    """Every stock layout, by name."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        return uow.stock.layouts()


def stock_layout(env: Env, actor: Actor, layout_id: int) -> StockLayout:
    """One stock layout; NotFound when it is gone."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        return _layout(uow, layout_id)


def stock_layout_scan(env: Env, actor: Actor, layout_id: int) -> bytes | None:
    """The scan of the blank stock stored with a layout (for the editor's background)."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        return uow.stock.scan(layout_id)


def _layout(uow: UnitOfWork, layout_id: int) -> StockLayout:
    layout = uow.stock.layout(layout_id)
    if layout is None:
        raise NotFound(f"套打版式（编号 {layout_id}）不存在，请重新选择", field="套打版式")
    return layout


def _template_version(env: Env, uow: UnitOfWork) -> tuple[object, str]:
    kit = env.adapters.certificates
    template = kit.load_template(stored_settings(uow).template_path)
    return template, kit.template_sha256(template)


def new_stock_layout(env: Env, actor: Actor, name: str = "") -> StockLayout:
    """A new layout (not stored) with each field where the current certificate template has it."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        template, sha256 = _template_version(env, uow)
    fields = env.adapters.stock.default_fields(template)
    return StockLayout(0, name, sha256, 297.0, 210.0, fields)


def save_stock_layout(
    env: Env,
    actor: Actor,
    layout: StockLayout,
    scan: bytes | None = None,
    *,
    keep_scan: bool = True,
) -> StockLayout:
    """Store a stock layout for the current certificate template (one audited action).

    Args:
        env: The environment.
        actor: The certificate officer.
        layout: The layout; id 0 stores a new one.
        scan: A new scan of the blank stock (PNG or JPEG), or None.
        keep_scan: With no new scan, keep the stored one (False removes it).

    Raises:
        ValidationError: The layout or the scan is refused (`check_layout`), or the name is taken.
    """
    with guarded(env, actor, Permission.CERTIFICATES_PRINT, "certificates.stock_layout") as tx:
        # Checked inside the action, so a refusal is audited like the action itself.
        checked = check_layout(layout)
        if scan is not None:
            env.adapters.stock.check_scan(scan)
        _, sha256 = _template_version(env, tx.uow)
        same_name = tx.uow.stock.layout_by_name(checked.name)
        if same_name is not None and same_name.id != checked.id:
            raise refuse(
                ValidationError(
                    f"已有名为“{checked.name}”的套打版式，请换一个名称", field="版式名称"
                )
            )
        if checked.id and tx.uow.stock.layout(checked.id) is None:
            raise NotFound(f"套打版式（编号 {checked.id}）已不存在", field="套打版式")
        stored = replace(checked, template_sha256=sha256, fields=fields_in_order(checked.fields))
        layout_id = tx.uow.stock.save_layout(stored, scan, keep_scan, tx.now, actor.username)
        tx.record(
            f"stock_layout:{layout_id}",
            name=stored.name,
            fields=[f.key for f in stored.fields],
            scan="新扫描图" if scan is not None else ("保留" if keep_scan else "删除"),
            template_sha256=sha256[:12],
        )
        saved = tx.uow.stock.layout(layout_id)
    assert saved is not None
    return saved


def export_stock_layout(env: Env, actor: Actor, layout_id: int) -> bytes:
    """The layout as a UTF-8 JSON document (without the scan), to keep or to copy elsewhere."""
    layout = stock_layout(env, actor, layout_id)
    return json.dumps(layout_to_json(layout), ensure_ascii=False, indent=2).encode("utf-8")


def import_stock_layout(env: Env, actor: Actor, raw: bytes) -> StockLayout:
    """Read a layout file (from `export_stock_layout`) and store it (one audited action).

    A layout of the same name is replaced, its scan kept; otherwise a new layout is stored.

    Raises:
        ValidationError: Empty, too large, not UTF-8, too deeply nested, not JSON, not a layout,
            or a field refused by `check_layout`.
    """
    if not raw.strip():
        raise ValidationError("套打版式文件是空的", field="套打版式文件")
    data = load_json_document(raw, "套打版式文件", MAX_LAYOUT_FILE, field="套打版式文件")
    layout = layout_from_json(data, "")
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        existing = uow.stock.layout_by_name(layout.name)
    if existing is not None:
        layout = replace(layout, id=existing.id)
    return save_stock_layout(env, actor, layout)


# ---------------------------------------------------------------------------------------------
# Printer calibration


def printer_calibrations(env: Env, actor: Actor) -> list[Calibration]:
    """Every calibrated printer, by name."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        return uow.stock.calibrations()


def printer_calibration(env: Env, actor: Actor, printer: str) -> Calibration | None:
    """One printer's calibration, or None when it was never calibrated."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        return uow.stock.calibration(printer.strip())


def save_printer_calibration(env: Env, actor: Actor, calibration: Calibration) -> Calibration:
    """Store a printer's calibration (one audited action); ValidationError when out of range."""
    with guarded(
        env, actor, Permission.CERTIFICATES_PRINT, "certificates.printer_calibration"
    ) as tx:
        checked = check_calibration(calibration)
        before = tx.uow.stock.calibration(checked.printer)
        tx.uow.stock.save_calibration(checked, tx.now, actor.username)
        tx.record(
            "",
            printer=checked.printer,
            before=_calibration_text(before) if before else "",
            after=_calibration_text(checked),
        )
    return checked


def _calibration_text(calibration: Calibration) -> str:
    return (
        f"dx {calibration.dx:+.2f} mm, dy {calibration.dy:+.2f} mm, "
        f"sx {calibration.sx:.4f}, sy {calibration.sy:.4f}"
    )


def calibration_page(
    env: Env, actor: Actor, printer: str, width: float = 297.0, height: float = 210.0
) -> bytes:
    """The calibration page for a printer as a PDF (printed at actual size, no calibration)."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT):
        pass  # only the permission: the page holds no data
    day = beijing_today(env).isoformat()
    return env.adapters.stock.render_calibration(width, height, printer.strip(), day)


# ---------------------------------------------------------------------------------------------
# Printing


@dataclass(frozen=True)
class _Prepared:
    record: CertificateRecord
    job: StockJob


def print_on_stock(
    env: Env,
    actor: Actor,
    numbers: Sequence[str],
    printer: str,
    layout_id: int,
    reason: str = "",
) -> list[StockJob]:
    """Release certificates for printing onto stock: checked, drawn, logged and audited.

    Args:
        env: The environment.
        actor: The certificate officer.
        numbers: The certificates to print.
        printer: The printer's name (its calibration is applied when there is one).
        layout_id: The stock layout.
        reason: Why a certificate printed before is printed again (required then).

    Raises:
        ConflictError: A certificate is revoked or void, or the layout was made for another
            template version.
        ValidationError: A reprint without a reason; a value no longer reads the same in the
            signed PDF; a character no font has; the QR code too small in its box.
        ComplianceBlocked: A signed PDF or the sheet fails the compliance check.
    """
    printer = printer.strip()[:MAX_PRINTER_NAME]
    if not printer:
        raise ValidationError("请选择打印机", field="打印机")
    released = released_certificates(env, actor, numbers, "套打")
    layout, calibration, prepared = _prepare(env, actor, released, printer, layout_id)
    _check_sheets(env, actor, prepared)
    with guarded(env, actor, Permission.CERTIFICATES_PRINT, "certificates.stock_print") as tx:
        jobs = _log_prints(tx.uow, actor, prepared, printer, layout, reason, tx.now)
        tx.record(
            "certificates",
            numbers=[j.number for j in jobs],
            reprints=[j.number for j in jobs if j.reprint],
            printer=printer,
            layout=layout.name,
            calibrated=calibration is not None,
            **({"reason": reason.strip()} if any(j.reprint for j in jobs) else {}),
        )
    return jobs


def _prepare(
    env: Env,
    actor: Actor,
    released: list[tuple[CertificateRecord, bytes]],
    printer: str,
    layout_id: int,
) -> tuple[StockLayout, Calibration | None, list[_Prepared]]:
    kit = env.adapters.certificates
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        layout = _layout(uow, layout_id)
        _, sha256 = _template_version(env, uow)
        if layout.template_sha256 != sha256:
            raise ConflictError(
                f"套打版式“{layout.name}”是为另一版证书模板设置的，证书模板已修改；"
                "请在套打版式中核对各字段位置后重新保存",
                field="套打版式",
            )
        calibration = uow.stock.calibration(printer)
        settings = stored_settings(uow)
        profile = uow.body.get_profile()
        body = profile.name if profile is not None else ""
        prepared = []
        for record, pdf in released:
            values, photo = _values(env, uow, record, settings.print_full_id, body)
            _matches_record(record.number, values, kit.pdf_text(pdf))
            prepared.append(
                _Prepared(record, _job(env, record, layout, calibration, values, photo))
            )
    return layout, calibration, prepared


def _values(
    env: Env, uow: UnitOfWork, record: CertificateRecord, full_id: bool, body: str
) -> tuple[dict[str, str], bytes | None]:
    """The texts of a certificate as its records hold them, and the photo as it was embedded."""
    candidate = next(
        (
            c
            for c in uow.certificates.candidates_of_batch(record.batch_id)
            if c.candidate_id == record.candidate_id
        ),
        None,
    )
    if candidate is None:
        raise NotFound(f"证书 {record.number} 的考生记录不存在，不能套打", field="证书编号")
    occupation = uow.catalogue.occupation(record.occupation_code)
    shown_id = candidate.id_number if full_id else candidate.id_masked
    values = {
        "name": candidate.name,
        "id_number": f"{candidate.id_type} {shown_id}".strip(),
        "occupation": occupation.name if occupation is not None else record.occupation_code,
        "direction": record.direction,
        "level": record.level.label,
        "number": record.number,
        "issue_date": format_chinese_date(record.issue_date),
        "body_name": body,
    }
    photo = (
        env.adapters.certificates.certificate_picture(candidate.photo) if candidate.photo else None
    )
    return values, photo


def _matches_record(number: str, values: dict[str, str], signed_text: str) -> None:
    """Refuse when a value does not read the same in the signed PDF (the record)."""
    flat = "".join(signed_text.split())
    for key, value in values.items():
        if value and "".join(value.split()) not in flat:
            raise ValidationError(
                f"证书 {number} 的“{FIELD_LABELS[key]}”与已签发的证书 PDF 不一致"
                "（可能机构名称或证件号码显示设置已更改），不能套打；"
                "已签发的 PDF 为准，如需改动请补发证书",
                field=FIELD_LABELS[key],
            )


def _job(
    env: Env,
    record: CertificateRecord,
    layout: StockLayout,
    calibration: Calibration | None,
    values: dict[str, str],
    photo: bytes | None,
) -> StockJob:
    tools = env.adapters.stock
    plan = place(layout, calibration, values)
    qr_rows: tuple[str, ...] = ()
    qr_box = plan.box("qr")
    if qr_box is not None and record.qr_payload:
        qr_rows = tools.qr_modules(record.qr_payload)
        module = min(qr_box.width, qr_box.height) / len(qr_rows)
        if module < MIN_QR_MODULE_MM:
            raise ValidationError(
                f"套打版式“{layout.name}”的二维码框太小：每个模块只有 {module:.2f} 毫米"
                f"（至少 {MIN_QR_MODULE_MM} 毫米），请放大二维码框",
                field="二维码",
            )
    try:
        pdf = tools.render_plan(
            plan, photo, record.qr_payload if qr_rows else "", title=f"套打 {record.number}"
        )
    except KaopingError as error:
        raise type(error)(f"证书 {record.number}：{error.message}", field=error.field) from None
    return StockJob(
        record.number, plan, photo, qr_rows, pdf, record.print_count + 1, calibration is not None
    )


def _check_sheets(env: Env, actor: Actor, prepared: list[_Prepared]) -> None:
    """The sheet is a certificate output too: its texts and images pass the compliance check."""
    kit = env.adapters.certificates
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        registry = approved_registry(uow, kit)
        body_name = exempt_body_name(env, uow)
        holders = {p.record.number: uow.certificates.holder_name(p.record.number) for p in prepared}
    findings = [
        (p.record.number, finding)
        for p in prepared
        for finding in kit.check_pdf(
            p.job.pdf, registry, (holders[p.record.number] or "",), body_name=body_name
        ).findings
    ]
    if findings:
        raise compliance_blocked(env, actor, "certificates:套打", findings, "套打")


def _log_prints(
    uow: UnitOfWork,
    actor: Actor,
    prepared: list[_Prepared],
    printer: str,
    layout: StockLayout,
    reason: str,
    now: datetime,
) -> list[StockJob]:
    jobs = []
    for item in prepared:
        # Read again inside the transaction: another workstation may have printed meanwhile.
        current = uow.certificates.by_number(item.record.number)
        copies = current.print_count if current is not None else item.record.print_count
        try:
            why = check_reprint_reason(item.record.number, copies, reason)
        except ValidationError as error:
            raise refuse(error, f"certificate:{item.record.number}") from None
        copy = uow.certificates.record_print(item.record.number, now)
        uow.stock.add_print(
            PrintRecord(
                0,
                item.record.number,
                now,
                actor.username,
                printer,
                layout.id,
                layout.name,
                PrintKind.REPRINT if copy > 1 else PrintKind.FIRST,
                why if copy > 1 else "",
            )
        )
        jobs.append(replace(item.job, copy=copy))
    return jobs


def print_log(env: Env, actor: Actor, number: str | None = None) -> list[PrintRecord]:
    """The print log, oldest first; one certificate's when a number is given."""
    with reading(env, actor, Permission.CERTIFICATES_PRINT) as uow:
        return uow.stock.prints(number.strip().upper() if number else None)
