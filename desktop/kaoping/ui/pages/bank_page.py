"""题库: the bank browser (catalogue data for everyone, content only for bank roles once unlocked).

Unlocking asks for the user's own password; the unwrapped bank key lives only in this process's
memory (`session_unlock`) and is forgotten when the program closes. Every look at content asks
for a purpose, which goes into the audit log.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import KaopingError
from kaoping.domain.items import ItemStatus
from kaoping.domain.roles import Permission
from kaoping.fileio import write_atomically
from kaoping.services import bank
from kaoping.services.bank import BankUnlock, HolderInfo
from kaoping.services.base import Actor, Env
from kaoping.services.ports.bank import CountRow, ItemQuery, StoredItem
from kaoping.ui import choices, labels, messages, tasks
from kaoping.ui.dialogs.item_editor_dialog import ItemEditorDialog
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("BankPage", "编号"),
    QT_TRANSLATE_NOOP("BankPage", "职业"),
    QT_TRANSLATE_NOOP("BankPage", "等级"),
    QT_TRANSLATE_NOOP("BankPage", "知识领域"),
    QT_TRANSLATE_NOOP("BankPage", "题型"),
    QT_TRANSLATE_NOOP("BankPage", "难度"),
    QT_TRANSLATE_NOOP("BankPage", "状态"),
    QT_TRANSLATE_NOOP("BankPage", "版本"),
    QT_TRANSLATE_NOOP("BankPage", "作者"),
]
_UNLOCKED: dict[int, tuple[Actor, BankUnlock]] = {}


def session_unlock(actor: Actor) -> BankUnlock | None:
    """The bank key this signed-in session unlocked, if any (memory only)."""
    held = _UNLOCKED.get(id(actor))
    return held[1] if held and held[0] is actor else None


def remember_unlock(actor: Actor, unlock: BankUnlock) -> None:
    """Keep a session's unlocked bank key in memory for later actions."""
    _UNLOCKED[id(actor)] = (actor, unlock)


def ask_password(parent: QWidget, title: str, prompt: str) -> str | None:
    """Ask for the signed-in user's password; None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
    return text if ok and text else None


def ensure_unlocked(parent: QWidget, env: Env, actor: Actor) -> BankUnlock | None:
    """The session's bank key, asking for the password to unlock it when needed."""
    unlock = session_unlock(actor)
    if unlock is not None:
        return unlock
    password = ask_password(
        parent,
        QCoreApplication.translate("BankPage", "解锁题库"),
        QCoreApplication.translate(
            "BankPage", "请输入您的登录密码以解锁题库（仅在本次运行中有效）："
        ),
    )
    if password is None:
        return None
    try:
        if not bank.bank_initialised(env, actor) and actor.can(Permission.BANK_MANAGE):
            if not messages.confirm(
                parent,
                QCoreApplication.translate("BankPage", "初始化题库"),
                QCoreApplication.translate(
                    "BankPage", "题库尚未初始化。现在创建题库密钥，并由您持有第一份副本吗？"
                ),
            ):
                return None
            unlock = bank.initialise_bank(env, actor, password)
        else:
            unlock = bank.unlock_bank(env, actor, password)
    except KaopingError as error:
        messages.show_error(parent, error)
        return None
    remember_unlock(actor, unlock)
    return unlock


