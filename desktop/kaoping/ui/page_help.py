"""What each page is for and how to work it, shown by F1 (帮助) for the page in front of the user.

Written for examiners and office staff, not programmers: what the page does, the usual order of
steps, and the keys that save time.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kaoping.ui.labels import QT_TRANSLATE_NOOP

_HELP = {
    "deadlines": QT_TRANSLATE_NOOP(
        "PageHelp",
        "期限看板列出每个批次正在计算的项目期限，逾期的行显示为红色。"
        "工作日按国务院节假日安排计算；某年的安排尚未完整录入时，期限显示为“无法计算”并说明原因。"
        "节假日调整表也在本页维护（系统管理员）。",
    ),
    "plans": QT_TRANSLATE_NOOP(
        "PageHelp",
        "考核计划：先新建计划（职业、方向、等级、期间、考点与人数上限），再为计划新建批次；"
        "考生、场次、成绩和证书都按批次办理。超出本机构业务范围的计划会被拒绝并说明原因。",
    ),
    "candidates": QT_TRANSLATE_NOOP(
        "PageHelp",
        "考生页按批次列出申报人员。先选择批次，再用“导入花名册”导入 Excel 或 CSV；"
        "导入前会逐行检查，出错的行会写明行号、列名和原因。Ctrl+F 跳到搜索框，可按姓名或证件号末位查找。",
    ),
    "sampling": QT_TRANSLATE_NOOP(
        "PageHelp",
        "核查抽样从批次中抽取可复现的样本，逐人记录核查结果；同一种子再次抽取得到相同名单。",
    ),
    "sessions": QT_TRANSLATE_NOOP(
        "PageHelp",
        "考务与场次：为批次安排场次、考场和座位，指派考评人员。违反回避或人数规定的安排会列在下方并说明原因。",
    ),
    "checkin": QT_TRANSLATE_NOOP(
        "PageHelp",
        "签到页供考场门口使用：扫描准考证二维码，或输入准考证号、证件号后按回车。"
        "用功能键记录迟到、缺考、离场和已到，F8 记录违纪。",
    ),
    "scores": QT_TRANSLATE_NOOP(
        "PageHelp",
        "成绩录入：选择场次后直接输入分数，回车保存本行并跳到下一行。两人分别录入，不一致的行会标红等待裁定。",
    ),
    "confirm": QT_TRANSLATE_NOOP(
        "PageHelp",
        "核对与确认：处理两次录入不一致的成绩，查看尚未满足的确认条件，全部满足后确认场次成绩。",
    ),
    "bank": QT_TRANSLATE_NOOP(
        "PageHelp",
        "题库页所有人只能看到目录信息；题库管理员和命题人员输入本人密码解锁后才能查看和编辑试题内容。"
        "试题始终加密保存。",
    ),
    "papers": QT_TRANSLATE_NOOP(
        "PageHelp",
        "组卷与试卷：按细目表预览组卷蓝图，为场次抽题组卷，生成加密试卷。",
    ),
    "paper_open": QT_TRANSLATE_NOOP(
        "PageHelp",
        "试卷启封须两人在场：考务管理员和质量督导分别输入密码后，在开考时间窗口内打开试卷。",
    ),
    "certificates": QT_TRANSLATE_NOOP(
        "PageHelp",
        "证书页列出批次的证书和待发证考生。签发前每份证书都会经过合规检查并签名；"
        "可预览、打印、撤销和补发。Ctrl+P 打印当前预览。",
    ),
    "verify": QT_TRANSLATE_NOOP(
        "PageHelp",
        "证书核验：选择证书 PDF 或二维码照片，检查签名、内容和撤销状态；可附上最新的撤销清单。",
    ),
    "exchange": QT_TRANSLATE_NOOP(
        "PageHelp",
        "报送与数据包：导出签名的报送包、导入人社部门的审核结果、收发考点数据包、生成核查档案。",
    ),
    "catalogue": QT_TRANSLATE_NOOP(
        "PageHelp",
        "标准目录列出职业、代码和方向，每项注明是否已与官方文件核对；系统管理员可以修改。",
    ),
    "users": QT_TRANSLATE_NOOP(
        "PageHelp",
        "用户与角色：系统管理员建立账号、分配角色、重置密码；新增角色须由质量督导确认后生效。",
    ),
    "remit": QT_TRANSLATE_NOOP(
        "PageHelp",
        "业务范围：本机构获准开展评价的职业、方向和等级。系统管理员提交并写明依据，"
        "质量督导员确认后生效；超出业务范围的考核计划会被拒绝。",
    ),
    "audit": QT_TRANSLATE_NOOP(
        "PageHelp",
        "审计日志记录每一项操作及其结果，可按人员、操作和文字筛选，并检查日志的哈希链是否完整。",
    ),
    "keys": QT_TRANSLATE_NOOP(
        "PageHelp",
        "签名密钥页供证书专员更换签名密钥或修改其口令。口令遗失后证书无法签发，请妥善保管。",
    ),
    "settings": QT_TRANSLATE_NOOP(
        "PageHelp",
        "机构与密钥：机构资料、签名密钥的公开信息和备份。请定期备份并把备份存放在另一处。",
    ),
    "home": QT_TRANSLATE_NOOP(
        "PageHelp",
        "我的账号：查看本人的角色和权限，修改本人密码，选择界面语言。",
    ),
}

GENERAL = QT_TRANSLATE_NOOP(
    "PageHelp",
    "常用按键：F1 本页帮助，F5 刷新，Ctrl+F 查找，Ctrl+C 复制所选单元格，Ctrl+P 打印，Ctrl+Q 退出。",
)


def help_text(page_key: str) -> str:
    """The page's help in the interface language, followed by the keys every page shares."""
    own = _HELP.get(page_key, "")
    parts = [QCoreApplication.translate("PageHelp", own)] if own else []
    parts.append(QCoreApplication.translate("PageHelp", GENERAL))
    return "\n\n".join(parts)


def pages_with_help() -> frozenset[str]:
    """The page keys that have their own help text."""
    return frozenset(_HELP)
