"""Question items (试题) of the bank (题库): types, content and catalogue data.

An item has two halves. `ItemMeta` is what may be listed, searched and counted by anyone with bank
access. `ItemContent` is the secret half: it exists in memory only while a bank role holder works
on it, and is stored and exported only as ciphertext (`ItemContent.to_bytes` is the exact plaintext
that gets encrypted). Its repr shows lengths, never text, so a stray log line cannot leak an item.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError

MIN_DIFFICULTY = 1
MAX_DIFFICULTY = 5
TRUE_FALSE_ANSWERS = ("对", "错")
_FORMAT_VERSION = 1


class ItemType(StrEnum):
    """The kind of item (题型), which decides how it is answered and scored."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    PRACTICAL = "practical"

    @property
    def label(self) -> str:
        """The Chinese name shown on screens and papers."""
        return _ITEM_TYPE_LABELS[self]

    @property
    def has_options(self) -> bool:
        """Whether the item offers lettered options to choose from."""
        return self in (ItemType.SINGLE, ItemType.MULTIPLE)


_ITEM_TYPE_LABELS = {
    ItemType.SINGLE: "单选题",
    ItemType.MULTIPLE: "多选题",
    ItemType.TRUE_FALSE: "判断题",
    ItemType.SHORT_ANSWER: "简答题",
    ItemType.PRACTICAL: "实操题",
}


class ItemStatus(StrEnum):
    """Where an item is in its review life (审核状态); only approved items go into papers."""

    DRAFT = "draft"
    APPROVED = "approved"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        """The Chinese name shown on screens."""
        return _ITEM_STATUS_LABELS[self]


_ITEM_STATUS_LABELS = {
    ItemStatus.DRAFT: "草稿",
    ItemStatus.APPROVED: "已审核",
    ItemStatus.RETIRED: "已停用",
}


def option_letter(index: int) -> str:
    """Return the letter printed before option `index` (0 → A, 1 → B, …)."""
    return chr(ord("A") + index)


@dataclass(frozen=True)
class ItemContent:
    """The confidential text of an item (题目内容): never logged, stored only encrypted.

    Attributes:
        stem: The question (题干).
        options: Option texts, lettered A, B, C… in order; empty for items without options.
        answer: The reference answer (参考答案): option letters ("B", "ACD"), 对/错, or text.
        rubric: Scoring points (评分要点); required for practical items.
        attachments: (file name, file bytes) pairs, e.g. figures or data files for the task.
    """

    stem: str
    options: tuple[str, ...] = ()
    answer: str = ""
    rubric: str = ""
    attachments: tuple[tuple[str, bytes], ...] = ()

    def __repr__(self) -> str:
        # Lengths only: item text must never reach a log file or a crash report.
        sizes = ",".join(str(len(data)) for _, data in self.attachments)
        return (
            f"ItemContent(stem=<{len(self.stem)} chars>, options=<{len(self.options)}>, "
            f"answer=<{len(self.answer)} chars>, rubric=<{len(self.rubric)} chars>, "
            f"attachments=<{len(self.attachments)}: {sizes} bytes>)"
        )

    __str__ = __repr__

    def to_bytes(self) -> bytes:
        """Serialise to canonical UTF-8 JSON: equal contents always give equal bytes."""
        document = {
            "format": _FORMAT_VERSION,
            "stem": self.stem,
            "options": list(self.options),
            "answer": self.answer,
            "rubric": self.rubric,
            "attachments": [
                [name, base64.b64encode(data).decode("ascii")] for name, data in self.attachments
            ],
        }
        text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> ItemContent:
        """Parse bytes written by `to_bytes`.

        Raises:
            ValidationError: The bytes are not a well-formed item document.
        """
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(
                "题目内容无法解析：数据已损坏或不是题目格式", field="题目内容"
            ) from exc
        if not isinstance(document, dict) or document.get("format") != _FORMAT_VERSION:
            raise ValidationError("题目内容格式版本不受支持，请升级软件后再打开", field="题目内容")
        return cls(
            stem=_text_field(document, "stem", "题干"),
            options=tuple(_text_list(document.get("options"), "选项")),
            answer=_text_field(document, "answer", "参考答案"),
            rubric=_text_field(document, "rubric", "评分要点"),
            attachments=_attachments(document.get("attachments")),
        )

    def validate(self, item_type: ItemType) -> None:
        """Check the content is complete for its type.

        Raises:
            ValidationError: Naming the field at fault (题干, 选项, 参考答案, 评分要点, 附件).
        """
        if not self.stem.strip():
            raise ValidationError("题干不能为空，请填写题目内容", field="题干")
        _check_options(self.options, item_type)
        _check_answer(self.answer, self.options, item_type)
        if item_type is ItemType.PRACTICAL and not self.rubric.strip():
            raise ValidationError("实操题必须填写评分要点，考评员据此打分", field="评分要点")
        if item_type is ItemType.SHORT_ANSWER and not (self.answer.strip() or self.rubric.strip()):
            raise ValidationError("简答题请填写参考答案或评分要点，否则无法阅卷", field="参考答案")
        for index, (name, _) in enumerate(self.attachments, start=1):
            if not name.strip():
                raise ValidationError(f"第{index}个附件没有文件名，请重新添加该附件", field="附件")


