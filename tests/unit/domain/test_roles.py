from kaoping.domain.roles import (
    BUSINESS_ROLES,
    MATRIX,
    Permission,
    Role,
    allows,
    conflicting_roles,
    may_confirm_grant,
    roles_granting,
)


def test_system_administrator_cannot_touch_question_content() -> None:
    """The system administrator runs the installation but can never read or write items."""
    for permission in (
        Permission.BANK_WRITE_DRAFT,
        Permission.BANK_MANAGE,
        Permission.PAPER_ASSEMBLE,
    ):
        assert not allows([Role.SYSTEM_ADMIN], permission)


def test_only_bank_roles_hold_bank_content_rights() -> None:
    """Drafting items is for item writers and bank administrators only."""
    assert set(roles_granting(Permission.BANK_WRITE_DRAFT)) == {Role.ITEM_WRITER, Role.BANK_ADMIN}


def test_every_role_may_see_the_catalogue_and_check_compliance() -> None:
    """Common rights are granted to every role."""
    for role in Role:
        assert Permission.CATALOGUE_VIEW in MATRIX[role]
        assert Permission.COMPLIANCE_CHECK in MATRIX[role]


def test_roles_parse_from_chinese_names() -> None:
    """Operators type roles in Chinese on the command line."""
    assert Role.parse("质量督导员") is Role.SUPERVISOR
    assert Role.parse("exam_admin") is Role.EXAM_ADMIN


def test_administrator_holds_no_business_role() -> None:
    """Every business role beside the system administrator is a forbidden combination."""
    for role in BUSINESS_ROLES:
        reasons = conflicting_roles([Role.SYSTEM_ADMIN, role])
        assert len(reasons) == 1 and role.label in reasons[0]
    assert conflicting_roles([Role.SYSTEM_ADMIN]) == []


def test_certificate_officer_is_not_an_examiner() -> None:
    """Who scores does not also issue; the bank roles may be held together."""
    assert "考评员" in conflicting_roles([Role.EXAMINER, Role.CERTIFICATE_OFFICER])[0]
    assert conflicting_roles([Role.BANK_ADMIN, Role.ITEM_WRITER]) == []
    assert conflicting_roles([Role.EXAM_ADMIN, Role.SUPERVISOR]) == []


def test_who_may_confirm_a_grant() -> None:
    """Neither the requester nor the grantee confirms; a supervisor or another admin does."""
    assert may_confirm_grant(1, [Role.SYSTEM_ADMIN], 1, 5) is not None
    assert may_confirm_grant(5, [Role.SUPERVISOR], 1, 5) is not None
    assert may_confirm_grant(3, [Role.EXAMINER], 1, 5) is not None
    assert may_confirm_grant(3, [Role.SUPERVISOR], 1, 5) is None
    assert may_confirm_grant(2, [Role.SYSTEM_ADMIN], 1, 5) is None


def test_signing_key_is_the_certificate_officers() -> None:
    """Only the certificate officer replaces the key or changes its passphrase."""
    assert roles_granting(Permission.SIGNING_KEY_MANAGE) == [Role.CERTIFICATE_OFFICER]
