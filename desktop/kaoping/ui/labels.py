"""Display names (显示名称) of domain values — roles, levels, statuses — in the interface language.

The domain names its values in Chinese (`Role.label`, `Level.label`, `BatchStatus.label`...), and
those names stay the data the services compare and store. The interface shows them through
`label()`, which looks the Chinese name up in the "Labels" translation context. The entries below
list every such name so that `pyside6-lupdate` puts them in the catalogue; a test checks that
every domain enum shown in the interface is covered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from PySide6.QtCore import QCoreApplication

CONTEXT = "Labels"


# The upper-case name is the one lupdate looks for.
def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for the catalogue under `context`; returns it unchanged, to translate later.

    Qt's own QT_TRANSLATE_NOOP is typed to return `object`; this one keeps `str` for tables of
    texts (column headers, navigation titles) that are translated when shown.
    """
    del context  # only lupdate reads it
    return text


class Labelled(Protocol):
    """A domain value with a Chinese display name."""

    @property
    def label(self) -> str:
        """The Chinese display name."""
        ...


_ENTRIES = (
    # Role — 角色
    QT_TRANSLATE_NOOP("Labels", "系统管理员"),
    QT_TRANSLATE_NOOP("Labels", "考务管理员"),
    QT_TRANSLATE_NOOP("Labels", "考评员"),
    QT_TRANSLATE_NOOP("Labels", "质量督导员"),
    QT_TRANSLATE_NOOP("Labels", "命题专家"),
    QT_TRANSLATE_NOOP("Labels", "题库管理员"),
    QT_TRANSLATE_NOOP("Labels", "证书管理员"),
    # Permission — 权限
    QT_TRANSLATE_NOOP("Labels", "管理用户与角色"),
    QT_TRANSLATE_NOOP("Labels", "修改机构信息"),
    QT_TRANSLATE_NOOP("Labels", "管理受信任的签名者"),
    QT_TRANSLATE_NOOP("Labels", "更换签名密钥或修改密钥口令"),
    QT_TRANSLATE_NOOP("Labels", "确认或拒绝角色授予"),
    QT_TRANSLATE_NOOP("Labels", "修改系统设置"),
    QT_TRANSLATE_NOOP("Labels", "查看标准目录"),
    QT_TRANSLATE_NOOP("Labels", "修改标准目录"),
    QT_TRANSLATE_NOOP("Labels", "查看审计日志"),
    QT_TRANSLATE_NOOP("Labels", "备份数据库"),
    QT_TRANSLATE_NOOP("Labels", "查看考生"),
    QT_TRANSLATE_NOOP("Labels", "录入和修改考生"),
    QT_TRANSLATE_NOOP("Labels", "导入考生名册"),
    QT_TRANSLATE_NOOP("Labels", "查看考生照片"),
    QT_TRANSLATE_NOOP("Labels", "抽取核查样本"),
    QT_TRANSLATE_NOOP("Labels", "登记核查结果"),
    QT_TRANSLATE_NOOP("Labels", "管理考核计划与批次"),
    QT_TRANSLATE_NOOP("Labels", "管理场次与考场"),
    QT_TRANSLATE_NOOP("Labels", "考生签到"),
    QT_TRANSLATE_NOOP("Labels", "录入成绩"),
    QT_TRANSLATE_NOOP("Labels", "处理成绩不一致"),
    QT_TRANSLATE_NOOP("Labels", "确认并锁定成绩"),
    QT_TRANSLATE_NOOP("Labels", "申请更正成绩"),
    QT_TRANSLATE_NOOP("Labels", "批准成绩更正"),
    QT_TRANSLATE_NOOP("Labels", "查看题库统计"),
    QT_TRANSLATE_NOOP("Labels", "编写试题草稿"),
    QT_TRANSLATE_NOOP("Labels", "审核与管理试题"),
    QT_TRANSLATE_NOOP("Labels", "组卷与封存试卷"),
    QT_TRANSLATE_NOOP("Labels", "启封试卷"),
    QT_TRANSLATE_NOOP("Labels", "查看证书"),
    QT_TRANSLATE_NOOP("Labels", "签发证书"),
    QT_TRANSLATE_NOOP("Labels", "打印证书"),
    QT_TRANSLATE_NOOP("Labels", "撤销与补发证书"),
    QT_TRANSLATE_NOOP("Labels", "提出撤销复原"),
    QT_TRANSLATE_NOOP("Labels", "确认撤销复原"),
    QT_TRANSLATE_NOOP("Labels", "登记证书图片"),
    QT_TRANSLATE_NOOP("Labels", "登记审核结果"),
    QT_TRANSLATE_NOOP("Labels", "导出报送数据包"),
    QT_TRANSLATE_NOOP("Labels", "导入数据包"),
    QT_TRANSLATE_NOOP("Labels", "合规检查"),
    QT_TRANSLATE_NOOP("Labels", "提请复核模板字样"),
    QT_TRANSLATE_NOOP("Labels", "确认模板字样复核"),
    QT_TRANSLATE_NOOP("Labels", "撤回模板字样复核"),
    QT_TRANSLATE_NOOP("Labels", "确认机构名称的依据"),
    QT_TRANSLATE_NOOP("Labels", "登记申报条件例外"),
    QT_TRANSLATE_NOOP("Labels", "登记业务范围"),
    QT_TRANSLATE_NOOP("Labels", "确认业务范围"),
    # Level — 等级
    QT_TRANSLATE_NOOP("Labels", "初级"),
    QT_TRANSLATE_NOOP("Labels", "中级"),
    QT_TRANSLATE_NOOP("Labels", "高级"),
    # Route — 申报方式
    QT_TRANSLATE_NOOP("Labels", "告知承诺"),
    QT_TRANSLATE_NOOP("Labels", "提交证明"),
    # CandidateStatus and certificate status
    QT_TRANSLATE_NOOP("Labels", "有效"),
    QT_TRANSLATE_NOOP("Labels", "已撤回"),
    QT_TRANSLATE_NOOP("Labels", "已作废"),
    QT_TRANSLATE_NOOP("Labels", "已撤销"),
    # RevocationCategory — 撤销类别
    QT_TRANSLATE_NOOP("Labels", "冒名顶替（他人代考）"),
    QT_TRANSLATE_NOOP("Labels", "虚假承诺"),
    QT_TRANSLATE_NOOP("Labels", "考核违纪舞弊"),
    QT_TRANSLATE_NOOP("Labels", "发证有误"),
    QT_TRANSLATE_NOOP("Labels", "其他原因"),
    QT_TRANSLATE_NOOP("Labels", "报名作废"),
    QT_TRANSLATE_NOOP("Labels", "已补发新证书"),
    # RegionBasis — 在桂依据
    QT_TRANSLATE_NOOP("Labels", "在桂工作"),
    QT_TRANSLATE_NOOP("Labels", "在桂居住"),
    # IdType — 证件类型
    QT_TRANSLATE_NOOP("Labels", "居民身份证"),
    QT_TRANSLATE_NOOP("Labels", "港澳居民来往内地通行证"),
    QT_TRANSLATE_NOOP("Labels", "台湾居民来往大陆通行证"),
    QT_TRANSLATE_NOOP("Labels", "港澳台居民居住证"),
    QT_TRANSLATE_NOOP("Labels", "外国人永久居留身份证"),
    QT_TRANSLATE_NOOP("Labels", "护照"),
    # Education — 学历
    QT_TRANSLATE_NOOP("Labels", "技工院校"),
    QT_TRANSLATE_NOOP("Labels", "大学专科"),
    QT_TRANSLATE_NOOP("Labels", "大学本科"),
    QT_TRANSLATE_NOOP("Labels", "第二学士学位"),
    QT_TRANSLATE_NOOP("Labels", "硕士研究生"),
    QT_TRANSLATE_NOOP("Labels", "博士研究生"),
    # Title — 职称
    QT_TRANSLATE_NOOP("Labels", "无"),
    QT_TRANSLATE_NOOP("Labels", "技术员"),
    QT_TRANSLATE_NOOP("Labels", "助理工程师"),
    QT_TRANSLATE_NOOP("Labels", "工程师"),
    QT_TRANSLATE_NOOP("Labels", "高级工程师"),
    # StaffRole and ConflictKind — 考场职责, 回避关系
    QT_TRANSLATE_NOOP("Labels", "监考员"),
    QT_TRANSLATE_NOOP("Labels", "评审专家"),
    QT_TRANSLATE_NOOP("Labels", "亲属"),
    QT_TRANSLATE_NOOP("Labels", "培训教师"),
    QT_TRANSLATE_NOOP("Labels", "同一单位"),
    QT_TRANSLATE_NOOP("Labels", "其他"),
    # Component — 考核科目
    QT_TRANSLATE_NOOP("Labels", "理论知识考试"),
    QT_TRANSLATE_NOOP("Labels", "专业能力考核"),
    QT_TRANSLATE_NOOP("Labels", "综合评审"),
    # ScoreStatus and ResultStatus
    QT_TRANSLATE_NOOP("Labels", "实考"),
    QT_TRANSLATE_NOOP("Labels", "缺考"),
    QT_TRANSLATE_NOOP("Labels", "作废"),
    QT_TRANSLATE_NOOP("Labels", "合格"),
    QT_TRANSLATE_NOOP("Labels", "不合格"),
    QT_TRANSLATE_NOOP("Labels", "未完成"),
    # BatchStatus — 批次状态
    QT_TRANSLATE_NOOP("Labels", "报名与考核中"),
    QT_TRANSLATE_NOOP("Labels", "成绩已确认"),
    QT_TRANSLATE_NOOP("Labels", "已报送待确认"),
    QT_TRANSLATE_NOOP("Labels", "已审核通过"),
    QT_TRANSLATE_NOOP("Labels", "证书已颁发"),
    # PackageKind — 数据包
    QT_TRANSLATE_NOOP("Labels", "报送"),
    QT_TRANSLATE_NOOP("Labels", "考点下发"),
    QT_TRANSLATE_NOOP("Labels", "考点回传"),
    QT_TRANSLATE_NOOP("Labels", "审核结果"),
    QT_TRANSLATE_NOOP("Labels", "考务档案"),
    # WeightKind — 权重表
    QT_TRANSLATE_NOOP("Labels", "理论知识权重表"),
    QT_TRANSLATE_NOOP("Labels", "专业能力要求权重表"),
    # ItemType and ItemStatus — 题型, 试题状态
    QT_TRANSLATE_NOOP("Labels", "单选题"),
    QT_TRANSLATE_NOOP("Labels", "多选题"),
    QT_TRANSLATE_NOOP("Labels", "判断题"),
    QT_TRANSLATE_NOOP("Labels", "简答题"),
    QT_TRANSLATE_NOOP("Labels", "实操题"),
    QT_TRANSLATE_NOOP("Labels", "草稿"),
    QT_TRANSLATE_NOOP("Labels", "已审核"),
    QT_TRANSLATE_NOOP("Labels", "已停用"),
    # CheckOutcome and CheckedFact — 核查
    QT_TRANSLATE_NOOP("Labels", "属实"),
    QT_TRANSLATE_NOOP("Labels", "不实"),
    QT_TRANSLATE_NOOP("Labels", "无法核实"),
    QT_TRANSLATE_NOOP("Labels", "学历"),
    QT_TRANSLATE_NOOP("Labels", "专业相关"),
    QT_TRANSLATE_NOOP("Labels", "工作年限"),
    QT_TRANSLATE_NOOP("Labels", "职称"),
    QT_TRANSLATE_NOOP("Labels", "既有证书"),
    QT_TRANSLATE_NOOP("Labels", "培训合格证书"),
    QT_TRANSLATE_NOOP("Labels", "在桂依据"),
    QT_TRANSLATE_NOOP("Labels", "毕业证明"),
    # Attendance, IncidentKind, CheckinMethod — 签到
    QT_TRANSLATE_NOOP("Labels", "未签到"),
    QT_TRANSLATE_NOOP("Labels", "已到"),
    QT_TRANSLATE_NOOP("Labels", "迟到"),
    QT_TRANSLATE_NOOP("Labels", "离场"),
    QT_TRANSLATE_NOOP("Labels", "作弊"),
    QT_TRANSLATE_NOOP("Labels", "替考"),
    QT_TRANSLATE_NOOP("Labels", "人证不符"),
    QT_TRANSLATE_NOOP("Labels", "违规携带电子设备"),
    QT_TRANSLATE_NOOP("Labels", "扰乱考场秩序"),
    QT_TRANSLATE_NOOP("Labels", "其他违纪"),
    QT_TRANSLATE_NOOP("Labels", "扫描准考证二维码"),
    QT_TRANSLATE_NOOP("Labels", "手工输入准考证号"),
    QT_TRANSLATE_NOOP("Labels", "证件号码"),
    # LineState — 成绩录入情况
    QT_TRANSLATE_NOOP("Labels", "待录入"),
    QT_TRANSLATE_NOOP("Labels", "待第二次录入"),
    QT_TRANSLATE_NOOP("Labels", "两次一致"),
    QT_TRANSLATE_NOOP("Labels", "不一致，待裁定"),
    QT_TRANSLATE_NOOP("Labels", "已裁定"),
    QT_TRANSLATE_NOOP("Labels", "已确认"),
    QT_TRANSLATE_NOOP("Labels", "已确认（已更正）"),
    # Certificate verification verdicts — 核验结论
    QT_TRANSLATE_NOOP("Labels", "证书有效"),
    QT_TRANSLATE_NOOP("Labels", "证书无效"),
    QT_TRANSLATE_NOOP("Labels", "无法核验"),
    QT_TRANSLATE_NOOP("Labels", "签名有效，撤销状态未知"),
    # Answers to a look-up by number and name — 按编号和姓名查询
    QT_TRANSLATE_NOOP("Labels", "证书已撤销"),
    QT_TRANSLATE_NOOP("Labels", "证书已作废"),
    QT_TRANSLATE_NOOP("Labels", "查无此证书"),
    QT_TRANSLATE_NOOP("Labels", "姓名与证书不符"),
    QT_TRANSLATE_NOOP("Labels", "不是本机构签发的证书"),
    # Deadline clocks — 期限
    QT_TRANSLATE_NOOP("Labels", "报送截止"),
    QT_TRANSLATE_NOOP("Labels", "预计确认"),
    QT_TRANSLATE_NOOP("Labels", "颁证截止"),
    QT_TRANSLATE_NOOP("Labels", "日期未知（官方日历尚未公布）"),
    # Sex as read from an ID number — 性别
    QT_TRANSLATE_NOOP("Labels", "男"),
    QT_TRANSLATE_NOOP("Labels", "女"),
    # Roster columns (HEADER_OF), shown as the intake form's field names
    QT_TRANSLATE_NOOP("Labels", "姓名"),
    QT_TRANSLATE_NOOP("Labels", "证件类型"),
    QT_TRANSLATE_NOOP("Labels", "手机号码"),
    QT_TRANSLATE_NOOP("Labels", "最高学历"),
    QT_TRANSLATE_NOOP("Labels", "所学专业"),
    QT_TRANSLATE_NOOP("Labels", "专业是否相关"),
    QT_TRANSLATE_NOOP("Labels", "毕业日期"),
    QT_TRANSLATE_NOOP("Labels", "参加本职业工作时间"),
    QT_TRANSLATE_NOOP("Labels", "职称取得日期"),
    QT_TRANSLATE_NOOP("Labels", "工作单位"),
    QT_TRANSLATE_NOOP("Labels", "在桂依据说明"),
    QT_TRANSLATE_NOOP("Labels", "培训合格证书编号"),
    QT_TRANSLATE_NOOP("Labels", "培训机构"),
    QT_TRANSLATE_NOOP("Labels", "培训学时"),
    QT_TRANSLATE_NOOP("Labels", "培训结业日期"),
    QT_TRANSLATE_NOOP("Labels", "既有证书职业编码"),
    QT_TRANSLATE_NOOP("Labels", "既有证书等级"),
    QT_TRANSLATE_NOOP("Labels", "既有证书编号"),
    QT_TRANSLATE_NOOP("Labels", "既有证书发证日期"),
    QT_TRANSLATE_NOOP("Labels", "申报方式"),
    # The separator between the items of a list of names (、 in Chinese)
    QT_TRANSLATE_NOOP("Labels", "、"),
    # YearState — 年度节假日安排的状态
    QT_TRANSLATE_NOOP("Labels", "已确认（国务院通知）"),
    QT_TRANSLATE_NOOP("Labels", "已完整录入（手工）"),
    QT_TRANSLATE_NOOP("Labels", "内置官方日历"),
    QT_TRANSLATE_NOOP("Labels", "未完整"),
    QT_TRANSLATE_NOOP("Labels", "未录入"),
)

KNOWN: frozenset[str] = frozenset(_ENTRIES)


def label(value: Labelled | str) -> str:
    """The display name of a domain value (or of its Chinese name) in the interface language.

    Enums without a `label` (IdType, Education...) carry their Chinese name as their value.
    """
    # StrEnum members are strings too, so look for `label` before using the value itself.
    text = getattr(value, "label", None)
    return QCoreApplication.translate(CONTEXT, text if isinstance(text, str) else str(value))


def separator() -> str:
    """What goes between the items of a list of names: 、 in Chinese, a comma in English."""
    return QCoreApplication.translate(CONTEXT, "、")


_Shown = TypeVar("_Shown", bound="Labelled | str")


def joined(values: Iterable[_Shown]) -> str:
    """Several display names as one list, e.g. the roles of a user."""
    return separator().join(label(value) for value in values)
