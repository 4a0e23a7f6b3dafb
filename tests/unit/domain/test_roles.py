from kaoping.domain.roles import MATRIX, Permission, Role, allows, roles_granting


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
