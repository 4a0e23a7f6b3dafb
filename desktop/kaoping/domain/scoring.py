"""Double-keyed score entry (双人录入), reconciliation, confirmation (确认) and amendment (更正).

A `ComponentScores` value is one candidate's score for one component. It changes only by appending
an event to its history (a keying, a supervisor's resolution, the confirmation, an amendment), so
every value ever recorded stays visible. The functions here are pure: they take a value and return
a new one, or raise with a Chinese message naming the row and the fix.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from kaoping.domain.assessment import Component, ComponentRule
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError

ONE_DECIMAL = Decimal("0.1")


class ScoreStatus(StrEnum):
    """Whether a candidate sat the component and the score stands."""

    PRESENT = "present"
    ABSENT = "absent"
    VOIDED = "voided"

    @property
    def label(self) -> str:
        """The Chinese name: 实考, 缺考 or 作废."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ScoreStatus.PRESENT: "实考",
    ScoreStatus.ABSENT: "缺考",
    ScoreStatus.VOIDED: "作废",
}


@dataclass(frozen=True)
class Mark:
    """A status with its score; the score is None exactly when absent or voided."""

    status: ScoreStatus
    value: Decimal | None = None

    def __str__(self) -> str:
        if self.status is ScoreStatus.PRESENT and self.value is not None:
            return f"{_fmt(self.value)} 分"
        return self.status.label


@dataclass(frozen=True)
class ScoreEntry:
    """One keying of one score by one user.

    Attributes:
        candidate_id: The candidate (never an ID-card number).
        component: The component scored.
        value: The score; None when absent or voided.
        status: Present, absent (缺考) or voided (作废).
        keyed_by: The user id of the person who keyed it.
        keyed_at: When it was keyed.
    """

    candidate_id: str
    component: Component
    value: Decimal | None
    status: ScoreStatus
    keyed_by: str
    keyed_at: datetime

    @property
    def mark(self) -> Mark:
        """Status and value together, as compared between the two keyings."""
        return Mark(self.status, self.value)


@dataclass(frozen=True)
class Resolution:
    """A supervisor's decision (裁定) between two keyings that disagree."""

    mark: Mark
    supervisor_id: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class Confirmation:
    """The confirmation (确认) that locks the score."""

    confirmed_by: str
    at: datetime


@dataclass(frozen=True)
class Amendment:
    """A change to a confirmed score (成绩更正), approved by a supervisor other than the requester.

    Attributes:
        old: The final mark being replaced, as the requester saw it.
        new: The corrected mark.
        reason: Why; required.
        requested_by: The user asking for the change.
        approved_by: The supervisor approving it.
        at: When it was approved.
    """

    old: Mark
    new: Mark
    reason: str
    requested_by: str
    approved_by: str
    at: datetime


ScoreEvent = ScoreEntry | Resolution | Confirmation | Amendment


@dataclass(frozen=True)
class Match:
    """Both keyings agree on this mark."""

    mark: Mark


@dataclass(frozen=True)
class Mismatch:
    """The two keyings disagree; a supervisor must resolve it."""

    first: ScoreEntry
    second: ScoreEntry


@dataclass(frozen=True)
class ComponentScores:
    """One candidate's score for one component, as an append-only history of events.

    Attributes:
        candidate_id: The candidate.
        component: The component.
        scale_max: The top of the component's scale; keyed values must lie in 0..scale_max.
        row: The candidate's row on the score sheet, for messages.
        history: Every event so far, oldest first.
    """

    candidate_id: str
    component: Component
    scale_max: Decimal
    row: int | None = None
    history: tuple[ScoreEvent, ...] = ()

    @classmethod
    def blank(
        cls, candidate_id: str, rule: ComponentRule, row: int | None = None
    ) -> ComponentScores:
        """Start an empty sheet line for a candidate under a component's rule."""
        return cls(candidate_id, rule.component, rule.scale_max, row)

    @property
    def entries(self) -> tuple[ScoreEntry, ...]:
        """The keyings, first one first."""
        return tuple(e for e in self.history if isinstance(e, ScoreEntry))

    @property
    def resolution(self) -> Resolution | None:
        """The supervisor's resolution, if there was one."""
        return next((e for e in self.history if isinstance(e, Resolution)), None)

    @property
    def confirmation(self) -> Confirmation | None:
        """The confirmation, once confirmed."""
        return next((e for e in self.history if isinstance(e, Confirmation)), None)

    @property
    def amendments(self) -> tuple[Amendment, ...]:
        """Approved changes after confirmation, oldest first."""
        return tuple(e for e in self.history if isinstance(e, Amendment))

    @property
    def where(self) -> str:
        """How messages name this line, e.g. `第 3 行考生 C001 的理论知识考试`."""
        row = f"第 {self.row} 行" if self.row is not None else ""
        return f"{row}考生 {self.candidate_id} 的{self.component.label}"

    def _with(self, event: ScoreEvent) -> ComponentScores:
        return replace(self, history=(*self.history, event))


