"""The examiner registry (考评人员库) and recusal (回避): who may score whom.

Registry entries carry roles and qualifications and may be linked to a sign-in account; declared
conflicts keep an examiner from scoring a candidate, and only a session's panel keys its scores.
"""

from __future__ import annotations

from dataclasses import replace

from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.staffing import SCORING_ROLES, ConflictKind
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exams import ExaminerDraft, ExaminerInfo
from kaoping.services.sessions._common import require_examiner, require_session

# examiner registry


def _check_draft(uow: UnitOfWork, draft: ExaminerDraft, examiner_id: int | None) -> None:
    if not draft.name.strip() or len(draft.name) > 60:
        raise ValidationError("请填写姓名（60 字以内）。", field="姓名")
    if not draft.roles:
        raise ValidationError(
            "请至少选择一种职责：考评员、监考员、质量督导员或评审专家。", field="职责"
        )
    scoring = draft.roles & SCORING_ROLES
    if scoring and (not draft.occupations or draft.level is None):
        raise ValidationError("考评员和评审专家须登记可考评的职业和最高等级。", field="资格")
    for code in sorted(draft.occupations):
        if uow.catalogue.occupation(code) is None:
            raise ValidationError(f"标准目录中没有职业编码 {code}。", field="资格职业")
    if draft.user_id is not None:
        if uow.users.get(draft.user_id) is None:
            raise NotFound(f"没有编号为 {draft.user_id} 的用户账号。", field="登录账号")
        linked = uow.exams.examiner_by_user(draft.user_id)
        if linked is not None and linked.id != examiner_id:
            raise ConflictError(
                f"该登录账号已关联考评人员 {linked.name}，一个账号只能关联一人。", field="登录账号"
            )


def _with_user(uow: UnitOfWork, draft: ExaminerDraft, username: str) -> ExaminerDraft:
    if not username.strip():
        return draft
    user = uow.users.by_username(username.strip())
    if user is None:
        raise NotFound(
            f"没有用户名为 {username.strip()} 的账号，请先由系统管理员创建。", field="登录账号"
        )
    return replace(draft, user_id=user.id)


def register_examiner(env: Env, actor: Actor, draft: ExaminerDraft, username: str = "") -> int:
    """Add a person to the examiner registry; `username` links their sign-in account."""
    draft = replace(
        draft,
        name=draft.name.strip(),
        certificate_no=draft.certificate_no.strip(),
        employer=draft.employer.strip(),
        phone=draft.phone.strip(),
    )
    with action(env, actor, Permission.SESSIONS_MANAGE, "examiners.register") as tx:
        draft = _with_user(tx.uow, draft, username)
        _check_draft(tx.uow, draft, None)
        examiner_id = tx.uow.exams.add_examiner(draft, env.clock.now())
        tx.record(
            f"examiner:{examiner_id}",
            roles=sorted(r.value for r in draft.roles),
            user=draft.user_id,
        )
    return examiner_id


def update_examiner(
    env: Env,
    actor: Actor,
    examiner_id: int,
    draft: ExaminerDraft,
    active: bool = True,
    username: str = "",
) -> None:
    """Change a registry entry (qualifications, roles, account) or retire it (`active=False`)."""
    with action(env, actor, Permission.SESSIONS_MANAGE, "examiners.update") as tx:
        require_examiner(tx.uow, examiner_id)
        draft = _with_user(tx.uow, draft, username)
        _check_draft(tx.uow, draft, examiner_id)
        tx.uow.exams.update_examiner(examiner_id, draft, active, env.clock.now())
        tx.record(
            f"examiner:{examiner_id}", roles=sorted(r.value for r in draft.roles), active=active
        )


def list_examiners(env: Env, actor: Actor, include_inactive: bool = False) -> list[ExaminerInfo]:
    """The examiner registry by name."""
    with reading(env, actor, Permission.SESSIONS_MANAGE) as uow:
        return uow.exams.examiners(active_only=not include_inactive)


# recusal


def _declare(
    env: Env,
    tx_uow: UnitOfWork,
    actor: Actor,
    examiner: ExaminerInfo,
    candidate_id: int,
    kind: ConflictKind,
    note: str,
) -> None:
    if tx_uow.exams.candidate_batch(candidate_id) is None:
        raise NotFound(f"考生（编号 {candidate_id}）不存在。", field="考生")
    if len(note) > 300:
        raise ValidationError("回避说明不能超过 300 字。", field="回避说明")
    tx_uow.exams.add_conflict(
        examiner.id, candidate_id, kind, note.strip(), env.clock.now(), actor.username
    )


