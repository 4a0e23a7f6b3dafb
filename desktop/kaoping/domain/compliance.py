"""The certificate compliance check (证书合规检查): banned wording in any disguise.

The programme text (五（二）) forbids certificates to carry wording such as 中华人民共和国, 国家
or 人力资源社会保障部. Text is matched after a normalisation that defeats the usual disguises:
spacing and line breaks, zero-width and other invisible characters, punctuation between characters,
full-width forms, compatibility ideographs, radicals and traditional characters. Every finding
still quotes the original text and its position, so a person can find and fix it.

The word list and the character folding table are data (`resources/rules/banned_words.json`,
`resources/rules/char_folding.json`); this module only receives their parsed contents.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kaoping.domain.errors import ValidationError

RULE_BANNED_WORD = "banned-word"
RULE_UNREGISTERED_IMAGE = "unregistered-image"
RULE_EMBLEM_LIKE_IMAGE = "emblem-like-image"
RULE_MISSING_GLYPH = "missing-glyph"

WHERE_BODY = "正文"

_MATCH_LIMIT = 40
_MISSING_GLYPH = "\x00"
# Stands in for each character of an exempt name: a private-use character is never part of a
# banned word and is not skipped as noise, so the text on either side cannot join across it.
NAME_PLACEHOLDER = "\ue000"
# Letters that render as nothing although Unicode files them as ordinary letters (Hangul fillers,
# Braille blank is a symbol and is skipped anyway).
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Categories skipped between characters: separators, format (zero-width, tags, soft hyphen),
# marks (variation selectors, combining marks), controls, punctuation and symbols.
_SKIPPED_CATEGORIES = frozenset(
    {
        "Zs",
        "Zl",
        "Zp",
        "Cf",
        "Cc",
        "Mn",
        "Me",
        "Mc",
        "Pc",
        "Pd",
        "Ps",
        "Pe",
        "Pi",
        "Pf",
        "Po",
        "Sm",
        "Sc",
        "Sk",
        "So",
    }
)


@dataclass(frozen=True)
class BannedWord:
    """One banned wording (禁用字样) with where it comes from.

    Attributes:
        word: The canonical wording, e.g. 国家.
        source: The document (or reasoning) the wording comes from.
        verified: Whether the wording was checked against that source.
    """

    word: str
    source: str
    verified: bool


@dataclass(frozen=True)
class BannedWordList:
    """The banned wordings, in file order."""

    words: tuple[BannedWord, ...]
    source: str = ""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BannedWordList:
        """Build the list from the parsed `banned_words.json`.

        Raises:
            ValidationError: The data has no words or an entry without a word.
        """
        entries = data.get("words")
        if not isinstance(entries, list) or not entries:
            raise ValidationError(
                "禁用字样表为空或格式不对：应有非空的 words 列表", field="禁用字样表"
            )
        words = []
        for number, entry in enumerate(entries, start=1):
            text = str(entry.get("word", "")).strip() if isinstance(entry, Mapping) else ""
            if not text:
                raise ValidationError(
                    "禁用字样缺少 word，请补上或删除该条", field="禁用字样表", row=number
                )
            words.append(
                BannedWord(text, str(entry.get("source", "")), bool(entry.get("verified", False)))
            )
        return cls(tuple(words), str(data.get("source", "")))

    def __iter__(self) -> Iterator[BannedWord]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class CharFolding:
    """A one-to-one character folding table (字形折叠表): traditional, variant and radical forms.

    Attributes:
        table: Maps a character to the simplified unified ideograph it stands for.
    """

    table: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Each character's normalised form (folded, noise dropped), filled as characters are met:
    # a certificate repeats the same few hundred characters, and folding each one through
    # Unicode normalisation again was most of the time of a check.
    _normalised: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    _needles: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CharFolding:
        """Build the table from the parsed `char_folding.json` (its `mappings` and `radicals`)."""
        raw: dict[str, str] = {}
        for section in ("mappings", "radicals"):
            for entry in data.get(section, []):
                source, target = str(entry["char"]), str(entry["folds_to"])
                if len(source) == 1 and len(target) == 1 and source != target:
                    raw[source] = target
        # A radical may fold to a traditional form that the table folds again (⻑ → 長 → 长).
        resolved = {src: raw.get(dst, dst) for src, dst in raw.items()}
        return cls(MappingProxyType(resolved))

    def fold(self, char: str) -> str:
        """Return the folded form of one character (itself when the table has no entry)."""
        return self.table.get(char, char)


def load_char_folding(data: Mapping[str, Any]) -> CharFolding:
    """Build the folding table from the parsed `char_folding.json`."""
    return CharFolding.from_json(data)


def load_rules(rules_dir: Path) -> tuple[BannedWordList, CharFolding]:
    """Read `banned_words.json` and `char_folding.json` from a rules folder.

    Raises:
        ValidationError: A file is missing or is not valid JSON.
    """
    parsed = []
    for name in ("banned_words.json", "char_folding.json"):
        path = rules_dir / name
        try:
            parsed.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise ValidationError(
                f"无法读取规则文件 {path}：{exc}；请恢复该文件或从安装包重新复制", field=name
            ) from exc
    return BannedWordList.from_json(parsed[0]), CharFolding.from_json(parsed[1])


@dataclass(frozen=True)
class Finding:
    """One reason a certificate may not leave Kaoping.

    Attributes:
        rule: `banned-word`, `unregistered-image`, `emblem-like-image` or `missing-glyph`.
        match: The text as found (shortened to about 40 characters), or the image's name.
        word: The canonical banned word for `banned-word`; otherwise what the match resembles or "".
        page: The 1-based page, or None when the place has no page (metadata, a text file).
        where: The part of the document, e.g. 正文, 元数据:Title, XMP, 批注, 表单域, 图片.
        offset: The 0-based character position of the match in the checked text, if any.
    """

    rule: str
    match: str
    word: str = ""
    page: int | None = None
    where: str = WHERE_BODY
    offset: int | None = None

    def message(self) -> str:
        """Describe the finding and its fix in Chinese for the person issuing the certificate."""
        place = (f"第{self.page}页" if self.page is not None else "") + self.where
        if self.offset is not None:
            place += f"第{self.offset + 1}个字符处"
        if self.rule == RULE_BANNED_WORD:
            return (
                f"{place}含有禁用字样“{self.word}”（原文：{_visible(self.match)}）；"
                "证书不得使用该字样，请删除或改写后重新生成。"
            )
        if self.rule == RULE_MISSING_GLYPH:
            return (
                f"{place}有字体中缺少的字（原文：{_visible(self.match)}）；"
                "该字打印出来是空白，请换用含该字的字体或核对姓名用字。"
            )
        if self.rule == RULE_EMBLEM_LIKE_IMAGE:
            return (
                f"{place}的图片 {self.match} 与禁用标识参考图“{self.word}”相似；"
                "证书不得使用国徽或政府部门徽标，请删除该图片。"
            )
        return (
            f"{place}的图片 {self.match} 未登记为批准使用的图片；"
            "证书只能使用已登记的机构标识、印章、考生照片和二维码，请先登记或删除该图片。"
        )


@dataclass(frozen=True)
class ComplianceReport:
    """The outcome of a compliance check; `ok` only when there is no finding at all."""

    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the document may be signed, saved or printed."""
        return not self.findings

    @classmethod
    def combine(cls, reports: Iterable[ComplianceReport]) -> ComplianceReport:
        """Join several reports, keeping their order."""
        return cls(tuple(f for report in reports for f in report.findings))


