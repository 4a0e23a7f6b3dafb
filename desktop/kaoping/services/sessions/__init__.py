"""Sessions (场次), the examiner registry (考评人员库), staff assignment, seating and tickets.

Staffing rules (ratios, panel sizes), durations and components come from
`resources/standards/assessment.json` through `domain.assessment`; values not yet checked against
the official standards are named as such in messages.

The package re-exports its public names; the work is done in:

* `scheduling`: sessions in rooms, and seating candidates in them;
* `examiners`: the examiner registry, recusal, and who may score whom;
* `staffing`: staff assignment and the session board;
* `documents`: admission tickets and the plan filing.
"""

from kaoping.services.sessions._common import assessment_rules
from kaoping.services.sessions.documents import (
    DEFAULT_TICKET_RULES,
    TICKET_RULES_SETTING,
    plan_filing_pdf,
    ticket_pdf,
)
from kaoping.services.sessions.examiners import (
    declare_conflict,
    declare_own_conflict,
    list_examiners,
    on_panel,
    refuse_if_recused,
    register_examiner,
    scorers_for,
    scorers_in,
    session_scorer,
    update_examiner,
)
from kaoping.services.sessions.scheduling import (
    CAPACITY_MAX,
    SESSION_CODE,
    TICKET_MAX,
    SeatingResult,
    components_of_batch,
    create_session,
    list_sessions,
    seat_component,
    seat_session,
    session_seats,
)
from kaoping.services.sessions.staffing import (
    BoardRow,
    StaffingRefused,
    assign_staff,
    session_board,
)

__all__ = [
    "CAPACITY_MAX",
    "DEFAULT_TICKET_RULES",
    "SESSION_CODE",
    "TICKET_MAX",
    "TICKET_RULES_SETTING",
    "BoardRow",
    "SeatingResult",
    "StaffingRefused",
    "assessment_rules",
    "assign_staff",
    "components_of_batch",
    "create_session",
    "declare_conflict",
    "declare_own_conflict",
    "list_examiners",
    "list_sessions",
    "on_panel",
    "plan_filing_pdf",
    "refuse_if_recused",
    "register_examiner",
    "scorers_for",
    "scorers_in",
    "seat_component",
    "seat_session",
    "session_board",
    "session_scorer",
    "session_seats",
    "ticket_pdf",
    "update_examiner",
]