def declare_conflict(
    env: Env, actor: Actor, examiner_id: int, candidate_id: int, kind: ConflictKind, note: str = ""
) -> None:
    """Record that an examiner must not score a candidate (回避: relative, trainer, employer...)."""
    with action(env, actor, Permission.SESSIONS_MANAGE, "examiners.conflict") as tx:
        examiner = require_examiner(tx.uow, examiner_id)
        _declare(env, tx.uow, actor, examiner, candidate_id, kind, note)
        tx.record(f"examiner:{examiner_id}", candidate=candidate_id, kind=kind.value)


def declare_own_conflict(
    env: Env, actor: Actor, candidate_id: int, kind: ConflictKind, note: str = ""
) -> None:
    """The signed-in examiner declares their own conflict with a candidate."""
    with action(env, actor, Permission.SCORES_ENTER, "examiners.conflict") as tx:
        examiner = tx.uow.exams.examiner_by_user(actor.user_id)
        if examiner is None:
            raise NotFound(
                "您的账号没有关联考评人员库中的人员，请联系考务管理员关联。", field="登录账号"
            )
        _declare(env, tx.uow, actor, examiner, candidate_id, kind, note)
        tx.record(f"examiner:{examiner.id}", candidate=candidate_id, kind=kind.value)


def scorers_in(uow: UnitOfWork, session_id: int, candidate_id: int) -> list[ExaminerInfo]:
    """Inside an open unit of work: the session's scoring staff who may score this candidate.

    Scoring staff are the examiners and reviewers assigned to the session; anyone who declared a
    conflict with the candidate is left out.
    """
    barred = {c.examiner_id for c in uow.exams.conflicts_of_candidates([candidate_id])}
    return [
        s.examiner
        for s in uow.exams.session_staff(session_id)
        if s.role in SCORING_ROLES and s.examiner.id not in barred
    ]


def scorers_for(env: Env, actor: Actor, session_id: int, candidate_id: int) -> list[ExaminerInfo]:
    """The examiners who may score this candidate in this session (recusals left out)."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        require_session(uow, session_id)
        return scorers_in(uow, session_id, candidate_id)


def on_panel(uow: UnitOfWork, session_id: int, examiner_id: int) -> bool:
    """Inside an open unit of work: whether the person scores in this session (考评员, 评审专家)."""
    return any(
        s.examiner.id == examiner_id and s.role in SCORING_ROLES
        for s in uow.exams.session_staff(session_id)
    )


def session_scorer(
    uow: UnitOfWork, session_id: int, session_code: str, user_id: int, row: int | None = None
) -> ExaminerInfo:
    """Inside an open unit of work: the user's registry entry, if they are on the session's panel.

    Only examiners assigned to the session as 考评员 or 评审专家 key its scores (a certificate needs
    components scored by assigned examiners), whether on screen or from a platform file.

    Raises:
        ValidationError: The user is not linked to the registry, or not on the session's panel.
    """
    examiner = uow.exams.examiner_by_user(user_id)
    if examiner is None:
        raise ValidationError(
            "您的账号没有关联考评人员库中的人员，不能录入成绩；"
            "请考务管理员在“考务与场次”中关联账号并安排到本场次。",
            field="考评员",
            row=row,
        )
    if not on_panel(uow, session_id, examiner.id):
        raise ValidationError(
            f"{examiner.name} 未被安排为场次 {session_code} 的考评员或评审专家，"
            "不能录入本场次成绩；请考务管理员在“考务与场次”中安排。",
            field="考评员",
            row=row,
        )
    return examiner


def refuse_if_recused(
    uow: UnitOfWork, examiner: ExaminerInfo, candidate_id: int, row: int | None = None
) -> None:
    """Refuse a keying by an examiner who declared a conflict (回避) with this candidate."""
    if examiner.id in {c.examiner_id for c in uow.exams.conflicts_of_candidates([candidate_id])}:
        raise ValidationError(
            f"{examiner.name} 已声明与该考生存在回避关系，不能为其录入成绩，"
            "请由本场次其他考评员录入。",
            field="考评员",
            row=row,
        )
