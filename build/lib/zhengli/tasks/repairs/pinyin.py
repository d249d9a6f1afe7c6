"""Pinyin glued after characters by some web sources: `現(xiàn)代化` -> `現代化`.

Only a parenthesis that follows a Chinese character and holds one pinyin
syllable with a tone mark is an annotation; `（试行）`, `(2023)` and `(一)`
are text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhengli.tasks.charclass import CJK
from zhengli.tasks.repairs.state import Edit, RepairState

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(f"[(（]([a-z{_TONED}]{{1,6}})[)）]")
_LETTER = re.compile(f"[{CJK}]")
_TONE = re.compile(f"[{_TONED}]")


def find_pinyin(text: str) -> Iterator[Edit]:
    """
    >>> [m for m in find_pinyin("現(xiàn)代化（试行）(2023)(de)")]
    [(1, 7, '')]
    """
    for match in _PINYIN.finditer(text):
        if match.start() and _LETTER.match(text, match.start() - 1) and _TONE.search(match.group(1)):
            yield match.start(), match.end(), ""


def remove_pinyin(state: RepairState) -> None:
    state.edit_lines("pinyin", find_pinyin, gate=_PINYIN)
