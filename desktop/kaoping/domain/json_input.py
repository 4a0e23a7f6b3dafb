"""JSON that comes from outside (files, packages), parsed within size and nesting limits.

A JSON document nested thousands of levels deep makes Python's parser raise RecursionError, and a
huge one ties an import up; both are refused here with a Chinese message before parsing starts.
"""

from __future__ import annotations

import json
import re
from typing import Any

from kaoping.domain.errors import ValidationError

__all__ = ["MAX_JSON_DEPTH", "load_json_document"]

MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects accepted; Kaoping's own files stay under 8."""

_MIB = 1024 * 1024
# Strings are removed before brackets are counted, so a "[" inside a text does not count.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def load_json_document(
    raw: bytes, what: str, max_bytes: int, *, max_depth: int = MAX_JSON_DEPTH, field: str = "文件"
) -> Any:
    """Parse UTF-8 JSON (a BOM is allowed) within the size and nesting-depth limits.

    Args:
        raw: The file's bytes.
        what: The kind of file in Chinese, for messages (e.g. 封存试卷文件).
        max_bytes: Largest size accepted.
        max_depth: Deepest nesting accepted.
        field: The field a refusal names.

    Raises:
        ValidationError: Too large, not UTF-8, nested too deeply, or not JSON (naming the line and
            column).
    """
    if len(raw) > max_bytes:
        raise ValidationError(
            f"{what}有 {len(raw) / _MIB:.1f} MB，超过上限 {max_bytes / _MIB:.0f} MB，已拒绝",
            field=field,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{what}应为 UTF-8 编码的 JSON", field=field) from None
    if _depth(text) > max_depth:
        raise _too_deep(what, max_depth, field)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{what}的 JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）", field=field
        ) from None
    except RecursionError:  # the depth count above should prevent this; never let it escape
        raise _too_deep(what, max_depth, field) from None


def _depth(text: str) -> int:
    deepest = depth = 0
    for match in _BRACKETS.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _too_deep(what: str, max_depth: int, field: str) -> ValidationError:
    return ValidationError(
        f"{what}的 JSON 嵌套超过 {max_depth} 层，不像是正常数据，已拒绝", field=field
    )
