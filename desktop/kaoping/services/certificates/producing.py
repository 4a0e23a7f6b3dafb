"""Producing (生成) certificates: render, check and sign each one in memory, with no database.

What is here runs in the process that issues or in a worker process of the issuing pool
(`kaoping.services.certificates.pool`); either way it only needs the certificate tools and the
`IssueContext` read beforehand, never a unit of work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kaoping.domain.certificates import (
    CertificateContent,
    NumberingScheme,
    QrRecord,
    id_last_four,
    mask_name,
)
from kaoping.domain.compliance import Finding
from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.services.certificates.listing import approved_day
from kaoping.services.certificates.settings import (
    CertificateSettings,
)
from kaoping.services.ports.certificates import (
    AssetRecord,
    CandidateForCertificate,
    CertificateTools,
    NewCertificate,
)

CANCELLED_MESSAGE = "已取消签发，未写入任何证书，也未占用任何证书编号。"


@dataclass(frozen=True)
class Planned:
    """One certificate to make: for whom, under which serial."""

    candidate: CandidateForCertificate
    serial: int
    replaces_id: int | None = None


@dataclass(frozen=True)
class IssueContext:
    """Everything read before rendering: body, settings, numbering, seal, registry, signing key."""

    body_name: str
    body_code: str
    settings: CertificateSettings
    scheme: NumberingScheme
    issue_date: date
    seal: bytes
    key: tuple[bytes, bytes]
    occupations: dict[str, str]
    assets: tuple[AssetRecord, ...]
    next_serial: int
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exempt_body_name: str = ""


@dataclass
class Produced:
    """What rendering a whole set (or one share of it) produced; nothing of it is stored yet."""

    certificates: list[NewCertificate]
    photos: dict[str, tuple[str, int, int, int]]  # sha256 -> (label, width, height, candidate)
    findings: list[tuple[str, Finding]]

    def extend(self, share: Produced) -> None:
        """Append the next share, keeping plan order (as one loop over the whole plan would)."""
        self.certificates.extend(share.certificates)
        self.photos.update(share.photos)
        self.findings.extend(share.findings)


def has_photo_box(template: Any) -> bool:
    """Whether a certificate template draws a photo box (a box of zero size means none)."""
    box = getattr(template, "photo", None)
    return box is not None and box.width > 0 and box.height > 0


def _label(candidate: CandidateForCertificate, number: str) -> str:
    return f"{number}（报名号 {candidate.candidate_id}，{mask_name(candidate.name)}）"


@dataclass(frozen=True)
class _Draft:
    """One rendered, not yet signed certificate."""

    item: Planned
    number: str
    qr: str
    pdf: bytes


@contextmanager
def _labelled(candidate: CandidateForCertificate, number: str) -> Iterator[None]:
    """Put the certificate's number and holder in front of a refusal raised while making it."""
    try:
        yield
    except KaopingError as error:
        raise type(error)(
            f"{_label(candidate, number)}：{error.message}", field=error.field
        ) from None


