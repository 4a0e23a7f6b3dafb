"""`kaoping demo`, steps 10–13: report (报送), approval (审核结果), certificates (颁证), dossier and audit."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import timedelta

from kaoping.cli.demo_intake import DEMO_BODY
from kaoping.cli.demo_people import CANDIDATES, REAL_NAMES
from kaoping.cli.demo_support import DEMO_PASSPHRASE, DemoRun, beijing
from kaoping.domain.certificates import RevocationCategory, certificate_file_name, mask_name
from kaoping.domain.errors import ConflictError
from kaoping.domain.spreadsheet_cells import escape_cell
from kaoping.paths import resource_path
from kaoping.services import (
    approvals,
    audit,
    certificates,
    deadlines,
    dossier,
    eligibility,
    exchange,
    intake,
    photos,
    results,
    verification,
)
from kaoping.services.ports.intake import CandidateQuery
from kaoping.services.results import ListedOutcome

REJECTION = "工作单位与社会保险缴纳记录不一致，请核实更正后重新报送"
REVOCATION = "经复核，持证人考核期间存在他人代考情形，依规撤销"
# The commands of docs/package-format.md §9: anyone can check the package with stock OpenSSL.
OPENSSL_STEPS = (
    "mkdir pkg && unzip -d pkg {zip} && cd pkg",
    "openssl x509 -in signer.pem -pubkey -noout > pubkey.pem",
    "openssl dgst -sha256 -verify pubkey.pem -signature manifest.sig manifest.json"
    "   # 应输出 Verified OK",
    "jq -r '.files[] | \"\\(.sha256)  \\(.name)\"' manifest.json | sha256sum -c -",
)


def _deadline(run: DemoRun) -> str:
    """The batch's running clock on the deadlines dashboard (期限看板), as the service words it."""
    row = next(
        r for r in deadlines.dashboard(run.env, run.cast("kaowu")) if r.batch_id == run.batch_id
    )
    if not row.clock:
        return f"期限看板：{row.label}"
    return f"期限看板：{row.clock_label} {row.due or '—'}，{row.label}"


def report_to_province(run: DemoRun) -> None:
    """Step 10: the signed report package to the provincial department (报送数据包)."""
    run.clock.move_to(beijing(run.timeline.after_exams(2), 10))
    package = exchange.export_report(run.env, run.cast("kaowu"), run.batch_code, DEMO_PASSPHRASE)
    path = run.files.save(f"report/{package.file_name}", package.data, "报送数据包（签名）")
    excepted = eligibility.list_overrides(run.env, run.cast("kaowu"), run.batch_id)
    print(
        f"10. 报送：签名数据包 {package.file_name}，考生 {package.summary['candidates']} 人，"
        f"合格 {package.summary['passed']} 人，申报条件例外 {len(excepted)} 人"
        f"（列于 eligibility_overrides.csv）；{_deadline(run)}。"
    )
    print("   收件方无需本软件，用标准 OpenSSL 即可核验（docs/package-format.md 第 9 节）：")
    for step in OPENSSL_STEPS:
        print(f"     {step.format(zip=path)}")
    print("   另须核对签名证书指纹，并确认没有清单以外的文件（命令见该节）。")


