"""Rosters (名册): every row checked first, then all rows, only the valid ones, or nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from kaoping.domain.errors import ValidationError
from kaoping.domain.plans import Batch
from kaoping.domain.roles import Permission
from kaoping.domain.roster import (
    HEADERS,
    IGNORED_HEADERS,
    CandidateForm,
    Problem,
    RosterTable,
    check_roster,
    form_cells,
    missing_headers,
    with_standard_headers,
)
from kaoping.domain.sampling import person_key
from kaoping.domain.spreadsheet_cells import column_letter, starts_like_formula
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.intake._common import (
    SECRET_SETTING,
    Cancelled,
    Judgement,
    Progress,
    local_today,
    new_candidate,
    person_key_secret,
    refusals,
    require_open_batch,
    rules,
    unprintable_fields,
    verdict,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.intake import (
    NewCandidate,
)

_PROGRESS_EVERY = 500


@dataclass(frozen=True)
class RowEligibility:
    """The eligibility verdict (申报条件) on one valid row.

    Attributes:
        row: The row number (header = 1).
        name: The applicant's name.
        id_masked: The document number with its middle hidden.
        eligible: Whether the row meets the rules.
        basis: The alternative met ("（2）…", and the proof verification will check), or why
            the row is not eligible.
    """

    row: int
    name: str
    id_masked: str
    eligible: bool
    basis: str

    def __str__(self) -> str:
        verdict = "符合申报条件" if self.eligible else "不符合申报条件"
        return f"第{self.row}行 {self.name}（{self.id_masked}）{verdict}：{self.basis}"


@dataclass(frozen=True)
class RosterReport:
    """What checking a roster found: how many rows, how many valid, every problem.

    `warnings` are things the person should look at that do not stop a row: a name or work
    unit that a spreadsheet would take for a formula is kept as text (it may be real), and is
    written back escaped on export. `eligibility` holds the verdict on every valid row: an
    applicant who is not eligible is still taken in, but is not seated, scored, reported as
    passed or certified until a quality supervisor records an exception.
    """

    file_name: str
    total_rows: int
    valid_rows: int
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    eligibility: tuple[RowEligibility, ...] = ()
    header_row: int = 1  # where the header was found, below any titles and notes

    @property
    def eligible_rows(self) -> int:
        """Valid rows that meet the rules."""
        return sum(1 for e in self.eligibility if e.eligible)

    @property
    def ineligible_rows(self) -> int:
        """Valid rows that do not meet the rules."""
        return sum(1 for e in self.eligibility if not e.eligible)

    @property
    def bad_rows(self) -> tuple[int, ...]:
        """Row numbers with at least one problem, ascending."""
        return tuple(sorted({p.row for p in self.problems}))


class RosterRejected(ValidationError):
    """A roster with bad rows was refused as a whole; nothing was imported."""

    def __init__(self, report: RosterReport) -> None:
        super().__init__(
            f"名册 {report.file_name} 有 {len(report.bad_rows)} 行不符合要求，整份名册未导入。"
            "请按报告修改后重新导入，或选择只导入有效行。",
            field="名册",
        )
        self.report = report


def write_template(env: Env, path: Path) -> None:
    """Write an empty roster with the column headers and hints (no sign-in needed)."""
    files = env.adapters.rosters
    files.write_template(path)


def check_roster_file(
    env: Env, actor: Actor, batch_id: int, path: Path, progress: Progress | None = None
) -> RosterReport:
    """Check every row of a roster against the rules and the database; changes nothing."""
    table = _read_table(env, path)
    with reading(env, actor, Permission.CANDIDATES_IMPORT) as uow:
        batch = require_open_batch(uow, batch_id)
        secret = uow.settings.get(SECRET_SETTING)
        report, _ = _assess(
            env, uow, batch, table, path.name, bytes.fromhex(secret) if secret else None, progress
        )
    return report


@dataclass(frozen=True)
class ImportResult:
    """How many candidates went in, and the report they were checked with."""

    imported: int
    report: RosterReport


def import_roster(
    env: Env,
    actor: Actor,
    batch_id: int,
    path: Path,
    *,
    valid_only: bool,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a roster in one transaction.

    Args:
        env: The services' environment.
        actor: The signed-in user.
        batch_id: The batch the candidates apply to.
        path: An .xlsx or .csv file with the standard headers.
        valid_only: Import the valid rows even if others are bad; otherwise any bad row
            refuses the whole file.
        progress: Told how far the work is; returning False cancels with nothing imported.

    Raises:
        RosterRejected: Bad rows and not `valid_only`; carries the report.
        Cancelled: The user cancelled.
    """
    table = _read_table(env, path)
    with action(env, actor, Permission.CANDIDATES_IMPORT, "candidates.import") as tx:
        batch = require_open_batch(tx.uow, batch_id)
        report, assessed = _assess(
            env, tx.uow, batch, table, path.name, person_key_secret(tx.uow), progress
        )
        ready = [replace(c, entered_by=actor.username) for c in assessed]
        if report.problems and not valid_only:
            raise RosterRejected(report)
        now = env.clock.now()
        for start in range(0, len(ready), 2000):
            tx.uow.candidates.add_many(ready[start : start + 2000], now)
            _tick(
                progress,
                report.total_rows + start + len(ready[start : start + 2000]),
                report.total_rows + len(ready),
            )
        tx.record(
            f"batch:{batch.id}",
            batch=batch.code,
            file=path.name,
            imported=len(ready),
            bad_rows=len(report.bad_rows),
            eligible=report.eligible_rows,
            ineligible=report.ineligible_rows,
            valid_only=valid_only,
        )
    return ImportResult(len(ready), report)


