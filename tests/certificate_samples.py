"""A certificate's contents for tests that render one PDF without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateContent


def sample_content(**changes: Any) -> CertificateContent:
    """A senior-level certificate for 张三明 of the example body, with `changes` applied."""
    content = CertificateContent(
        number="GXDT-4501-2026-000123-K",
        name="张三明",
        id_type="居民身份证",
        id_number_display="450***********123X",
        occupation="人工智能工程技术人员",
        direction="计算机视觉产品实现",
        level=Level.SENIOR,
        issue_date=date(2026, 11, 25),
        body_name="示例数字技术评价中心",
        body_code="4501",
        photo=None,
        qr_payload="KP1:eA.eQ",
    )
    return replace(content, **changes)
