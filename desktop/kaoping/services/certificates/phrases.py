"""Reviewed template phrases (模板字样复核): a banned pair inside an innocent template phrase.

A fixed text of the certificate template may hold a banned pair across a word boundary
(安全国际认证 holds 全国). Two people may acknowledge that exact phrase for that template version:
a certificate officer proposes it with a reason, a quality supervisor (another person) confirms
it. Only then, and only while the template is unchanged (same SHA-256), is a page text run that
is exactly the phrase exempt at issuing, printing and saving. Nothing else is ever exempt:
titles or sentences that merely contain the phrase, annotations and metadata are checked in
full (docs/compliance.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, guarded, reading, refuse
from kaoping.services.certificates.settings import stored_settings
from kaoping.services.ports.certificates import CertificateTools, TemplatePhrase
from kaoping.services.ports.core import UnitOfWork

__all__ = [
    "FlaggedPhrase",
    "PhraseReview",
    "confirm_phrase",
    "confirmed_by_version",
    "confirmed_phrases",
    "phrase_review",
    "propose_phrase",
    "withdraw_phrase",
]

PENDING = "pending"
CONFIRMED = "confirmed"
WITHDRAWN = "withdrawn"
_REASON_MAX = 500


@dataclass(frozen=True)
class FlaggedPhrase:
    """A fixed text of the current template with a banned word, and where its review stands.

    Attributes:
        phrase: The text exactly as the check compares it with a page run.
        words: The banned words found in it.
        review: The open (pending or confirmed) review for this template version, if any.
        place: Where the certificate shows it (二维码说明, 正文 ...).
        source: The whole template text it belongs to, placeholders included.
    """

    phrase: str
    words: str
    review: TemplatePhrase | None
    place: str = ""
    source: str = ""


@dataclass(frozen=True)
class PhraseReview:
    """The current template's version, its flagged phrases and every review of that version."""

    template_sha256: str
    flagged: tuple[FlaggedPhrase, ...]
    reviews: tuple[TemplatePhrase, ...]


def _current_template(env: Env, uow: UnitOfWork) -> tuple[CertificateTools, object, str]:
    kit = env.adapters.certificates
    template = kit.load_template(stored_settings(uow).template_path)
    return kit, template, kit.template_sha256(template)


def _open_review(reviews: Sequence[TemplatePhrase], phrase: str) -> TemplatePhrase | None:
    return next((r for r in reviews if r.phrase == phrase and r.status != WITHDRAWN), None)


def phrase_review(env: Env, actor: Actor) -> PhraseReview:
    """The flagged phrases of the template in use and their reviews; anyone may look."""
    with reading(env, actor, Permission.COMPLIANCE_CHECK) as uow:
        kit, template, sha = _current_template(env, uow)
        reviews = tuple(uow.certificates.phrases(sha))
    flagged = tuple(
        FlaggedPhrase(
            found.text, found.words, _open_review(reviews, found.text), found.place, found.source
        )
        for found in kit.flagged_template_texts(template)
    )
    return PhraseReview(sha, flagged, reviews)


def propose_phrase(env: Env, actor: Actor, phrase: str, reason: str) -> int:
    """A certificate officer proposes one flagged phrase of the current template; returns its id.

    Raises:
        ValidationError: No reason, or the phrase is not a flagged fixed text of the template.
        ConflictError: The phrase is already proposed or confirmed for this template version.
    """
    reason = reason.strip()
    with guarded(env, actor, Permission.PHRASES_PROPOSE, "phrases.propose") as tx:
        kit, template, sha = _current_template(env, tx.uow)
        tx.record(f"template:{sha[:16]}", phrase=phrase, reason=reason[:_REASON_MAX])
        if not reason:
            raise ValidationError("请写明理由：为什么该字样不是禁用的称谓或声称。", field="理由")
        words = {f.text: f.words for f in kit.flagged_template_texts(template)}.get(phrase)
        if words is None:
            raise ValidationError(
                f"“{phrase}”不是当前证书模板中含禁用字样的固定文字；"
                "请用 kaoping compliance phrases list 查看可提请复核的字样，原样复制。",
                field="字样",
            )
        if _open_review(tx.uow.certificates.phrases(sha), phrase) is not None:
            raise ConflictError(f"“{phrase}”已对当前模板版本提请复核或已确认。", field="字样")
        phrase_id = tx.uow.certificates.add_phrase(
            TemplatePhrase(
                0,
                sha,
                phrase,
                words,
                reason[:_REASON_MAX],
                PENDING,
                actor.user_id,
                actor.username,
                tx.now,
            )
        )
        tx.record(f"phrase:{phrase_id}", template_sha256=sha, words=words)
    return phrase_id


