"""The audit log in words an inspector reads (审计日志的中文表述).

Entries are stored with stable codes (`users.reset_password`, details as JSON) because the hash
chain covers them; this module turns them into Chinese for screens, exports and dossiers.
Every action the product writes has a name here (a test walks the services to make sure).
"""

from __future__ import annotations

import json
import re
from typing import Any

from kaoping.domain.roles import Permission, Role

_HAN = re.compile(r"[\u3400-\u9fff]")
# Stored values that are codes of their own: roles and permissions read by their Chinese names.
_VALUE_NAMES = {r.value: r.label for r in Role} | {p.value: p.label for p in Permission}

ACTION_NAMES: dict[str, str] = {
    "amendment.approve": "批准成绩更正",
    "amendment.reject": "驳回成绩更正",
    "amendment.request": "申请成绩更正",
    "approval.import": "导入人社部门审核结果",
    "approvals.approve": "记录审核通过",
    "approvals.reject": "记录审核不通过",
    "assets.register": "登记证书图片",
    "assets.register_refused": "证书图片登记被拒",
    "assets.withdraw": "撤回证书图片",
    "audit.export": "导出审计日志",
    "audit.verify": "校验审计日志",
    "auth.sign_in": "登录",
    "backup.run": "备份数据库",
    "bank.export": "导出题库备份",
    "bank.grant": "授予题库权限",
    "bank.import": "导入试题",
    "bank.initialise": "初始化题库",
    "bank.item_approve": "审定试题",
    "bank.item_create": "新增试题",
    "bank.item_edit": "修改试题",
    "bank.item_retire": "停用试题",
    "bank.item_view": "查看试题",
    "bank.register_keys": "登记题库密钥",
    "bank.regrant_needed": "题库权限需重新授予",
    "bank.restore": "恢复题库备份",
    "bank.revoke": "收回题库权限",
    "bank.unlock": "解锁题库",
    "batches.create": "新建批次",
    "body_name.confirm": "确认机构名称依据",
    "body_name.propose": "提交机构名称依据",
    "calendar.complete": "标记年度节假日安排完整",
    "calendar.confirm_notice": "确认导入国务院节假日安排",
    "calendar.reopen": "重新开放年度节假日安排",
    "candidates.create": "录入考生",
    "candidates.export": "导出考生名单",
    "candidates.import": "导入花名册",
    "candidates.letter": "生成承诺书",
    "candidates.withdraw": "考生撤回申报",
    "catalogue.add_direction": "新增职业方向",
    "catalogue.add_occupation": "新增职业",
    "catalogue.update_direction": "修改职业方向",
    "catalogue.update_occupation": "修改职业",
    "certificates.compliance_blocked": "证书未通过合规检查",
    "certificates.export": "导出证书",
    "certificates.issue": "签发证书",
    "certificates.print": "打印证书",
    "certificates.reissue": "补发证书",
    "certificates.reversal_confirm": "确认撤销复原",
    "certificates.reversal_propose": "提请撤销复原",
    "certificates.reversal_reject": "驳回撤销复原",
    "certificates.revocations": "导出撤销清单",
    "certificates.revoke": "撤销证书",
    "certificates.settings": "修改证书设置",
    "certificates.stock_layout": "保存套打版式",
    "certificates.stock_print": "套打证书",
    "certificates.printer_calibration": "保存打印机校准",
    "certificates.void": "作废证书",
    "checkin.absent_rest": "其余考生记为缺考",
    "checkin.attendance": "记录考生到场情况",
    "checkin.incident": "记录违纪",
    "checkin.scan": "签到",
    "compliance.check": "合规检查",
    "dossier.export": "导出核查档案",
    "eligibility.override": "登记申报条件例外",
    "examiners.conflict": "登记考评人员回避关系",
    "examiners.register": "登记考评人员",
    "examiners.update": "修改考评人员",
    "holidays.remove": "删除节假日调整",
    "holidays.set": "设置节假日调整",
    "keys.change_passphrase": "修改签名密钥口令",
    "keys.replace": "更换签名密钥",
    "paper.assemble": "组卷",
    "paper.export": "导出试卷",
    "paper.import": "导入试卷",
    "paper.open": "启封试卷",
    "paper.print": "打印试卷",
    "paper.print_answers": "打印参考答案",
    "paper.seal": "封存试卷",
    "phrases.confirm": "确认模板用语",
    "phrases.propose": "提交模板用语复核",
    "phrases.withdraw": "撤回模板用语",
    "photos.delete": "删除考生照片",
    "photos.import": "导入考生照片",
    "photos.purge": "清除批次照片",
    "photos.set": "登记考生照片",
    "photos.size": "设置照片尺寸",
    "plans.create": "新建考评计划",
    "plans.filing_pdf": "导出计划备案表",
    "profile.update": "修改机构资料",
    "remit.confirm": "确认业务范围",
    "remit.propose": "提交业务范围",
    "report.export": "导出报送包",
    "results.confirm": "确认成绩",
    "sampling.draw": "核查抽样",
    "sampling.flag": "标记核查问题",
    "sampling.record": "记录核查结果",
    "sampling.rerun": "重新抽样",
    "scores.enter": "录入成绩",
    "scores.import": "导入成绩",
    "scores.resolve": "裁定成绩",
    "sessions.assign_staff": "安排考评人员",
    "sessions.create": "新增场次",
    "sessions.seat": "排座",
    "setup.initialise": "首次设置",
    "signers.trust": "信任签名者",
    "signers.withdraw": "取消信任签名者",
    "site.export": "导出考点数据包",
    "site.import": "导入考点数据包",
    "site.results_export": "导出考点结果包",
    "site.results_import": "导入考点结果包",
    "store.encrypt": "加密本地数据库",
    "store.recover": "用恢复密钥重设管理员密码",
    "tickets.print": "打印准考证",
    "users.change_password": "修改本人密码",
    "users.create": "新建用户",
    "users.grant_confirm": "确认角色授予",
    "users.grant_reject": "拒绝角色授予",
    "users.rename": "修改用户姓名",
    "users.reset_password": "重置密码",
    "users.set_active": "启用或停用用户",
    "users.set_roles": "修改用户角色",
    "users.unlock": "解除账号锁定",
}

