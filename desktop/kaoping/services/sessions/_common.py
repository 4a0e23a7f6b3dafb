"""What the session modules (场次) share: the assessment rules in force and lookups.

Staffing rules (ratios, panel sizes), durations and components come from
`resources/standards/assessment.json` through `domain.assessment`; values not yet checked against
the official standards are named as such in messages (`pending_note`).
"""

from __future__ import annotations

from kaoping.domain.assessment import AssessmentRules, Component, ComponentRule
from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.plans import Batch
from kaoping.services.base import Env
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exams import ExaminerInfo, SessionInfo
from kaoping.services.ports.setup import StandardsData


def assessment_rules(env: Env) -> AssessmentRules:
    """The assessment rules currently in force (resources/standards/assessment.json)."""
    standards: StandardsData = env.adapters.standards
    return AssessmentRules.from_dict(standards.raw("assessment.json"))


def component_rule(env: Env, batch: Batch, component: Component) -> ComponentRule:
    """The rule of one component at the batch's occupation and level; refused if it has none."""
    try:
        return assessment_rules(env).rule_for(batch.occupation_code, batch.level, component)
    except NotFound as missing:
        raise ValidationError(str(missing), field="考核科目") from None


def pending_note(rule: ComponentRule, name: str) -> str:
    """A note for messages quoting a requirement not yet checked against the national standard."""
    if name in rule.unverified:
        return "（此要求取自通用模板，尚未与国家标准原文核对，可在考核规则中修改）"
    return ""


def require_session(uow: UnitOfWork, session_id: int) -> SessionInfo:
    """The session, or NotFound with a message for the user."""
    session = uow.exams.session(session_id)
    if session is None:
        raise NotFound(f"场次（编号 {session_id}）不存在，请重新选择场次。", field="场次")
    return session


def require_examiner(uow: UnitOfWork, examiner_id: int) -> ExaminerInfo:
    """The registry entry, or NotFound with a message for the user."""
    person = uow.exams.examiner(examiner_id)
    if person is None:
        raise NotFound(f"考评人员库中没有编号 {examiner_id} 的人员，请先登记。", field="考评人员")
    return person


def when_text(session: SessionInfo) -> str:
    """The session's date and hours in Beijing time, as messages quote them."""
    start, end = session.starts_at.astimezone(BEIJING), session.ends_at.astimezone(BEIJING)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
