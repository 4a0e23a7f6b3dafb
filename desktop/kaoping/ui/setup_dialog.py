"""First-run setup (首次设置): body profile, the first three accounts, signing identity, remit.

The administrator, the quality supervisor and the certificate officer sit down together; each
types their own password, and the certificate officer types the signing key's passphrase. The
body's remit (业务范围) is chosen in a dialog of its own (a tree of every occupation, direction and
level would not fit here on a 1366x768 screen); it waits for the supervisor's confirmation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from kaoping.domain.errors import KaopingError
from kaoping.domain.remit import RemitEntry, normalise
from kaoping.services import setup
from kaoping.services.base import Env
from kaoping.services.ports.dto import BodyProfile
from kaoping.ui import messages
from kaoping.ui.forms.ui_setup_dialog import Ui_SetupDialog
from kaoping.ui.pages.remit_page import RemitDialog


class SetupDialog(QDialog):
    """Collects what `services.setup.initialise` needs and runs it."""

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._ui = Ui_SetupDialog()
        self._ui.setupUi(self)
        self._ui.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("完成设置"))
        self._ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._ui.button_box.accepted.connect(self._on_button_box_accepted)
        self._ui.button_box.rejected.connect(self.reject)
        self._ui.pkcs12_button.clicked.connect(self._on_pkcs12_button_clicked)
        self._ui.remit_button.clicked.connect(self._on_remit_button_clicked)
        self.remit: tuple[RemitEntry, ...] = ()
        self.remit_basis = ""

    def _on_remit_button_clicked(self) -> None:
        try:
            shipped = setup.shipped_catalogue(self._env)
        except KaopingError as error:
            self._ui.error_label.setText(str(error))
            return
        occupations = [(o.code, o.name, o.direction_names()) for o in shipped]
        dialog = RemitDialog(occupations, self.remit, self.remit_basis, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.choose_remit(dialog.entries(), dialog.basis())

    def choose_remit(self, entries: list[RemitEntry], basis: str) -> None:
        """Keep the remit chosen in its dialog and say how many entries it has."""
        self.remit = normalise(entries) if entries else ()
        self.remit_basis = basis
        label = self._ui.remit_summary_label
        if self.remit:
            label.setText(
                self.tr("已选 {0} 项，完成设置后须由质量督导员确认").format(len(self.remit))
            )
        else:
            label.setText(self.tr("未选择（也可完成设置后在“业务范围”页登记）"))

    def _on_pkcs12_button_clicked(self) -> None:
        path = messages.open_file(self, self.tr("选择 PKCS#12 文件"), "PKCS#12 (*.p12 *.pfx)")
        if path is not None:
            self._ui.pkcs12_edit.setText(str(path))

    def collect(self) -> setup.InitialSetup:
        """The form's values as a setup request."""
        ui = self._ui
        pkcs12_path = ui.pkcs12_edit.text().strip()
        pkcs12 = Path(pkcs12_path).read_bytes() if pkcs12_path else None
        return setup.InitialSetup(
            profile=BodyProfile(
                ui.body_name_edit.text().strip(),
                ui.body_code_edit.text().strip(),
                ui.address_edit.text().strip(),
                ui.contact_edit.text().strip(),
                ui.phone_edit.text().strip(),
            ),
            admin=setup.FirstAccount(
                ui.admin_user_edit.text().strip(),
                ui.admin_name_edit.text().strip(),
                ui.admin_password_edit.text(),
            ),
            supervisor=setup.FirstAccount(
                ui.supervisor_user_edit.text().strip(),
                ui.supervisor_name_edit.text().strip(),
                ui.supervisor_password_edit.text(),
            ),
            officer=setup.FirstAccount(
                ui.officer_user_edit.text().strip(),
                ui.officer_name_edit.text().strip(),
                ui.officer_password_edit.text(),
            ),
            key_passphrase=ui.passphrase_edit.text(),
            pkcs12=pkcs12,
            pkcs12_password=ui.pkcs12_password_edit.text(),
            name_basis=ui.name_basis_edit.text().strip(),
            remit=self.remit,
            remit_basis=self.remit_basis,
        )

    def _on_button_box_accepted(self) -> None:
        try:
            setup.initialise(self._env, self.collect())
        except (KaopingError, OSError) as error:
            self._ui.error_label.setText(str(error))
            return
        self.accept()
