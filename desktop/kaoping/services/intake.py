"""Candidate intake (报名) under the commitment-declaration system (告知承诺制).

A candidate declares facts and signs a commitment letter instead of submitting proofs; the
eligibility rules are evaluated on intake and the verdict kept with the application. People on the
dishonesty register must take the proofs route. Rosters of many candidates go in as one
transaction: every row is checked first, and either all go in, only the valid rows (when the user
chooses so after seeing the report), or nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import DeclaredFacts, EligibilityVerdict, RuleSet, evaluate
from kaoping.domain.errors import CancelledByUser, ConflictError, NotFound, ValidationError
from kaoping.domain.idnumber import mask_id
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.roster import (
    HEADERS,
    CandidateForm,
    CandidateStatus,
    Problem,
    RosterTable,
    Route,
    check_document,
    check_roster,
    form_cells,
    missing_headers,
    read_form,
)
from kaoping.domain.sampling import person_key
from kaoping.domain.spreadsheet_cells import starts_like_formula
from kaoping.services.base import Actor, Env, Tx, action, reading, require_batch
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.intake import (
    CandidateQuery,
    CandidateSummary,
    NewCandidate,
    StoredCandidate,
)

SECRET_SETTING = "intake.person_key_secret"
WITHDRAWAL_SETTING = "intake.withdrawal_days_before_start"
DISHONESTY_SETTING = "intake.dishonesty_years"
DEFAULT_DISHONESTY_YEARS = 3
"""Years on the dishonesty register after a false commitment. UNCONFIRMED: no rule for this
programme was found (standards.md §5.6); an administrator sets `intake.dishonesty_years`."""

_PROGRESS_EVERY = 500

Progress = Callable[[int, int], bool]
"""Called as progress(done, total); returning False cancels the whole action."""


class Cancelled(CancelledByUser):
    """The user cancelled a long action; nothing was changed."""


@dataclass(frozen=True)
class IdCheck:
    """The verdict on a document number as typed; never holds the whole number.

    Attributes:
        valid: Whether the number passes the checks of its document type.
        reason: Why not, in Chinese; "" when valid.
        field: The field at fault (证件类型 or 证件号码); "" when valid.
        masked: The number with its middle hidden.
        birth_date: The birth date coded in the number, if any.
        sex: The sex coded in the number, or "".
    """

    valid: bool
    reason: str
    field: str
    masked: str
    birth_date: date | None = None
    sex: str = ""


@dataclass(frozen=True)
class IntakeResult:
    """What entering one candidate produced."""

    candidate_id: int
    eligible: bool
    verdict: str
    rules_verified: bool
    letter_sha256: str
    letter_pdf: bytes | None


@dataclass(frozen=True)
class CandidatePage:
    """One page of the candidates list and the number of all matching rows."""

    rows: tuple[CandidateSummary, ...]
    total: int


@dataclass(frozen=True)
class RosterReport:
    """What checking a roster found: how many rows, how many valid, every problem.

    `warnings` are things the person should look at that do not stop a row: a name or work
    unit that a spreadsheet would take for a formula is kept as text (it may be real), and is
    written back escaped on export.
    """

    file_name: str
    total_rows: int
    valid_rows: int
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()

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


@dataclass(frozen=True)
class LetterCopy:
    """A commitment letter as rendered now, and whether it matches the recorded fingerprint."""

    pdf: bytes
    sha256: str
    matches_record: bool


def local_today(env: Env) -> date:
    """Today's date in China (UTC+8), where deadlines are counted."""
    return env.clock.now().astimezone(BEIJING).date()


def check_id(id_type: str, number: str, today: date | None = None) -> IdCheck:
    """Check a document number as typed (no sign-in needed: nothing is read or stored)."""
    try:
        _, normalised, birth, sex = check_document(id_type, number, today or date.today())
    except ValidationError as error:
        return IdCheck(False, error.message, error.field or "证件号码", mask_id(number.strip()))
    return IdCheck(True, "", "", mask_id(normalised), birth, sex)


def parse_form(
    cells: Mapping[str, str], today: date, photo: bytes | None = None
) -> tuple[CandidateForm | None, list[Problem]]:
    """Check what was typed into the intake form; every problem names its field."""
    return read_form(cells, today, 0, photo)


def rules(env: Env) -> RuleSet:
    """The eligibility rules (申报条件) from the standards files."""
    return RuleSet.from_json(env.adapters.standards.raw("eligibility.json"))


def check_eligibility(
    env: Env, occupation_code: str, level: Level, facts: DeclaredFacts, as_of: date
) -> EligibilityVerdict:
    """Evaluate declared facts against the rules, without storing anything."""
    return evaluate(rules(env), occupation_code, level, facts, as_of)