class HoldersDialog(QDialog):
    """授权管理: who holds the bank key; grant to a bank-role user, or revoke (rotates the key)."""

    def __init__(
        self, env: Env, actor: Actor, unlock: BankUnlock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._env, self._actor, self._unlock = env, actor, unlock
        self._holders: list[HolderInfo] = []
        self.setWindowTitle(self.tr("题库授权管理"))
        self.resize(720, 360)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("用户名"),
                self.tr("姓名"),
                self.tr("题库角色"),
                self.tr("密钥副本"),
                self.tr("说明"),
            ]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("授权(&G)"), self._on_grant_clicked),
            (self.tr("撤销授权并更换密钥(&R)"), self._on_revoke_clicked),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Reload the holders."""
        try:
            self._holders = bank.list_holders(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.table.setRowCount(len(self._holders))
        for r, holder in enumerate(self._holders):
            note = (
                self.tr("密码被重置，需重新授权")
                if holder.regrant_needed
                else ""
                if holder.has_key_pair
                else self.tr("尚未登记密钥，请其登录后在题库页登记")
            )
            cells = [
                holder.username,
                holder.display_name,
                self.tr("有") if holder.holds_bank_role else self.tr("已无（应撤销）"),
                self.tr("持有") if holder.has_copy else self.tr("无"),
                note,
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _selected(self) -> HolderInfo | None:
        row = self.table.currentRow()
        return self._holders[row] if 0 <= row < len(self._holders) else None

    def _on_grant_clicked(self) -> None:
        holder = self._selected()
        if holder is None:
            return
        try:
            bank.grant_access(self._env, self._actor, self._unlock, holder.user_id)
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _on_revoke_clicked(self) -> None:
        holder = self._selected()
        if holder is None or not messages.confirm(
            self,
            self.tr("撤销授权"),
            self.tr("撤销 {0} 的授权后将更换题库密钥并重新加密全部试题，确定吗？").format(
                holder.username
            ),
        ):
            return
        try:
            fresh = tasks.run_task(
                self,
                self.tr("正在更换题库密钥…"),
                lambda progress, cancelled: bank.revoke_access(
                    self._env,
                    self._actor,
                    self._unlock,
                    holder.user_id,
                    tasks.until_cancelled(progress, cancelled),
                ),
                show_after_ms=tasks.OFTEN_QUICK_MS,
            )
        except KaopingError as error:
            messages.show_error(self, error)
        else:
            self._unlock = fresh
            remember_unlock(self._actor, fresh)
        self.refresh()


class BankPage(QWidget):
    """Lists items (catalogue data); bank roles create, read, edit, approve, retire and import."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._items: list[StoredItem] = []
        self._occupations: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.status_label = QLabel()
        layout.addWidget(self.status_label)
        layout.addLayout(self._filters())
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        layout.addWidget(self.table)
        layout.addLayout(self._buttons())
        self.refresh()

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.occupation_combo = QComboBox()
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("全部等级"), None)
        for level in Level:
            self.level_combo.addItem(labels.label(level), level)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("全部状态"), None)
        for status in ItemStatus:
            self.status_combo.addItem(labels.label(status), status)
        self.mine_box = QCheckBox(self.tr("只看我的"))
        self.mine_box.setChecked(
            not self._actor.can(Permission.BANK_MANAGE)
            and self._actor.can(Permission.BANK_WRITE_DRAFT)
        )
        for widget in (self.occupation_combo, self.level_combo, self.status_combo):
            widget.currentIndexChanged.connect(self.refresh)
            row.addWidget(widget)
        self.mine_box.toggled.connect(self.refresh)
        row.addWidget(self.mine_box)
        row.addStretch(1)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        writer = self._actor.can(Permission.BANK_WRITE_DRAFT)
        manager = self._actor.can(Permission.BANK_MANAGE)
        for text, slot, shown in (
            (self.tr("解锁题库(&U)"), self._on_unlock_clicked, writer),
            (self.tr("新建试题(&N)"), self._on_new_clicked, writer),
            (self.tr("查看/编辑(&E)"), self._on_edit_clicked, writer),
            (self.tr("审核通过(&A)"), self._on_approve_clicked, manager),
            (self.tr("停用(&D)"), self._on_retire_clicked, manager),
            (self.tr("导入(&I)…"), self._on_import_clicked, writer),
            (self.tr("下载导入模板"), self._on_template_clicked, writer),
            (self.tr("加密备份导出…"), self._on_export_clicked, manager),
            (self.tr("授权管理…"), self._on_holders_clicked, manager),
        ):
            if shown:
                button = QPushButton(text)
                button.clicked.connect(slot)
                row.addWidget(button)
        row.addStretch(1)
        return row

    def refresh(self) -> None:
        """Reload counts and the item list."""
        try:
            if not self._occupations:
                self._occupations = bank.occupation_names(self._env, self._actor)
                self.occupation_combo.blockSignals(True)
                self.occupation_combo.addItem(self.tr("全部职业"), "")
                for code, name in sorted(self._occupations.items()):
                    self.occupation_combo.addItem(f"{code} {name}", code)
                self.occupation_combo.blockSignals(False)
            query = ItemQuery(
                occupation_code=str(self.occupation_combo.currentData() or ""),
                level=choices.chosen(self.level_combo, Level),
                status=choices.chosen(self.status_combo, ItemStatus),
                author_id=self._actor.user_id if self.mine_box.isChecked() else None,
            )
            self._items = bank.list_items(self._env, self._actor, query)
            counts = bank.bank_stats(self._env, self._actor)
            authors = bank.author_names(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self._show_status(counts)
        self.table.setRowCount(len(self._items))
        for r, item in enumerate(self._items):
            meta = item.meta
            cells = [
                item.item_id[:8],
                self._occupations.get(meta.occupation_code, meta.occupation_code),
                labels.label(meta.level),
                meta.knowledge_area,
                labels.label(meta.item_type),
                str(meta.difficulty),
                labels.label(meta.status),
                str(meta.version),
                authors.get(meta.author_id, meta.author_id),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _show_status(self, counts: list[CountRow]) -> None:
        totals = {
            status: sum(row.count for row in counts if row.status is status)
            for status in ItemStatus
        }
        lock = self.tr("已解锁") if session_unlock(self._actor) else self.tr("未解锁")
        summary = self.tr("，").join(
            f"{labels.label(status)} {totals[status]}" for status in ItemStatus
        )
        text = self.tr("题库共 {0} 题（{1}）").format(sum(totals.values()), summary)
        if self._actor.can(Permission.BANK_WRITE_DRAFT):
            text += self.tr("　题库密钥：{0}").format(lock)
        else:
            text += self.tr("　您可查看统计与题目属性，不能查看题目内容")
        self.status_label.setText(text)

    def _selected(self) -> StoredItem | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._items):
            messages.show_info(self, self.tr("题库"), self.tr("请先在列表中选择一道试题。"))
            return None
        return self._items[row]

    def _on_unlock_clicked(self) -> None:
        ensure_unlocked(self, self._env, self._actor)
        self.refresh()

    def _on_new_clicked(self) -> None:
        unlock = ensure_unlocked(self, self._env, self._actor)
        if unlock is None:
            return
        dialog = ItemEditorDialog(self._env, self._actor, self._occupations, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                bank.create_item(self._env, self._actor, unlock, dialog.meta(), dialog.content())
            except KaopingError as error:
                messages.show_error(self, error)
        self.refresh()

    def _on_edit_clicked(self) -> None:
        item = self._selected()
        unlock = ensure_unlocked(self, self._env, self._actor) if item else None
        if item is None or unlock is None:
            return
        purpose, ok = QInputDialog.getText(
            self, self.tr("查看试题"), self.tr("查看用途（记入审计日志）：")
        )
        if not ok:
            return
        try:
            content = bank.view_item(self._env, self._actor, unlock, item.item_id, purpose)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        dialog = ItemEditorDialog(
            self._env, self._actor, self._occupations, item.meta, content, self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                bank.update_item(
                    self._env, self._actor, unlock, item.item_id, dialog.meta(), dialog.content()
                )
            except KaopingError as error:
                messages.show_error(self, error)
        self.refresh()

    def _on_approve_clicked(self) -> None:
        item = self._selected()
        if item is not None:
            self._run(lambda: bank.approve_item(self._env, self._actor, item.item_id))

    def _on_retire_clicked(self) -> None:
        item = self._selected()
        if item is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("停用试题"), self.tr("停用原因："))
        if ok:
            self._run(lambda: bank.retire_item(self._env, self._actor, item.item_id, reason))

    def _run(self, call: object) -> None:
        try:
            call()  # type: ignore[operator]
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _on_import_clicked(self) -> None:
        path = messages.open_file(self, self.tr("导入试题"), self.tr("试题文件 (*.xlsx *.json)"))
        unlock = ensure_unlocked(self, self._env, self._actor) if path else None
        if path is None or unlock is None:
            return
        partial = not messages.confirm(
            self,
            self.tr("导入方式"),
            self.tr(
                "有错误行时是否一行都不导入？\n选“是”：全部正确才导入；选“否”：只导入正确的行。"
            ),
        )
        try:
            report = tasks.run_task(
                self,
                self.tr("正在导入试题…"),
                lambda progress, cancelled: bank.import_items(
                    self._env,
                    self._actor,
                    unlock,
                    path,
                    all_or_nothing=not partial,
                    progress=tasks.until_cancelled(progress, cancelled),
                ),
                show_after_ms=tasks.OFTEN_QUICK_MS,
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        lines = [str(problem) for problem in report.problems[:30]]
        head = (
            self.tr("已取消，未导入任何试题。")
            if report.cancelled
            else self.tr("已导入 {0} 道试题，{1} 行有错误。").format(
                report.imported, len({p.row for p in report.problems})
            )
        )
        messages.show_info(self, self.tr("导入结果"), "\n".join([head, *lines]))
        self.refresh()

    def _on_template_clicked(self) -> None:
        path = messages.save_file(
            self, self.tr("保存导入模板"), self.tr("题目导入模板.xlsx"), "Excel (*.xlsx)"
        )
        if path is not None:
            self._run(lambda: bank.write_import_template(self._env, self._actor, path))

    def _on_export_clicked(self) -> None:
        unlock = ensure_unlocked(self, self._env, self._actor)
        path = (
            messages.save_file(
                self,
                self.tr("加密备份导出"),
                self.tr("题库备份.kpbank"),
                self.tr("题库备份 (*.kpbank)"),
            )
            if unlock
            else None
        )
        if unlock is None or path is None:
            return
        passphrase = ask_password(
            self, self.tr("备份口令"), self.tr("请设置备份口令（至少 10 个字符，恢复时需要）：")
        )
        purpose, ok = QInputDialog.getText(self, self.tr("导出用途"), self.tr("导出用途："))
        if passphrase is None or not ok:
            return
        try:
            write_atomically(
                path, bank.export_backup(self._env, self._actor, unlock, passphrase, purpose)
            )
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        messages.show_info(self, self.tr("导出完成"), self.tr("已导出加密备份：{0}").format(path))

    def _on_holders_clicked(self) -> None:
        unlock = ensure_unlocked(self, self._env, self._actor)
        if unlock is not None:
            HoldersDialog(self._env, self._actor, unlock, self).exec()
            self.refresh()
