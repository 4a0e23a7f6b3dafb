"""Stock layouts (套打版式): checks, calibration from measured crosshairs, placing values."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.domain.errors import ValidationError
from kaoping.domain.stock_layout import (
    CALIBRATION_MARKS,
    Calibration,
    FieldBox,
    StockLayout,
    calibration_from_marks,
    check_calibration,
    check_layout,
    check_reprint_reason,
    layout_from_json,
    layout_to_json,
    place,
)

LAYOUT = StockLayout(
    0,
    " 证书纸 ",
    "a" * 64,
    297.0,
    210.0,
    (
        FieldBox("name", 65.0, 80.0, 98.0, 4.2, 12.0),
        FieldBox("number", 65.0, 120.0, 98.0, 4.2, 12.0),
        FieldBox("qr", 220.0, 130.0, 50.0, 50.0),
    ),
)


def test_sound_layout_is_kept_and_its_name_trimmed() -> None:
    assert check_layout(LAYOUT).name == "证书纸"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "请填写套打版式的名称"),
        ({"name": "长" * 41}, "最多 40 个字"),
        ({"page_width": 20.0}, "纸宽 20 毫米不在 50～500 毫米之间"),
        ({"fields": (*LAYOUT.fields, FieldBox("seal", 1, 1, 5, 5))}, "未知的套打字段“seal”"),
        ({"fields": (*LAYOUT.fields, LAYOUT.fields[0])}, "字段“姓名”重复出现"),
        (
            {"fields": (replace(LAYOUT.fields[0], x=250.0), *LAYOUT.fields[1:])},
            "超出纸张右边：右边缘 348",
        ),
        ({"fields": (replace(LAYOUT.fields[0], y=207.0), *LAYOUT.fields[1:])}, "超出纸张下边"),
        ({"fields": (replace(LAYOUT.fields[0], x=-1.0), *LAYOUT.fields[1:])}, "超出纸张左边或上边"),
        ({"fields": (replace(LAYOUT.fields[0], width=0.5), *LAYOUT.fields[1:])}, "框太小"),
        ({"fields": (replace(LAYOUT.fields[0], size=100.0), *LAYOUT.fields[1:])}, "字号 100 磅"),
        (
            {"fields": (replace(LAYOUT.fields[0], x=float("nan")), *LAYOUT.fields[1:])},
            "不是有效的数字",
        ),
        ({"fields": LAYOUT.fields[1:]}, "必须包含“姓名”"),
    ],
)
def test_unsound_layout_is_refused_naming_the_field(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        check_layout(replace(LAYOUT, **change))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("calibration", "message"),
    [
        (Calibration(" "), "打印机"),
        (Calibration("HP", dx=21), "水平偏移 21 毫米超出 ±20 毫米"),
        (Calibration("HP", sy=0.89), "垂直缩放 0.89 不在 0.9～1.1 之间"),
        (Calibration("HP", sx=float("inf")), "不是有效的数字"),
    ],
)
def test_calibration_out_of_range_is_refused(calibration: Calibration, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_calibration(calibration)


def test_placing_applies_offset_and_scale_and_leaves_out_empty_values() -> None:
    calibration = Calibration("HP", 1.5, -2.0, 1.01, 0.99)
    plan = place(check_layout(LAYOUT), calibration, {"name": "李䶮", "number": ""})
    assert [t.key for t in plan.texts] == ["name"]
    name = plan.texts[0]
    assert (name.x, name.baseline) == pytest.approx((1.5 + 1.01 * 65, -2.0 + 0.99 * 84.2))
    assert name.size == pytest.approx(12 * 0.99) and name.max_width == pytest.approx(98 * 1.01)
    qr = plan.box("qr")
    assert qr is not None and (qr.x, qr.y, qr.width) == pytest.approx((223.7, 126.7, 50.5))
    assert place(LAYOUT, None, {"name": "x"}).texts[0].x == 65.0


coordinate = st.floats(min_value=-15, max_value=15)
scale = st.floats(min_value=0.93, max_value=1.07)


@given(coordinate, coordinate, scale, scale)
def test_calibration_from_two_crosshairs_undoes_the_printer(
    bx: float, by: float, ax: float, ay: float
) -> None:
    """Whatever shift and scale a printer applies (within range), a calibrated position lands
    where it was set, well within 0.5 mm."""

    def printer(x: float, y: float) -> tuple[float, float]:
        return bx + ax * x, by + ay * y

    a, c = CALIBRATION_MARKS[0], CALIBRATION_MARKS[2]
    try:
        calibration = calibration_from_marks("HP", a, c, printer(a.x, a.y), printer(c.x, c.y))
    except ValidationError:
        return  # an offset beyond ±20 mm after correction is refused, as it should be
    for x, y in ((0.0, 0.0), (148.5, 105.0), (297.0, 210.0)):
        landed = printer(*calibration.point(x, y))
        assert abs(landed[0] - x) < 0.1 and abs(landed[1] - y) < 0.1


def test_reversed_measurements_are_refused() -> None:
    a, c = CALIBRATION_MARKS[0], CALIBRATION_MARKS[2]
    with pytest.raises(ValidationError, match="横向测量值顺序颠倒"):
        calibration_from_marks("HP", a, c, (277, 20), (20, 190))
    with pytest.raises(ValidationError, match="相隔"):
        calibration_from_marks("HP", a, a, (20, 20), (20, 20))


def test_reprint_needs_a_reason_a_first_print_does_not() -> None:
    assert check_reprint_reason("GX-1", 0, "") == ""
    assert check_reprint_reason("GX-1", 2, " 卡纸 ") == "卡纸"
    with pytest.raises(ValidationError, match="证书 GX-1 已打印过 2 次，重打须填写原因"):
        check_reprint_reason("GX-1", 2, " \n")
    with pytest.raises(ValidationError, match="最多 200 个字"):
        check_reprint_reason("GX-1", 1, "长" * 201)


def test_layout_json_round_trip_and_malformed_documents() -> None:
    data = layout_to_json(check_layout(LAYOUT))
    back = layout_from_json(data, "b" * 64)
    assert back.fields == LAYOUT.fields and back.template_sha256 == "b" * 64
    for bad, message in (
        ([], "不是套打版式"),
        ({"format": "kaoping-stock-layout"}, "缺少 page 或 fields"),
        ({**data, "fields": ["x"]}, "第 1 个字段格式不对"),
        ({**data, "fields": [{"key": "name", "x": True}]}, "应为数字"),
        ({**data, "fields": [data["fields"][0]] * 41}, "字段过多"),
    ):
        with pytest.raises(ValidationError, match=message):
            layout_from_json(bad, "")
