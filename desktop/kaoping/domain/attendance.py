"""A candidate's attendance in a session (考勤状态) and its Chinese names."""

from __future__ import annotations

from enum import StrEnum


class Attendance(StrEnum):
    """A candidate's attendance in a session (考勤状态)."""

    EXPECTED = "expected"
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    LEFT = "left"

    @property
    def label(self) -> str:
        """The Chinese name: 未签到, 已到, 迟到, 缺考 or 离场."""
        return _ATTENDANCE_LABELS[self]


_ATTENDANCE_LABELS = {
    Attendance.EXPECTED: "未签到",
    Attendance.PRESENT: "已到",
    Attendance.LATE: "迟到",
    Attendance.ABSENT: "缺考",
    Attendance.LEFT: "离场",
}


def attendance_label(value: str) -> str:
    """The Chinese name of a stored attendance code, or the code itself when it is unknown.

    Args:
        value: An ``Attendance`` value as stored or carried in a package.

    Returns:
        The label people read, e.g. "迟到" for "late".
    """
    try:
        return Attendance(value).label
    except ValueError:
        return value
