"""Papers (试卷): assembly from the weight tables, sealing, two-person opening, printing.

A paper is assembled (组卷) from approved item versions to match the blueprint of its weight table,
then sealed: its document is encrypted under a key of its own, and that key is split so that any
two paper openers (holders of `Permission.PAPER_OPEN`: 考务管理员, 质量督导员) together can rebuild
it, while one alone learns nothing. Each opener's share is encrypted to their public key, whose
private half is wrapped under their password. Opening therefore needs two different people to type
their passwords, and the service lets them try only inside the session's window (from
`paper_open_lead_minutes` before the start to the end). docs/sealed-papers.md has the details.
"""

from __future__ import annotations

from kaoping.services.papers._common import (
    DEFAULT_LEAD_MINUTES,
    LEAD_SETTING,
    Credential,
    OpenWindow,
    lead_minutes,
)
from kaoping.services.papers.assembly import (
    AssemblyOutcome,
    AssemblyRequest,
    assemble_paper,
    blueprint_for,
    find_paper,
    list_papers,
    list_sessions,
)
from kaoping.services.papers.opening import open_paper, open_window, paper_openers, print_paper
from kaoping.services.papers.sealing import seal_paper
from kaoping.services.papers.transfer import (
    MAX_PAPER_FILE,
    SEALED_FORMAT,
    export_sealed_paper,
    import_sealed_paper,
)

__all__ = [
    "DEFAULT_LEAD_MINUTES",
    "LEAD_SETTING",
    "MAX_PAPER_FILE",
    "SEALED_FORMAT",
    "AssemblyOutcome",
    "AssemblyRequest",
    "Credential",
    "OpenWindow",
    "assemble_paper",
    "blueprint_for",
    "export_sealed_paper",
    "find_paper",
    "import_sealed_paper",
    "lead_minutes",
    "list_papers",
    "list_sessions",
    "open_paper",
    "open_window",
    "paper_openers",
    "print_paper",
    "seal_paper",
]
