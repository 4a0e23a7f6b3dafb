import hashlib
import math
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.domain.errors import ValidationError
from kaoping.domain.sampling import (
    METHOD,
    CheckedFact,
    CheckOutcome,
    DishonestyEntry,
    commitment_is_false,
    draw_sample,
    is_barred,
    new_seed,
    person_key,
)

POPULATION = list(range(1, 51))
SEED = "0123456789abcdef0123456789abcdef"


def reference_draw(ids: list[int], ratio: Decimal, seed: str) -> tuple[int, ...]:
    """The draw as the module docstring tells an inspector to redo it, without Kaoping:
    hash each "seed:id" with SHA-256, sort the hex digests, take the first ceil(ratio x n)."""
    digests = sorted((hashlib.sha256(f"{seed}:{i}".encode()).hexdigest(), i) for i in ids)
    size = math.ceil(ratio * len(ids))
    return tuple(sorted(i for _, i in digests[:size]))


# Both pinned answers were also worked out with coreutils alone, e.g.
#   for i in $(seq 1 50); do printf '%s %d\n' \
#     "$(printf '0123456789abcdef0123456789abcdef:%d' $i | sha256sum | cut -d' ' -f1)" $i
#   done | sort | head -5
def test_known_answer_draw_is_pinned() -> None:
    """An inspector re-running a recorded draw gets exactly the candidates that were checked."""
    pinned = (3, 13, 14, 27, 29)
    assert reference_draw(POPULATION, Decimal("0.1"), SEED) == pinned
    draw = draw_sample(POPULATION, Decimal("0.1"), SEED, flagged={7})
    assert draw.randomly_drawn == pinned
    assert draw.drawn == (3, 7, 13, 14, 27, 29)
    assert draw.flagged == (7,)
    assert (draw.seed, draw.ratio, draw.population_size, draw.sample_size) == (
        SEED,
        Decimal("0.1"),
        50,
        5,
    )
    assert draw.method == METHOD == "sha256-lowest/v1"


def test_known_answer_draw_with_float_ratio() -> None:
    """A second pinned draw (200 candidates, 5%) guards the method against silent changes."""
    ids = list(range(1001, 1201))
    pinned = (1017, 1036, 1082, 1087, 1100, 1111, 1115, 1149, 1157, 1186)
    assert reference_draw(ids, Decimal("0.05"), "seed-2025-batch-1") == pinned
    assert draw_sample(ids, 0.05, "seed-2025-batch-1").randomly_drawn == pinned


def test_draw_order_is_the_sha256_of_seed_and_id() -> None:
    """The draw is the lowest SHA-256 of "seed:id", so it can be redone with any SHA-256 tool."""
    by_hash = sorted(POPULATION, key=lambda i: hashlib.sha256(f"{SEED}:{i}".encode()).hexdigest())
    draw = draw_sample(POPULATION, Decimal("0.1"), SEED)
    assert draw.randomly_drawn == tuple(sorted(by_hash[:5]))


def test_same_seed_same_sample_regardless_of_input_order() -> None:
    """Drawing again with the recorded seed, from a list in another order, gives the same sample."""
    first = draw_sample(POPULATION, 0.2, "abc")
    again = draw_sample(list(reversed(POPULATION)), 0.2, "abc")
    assert first == again


def test_different_seed_different_sample() -> None:
    """A new seed gives a different sample."""
    assert draw_sample(POPULATION, 0.2, "abc").drawn != draw_sample(POPULATION, 0.2, "abd").drawn


@pytest.mark.parametrize(
    ("ratio", "population", "size"),
    [
        (0.1, 30, 3),
        (0.1, 31, 4),
        (Decimal("0.05"), 10, 1),
        (0.001, 5, 1),
        (0.3, 10, 3),
        (1, 7, 7),
        (0, 10, 0),
        (0.5, 0, 0),
    ],
)
def test_sample_size_rounds_up(ratio: Decimal | float, population: int, size: int) -> None:
    """The number drawn is ratio x population rounded up, at least one, with 0.1 read exactly."""
    draw = draw_sample(list(range(population)), ratio, "s")
    assert draw.sample_size == size
    assert len(draw.randomly_drawn) == size


