"""page-order: a PDF page's lines in the order of its columns, where the page shows them.

A producer writes a page's text in any order it likes; most write it as it is read, some column
by column from the right, some line by line across the columns. Where a page has columns of
running text (parted by a gutter, most of their lines reaching the column's right edge: not a
table's short cells) and the producer wrote them out of the columns' order, the page is read in bands: a line spanning the columns (a headline) ends a
band, and inside a band each column is read top to bottom, left column first. Lines that this
order takes elsewhere are recorded as moves (leaving their first line, arriving where they now
stand), as `box-order` records its moves; a page whose columns were written in order is left as
it is, lines across the columns (running heads, page numbers) included.
"""

from __future__ import annotations

import bisect
from itertools import groupby

from zhengli.tasks.evidence.geometry import Column, Geometry
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import page_number
from zhengli.tasks.repairs.state import RepairState

RUNNING_TEXT_SHARE = 0.5
"""A column of running text has at least half its lines reaching its right edge…"""
FULL_EM = 1.5
"""…within this many ems."""
MIN_COLUMN_EM = 10
"""And it is at least this many ems wide (a table's cells are narrower)."""
EDGE_GAP = 1.3
"""Line pitches of space that set a page's top or bottom line apart from its text."""


def restore_page_order(state: RepairState) -> None:
    geometry = state.geometry()
    if geometry is None:
        return
    ordered: list[Line] = []
    changed = False
    for _, group in groupby(_attached(state.lines), key=lambda unit: unit[0].box.page if unit[0].box else 0):
        units = list(group)
        order = _reading_order(units, geometry)
        if order != list(range(len(units))):
            _record_moves(state, units, order)
            changed = True
        ordered += [line for index in order for line in units[index]]
    if changed:
        state.set_lines(ordered)


def _attached(lines: list[Line]) -> list[list[Line]]:
    """Each line with a box, with the lines without one that follow it (blank lines)."""
    units: list[list[Line]] = []
    for line in lines:
        if line.box is None and units:
            units[-1].append(line)
        else:
            units.append([line])
    return units


def _reading_order(units: list[list[Line]], geometry: Geometry) -> list[int]:
    """The indices of the page's lines in reading order, or in their own order where the page
    has no columns of running text."""
    if any(unit[0].box is None for unit in units):
        return list(range(len(units)))
    columns = geometry.columns.get(units[0][0].box.page, [])
    if len(columns) < 3 or not all(_running_text(column, units, geometry) for column in columns[:-1]):
        return list(range(len(units)))
    spanning = columns[-1]
    placed = [(geometry.column(unit[0].box), index) for index, unit in enumerate(units)]
    heads = sorted((-units[i][0].box.baseline, i) for column, i in placed if column == spanning)
    order: list[int] = []
    upper = float("inf")
    for level in [*(-baseline for baseline, _ in heads), float("-inf")]:
        for column in columns[:-1]:
            band = [i for c, i in placed if c == column and level < units[i][0].box.baseline <= upper]
            order += sorted(band, key=lambda i: (-units[i][0].box.baseline, units[i][0].box.x0))
        order += [i for baseline, i in heads if -baseline == level]
        upper = level
    edges = _edge_lines(units, geometry)
    in_columns = [i for i in order if placed[i][0] != spanning and i not in edges]
    if in_columns == sorted(in_columns) or sorted(order) != list(range(len(units))):
        return list(range(len(units)))
    return order


def _edge_lines(units: list[list[Line]], geometry: Geometry) -> set[int]:
    """The page's top and bottom lines where they read as a page number or space parts them from the
    text (a running head): producers often write them last, which is no sign that the columns are
    out of order."""
    by_height = sorted(range(len(units)), key=lambda i: -units[i][0].box.baseline)
    edges = {i for i in (by_height[0], by_height[-1]) if page_number(units[i][0].text)}
    for outer, inner in ((by_height[0], by_height[1]), (by_height[-1], by_height[-2])) if len(units) > 2 else ():
        if abs(units[outer][0].box.baseline - units[inner][0].box.baseline) > EDGE_GAP * geometry.pitch:
            edges.add(outer)
    return edges


def _running_text(column: Column, units: list[list[Line]], geometry: Geometry) -> bool:
    if (column.right - column.left) / geometry.size < MIN_COLUMN_EM:
        return False
    mine = [unit[0].box for unit in units if geometry.column(unit[0].box) == column]
    full = sum(1 for box in mine if geometry.shortfall(box) <= FULL_EM)
    return len(mine) >= 2 and full >= RUNNING_TEXT_SHARE * len(mine)


def _record_moves(state: RepairState, units: list[list[Line]], order: list[int]) -> None:
    """Runs of lines that keep their neighbours move together; the runs outside the longest run of
    runs still in their old order are recorded leaving their first line and arriving before the
    run they now precede (or after the one they now follow, at the end of the page)."""
    runs: list[list[int]] = []
    for index in order:
        if runs and runs[-1][-1] + 1 == index:
            runs[-1].append(index)
        else:
            runs.append([index])
    staying = _longest_increasing([run[0] for run in runs])
    for position, run in enumerate(runs):
        if position in staying:
            continue
        text = "".join(line.text.strip() for index in run for line in units[index])
        state.record("page-order", units[run[0]][0].no, text, "")
        if position + 1 < len(runs):
            state.record("page-order", units[runs[position + 1][0]][0].no, "", text)
        else:
            state.record("page-order", units[runs[position - 1][-1]][-1].no, "", text)


def _longest_increasing(values: list[int]) -> set[int]:
    """The positions of a longest increasing subsequence of distinct values (patience sorting)."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        slot = bisect.bisect_left(tails, value)
        previous[position] = tail_at[slot - 1] if slot else -1
        if slot == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[slot], tail_at[slot] = value, position
    chosen: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        chosen.add(position)
        position = previous[position]
    return chosen