def enter_candidate(env: Env, actor: Actor, batch_id: int, form: CandidateForm) -> IntakeResult:
    """Take one application into a batch: refusals, eligibility verdict, commitment letter.

    Raises:
        ConflictError: A duplicate application or a certificate already held.
        ValidationError: The commitment route for a person on the dishonesty register.
    """
    with action(env, actor, Permission.CANDIDATES_EDIT, "candidates.create") as tx:
        batch = _open_batch(tx.uow, batch_id)
        today = local_today(env)
        key = person_key(form.id_type.value, form.id_number, _secret(tx.uow))
        for problem in _refusals(tx.uow, batch, [(0, key, form)], today):
            error = ConflictError if problem.field != "申报方式" else ValidationError
            raise error(problem.reason, field=problem.field)
        for problem in _unprintable(env, 0, form):
            raise ValidationError(problem.reason, field=problem.field)
        eligible, note, verified = _verdict(rules(env), batch, form)
        pdf = None
        if form.route is Route.COMMITMENT:
            pdf = _render_letter(env, tx.uow, batch, form)
        sha = hashlib.sha256(pdf).hexdigest() if pdf else ""
        candidate_id = tx.uow.candidates.add(
            NewCandidate(
                batch.id,
                form,
                key,
                batch.occupation_code,
                batch.direction,
                batch.level,
                eligible,
                note,
                verified,
                sha,
                today if pdf else None,
            ),
            env.clock.now(),
        )
        tx.record(
            f"candidate:{candidate_id}",
            batch=batch.code,
            id_masked=form.id_masked,
            route=form.route.value,
            eligible=eligible,
            letter_sha256=sha,
        )
    return IntakeResult(candidate_id, eligible, note, verified, sha, pdf)


def list_candidates(env: Env, actor: Actor, query: CandidateQuery) -> CandidatePage:
    """One page of candidates (masked document numbers), filtered and sorted in the database."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        rows, total = uow.candidates.page(query)
    return CandidatePage(tuple(rows), total)


def candidate_detail(env: Env, actor: Actor, candidate_id: int) -> StoredCandidate:
    """One application for display; the document number comes back masked."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        found = _existing(uow, candidate_id)
    return replace(found, form=replace(found.form, id_number=found.form.id_masked), person_key="")


def withdrawal_deadline(uow: UnitOfWork, batch: Batch) -> date:
    """The first day on which a commitment can no longer be withdrawn.

    It is the batch's first assessment day, or that many days earlier when the setting
    `intake.withdrawal_days_before_start` says so.
    """
    days = int(uow.settings.get(WITHDRAWAL_SETTING, 0) or 0)
    return batch.assessment_start - timedelta(days=max(days, 0))


def withdraw(env: Env, actor: Actor, candidate_id: int, reason: str) -> None:
    """Withdraw an application (and its commitment) before the deadline."""
    with action(env, actor, Permission.CANDIDATES_EDIT, "candidates.withdraw") as tx:
        found = _existing(tx.uow, candidate_id)
        if found.status is not CandidateStatus.ACTIVE:
            raise ConflictError(f"该申报状态为“{found.status.label}”，不能撤回。", field="状态")
        batch = require_batch(tx.uow, found.batch_id)
        deadline = withdrawal_deadline(tx.uow, batch)
        if local_today(env) >= deadline:
            raise ConflictError(
                f"撤回截止日期为 {deadline.isoformat()}（当天及以后不能撤回），已过截止日期。",
                field="撤回",
            )
        tx.uow.candidates.set_status(candidate_id, CandidateStatus.WITHDRAWN, env.clock.now())
        tx.record(
            f"candidate:{candidate_id}", id_masked=found.form.id_masked, reason=reason.strip()[:200]
        )


def commitment_letter(env: Env, actor: Actor, candidate_id: int) -> LetterCopy:
    """Render a candidate's commitment letter for printing; records its fingerprint if none yet.

    Imported candidates get their letter this way: the first rendering fixes the fingerprint and
    the signing day, later ones are compared with it.
    """
    with action(env, actor, Permission.CANDIDATES_EDIT, "candidates.letter") as tx:
        found = _existing(tx.uow, candidate_id)
        if found.form.route is not Route.COMMITMENT:
            raise ConflictError("该考生按“提交证明”方式申报，没有告知承诺书。", field="申报方式")
        pdf = _render_letter(env, tx.uow, require_batch(tx.uow, found.batch_id), found.form)
        sha = hashlib.sha256(pdf).hexdigest()
        if not found.commitment_sha256:
            tx.uow.candidates.set_letter(candidate_id, sha, local_today(env))
        matches = sha == (found.commitment_sha256 or sha)
        tx.record(f"candidate:{candidate_id}", letter_sha256=sha, matches_record=matches)
    return LetterCopy(pdf, sha, matches)