def report_to_json(report: ComplianceReport) -> dict[str, Any]:
    """Return the report as plain JSON data: {"ok", "findings": [{"rule", "match", "page", ...}]}.

    Each finding carries `rule`, `match`, `page` and `where`, plus `word` and a Chinese `message`.
    """
    return {
        "ok": report.ok,
        "findings": [
            {
                "rule": f.rule,
                "match": f.match,
                "page": f.page,
                "where": f.where,
                "word": f.word,
                "message": f.message(),
            }
            for f in report.findings
        ],
    }


@dataclass(frozen=True)
class _Normalised:
    """Folded text with, for each of its characters, the index of the original character."""

    text: str
    origin: tuple[int, ...]


def _is_skipped(char: str) -> bool:
    """Whether a (normalised) character is noise between the characters of a word."""
    return (
        char.isspace()
        or char in _INVISIBLE_LETTERS
        or (unicodedata.category(char) in _SKIPPED_CATEGORIES)
    )


def _fold_char(char: str, fold: CharFolding) -> str:
    """Fold one character: table first (for radicals NFKC keeps), then NFKC, then table again."""
    direct = fold.table.get(char)
    if direct is not None:
        return direct
    return "".join(fold.fold(c) for c in unicodedata.normalize("NFKC", char))


def normalise(text: str, fold: CharFolding) -> str:
    """Return the text as the matcher sees it: folded, without spaces, invisibles or punctuation."""
    return _normalise(text, fold).text