def import_approval(run: DemoRun) -> None:
    """Step 11: the department's answer, simulated by the demo, imported as a confirmed file."""
    run.clock.move_to(beijing(run.timeline.after_exams(16), 10))
    passed = [
        r
        for r in results.list_results(run.env, run.cast("kaowu"), run.batch_code)
        if r.outcome is ListedOutcome.PASSED
    ]
    rejected = passed[len(passed) // 2]
    decided = run.timeline.after_exams(15).isoformat()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=approvals.APPROVAL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in passed:
        refused = result is rejected
        row = {
            "考生编号": str(result.candidate_id),
            "证件号码": result.id_masked,
            "姓名": result.name,
            "审核结果": "不通过" if refused else "通过",
            "原因": REJECTION if refused else "",
            "审核日期": decided,
            "文号": "桂人社审〔演示〕1号",
        }
        writer.writerow({key: escape_cell(value) for key, value in row.items()})
    data = buffer.getvalue().encode("utf-8")
    path = run.files.save("approval-simulated.csv", data, "审核结果（演示模拟的人社厅回复）")
    answer = approvals.import_approval(
        run.env, run.cast("kaowu"), run.batch_code, data, path.name, source_confirmed=True
    )
    print("11. 审核结果：以下回复由演示程序模拟生成，代替自治区人社厅的审核结果文件。")
    print(
        f"   导入（操作员已确认来源）：通过 {answer.approved} 人，不通过 {answer.rejected} 人"
        f"（{rejected.name}：{REJECTION}）；批次状态：{answer.batch_status.label}。"
    )
    print(f"   {_deadline(run)}。")


def issue_certificates(run: DemoRun) -> None:
    """Step 12: register the seal, issue, save, revoke one, export the revocation list, verify."""
    run.clock.move_to(beijing(run.timeline.after_exams(18), 10))
    zhengshu = run.cast("zhengshu")
    seal = resource_path("images", "demo_seal.png").read_bytes()
    certificates.register_asset(run.env, zhengshu, f"{DEMO_BODY.name}电子印章", "seal", seal)
    issued = certificates.issue_batch(run.env, zhengshu, run.batch_code, DEMO_PASSPHRASE)
    jobs = certificates.export_certificates(run.env, zhengshu, issued.numbers)
    saved = {
        job.number: run.files.save_in(
            "certificates", certificate_file_name(job.number), job.pdf, "证书 PDF（已签名）"
        )
        for job in jobs
    }
    print(
        f"12. 颁证：登记机构印章图片；签发证书 {len(issued.numbers)} 张（逐张渲染、合规检查、"
        f"PAdES 签名），编号 {issued.numbers[0]} 至 {issued.numbers[-1]}；"
        f"颁证期限 {issued.due}，{'已逾期' if issued.late else '按期'}。"
    )
    _show_photo_as_stored(run, issued.numbers[0], saved[issued.numbers[0]].read_bytes())
    _show_real_names(run, issued.numbers)
    revoked = issued.numbers[len(issued.numbers) // 3]
    run.clock.move_to(run.clock.now() + timedelta(hours=2))
    zhengshu = run.cast("zhengshu")  # signed in again after the two hours
    certificates.revoke_certificate(
        run.env, zhengshu, revoked, REVOCATION, RevocationCategory.IMPERSONATION
    )
    revocations = verification.export_revocation_list(run.env, zhengshu, DEMO_PASSPHRASE)
    run.files.save("revocations.json", revocations, "吊销列表（签名）")
    print(f"   撤销证书 {revoked}（{RevocationCategory.IMPERSONATION.label}）；吊销列表已导出。")
    try:
        certificates.reissue_certificate(run.env, zhengshu, revoked, DEMO_PASSPHRASE, "持证人申请")
    except ConflictError as refused:
        print(f"   补发 {revoked} 被拒绝：{refused.message}")
    valid = next(n for n in issued.numbers if n != revoked)
    for number in (valid, revoked):
        verdict = verification.verify_pdf(run.env, saved[number].read_bytes())
        reason = f"：{verdict.problems[0]}" if verdict.problems else ""
        print(f"   核验 {saved[number].name}：{verdict.label}{reason}")
    _lookups(run, valid, revoked)


def _show_photo_as_stored(run: DemoRun, number: str, pdf: bytes) -> None:
    """The holder's photo is in the certificate as the very JPEG intake stored (not re-encoded)."""
    zhengshu = run.cast("zhengshu")
    holder = certificates.find_certificate(run.env, zhengshu, number).candidate_id
    stored = photos.candidate_photo(run.env, zhengshu, holder) or b""
    same = bool(stored) and stored in pdf
    print(
        f"   证书 {number} 中的照片{'与入库照片逐字节相同' if same else '与入库照片不同'}"
        f"（JPEG {len(stored) // 1024} KB，未重新编码）；入库时已通过国徽筛查的照片签发时不再重复筛查。"
    )


def _lookups(run: DemoRun, valid: str, revoked: str) -> None:
    """Someone telephones with a number and a name; and where a third party reads the QR format."""
    names = _holders(run)
    for number, name in ((valid, names[valid]), (revoked, names[revoked]), (valid, "王某")):
        answer = verification.lookup_certificate(run.env, number, name)
        print(f"   按编号和姓名查询 {number}、{mask_name(name)}：{answer.label}")
    doc = resource_path("..", "docs", "certificate-qr.md").resolve()
    shown = str(doc) if doc.exists() else "docs/certificate-qr.md（见源代码）"
    print(f"   二维码内容、签名与吊销列表的格式及用 OpenSSL 核验的步骤：{shown}")


def _holders(run: DemoRun) -> dict[str, str]:
    """Each certificate number of the batch with its holder's name (the demo plays the caller)."""
    query = CandidateQuery(batch_id=run.batch_id, limit=CANDIDATES * 2)
    people = {c.id: c.name for c in intake.list_candidates(run.env, run.cast("kaowu"), query).rows}
    overview = certificates.batch_certificates(run.env, run.cast("zhengshu"), run.batch_code)
    return {c.number: people[c.candidate_id] for c in overview.certificates}


def _show_real_names(run: DemoRun, numbers: Sequence[str]) -> None:
    """Name the holders whose names hold banned words: their certificates passed the check."""
    query = CandidateQuery(batch_id=run.batch_id, limit=CANDIDATES * 2)
    people = intake.list_candidates(run.env, run.cast("kaowu"), query).rows
    named = {c.id: c.name for c in people if c.name in REAL_NAMES.values()}
    overview = certificates.batch_certificates(run.env, run.cast("zhengshu"), run.batch_code)
    held = {c.candidate_id: c.number for c in overview.certificates if c.number in set(numbers)}
    shown = [f"{name}（{held[cid]}）" for cid, name in named.items() if cid in held]
    if shown:
        print(
            f"   姓名里有“中华”“国家”的持证人照常颁证（合规检查认得姓名字段）：{'、'.join(shown)}。"
        )


def close_batch(run: DemoRun) -> None:
    """Step 13: the deadlines dashboard, the inspection dossier (考务档案) and the audit chain."""
    run.clock.move_to(run.clock.now() + timedelta(hours=1))
    made = dossier.export_dossier(run.env, run.cast("kaowu"), run.batch_code, DEMO_PASSPHRASE)
    run.files.save("dossier/dossier.pdf", made.pdf, "考务档案 PDF")
    run.files.save(f"dossier/{made.package.file_name}", made.package.data, "考务档案数据包（签名）")
    verdict = audit.verify_log(run.env)
    print(f"13. {_deadline(run)}；考务档案 PDF 与签名数据包已导出。")
    print(f"   审计日志：{verdict.checked} 条记录，哈希链{'完好' if verdict.ok else '异常'}。")
