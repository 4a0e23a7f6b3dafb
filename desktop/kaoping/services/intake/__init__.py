"""Candidate intake (报名) under the commitment-declaration system (告知承诺制).

A candidate declares facts and signs a commitment letter instead of submitting proofs; the
eligibility rules are evaluated on intake and the verdict kept with the application. People on the
dishonesty register must take the proofs route. Rosters of many candidates go in as one
transaction: every row is checked first, and either all go in, only the valid rows (when the user
chooses so after seeing the report), or nothing.
"""

from __future__ import annotations

from kaoping.services.intake._common import (
    DEFAULT_DISHONESTY_YEARS,
    DISHONESTY_SETTING,
    SECRET_SETTING,
    WITHDRAWAL_SETTING,
    Cancelled,
    CandidatePage,
    IdCheck,
    IntakeResult,
    LetterCopy,
    Progress,
    check_eligibility,
    check_id,
    dishonesty_years,
    letter_facts,
    local_today,
    parse_form,
    rules,
    withdrawal_deadline,
)
from kaoping.services.intake.candidates import (
    candidate_detail,
    commitment_letter,
    enter_candidate,
    list_candidates,
    register_dishonesty,
    void_application,
    withdraw,
)
from kaoping.services.intake.rosters import (
    ImportResult,
    RosterRejected,
    RosterReport,
    RowEligibility,
    check_roster_file,
    export_roster,
    import_roster,
    write_template,
)

__all__ = [
    "DEFAULT_DISHONESTY_YEARS",
    "DISHONESTY_SETTING",
    "SECRET_SETTING",
    "WITHDRAWAL_SETTING",
    "Cancelled",
    "CandidatePage",
    "IdCheck",
    "ImportResult",
    "IntakeResult",
    "LetterCopy",
    "Progress",
    "RosterRejected",
    "RosterReport",
    "RowEligibility",
    "candidate_detail",
    "check_eligibility",
    "check_id",
    "check_roster_file",
    "commitment_letter",
    "dishonesty_years",
    "enter_candidate",
    "export_roster",
    "import_roster",
    "letter_facts",
    "list_candidates",
    "local_today",
    "parse_form",
    "register_dishonesty",
    "rules",
    "void_application",
    "withdraw",
    "withdrawal_deadline",
    "write_template",
]