DETAIL_LABELS: dict[str, str] = {
    "attendance": "考勤",
    "calibrated": "已校准",
    "fields": "字段",
    "layout": "套打版式",
    "printer": "打印机",
    "scan": "扫描图",
    "audit": "审计日志",
    "category": "类别",
    "days_off": "休息日数",
    "differences": "差异",
    "eligibility_overrides": "申报条件例外",
    "examiners": "考评人员",
    "full_id_numbers": "完整证件号码",
    "held_back": "暂缓",
    "incidents": "违纪记录",
    "ineligible": "不符合申报条件",
    "max_age_days": "最长有效天数",
    "notice_sha256": "通知摘要",
    "passed": "合格",
    "refused": "被拒绝",
    "remit": "业务范围",
    "remit_basis": "业务范围依据",
    "remit_version": "业务范围版本",
    "replaced": "已替换",
    "sampling": "核查",
    "sampling_draws": "核查抽样",
    "scores": "成绩",
    "title": "标题",
    "verdict": "结论",
    "workdays": "工作日",
    "year": "年度",
    "absent": "缺考",
    "accounts_added": "新增账号",
    "accounts_skipped": "跳过账号",
    "active": "启用",
    "added": "新增",
    "admin": "管理员",
    "after": "修改后",
    "already": "已有",
    "approved": "通过",
    "area": "知识领域",
    "bad_rows": "有问题的行",
    "barred_until": "禁考至",
    "basis": "依据",
    "batch": "批次",
    "batches": "批次",
    "before": "修改前",
    "body_code": "机构代码",
    "broken_seq": "断链位置",
    "candidate": "考生",
    "candidates": "考生",
    "certificate_officer": "证书专员",
    "changed": "已修改",
    "checked": "已核查",
    "ciphertext": "密文",
    "code": "编号",
    "component": "科目",
    "content": "内容",
    "count": "数量",
    "counts": "数量",
    "created": "新建",
    "decided_on": "决定日期",
    "decision": "决定",
    "destination": "保存位置",
    "details": "详情",
    "difficulty": "难度",
    "direction": "方向",
    "draw": "抽样",
    "drawn": "抽中",
    "due": "期限",
    "eligible": "符合条件",
    "entries": "条目",
    "false_facts": "不实情况",
    "field": "字段",
    "file": "文件",
    "file_sha256": "文件摘要",
    "findings": "发现的问题",
    "fingerprint": "指纹",
    "first": "首个",
    "flagged": "已标记",
    "full_numbers": "完整号码",
    "generation": "密钥代次",
    "grant": "授权",
    "height": "高度",
    "id": "编号",
    "id_masked": "证件号码（遮蔽）",
    "imported": "已导入",
    "issue_date": "发证日期",
    "item_id": "试题编号",
    "item_type": "题型",
    "items": "试题",
    "key": "密钥",
    "key_fingerprint": "密钥指纹",
    "key_passphrase_set_by": "口令设置人",
    "key_source": "密钥来源",
    "kind": "类别",
    "kinds": "类别",
    "knowledge_area": "知识领域",
    "last": "最后",
    "late": "迟到",
    "letter_sha256": "承诺书摘要",
    "level": "等级",
    "lines": "行数",
    "mark": "成绩",
    "matches": "相符",
    "matches_record": "与记录相符",
    "method": "方式",
    "name": "名称",
    "new": "新值",
    "note": "备注",
    "numbers": "编号",
    "occupation": "职业",
    "occupations": "职业",
    "ok": "正常",
    "old": "原值",
    "openers": "启封人",
    "outcome": "结果",
    "outcomes": "结果",
    "package_id": "数据包编号",
    "papers": "试卷",
    "pending": "待确认",
    "permission": "权限",
    "photos": "照片",
    "phrase": "用语",
    "plan": "计划",
    "population": "总体",
    "population_intact": "总体未变",
    "population_sha256": "总体摘要",
    "previous": "此前",
    "proposed_by": "提出人",
    "purpose": "用途",
    "ratio": "比例",
    "reason": "原因",
    "recorded_by": "记录人",
    "reencrypted": "已重新加密",
    "reference": "参考图",
    "rejected": "已拒绝",
    "replaces": "替代",
    "reprints": "重印",
    "request": "申请",
    "requested_by": "申请人",
    "results": "结果",
    "results_voided": "作废的结果",
    "revoked_certificate": "被撤销的证书",
    "roles": "角色",
    "room_index": "考场序号",
    "row": "行",
    "route": "申报途径",
    "rows": "行数",
    "rule": "规则",
    "seat": "座位",
    "seated": "已排座",
    "seed": "随机种子",
    "sequence": "序号",
    "session": "场次",
    "sessions": "场次",
    "shortfalls": "不足",
    "signed": "已签名",
    "signer": "签名者",
    "skipped": "跳过",
    "source": "来源",
    "staff": "考评人员",
    "status": "状态",
    "step": "步骤",
    "subject": "对象",
    "superseded": "被取代",
    "supervisor": "质量督导员",
    "template_sha256": "模板摘要",
    "ticket": "准考证号",
    "tickets": "准考证",
    "type": "类型",
    "unchanged": "未变",
    "user": "用户",
    "username": "用户名",
    "valid_only": "仅导入有效行",
    "verified": "已核对",
    "version": "版本",
    "versions": "版本",
    "voided": "已作废",
    "waiting": "等待中",
    "width": "宽度",
    "words": "词语",
    "workday": "工作日",
}

