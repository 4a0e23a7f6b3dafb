"""Roles (角色) and the permission matrix: the one place that says who may do what.

The service layer checks these permissions on every action; the UI only uses them to decide what to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    """The people who use Kaoping (DESIGN.md, "Who uses it")."""

    SYSTEM_ADMIN = "system_admin"
    EXAM_ADMIN = "exam_admin"
    EXAMINER = "examiner"
    SUPERVISOR = "supervisor"
    ITEM_WRITER = "item_writer"
    BANK_ADMIN = "bank_admin"
    CERTIFICATE_OFFICER = "certificate_officer"

    @property
    def label(self) -> str:
        """The Chinese role name shown to users."""
        return ROLE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Role:
        """Accept the code (`exam_admin`) or the Chinese name (`考务管理员`)."""
        cleaned = text.strip()
        for role in cls:
            if cleaned in (role.value, role.label):
                return role
        names = "、".join(r.label for r in cls)
        raise ValueError(f"未知角色：{text}（可选：{names}）")


ROLE_LABELS: dict[Role, str] = {
    Role.SYSTEM_ADMIN: "系统管理员",
    Role.EXAM_ADMIN: "考务管理员",
    Role.EXAMINER: "考评员",
    Role.SUPERVISOR: "质量督导员",
    Role.ITEM_WRITER: "命题专家",
    Role.BANK_ADMIN: "题库管理员",
    Role.CERTIFICATE_OFFICER: "证书管理员",
}


class Permission(StrEnum):
    """Every action that needs a right; the value is the audit action family."""

    USERS_MANAGE = "users.manage"
    PROFILE_MANAGE = "profile.manage"
    KEYS_MANAGE = "keys.manage"
    SIGNING_KEY_MANAGE = "signing_key.manage"
    GRANTS_CONFIRM = "grants.confirm"
    SETTINGS_MANAGE = "settings.manage"
    CATALOGUE_VIEW = "catalogue.view"
    CATALOGUE_EDIT = "catalogue.edit"
    AUDIT_VIEW = "audit.view"
    BACKUP = "backup.run"
    CANDIDATES_VIEW = "candidates.view"
    CANDIDATES_EDIT = "candidates.edit"
    CANDIDATES_IMPORT = "candidates.import"
    PHOTOS_VIEW = "photos.view"
    SAMPLING_DRAW = "sampling.draw"
    SAMPLING_RECORD = "sampling.record"
    PLANS_MANAGE = "plans.manage"
    SESSIONS_MANAGE = "sessions.manage"
    CHECKIN = "checkin.run"
    SCORES_ENTER = "scores.enter"
    SCORES_RESOLVE = "scores.resolve"
    RESULTS_CONFIRM = "results.confirm"
    AMENDMENT_REQUEST = "amendment.request"
    AMENDMENT_APPROVE = "amendment.approve"
    BANK_VIEW_METADATA = "bank.metadata"
    BANK_WRITE_DRAFT = "bank.draft"
    BANK_MANAGE = "bank.manage"
    PAPER_ASSEMBLE = "paper.assemble"
    PAPER_OPEN = "paper.open"
    CERTIFICATES_VIEW = "certificates.view"
    CERTIFICATES_ISSUE = "certificates.issue"
    CERTIFICATES_PRINT = "certificates.print"
    CERTIFICATES_REVOKE = "certificates.revoke"
    REVERSAL_PROPOSE = "certificates.reversal_propose"
    REVERSAL_CONFIRM = "certificates.reversal_confirm"
    ASSETS_REGISTER = "assets.register"
    APPROVAL_RECORD = "approval.record"
    REPORT_EXPORT = "report.export"
    PACKAGE_IMPORT = "package.import"
    COMPLIANCE_CHECK = "compliance.check"
    PHRASES_PROPOSE = "phrases.propose"
    PHRASES_CONFIRM = "phrases.confirm"
    PHRASES_WITHDRAW = "phrases.withdraw"
    BODY_NAME_CONFIRM = "body_name.confirm"
    ELIGIBILITY_OVERRIDE = "eligibility.override"
    REMIT_PROPOSE = "remit.propose"
    REMIT_CONFIRM = "remit.confirm"

    @property
    def label(self) -> str:
        """A short Chinese description used in refusal messages."""
        return PERMISSION_LABELS[self]


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.USERS_MANAGE: "管理用户与角色",
    Permission.PROFILE_MANAGE: "修改机构信息",
    Permission.KEYS_MANAGE: "管理受信任的签名者",
    Permission.SIGNING_KEY_MANAGE: "更换签名密钥或修改密钥口令",
    Permission.GRANTS_CONFIRM: "确认或拒绝角色授予",
    Permission.SETTINGS_MANAGE: "修改系统设置",
    Permission.CATALOGUE_VIEW: "查看标准目录",
    Permission.CATALOGUE_EDIT: "修改标准目录",
    Permission.AUDIT_VIEW: "查看审计日志",
    Permission.BACKUP: "备份数据库",
    Permission.CANDIDATES_VIEW: "查看考生",
    Permission.CANDIDATES_EDIT: "录入和修改考生",
    Permission.CANDIDATES_IMPORT: "导入考生名册",
    Permission.PHOTOS_VIEW: "查看考生照片",
    Permission.SAMPLING_DRAW: "抽取核查样本",
    Permission.SAMPLING_RECORD: "登记核查结果",
    Permission.PLANS_MANAGE: "管理考核计划与批次",
    Permission.SESSIONS_MANAGE: "管理场次与考场",
    Permission.CHECKIN: "考生签到",
    Permission.SCORES_ENTER: "录入成绩",
    Permission.SCORES_RESOLVE: "处理成绩不一致",
    Permission.RESULTS_CONFIRM: "确认并锁定成绩",
    Permission.AMENDMENT_REQUEST: "申请更正成绩",
    Permission.AMENDMENT_APPROVE: "批准成绩更正",
    Permission.BANK_VIEW_METADATA: "查看题库统计",
    Permission.BANK_WRITE_DRAFT: "编写试题草稿",
    Permission.BANK_MANAGE: "审核与管理试题",
    Permission.PAPER_ASSEMBLE: "组卷与封存试卷",
    Permission.PAPER_OPEN: "启封试卷",
    Permission.CERTIFICATES_VIEW: "查看证书",
    Permission.CERTIFICATES_ISSUE: "签发证书",
    Permission.CERTIFICATES_PRINT: "打印证书",
    Permission.CERTIFICATES_REVOKE: "撤销与补发证书",
    Permission.REVERSAL_PROPOSE: "提出撤销复原",
    Permission.REVERSAL_CONFIRM: "确认撤销复原",
    Permission.ASSETS_REGISTER: "登记证书图片",
    Permission.APPROVAL_RECORD: "登记审核结果",
    Permission.REPORT_EXPORT: "导出报送数据包",
    Permission.PACKAGE_IMPORT: "导入数据包",
    Permission.COMPLIANCE_CHECK: "合规检查",
    Permission.PHRASES_PROPOSE: "提请复核模板字样",
    Permission.PHRASES_CONFIRM: "确认模板字样复核",
    Permission.PHRASES_WITHDRAW: "撤回模板字样复核",
    Permission.BODY_NAME_CONFIRM: "确认机构名称的依据",
    Permission.ELIGIBILITY_OVERRIDE: "登记申报条件例外",
    Permission.REMIT_PROPOSE: "登记业务范围",
    Permission.REMIT_CONFIRM: "确认业务范围",
}

_P = Permission
_EVERYONE = {_P.CATALOGUE_VIEW, _P.BANK_VIEW_METADATA, _P.COMPLIANCE_CHECK}

# The matrix. The system administrator runs the installation but never reads question content or
# scores candidates; bank content rights belong to the two bank roles only (DESIGN.md rule 4).
# The signing key signs certificates, so its passphrase belongs to the certificate officer, not to
# the administrator who manages accounts (docs/roles.md).
MATRIX: dict[Role, frozenset[Permission]] = {
    Role.SYSTEM_ADMIN: frozenset(
        _EVERYONE
        | {
            _P.USERS_MANAGE,
            _P.GRANTS_CONFIRM,
            _P.PROFILE_MANAGE,
            _P.KEYS_MANAGE,
            _P.SETTINGS_MANAGE,
            _P.CATALOGUE_EDIT,
            _P.AUDIT_VIEW,
            _P.BACKUP,
            _P.REMIT_PROPOSE,
        }
    ),
    Role.EXAM_ADMIN: frozenset(
        _EVERYONE
        | {
            _P.CATALOGUE_EDIT,
            _P.CANDIDATES_VIEW,
            _P.CANDIDATES_EDIT,
            _P.CANDIDATES_IMPORT,
            _P.PHOTOS_VIEW,
            _P.PLANS_MANAGE,
            _P.SESSIONS_MANAGE,
            _P.CHECKIN,
            _P.AMENDMENT_REQUEST,
            _P.PAPER_OPEN,
            _P.APPROVAL_RECORD,
            _P.REPORT_EXPORT,
            _P.PACKAGE_IMPORT,
            _P.CERTIFICATES_VIEW,
        }
    ),
    Role.EXAMINER: frozenset(
        _EVERYONE
        | {_P.CANDIDATES_VIEW, _P.PHOTOS_VIEW, _P.CHECKIN, _P.SCORES_ENTER, _P.AMENDMENT_REQUEST}
    ),
    Role.SUPERVISOR: frozenset(
        _EVERYONE
        | {
            _P.AUDIT_VIEW,
            _P.GRANTS_CONFIRM,
            _P.CANDIDATES_VIEW,
            _P.SAMPLING_DRAW,
            _P.SAMPLING_RECORD,
            _P.SCORES_RESOLVE,
            _P.RESULTS_CONFIRM,
            _P.AMENDMENT_APPROVE,
            _P.PAPER_OPEN,
            _P.CERTIFICATES_VIEW,
            _P.PHRASES_CONFIRM,
            _P.PHRASES_WITHDRAW,
            _P.BODY_NAME_CONFIRM,
            _P.ELIGIBILITY_OVERRIDE,
            _P.REMIT_CONFIRM,
            _P.REVERSAL_CONFIRM,
        }
    ),
    Role.ITEM_WRITER: frozenset(_EVERYONE | {_P.BANK_WRITE_DRAFT}),
    Role.BANK_ADMIN: frozenset(
        _EVERYONE | {_P.BANK_WRITE_DRAFT, _P.BANK_MANAGE, _P.PAPER_ASSEMBLE}
    ),
    Role.CERTIFICATE_OFFICER: frozenset(
        _EVERYONE
        | {
            _P.CANDIDATES_VIEW,
            _P.PHOTOS_VIEW,
            _P.CERTIFICATES_VIEW,
            _P.CERTIFICATES_ISSUE,
            _P.CERTIFICATES_PRINT,
            _P.CERTIFICATES_REVOKE,
            _P.REVERSAL_PROPOSE,
            _P.ASSETS_REGISTER,
            _P.APPROVAL_RECORD,
            _P.SIGNING_KEY_MANAGE,
            _P.PHRASES_PROPOSE,
            _P.PHRASES_WITHDRAW,
        }
    ),
}

BANK_ROLES = frozenset({Role.ITEM_WRITER, Role.BANK_ADMIN})


def permissions_of(roles: Iterable[Role]) -> frozenset[Permission]:
    """Union of the permissions the given roles grant."""
    granted: set[Permission] = set()
    for role in roles:
        granted |= MATRIX[role]
    return frozenset(granted)


def allows(roles: Iterable[Role], permission: Permission) -> bool:
    """Whether any of the roles grants the permission."""
    return permission in permissions_of(roles)


def roles_granting(permission: Permission) -> list[Role]:
    """The roles that grant a permission, for refusal messages."""
    return [role for role in Role if permission in MATRIX[role]]


BUSINESS_ROLES = frozenset(role for role in Role if role is not Role.SYSTEM_ADMIN)
"""Roles that act on candidates, items or certificates; the system administrator holds none."""

CONFIRMING_ROLES = frozenset({Role.SUPERVISOR, Role.SYSTEM_ADMIN})
"""Who may confirm a grant made by someone else (DESIGN.md rule 10)."""

_ADMIN_REASON = (
    "系统管理员管理账号与角色，不得同时担任业务角色（{0}），否则可自行授权、自行办理业务。"
)

# Pairs that one account may never hold together, with the reason shown to the user and audited.
FORBIDDEN_PAIRS: tuple[tuple[Role, Role, str], ...] = (
    *(
        (Role.SYSTEM_ADMIN, role, _ADMIN_REASON.format(role.label))
        for role in Role
        if role in BUSINESS_ROLES
    ),
    (
        Role.CERTIFICATE_OFFICER,
        Role.EXAMINER,
        "证书管理员不得同时担任考评员：评分的人不能为自己评过的考生签发证书。"
        "角色不按批次区分，因此同一账号不能兼任这两个角色。",
    ),
)


def conflicting_roles(roles: Iterable[Role]) -> list[str]:
    """The reasons why these roles may not be held by one account; empty when they may.

    Args:
        roles: The roles one account would hold.

    Returns:
        One Chinese sentence per forbidden pair present, in the order of `FORBIDDEN_PAIRS`.
    """
    held = set(roles)
    return [reason for first, second, reason in FORBIDDEN_PAIRS if {first, second} <= held]


def may_confirm_grant(
    confirmer_id: int, confirmer_roles: Iterable[Role], requester_id: int, grantee_id: int
) -> str | None:
    """Why this person may not confirm a grant, or None when they may.

    A grant takes effect only when a second person agrees: a quality supervisor or another
    system administrator, never the one who asked for it nor the one who receives it.
    """
    if confirmer_id == requester_id:
        return "提出角色授予的人不能自己确认，请由质量督导员或另一位系统管理员确认。"
    if confirmer_id == grantee_id:
        return "不能确认授予自己的角色，请由质量督导员或另一位系统管理员确认。"
    if not CONFIRMING_ROLES & set(confirmer_roles):
        return "只有质量督导员或系统管理员可以确认角色授予。"
    return None
