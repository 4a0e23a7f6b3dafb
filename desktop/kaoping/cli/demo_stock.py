"""`kaoping demo`, step 12 continued: printing onto pre-printed certificate stock (套打)."""

from __future__ import annotations

from kaoping.cli.demo_support import DemoRun
from kaoping.domain.certificates import CertificateStatus, certificate_file_name
from kaoping.domain.errors import ValidationError
from kaoping.domain.stock_layout import CALIBRATION_MARKS, calibration_from_marks
from kaoping.services import certificates

PRINTER = "演示打印机"
# Where the demo's clerk measured crosshairs A (20, 20) and C (277, 190) on the printed
# calibration page: this printer shifts about 1 mm right and 0.6 mm up and prints 0.3 % small.
MEASURED_A = (21.0, 19.4)
MEASURED_C = (277.2, 188.9)


def print_on_stock(run: DemoRun) -> None:
    """A stock layout from the template, a calibrated printer, one sheet printed and reprinted."""
    zhengshu = run.cast("zhengshu")
    layout = certificates.save_stock_layout(
        run.env, zhengshu, certificates.new_stock_layout(run.env, zhengshu, "演示证书纸")
    )
    page = certificates.calibration_page(run.env, zhengshu, PRINTER)
    run.files.save("stock/calibration-page.pdf", page, "套打校准页（按实际大小打印后量十字线）")
    a, c = CALIBRATION_MARKS[0], CALIBRATION_MARKS[2]
    calibration = certificates.save_printer_calibration(
        run.env, zhengshu, calibration_from_marks(PRINTER, a, c, MEASURED_A, MEASURED_C)
    )
    overview = certificates.batch_certificates(run.env, zhengshu, run.batch_code)
    number = next(c.number for c in overview.certificates if c.status == CertificateStatus.VALID)
    job = certificates.print_on_stock(run.env, zhengshu, [number], PRINTER, layout.id)[0]
    name = certificate_file_name(number).removesuffix(".pdf") + "-stock.pdf"
    run.files.save(f"stock/{name}", job.pdf, "套打页（只有数据，印在证书纸上）")
    print(
        f"   套打：版式“{layout.name}”（{len(layout.fields)} 个字段，按证书模板的位置）；"
        f"打印机“{PRINTER}”按校准页测量值校准为 dx {calibration.dx:+.2f} 毫米、"
        f"dy {calibration.dy:+.2f} 毫米、sx {calibration.sx:.4f}、sy {calibration.sy:.4f}；"
        f"证书 {number} 已套打。"
    )
    try:
        certificates.print_on_stock(run.env, zhengshu, [number], PRINTER, layout.id)
    except ValidationError as refused:
        print(f"   不填原因重打被拒绝：{refused.message}")
    certificates.print_on_stock(run.env, zhengshu, [number], PRINTER, layout.id, "卡纸")
    log = certificates.print_log(run.env, zhengshu, number)
    kinds = "、".join(
        f"{r.printer} {'重打（' + r.reason + '）' if r.reason else '首次'}" for r in log
    )
    print(f"   打印记录：{kinds}。")
