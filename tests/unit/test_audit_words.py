"""Every action the services write has a Chinese name, and details read as words, not JSON."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from kaoping.domain.audit_words import (
    ACTION_NAMES,
    action_name,
    details_text,
    target_text,
    unlabelled_keys,
)

SERVICES = Path(__file__).resolve().parents[2] / "desktop" / "kaoping" / "services"
# Where an audited action's name is passed: the callee and the position of the name.
NAME_POSITIONS = {
    "action": 3,
    "guarded": 3,
    "audit_alone": 2,
    "system_action": 1,
    "audit_blocked": 2,
    "_end": 5,
}


def _written_actions() -> dict[str, str]:
    """Action names written by the services, found in their source, with the file."""
    found: dict[str, str] = {}
    for path in SERVICES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name in _names_in(node):
                found.setdefault(name, path.name)
    return found


def _names_in(node: ast.AST) -> list[str]:
    if isinstance(node, ast.IfExp):  # name = "approvals.approve" if ... else "approvals.reject"
        return [v.value for v in (node.body, node.orelse) if _is_code(v)]
    if not isinstance(node, ast.Call):
        return []
    func = node.func
    callee = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    position = NAME_POSITIONS.get(callee)
    if callee == "append" and isinstance(func, ast.Attribute):
        owner = func.value
        position = 2 if isinstance(owner, ast.Attribute) and owner.attr == "audit" else None
    if position is None or len(node.args) <= position:
        return []
    argument = node.args[position]
    return [argument.value] if _is_code(argument) else []


def _is_code(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value


def test_every_action_the_services_write_has_a_chinese_name() -> None:
    written = _written_actions()
    assert len(written) > 80  # the scan finds them (it would find none if the calls changed)
    missing = {name: where for name, where in written.items() if name not in ACTION_NAMES}
    assert not missing, f"add to ACTION_NAMES: {missing}"


def test_details_read_as_words() -> None:
    stored = json.dumps({"reason": "原密码不正确", "active": False, "roles": ["examiner"]})
    assert details_text(stored) == "原因：原密码不正确；启用：否；角色：考评员"
    assert details_text("") == "" and details_text("不是 JSON") == "不是 JSON"
    assert unlabelled_keys(json.dumps({"reason": 1, "mystery": {"inner": 2}})) == {
        "mystery",
        "inner",
    }


def test_targets_and_unknown_actions() -> None:
    people = {"3": "王芳（wangfang）"}
    assert target_text("user:3", people) == "用户 王芳（wangfang）"
    assert target_text("batch:5", people) == "批次 5"
    assert target_text("audit_log") == "审计日志"
    assert action_name("users.reset_password") == "重置密码"
    assert action_name("future.thing") == "其他操作（future.thing）"
