"""tables: the lines of a table are marked before any step reads them, so that none cuts them
into columns, joins them as sentences, reorders or respaces them: `join-lines` keeps them as one
block, row by row. A PDF's tables are found by their rules and the alignment of their cells on
the page (`tasks/evidence/cells.py`), each line given the cell it lies in; tables printed as text
(`序号  单位名称  金额`) by the alignment of their cells in the text (`tasks/evidence/tables.py`)."""

from __future__ import annotations

from zhengli.tasks.evidence.cells import find_grids
from zhengli.tasks.evidence.tables import GRID_CELL, GRID_HEAD, GRID_START, TABLE_ROW, TABLE_START, find_tables
from zhengli.tasks.repairs.state import RepairState

_IN_GRID = "表"
"""What a line of a PDF table reads as to the search for tables printed as text: a line of text, which ends a table."""


def mark_tables(state: RepairState) -> None:
    _mark_grids(state)
    texts = [line.text if line.cell is None else _IN_GRID for line in state.lines]
    for run in find_tables(texts):
        rows = [state.lines[index] for index in run if state.lines[index].text.strip()]
        for position, line in enumerate(rows):
            line.hint = TABLE_START if position == 0 else TABLE_ROW


def _mark_grids(state: RepairState) -> None:
    geometry = state.geometry()
    if geometry is None:
        return
    for grid in find_grids(state.lines, state.rules, geometry.size):
        first = min(grid.cells)
        for index, cell in grid.cells.items():
            line = state.lines[index]
            line.cell = cell
            line.hint = (GRID_HEAD if grid.header else GRID_START) if index == first else GRID_CELL
