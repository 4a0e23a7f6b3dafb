"""The English catalogue: complete, in step with the interface sources, and compiled."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from types import ModuleType

import pytest

from kaoping.domain import deadlines
from kaoping.domain.assembly import WeightKind
from kaoping.domain.assessment import Component
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateStatus, RevocationCategory
from kaoping.domain.eligibility import Education, Title
from kaoping.domain.holiday_calendar import YearState
from kaoping.domain.idnumber import IdType
from kaoping.domain.items import ItemStatus, ItemType
from kaoping.domain.packages import PackageKind
from kaoping.domain.plans import BatchStatus
from kaoping.domain.roles import Permission, Role
from kaoping.domain.roster import HEADER_OF, CandidateStatus, RegionBasis, Route
from kaoping.domain.sampling import CheckedFact, CheckOutcome
from kaoping.domain.scoring import ResultStatus, ScoreStatus
from kaoping.domain.staffing import ConflictKind, StaffRole
from kaoping.services import verification
from kaoping.services.checkin import CheckinMethod
from kaoping.services.ports.exams import Attendance, IncidentKind
from kaoping.services.scores import LineState
from kaoping.ui import labels

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "desktop" / "kaoping" / "ui"
TS = ROOT / "resources" / "i18n" / "kaoping_en.ts"
QM = ROOT / "resources" / "i18n" / "kaoping_en.qm"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d|%[sd]")
TRANSLATING_CALLS = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}

# Chinese text the interface may hold outside the translation calls, and why.
ALLOWED = {
    # Each language is named in itself so a person can find theirs whatever is shown now.
    ("application.py", "中文"),
    # The application name is set before any translator is loaded; it names the program.
    ("application.py", "考评 Kaoping"),
}

# Domain values the interface shows through ui/labels.py.
LABELLED: tuple[type[Enum], ...] = (
    Role,
    Permission,
    Level,
    Route,
    CandidateStatus,
    RegionBasis,
    IdType,
    Education,
    Title,
    StaffRole,
    ConflictKind,
    Component,
    ScoreStatus,
    ResultStatus,
    BatchStatus,
    PackageKind,
    WeightKind,
    ItemType,
    ItemStatus,
    CheckOutcome,
    CheckedFact,
    Attendance,
    IncidentKind,
    LineState,
    CheckinMethod,
    YearState,
    RevocationCategory,
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(path: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message


def _shown(value: Enum) -> str:
    text = getattr(value, "label", None)
    return text if isinstance(text, str) else str(value.value)


def test_every_message_has_a_finished_english_translation() -> None:
    """An English user never meets a Chinese leftover: every catalogue entry is translated."""
    problems = []
    for context, message in _messages(TS):
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        kind = translation.get("type")
        if kind in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip():
            problems.append(f"{context}: {source!r} ({kind or 'empty'})")
    assert problems == []


def test_translations_keep_placeholders_and_accelerators() -> None:
    """Numbers and names still land in the English sentences, and Alt-keys still work."""
    problems = []
    for context, message in _messages(TS):
        source = message.findtext("source", "")
        english = message.findtext("translation", "")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(english)):
            problems.append(f"{context}: {source!r} -> {english!r} (placeholders)")
        if ("&" in source.replace("&&", "")) != ("&" in english.replace("&&", "")):
            problems.append(f"{context}: {source!r} -> {english!r} (accelerator)")
        # The true/false answers are typed as 对 / 错 whatever the interface language.
        if HAN.search(english.replace("对", "").replace("错", "")):
            problems.append(f"{context}: {source!r} -> {english!r} (Chinese left)")
    assert problems == []


def test_catalogue_lists_every_text_of_the_current_sources(tmp_path: Path) -> None:
    """A text added to the interface without re-running the update script is caught."""
    copy = tmp_path / "kaoping_en.ts"
    shutil.copy(TS, copy)
    _script().update_ts(copy)
    before = {(c, m.findtext("source"), m.findtext("comment")) for c, m in _messages(TS)}
    after = {(c, m.findtext("source"), m.findtext("comment")) for c, m in _messages(copy)}
    assert after - before == set(), "run scripts/update_translations.py and translate"
    assert before - after == set(), "run scripts/update_translations.py (texts removed)"


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    """The .qm the application loads is exactly what lrelease makes of the committed .ts."""
    fresh = tmp_path / "kaoping_en.qm"
    _script().release(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/update_translations.py"


def _untranslatable(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    covered: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                covered.add(id(first.value))  # docstrings are for programmers
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            index = TRANSLATING_CALLS.get(name)
            if index is not None and len(node.args) > index:
                covered.add(id(node.args[index]))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and HAN.search(node.value)
            and id(node) not in covered
            and (path.name, node.value) not in ALLOWED
        ):
            found.append(f"{path.relative_to(UI)}:{node.lineno}: {node.value!r}")
    return found


def test_no_chinese_text_escapes_translation() -> None:
    """Every Chinese text in the interface code goes through tr/translate/QT_TRANSLATE_NOOP."""
    modules = [p for p in UI.rglob("*.py") if "forms" not in p.relative_to(UI).parts[:-1]]
    assert len(modules) > 20
    found = [line for path in sorted(modules) for line in _untranslatable(path)]
    assert found == []


@pytest.mark.parametrize("enum", LABELLED, ids=lambda e: e.__name__)
def test_domain_labels_shown_in_the_interface_are_in_the_catalogue(enum: type[Enum]) -> None:
    """Roles, levels and statuses appear in English too, not only the screens' own texts."""
    missing = {_shown(member) for member in enum} - labels.KNOWN
    assert missing == set(), "add them to ui/labels.py and run scripts/update_translations.py"


def test_other_domain_names_shown_in_the_interface_are_in_the_catalogue() -> None:
    """Roster field names, certificate states, verdicts and deadline texts are listed too."""
    shown = {
        *HEADER_OF.values(),
        *(status.label for status in CertificateStatus),
        deadlines.UNKNOWN_LABEL,
        *(
            verification.VerificationResult(verdict, (), None, "").label
            for verdict in (
                verification.VERDICT_VALID,
                verification.VERDICT_INVALID,
                verification.VERDICT_UNREADABLE,
                verification.VERDICT_UNKNOWN,
            )
        ),
        *(
            verification.LookupAnswer(outcome, "", "").label
            for outcome in (
                verification.LOOKUP_VALID,
                verification.LOOKUP_REVOKED,
                verification.LOOKUP_VOID,
                verification.LOOKUP_NOT_FOUND,
                verification.LOOKUP_NAME_MISMATCH,
                verification.LOOKUP_OTHER_BODY,
            )
        ),
    }
    assert shown - labels.KNOWN == set()
    catalogue = {m.findtext("source") for c, m in _messages(TS) if c == labels.CONTEXT}
    assert labels.KNOWN - catalogue == set()
