"""Running slow work off the UI thread behind a progress dialog with Cancel.

`run_task` is the one way the interface runs a long service call (an import, an export, a key
change). The work runs in a `QThread`; its progress reaches the dialog through a queued signal,
and Cancel sets a flag the work polls. Meanwhile a nested event loop keeps the window painting
and timers firing, with no polling and no sleeping. Whatever the work returns comes back to the
caller, and whatever it raises is raised again on the UI thread, so callers keep their ordinary
`try`/`except KaopingError` handling.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

__all__ = ["OFTEN_QUICK_MS", "Cancelled", "Progress", "Work", "run_task", "until_cancelled"]

OFTEN_QUICK_MS = 300
"""`show_after_ms` for work that usually ends at once (a short roster), so no dialog flashes up."""

_T = TypeVar("_T")
Progress = Callable[[int, int], None]
"""Called by the work as progress(done, total); safe to call from the worker thread."""
Cancelled = Callable[[], bool]
"""Polled by the work; True once the person pressed Cancel."""
Work = Callable[[Progress, Cancelled], _T]
"""The slow part: work(progress, cancelled) -> result. It must not touch widgets."""


def until_cancelled(progress: Progress, cancelled: Cancelled) -> Callable[[int, int], bool]:
    """Adapt to services whose progress callback answers False to stop.

    Args:
        progress: The runner's progress callback.
        cancelled: The runner's cancel predicate.

    Returns:
        A callback that reports progress and returns whether the work may go on.
    """

    def report(done: int, total: int) -> bool:
        progress(done, total)
        return not cancelled()

    return report


class _Worker(QObject, Generic[_T]):
    """Runs the work in its thread and reports progress and the end through signals."""

    progressed = Signal(int, int)
    done = Signal()

    def __init__(self, work: Work[_T], cancel: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel
        self.result: _T | None = None
        self.error: BaseException | None = None

    @Slot()
    def run(self) -> None:
        """Call the work; keep its result or error for the UI thread."""
        try:
            self.result = self._work(self.progressed.emit, self._cancel.is_set)
        except BaseException as error:  # handed over to the UI thread, which raises it again
            self.error = error
        finally:
            self.done.emit()


class _ProgressView(QObject):
    """The progress dialog, owned by the UI thread so the worker's queued signals touch it safely."""

    def __init__(
        self, parent: QWidget | None, label: str, title: str | None, show_after_ms: int
    ) -> None:
        super().__init__()
        self._label = label
        self.dialog = QProgressDialog(
            label, QCoreApplication.translate("TaskRunner", "取消"), 0, 0, parent
        )
        if title is not None:
            self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # The runner closes the dialog when the work ends; reaching the maximum must not.
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumDuration(show_after_ms)
        # Qt's own delayed show waits for progress calls (or four seconds); work that reports
        # rarely or never still gets its dialog, and its Cancel, on time.
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self.dialog.show)
        self._show_timer.start(max(show_after_ms, 0))

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        """Move the bar and show the count next to the label."""
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        self.dialog.setLabelText(
            QCoreApplication.translate("TaskRunner", "{0}（{1}/{2}）").format(
                self._label, done, total
            )
        )

    def close(self) -> None:
        """Take the dialog down for good: no delayed show may bring it back afterwards."""
        self._show_timer.stop()
        self.dialog.close()
        self.dialog.deleteLater()


def _wait_for(worker: _Worker[_T]) -> None:
    """Run the worker in a fresh thread; spin a local event loop until it has finished."""
    thread = QThread()
    worker.moveToThread(thread)
    loop = QEventLoop()
    # Queued, so the quit is handled by this loop even if the work ends before exec() starts.
    worker.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()


def run_task(
    parent: QWidget | None,
    label: str,
    work: Work[_T],
    *,
    title: str | None = None,
    show_after_ms: int = 0,
) -> _T:
    """Run `work(progress, cancelled)` in a QThread behind a cancellable progress dialog.

    Args:
        parent: The window the dialog is modal to.
        label: What is being done, shown above the bar (already translated).
        work: The slow call. It reports through `progress(done, total)` and polls
            `cancelled()`; it must not touch widgets.
        title: The dialog's window title (already translated); Qt's default when None.
        show_after_ms: Show the dialog only when the work takes longer than this.

    Returns:
        What the work returned.

    Raises:
        BaseException: Whatever the work raised, raised again here on the UI thread (after a
            Cancel, usually the service's own cancel error).
    """
    view = _ProgressView(parent, label, title, show_after_ms)
    cancel = threading.Event()
    view.dialog.canceled.connect(cancel.set)
    worker: _Worker[_T] = _Worker(work, cancel)
    worker.progressed.connect(view.on_progress, Qt.ConnectionType.QueuedConnection)
    try:
        _wait_for(worker)
    finally:
        view.close()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
