"""Tables printed in a PDF: their rows and cells, decided from where the text and the rules are.

A PDF's line is parted where characters of one baseline stand more than 1.5 em apart
(`tasks.pdf`), so a table's cells arrive one to a line. Two kinds of evidence put them back
into rows and columns:

- **rules**: horizontal lines of one width stacked down the page (a full grid, or the three
  rules of a 三线表) bound a table; its rows lie between them (where rules part only some rows,
  each baseline that fills two or more columns is a row) and its columns between the vertical
  rules inside it, or where there are none, at the gaps no cell crosses;
- **alignment**: three or more consecutive baselines of two or more fragments each, with gaps
  at the same x that no fragment crosses, short cells and no numbering down the rows.

Strong evidence only: a table is taken only where its lines follow one another in the text,
row by row and cell by cell (the order they were written in is the order they are read), so
making it a table moves no text; anything else stays lines of text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.tables import MIN_ROWS, short_cells
from zhengli.tasks.evidence.units import Box, Line, Rule

SAME_BASELINE_EM = 0.3
"""Fragments whose baselines differ by less than this (in ems) are printed on one baseline."""
COLUMN_GAP_EM = 1.0
"""A strip this wide (in ems) that no fragment of an unruled table crosses parts two columns."""
RULE_ALIGN_EM = 1.0
"""Horizontal rules of one table start and end within this (in ems) of each other."""
ROW_STEP_EM = 3.0
"""Consecutive rows of an unruled table are at most this far apart (in ems, baseline to baseline)."""
BODY_TYPE_SHARE = 0.8
"""A header row is set in other type than the type this share of the other rows' cells is set in."""
_INSIDE = 1.0
"""Points inside a rule: a cell's text starts inside the rules around it."""
_AXIS = 0.5
"""Pieces of rule whose lines lie this close (in points) are on one line."""


@dataclass(frozen=True)
class Grid:
    """A table found on a page: the (row, column) of each of its lines by index in the lines,
    whether its first row is a header row, the x of its columns' left edges and of its right
    edge, and whether rules bound it."""

    cells: dict[int, tuple[int, int]]
    header: bool
    edges: tuple[float, ...] = ()
    ruled: bool = False
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    """The (rows, columns) a cell spans, by the index of its lines, where it spans more than one."""


def find_grids(lines: list[Line], rules: list[Rule], size: float) -> list[Grid]:
    """The tables of the PDF's lines: ruled ones, then aligned ones among the lines left."""
    grids: list[Grid] = []
    for page, indices in _pages(lines).items():
        ruled = _ruled_on(page, indices, lines, rules, size)
        taken = {index for grid in ruled for index in grid.cells}
        aligned = [grid for grid in _aligned([i for i in indices if i not in taken], lines, size) if _in_order(grid, lines)]
        grids += ruled + aligned
    return grids


def ruled_lines(lines: list[Line], rules: list[Rule], size: float) -> set[int]:
    """The indices of the lines the ruled tables hold, as `find_grids` finds them: the page's
    geometry is the text's, and a table's cells are no column of it, nor its type the body's."""
    if not rules:
        return set()
    return {index for page, indices in _pages(lines).items() for grid in _ruled_on(page, indices, lines, rules, size) for index in grid.cells}


def _ruled_on(page: int, indices: list[int], lines: list[Line], rules: list[Rule], size: float) -> list[Grid]:
    """The ruled tables of one page whose lines follow one another in the text."""
    on_page = _joined([rule for rule in rules if rule.page == page])
    return [grid for grid in _ruled(indices, lines, on_page, size) if _in_order(grid, lines)]


def _joined(rules: list[Rule]) -> list[Rule]:
    """Rules drawn in pieces end to end on one line (a grid drawn cell by cell, each cell's borders
    its own) as the one rule they make: a table's rules are read whole."""
    joined: list[Rule] = []
    for horizontal in (True, False):
        pieces = sorted(((r.y0, r.x0, r.x1) if horizontal else (r.x0, r.y0, r.y1), r.page) for r in rules if r.horizontal == horizontal)
        lines: list[list[tuple[tuple[float, float, float], int]]] = []
        for piece in pieces:
            if lines and piece[0][0] - lines[-1][-1][0][0] <= _AXIS:
                lines[-1].append(piece)
            else:
                lines.append([piece])
        for line in lines:
            across, page = line[0][0][0], line[0][1]
            runs: list[list[float]] = []
            for _, start, end in sorted(extent for extent, _ in line):
                if runs and start <= runs[-1][1] + _INSIDE:
                    runs[-1][1] = max(runs[-1][1], end)
                else:
                    runs.append([start, end])
            joined += [Rule(page, start, across, end, across) if horizontal else Rule(page, across, start, across, end) for start, end in runs]
    return joined


