"""The composition root wires every adapter and every cross-feature hook.

Hooks used to be module lists filled when a module happened to be imported; a front end that
skipped an import silently lost, e.g., the revocation of certificates when an application is voided.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kaoping.bootstrap import build_env, wired_hooks
from kaoping.services import bank, certificates
from kaoping.services.base import Adapters


def test_every_hook_is_wired() -> None:
    hooks = wired_hooks()
    assert hooks.on_void == (certificates.revoke_on_void,)
    assert hooks.on_password == (bank.on_password_change,)
    assert hooks.on_sign_in == (bank.on_sign_in,)


def test_built_env_carries_every_adapter_and_hook(tmp_path: Path) -> None:
    env = build_env(f"sqlite:///{tmp_path / 'k.db'}", fast_hashing=True)
    try:
        for adapter in dataclasses.fields(Adapters):
            assert getattr(env.adapters, adapter.name) is not None, adapter.name
        assert env.hooks == wired_hooks()
        assert env.engine_url.startswith("sqlite:///")
        assert dataclasses.is_dataclass(env.adapters)
        assert type(env.adapters).__dataclass_params__.frozen  # type: ignore[attr-defined]
    finally:
        getattr(env.uow, "engine").dispose()  # noqa: B009
