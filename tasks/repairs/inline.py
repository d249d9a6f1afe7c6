"""inline-paragraphs: several paragraphs in one physical line, parted by `　　` (a table's row, whose
cells the same spaces part, is left alone, and so is an office and a date set apart in one row)."""

from __future__ import annotations

import re

from zhengli.tasks.evidence.tables import TABLE_HINTS
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import is_dated_row
from zhengli.tasks.repairs.state import RepairState

_INLINE_BREAK = re.compile("\u3000{2,}(?=\\S)")
"""Led by its literal so the search runs at C speed; `inline_paragraphs` checks the character before."""
_MIN_PARAGRAPH_CHARS = 4
"""`目　　录` is one spaced-out word, not two paragraphs."""


def split_inline_paragraphs(state: RepairState) -> None:
    """`…全面深化改革。　　以优化…` holds two paragraphs in one line: each becomes a line of its own,
    indented as the paragraph start it is."""
    if not any("\u3000\u3000" in line.text for line in state.lines):
        return
    lines: list[Line] = []
    for line in state.lines:
        parts = inline_paragraphs(line.text) if "\u3000\u3000" in line.text and line.hint not in TABLE_HINTS else [line.text]
        lines.append(line if len(parts) == 1 else Line(line.no, parts[0], line.page, line.hint, line.form_feed))
        lines += [Line(line.no, "\u3000\u3000" + part, line.page) for part in parts[1:]]
    state.set_lines(lines)


def inline_paragraphs(text: str) -> list[str]:
    """
    >>> inline_paragraphs("全面深化改革。　　以优化营商环境为基础"), inline_paragraphs("目　　录")
    (['全面深化改革。', '以优化营商环境为基础'], ['目　　录'])
    >>> inline_paragraphs("江川市人民政府办公室　　　　2024年3月8日")
    ['江川市人民政府办公室　　　　2024年3月8日']
    """
    if is_dated_row(text):
        return [text]
    parts, start = [], 0
    for match in _INLINE_BREAK.finditer(text):
        if match.start() and not text[match.start() - 1].isspace() and len(text[start:match.start()].strip()) >= _MIN_PARAGRAPH_CHARS:
            parts.append(text[start:match.start()])
            start = match.end()
    return [*parts, text[start:]]