@given(
    st.sets(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=200),
    st.decimals(min_value=0, max_value=1, places=3),
    st.text(min_size=1, max_size=20),
    st.data(),
)
def test_flagged_always_drawn_and_do_not_move_the_random_part(
    population: set[int], ratio: Decimal, seed: str, data: st.DataObject
) -> None:
    """Flagged candidates are always checked, and flagging never changes who is drawn at random."""
    ids = sorted(population)
    flagged = data.draw(st.sets(st.sampled_from(ids), max_size=5))
    plain = draw_sample(ids, ratio, seed)
    with_flags = draw_sample(ids, ratio, seed, flagged)
    assert set(flagged) <= set(with_flags.drawn)
    assert with_flags.randomly_drawn == plain.randomly_drawn
    assert set(with_flags.drawn) == set(plain.randomly_drawn) | set(flagged)
    assert list(with_flags.drawn) == sorted(with_flags.drawn)


@pytest.mark.parametrize(
    ("ids", "ratio", "seed", "flagged", "field"),
    [
        ([1, 2], 1.5, "s", (), "抽查比例"),
        ([1, 2], -0.1, "s", (), "抽查比例"),
        ([1, 2], float("nan"), "s", (), "抽查比例"),
        ([1, 1, 2], 0.5, "s", (), "考生编号"),
        ([1, 2], 0.5, "", (), "抽查种子"),
        ([1, 2], 0.5, "s", (3,), "重点核查名单"),
    ],
)
def test_bad_draw_requests_are_refused(
    ids: list[int], ratio: float, seed: str, flagged: tuple[int, ...], field: str
) -> None:
    """A ratio outside 0-1, duplicates, an empty seed or an unknown flagged id are refused."""
    with pytest.raises(ValidationError) as caught:
        draw_sample(ids, ratio, seed, flagged)
    assert caught.value.field == field


def test_new_seed_is_128_bits_of_hex() -> None:
    """Each draw gets a fresh, unguessable seed of 32 hex digits."""
    seeds = {new_seed() for _ in range(20)}
    assert len(seeds) == 20
    assert all(len(seed) == 32 and int(seed, 16) >= 0 for seed in seeds)


def test_commitment_false_when_any_fact_is_untrue() -> None:
    """One fact found untrue makes the whole commitment false."""
    outcomes = {
        CheckedFact.EDUCATION: CheckOutcome.CONFIRMED,
        CheckedFact.WORK_YEARS: CheckOutcome.FALSE,
    }
    assert commitment_is_false(outcomes)


def test_unverifiable_is_not_false() -> None:
    """Facts that could not be verified do not by themselves make a commitment false."""
    outcomes = {
        CheckedFact.EDUCATION: CheckOutcome.CONFIRMED,
        CheckedFact.GUANGXI_BASIS: CheckOutcome.UNVERIFIABLE,
    }
    assert not commitment_is_false(outcomes)
    assert not commitment_is_false({})


def test_outcome_and_fact_labels_are_chinese() -> None:
    """Check outcomes and facts are shown with their Chinese names."""
    assert [o.value for o in CheckOutcome] == ["属实", "不实", "无法核实"]
    assert [f.value for f in CheckedFact] == [
        "学历",
        "专业相关",
        "工作年限",
        "职称",
        "既有证书",
        "培训合格证书",
        "在桂依据",
        "毕业证明",
    ]


def test_dishonesty_period_is_inclusive() -> None:
    """A registered person is barred from the first to the last day of the period, not after."""
    entry = DishonestyEntry("abc", date(2024, 1, 1), date(2026, 12, 31), "虚假承诺工作年限")
    assert not is_barred([entry], date(2023, 12, 31))
    assert is_barred([entry], date(2024, 1, 1))
    assert is_barred([entry], date(2026, 12, 31))
    assert not is_barred([entry], date(2027, 1, 1))
    assert not is_barred([], date(2025, 1, 1))


def test_dishonesty_entry_needs_an_ordered_period_and_a_reason() -> None:
    """A period ending before it starts, or without a reason, is refused."""
    with pytest.raises(ValidationError):
        DishonestyEntry("abc", date(2025, 1, 1), date(2024, 1, 1), "虚假承诺")
    with pytest.raises(ValidationError):
        DishonestyEntry("abc", date(2024, 1, 1), date(2025, 1, 1), " ")


def test_person_key_hides_the_number() -> None:
    """The register identifies a person without holding the ID number."""
    secret = b"0123456789abcdef"
    key = person_key("居民身份证", "11010519491231002X", secret)
    assert key == person_key("居民身份证", "11010519491231002X", secret)
    assert key != person_key("居民身份证", "11010519491231002X", b"fedcba9876543210")
    assert key != person_key("护照", "11010519491231002X", secret)
    assert "11010519491231002X" not in key and len(key) == 64
