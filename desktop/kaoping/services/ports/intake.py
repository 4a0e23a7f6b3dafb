"""What the services of candidate intake (报名), commitments and verification sampling need from storage.

The values here are what storage hands back; they never carry ORM rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import Applicant, EligibilityOverride
from kaoping.domain.roster import CandidateForm, CandidateStatus, RosterTable
from kaoping.domain.sampling import CheckedFact, CheckOutcome, SampleDraw


@dataclass(frozen=True)
class NewCandidate:
    """An application ready to be stored: the checked form, the target and the verdict."""

    batch_id: int
    form: CandidateForm
    person_key: str
    occupation_code: str
    direction: str
    level: Level
    eligible: bool
    eligibility_note: str
    eligibility_verified: bool
    commitment_sha256: str = ""
    commitment_signed_on: date | None = None
    # The alternative of the rules met, and what verification must see for it (fresh graduates);
    # an application with such a proof is flagged for checking whatever the draw gives.
    eligibility_alternative: str = ""
    eligibility_proof: str = ""
    # Who took the application in: that person may not also record its eligibility exception.
    entered_by: str = ""


@dataclass(frozen=True)
class CandidateSummary:
    """One line of the candidates list; the document number only masked."""

    id: int
    batch_id: int
    name: str
    id_type: str
    id_masked: str
    sex: str
    phone: str
    education: str
    occupation_code: str
    direction: str
    level: Level
    route: str
    status: CandidateStatus
    eligible: bool
    eligibility_verified: bool
    flagged: bool
    created_at: datetime
    eligibility_override: bool = False


@dataclass(frozen=True)
class StoredCandidate:
    """A whole application as stored (the form holds the full document number)."""

    id: int
    batch_id: int
    form: CandidateForm
    person_key: str
    occupation_code: str
    direction: str
    level: Level
    status: CandidateStatus
    eligible: bool
    eligibility_note: str
    eligibility_verified: bool
    flagged: bool
    commitment_sha256: str
    commitment_signed_on: date | None
    void_reason: str
    withdrawn_at: datetime | None
    eligibility_alternative: str = ""
    eligibility_proof: str = ""
    eligibility_override: EligibilityOverride | None = None
    entered_by: str = ""


SORT_KEYS = (
    "id",
    "name",
    "id_masked",
    "sex",
    "phone",
    "education",
    "level",
    "route",
    "status",
    "eligible",
    "flagged",
    "created_at",
)
"""Columns a candidate list may be sorted by."""


@dataclass(frozen=True)
class CandidateQuery:
    """What a candidates list asks for.

    Attributes:
        batch_id: Only this batch, or every batch when None.
        text: Part of the name, or the last digits of the document number.
        status: Only this status, or all when None.
        sort: One of `SORT_KEYS`.
        descending: Sort order.
        offset: Rows to skip.
        limit: Rows to return at most.
    """

    batch_id: int | None = None
    text: str = ""
    status: CandidateStatus | None = None
    sort: str = "id"
    descending: bool = False
    offset: int = 0
    limit: int = 200


@dataclass(frozen=True)
class DrawRecord:
    """A recorded sampling draw and who made it."""

    id: int
    batch_id: int
    draw: SampleDraw
    population: tuple[int, ...]
    population_sha256: str
    drawn_at: datetime
    drawn_by: str


@dataclass(frozen=True)
class CheckRecord:
    """The recorded outcome of one checked fact."""

    draw_id: int
    candidate_id: int
    fact: CheckedFact
    outcome: CheckOutcome
    note: str
    checked_at: datetime
    checked_by: str


class CandidateRepository(Protocol):
    """Storage of candidate intake (报名), commitments and verification sampling."""

    def add(self, candidate: NewCandidate, now: datetime) -> int:
        """Insert one application with its prior certificates; returns its id."""
        ...

    def add_many(self, candidates: Sequence[NewCandidate], now: datetime) -> int:
        """Insert many applications in bulk; returns how many."""
        ...

    def get(self, candidate_id: int) -> StoredCandidate | None:
        """One application, or None."""
        ...

    def page(self, query: CandidateQuery) -> tuple[list[CandidateSummary], int]:
        """One page of a filtered, sorted list and the number of all matching rows."""
        ...

    def of_batch(self, batch_id: int) -> Iterator[StoredCandidate]:
        """Every application of a batch, in id order."""
        ...

    def active_keys(
        self, person_keys: Collection[str], occupation_code: str, direction: str, level: Level
    ) -> set[str]:
        """Which of these persons already have an active application for the same target."""
        ...

    def held_certificates(
        self, person_keys: Collection[str], occupation_code: str
    ) -> dict[str, list[Level]]:
        """Levels of this occupation's certificates each person declared in any application."""
        ...

    def barred_until(self, person_keys: Collection[str], on: date) -> dict[str, date]:
        """Persons on the dishonesty register on a day, with the last day of their period."""
        ...

    def commitment_population(self, batch_id: int) -> tuple[list[int], list[int]]:
        """Ids of the active commitment-route applications of a batch, and the flagged among them."""
        ...

    def set_status(
        self, candidate_id: int, status: CandidateStatus, at: datetime, reason: str = ""
    ) -> None:
        """Withdraw or void an application."""
        ...

    def set_letter(self, candidate_id: int, sha256: str, signed_on: date) -> None:
        """Keep the fingerprint and signing day of the commitment letter."""
        ...

    def set_flagged(self, candidate_id: int, flagged: bool) -> None:
        """Mark an application for checking whatever the draw gives (重点核查)."""
        ...

    def void_results(self, candidate_id: int, reason: str) -> int:
        """Set the outcome of the candidate's results to void; returns how many rows changed."""
        ...

    def add_dishonesty(
        self,
        person_key: str,
        id_masked: str,
        name: str,
        valid_from: date,
        until: date,
        reason: str,
        candidate_id: int,
        now: datetime,
    ) -> None:
        """Put a person on the dishonesty register for a period."""
        ...

    def add_draw(
        self,
        batch_id: int,
        draw: SampleDraw,
        population: Sequence[int],
        population_sha256: str,
        by: str,
        now: datetime,
    ) -> int:
        """Record a sampling draw; returns its id."""
        ...

    def draw(self, draw_id: int) -> DrawRecord | None:
        """One recorded draw, or None."""
        ...

    def draws(self, batch_id: int | None = None) -> list[DrawRecord]:
        """Recorded draws, newest first."""
        ...

    def record_check(self, record: CheckRecord) -> None:
        """Store (or replace) the outcome of one checked fact."""
        ...

    def checks(self, draw_id: int) -> list[CheckRecord]:
        """Every recorded outcome of a draw."""
        ...

    def summaries(self, candidate_ids: Collection[int]) -> list[CandidateSummary]:
        """List lines of the given applications, in id order."""
        ...

    def ineligible(self, candidate_ids: Collection[int]) -> dict[int, Applicant]:
        """The applications among these found not eligible, as the gate needs them, by id."""
        ...

    def overrides(self, candidate_ids: Collection[int]) -> dict[int, EligibilityOverride]:
        """The exceptions (申报条件例外) recorded for these applications, by id."""
        ...

    def batch_overrides(self, batch_id: int) -> dict[int, EligibilityOverride]:
        """The exceptions recorded for the applications of a batch, by id."""
        ...

    def add_override(self, override: EligibilityOverride) -> int:
        """Record a quality supervisor's exception; returns its id."""
        ...


