"""Issuing a batch of certificates with a cancellable progress dialog, and the small prompts it needs.

The service call runs in a `QThread`; progress reaches the dialog through a queued signal, and
Cancel sets a flag the service polls between certificates. Until everything is rendered, checked
and signed the service stores nothing, so a cancel leaves no certificate and no number behind.
`ask_text` is the one place these pages ask for a passphrase or a reason; tests replace it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QLineEdit, QProgressDialog, QWidget

from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import IssueOutcome

__all__ = ["ask_text", "issue_with_progress", "run_in_thread"]

_T = TypeVar("_T")
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], _T]


def ask_text(parent: QWidget | None, title: str, label: str, *, secret: bool = False) -> str | None:
    """Ask for one line of text (a passphrase when `secret`); None when cancelled."""
    mode = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
    text, accepted = QInputDialog.getText(parent, title, label, mode)
    return text if accepted else None


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
        except BaseException as error:  # handed over to the UI thread
            self.error = error
        finally:
            self.done.emit()


class _Receiver(QObject):
    """Lives in the UI thread, so the worker's signals arrive queued and update the dialog safely."""

    def __init__(self, dialog: QProgressDialog, label: str) -> None:
        super().__init__()
        self._dialog = dialog
        self._label = label

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        """Move the bar."""
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(done)
        self._dialog.setLabelText(self.tr("{0}（{1}/{2}）").format(self._label, done, total))


def run_in_thread(parent: QWidget | None, title: str, label: str, work: Work[_T]) -> _T:
    """Run `work(progress, cancelled)` in a QThread behind a cancellable progress dialog.

    Returns what the work returned and re-raises what it raised (the service's own cancel error
    when the person pressed Cancel).
    """
    dialog = QProgressDialog(label, QCoreApplication.translate("IssueDialog", "取消"), 0, 0,
                             parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumDuration(0)
    cancel = threading.Event()
    dialog.canceled.connect(cancel.set)
    worker: _Worker[_T] = _Worker(work, cancel)
    receiver = _Receiver(dialog, label)
    thread = QThread()
    worker.moveToThread(thread)
    worker.progressed.connect(receiver.on_progress, Qt.ConnectionType.QueuedConnection)
    loop = QEventLoop()
    worker.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    dialog.show()
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]


def issue_with_progress(parent: QWidget | None, env: Env, actor: Actor, batch_code: str,
                        passphrase: str) -> IssueOutcome:
    """Issue a batch's certificates off the UI thread, with progress and Cancel."""
    return run_in_thread(
        parent, QCoreApplication.translate("IssueDialog", "签发证书"),
        QCoreApplication.translate("IssueDialog", "正在生成、检查并签名证书…"),
        lambda progress, cancelled: certificates.issue_batch(
            env, actor, batch_code, passphrase, progress=progress, cancelled=cancelled))
