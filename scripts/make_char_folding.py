"""Generate resources/rules/char_folding.json from OpenCC and the Unicode radical equivalents."""

import json
import unicodedata
from importlib.metadata import version
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
words = json.loads((ROOT / "resources/rules/banned_words.json").read_text("utf-8"))
targets = sorted({ch for w in words["words"] for ch in w["word"]})
tset = set(targets)
configs = ["t2s", "tw2s", "hk2s"]
convs = {c: opencc.OpenCC(c) for c in configs}
ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)]
found: dict[str, dict] = {}
for lo, hi in ranges:
    for cp in range(lo, hi + 1):
        ch = chr(cp)
        if ch in tset:
            continue
        base = unicodedata.normalize("NFKC", ch)
        for cfg, cv in convs.items():
            out = cv.convert(base)
            if len(out) == 1 and out in tset:
                e = found.setdefault(
                    ch,
                    {
                        "char": ch,
                        "code_point": f"U+{cp:04X}",
                        "folds_to": out,
                        "kind": "compatibility-ideograph"
                        if base != ch
                        else "traditional-or-variant",
                        "found_by": [],
                        "verified": True,
                    },
                )
                e["found_by"].append(f"OpenCC {cfg}")
                break
            if len(out) == 1 and out != base:
                pass
        else:
            if base != ch and base in tset and base != ch:
                # compatibility ideograph that NFKC already folds; recorded for completeness
                found.setdefault(
                    ch,
                    {
                        "char": ch,
                        "code_point": f"U+{cp:04X}",
                        "folds_to": base,
                        "kind": "compatibility-ideograph",
                        "found_by": ["Unicode NFKC"],
                        "verified": True,
                    },
                )
radicals = []
t2s = convs["t2s"]
for line in (
    ROOT / "resources" / "rules" / "radicals_supplement_equivalents.txt".read_text().split("\n")
):
    if not line.strip():
        continue
    a, b = line.split()
    rad, uni = chr(int(a, 16)), chr(int(b, 16))
    simp = t2s.convert(uni)
    radicals.append(
        {
            "char": rad,
            "code_point": f"U+{a}",
            "name": unicodedata.name(rad),
            "folds_to": simp if len(simp) == 1 else uni,
            "unified": f"U+{b}",
            "kind": "cjk-radicals-supplement",
            "verified": True,
        }
    )
doc = {
    "description": "单字折叠表：把繁体/异体字和部首字符折叠为简体统一汉字，供证书禁用字样检查使用。"
    "逐字一对一映射，不做词语级转换。康熙部首(U+2F00–2FD5)和兼容汉字由 Unicode NFKC 处理，"
    "此表补充 NFKC 不处理的部分。",
    "source": "OpenCC 转换表（opencc-python-reimplemented "
    + version("opencc-python-reimplemented")
    + "，配置 t2s、tw2s、hk2s），逐字检索 CJK 统一汉字、扩展A、扩展B及以后、兼容汉字各区中"
    "折叠后落在禁用字样所用汉字上的字符；部首补充区映射取自 Unicode 数据文件 "
    "EquivalentUnifiedIdeograph.txt（部首→等价统一汉字，再经 OpenCC t2s 折叠为简体）。",
    "banned_characters": "".join(targets),
    "mappings": sorted(found.values(), key=lambda e: (e["folds_to"], e["code_point"])),
    "radicals": radicals,
}
(ROOT / "resources/rules/char_folding.json").write_text(
    json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
)
print(len(found), "mappings;", len(radicals), "radicals")
for e in doc["mappings"]:
    print(e["char"], e["code_point"], "->", e["folds_to"], e["found_by"])