def _pages(lines: list[Line]) -> dict[int, list[int]]:
    """The indices of the lines of text with a box, page by page, in the lines' order."""
    pages: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.box is not None and line.text.strip():
            pages.setdefault(line.box.page, []).append(index)
    return pages


def _in_order(grid: Grid, lines: list[Line]) -> bool:
    """The table's lines follow one another in the text (no other text between them) in the
    order of their rows and, inside a row, of their cells: taking them as a table moves nothing."""
    first, last = min(grid.cells), max(grid.cells)
    between = [i for i in range(first, last + 1) if lines[i].text.strip()]
    if any(i not in grid.cells for i in between):
        return False
    order = [grid.cells[i] for i in between]
    return order == sorted(order)


def _ruled(indices: list[int], lines: list[Line], rules: list[Rule], size: float) -> list[Grid]:
    horizontal = sorted((rule for rule in rules if rule.horizontal), key=lambda rule: -rule.y0)
    vertical = [rule for rule in rules if not rule.horizontal]
    grids = []
    for stack in _stacks(horizontal, size):
        grid = _ruled_grid(stack, horizontal, vertical, indices, lines, size)
        if grid is not None:
            grids.append(grid)
    return grids


def _stacks(horizontal: list[Rule], size: float) -> list[list[Rule]]:
    """Horizontal rules (top to bottom) of one width in one place, two or more: the rules of a table
    (a rule drawn twice, as a thin bar's two edges, is one)."""
    stacks: list[list[Rule]] = []
    for rule in horizontal:
        home = next((stack for stack in stacks if abs(stack[-1].x0 - rule.x0) <= RULE_ALIGN_EM * size
                     and abs(stack[-1].x1 - rule.x1) <= RULE_ALIGN_EM * size), None)
        if home is None:
            stacks.append([rule])
        elif home[-1].y0 - rule.y0 > _INSIDE:
            home.append(rule)
    return [stack for stack in stacks if len(stack) >= 2]


def _ruled_grid(stack: list[Rule], horizontal: list[Rule], vertical: list[Rule], indices: list[int], lines: list[Line],
                size: float) -> Grid | None:
    left, right = min(rule.x0 for rule in stack), max(rule.x1 for rule in stack)
    top, bottom = stack[0].y0, stack[-1].y0
    members = [i for i in indices if bottom < _middle_y(lines[i].box) < top and left - _INSIDE <= lines[i].box.x0 and lines[i].box.x1 <= right + _INSIDE]
    if len(members) < 2:
        return None
    inner = _merged(sorted(rule.x0 for rule in vertical if left + _INSIDE < rule.x0 < right - _INSIDE and rule.y0 < top and rule.y1 > bottom))
    if inner:
        return _full_grid(members, lines, [rule for rule in horizontal if bottom - _INSIDE <= rule.y0 <= top + _INSIDE],
                          vertical, [left, *inner, right])
    edges = [start for start, _ in _gap_columns((lines[i].box for i in members), COLUMN_GAP_EM * size)]
    if len(edges) < 2:
        return None
    column = {i: _column_of(lines[i].box, edges) for i in members}
    band = {i: sum(1 for rule in stack if rule.y0 > _middle_y(lines[i].box)) - 1 for i in members}
    rows = _band_rows(members, lines, band, column, size)
    cells = {i: (rows[i], column[i]) for i in members}
    if len({row for row, _ in cells.values()}) < 2 or len({c for _, c in cells.values()}) < 2:
        return None
    header = _header_by_type(cells, lines) or _header_by_rule(cells, band)
    return Grid(cells, header, (*edges, right), ruled=True)