def void_application(env: Env, tx: Tx, candidate: StoredCandidate, reason: str) -> int:
    """Void an application and what hangs on it, inside the caller's transaction.

    The candidate's results become void and every `env.hooks.on_void` hook is called. Returns the
    number of result rows voided.
    """
    tx.uow.candidates.set_status(candidate.id, CandidateStatus.VOID, env.clock.now(), reason)
    voided = tx.uow.candidates.void_results(candidate.id, reason)
    for hook in env.hooks.on_void:
        hook(tx, candidate.id, reason)
    return voided


def dishonesty_years(uow: UnitOfWork) -> int:
    """Years on the register after a false commitment (setting; default UNCONFIRMED 3)."""
    return int(uow.settings.get(DISHONESTY_SETTING, DEFAULT_DISHONESTY_YEARS))


def register_dishonesty(env: Env, tx: Tx, candidate: StoredCandidate, reason: str) -> date:
    """Put the candidate's person on the dishonesty register from today; returns the last day."""
    start = local_today(env)
    years = dishonesty_years(tx.uow)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    until = end - timedelta(days=1)
    tx.uow.candidates.add_dishonesty(
        candidate.person_key,
        candidate.form.id_masked,
        candidate.form.name,
        start,
        until,
        reason,
        candidate.id,
        env.clock.now(),
    )
    return until


# --- rosters ---------------------------------------------------------------------------------


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
        batch = _open_batch(uow, batch_id)
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
        batch = _open_batch(tx.uow, batch_id)
        report, ready = _assess(env, tx.uow, batch, table, path.name, _secret(tx.uow), progress)
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


# --- internals -------------------------------------------------------------------------------


