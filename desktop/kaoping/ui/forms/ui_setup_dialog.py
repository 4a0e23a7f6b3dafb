# Generated from forms/setup_dialog.ui by `python -m kaoping.ui.build_forms`; do not edit.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_SetupDialog(object):
    def setupUi(self, SetupDialog):
        if not SetupDialog.objectName():
            SetupDialog.setObjectName(u"SetupDialog")
        SetupDialog.resize(960, 560)
        self.main_layout = QVBoxLayout(SetupDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro_label = QLabel(SetupDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.body_group = QGroupBox(SetupDialog)
        self.body_group.setObjectName(u"body_group")
        self.body_form = QFormLayout(self.body_group)
        self.body_form.setObjectName(u"body_form")
        self.body_name_label = QLabel(self.body_group)
        self.body_name_label.setObjectName(u"body_name_label")

        self.body_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.body_name_label)

        self.body_name_edit = QLineEdit(self.body_group)
        self.body_name_edit.setObjectName(u"body_name_edit")

        self.body_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.body_name_edit)

        self.body_code_label = QLabel(self.body_group)
        self.body_code_label.setObjectName(u"body_code_label")

        self.body_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.body_code_label)

        self.body_code_edit = QLineEdit(self.body_group)
        self.body_code_edit.setObjectName(u"body_code_edit")

        self.body_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.body_code_edit)

        self.address_label = QLabel(self.body_group)
        self.address_label.setObjectName(u"address_label")

        self.body_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address_edit = QLineEdit(self.body_group)
        self.address_edit.setObjectName(u"address_edit")

        self.body_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.address_edit)

        self.contact_label = QLabel(self.body_group)
        self.contact_label.setObjectName(u"contact_label")

        self.body_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.contact_label)

        self.contact_edit = QLineEdit(self.body_group)
        self.contact_edit.setObjectName(u"contact_edit")

        self.body_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.contact_edit)

        self.phone_label = QLabel(self.body_group)
        self.phone_label.setObjectName(u"phone_label")

        self.body_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone_edit = QLineEdit(self.body_group)
        self.phone_edit.setObjectName(u"phone_edit")

        self.body_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.name_basis_label = QLabel(self.body_group)
        self.name_basis_label.setObjectName(u"name_basis_label")

        self.body_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.name_basis_label)

        self.name_basis_edit = QLineEdit(self.body_group)
        self.name_basis_edit.setObjectName(u"name_basis_edit")

        self.body_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.name_basis_edit)

        self.remit_label = QLabel(self.body_group)
        self.remit_label.setObjectName(u"remit_label")

        self.body_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.remit_label)

        self.remit_row = QHBoxLayout()
        self.remit_row.setObjectName(u"remit_row")
        self.remit_summary_label = QLabel(self.body_group)
        self.remit_summary_label.setObjectName(u"remit_summary_label")

        self.remit_row.addWidget(self.remit_summary_label)

        self.remit_button = QPushButton(self.body_group)
        self.remit_button.setObjectName(u"remit_button")

        self.remit_row.addWidget(self.remit_button)

        self.remit_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.remit_row.addItem(self.remit_spacer)


        self.body_form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.remit_row)


        self.main_layout.addWidget(self.body_group)

        self.accounts_row = QHBoxLayout()
        self.accounts_row.setObjectName(u"accounts_row")
        self.admin_group = QGroupBox(SetupDialog)
        self.admin_group.setObjectName(u"admin_group")
        self.admin_form = QFormLayout(self.admin_group)
        self.admin_form.setObjectName(u"admin_form")
        self.admin_user_label = QLabel(self.admin_group)
        self.admin_user_label.setObjectName(u"admin_user_label")

        self.admin_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.admin_user_label)

        self.admin_user_edit = QLineEdit(self.admin_group)
        self.admin_user_edit.setObjectName(u"admin_user_edit")

        self.admin_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.admin_user_edit)

        self.admin_name_label = QLabel(self.admin_group)
        self.admin_name_label.setObjectName(u"admin_name_label")

        self.admin_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.admin_name_label)

        self.admin_name_edit = QLineEdit(self.admin_group)
        self.admin_name_edit.setObjectName(u"admin_name_edit")

        self.admin_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.admin_name_edit)

        self.admin_password_label = QLabel(self.admin_group)
        self.admin_password_label.setObjectName(u"admin_password_label")

        self.admin_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.admin_password_label)

        self.admin_password_edit = QLineEdit(self.admin_group)
        self.admin_password_edit.setObjectName(u"admin_password_edit")
        self.admin_password_edit.setEchoMode(QLineEdit.Password)

        self.admin_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.admin_password_edit)


        self.accounts_row.addWidget(self.admin_group)

        self.supervisor_group = QGroupBox(SetupDialog)
        self.supervisor_group.setObjectName(u"supervisor_group")
        self.supervisor_form = QFormLayout(self.supervisor_group)
        self.supervisor_form.setObjectName(u"supervisor_form")
        self.supervisor_user_label = QLabel(self.supervisor_group)
        self.supervisor_user_label.setObjectName(u"supervisor_user_label")

        self.supervisor_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.supervisor_user_label)

        self.supervisor_user_edit = QLineEdit(self.supervisor_group)
        self.supervisor_user_edit.setObjectName(u"supervisor_user_edit")

        self.supervisor_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.supervisor_user_edit)

        self.supervisor_name_label = QLabel(self.supervisor_group)
        self.supervisor_name_label.setObjectName(u"supervisor_name_label")

        self.supervisor_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.supervisor_name_label)

        self.supervisor_name_edit = QLineEdit(self.supervisor_group)
        self.supervisor_name_edit.setObjectName(u"supervisor_name_edit")

        self.supervisor_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.supervisor_name_edit)

        self.supervisor_password_label = QLabel(self.supervisor_group)
        self.supervisor_password_label.setObjectName(u"supervisor_password_label")

        self.supervisor_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.supervisor_password_label)

        self.supervisor_password_edit = QLineEdit(self.supervisor_group)
        self.supervisor_password_edit.setObjectName(u"supervisor_password_edit")
        self.supervisor_password_edit.setEchoMode(QLineEdit.Password)

        self.supervisor_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.supervisor_password_edit)


        self.accounts_row.addWidget(self.supervisor_group)

        self.officer_group = QGroupBox(SetupDialog)
        self.officer_group.setObjectName(u"officer_group")
        self.officer_form = QFormLayout(self.officer_group)
        self.officer_form.setObjectName(u"officer_form")
        self.officer_user_label = QLabel(self.officer_group)
        self.officer_user_label.setObjectName(u"officer_user_label")

        self.officer_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.officer_user_label)

        self.officer_user_edit = QLineEdit(self.officer_group)
        self.officer_user_edit.setObjectName(u"officer_user_edit")

        self.officer_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.officer_user_edit)

        self.officer_name_label = QLabel(self.officer_group)
        self.officer_name_label.setObjectName(u"officer_name_label")

        self.officer_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.officer_name_label)

        self.officer_name_edit = QLineEdit(self.officer_group)
        self.officer_name_edit.setObjectName(u"officer_name_edit")

        self.officer_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.officer_name_edit)

        self.officer_password_label = QLabel(self.officer_group)
        self.officer_password_label.setObjectName(u"officer_password_label")

        self.officer_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.officer_password_label)

        self.officer_password_edit = QLineEdit(self.officer_group)
        self.officer_password_edit.setObjectName(u"officer_password_edit")
        self.officer_password_edit.setEchoMode(QLineEdit.Password)

        self.officer_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.officer_password_edit)


        self.accounts_row.addWidget(self.officer_group)


        self.main_layout.addLayout(self.accounts_row)

        self.key_group = QGroupBox(SetupDialog)
        self.key_group.setObjectName(u"key_group")
        self.key_form = QFormLayout(self.key_group)
        self.key_form.setObjectName(u"key_form")
        self.passphrase_label = QLabel(self.key_group)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.key_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passphrase_label)

        self.passphrase_edit = QLineEdit(self.key_group)
        self.passphrase_edit.setObjectName(u"passphrase_edit")
        self.passphrase_edit.setEchoMode(QLineEdit.Password)

        self.key_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passphrase_edit)

        self.pkcs12_label = QLabel(self.key_group)
        self.pkcs12_label.setObjectName(u"pkcs12_label")

        self.key_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.pkcs12_label)

        self.pkcs12_layout = QHBoxLayout()
        self.pkcs12_layout.setObjectName(u"pkcs12_layout")
        self.pkcs12_edit = QLineEdit(self.key_group)
        self.pkcs12_edit.setObjectName(u"pkcs12_edit")

        self.pkcs12_layout.addWidget(self.pkcs12_edit)

        self.pkcs12_button = QPushButton(self.key_group)
        self.pkcs12_button.setObjectName(u"pkcs12_button")

        self.pkcs12_layout.addWidget(self.pkcs12_button)


        self.key_form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.pkcs12_layout)

        self.pkcs12_password_label = QLabel(self.key_group)
        self.pkcs12_password_label.setObjectName(u"pkcs12_password_label")

        self.key_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.pkcs12_password_label)

        self.pkcs12_password_edit = QLineEdit(self.key_group)
        self.pkcs12_password_edit.setObjectName(u"pkcs12_password_edit")
        self.pkcs12_password_edit.setEchoMode(QLineEdit.Password)

        self.key_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.pkcs12_password_edit)


        self.main_layout.addWidget(self.key_group)

        self.error_label = QLabel(SetupDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(u"color: #b00020;")

        self.main_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(SetupDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.main_layout.addWidget(self.button_box)


        self.retranslateUi(SetupDialog)

        QMetaObject.connectSlotsByName(SetupDialog)
    # setupUi

    def retranslateUi(self, SetupDialog):
        SetupDialog.setWindowTitle(QCoreApplication.translate("SetupDialog", u"\u8003\u8bc4 \u2014 \u9996\u6b21\u8bbe\u7f6e", None))
        self.intro_label.setText(QCoreApplication.translate("SetupDialog", u"\u6b22\u8fce\u4f7f\u7528\u8003\u8bc4\u3002\u521d\u59cb\u5316\u7531\u673a\u6784\u7684\u4e09\u4f4d\u4eba\u5458\u5171\u540c\u5b8c\u6210\uff1a\u586b\u5199\u8bc4\u4ef7\u673a\u6784\u4fe1\u606f\uff0c\u8bbe\u7f6e\u7b2c\u4e00\u4f4d\u7cfb\u7edf\u7ba1\u7406\u5458\u3001\u8d28\u91cf\u7763\u5bfc\u5458\uff08\u786e\u8ba4\u6b64\u540e\u7684\u89d2\u8272\u6388\u4e88\uff09\u548c\u8bc1\u4e66\u7ba1\u7406\u5458\uff08\u8bbe\u7f6e\u7b7e\u540d\u5bc6\u94a5\u53e3\u4ee4\uff09\uff0c\u5e76\u751f\u6210\u6216\u5bfc\u5165\u673a\u6784\u7684\u7b7e\u540d\u8bc1\u4e66\u3002", None))
        self.body_group.setTitle(QCoreApplication.translate("SetupDialog", u"\u8bc4\u4ef7\u673a\u6784", None))
        self.body_name_label.setText(QCoreApplication.translate("SetupDialog", u"\u673a\u6784\u540d\u79f0", None))
        self.body_code_label.setText(QCoreApplication.translate("SetupDialog", u"\u673a\u6784\u4ee3\u7801", None))
        self.address_label.setText(QCoreApplication.translate("SetupDialog", u"\u5730\u5740", None))
        self.contact_label.setText(QCoreApplication.translate("SetupDialog", u"\u8054\u7cfb\u4eba", None))
        self.phone_label.setText(QCoreApplication.translate("SetupDialog", u"\u7535\u8bdd", None))
        self.name_basis_label.setText(QCoreApplication.translate("SetupDialog", u"\u540d\u79f0\u4f9d\u636e", None))
        self.name_basis_edit.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"\u540d\u79f0\u542b\u7981\u7528\u5b57\u6837\u65f6\u586b\u5199\uff1a\u767b\u8bb0\u8bc1\u4e66\u7f16\u53f7\u53ca\u767b\u8bb0\u540d\u79f0", None))
        self.remit_label.setText(QCoreApplication.translate("SetupDialog", u"\u4e1a\u52a1\u8303\u56f4", None))
        self.remit_summary_label.setText(QCoreApplication.translate("SetupDialog", u"\u672a\u9009\u62e9\uff08\u4e5f\u53ef\u5b8c\u6210\u8bbe\u7f6e\u540e\u5728\u201c\u4e1a\u52a1\u8303\u56f4\u201d\u9875\u767b\u8bb0\uff09", None))