def _full_grid(members: list[int], lines: list[Line], horizontal: list[Rule], vertical: list[Rule], edges: list[float]) -> Grid | None:
    """A grid ruled round every cell (`edges`: its left edge, the x of its vertical rules, its right
    edge): a cell reaches from the rules drawn round its text to the next ones drawn, so a cell
    the producer merged over columns or rows, with no rule through it, spans them; rows are the
    levels of the horizontal rules that have text under them. A horizontal rule counts where it
    reaches across a column at least (not an underline in a cell)."""
    horizontal = [rule for rule in horizontal
                  if any(rule.x0 - _INSIDE <= a and b <= rule.x1 + _INSIDE for a, b in zip(edges, edges[1:], strict=False))]
    levels = list(reversed(_merged(sorted(rule.y0 for rule in horizontal))))
    placed: dict[int, tuple[int, int, int, int]] = {}
    for i in members:
        box = lines[i].box
        y = _middle_y(box)
        crossed = [k for k, x in enumerate(edges) if k in (0, len(edges) - 1) or _vertical_at(vertical, x, y)]
        first = max((k for k in crossed[:-1] if edges[k] <= box.x0 + _INSIDE), default=0)
        last = min(k for k in crossed if k > first)
        x = (edges[first] + edges[first + 1]) / 2
        covering = [k for k, level in enumerate(levels) if _horizontal_at(horizontal, level, x)]
        above = max((k for k in covering if levels[k] > y), default=0)
        below = min((k for k in covering if levels[k] < y), default=len(levels) - 1)
        placed[i] = (above, below, first, last)
    used = sorted({above for above, _, _, _ in placed.values()})
    cells = {i: (used.index(above), first) for i, (above, _, first, _) in placed.items()}
    if len(used) < 2 or len({c for _, c in cells.values()}) < 2:
        return None
    spans = {i: (sum(1 for level in used if above <= level < below), last - first) for i, (above, below, first, last) in placed.items()}
    return Grid(cells, _header_by_type(cells, lines), tuple(edges), ruled=True,
                spans={i: span for i, span in spans.items() if span != (1, 1)})


def _vertical_at(vertical: list[Rule], x: float, y: float) -> bool:
    """A vertical rule is drawn at `x` through the height `y`."""
    return any(abs(rule.x0 - x) <= _INSIDE and rule.y0 < y < rule.y1 for rule in vertical)


def _horizontal_at(horizontal: list[Rule], y: float, x: float) -> bool:
    """A horizontal rule is drawn at the height `y` (to a point) across `x`."""
    return any(abs(rule.y0 - y) <= _INSIDE and rule.x0 - _INSIDE <= x <= rule.x1 + _INSIDE for rule in horizontal)


def _middle_y(box: Box) -> float:
    return (box.y0 + box.y1) / 2


def _merged(xs: list[float]) -> list[float]:
    """Positions closer than a point apart are one (a rule drawn by each of two adjoining cells)."""
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > _INSIDE:
            merged.append(x)
    return merged


def _column_of(box: Box, edges: list[float]) -> int:
    """The column a fragment starts in (a cell merged over several columns starts in its first)."""
    return max(sum(1 for edge in edges if edge <= box.x0 + _INSIDE) - 1, 0)


def _gap_columns(boxes: Iterable[Box], gap: float) -> list[tuple[float, float]]:
    """The x-extents the fragments cover, parted where a strip at least `gap` wide holds none."""
    columns: list[tuple[float, float]] = []
    for x0, x1 in sorted((box.x0, box.x1) for box in boxes):
        if columns and x0 - columns[-1][1] < gap:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _band_rows(members: list[int], lines: list[Line], band: dict[int, int], column: dict[int, int], size: float) -> dict[int, int]:
    """Each line's row where rules part only some rows (a 三线表): a baseline filling two or more
    columns opens a row and a baseline filling one continues the row above it (a cell's text wrapped)."""
    rows: dict[int, int] = {}
    row, last_band = -1, None
    for _, group in sorted(_baselines(members, lines, size).items()):
        opens = band[group[0]] != last_band or len({column[i] for i in group}) >= 2
        row += 1 if opens else 0
        rows.update((i, row) for i in group)
        last_band = band[group[0]]
    return rows