def parse_score(
    text: str, scale_max: Decimal, *, field: str = "成绩", row: int | None = None
) -> Decimal:
    """Turn typed text such as `85.5` into a score, checking it against the scale.

    Raises:
        ValidationError: The text is not a number in 0..scale_max with at most one decimal place.
    """
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValidationError(
            f"“{text}”不是数字，请填写 0 到 {_fmt(scale_max)} 之间的分数", field=field, row=row
        ) from None
    check_value(value, scale_max, field=field, row=row)
    return value


def check_value(
    value: Decimal, scale_max: Decimal, *, field: str = "成绩", row: int | None = None
) -> None:
    """Refuse a score outside 0..scale_max or with more than one decimal place."""
    allowed = f"允许范围为 0 到 {_fmt(scale_max)} 分，最多一位小数"
    # Typed as Decimal, but a screen may still hand over a float or int; refuse it plainly.
    if not _is_decimal(value) or not value.is_finite():
        raise ValidationError(f"成绩须为数字，{allowed}", field=field, row=row)
    if not 0 <= value <= scale_max or value != value.quantize(ONE_DECIMAL):
        raise ValidationError(f"成绩 {_fmt(value)} 无效，{allowed}", field=field, row=row)


def _check_mark(state: ComponentScores, mark: Mark) -> None:
    field = state.component.label
    if mark.status is ScoreStatus.PRESENT:
        if mark.value is None:
            raise ValidationError(
                f"{state.where}为实考，必须填写分数；未参加请选“缺考”", field=field, row=state.row
            )
        check_value(mark.value, state.scale_max, field=field, row=state.row)
    elif mark.value is not None:
        raise ValidationError(
            f"{state.where}标记为{mark.status.label}，不能同时填写分数，请清空分数或改为实考",
            field=field,
            row=state.row,
        )


def _refuse_if_locked(state: ComponentScores) -> None:
    if state.confirmation is not None:
        raise ConflictError(
            f"{state.where}成绩已确认锁定，不能再录入或裁定；如需修改，请提交成绩更正并经质量督导员批准"
        )


def enter_score(
    state: ComponentScores, entry: ScoreEntry, *, scorers: Collection[str] | None = None
) -> ComponentScores:
    """Record a keying: the first, or the second by a different user.

    Args:
        state: The line being keyed.
        entry: The keying.
        scorers: When given, the user ids allowed to key this line (its assigned examiners).

    Returns:
        The line with the entry appended.

    Raises:
        ValidationError: The entry is for another line, the value is out of range, or status
            and value disagree.
        PermissionDenied: The user is not one of `scorers`.
        ConflictError: The line is confirmed, the same user keys twice, or it already has two
            keyings.
    """
    if (entry.candidate_id, entry.component) != (state.candidate_id, state.component):
        raise ValidationError(
            f"录入的是考生 {entry.candidate_id} 的{entry.component.label}，与{state.where}不符",
            row=state.row,
        )
    _refuse_if_locked(state)
    if not entry.keyed_by.strip():
        raise ValidationError("缺少录入人", field="录入人", row=state.row)
    if scorers is not None and entry.keyed_by not in scorers:
        raise PermissionDenied(f"用户 {entry.keyed_by} 未被指派为{state.where}的评分人员")
    _check_mark(state, entry.mark)
    previous = state.entries
    if len(previous) >= 2:
        raise ConflictError(
            f"{state.where}已有两次录入，不能再录第三次；两次不一致时请由质量督导员裁定"
        )
    if previous and previous[0].keyed_by == entry.keyed_by:
        raise ConflictError(
            f"同一人不能两次录入同一成绩：{state.where}第一次由 {entry.keyed_by} 录入，"
            "请由另一位考评员进行第二次录入"
        )
    return state._with(entry)


