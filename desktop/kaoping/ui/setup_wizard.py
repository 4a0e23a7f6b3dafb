"""First-run set-up (首次设置) as a wizard: the body, the first three people, the signing key, a summary.

The system administrator, the quality supervisor and the certificate officer sit down together;
each types their own password twice, and the certificate officer types the signing key's passphrase
twice (a typo there would block issuing later). Required fields carry a *, the rules are shown
before anything is typed, each page checks itself before the next, and the last page shows the
key's fingerprint and asks for a backup. The body's remit (业务范围) is chosen in its own dialog and
waits for the supervisor's confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    QWizard,
    QWizardPage,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.remit import RemitEntry, normalise
from kaoping.services import accounts, setup
from kaoping.services.base import Env
from kaoping.services.ports.dto import BodyProfile
from kaoping.ui import messages
from kaoping.ui.pages.remit_page import RemitDialog

ERROR_STYLE = "color: #b00020;"


def _edit(password: bool = False, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def _error_label() -> QLabel:
    label = QLabel("")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


@dataclass
class PersonFields:
    """The four fields of one of the first three people."""

    user: QLineEdit
    name: QLineEdit
    password: QLineEdit
    repeat: QLineEdit


class BodyPage(QWizardPage):
    """评价机构: the body's profile, the basis of its name if needed, and its remit."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("第 1 步：评价机构"))
        self.setSubTitle(self.tr("带 * 的为必填项。机构名称将印在证书上，须与登记名称一致。"))
        form = QFormLayout(self)
        w = wizard
        form.addRow(self.tr("机构名称 *"), w.body_name_edit)
        form.addRow(self.tr("机构代码 *"), w.body_code_edit)
        form.addRow(self.tr("地址"), w.address_edit)
        form.addRow(self.tr("联系人"), w.contact_edit)
        form.addRow(self.tr("电话"), w.phone_edit)
        form.addRow(self.tr("名称依据"), w.name_basis_edit)
        remit_row = QHBoxLayout()
        remit_row.addWidget(w.remit_summary_label, 1)
        remit_row.addWidget(w.remit_button)
        form.addRow(self.tr("业务范围"), remit_row)
        self.error_label = _error_label()
        form.addRow(self.error_label)
        # QWizard keeps 下一步 disabled until the fields marked with * are filled.
        self.registerField("body_name*", w.body_name_edit)
        self.registerField("body_code*", w.body_code_edit)

    def validatePage(self) -> bool:
        """The profile's own rules (code format, the basis of a name with a banned word)."""
        try:
            setup.validate_profile(self._wizard.profile())
        except KaopingError as error:
            self.error_label.setText(str(error))
            return False
        self.error_label.setText("")
        return True


class PeoplePage(QWizardPage):
    """三位首批人员: user name, name and password (twice) for each; the rules shown up front."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("第 2 步：首批三位人员"))
        self.setSubTitle(
            self.tr(
                "三人各自输入自己的密码。用户名为 2–32 位字母、数字、点、横线或下划线；"
                "密码至少 {0} 个字符，须同时包含字母和数字；三人的用户名不能相同。"
            ).format(wizard.env.policy.min_password_length)
        )
        column = QVBoxLayout(self)
        row = QHBoxLayout()
        titles = (
            ("admin", self.tr("系统管理员")),
            ("supervisor", self.tr("质量督导员（确认此后的角色授予）")),
            ("officer", self.tr("证书管理员（设置签名密钥口令）")),
        )
        for key, title in titles:
            # Equal widths: the longer titles must not squeeze the administrator's fields.
            row.addWidget(self._group(key, title, wizard.people[key]), 1)
        column.addLayout(row)
        self.error_label = _error_label()
        column.addWidget(self.error_label)

    def _group(self, key: str, title: str, fields: PersonFields) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for edit in (fields.user, fields.name, fields.password, fields.repeat):
            edit.setMinimumWidth(140)
        form.addRow(self.tr("用户名 *"), fields.user)
        form.addRow(self.tr("姓名 *"), fields.name)
        form.addRow(self.tr("密码 *"), fields.password)
        form.addRow(self.tr("再次输入 *"), fields.repeat)
        for part, edit in (("user", fields.user), ("name", fields.name)):
            self.registerField(f"{key}_{part}*", edit)
        self.registerField(f"{key}_password*", fields.password)
        self.registerField(f"{key}_repeat*", fields.repeat)
        return box

    def validatePage(self) -> bool:
        """Each person's repeat matches, and the user names and passwords meet the rules."""
        problem = self._wizard.people_problem()
        self.error_label.setText(problem)
        return not problem


