"""The background runner: result and error come back, progress and Cancel cross threads."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from kaoping.ui import tasks
from kaoping.ui.tasks import Cancelled, Progress

WAIT = 5.0
"""Seconds a worker waits for the UI thread; only reached when the UI thread is blocked."""


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A shown window for the progress dialog to be modal to."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _every(owner: QWidget, interval_ms: int, tick: Callable[[], None]) -> QTimer:
    # Owned by the test's window, so a failed test cannot leave it ticking into the next one.
    timer = QTimer(owner)
    timer.setInterval(interval_ms)
    timer.timeout.connect(tick)
    timer.start()
    return timer


def test_the_result_comes_back(parent: QWidget) -> None:
    """What the work returns is what the runner returns."""
    assert tasks.run_task(parent, "计算", lambda progress, cancelled: 6 * 7) == 42


def test_an_error_in_the_work_is_raised_on_the_ui_thread(parent: QWidget) -> None:
    """The caller's own try/except sees the work's exception, raised in the caller's thread."""
    raised_in: list[threading.Thread] = []

    def work(progress: Progress, cancelled: Cancelled) -> None:
        raised_in.append(threading.current_thread())
        raise ValueError("坏文件")

    with pytest.raises(ValueError, match="坏文件"):
        tasks.run_task(parent, "检查", work)
    assert raised_in and raised_in[0] is not threading.main_thread()


def test_progress_reaches_the_dialog(parent: QWidget) -> None:
    """A progress call in the worker moves the bar and shows the count beside the label."""
    shown = threading.Event()
    seen: list[tuple[int, int, str]] = []

    def look() -> None:
        dialog = parent.findChild(QProgressDialog)
        if dialog is not None and dialog.value() == 3 and not shown.is_set():
            seen.append((dialog.value(), dialog.maximum(), dialog.labelText()))
            shown.set()

    def work(progress: Progress, cancelled: Cancelled) -> bool:
        progress(3, 10)
        return shown.wait(WAIT)

    timer = _every(parent, 10, look)
    assert tasks.run_task(parent, "正在导入", work, title="导入")
    timer.stop()
    assert seen == [(3, 10, "正在导入（3/10）")]


def test_cancel_sets_the_predicate(parent: QWidget) -> None:
    """Cancel in the dialog makes `cancelled()` true in the worker, which then stops."""

    def press_cancel() -> None:
        dialog = parent.findChild(QProgressDialog)
        if dialog is not None:
            dialog.findChild(QPushButton).click()

    def work(progress: Progress, cancelled: Cancelled) -> str:
        stop = threading.Event()
        for step in range(int(WAIT * 100)):
            progress(step, 1000)
            if cancelled():
                return "cancelled"
            stop.wait(0.01)
        return "ran to the end"

    timer = _every(parent, 50, press_cancel)
    assert tasks.run_task(parent, "正在签名", work) == "cancelled"
    timer.stop()


def test_the_ui_thread_keeps_running_while_the_work_runs(parent: QWidget) -> None:
    """A timer set on the UI thread fires while the worker is still busy."""
    fired = threading.Event()
    QTimer.singleShot(20, fired.set)

    def work(progress: Progress, cancelled: Cancelled) -> bool:
        # Blocks until the UI thread has run the timer; a blocked UI thread would time out.
        return fired.wait(WAIT)

    assert tasks.run_task(parent, "等待", work) is True


def test_quick_work_never_shows_the_dialog(parent: QWidget) -> None:
    """With a show delay, work that ends before it leaves no dialog on screen."""
    visible: list[bool] = []
    timer = _every(
        parent,
        5,
        lambda: visible.append(any(d.isVisible() for d in parent.findChildren(QProgressDialog))),
    )
    tasks.run_task(
        parent, "检查", lambda progress, cancelled: None, show_after_ms=tasks.OFTEN_QUICK_MS
    )
    timer.stop()
    assert not any(visible)


def test_until_cancelled_answers_false_once_cancelled() -> None:
    """Services that stop when their progress callback returns False get that from the flag."""
    calls: list[tuple[int, int]] = []
    flag = [False]
    report = tasks.until_cancelled(lambda done, total: calls.append((done, total)), lambda: flag[0])
    assert report(1, 4) is True
    flag[0] = True
    assert report(2, 4) is False
    assert calls == [(1, 4), (2, 4)]


def test_slow_work_shows_the_dialog_after_the_delay(parent: QWidget) -> None:
    """With a show delay, work that takes longer still gets its dialog, without any progress."""
    shown = threading.Event()

    def look() -> None:
        if any(d.isVisible() for d in parent.findChildren(QProgressDialog)):
            shown.set()

    _every(parent, 20, look)
    assert tasks.run_task(
        parent,
        "检查",
        lambda progress, cancelled: shown.wait(WAIT),
        show_after_ms=tasks.OFTEN_QUICK_MS,
    )