class GlyphCoverage(Protocol):
    """Which characters the shipped fonts cannot print (adapters.fonts.FontCoverage)."""

    def missing(self, text: str) -> list[str]:
        """The characters of `text` no shipped font has, each once, in order of appearance."""
        ...


class LetterRenderer(Protocol):
    """Renders the commitment letter (告知承诺书) PDF (adapters.letter_pdf behind it)."""

    def __call__(
        self,
        body_name: str,
        facts: Mapping[str, str],
        occupation: str,
        direction: str,
        level_label: str,
        deadline: date | None,
        *,
        invariant: bool = False,
        dishonesty_years: int | None = None,
    ) -> bytes:
        """The PDF bytes; identical input gives identical bytes when `invariant` is set."""
        ...


class RosterFiles(Protocol):
    """Reads and writes roster files, .xlsx or .csv (adapters.rosters behind it)."""

    def read(self, path: Path) -> RosterTable:
        """The header row and data rows; raises ValidationError for an unreadable file."""
        ...

    def write(
        self, path: Path, rows: Sequence[Mapping[str, str]], *, encoding: str = "utf-8"
    ) -> None:
        """Write rows (header → text) under the standard headers; CSV in the given encoding."""
        ...

    def write_template(self, path: Path) -> None:
        """An empty roster with the headers and a hint for each column."""
        ...