class KeyPage(QWizardPage):
    """签名密钥: the passphrase twice (the certificate officer types it), or a PKCS#12 file."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("第 3 步：签名密钥（由证书管理员输入口令）"))
        self.setSubTitle(
            self.tr(
                "口令至少 {0} 个字符。每次签发证书都要输入它，遗失后证书无法签发，请牢记并妥善保管。"
                "不导入 PKCS#12 文件时，程序为机构生成自签名证书。"
            ).format(setup.MIN_PASSPHRASE)
        )
        form = QFormLayout(self)
        w = wizard
        form.addRow(self.tr("密钥口令 *"), w.passphrase_edit)
        form.addRow(self.tr("再次输入口令 *"), w.passphrase_repeat_edit)
        pkcs12_row = QHBoxLayout()
        pkcs12_row.addWidget(w.pkcs12_edit, 1)
        pkcs12_row.addWidget(w.pkcs12_button)
        form.addRow(self.tr("导入 PKCS#12"), pkcs12_row)
        form.addRow(self.tr("PKCS#12 密码"), w.pkcs12_password_edit)
        self.error_label = _error_label()
        form.addRow(self.error_label)
        self.registerField("passphrase*", w.passphrase_edit)
        self.registerField("passphrase_repeat*", w.passphrase_repeat_edit)

    def validatePage(self) -> bool:
        """Refuse a mismatched or short passphrase here, before anything is created."""
        problem = self._wizard.key_problem()
        self.error_label.setText(problem)
        return not problem


class SummaryPage(QWizardPage):
    """确认: what will be created; 完成设置 creates it in one transaction."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("第 4 步：确认并完成设置"))
        self.setSubTitle(
            self.tr("请核对以下内容；按“完成设置”后，机构、三个账号和签名密钥一次建立。")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("完成设置"))
        column = QVBoxLayout(self)
        self.summary_label = QLabel("")
        self.summary_label.setWordWrap(True)
        column.addWidget(self.summary_label)
        self.error_label = _error_label()
        column.addWidget(self.error_label)
        column.addStretch(1)

    def initializePage(self) -> None:
        """Show the summary of what the earlier pages collected."""
        self.summary_label.setText(self._wizard.summary_text())

    def validatePage(self) -> bool:
        """Create everything; on a refusal say why and stay on this page."""
        problem = self._wizard.run_setup()
        self.error_label.setText(problem)
        return not problem


class DonePage(QWizardPage):
    """完成: the signing key's fingerprint and a reminder to back up; then sign-in."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("设置完成"))
        column = QVBoxLayout(self)
        self.fingerprint_label = QLabel("")
        self.fingerprint_label.setWordWrap(True)
        column.addWidget(self.fingerprint_label)
        reminder = QLabel(
            self.tr(
                "请立即备份：登录后由系统管理员在“机构与密钥”页执行备份，并把备份存放在另一台电脑或"
                "U 盘上。质量督导员登录后请确认业务范围（如已填写）。"
            )
        )
        reminder.setWordWrap(True)
        column.addWidget(reminder)
        column.addStretch(1)

    def initializePage(self) -> None:
        """Show the new key's fingerprint, to compare with the certificate sent to the province."""
        self.fingerprint_label.setText(
            self.tr("签名证书指纹（SHA-256）：\n{0}").format(self._wizard.fingerprint)
        )


