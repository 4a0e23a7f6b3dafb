"""The recovery key sheet (恢复密钥单): one A4 page to print at set-up and lock away.

It carries the recovery key in large print with the instructions for the day every password is
forgotten. It names no candidate and no user; the file's name says only what it is.
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kaoping.adapters.fonts import CJK_FONT_NAME, ensure_fonts, font_markup
from kaoping.domain.beijing import BEIJING

FRAME = HexColor("#1F3A5F")
_INSTRUCTIONS = (
    "这是本机考评数据库的恢复密钥。数据库已加密，平时由各用户的密码打开；"
    "所有能打开数据库的密码都遗忘时，用它重新进入。",
    "请立即打印本页，与电脑分开、锁在安全的地方；打印后删除本文件，不要把它留在这台电脑上、"
    "拍照或发到聊天软件。持有本密钥的人能读出数据库中的全部考生信息。",
    "使用方法：在命令行设置 KAOPING_RECOVERY_KEY 为下面的恢复密钥，运行 "
    "kaoping store recover --user 系统管理员用户名，为该系统管理员设置新密码"
    "（取自 KAOPING_NEW_PASSWORD），再由其为其他用户重置密码。",
    "备份数据库时请同时保存同名的 .keys 密钥文件；恢复密钥可在密钥文件丢失时打开数据库。",
)


def render_recovery_sheet(recovery_key: str, label: str, store: str, created: datetime) -> bytes:
    """The sheet as PDF bytes.

    Args:
        recovery_key: The key as grouped text (``ABCD-EFGH-…``).
        label: The body's name ("" before set-up has named it).
        store: Where the database lives (its path), so the sheet is matched to the right one.
        created: When the key was made.
    """
    font = ensure_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, spaceAfter=5)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=24, spaceAfter=10)
    key_style = ParagraphStyle(
        "key", parent=body, fontName="Courier-Bold", fontSize=17, leading=28, alignment=1
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title="考评数据库恢复密钥单",
        creator="Kaoping",
        lang="zh-CN",
    )
    groups = recovery_key.split("-")
    lines = ["  ".join(groups[i : i + 5]) for i in range(0, len(groups), 5)]
    key_table = Table([[Paragraph(line, key_style)] for line in lines], colWidths=[170 * mm])
    key_table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, FRAME)]))
    facts = [
        f"机构：{label or '（首次设置时生成）'}",
        f"数据库：{store}",
        f"生成时间：{created.astimezone(BEIJING):%Y-%m-%d %H:%M}（北京时间）",
    ]
    story: list[Flowable] = [
        Paragraph("考评数据库恢复密钥单", title),
        *[Paragraph(font_markup(fact, CJK_FONT_NAME), body) for fact in facts],
        Spacer(1, 6 * mm),
        key_table,
        Spacer(1, 6 * mm),
        *[Paragraph(font_markup(text, CJK_FONT_NAME), body) for text in _INSTRUCTIONS],
    ]
    doc.build(story)
    return buffer.getvalue()
