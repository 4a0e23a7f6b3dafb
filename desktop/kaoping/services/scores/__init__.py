"""Double-keyed score entry (双人录入) per session, reconciliation (核对) and score-file imports.

Each session scores one component. Two different examiners key every seat without seeing each other's
value: a keyer only ever gets back their own keying, and a line's final mark once keying is over.
Supervisors see both keyings when they resolve a mismatch (裁定). Every keying and resolution is
appended to the score history; nothing is overwritten. Keying, on screen or from a file, is open
from the session's scheduled start until its results are confirmed.
"""

from __future__ import annotations

from kaoping.services.scores.entry import (
    MismatchView,
    enter_score,
    mismatches,
    resolve,
    score_history,
    score_sheet,
    sessions_for_entry,
)
from kaoping.services.scores.importing import (
    ImportReport,
    RowProblem,
    ScoreImportRejected,
    import_scores,
)
from kaoping.services.scores.lines import (
    STATUS_WORDS,
    LineState,
    ScoreSheet,
    SessionLines,
    SheetLine,
    assessment_rules,
    build_line,
    domain_event,
    line_state,
    load_session,
    parse_mark,
    refuse_before_start,
    refuse_if_locked,
    refuse_score_for_absent,
    sheet_for,
)

__all__ = [
    "STATUS_WORDS",
    "ImportReport",
    "LineState",
    "MismatchView",
    "RowProblem",
    "ScoreImportRejected",
    "ScoreSheet",
    "SessionLines",
    "SheetLine",
    "assessment_rules",
    "build_line",
    "domain_event",
    "enter_score",
    "import_scores",
    "line_state",
    "load_session",
    "mismatches",
    "parse_mark",
    "refuse_before_start",
    "refuse_if_locked",
    "refuse_score_for_absent",
    "resolve",
    "score_history",
    "score_sheet",
    "sessions_for_entry",
    "sheet_for",
]
