"""Traditional-character passages become simplified, and only those.

OpenCC's t2s is not safe on simplified text (it turns some simplified
characters into others, OpenCC issue 1390: 坏 -> 坯), so each paragraph is
classified first by counting characters that exist only in traditional or
only in simplified script, and the converter runs on traditional ones alone.
The `tw2s` configuration is t2s preceded by OpenCC's variant phrase tables,
which also settle characters t2s leaves ambiguous (著力 -> 着力).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import opencc

from tasks.repairs.state import Edit, RepairState


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")


@cache
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    folder = Path(opencc.__file__).parent / "dictionary"
    traditional = _keys(folder / "TSCharacters.txt")
    simplified = _keys(folder / "STCharacters.txt")
    return frozenset(traditional - simplified), frozenset(simplified - traditional)


def _keys(path: Path) -> set[str]:
    keys = set()
    for row in path.read_text(encoding="utf-8").splitlines():
        key, _, values = row.partition("\t")
        if len(key) == 1 and values.split() != [key]:
            keys.add(key)
    return keys


def classify_script(text: str) -> str:
    """`traditional`, `simplified`, or `neutral` (no character tells).

    >>> classify_script("現代化建設"), classify_script("现代化建设"), classify_script("工作")
    ('traditional', 'simplified', 'neutral')
    """
    traditional, simplified = _script_sets()
    t = sum(1 for ch in text if ch in traditional)
    s = sum(1 for ch in text if ch in simplified)
    if t > s:
        return "traditional"
    return "simplified" if s else "neutral"


def find_traditional(text: str) -> list[Edit]:
    """Edits turning a traditional paragraph into simplified; none for other text."""
    if classify_script(text) != "traditional":
        return []
    converted = _converter().convert(text)
    matcher = SequenceMatcher(None, text, converted, autojunk=False)
    return [(i1, i2, converted[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def simplify_traditional(state: RepairState) -> None:
    state.edit_paras("script", find_traditional)
