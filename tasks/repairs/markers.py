"""Markers that belong to the medium, not the text.

Newspapers print `(上接第一版)` / `（下转第二版）` where an article jumps pages;
web extractions keep Markdown heading marks (`## 二、…`); a browser's print of a law's page
marks the 节 entries of its table of contents (`*第一节 设立`). All are removed, and a heading
mark is kept as a hint for structure detection.
"""

from __future__ import annotations

import re

from zhengli.tasks.repairs.state import RepairState

_NUMERAL = "零〇一二三四五六七八九十百\\d"
_CONTINUATION = re.compile(rf"[(（]\s*(?:上|下)\s*(?:接|转|轉)\s*第?\s*[{_NUMERAL}]+\s*(?:版|页|頁)\s*[)）]")
_MARKUP_HEADING = re.compile(r"^\s*(#{1,6})\s+(?=\S)")
_ENTRY_MARK = re.compile(rf"^\s*([*＊•·])\s*(?=第[{_NUMERAL}]+(?:编|分编|章|节)(?:\s|$|[^，。；：、,;:的]))")
"""A mark before a division's label in a table of contents: `*第一节 设立`."""
_ENTRY_GATE = re.compile(r"[*＊•·]\s*第")


def remove_continuation_markers(state: RepairState) -> None:
    state.edit_lines("continuation-markers", lambda text: [(m.start(), m.end(), "") for m in _CONTINUATION.finditer(text)], gate=_CONTINUATION)


def remove_markup_headings(state: RepairState) -> None:
    """`## 二、…` -> `二、…`, remembering the line was marked as a heading of that depth."""
    for line in state.lines:
        match = _MARKUP_HEADING.match(line.text)
        if match:
            line.hint = f"heading-{len(match.group(1))}"
            state.edit_line("markup-headings", line, [(0, match.end(), "")])


def remove_contents_marks(state: RepairState) -> None:
    """`*第一节 设立` -> `第一节 设立`: a mark a print sets before a division's entry (or heading) is
    no text; the entry under it opens with its label again, as the others do."""
    state.edit_lines("contents-marks", lambda text: [(m.start(1), m.end(), "")] if (m := _ENTRY_MARK.match(text)) else [], gate=_ENTRY_GATE)
