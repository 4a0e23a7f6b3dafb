"""What intake's modules share: settings, ID checks, eligibility, the letter and look-ups."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import DeclaredFacts, EligibilityVerdict, RuleSet, evaluate
from kaoping.domain.errors import CancelledByUser, ConflictError, NotFound, ValidationError
from kaoping.domain.idnumber import mask_id
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roster import (
    CandidateForm,
    Problem,
    Route,
    check_document,
    read_form,
)
from kaoping.services.base import Env, require_batch
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.intake import (
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
    alternative: str = ""


@dataclass(frozen=True)
class CandidatePage:
    """One page of the candidates list and the number of all matching rows."""

    rows: tuple[CandidateSummary, ...]
    total: int


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


def parse_form(cells: Mapping[str, str], today: date) -> tuple[CandidateForm | None, list[Problem]]:
    """Check what was typed into the intake form; every problem names its field."""
    return read_form(cells, today, 0)


def rules(env: Env) -> RuleSet:
    """The eligibility rules (申报条件) from the standards files."""
    return RuleSet.from_json(env.adapters.standards.raw("eligibility.json"))


def check_eligibility(
    env: Env, occupation_code: str, level: Level, facts: DeclaredFacts, as_of: date
) -> EligibilityVerdict:
    """Evaluate declared facts against the rules, without storing anything."""
    return evaluate(rules(env), occupation_code, level, facts, as_of)


def dishonesty_years(uow: UnitOfWork) -> int:
    """Years on the register after a false commitment (setting; default UNCONFIRMED 3)."""
    return int(uow.settings.get(DISHONESTY_SETTING, DEFAULT_DISHONESTY_YEARS))


# The fields a commitment letter, a ticket or a certificate prints as typed.
_PRINTED_FIELDS = (
    ("name", "姓名"),
    ("major", "所学专业"),
    ("work_unit", "工作单位"),
    ("region_note", "在桂依据说明"),
    ("training_cert_no", "培训合格证书编号"),
    ("training_body", "培训机构"),
)


def unprintable_fields(env: Env, row: int, form: CandidateForm) -> list[Problem]:
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


@dataclass(frozen=True)
class Judgement:
    """The eligibility verdict on one application, as intake keeps and reports it.

    Attributes:
        eligible: Whether the application meets the rules (申报条件).
        note: The verdict in words, kept with the application.
        verified: Whether the rules used were checked against the official text.
        alternative: The alternative met, as "（2）…", or "".
        alternative_id: Its id, or "".
        proof: What verification must see for that alternative (fresh graduates), or "".
        reason: Why not eligible, on one line; "" when eligible.
    """

    eligible: bool
    note: str
    verified: bool
    alternative: str = ""
    alternative_id: str = ""
    proof: str = ""
    reason: str = ""


def verdict(rule_set: RuleSet, batch: Batch, form: CandidateForm) -> Judgement:
    """Judge one application against the rules of its batch on the first assessment day."""
    try:
        found = evaluate(
            rule_set, batch.occupation_code, batch.level, form.facts(), batch.assessment_start
        )
    except ValidationError as error:
        note = f"{error.message}；需人工审核申报条件。"
        return Judgement(False, note, False, reason=note)
    met = found.satisfied if found.eligible else None
    return Judgement(
        found.eligible,
        found.explain(),
        found.verified,
        met.label if met else "",
        met.id if met else "",
        met.proof if met else "",
        found.reason(),
    )


def new_candidate(
    batch: Batch,
    form: CandidateForm,
    key: str,
    judged: Judgement,
    letter: tuple[str, date | None] = ("", None),
    entered_by: str = "",
) -> NewCandidate:
    """The application to store: the batch's target, the form and the verdict."""
    return NewCandidate(
        batch.id,
        form,
        key,
        batch.occupation_code,
        batch.direction,
        batch.level,
        judged.eligible,
        judged.note,
        judged.verified,
        letter[0],
        letter[1],
        eligibility_alternative=judged.alternative_id,
        eligibility_proof=judged.proof,
        entered_by=entered_by,
    )


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


def render_letter(env: Env, uow: UnitOfWork, batch: Batch, form: CandidateForm) -> bytes:
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


def person_key_secret(uow: UnitOfWork) -> bytes:
    """The installation's person_key secret, made on first use (inside a writing action)."""
    stored = uow.settings.get(SECRET_SETTING)
    if not stored:
        stored = secrets.token_hex(32)
        uow.settings.put(SECRET_SETTING, stored)
    return bytes.fromhex(stored)


def require_open_batch(uow: UnitOfWork, batch_id: int) -> Batch:
    batch = require_batch(uow, batch_id)
    if batch.status is not BatchStatus.OPEN:
        raise ConflictError(
            f"批次 {batch.code} 处于“{batch.status.label}”状态，不再接受报名。", field="批次"
        )
    return batch


def require_candidate(uow: UnitOfWork, candidate_id: int) -> StoredCandidate:
    found = uow.candidates.get(candidate_id)
    if found is None:
        raise NotFound(f"考生（编号 {candidate_id}）不存在。", field="考生")
    return found


def withdrawal_deadline(uow: UnitOfWork, batch: Batch) -> date:
    """The first day on which a commitment can no longer be withdrawn.

    It is the batch's first assessment day, or that many days earlier when the setting
    `intake.withdrawal_days_before_start` says so.
    """
    days = int(uow.settings.get(WITHDRAWAL_SETTING, 0) or 0)
    return batch.assessment_start - timedelta(days=max(days, 0))


def refusals(
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