#if QT_CONFIG(tooltip)
        self.remit_summary_label.setToolTip(QCoreApplication.translate("SetupDialog", u"\u672c\u673a\u6784\u5728\u8bc4\u4ef7\u673a\u6784\u76ee\u5f55\u4e2d\u83b7\u51c6\u7684\u804c\u4e1a\u3001\u65b9\u5411\u548c\u7b49\u7ea7\uff1b\u987b\u7ecf\u8d28\u91cf\u7763\u5bfc\u5458\u786e\u8ba4\u540e\u624d\u80fd\u5236\u5b9a\u8003\u6838\u8ba1\u5212", None))
#endif // QT_CONFIG(tooltip)
        self.remit_button.setText(QCoreApplication.translate("SetupDialog", u"\u9009\u62e9\u2026", None))
        self.admin_group.setTitle(QCoreApplication.translate("SetupDialog", u"\u7b2c\u4e00\u4f4d\u7cfb\u7edf\u7ba1\u7406\u5458", None))
        self.admin_user_label.setText(QCoreApplication.translate("SetupDialog", u"\u7528\u6237\u540d", None))
        self.admin_name_label.setText(QCoreApplication.translate("SetupDialog", u"\u59d3\u540d", None))
        self.admin_password_label.setText(QCoreApplication.translate("SetupDialog", u"\u5bc6\u7801", None))
        self.supervisor_group.setTitle(QCoreApplication.translate("SetupDialog", u"\u7b2c\u4e00\u4f4d\u8d28\u91cf\u7763\u5bfc\u5458\uff08\u786e\u8ba4\u6b64\u540e\u7684\u89d2\u8272\u6388\u4e88\uff09", None))
        self.supervisor_user_label.setText(QCoreApplication.translate("SetupDialog", u"\u7528\u6237\u540d", None))
        self.supervisor_name_label.setText(QCoreApplication.translate("SetupDialog", u"\u59d3\u540d", None))
        self.supervisor_password_label.setText(QCoreApplication.translate("SetupDialog", u"\u5bc6\u7801", None))
        self.officer_group.setTitle(QCoreApplication.translate("SetupDialog", u"\u7b2c\u4e00\u4f4d\u8bc1\u4e66\u7ba1\u7406\u5458\uff08\u8bbe\u7f6e\u7b7e\u540d\u5bc6\u94a5\u53e3\u4ee4\uff09", None))
        self.officer_user_label.setText(QCoreApplication.translate("SetupDialog", u"\u7528\u6237\u540d", None))
        self.officer_name_label.setText(QCoreApplication.translate("SetupDialog", u"\u59d3\u540d", None))
        self.officer_password_label.setText(QCoreApplication.translate("SetupDialog", u"\u5bc6\u7801", None))
        self.key_group.setTitle(QCoreApplication.translate("SetupDialog", u"\u7b7e\u540d\u8bc1\u4e66\uff08\u53e3\u4ee4\u7531\u8bc1\u4e66\u7ba1\u7406\u5458\u8f93\u5165\uff09", None))
        self.passphrase_label.setText(QCoreApplication.translate("SetupDialog", u"\u5bc6\u94a5\u53e3\u4ee4", None))
        self.pkcs12_label.setText(QCoreApplication.translate("SetupDialog", u"\u5bfc\u5165 PKCS#12", None))
        self.pkcs12_edit.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"\u7559\u7a7a\u5219\u81ea\u52a8\u751f\u6210\u81ea\u7b7e\u540d\u8bc1\u4e66", None))
        self.pkcs12_button.setText(QCoreApplication.translate("SetupDialog", u"\u9009\u62e9\u2026", None))
        self.pkcs12_password_label.setText(QCoreApplication.translate("SetupDialog", u"PKCS#12 \u5bc6\u7801", None))
        self.error_label.setText("")
    # retranslateUi

