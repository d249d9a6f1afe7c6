"""tables: the lines of a table are marked before any step reads them, so that none cuts them
into columns, joins them as sentences, reorders or respaces them: `join-lines` keeps them as one
block, row by row. A PDF's tables are found by their rules and the alignment of their cells on
the page (`tasks/evidence/cells.py`), each line given the cell it lies in; tables printed as text
(`序号  单位名称  金额`) by the alignment of their cells in the text (`tasks/evidence/tables.py`).

continued-tables: a ruled table the page break cut in two is one table again, once the page's
furniture between its parts is gone (`page-numbers`, `running-headers` run before it)."""

from __future__ import annotations

import re

from zhengli.tasks.evidence.cells import Grid, find_grids
from zhengli.tasks.evidence.geometry import type_size
from zhengli.tasks.evidence.tables import GRID_CELL, GRID_HEAD, GRID_START, GRID_STARTS, TABLE_ROW, TABLE_START, find_tables
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.repairs.state import RepairState

_IN_GRID = "表"
"""What a line of a PDF table reads as to the search for tables printed as text: a line of text, which ends a table."""
CONTINUED = re.compile(r"[（(]?续上?表\s*[0-9０-９一二三四五六七八九十.\-－]*[）)]?")
"""`续表`, `续表2`, `（续表）`, `续上表`: a line a producer prints over a table's part on the next page."""
MIN_OTHER_ROWS = 2
"""A column every other row fills is one the table always fills where there are this many rows besides."""
EDGE_MATCH = 2.0
"""Two parts of a table have the same columns where each of their edges lies within this (in points) of the other's."""


def mark_tables(state: RepairState) -> None:
    _mark_grids(state)
    texts = [line.text if line.cell is None else _IN_GRID for line in state.lines]
    for run in find_tables(texts):
        rows = [state.lines[index] for index in run if state.lines[index].text.strip()]
        for position, line in enumerate(rows):
            line.hint = TABLE_START if position == 0 else TABLE_ROW


def _mark_grids(state: RepairState) -> None:
    boxed = [line.box for line in state.lines if line.box is not None and line.text.strip()]
    if not boxed:
        return
    for grid in find_grids(state.lines, state.rules, type_size(boxed)):
        first = min(grid.cells)
        for index, cell in grid.cells.items():
            line = state.lines[index]
            line.cell = cell
            line.span = grid.spans.get(index)
            line.hint = (GRID_HEAD if grid.header else GRID_START) if index == first else GRID_CELL
        state.tables.append((state.lines[first], grid))


def join_continued_tables(state: RepairState) -> None:
    """A ruled table that closes its page and a ruled table that opens the next, nothing but
    removed furniture between them, with the same columns (each edge within `EDGE_MATCH`), are
    one table: the second part's rows go on the first's. Where the second part opens with the
    first's first row again, cell for cell, the producer repeated the header row: it is dropped
    into the repair record and the table's first row is its header. A second part whose first row
    is a header row of other text is a table of its own. A `续表` line over the second part (the
    producer's mark that the table goes on) goes into the repair record with the repeated row."""
    if not state.tables:
        return
    grids = {id(first): grid for first, grid in state.tables}
    current: list[Line] = []
    grid: Grid | None = None
    for label, part in _parts([line for line in state.lines if line.text.strip()]):
        following = grids.get(id(part[0])) if part else None
        if following is None:
            current, grid = [], None
            continue
        if grid is not None and _continues(current, grid, part, following):
            if label is not None:
                state.drop_line("continued-tables", label)
            current += _carry_on(state, current, part)
        else:
            current, grid = part, following


def _parts(content: list[Line]) -> list[tuple[Line | None, list[Line]]]:
    """The content by table part, a part's lines together with the `续表` line right over it, if
    any, and `(None, [])` for the lines of no table between parts: a part follows another only
    where nothing but such a line is between them."""
    parts: list[tuple[Line | None, list[Line]]] = []
    label: Line | None = None
    for line in content:
        after_part = bool(parts) and bool(parts[-1][1])
        if line.hint in GRID_STARTS:
            parts.append((label, [line]))
            label = None
        elif line.hint == GRID_CELL and after_part and label is None:
            parts[-1][1].append(line)
        elif after_part and label is None and CONTINUED.fullmatch(line.text.strip()):
            label = line
        else:
            if after_part or label is not None:
                parts.append((None, []))
            label = None
    return parts


