"""启封试卷: two different openers type their own username and password, then print.

The dialog shows when the paper may be opened and who holds a share. Refusals (one person twice,
outside the window, a wrong password) appear in the dialog itself; every attempt is audited by the
service. Once opened, the paper exists only in this dialog's memory until it is printed to a PDF
the user saves, or the dialog closes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.fileio import write_atomically
from kaoping.services import papers
from kaoping.services.base import Actor, Env
from kaoping.services.papers import Credential
from kaoping.services.ports.bank import OpenedPaper
from kaoping.ui import labels, messages


class PaperOpenDialog(QDialog):
    """Opens one sealed paper with two people, then prints it or its answer key."""

    def __init__(
        self, env: Env, actor: Actor, paper_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._paper = papers.find_paper(env, actor, paper_id)
        self.opened: OpenedPaper | None = None
        self.setWindowTitle(self.tr("启封试卷 {0}").format(self._paper.code))
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary())
        self.first_user, self.first_password = self._person_box(layout, self.tr("第一位启封人"))
        self.second_user, self.second_password = self._person_box(layout, self.tr("第二位启封人"))
        if actor.can(Permission.PAPER_OPEN):
            self.first_user.setText(actor.username)
        purpose_row = QFormLayout()
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setPlaceholderText(self.tr("例如：第 1 场考试开考前启封"))
        purpose_row.addRow(self.tr("启封用途"), self.purpose_edit)
        layout.addLayout(purpose_row)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        layout.addLayout(self._buttons())

    def _summary(self) -> QLabel:
        try:
            window = papers.open_window(self._env, self._actor, self._paper.paper_id).text
            openers = labels.separator().join(
                self.tr("{0}（{1}）").format(name, user)
                for user, name in papers.paper_openers(self._env, self._actor, self._paper.paper_id)
            )
        except KaopingError as error:
            window, openers = str(error), ""
        label = QLabel(
            self.tr("场次：{0}\n启封时间：{1}\n可启封人（任意两位）：{2}").format(
                self._paper.session_code or self._paper.session_id, window, openers
            )
        )
        label.setWordWrap(True)
        return label

    def _person_box(self, layout: QVBoxLayout, title: str) -> tuple[QLineEdit, QLineEdit]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        user = QLineEdit()
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("用户名"), user)
        form.addRow(self.tr("密码"), password)
        layout.addWidget(box)
        return user, password

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("启封(&O)"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.print_button = QPushButton(self.tr("打印试卷(&P)…"))
        self.print_button.clicked.connect(lambda: self._print(answer_key=False))
        self.answers_button = QPushButton(self.tr("打印参考答案(&A)…"))
        self.answers_button.clicked.connect(lambda: self._print(answer_key=True))
        for button in (self.print_button, self.answers_button):
            button.setEnabled(False)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        for widget in (self.open_button, self.print_button, self.answers_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(close)
        return row

    def _on_open_clicked(self) -> None:
        try:
            self.opened = papers.open_paper(
                self._env,
                self._actor,
                self._paper.paper_id,
                Credential(self.first_user.text(), self.first_password.text()),
                Credential(self.second_user.text(), self.second_password.text()),
                self.purpose_edit.text(),
            )
        except KaopingError as error:
            self.status_label.setText(str(error))
            return
        finally:
            # Passwords are not kept in the form once used, whatever the outcome.
            self.first_password.clear()
            self.second_password.clear()
        self.status_label.setText(
            self.tr("已启封：{0}，共 {1} 题。请打印后关闭本窗口。").format(
                self.opened.title, len(self.opened.items)
            )
        )
        for widget in (self.first_user, self.second_user, self.open_button):
            widget.setEnabled(False)
        for button in (self.print_button, self.answers_button):
            button.setEnabled(True)

    def _print(self, answer_key: bool) -> None:
        if self.opened is None:
            return
        suffix = self.tr("参考答案") if answer_key else self.tr("试卷")
        path = messages.save_file(
            self,
            self.tr("保存{0} PDF").format(suffix),
            f"{self.opened.code}-{suffix}.pdf",
            "PDF (*.pdf)",
        )
        if path is None:
            return
        try:
            pdf = papers.print_paper(
                self._env, self._actor, self.opened, self.purpose_edit.text(), answer_key=answer_key
            )
            write_atomically(path, pdf)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        self.status_label.setText(self.tr("已保存{0}：{1}").format(suffix, path))