class Producer:
    """The signing identity, template, exempt phrases and image registry of one issuing run.

    Built once per process (opening the key and loading the template cost more than a
    certificate), then asked for one share of certificates at a time.
    """

    def __init__(self, kit: CertificateTools, ctx: IssueContext, passphrase: str) -> None:
        self.kit = kit
        self.ctx = ctx
        self.identity = kit.open_identity(ctx.key[0], ctx.key[1], passphrase)
        self.fingerprint = kit.signer_fingerprint(self.identity)
        self.template = kit.load_template(ctx.settings.template_path)
        # Only phrases reviewed for exactly this template version are exempt; an edit ends them.
        self.phrases = ctx.phrases.get(kit.template_sha256(self.template), ())
        self.registry = kit.registry([a for a in ctx.assets if a.active])
        self.known = {a.sha256 for a in ctx.assets}
        self.photo_box = has_photo_box(self.template)

    def make_share(
        self, items: Sequence[Planned], out: Produced, sign: bool = True
    ) -> list[NewCertificate]:
        """Render every certificate of a share, then check each, then sign each.

        One step for the whole share before the next keeps each step's code and data at hand:
        about 4 % less work than taking the certificates one by one through all three.
        Findings go to `out.findings`, newly seen photos to `out.photos`. Nothing is signed
        once a finding stops the run (in `out`, or `sign` False): nothing will be stored, so
        signing would be wasted work.
        """
        drafts = [self._render(item, out) for item in items]
        for draft in drafts:
            self._check(draft, out)
        if out.findings or not sign:
            return []
        return [self._sign(draft) for draft in drafts]

    def _render(self, item: Planned, out: Produced) -> _Draft:
        kit, ctx, candidate = self.kit, self.ctx, item.candidate
        number = ctx.scheme.format(item.serial)
        # Version 2: the ID's last four let an employer match the holder; no name, no whole ID.
        record = QrRecord.compact(
            number,
            id_last_four(candidate.id_number),
            candidate.occupation_code,
            candidate.level,
            ctx.issue_date,
        )
        qr = kit.sign_qr(self.identity, record, ctx.settings.qr_url_prefix)
        photo = self._photo(candidate, out)
        if photo is None and self.photo_box:
            # `require_photos` ran before; a photo removed meanwhile still never leaves a blank box.
            raise ValidationError(f"{_label(candidate, number)}：没有照片，不能发证", field="照片")
        with _labelled(candidate, number):
            pdf = kit.render(_content(ctx, candidate, number, qr, photo), self.template, ctx.seal)
        return _Draft(item, number, qr, pdf)

    def _check(self, draft: _Draft, out: Produced) -> None:
        candidate = draft.item.candidate
        with _labelled(candidate, draft.number):
            # The holder's name as stored is exempt where it stands alone; nothing else is.
            report = self.kit.check_pdf(
                draft.pdf,
                self.registry,
                (candidate.name,),
                phrases=self.phrases,
                body_name=self.ctx.exempt_body_name,
            )
        label = _label(candidate, draft.number)
        out.findings.extend((label, finding) for finding in report.findings)

    def _sign(self, draft: _Draft) -> NewCertificate:
        signed = self.kit.sign_pdf(draft.pdf, self.identity)
        return _new_certificate(
            self.ctx, draft.item, draft.number, draft.qr, signed, self.fingerprint
        )

    def _photo(self, candidate: CandidateForCertificate, out: Produced) -> bytes | None:
        """The candidate's photo as it will be embedded, registered after the emblem screen.

        The stored JPEG goes in as it is. A photo whose intake screen is still the current one
        (its kept mark) is not screened again, nor decoded when intake kept its pixel hash; any
        other is screened here. A photo that
        resembles an emblem stays unregistered, so the check reports it.
        """
        if not candidate.photo:
            return None
        try:
            picture = self.kit.certificate_picture(candidate.photo)
        except ValidationError as error:
            raise ValidationError(
                f"报名号 {candidate.candidate_id} 的照片无法读取：{error.message}", field="照片"
            ) from None
        label = f"考生照片（报名号 {candidate.candidate_id}）"
        # The pixel hash intake kept is of the stored bytes: good only if they go in as they are.
        known = candidate.photo_pixel_sha256 if picture is candidate.photo else ""
        try:
            sha256, width, height = self.kit.approve_screened(
                self.registry, label, picture, candidate.photo_screened_with, known
            )
        except ValidationError:
            return picture
        if sha256 not in self.known:
            out.photos[sha256] = (label, width, height, candidate.candidate_id)
        return picture


def _content(
    ctx: IssueContext, candidate: CandidateForCertificate, number: str, qr: str, photo: bytes | None
) -> CertificateContent:
    shown = candidate.id_number if ctx.settings.print_full_id else candidate.id_masked
    return CertificateContent(
        number=number,
        name=candidate.name,
        id_type=candidate.id_type,
        id_number_display=shown,
        occupation=ctx.occupations.get(candidate.occupation_code, candidate.occupation_code),
        direction=candidate.direction,
        level=candidate.level,
        issue_date=ctx.issue_date,
        body_name=ctx.body_name,
        body_code=ctx.body_code,
        photo=photo,
        qr_payload=qr,
    )


def _new_certificate(
    ctx: IssueContext, item: Planned, number: str, qr: str, signed: bytes, fingerprint: str
) -> NewCertificate:
    candidate = item.candidate
    return NewCertificate(
        number=number,
        body_code=ctx.body_code,
        year=ctx.issue_date.year,
        serial=item.serial,
        batch_id=candidate.batch_id,
        candidate_id=candidate.candidate_id,
        masked_name=mask_name(candidate.name),
        occupation_code=candidate.occupation_code,
        direction=candidate.direction,
        level=candidate.level,
        issue_date=ctx.issue_date,
        approved_on=approved_day(candidate),
        qr_payload=qr,
        pdf=signed,
        pdf_sha256=hashlib.sha256(signed).hexdigest(),
        signer_fingerprint=fingerprint,
        replaces_id=item.replaces_id,
    )