def reconcile(first: ScoreEntry, second: ScoreEntry) -> Match | Mismatch:
    """Compare two keyings; 85 and 85.0 count as the same score."""
    if first.mark == second.mark:
        return Match(first.mark)
    return Mismatch(first, second)


def reconciliation(state: ComponentScores) -> Match | Mismatch | None:
    """Return how the line's two keyings compare, or None while it has fewer than two."""
    entries = state.entries
    return reconcile(entries[0], entries[1]) if len(entries) == 2 else None


def resolve(
    state: ComponentScores,
    mark: Mark,
    supervisor_id: str,
    reason: str,
    *,
    supervisors: Collection[str],
    at: datetime,
) -> ComponentScores:
    """Record a supervisor's decision on a line whose two keyings disagree.

    Args:
        state: The line with a mismatch.
        mark: The decided status and score; it may differ from both keyings.
        supervisor_id: The deciding user.
        reason: Why this mark; required.
        supervisors: User ids holding the quality supervisor (质量督导员) role.
        at: When the decision was made.

    Raises:
        PermissionDenied: The user is not a supervisor, or keyed this line themselves.
        ConflictError: The line is confirmed, has no mismatch, or was already resolved.
        ValidationError: The reason is empty or the mark is invalid.
    """
    _refuse_if_locked(state)
    if supervisor_id not in supervisors:
        raise PermissionDenied(f"只有质量督导员可以裁定{state.where}的录入差异")
    if supervisor_id in {e.keyed_by for e in state.entries}:
        raise PermissionDenied(
            f"{supervisor_id} 参与了{state.where}的录入，请由另一位质量督导员裁定"
        )
    if not isinstance(reconciliation(state), Mismatch):
        raise ConflictError(f"{state.where}没有待裁定的录入差异")
    if state.resolution is not None:
        raise ConflictError(f"{state.where}已裁定过；确认后如需修改请提交成绩更正")
    if not reason.strip():
        raise ValidationError("请填写裁定理由", field="裁定理由", row=state.row)
    _check_mark(state, mark)
    return state._with(Resolution(mark, supervisor_id, reason.strip(), at))


def final_value(state: ComponentScores) -> Mark | None:
    """Return the mark that counts now, or None while the line is unfinished.

    The latest amendment wins; then a resolution; then the mark both keyings agree on.
    """
    if state.amendments:
        return state.amendments[-1].new
    if state.resolution is not None:
        return state.resolution.mark
    outcome = reconciliation(state)
    return outcome.mark if isinstance(outcome, Match) else None


def can_confirm(
    sheets: Iterable[ComponentScores], *, expected: Iterable[tuple[str, Component]] = ()
) -> list[str]:
    """List what stops these lines from being confirmed; empty when they can be.

    Args:
        sheets: The lines of a session's score sheet.
        expected: (candidate id, component) pairs that must have a line, so that a missing
            line is reported too.
    """
    lines = list(sheets)
    present = {(s.candidate_id, s.component) for s in lines}
    blockers = [
        f"考生 {cid} 的{component.label}：缺少成绩，请录入"
        for cid, component in expected
        if (cid, component) not in present
    ]
    for line in lines:
        blockers += _line_blockers(line)
    if not lines and not blockers:
        blockers.append("没有可确认的成绩")
    return blockers


def _line_blockers(line: ComponentScores) -> list[str]:
    if line.confirmation is not None:
        return [f"{line.where}已确认，不能重复确认"]
    count = len(line.entries)
    if count == 0:
        return [f"{line.where}：缺少成绩，请录入"]
    if count == 1:
        return [f"{line.where}：缺少第二次录入，请由另一位考评员录入"]
    outcome = reconciliation(line)
    if isinstance(outcome, Mismatch) and line.resolution is None:
        return [
            f"{line.where}：两次录入不一致（{outcome.first.mark} / {outcome.second.mark}），"
            "请由质量督导员裁定"
        ]
    return []


def confirm(
    sheets: Sequence[ComponentScores], confirmed_by: str, at: datetime
) -> tuple[ComponentScores, ...]:
    """Lock every line at once; refuse all of them if any one cannot be confirmed.

    Raises:
        ConflictError: Listing every blocker from `can_confirm`.
    """
    blockers = can_confirm(sheets)
    if blockers:
        raise ConflictError("成绩不能确认：\n" + "\n".join(blockers))
    event = Confirmation(confirmed_by, at)
    return tuple(line._with(event) for line in sheets)