class SetupWizard(QWizard):
    """Collects what `services.setup.initialise` needs, page by page, and runs it."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.remit: tuple[RemitEntry, ...] = ()
        self.remit_basis = ""
        self.fingerprint = ""
        self.setWindowTitle(self.tr("考评 — 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("去登录"))
        # Room for the three people side by side; well inside 1280x720 (1920x1080 at 150 %).
        self.resize(980, 560)
        self._build_fields()
        for page in (BodyPage(self), PeoplePage(self), KeyPage(self), SummaryPage(self)):
            self.addPage(page)
        self.addPage(DonePage(self))

    def _build_fields(self) -> None:
        self.body_name_edit = _edit()
        self.body_code_edit = _edit(placeholder=self.tr("大写字母和数字，如 GXDT01"))
        self.address_edit = _edit()
        self.contact_edit = _edit()
        self.phone_edit = _edit()
        self.name_basis_edit = _edit(
            placeholder=self.tr("名称含禁用字样时填写：登记证书编号及登记名称")
        )
        self.remit_summary_label = QLabel(self.tr("未选择（也可完成设置后在“业务范围”页登记）"))
        self.remit_button = QPushButton(self.tr("选择…"))
        self.remit_button.clicked.connect(self._on_remit_button_clicked)
        self.people = {
            key: PersonFields(_edit(), _edit(), _edit(True), _edit(True))
            for key in ("admin", "supervisor", "officer")
        }
        self.passphrase_edit = _edit(True)
        self.passphrase_repeat_edit = _edit(True)
        self.pkcs12_edit = _edit(placeholder=self.tr("留空则自动生成自签名证书"))
        self.pkcs12_button = QPushButton(self.tr("选择…"))
        self.pkcs12_button.clicked.connect(self._on_pkcs12_button_clicked)
        self.pkcs12_password_edit = _edit(True)

    # ---- what the pages check --------------------------------------------------------------

    def profile(self) -> BodyProfile:
        """The body's profile as typed."""
        return BodyProfile(
            self.body_name_edit.text().strip(),
            self.body_code_edit.text().strip(),
            self.address_edit.text().strip(),
            self.contact_edit.text().strip(),
            self.phone_edit.text().strip(),
        )

    def people_problem(self) -> str:
        """Why the people page cannot go on ("" when it can)."""
        titles = {
            "admin": self.tr("系统管理员"),
            "supervisor": self.tr("质量督导员"),
            "officer": self.tr("证书管理员"),
        }
        for key, fields in self.people.items():
            if fields.password.text() != fields.repeat.text():
                fields.repeat.clear()
                return self.tr("{0}两次输入的密码不一致，请重新输入。").format(titles[key])
            try:
                accounts.check_new_user(
                    self.env, fields.user.text(), fields.name.text(), fields.password.text()
                )
            except KaopingError as error:
                return f"{titles[key]}：{error}"
        names = [f.user.text().strip() for f in self.people.values()]
        if len(set(names)) != len(names):
            return self.tr("三位人员的用户名不能相同。")
        return ""

    def key_problem(self) -> str:
        """Why the key page cannot go on ("" when it can)."""
        if self.passphrase_edit.text() != self.passphrase_repeat_edit.text():
            self.passphrase_repeat_edit.clear()
            return self.tr("两次输入的签名密钥口令不一致，请重新输入。")
        if len(self.passphrase_edit.text()) < setup.MIN_PASSPHRASE:
            return self.tr("签名密钥口令至少 {0} 个字符。").format(setup.MIN_PASSPHRASE)
        path = self.pkcs12_edit.text().strip()
        if path and not Path(path).is_file():
            return self.tr("找不到 PKCS#12 文件：{0}").format(path)
        return ""

    def summary_text(self) -> str:
        """What 完成设置 will create, in words."""
        profile = self.profile()
        people = self.people
        source = (
            self.tr("导入 {0}").format(Path(self.pkcs12_edit.text().strip()).name)
            if self.pkcs12_edit.text().strip()
            else self.tr("由程序生成自签名证书")
        )
        remit = (
            self.tr("{0} 项，待质量督导员确认").format(len(self.remit))
            if self.remit
            else self.tr("未填写（可稍后在“业务范围”页登记）")
        )
        return self.tr(
            "评价机构：{0}（{1}）\n系统管理员：{2}（{3}）\n质量督导员：{4}（{5}）\n"
            "证书管理员：{6}（{7}）\n签名证书：{8}\n业务范围：{9}"
        ).format(
            profile.name,
            profile.code,
            people["admin"].name.text().strip(),
            people["admin"].user.text().strip(),
            people["supervisor"].name.text().strip(),
            people["supervisor"].user.text().strip(),
            people["officer"].name.text().strip(),
            people["officer"].user.text().strip(),
            source,
            remit,
        )

    def collect(self) -> setup.InitialSetup:
        """Everything the pages collected, as a set-up request."""
        pkcs12_path = self.pkcs12_edit.text().strip()
        pkcs12 = Path(pkcs12_path).read_bytes() if pkcs12_path else None

        def first(key: str) -> setup.FirstAccount:
            fields = self.people[key]
            return setup.FirstAccount(
                fields.user.text().strip(), fields.name.text().strip(), fields.password.text()
            )

        return setup.InitialSetup(
            profile=self.profile(),
            admin=first("admin"),
            supervisor=first("supervisor"),
            officer=first("officer"),
            key_passphrase=self.passphrase_edit.text(),
            pkcs12=pkcs12,
            pkcs12_password=self.pkcs12_password_edit.text(),
            name_basis=self.name_basis_edit.text().strip(),
            remit=self.remit,
            remit_basis=self.remit_basis,
        )

    def run_setup(self) -> str:
        """Run set-up; returns why it was refused ("" when done)."""
        try:
            setup.initialise(self.env, self.collect())
        except (KaopingError, OSError) as error:
            return str(error)
        self.fingerprint = setup.public_key_fingerprint(self.env)
        return ""

    def admin_username(self) -> str:
        """The first administrator's user name, to fill in on the sign-in dialog."""
        return self.people["admin"].user.text().strip()

    # ---- the remit and the PKCS#12 file ----------------------------------------------------

    def _on_remit_button_clicked(self) -> None:
        try:
            shipped = setup.shipped_catalogue(self.env)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        occupations = [(o.code, o.name, o.direction_names()) for o in shipped]
        dialog = RemitDialog(occupations, self.remit, self.remit_basis, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.choose_remit(dialog.entries(), dialog.basis())

    def choose_remit(self, entries: list[RemitEntry], basis: str) -> None:
        """Keep the remit chosen in its dialog and say how many entries it has."""
        self.remit = normalise(entries) if entries else ()
        self.remit_basis = basis
        if self.remit:
            self.remit_summary_label.setText(
                self.tr("已选 {0} 项，完成设置后须由质量督导员确认").format(len(self.remit))
            )
        else:
            self.remit_summary_label.setText(self.tr("未选择（也可完成设置后在“业务范围”页登记）"))

    def _on_pkcs12_button_clicked(self) -> None:
        path = messages.open_file(self, self.tr("选择 PKCS#12 文件"), "PKCS#12 (*.p12 *.pfx)")
        if path is not None:
            self.pkcs12_edit.setText(str(path))