def _continues(table: list[Line], grid: Grid, part: list[Line], following: Grid) -> bool:
    """Both ruled, the part on the page after the table's last line, their edges alike, and the
    part opening with no header row but the table's own."""
    last, first = table[-1], part[0]
    if not (grid.ruled and following.ruled) or last.box is None or first.box is None or first.box.page != last.box.page + 1:
        return False
    if len(grid.edges) != len(following.edges) or any(abs(a - b) > EDGE_MATCH for a, b in zip(grid.edges, following.edges, strict=True)):
        return False
    return first.hint != GRID_HEAD or _row(part, 0) == _row(table, 0)


def _row(lines: list[Line], row: int) -> list[tuple[int, str]]:
    """A row's cells as printed: (column, text) of each of its lines, in order."""
    return [(line.cell[1], line.text.strip()) for line in lines if line.cell is not None and line.cell[0] == row]


def _carry_on(state: RepairState, table: list[Line], part: list[Line]) -> list[Line]:
    """The part's lines as rows after the table's, a repeated header row dropped and recorded, and
    the rest of a row the page break cut (`_rest_of_row`) moved into that row's cells, recorded."""
    repeated = _row(part, 0) == _row(table, 0) and len({line.cell[0] for line in part if line.cell}) > 1
    if repeated:
        for line in part:
            if line.cell is not None and line.cell[0] == 0:
                state.drop_line("continued-tables", line)
        table[0].hint = GRID_HEAD
    kept = [line for line in part if line.text.strip()]
    opening = 1 if repeated else 0
    rest = _rest_of_row(table, kept, opening, start=1 if table[0].hint == GRID_HEAD else 0)
    last = table[-1].cell[0]
    offset = last + 1 - opening - (1 if rest else 0)
    for line in kept:
        line.cell = (line.cell[0] + offset, line.cell[1])
        line.hint = GRID_CELL
    if rest:
        _move_into_row(state, table, rest)
    return kept


def _rest_of_row(table: list[Line], part: list[Line], opening: int, start: int) -> list[Line]:
    """The lines of the part's first row where it is the rest of the table's last row, which the
    page break cut (Writer and Word print a row's overflow on the next page, under the repeated
    header row): it leaves empty a column every other row of the table fills (the cells whose
    text ended on the page before), and holds text only in columns the last row has text in. No
    cell of either spans rows or columns, nor does one from above reach into the last row (a cell
    merged over rows on both pages leaves the row under it empty too). None where it is a row of its own."""
    first = [line for line in part if line.cell[0] == opening]
    last_row = table[-1].cell[0]
    last = [line for line in table if line.cell is not None and line.cell[0] == last_row]
    others = [(0, line) for line in table if line.cell is not None and start <= line.cell[0] < last_row] + \
             [(1, line) for line in part if line.cell[0] > opening]
    if not first or any(line.span for line in first + last) or _spans_into(table, last_row):
        return []
    columns = {line.cell[1] for line in first}
    if not columns <= {line.cell[1] for line in last}:
        return []
    filled: dict[int, set[tuple[int, int]]] = {}
    for which, line in others:
        filled.setdefault(line.cell[1], set()).add((which, line.cell[0]))
    rows = len({(which, line.cell[0]) for which, line in others})
    always = {column for column, held in filled.items() if len(held) == rows}
    return first if rows >= MIN_OTHER_ROWS and always - columns else []


def _spans_into(table: list[Line], row: int) -> bool:
    """A cell merged over rows above reaches down into `row`."""
    return any(line.span and line.cell[0] < row < line.cell[0] + line.span[0] for line in table if line.cell is not None)


def _move_into_row(state: RepairState, table: list[Line], rest: list[Line]) -> None:
    """Each line of a cut row's rest goes after the last line of its cell on the page before: the
    move is recorded (the text leaving its line, arriving after that cell's last line)."""
    row = table[-1].cell[0]
    ends = {line.cell[1]: line for line in table if line.cell is not None and line.cell[0] == row}
    moving = {id(line) for line in rest}
    after: dict[int, list[Line]] = {}
    for line in rest:
        target = ends[line.cell[1]]
        after.setdefault(id(target), []).append(line)
        state.record("continued-tables", line.no, line.text.strip(), "")
        state.record("continued-tables", target.no, "", line.text.strip())
    lines: list[Line] = []
    for line in state.lines:
        if id(line) not in moving:
            lines.append(line)
            lines += after.get(id(line), [])
    state.set_lines(lines)