def _check_options(options: tuple[str, ...], item_type: ItemType) -> None:
    if item_type.has_options:
        if len(options) < 2:
            raise ValidationError(f"{item_type.label}至少需要 2 个选项", field="选项")
        if len(options) > 26:
            raise ValidationError(f"{item_type.label}最多 26 个选项（A–Z）", field="选项")
        for index, text in enumerate(options):
            if not text.strip():
                raise ValidationError(
                    f"选项 {option_letter(index)} 为空，请填写或删除该选项", field="选项"
                )
    elif options:
        raise ValidationError(f"{item_type.label}不设选项，请删除选项", field="选项")


def _check_answer(answer: str, options: tuple[str, ...], item_type: ItemType) -> None:
    letters = [option_letter(i) for i in range(len(options))]
    allowed = "、".join(letters)
    if item_type is ItemType.SINGLE and answer not in letters:
        raise ValidationError(f"单选题的答案应为一个选项字母（{allowed}之一）", field="参考答案")
    if item_type is ItemType.MULTIPLE:
        chosen = list(answer)
        if len(chosen) < 2 or any(c not in letters for c in chosen):
            raise ValidationError(
                f"多选题的答案应为至少两个选项字母（从 {allowed} 中选），如“AC”", field="参考答案"
            )
        if len(set(chosen)) != len(chosen):
            raise ValidationError(
                "多选题的答案中有重复的字母，请每个选项只写一次", field="参考答案"
            )
    if item_type is ItemType.TRUE_FALSE and answer not in TRUE_FALSE_ANSWERS:
        raise ValidationError("判断题的答案只能是“对”或“错”", field="参考答案")


def _text_field(document: dict[str, Any], key: str, label: str) -> str:
    value = document.get(key, "")
    if not isinstance(value, str):
        raise ValidationError(f"{label}应为文字，数据已损坏", field=label)
    return value


def _text_list(value: object, label: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(f"{label}应为文字列表，数据已损坏", field=label)
    return list(value)


def _attachments(value: object) -> tuple[tuple[str, bytes], ...]:
    if not isinstance(value, list):
        raise ValidationError("附件列表已损坏", field="附件")
    result: list[tuple[str, bytes]] = []
    for entry in value:
        well_formed = isinstance(entry, list) and len(entry) == 2
        if not (well_formed and all(isinstance(v, str) for v in entry)):
            raise ValidationError("附件记录已损坏", field="附件")
        try:
            data = base64.b64decode(entry[1], validate=True)
        except binascii.Error as exc:
            raise ValidationError("附件内容已损坏（编码错误）", field="附件") from exc
        result.append((entry[0], data))
    return tuple(result)


@dataclass(frozen=True)
class ItemMeta:
    """The catalogue data of an item (题目属性): safe to list, contains no item text.

    Attributes:
        occupation_code: The occupation's standard code, e.g. `2-02-10-09`.
        direction: The direction (职业方向), or "" when the item serves every direction.
        level: The level the item is written for.
        knowledge_area: The weight-table row (职业功能 / 基本要求) the item belongs to.
        item_type: The kind of item.
        difficulty: 1 (easiest) to 5 (hardest).
        status: Review status; only approved items are drawn into papers.
        version: Starts at 1 and grows with every edit of the content.
        author_id: The item writer (命题专家) who wrote this version.
    """

    occupation_code: str
    direction: str
    level: Level
    knowledge_area: str
    item_type: ItemType
    difficulty: int
    status: ItemStatus = ItemStatus.DRAFT
    version: int = 1
    author_id: str = ""

    def __post_init__(self) -> None:
        if not self.occupation_code.strip():
            raise ValidationError("请选择题目所属职业", field="职业")
        if not self.knowledge_area.strip():
            raise ValidationError("请选择题目所属知识领域（职业功能）", field="知识领域")
        if not MIN_DIFFICULTY <= self.difficulty <= MAX_DIFFICULTY:
            raise ValidationError(
                f"难度应为 {MIN_DIFFICULTY}–{MAX_DIFFICULTY} 的整数，当前为 {self.difficulty}",
                field="难度",
            )
        if self.version < 1:
            raise ValidationError(f"版本号应从 1 开始，当前为 {self.version}", field="版本")
