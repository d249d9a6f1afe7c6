"""Tables printed as text: rows of short cells separated by runs of spaces, every cell starting
(or, right-aligned, ending) where cells of the other rows do.

`pdftotext -layout` and hand-typed plain text print a table this way. Its rows are no lines of
running text: no step may join, split, reorder or respace them. Positions are compared both in
characters (as `pdftotext -layout` pads rows) and in printed em (as a monospaced editor shows
them); a run of rows is a table where either aligns it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from zhengli.tasks.charclass import display_width
from zhengli.tasks.evidence.numbering import find_label

MIN_ROWS = 3
"""Fewer aligned rows are a spaced-out heading or two lines side by side, not a table."""
_CELL = re.compile(r"[^\s\u3000]+(?: [^\s\u3000]+)*")
"""A cell: text with single spaces at most inside it (two spaces, a tab or U+3000 end it)."""
_SEPARATOR = re.compile(r"[^\s\u3000](?: {2,}|[\t\u3000]+)[^\s\u3000]")
"""What parts two cells: a row holds it, a page of running text mostly not."""
_RUNNING = re.compile("[，。；！？]")
_RUNNING_SHARE = 0.2
"""Above this share of cells holding clause punctuation, the rows are running text side by side."""
_CELL_CHARS = 16
"""Cells of a table are short: above this mean length the rows are columns of running text."""
_TOLERANCE = 1.0
"""How far (a character, an em) a cell may stand from its column."""
_SHARED = 0.5
"""A column is where this share of the rows has a cell edge."""

Span = tuple[int, int]
Unit = Callable[[str, int], float]


def cell_spans(row: str) -> list[Span]:
    """Where the cells of a row are.

    >>> cell_spans("序号    单位名称  金额（万元） total sum")
    [(0, 2), (6, 10), (12, 28)]
    """
    return [m.span() for m in _CELL.finditer(row)]


def _chars(_: str, index: int) -> float:
    return float(index)


def _ems(row: str, index: int) -> float:
    return display_width(row[:index])


def find_tables(rows: list[str]) -> list[range]:
    """The runs of `rows` (physical lines, blank ones included) that form tables: three or more
    rows of two or more cells, at most one blank line apart, aligned, short and not numbered."""
    if not _SEPARATOR.search("\n".join(rows)):
        return []
    return [run for run in _candidate_runs(rows) if _is_table([rows[i] for i in run if rows[i].strip()])]


def _candidate_runs(rows: list[str]) -> list[range]:
    runs: list[range] = []
    start = last = None
    for index, row in enumerate(rows):
        if _SEPARATOR.search(row):
            if start is None or index - last > 2:
                if start is not None:
                    runs.append(range(start, last + 1))
                start = index
            last = index
        elif row.strip() and start is not None:
            runs.append(range(start, last + 1))
            start = None
    if start is not None:
        runs.append(range(start, last + 1))
    return [run for run in runs if sum(1 for i in run if rows[i].strip()) >= MIN_ROWS]


def _is_table(rows: list[str]) -> bool:
    if not short_cells([row[a:b] for row in rows for a, b in cell_spans(row)]):
        return False
    if 2 * sum(1 for row in rows if find_label(row.strip()) is not None) >= len(rows):
        return False
    return any(_aligned(rows, unit) for unit in (_chars, _ems))


def short_cells(cells: list[str]) -> bool:
    """A table's cells are short and few of them hold clause punctuation; columns of running text side by side are neither."""
    return sum(map(len, cells)) <= _CELL_CHARS * len(cells) and sum(1 for c in cells if _RUNNING.search(c)) <= _RUNNING_SHARE * len(cells)


def _aligned(rows: list[str], unit: Unit) -> bool:
    """Does every row have each of its cells at a shared column (its start or its end)?"""
    columns = _columns(rows, unit)
    return len(columns[0]) >= 2 and all(_fits(row, unit, columns) for row in rows)


def _columns(rows: list[str], unit: Unit) -> tuple[list[float], list[float]]:
    """The positions where most rows have a cell start, and where most have a cell end."""
    def shared(edges: list[list[float]]) -> list[float]:
        counts = Counter(edge for row in edges for edge in {round(e) for e in row})
        return [p for p in sorted(counts) if sum(counts[q] for q in counts if abs(q - p) <= _TOLERANCE) >= _SHARED * len(rows)]
    spans = [cell_spans(row) for row in rows]
    starts = shared([[unit(row, a) for a, _ in row_spans] for row, row_spans in zip(rows, spans, strict=True)])
    ends = shared([[unit(row, b) for _, b in row_spans] for row, row_spans in zip(rows, spans, strict=True)])
    return starts, ends


def _fits(row: str, unit: Unit, columns: tuple[list[float], list[float]]) -> bool:
    starts, ends = columns
    return all(_near(unit(row, a), starts) or _near(unit(row, b), ends) for a, b in cell_spans(row))


def _near(position: float, edges: list[float]) -> bool:
    return any(abs(position - edge) <= _TOLERANCE for edge in edges)


def table_cells(rows: list[str]) -> list[list[str]]:
    """The cells of a table's rows, one list per row with an entry per column (`""` where the
    row has none there): a cell belongs to the column its start falls in, in the unit that aligns
    the rows; text of one row in one column is one cell, spaced as printed.

    >>> table_cells(["序号  名称      金额", "1     一中      120", "合计            645"])
    [['序号', '名称', '金额'], ['1', '一中', '120'], ['合计', '', '645']]
    """
    unit = next((u for u in (_chars, _ems) if _aligned(rows, u)), _chars)
    starts = _columns(rows, unit)[0] or [0.0]
    result = []
    for row in rows:
        found: dict[int, Span] = {}
        for a, b in cell_spans(row):
            column = max((i for i, s in enumerate(starts) if s - _TOLERANCE <= unit(row, a)), default=0)
            found[column] = (found[column][0], b) if column in found else (a, b)
        result.append([row[slice(*found[i])] if i in found else "" for i in range(len(starts))])
    return result


def grid_rows(text: str) -> list[list[str]]:
    """The cells of a table whose text is `cells_text`, every row as wide as the widest."""
    rows = [row.split("\t") for row in text.split("\n")]
    width = max(map(len, rows))
    return [row + [""] * (width - len(row)) for row in rows]


TABLE_START = "table-start"
TABLE_ROW = "table-row"
GRID_START = "grid-start"
GRID_HEAD = "grid-head"
GRID_CELL = "grid-cell"
TABLE_STARTS = frozenset({TABLE_START, GRID_START, GRID_HEAD})
GRID_STARTS = frozenset({GRID_START, GRID_HEAD})
TABLE_HINTS = frozenset({TABLE_START, TABLE_ROW, GRID_START, GRID_HEAD, GRID_CELL})
"""The hints a table's lines carry, from the `tables` step on: a table printed as text has its
first row `table-start`, its others `table-row`; a PDF table (`tasks.evidence.cells`) its first
line `grid-start` (`grid-head` where its first row is a header row), its others `grid-cell`,
each with the cell it lies in (`Line.cell`)."""
