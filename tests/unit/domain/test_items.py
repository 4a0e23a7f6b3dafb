"""Question items: content serialisation, validation per type, and no text in reprs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.items import ItemContent, ItemMeta, ItemStatus, ItemType

SECRET_STEM = "以下哪项属于监督学习算法的典型应用场景"


def _single() -> ItemContent:
    return ItemContent(
        stem=SECRET_STEM,
        options=("聚类分析", "垃圾邮件分类", "降维", "关联规则挖掘"),
        answer="B",
        rubric="",
        attachments=(("figure.png", b"\x89PNG\r\n\x1a\n\x00\x01"),),
    )


contents = st.builds(
    ItemContent,
    stem=st.text(),
    options=st.lists(st.text(), max_size=6).map(tuple),
    answer=st.text(),
    rubric=st.text(),
    attachments=st.lists(st.tuples(st.text(), st.binary()), max_size=3).map(tuple),
)


@given(contents)
def test_content_round_trips_through_bytes(content: ItemContent) -> None:
    """An item read back after encryption is exactly the item that was written."""
    assert ItemContent.from_bytes(content.to_bytes()) == content


def test_equal_contents_serialise_to_identical_bytes() -> None:
    """Saving an unchanged item produces the same bytes, so no spurious new version appears."""
    assert _single().to_bytes() == _single().to_bytes()
    assert _single().to_bytes() != ItemContent(stem=SECRET_STEM + "？").to_bytes()


def test_repr_and_str_never_show_item_text() -> None:
    """A log line or crash report that mentions an item shows only sizes, never its wording."""
    content = _single()
    for shown in (repr(content), str(content), f"{content}", repr([content])):
        assert SECRET_STEM not in shown
        assert "垃圾邮件" not in shown
        assert "figure.png" not in shown
        assert f"{len(SECRET_STEM)} chars" in shown


def test_damaged_bytes_are_refused_with_a_field_name() -> None:
    """A corrupt record reports which part is unreadable instead of crashing."""
    with pytest.raises(ValidationError) as caught:
        ItemContent.from_bytes(b"\xff\xfe not json")
    assert caught.value.field == "题目内容"
    with pytest.raises(ValidationError):
        ItemContent.from_bytes(b'{"format": 99}')
    broken = (
        _single().to_bytes().replace(b'"attachments":[["figure.png","', b'"attachments":[["f","*')
    )
    with pytest.raises(ValidationError) as caught:
        ItemContent.from_bytes(broken)
    assert caught.value.field == "附件"


def test_valid_items_of_every_type_pass() -> None:
    """Well-formed items of each type are accepted."""
    _single().validate(ItemType.SINGLE)
    ItemContent(stem="s", options=("a", "b", "c"), answer="AC").validate(ItemType.MULTIPLE)
    ItemContent(stem="s", answer="错").validate(ItemType.TRUE_FALSE)
    ItemContent(stem="s", answer="要点").validate(ItemType.SHORT_ANSWER)
    ItemContent(stem="s", rubric="按步骤评分").validate(ItemType.PRACTICAL)


@pytest.mark.parametrize(
    ("content", "item_type", "field", "words"),
    [
        (ItemContent(stem="  ", options=("a", "b"), answer="A"), ItemType.SINGLE, "题干", "题干"),
        (ItemContent(stem="s", options=("a",), answer="A"), ItemType.SINGLE, "选项", "2 个选项"),
        (ItemContent(stem="s", options=("a", " "), answer="A"), ItemType.SINGLE, "选项", "选项 B"),
        (
            ItemContent(stem="s", options=("a", "b"), answer="C"),
            ItemType.SINGLE,
            "参考答案",
            "A、B",
        ),
        (
            ItemContent(stem="s", options=("a", "b"), answer="AB"),
            ItemType.SINGLE,
            "参考答案",
            "单选",
        ),
        (
            ItemContent(stem="s", options=("a", "b"), answer="A"),
            ItemType.MULTIPLE,
            "参考答案",
            "两个",
        ),
        (
            ItemContent(stem="s", options=("a", "b"), answer="AA"),
            ItemType.MULTIPLE,
            "参考答案",
            "重复",
        ),
        (ItemContent(stem="s", options=("a",), answer="A"), ItemType.MULTIPLE, "选项", "多选题"),
        (ItemContent(stem="s", answer="正确"), ItemType.TRUE_FALSE, "参考答案", "对"),
        (
            ItemContent(stem="s", options=("a", "b"), answer="对"),
            ItemType.TRUE_FALSE,
            "选项",
            "删除",
        ),
        (ItemContent(stem="s", answer="A"), ItemType.PRACTICAL, "评分要点", "实操题"),
        (ItemContent(stem="s"), ItemType.SHORT_ANSWER, "参考答案", "简答题"),
        (
            ItemContent(stem="s", rubric="r", attachments=((" ", b""),)),
            ItemType.PRACTICAL,
            "附件",
            "1",
        ),
    ],
)
def test_incomplete_items_name_the_field_to_fix(
    content: ItemContent, item_type: ItemType, field: str, words: str
) -> None:
    """The writer is told which field of the item is wrong and what to enter."""
    with pytest.raises(ValidationError) as caught:
        content.validate(item_type)
    assert caught.value.field == field
    assert words in caught.value.message


def test_item_type_and_status_have_chinese_labels() -> None:
    """Screens show 单选题 … 实操题 and 草稿/已审核/已停用."""
    assert [t.label for t in ItemType] == ["单选题", "多选题", "判断题", "简答题", "实操题"]
    assert ItemStatus.APPROVED.label == "已审核"


@pytest.mark.parametrize(
    ("difficulty", "version", "field"), [(0, 1, "难度"), (6, 1, "难度"), (3, 0, "版本")]
)
def test_meta_refuses_out_of_range_values(difficulty: int, version: int, field: str) -> None:
    """A difficulty outside 1–5 or a version below 1 is refused with the field named."""
    with pytest.raises(ValidationError) as caught:
        ItemMeta(
            "2-02-10-09",
            "",
            Level.JUNIOR,
            "人工智能设计开发",
            ItemType.SINGLE,
            difficulty,
            version=version,
        )
    assert caught.value.field == field


def test_meta_defaults_to_a_draft_first_version() -> None:
    """A new item starts as a draft at version 1, so it cannot reach a paper before review."""
    meta = ItemMeta("2-02-10-09", "", Level.SENIOR, "人工智能设计开发", ItemType.PRACTICAL, 4)
    assert (meta.status, meta.version) == (ItemStatus.DRAFT, 1)