OUTCOME_NAMES = {"ok": "成功", "refused": "被拒绝", "failed": "失败"}

TARGET_KINDS = {
    "stock_layout": "套打版式",
    "audit_log": "审计日志",
    "asset": "图片",
    "batch": "批次",
    "candidate": "考生",
    "certificate": "证书",
    "certificates": "证书",
    "direction": "方向",
    "draw": "抽样",
    "examiner": "考评人员",
    "grant": "角色授予",
    "holiday": "节假日",
    "incident": "违纪记录",
    "item": "试题",
    "occupation": "职业",
    "paper": "试卷",
    "phrase": "模板用语",
    "plan": "计划",
    "seat": "座位",
    "session": "场次",
    "signer": "签名者",
    "template": "模板",
    "user": "用户",
}


def action_name(code: str) -> str:
    """The Chinese name of an action code; an unknown code is shown as it is, marked."""
    return ACTION_NAMES.get(code, f"其他操作（{code}）")


def target_text(target: str, people: dict[str, str] | None = None) -> str:
    """`user:3` as 用户 王芳 when the person is known, `batch:5` as 批次 5."""
    kind, sep, rest = target.partition(":")
    if not sep:
        return TARGET_KINDS.get(target, target)
    if kind not in TARGET_KINDS:
        return target
    if kind == "user" and people and rest in people:
        return f"用户 {people[rest]}"
    return f"{TARGET_KINDS[kind]} {rest}"


def details_text(details: str) -> str:
    """Stored details (JSON) as `原因：……；数量：3`; text that is not JSON is shown as it is."""
    if not details:
        return ""
    try:
        value = json.loads(details)
    except ValueError:
        return details
    return _value_text(value)


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return "；".join(
            f"{DETAIL_LABELS.get(str(k), str(k))}：{_value_text(v)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return "、".join(_value_text(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "无"
    return _VALUE_NAMES.get(str(value), str(value))


def unlabelled_keys(details: str) -> set[str]:
    """Detail keys that have no Chinese label (for tests and checks)."""
    try:
        value = json.loads(details) if details else {}
    except ValueError:
        return set()
    found: set[str] = set()
    _collect(value, found)
    return found


def _collect(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            # Keys already in Chinese (专业相关, 学历) read as they are.
            if str(key) not in DETAIL_LABELS and not _HAN.search(str(key)):
                found.add(str(key))
            _collect(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _collect(inner, found)
