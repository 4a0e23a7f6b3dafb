"""The body code: it goes into every certificate number, so setup takes only what numbers can carry."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.errors import ValidationError
from kaoping.services import setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import BodyProfile
from tests.databases import first_setup


@pytest.mark.parametrize("code", ["GXDT-01", "gxdt01", "GXDT 01", "广西01"])
def test_setup_refuses_a_code_certificate_numbers_cannot_carry(
    empty_db_url: str, clock: FixedClock, code: str
) -> None:
    """A hyphen, small letters, a space or Chinese in the code are refused before anything is made."""
    env = build_env(empty_db_url, clock=clock, fast_hashing=True)
    try:
        with pytest.raises(ValidationError) as refused:
            setup.initialise(
                env,
                replace(first_setup(), profile=BodyProfile("广西数字技术评价中心", code)),
            )
        assert refused.value.field == "机构代码"
        assert "大写字母和数字" in refused.value.message
        assert not setup.is_initialised(env)
    finally:
        getattr(env.uow, "engine").dispose()  # noqa: B009


def test_profile_change_keeps_the_code_usable(env: Env, admin: Actor) -> None:
    """Changing the profile later is held to the same rule; a valid code is accepted."""
    with pytest.raises(ValidationError, match="大写字母和数字"):
        setup.update_profile(env, admin, BodyProfile("广西数字技术评价中心", "GXDT-01"))
    setup.update_profile(env, admin, BodyProfile("广西数字技术评价中心", "GXDT02"))
    assert setup.body_profile(env, admin).code == "GXDT02"