def amend(
    state: ComponentScores, amendment: Amendment, *, supervisors: Collection[str]
) -> ComponentScores:
    """Apply an approved change to a confirmed line, keeping the old mark in the history.

    Raises:
        ConflictError: The line is not confirmed yet, or its mark changed since the request.
        ValidationError: No reason, an invalid new mark, or the new mark equals the old one.
        PermissionDenied: The approver is not a supervisor, or is the requester.
    """
    if state.confirmation is None:
        raise ConflictError(f"{state.where}尚未确认，请直接录入或裁定，不需要走更正")
    if not amendment.reason.strip():
        raise ValidationError("成绩更正须填写理由", field="更正理由", row=state.row)
    if amendment.approved_by not in supervisors:
        raise PermissionDenied(f"{state.where}的成绩更正须由质量督导员批准")
    if amendment.approved_by == amendment.requested_by:
        raise PermissionDenied("成绩更正的申请人与批准人不能是同一人，请由另一位质量督导员批准")
    current = final_value(state)
    if amendment.old != current:
        raise ConflictError(
            f"{state.where}当前成绩为 {current}，与申请时的 {amendment.old} 不同，请重新提交"
        )
    _check_mark(state, amendment.new)
    if amendment.new == amendment.old:
        raise ValidationError("新成绩与原成绩相同，无需更正", field="更正后成绩", row=state.row)
    return state._with(replace(amendment, reason=amendment.reason.strip()))


class ResultStatus(StrEnum):
    """The overall outcome for a candidate."""

    PASSED = "passed"
    FAILED = "failed"
    INCOMPLETE = "incomplete"
    VOID = "void"

    @property
    def label(self) -> str:
        """The Chinese name: 合格, 不合格, 未完成 or 作废 (the application was voided)."""
        return _RESULT_LABELS[self]


_RESULT_LABELS = {
    ResultStatus.PASSED: "合格",
    ResultStatus.FAILED: "不合格",
    ResultStatus.INCOMPLETE: "未完成",
    ResultStatus.VOID: "作废",
}


@dataclass(frozen=True)
class ResultOutcome:
    """The overall result and, when not passed, the reasons in Chinese."""

    status: ResultStatus
    reasons: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether every required component was passed."""
        return self.status is ResultStatus.PASSED


def compute_result(
    components_required: Sequence[Component],
    finals: Mapping[Component, Mark | None],
    rules: Mapping[Component, ComponentRule],
) -> ResultOutcome:
    """Decide pass, fail or incomplete from the final marks of the required components.

    A component without a final mark makes the result incomplete, not failed; absent and voided
    marks are not passes; a score passes when it is at least the pass mark.

    Raises:
        ValidationError: A required component has no rule.
    """
    missing: list[str] = []
    failed: list[str] = []
    for component in components_required:
        rule = rules.get(component)
        if rule is None:
            raise ValidationError(f"缺少{component.label}的评分规则", field=component.label)
        mark = finals.get(component)
        if mark is None:
            missing.append(f"{component.label}：尚无最终成绩")
        elif mark.status is not ScoreStatus.PRESENT or mark.value is None:
            failed.append(f"{component.label}：{mark.status.label}，不计为合格")
        elif mark.value < rule.pass_mark:
            failed.append(
                f"{component.label}：{_fmt(mark.value)} 分，低于合格线 {_fmt(rule.pass_mark)} 分"
            )
    if missing:
        return ResultOutcome(ResultStatus.INCOMPLETE, tuple(missing + failed))
    if failed:
        return ResultOutcome(ResultStatus.FAILED, tuple(failed))
    return ResultOutcome(ResultStatus.PASSED)


def confirmed_finals(sheets: Iterable[ComponentScores]) -> dict[Component, Mark | None]:
    """Final marks of one candidate's lines, counting only confirmed ones (others give None)."""
    return {
        line.component: final_value(line) if line.confirmation is not None else None
        for line in sheets
    }


def _is_decimal(value: object) -> bool:
    return isinstance(value, Decimal)


def _fmt(number: Decimal) -> str:
    return format(number, "f")