def _baselines(members: list[int], lines: list[Line], size: float) -> dict[int, list[int]]:
    """The members by baseline, top down (keyed by rank), each group in the lines' order."""
    groups: list[tuple[float, list[int]]] = []
    for i in sorted(members, key=lambda i: -lines[i].box.baseline):
        baseline = lines[i].box.baseline
        if groups and groups[-1][0] - baseline < SAME_BASELINE_EM * size:
            groups[-1][1].append(i)
        else:
            groups.append((baseline, [i]))
    return {rank: sorted(group) for rank, (_, group) in enumerate(groups)}


def _header_by_type(cells: dict[int, tuple[int, int]], lines: list[Line]) -> bool:
    """The first row is set in other type (heavier, larger, another font) than the rest of the table."""
    first = [lines[i].box for i, (row, _) in cells.items() if row == 0]
    rest = Counter(_type(lines[i].box) for i, (row, _) in cells.items() if row > 0)
    common, count = rest.most_common(1)[0]
    return count >= BODY_TYPE_SHARE * sum(rest.values()) and all(_type(box) != common for box in first)


def _type(box: Box) -> tuple[str, int, float]:
    return box.font, box.weight, round(box.size * 2) / 2


def _header_by_rule(cells: dict[int, tuple[int, int]], band: dict[int, int]) -> bool:
    """A rule parts the first row from the rest, and not every row from the next (a 三线表's middle rule)."""
    bands_of: dict[int, set[int]] = {}
    for i, (row, _) in cells.items():
        bands_of.setdefault(row, set()).add(band[i])
    rows = sorted(bands_of)
    parted = [bands_of[a] != bands_of[b] for a, b in zip(rows, rows[1:], strict=False)]
    return bool(parted) and parted[0] and not all(parted)


def _aligned(indices: list[int], lines: list[Line], size: float) -> list[Grid]:
    grids = []
    for run in _runs(_baseline_rows(indices, lines, size), lines, size):
        grid = _aligned_grid(run, lines, size)
        if grid is not None:
            grids.append(grid)
    return grids


def _baseline_rows(indices: list[int], lines: list[Line], size: float) -> list[list[int]]:
    """Consecutive lines on one baseline, left to right: the fragments of one printed row."""
    rows: list[list[int]] = []
    for i in indices:
        box = lines[i].box
        if rows and i == rows[-1][-1] + 1 and abs(lines[rows[-1][0]].box.baseline - box.baseline) < SAME_BASELINE_EM * size \
                and box.x0 > lines[rows[-1][-1]].box.x1:
            rows[-1].append(i)
        else:
            rows.append([i])
    return rows


def _runs(rows: list[list[int]], lines: list[Line], size: float) -> list[list[list[int]]]:
    """Runs of at least `MIN_ROWS` consecutive printed rows of two or more fragments, each a little below the last."""
    runs: list[list[list[int]]] = []
    for row in rows:
        previous = runs[-1][-1] if runs and runs[-1] else None
        follows = previous is not None and row[0] == previous[-1] + 1 and \
            0 < lines[previous[0]].box.baseline - lines[row[0]].box.baseline <= ROW_STEP_EM * size
        if len(row) < 2:
            runs.append([])
        elif follows:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [run for run in runs if len(run) >= MIN_ROWS]


def _aligned_grid(run: list[list[int]], lines: list[Line], size: float) -> Grid | None:
    """The run is a table where gaps no fragment crosses part two or more columns, each filled in at
    least half the rows, no row has two fragments in one column, and the cells are a table's."""
    columns = _gap_columns((lines[i].box for row in run for i in row), COLUMN_GAP_EM * size)
    if len(columns) < 2:
        return None
    edges = [start for start, _ in columns]
    cells = {i: (number, _column_of(lines[i].box, edges)) for number, row in enumerate(run) for i in row}
    if any(len({cells[i][1] for i in row}) < len(row) for row in run):
        return None
    filled = Counter(column for _, column in cells.values())
    if any(2 * filled[column] < len(run) for column in range(len(columns))):
        return None
    texts = [[lines[i].text.strip() for i in row] for row in run]
    if not short_cells([text for row in texts for text in row]) or 2 * sum(1 for row in texts if find_label(row[0])) >= len(run):
        return None
    return Grid(cells, _header_by_type(cells, lines), (*edges, columns[-1][1]))
