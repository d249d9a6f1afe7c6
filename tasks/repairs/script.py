"""Traditional-character passages become simplified, and only those.

OpenCC's t2s is not safe on simplified text (it turns some simplified
characters into others, OpenCC issue 1390: 坏 -> 坯), so each paragraph is
classified first by counting characters that exist only in traditional or
only in simplified script, and the converter runs on traditional ones alone.
The `tw2s` configuration is t2s preceded by OpenCC's variant phrase tables,
which also settle characters t2s leaves ambiguous (著力 -> 着力). It runs on
`tasks.repairs.t2s`, OpenCC's own tables applied faster, with the same result.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import opencc

from tasks.repairs.state import Edit, RepairState
from tasks.repairs.t2s import converter


class _Letters:
    """Counts the letters of a set in a text at regex speed: a character class for the Basic
    Multilingual Plane (fast), a set lookup for the rare astral-plane letters."""

    _ASTRAL = re.compile("[\U00010000-\U0010ffff]")

    def __init__(self, letters: set[str]):
        self.bmp = re.compile("[" + "".join(re.escape(ch) for ch in sorted(letters) if ord(ch) < 0x10000) + "]")
        self.astral = frozenset(ch for ch in letters if ord(ch) >= 0x10000)

    def present(self, text: str) -> bool:
        return self.bmp.search(text) is not None or bool(self.astral and self._ASTRAL.search(text) and not self.astral.isdisjoint(text))

    def count(self, text: str) -> int:
        found = len(self.bmp.findall(text)) if self.bmp.search(text) else 0
        if self.astral and self._ASTRAL.search(text):
            found += sum(1 for ch in text if ch in self.astral)
        return found


@cache
def _script_letters() -> tuple[_Letters, _Letters]:
    """The letters only traditional, and only simplified, script has."""
    folder = Path(opencc.__file__).parent / "dictionary"
    traditional = _keys(folder / "TSCharacters.txt")
    simplified = _keys(folder / "STCharacters.txt")
    return _Letters(traditional - simplified), _Letters(simplified - traditional)


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
    traditional, simplified = _script_letters()
    if not traditional.present(text):
        return "simplified" if simplified.present(text) else "neutral"
    return "traditional" if traditional.count(text) > simplified.count(text) else "simplified"


def find_traditional(text: str) -> list[Edit]:
    """Edits turning a traditional paragraph into simplified; none for other text."""
    if classify_script(text) != "traditional":
        return []
    converted = converter("tw2s").convert(text)
    if len(converted) != len(text):
        matcher = SequenceMatcher(None, text, converted, autojunk=False)
        return [(i1, i2, converted[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    return _changed_runs(text, converted)


def _changed_runs(text: str, converted: str) -> list[Edit]:
    """Runs of changed characters between two texts of one length; runs at most `_GAP` characters
    apart are one edit, so the record reads `國務院關於` -> `国务院关于`, not letter by letter.

    >>> _changed_runs("現代化建設工作", "现代化建设工作")
    [(0, 1, '现'), (4, 5, '设')]
    >>> _changed_runs("國務院關於", "国务院关于")
    [(0, 5, '国务院关于')]
    """
    edits: list[tuple[int, int]] = []
    for index in [index for index, (old, new) in enumerate(zip(text, converted, strict=True)) if old != new]:
        if edits and index - edits[-1][1] <= _GAP:
            edits[-1] = (edits[-1][0], index + 1)
        else:
            edits.append((index, index + 1))
    return [(start, end, converted[start:end]) for start, end in edits]


_GAP = 2


def simplify_traditional(state: RepairState) -> None:
    state.edit_paras("script", find_traditional)
