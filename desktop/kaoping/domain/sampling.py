"""Verification sampling (核查抽样) of commitments, check outcomes and the dishonesty register.

The random draw must be re-runnable by an inspector from the recorded seed, on any machine and any
Python version, so it does not use the `random` module (whose algorithms may change between
versions): each candidate's place in the order is the SHA-256 of `seed:id`, and the lowest hashes
are drawn. The draw can be redone without Kaoping, e.g. by hashing each `seed:id` with `sha256sum`,
sorting the hex digests and taking the first ceil(ratio x population).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from kaoping.domain.errors import ValidationError

METHOD = "sha256-lowest/v1"
"""Name and version of the draw; recorded with every draw so a re-run uses the same method."""


class CheckOutcome(StrEnum):
    """Outcome of checking one declared fact (核查结果)."""

    CONFIRMED = "属实"
    FALSE = "不实"
    UNVERIFIABLE = "无法核实"


class CheckedFact(StrEnum):
    """Facts of a commitment letter that verification can check (核查事项)."""

    EDUCATION = "学历"
    MAJOR_RELATED = "专业相关"
    WORK_YEARS = "工作年限"
    TITLE = "职称"
    PRIOR_CERTIFICATE = "既有证书"
    TRAINING_CERTIFICATE = "培训合格证书"
    GUANGXI_BASIS = "在桂依据"
    # The proof of the graduates' route (应届毕业生): the graduation certificate, or the student
    # record until graduation; such applications are checked whatever the draw gives.
    GRADUATION = "毕业证明"


@dataclass(frozen=True)
class SampleDraw:
    """A recorded draw: everything needed to repeat it and see that it was honest.

    Attributes:
        seed: The seed the draw was made with.
        ratio: The sampling ratio, as an exact decimal.
        population_size: How many candidates the draw was made from.
        sample_size: How many were drawn at random (ceil(ratio x population)).
        randomly_drawn: The randomly drawn candidate ids, ascending.
        flagged: Candidates checked regardless of the draw (重点核查), ascending.
        drawn: Everyone to be checked: the random draw and the flagged, ascending.
        method: Name and version of the drawing method.
    """

    seed: str
    ratio: Decimal
    population_size: int
    sample_size: int
    randomly_drawn: tuple[int, ...]
    flagged: tuple[int, ...]
    drawn: tuple[int, ...]
    method: str = METHOD


def new_seed() -> str:
    """A fresh seed: 128 random bits from the operating system, as 32 hex digits."""
    return secrets.token_hex(16)


def draw_sample(
    candidate_ids: Sequence[int],
    ratio: Decimal | float,
    seed: str,
    flagged: Collection[int] = (),
) -> SampleDraw:
    """Draw the candidates whose commitments are verified.

    The random part is drawn from the whole population and does not depend on `flagged`, so
    flagging someone cannot move the random draw towards or away from anyone else.

    Args:
        candidate_ids: The population: ids of every candidate of the batch, no duplicates.
        ratio: Share to draw at random, 0 to 1; a float is read through its shortest decimal
            form, so 0.1 means exactly one tenth.
        seed: The seed; record it, an inspector needs it to repeat the draw.
        flagged: Candidates that must be checked whatever the draw gives.

    Returns:
        The draw, with the seed and method needed to repeat it.

    Raises:
        ValidationError: For a ratio outside 0-1, an empty seed, duplicate ids, or flagged ids
            that are not in the population.
    """
    exact_ratio = _exact_ratio(ratio)
    population = _check_population(candidate_ids)
    if not seed:
        raise ValidationError("抽查种子不能为空", field="抽查种子")
    missing = sorted(set(flagged) - population)
    if missing:
        listed = "、".join(str(candidate) for candidate in missing[:10])
        raise ValidationError(
            f"重点核查名单中有{len(missing)}名考生不在本批次（考生编号：{listed}），请先移出",
            field="重点核查名单",
        )
    size = sample_size(exact_ratio, len(population))
    ordered = sorted(population, key=lambda candidate: (_draw_key(seed, candidate), candidate))
    randomly_drawn = tuple(sorted(ordered[:size]))
    flagged_sorted = tuple(sorted(set(flagged)))
    return SampleDraw(
        seed=seed,
        ratio=exact_ratio,
        population_size=len(population),
        sample_size=size,
        randomly_drawn=randomly_drawn,
        flagged=flagged_sorted,
        drawn=tuple(sorted(set(randomly_drawn) | set(flagged_sorted))),
    )


def sample_size(ratio: Decimal, population_size: int) -> int:
    """ceil(ratio x population), and at least 1 when both are above zero."""
    if population_size <= 0 or ratio <= 0:
        return 0
    return max(1, math.ceil(ratio * population_size))


def commitment_is_false(outcomes: Mapping[CheckedFact, CheckOutcome]) -> bool:
    """Whether a commitment is false (不实承诺): any checked fact found untrue.

    A fact that could not be verified does not make the commitment false.
    """
    return any(outcome is CheckOutcome.FALSE for outcome in outcomes.values())


@dataclass(frozen=True)
class DishonestyEntry:
    """A period on the dishonesty register (失信记录) during which commitments are refused.

    Attributes:
        person_id_hash: `person_key` of the person's document, never the number itself.
        valid_from: First day of the period.
        until: Last day of the period (inclusive).
        reason: Why the person was registered, for the record.
    """

    person_id_hash: str
    valid_from: date
    until: date
    reason: str

    def __post_init__(self) -> None:
        if self.until < self.valid_from:
            raise ValidationError("失信记录的截止日期早于起始日期，请核对", field="截止日期")
        if not self.reason.strip():
            raise ValidationError("请填写列入失信记录的原因", field="原因")


def is_barred(entries: Iterable[DishonestyEntry], on: date) -> bool:
    """Whether one of a person's register entries covers the date.

    Args:
        entries: The entries of one person (looked up by `person_key`).
        on: The day of the application.
    """
    return any(entry.valid_from <= on <= entry.until for entry in entries)


def person_key(id_type: str, number: str, secret: bytes) -> str:
    """A keyed hash identifying a person by document, for registers that must not hold the number.

    A plain hash of an ID number can be reversed by trying every birth date and region, so the
    hash is keyed with a secret of the installation (HMAC-SHA-256).

    Args:
        id_type: The document type (证件类型).
        number: The normalised document number.
        secret: The installation's secret key, at least 16 bytes.

    Returns:
        64 hex digits.

    Raises:
        ValueError: If the secret is too short (a configuration error, not user input).
    """
    if len(secret) < 16:
        raise ValueError("person_key needs a secret of at least 16 bytes")
    message = f"{id_type}:{number}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _draw_key(seed: str, candidate: int) -> bytes:
    return hashlib.sha256(f"{seed}:{candidate}".encode()).digest()


def _exact_ratio(ratio: Decimal | float) -> Decimal:
    try:
        # str() of a float is its shortest round-tripping decimal, so 0.1 becomes exactly 0.1.
        value = ratio if isinstance(ratio, Decimal) else Decimal(str(ratio))
    except InvalidOperation:
        raise ValidationError("抽查比例不是数字", field="抽查比例") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
        raise ValidationError("抽查比例应在0到1之间（例如 0.1 表示抽查10%）", field="抽查比例")
    return value


def _check_population(candidate_ids: Sequence[int]) -> set[int]:
    population = set(candidate_ids)
    if len(population) != len(candidate_ids):
        raise ValidationError("候选名单中有重复的考生编号，请去重后再抽查", field="考生编号")
    return population