_MEMO_LIMIT = 65536  # distinct characters remembered per folding table


def _normalised_char(char: str, fold: CharFolding) -> str:
    """The character folded, with noise dropped ("" for a skipped character)."""
    memo = fold._normalised
    kept = memo.get(char)
    if kept is None:
        kept = "".join(c for c in _fold_char(char, fold) if not _is_skipped(c))
        if len(memo) < _MEMO_LIMIT:
            memo[char] = kept
    return kept


def _needle(word: str, fold: CharFolding) -> str:
    """A banned word as the matcher looks for it, normalised once per folding table."""
    needle = fold._needles.get(word)
    if needle is None:
        needle = fold._needles[word] = normalise(word, fold)
    return needle


def _normalise(text: str, fold: CharFolding) -> _Normalised:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        kept = _normalised_char(char, fold)
        if kept:
            chars.append(kept)
            origin.extend([index] * len(kept))
    return _Normalised("".join(chars), tuple(origin))


def blank_exact_runs(runs: Iterable[str], names: Iterable[str]) -> str:
    """Join text runs, blanking each run (or run of runs) whose whole content is a holder's name.

    A holder's name (李中华) is data, not the wording of the certificate, so it is exempt from the
    banned-word rule; but only where the name fills whole runs from one run boundary to another
    (surrounding whitespace aside), so a banned word is never hidden by a name that merely occurs
    inside a longer run (a title). A name may span several consecutive runs: a rare character
    drawn in a fallback font (𠮷国家) ends the run before and after it. The blanked text keeps its
    length, so the offsets of other findings do not move.

    Args:
        runs: The text runs in reading order; joined they are the text to check.
        names: The names as stored in the records (never read from the document).
    """
    pieces = list(runs)
    exempt = {name.strip() for name in names if name.strip()}
    text = "".join(pieces)
    if not exempt:
        return text
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    chars = list(text)
    first = 0
    while first < len(pieces):
        last = _name_end(text, bounds, first, exempt)
        if last is None:
            first += 1
            continue
        span = text[bounds[first] : bounds[last]]
        start = bounds[first] + (len(span) - len(span.lstrip()))
        end = bounds[last] - (len(span) - len(span.rstrip()))
        chars[start:end] = NAME_PLACEHOLDER * (end - start)
        first = last
    return "".join(chars)


_MOST_RUNS_PER_NAME = 8


def _name_end(text: str, bounds: list[int], first: int, exempt: set[str]) -> int | None:
    """The run boundary where a name that starts at run `first` ends, if runs first.. hold one."""
    for last in range(first + 1, min(first + _MOST_RUNS_PER_NAME, len(bounds) - 1) + 1):
        core = text[bounds[first] : bounds[last]].strip()
        if core in exempt:
            return last
    return None