def export_roster(
    env: Env,
    actor: Actor,
    batch_id: int,
    path: Path,
    *,
    full_numbers: bool = False,
    encoding: str = "utf-8",
) -> int:
    """Write a batch's candidates to .xlsx or .csv; returns how many.

    Document numbers are masked unless `full_numbers`, which needs the right to enter candidates
    and is audited.
    """
    permission = Permission.CANDIDATES_EDIT if full_numbers else Permission.CANDIDATES_VIEW
    with action(env, actor, permission, "candidates.export") as tx:
        batch = require_batch(tx.uow, batch_id)
        rows = [
            form_cells(c.form, mask=not full_numbers) for c in tx.uow.candidates.of_batch(batch.id)
        ]
        files = env.adapters.rosters
        files.write(path, rows, encoding=encoding)
        tx.record(
            f"batch:{batch.id}",
            batch=batch.code,
            file=path.name,
            rows=len(rows),
            full_numbers=full_numbers,
        )
    return len(rows)


def _read_table(env: Env, path: Path) -> RosterTable:
    files = env.adapters.rosters
    table = with_standard_headers(files.read(path))
    where = f"（表头在第 {table.header_row} 行）" if table.header_row != 1 else ""
    missing = missing_headers(table.headers)
    if missing:
        raise ValidationError(
            f"名册缺少必填列：{'、'.join(missing)}{where}。请下载模板，按模板的表头填写。",
            field="表头",
        )
    unknown = [
        f"{column_letter(i)} 列“{h}”"
        for i, h in enumerate(table.headers)
        if h and h not in HEADERS and h not in IGNORED_HEADERS
    ]
    if unknown:
        raise ValidationError(
            f"名册有无法识别的列：{'、'.join(unknown)}{where}。请按模板的表头填写。",
            field="表头",
        )
    return table


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and not progress(done, total):
        raise Cancelled("已取消，名册中的考生均未导入。")


def _assess(
    env: Env,
    uow: UnitOfWork,
    batch: Batch,
    table: RosterTable,
    name: str,
    secret: bytes | None,
    progress: Progress | None,
) -> tuple[RosterReport, list[NewCandidate]]:
    today = local_today(env)
    total = len(table.rows)
    _tick(progress, 0, total * 2)
    checked = check_roster(table.rows, today, table.problems)
    keyed = [
        (row, person_key(f.id_type.value, f.id_number, secret) if secret else "", f)
        for row, f in checked.valid
    ]
    problems = list(checked.problems)
    refused = refusals(uow, batch, keyed, today) if secret else []
    problems.extend(refused)
    unprintable = [p for row, _, form in keyed for p in unprintable_fields(env, row, form)]
    problems.extend(unprintable)
    bad = {p.row for p in refused} | {p.row for p in unprintable}
    rule_set = rules(env)
    ready: list[NewCandidate] = []
    verdicts: list[RowEligibility] = []
    for done, (row, key, form) in enumerate(keyed, start=1):
        if done % _PROGRESS_EVERY == 0:
            _tick(progress, total + done, total * 2)
        if row in bad:
            continue
        judged = verdict(rule_set, batch, form)
        ready.append(new_candidate(batch, form, key, judged))
        verdicts.append(_row_eligibility(row, form, judged))
    problems.sort(key=lambda p: p.row)
    warnings = table.warnings + tuple(
        w for row, form in checked.valid if row not in bad for w in _warnings(row, form)
    )
    report = RosterReport(
        name,
        total,
        len(ready),
        tuple(problems),
        warnings,
        tuple(verdicts),
        header_row=table.header_row,
    )
    return report, ready


def _row_eligibility(row: int, form: CandidateForm, judged: Judgement) -> RowEligibility:
    if not judged.eligible:
        return RowEligibility(row, form.name, form.id_masked, False, judged.reason)
    proof = f"（核查时须查验：{judged.proof}）" if judged.proof else ""
    return RowEligibility(row, form.name, form.id_masked, True, judged.alternative + proof)


_FORMULA_FIELDS = (("name", "姓名"), ("work_unit", "工作单位"))


_INVISIBLE = {"\t": "制表符", "\r": "回车符"}


def _warnings(row: int, form: CandidateForm) -> list[Problem]:
    """Fields that a spreadsheet would evaluate as a formula: kept, but worth a second look."""
    found: list[Problem] = []
    for key, header in _FORMULA_FIELDS:
        text = getattr(form, key)
        if starts_like_formula(text):
            first = _INVISIBLE.get(text[0], text[0])
            found.append(
                Problem(
                    row,
                    header,
                    f"提醒：以“{first}”开头，表格软件可能把它当作公式执行；已按文字保存，"
                    "导出时会在前面加单引号（'）。请核对是否填写有误",
                )
            )
    return found