def _review(uow: UnitOfWork, phrase_id: int) -> TemplatePhrase:
    review = uow.certificates.phrase(phrase_id)
    if review is None:
        raise NotFound(f"字样复核（编号 {phrase_id}）不存在。", field="编号")
    return review


def confirm_phrase(env: Env, actor: Actor, phrase_id: int) -> None:
    """A quality supervisor, not the proposer, confirms a proposed phrase (audited, refusals too).

    Raises:
        PermissionDenied: The confirmer proposed it.
        ConflictError: It is not pending, or the template changed since it was proposed.
    """
    with guarded(
        env, actor, Permission.PHRASES_CONFIRM, "phrases.confirm", f"phrase:{phrase_id}"
    ) as tx:
        review = _review(tx.uow, phrase_id)
        tx.record(phrase=review.phrase, template_sha256=review.template_sha256)
        if review.status != PENDING:
            raise ConflictError(f"字样复核（编号 {phrase_id}）已处理，不能再确认。")
        if review.proposed_by_id == actor.user_id:
            raise refuse(
                PermissionDenied("提请复核的人不能自己确认；请另一位质量督导员确认。"),
                details={"phrase": review.phrase, "proposed_by": review.proposed_by},
            )
        if _current_template(env, tx.uow)[2] != review.template_sha256:
            raise ConflictError(
                "证书模板在提请复核后已修改，该复核不再适用；请对当前模板重新提请复核。"
            )
        tx.uow.certificates.decide_phrase(phrase_id, CONFIRMED, actor.username, tx.now)
        tx.record(proposed_by=review.proposed_by, reason=review.reason)


def withdraw_phrase(env: Env, actor: Actor, phrase_id: int, reason: str = "") -> None:
    """Withdraw a pending or confirmed phrase; from now on it is a finding again."""
    with action(
        env, actor, Permission.PHRASES_WITHDRAW, "phrases.withdraw", f"phrase:{phrase_id}"
    ) as tx:
        review = _review(tx.uow, phrase_id)
        if review.status == WITHDRAWN:
            raise ConflictError(f"字样复核（编号 {phrase_id}）已撤回。")
        tx.uow.certificates.decide_phrase(phrase_id, WITHDRAWN, actor.username, tx.now)
        tx.record(phrase=review.phrase, previous=review.status, reason=reason.strip()[:_REASON_MAX])


def confirmed_phrases(uow: UnitOfWork, template_sha256: str) -> tuple[str, ...]:
    """The phrases confirmed for exactly this template version (none by default)."""
    return tuple(
        r.phrase for r in uow.certificates.phrases(template_sha256) if r.status == CONFIRMED
    )


def confirmed_by_version(uow: UnitOfWork) -> dict[str, tuple[str, ...]]:
    """Every confirmed phrase, grouped by the template version it was reviewed for."""
    grouped: dict[str, list[str]] = {}
    for review in uow.certificates.phrases():
        if review.status == CONFIRMED:
            grouped.setdefault(review.template_sha256, []).append(review.phrase)
    return {sha: tuple(phrases) for sha, phrases in grouped.items()}