def _shorten(text: str) -> str:
    """Keep a match readable: at most about 40 characters, with an ellipsis in the middle."""
    if len(text) <= _MATCH_LIMIT:
        return text
    half = (_MATCH_LIMIT - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def _visible(text: str) -> str:
    """Show invisible characters as U+XXXX so a reader knows they are there."""
    parts = []
    for char in text:
        invisible = char in _INVISIBLE_LETTERS or unicodedata.category(char) in {"Cf", "Cc", "Mn"}
        parts.append(f"[U+{ord(char):04X}]" if invisible else char)
    return "“" + "".join(parts) + "”"


def find_banned_words(
    text: str,
    words: Iterable[BannedWord],
    page: int | None = None,
    where: str = WHERE_BODY,
    *,
    fold: CharFolding | None = None,
) -> list[Finding]:
    """Find every banned wording in a text, in any disguise, ordered by position.

    A match inside a longer match at the same place (中华 inside 中华人民共和国) is not repeated.

    Args:
        text: The text to check, as extracted.
        words: The banned wordings.
        page: The 1-based page the text comes from, if any.
        where: The part of the document the text comes from.
        fold: The character folding table; without it only Unicode normalisation applies.
    """
    table = fold or CharFolding()
    normal = _normalise(text, table)
    spans: list[tuple[int, int, str]] = []
    for banned in words:
        needle = _needle(banned.word, table)
        if not needle:
            continue
        start = normal.text.find(needle)
        while start >= 0:
            first = normal.origin[start]
            last = normal.origin[start + len(needle) - 1]
            spans.append((first, last + 1, banned.word))
            start = normal.text.find(needle, start + 1)
    kept = [s for s in spans if not any(_inside(s, other) for other in spans)]
    kept.sort(key=lambda s: (s[0], -s[1]))
    return [
        Finding(RULE_BANNED_WORD, _shorten(text[a:b]), word, page, where, a) for a, b, word in kept
    ]


def _inside(span: tuple[int, int, str], other: tuple[int, int, str]) -> bool:
    """Whether `span` lies within a strictly longer `other`."""
    return (
        other is not span
        and other[0] <= span[0]
        and span[1] <= other[1]
        and (other[1] - other[0] > span[1] - span[0])
    )


def find_missing_glyphs(
    text: str, page: int | None = None, where: str = WHERE_BODY
) -> list[Finding]:
    """Find glyphs the font lacked; text extraction returns them as U+0000.

    Each run of missing glyphs is one finding; the match shows a few characters around it, with the
    missing glyphs shown as U+FFFD so the match stays printable.
    """
    findings = []
    index = text.find(_MISSING_GLYPH)
    while index >= 0:
        end = index
        while end < len(text) and text[end] == _MISSING_GLYPH:
            end += 1
        context = text[max(0, index - 6) : end + 6].replace(_MISSING_GLYPH, "\ufffd")
        findings.append(Finding(RULE_MISSING_GLYPH, _shorten(context), "", page, where, index))
        index = text.find(_MISSING_GLYPH, end)
    return findings


def check_text(
    text: str,
    words: Iterable[BannedWord],
    fold: CharFolding | None,
    *,
    page: int | None = None,
    where: str = WHERE_BODY,
) -> ComplianceReport:
    """Check one text for banned wording and missing glyphs.

    Args:
        text: The text to check.
        words: The banned wordings.
        fold: The character folding table.
        page: The 1-based page the text comes from, if any.
        where: The part of the document the text comes from.
    """
    findings = find_banned_words(text, words, page, where, fold=fold)
    findings += find_missing_glyphs(text, page, where)
    findings.sort(key=lambda f: f.offset if f.offset is not None else -1)
    return ComplianceReport(tuple(findings))
