"""Certificate settings (证书设置): numbering prefix, serial width, check character, template, seal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kaoping.domain.beijing import BEIJING
from kaoping.domain.certificates import (
    MIN_QR_MODULE_MM,
    CheckAlgorithm,
    NumberingScheme,
)
from kaoping.domain.errors import CancelledByUser, ValidationError
from kaoping.domain.roles import Permission, permissions_of
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.ports.core import UnitOfWork

ASSET_KINDS = {"seal": "机构印章", "logo": "机构标识", "photo": "考生照片"}

ProgressCallback = Callable[[int, int], None]
CancelFlag = Callable[[], bool]


class IssueCancelled(CancelledByUser):
    """The person cancelled issuing before anything was stored."""


@dataclass(frozen=True)
class CertificateSettings:
    """How certificates are numbered and drawn; stored as settings, changed by an administrator.

    The official numbering rule is not published (standards.md §6), so the scheme is data.

    Attributes:
        prefix: Programme prefix of numbers (capital letters and digits).
        serial_width: Digits of the zero-padded serial.
        algorithm: Check-character system for new numbers, mod97-10 or mod11-2 (mod37-2, which
            can give `*`, is read as mod97-10 for new numbers; numbers issued with it stay
            valid).
        qr_url_prefix: Lookup URL put before the signed record in the QR code ("" for none).
        template_path: The certificate template file ("" = the shipped template).
        seal_sha256: The registered seal image to print ("" = the newest registered seal).
        print_full_id: Print the full ID number instead of the masked one.
        revocation_list_days: For how many days after it is issued the body vouches for a
            revocation list; verifiers treat an older list as not current.
        workers: Processes that render, check and sign a large batch at once (签发进程数):
            0 = one per processor core, 1 = all in the issuing process.
    """

    prefix: str = "GXDT"
    serial_width: int = 6
    algorithm: str = CheckAlgorithm.MOD97_10.value
    qr_url_prefix: str = ""
    template_path: str = ""
    seal_sha256: str = ""
    print_full_id: bool = False
    revocation_list_days: int = 7
    workers: int = 0


SETTING_KEYS = {
    "prefix": "certificate.prefix",
    "serial_width": "certificate.serial_width",
    "algorithm": "certificate.check_algorithm",
    "qr_url_prefix": "qr_url_prefix",
    "template_path": "certificate.template_path",
    "seal_sha256": "certificate.seal",
    "print_full_id": "certificate.print_full_id",
    "revocation_list_days": "certificate.revocation_list_days",
    "workers": "certificate.workers",
}

MAX_WORKERS = 64


def stored_settings(uow: UnitOfWork) -> CertificateSettings:
    """The certificate settings as stored, defaults filled in."""
    defaults = CertificateSettings()
    values = {
        name: uow.settings.get(key, getattr(defaults, name)) for name, key in SETTING_KEYS.items()
    }
    if values["algorithm"] == CheckAlgorithm.MOD37_2.value:
        # Chosen before MOD 37-2 was retired for new numbers: what applies now is MOD 97-10.
        values["algorithm"] = CheckAlgorithm.MOD97_10.value
    return CertificateSettings(**values)


def numbering_scheme(settings: CertificateSettings, body_code: str, year: int) -> NumberingScheme:
    """The numbering scheme new certificates of a body and year get under these settings.

    A body that had chosen MOD 37-2 gets MOD 97-10 for new numbers: MOD 37-2 can end a number
    in `*`, the masking symbol of the same page. Its numbers already issued stay valid.
    """
    try:
        algorithm = CheckAlgorithm(settings.algorithm)
    except ValueError:
        raise ValidationError(
            f"校验算法“{settings.algorithm}”无效，可选：mod97-10、mod11-2", field="校验算法"
        ) from None
    if algorithm not in CheckAlgorithm.for_new_numbers():
        algorithm = CheckAlgorithm.MOD97_10
    return NumberingScheme(settings.prefix, body_code, year, settings.serial_width, algorithm)


def certificate_settings(env: Env, actor: Actor) -> CertificateSettings:
    """The numbering and drawing settings as stored.

    Those who see certificates may read them, and so may the system administrator, who
    changes them (and holds no business role).
    """
    manages = Permission.SETTINGS_MANAGE in permissions_of(actor.roles)
    needed = Permission.SETTINGS_MANAGE if manages else Permission.CERTIFICATES_VIEW
    with reading(env, actor, needed) as uow:
        return stored_settings(uow)


def update_certificate_settings(env: Env, actor: Actor, settings: CertificateSettings) -> None:
    """Change the numbering and drawing settings (checked by building a number with them)."""
    with action(env, actor, Permission.SETTINGS_MANAGE, "certificates.settings") as tx:
        profile = tx.uow.body.get_profile()
        numbering_scheme(settings, profile.code if profile else "X", 2026).format(1)
        if settings.algorithm not in CheckAlgorithm.for_new_numbers():
            raise ValidationError(
                "校验算法 mod37-2 的校验位可能是“*”，与证件号码的遮蔽符号相同，"
                "已不用于新编号；请选择 mod97-10（两位数字）或 mod11-2",
                field="校验算法",
            )
        template = env.adapters.certificates.load_template(settings.template_path)
        _check_qr_fits(env, template, settings, profile.code if profile else "X")
        if not 1 <= settings.revocation_list_days <= 90:
            raise ValidationError(
                f"吊销列表有效天数 {settings.revocation_list_days} 不在 1–90 天之间",
                field="吊销列表有效天数",
            )
        if not 0 <= settings.workers <= MAX_WORKERS:
            raise ValidationError(
                f"签发进程数 {settings.workers} 不在 0–{MAX_WORKERS} 之间"
                "（0 表示每个处理器核一个，1 表示不另开进程）",
                field="签发进程数",
            )
        for name, key in SETTING_KEYS.items():
            tx.uow.settings.put(key, getattr(settings, name))
        tx.record("settings:certificate", **settings.__dict__)


def _check_qr_fits(env: Env, template: object, settings: CertificateSettings, body: str) -> None:
    """Refuse a lookup URL (or numbering) that would shrink the QR modules below 0.8 mm.

    Measured on the longest QR text these settings can give, so issuing never meets it later.
    """
    # Digits other than 0: the QR library cannot encode a block of all-zero codewords, which
    # real signatures never give.
    number = f"{settings.prefix}-{body}-2026-{'1' * settings.serial_width}-11"
    sample = f"{settings.qr_url_prefix}KP2:{number}:XXXX:2-02-10-09:I:20261125{'1' * 156}"
    module = env.adapters.certificates.qr_module_mm(template, sample)
    if module < MIN_QR_MODULE_MM:
        raise ValidationError(
            f"核验网址前缀或编号太长：证书二维码的模块将只有 {module:.2f} 毫米"
            f"（至少 {MIN_QR_MODULE_MM} 毫米），手机难以识读。请缩短核验网址前缀。",
            field="核验网址前缀",
        )


def beijing_today(env: Env) -> date:
    """Today in Beijing: certificates are dated in China Standard Time, whatever the clock's zone."""
    return env.clock.now().astimezone(BEIJING).date()
