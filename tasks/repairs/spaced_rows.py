"""letter-spaced-rows: a line a PDF prints letter-spaced inside one column, parted by the reader.

The reader parts two glyphs of one baseline where the gap between them is as wide as a gutter
(`tasks.pdf`: PDFium joined the rows of two columns written row by row). A head set letter-spaced
(`目　　录`, `第 一 章 　 总 　 则`) has gaps that wide inside a column. Where the page has columns
and both parts lie in one of them, the gap is no gutter, and the two parts are one line again.
"""

from __future__ import annotations

from dataclasses import replace

from zhengli.tasks.evidence.geometry import Geometry
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.repairs.state import RepairState

WIDEST_GAP_EM = 4.0
"""A letter-spaced head's widest gap, in its ems: two ideographic spaces and the spacing around them."""
_BASELINE = 0.3
"""Parts of one row: baselines this close, in ems."""


def join_spaced_rows(state: RepairState) -> None:
    geometry = state.geometry()
    measure = _column_measure(geometry) if geometry is not None else None
    if geometry is None or measure is None:
        return
    before: Line | None = None
    for line in [line for line in state.lines if line.text.strip()]:
        if before is None or not _one_row_of_a_column(geometry, measure, before, line):
            before = line
            continue
        assert before.box is not None and line.box is not None
        state.edit_line("letter-spaced-rows", before, [(len(before.text), len(before.text), " " + line.text.strip())])
        before.box = replace(before.box, x1=max(before.box.x1, line.box.x1), y0=min(before.box.y0, line.box.y0),
                             y1=max(before.box.y1, line.box.y1))
        state.drop_line("letter-spaced-rows", line)
        line.box = None


def _column_measure(geometry: Geometry) -> float | None:
    """The widest column of the pages that have columns (the one spanning such a page aside), or
    None where no page has columns."""
    widths = [c.right - c.left for columns in geometry.columns.values() if len(columns) > 1
              for c in columns if c.right - c.left < max(d.right - d.left for d in columns)]
    return max(widths, default=None)


def _one_row_of_a_column(geometry: Geometry, measure: float, before: Line, line: Line) -> bool:
    """Both on one baseline of one page, the second right after the first, within one column as
    wide as the document's columns (the last page may fill only the first)."""
    a, b = before.box, line.box
    if a is None or b is None or a.page != b.page or abs(a.baseline - b.baseline) > _BASELINE * a.size:
        return False
    if not 0 < b.x0 - a.x1 <= WIDEST_GAP_EM * a.size:
        return False
    narrow = [c for c in geometry.columns.get(a.page, []) if c.right - c.left <= measure + a.size]
    return any(c.left - a.size <= a.x0 and b.x1 <= c.right + a.size for c in narrow)