def _read_table(env: Env, path: Path) -> RosterTable:
    files = env.adapters.rosters
    table = files.read(path)
    missing = missing_headers(table.headers)
    if missing:
        raise ValidationError(
            f"名册缺少必填列：{'、'.join(missing)}。请下载模板，按模板的表头填写。", field="表头"
        )
    unknown = [h for h in table.headers if h and h not in HEADERS]
    if unknown:
        raise ValidationError(
            f"名册有无法识别的列：{'、'.join(unknown)}。请按模板的表头填写。", field="表头"
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
    checked = check_roster(table.rows, today)
    keyed = [
        (row, person_key(f.id_type.value, f.id_number, secret) if secret else "", f)
        for row, f in checked.valid
    ]
    problems = list(checked.problems)
    refused = _refusals(uow, batch, keyed, today) if secret else []
    problems.extend(refused)
    unprintable = [p for row, _, form in keyed for p in _unprintable(env, row, form)]
    problems.extend(unprintable)
    bad = {p.row for p in refused} | {p.row for p in unprintable}
    rule_set = rules(env)
    ready: list[NewCandidate] = []
    for done, (row, key, form) in enumerate(keyed, start=1):
        if done % _PROGRESS_EVERY == 0:
            _tick(progress, total + done, total * 2)
        if row in bad:
            continue
        eligible, note, verified = _verdict(rule_set, batch, form)
        ready.append(
            NewCandidate(
                batch.id,
                form,
                key,
                batch.occupation_code,
                batch.direction,
                batch.level,
                eligible,
                note,
                verified,
            )
        )
    problems.sort(key=lambda p: p.row)
    warnings = tuple(
        w for row, form in checked.valid if row not in bad for w in _warnings(row, form)
    )
    return RosterReport(name, total, len(ready), tuple(problems), warnings), ready


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


# The fields a commitment letter, a ticket or a certificate prints as typed.
_PRINTED_FIELDS = (
    ("name", "姓名"),
    ("major", "所学专业"),
    ("work_unit", "工作单位"),
    ("region_note", "在桂依据说明"),
    ("training_cert_no", "培训合格证书编号"),
    ("training_body", "培训机构"),
)


def _unprintable(env: Env, row: int, form: CandidateForm) -> list[Problem]:
    """Fields with a character no shipped font has: refused, since printing would fail later.

    Such a person could never get a commitment letter, a ticket or a certificate, so the row is
    stopped at entry, naming the character and its code point (never the rest of the value).
    """
    found: list[Problem] = []
    for key, header in _PRINTED_FIELDS:
        missing = env.adapters.glyphs.missing(getattr(form, key))
        if missing:
            listed = "、".join(f"“{c}”(U+{ord(c):04X})" for c in missing)
            found.append(
                Problem(
                    row,
                    header,
                    f"{listed} 在程序自带的字体中都没有字形，承诺书、准考证和证书都无法打印；"
                    "请核对用字或改用常用字形",
                )
            )
    return found


def _refusals(
    uow: UnitOfWork, batch: Batch, keyed: Sequence[tuple[int, str, CandidateForm]], today: date
) -> list[Problem]:
    """Duplicates, certificates already held and barred commitments, as row problems."""
    keys = {key for _, key, _ in keyed}
    repo = uow.candidates
    active = repo.active_keys(keys, batch.occupation_code, batch.direction, batch.level)
    held = repo.held_certificates(keys, batch.occupation_code)
    barred = repo.barred_until(keys, today)
    rank = list(Level).index
    problems: list[Problem] = []
    for row, key, form in keyed:
        levels = held.get(key, []) + [
            c.level for c in form.prior_certificates if c.occupation_code == batch.occupation_code
        ]
        top = max(levels, key=rank, default=None)
        if key in active:
            problems.append(
                Problem(
                    row,
                    "证件号码",
                    (
                        f"证件号码为 {form.id_masked} 的考生已有本职业、方向、{batch.level.label}的有效申报，"
                        "不能重复申报；如需改报，请先撤回原申报"
                    ),
                )
            )
        elif top is not None and rank(top) >= rank(batch.level):
            problems.append(
                Problem(
                    row,
                    "既有证书等级",
                    (
                        f"该考生已持有本职业{top.label}专业技术等级证书，不能再申报{batch.level.label}；"
                        "请改报更高等级"
                    ),
                )
            )
        elif key in barred and form.route is Route.COMMITMENT:
            problems.append(
                Problem(
                    row,
                    "申报方式",
                    (
                        f"该考生在失信人员名单中（至 {barred[key].isoformat()}），不得采用告知承诺方式；"
                        "请把申报方式改为“提交证明”，并收取学历、工作年限等证明材料"
                    ),
                )
            )
    return problems


def _verdict(rule_set: RuleSet, batch: Batch, form: CandidateForm) -> tuple[bool, str, bool]:
    try:
        verdict = evaluate(
            rule_set, batch.occupation_code, batch.level, form.facts(), batch.assessment_start
        )
    except ValidationError as error:
        return False, f"{error.message}；需人工审核申报条件。", False
    return verdict.eligible, verdict.explain(), verdict.verified


def letter_facts(form: CandidateForm) -> dict[str, str]:
    """The declared facts as printed in the letter; the document number masked."""
    training = "无"
    if form.training_cert_no:
        hours = f"，{form.training_hours}学时" if form.training_hours else ""
        training = (
            f"{form.training_cert_no}（{form.training_body}{hours}，"
            f"{_day(form.training_date)}结业）"
        )
    prior = (
        "；".join(
            f"{c.occupation_code} {c.level.label} {c.number}（{c.issue_date}）"
            for c in form.prior_certificates
        )
        or "无"
    )
    title = form.title.value + (f"（{form.title_date}取得）" if form.title_date else "")
    region = form.region_basis.value + "：" + (form.work_unit or form.region_note)
    return {
        "姓名": form.name,
        "证件类型": form.id_type.value,
        "证件号码": form.id_masked,
        "联系电话": form.phone,
        "最高学历": form.education.value,
        "所学专业": f"{form.major or '—'}（{'与本职业相关' if form.major_related else '与本职业不相关'}）",
        "毕业日期": _day(form.graduation_date),
        "参加本职业工作时间": _day(form.work_start_date) if form.work_start_date else "无",
        "职称": title,
        "在桂依据": region,
        "培训合格证书": training,
        "已取得的专业技术等级证书": prior,
    }


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _render_letter(env: Env, uow: UnitOfWork, batch: Batch, form: CandidateForm) -> bytes:
    profile = uow.body.get_profile()
    occupation = uow.catalogue.occupation(batch.occupation_code)
    renderer = env.adapters.letter
    return renderer(
        profile.name if profile else "",
        letter_facts(form),
        occupation.name if occupation else batch.occupation_code,
        batch.direction,
        batch.level.label,
        withdrawal_deadline(uow, batch),
        invariant=True,
        # The letter promises the period the register will actually apply.
        dishonesty_years=dishonesty_years(uow),
    )


def _secret(uow: UnitOfWork) -> bytes:
    """The installation's person_key secret, made on first use (inside a writing action)."""
    stored = uow.settings.get(SECRET_SETTING)
    if not stored:
        stored = secrets.token_hex(32)
        uow.settings.put(SECRET_SETTING, stored)
    return bytes.fromhex(stored)


def _open_batch(uow: UnitOfWork, batch_id: int) -> Batch:
    batch = require_batch(uow, batch_id)
    if batch.status is not BatchStatus.OPEN:
        raise ConflictError(
            f"批次 {batch.code} 处于“{batch.status.label}”状态，不再接受报名。", field="批次"
        )
    return batch


def _existing(uow: UnitOfWork, candidate_id: int) -> StoredCandidate:
    found = uow.candidates.get(candidate_id)
    if found is None:
        raise NotFound(f"考生（编号 {candidate_id}）不存在。", field="考生")
    return found
