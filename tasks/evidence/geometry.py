"""Where a PDF's lines are printed: its columns, their edges, the body text's size and line pitch.

Text alone can only guess whether a line is full; the page says so. A column is a run of the
page's width that the lines cover, parted from the next by a gutter that (almost) no line
crosses. Its left edge is where most of its lines start and its right edge where its full lines
end; lines are measured against them in ems of the body text. Measured once per document, from
the lines that carry a box (`tasks.pdf`); a document without boxes has no geometry.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from zhengli.tasks.evidence.cells import ruled_lines
from zhengli.tasks.evidence.units import Box, Line, Rule

GUTTER_SHARE = 0.03
"""A gutter is crossed by at most this share of the page's narrow lines (a page number may sit in it)."""
CROSSING_SHARE = 0.25
"""…and by at most this share of all its lines."""
MIN_GUTTER = 3
"""The narrowest gutter, in points."""
HANGING = 3.0
"""A line of a column may reach this many ems past its right edge (closing marks hang there)."""
LARGER = 1.1
HEAVIER = 100
"""Type this much larger (a share) or heavier (font weight) than the body text is set apart."""
RAGGED_QUANTILE = 0.9
MAX_RAGGED_EM = 3.0
MIN_SAMPLES = 5
T = TypeVar("T")
FEW_LINES = 4
"""A page with fewer lines than this is one column spanning them all."""
NARROW_SHARE = 0.6
"""Lines narrower than this share of the page's text width can be lines of a column."""
CENTRED_EM = 2.0
"""A line whose middle lies this many of its ems from the middle of the page's text is centred on
the page (a headline over both columns), not a line of a column: a running header at one side
widens the text's extent, and a browser centres a headline in its own box, so it can be an em off."""
EDGE_QUANTILE = 0.1
"""A column's left edge: where all but the lowest tenth of its lines start (indents lie right of it)."""
RIGHT_EDGE_SHARE = 0.2
"""Its right edge: where the fifth of its lines that reach furthest end (punctuation may hang past it)."""


@dataclass(frozen=True)
class Column:
    page: int
    left: float
    right: float


@dataclass(frozen=True)
class Geometry:
    """The columns of every page, and the body text's size, line pitch (in points) and font."""

    columns: dict[int, list[Column]]
    size: float
    pitch: float
    font: str
    weight: int = 400
    ragged: float = 0.0
    """How far short of the right edge a line that runs on may stop, in ems: nothing for justified
    text, up to a word for text set ragged right."""

    def column(self, box: Box) -> Column | None:
        """The column the box lies in: the narrowest that holds it (a line over both columns lies in
        the one spanning the page), else the one nearest its middle."""
        columns = self.columns.get(box.page)
        if not columns:
            return None
        holding = [c for c in columns if c.left - self.size <= box.x0 <= c.right - self.size and box.x1 <= c.right + HANGING * self.size]
        if holding:
            return min(holding, key=lambda c: c.right - c.left)
        middle = (box.x0 + box.x1) / 2
        return min(columns, key=lambda c: 0 if c.left <= middle <= c.right else min(abs(middle - c.left), abs(middle - c.right)))

    def indent(self, box: Box) -> float:
        """How far right of its column's left edge the line starts, in ems."""
        column = self.column(box)
        return (box.x0 - column.left) / self.size if column else 0.0

    def shortfall(self, box: Box) -> float:
        """How far left of its column's right edge the line stops, in ems."""
        column = self.column(box)
        return (column.right - box.x1) / self.size if column else 0.0

    def set_apart(self, box: Box) -> bool:
        """Set in larger, heavier or other type than the body text, as headings are."""
        return box.size > LARGER * self.size or box.weight >= self.weight + HEAVIER or box.font != self.font

    def centred(self, box: Box) -> bool:
        """Set in the middle of its column, with room to spare on both sides."""
        column = self.column(box)
        if column is None:
            return False
        before, after = box.x0 - column.left, column.right - box.x1
        return before > self.size and after > self.size and abs(before - after) <= self.size

    def gap(self, above: Box, below: Box) -> float | None:
        """The distance from one baseline to the next, in line pitches, where `below` follows
        `above` down the same column of the same page; None where it does not."""
        if above.page != below.page or self.column(above) != self.column(below) or below.baseline >= above.baseline:
            return None
        return (above.baseline - below.baseline) / self.pitch


def measure_geometry(lines: list[Line], rules: Sequence[Rule] = ()) -> Geometry | None:
    """Measured from the lines of text: a table's cells are no line of a column, and where a
    table fills most of a page they would make its columns the page's and their type the body's.
    The table's lines are those `tables` marked as cells, or before it has, those of the ruled
    tables the `rules` bound."""
    boxed = [line.box for line in lines if line.box is not None and line.text.strip()]
    if not boxed:
        return None
    size = type_size(boxed)
    tabled = {index for index, line in enumerate(lines) if line.cell is not None} or ruled_lines(lines, list(rules), size)
    text = [line for index, line in enumerate(lines) if index not in tabled]
    boxed_text = [line.box for line in text if line.box is not None and line.text.strip()]
    if tabled and boxed_text:
        lines, boxed, size = text, boxed_text, type_size(boxed_text)
    by_page: dict[int, list[Box]] = {}
    for box in boxed:
        by_page.setdefault(box.page, []).append(box)
    columns = {page: _columns(page, boxes) for page, boxes in by_page.items()}
    _widen_short_pages(columns, by_page, size)
    geometry = Geometry(columns, size, _pitch(by_page, size), _body(boxed, lambda box: box.font), _body(boxed, lambda box: box.weight))
    return replace(geometry, ragged=_raggedness(geometry, lines))


def type_size(boxes: list[Box]) -> float:
    """The size (to a half point) most of the lines' text is set in."""
    return max(_body(boxes, lambda box: round(box.size * 2) / 2), 1.0)


def _raggedness(geometry: Geometry, lines: list[Line]) -> float:
    """How short the lines stop that surely run on: cut mid-sentence, with the next line under them
    at the left edge a line pitch below (the share `RAGGED_QUANTILE` of them, at most `MAX_RAGGED_EM`)."""
    boxed = [line for line in lines if line.box is not None and line.text.strip()]
    samples = []
    for above, below in zip(boxed, boxed[1:], strict=False):
        gap = geometry.gap(above.box, below.box)
        last = above.text.rstrip()[-1:]
        short = geometry.shortfall(above.box)
        if gap is not None and abs(gap - 1) < 0.15 and geometry.indent(below.box) < 0.5 and last.isalpha() and short < MAX_RAGGED_EM:
            samples.append(max(short, 0.0))
    if len(samples) < MIN_SAMPLES:
        return 0.0
    samples.sort()
    return samples[int(RAGGED_QUANTILE * (len(samples) - 1))]


def _body(boxes: list[Box], of: Callable[[Box], T]) -> T:
    """What most of the text is set in (each line weighted by its length in points)."""
    weights: Counter[T] = Counter()
    for box in boxes:
        weights[of(box)] += box.x1 - box.x0
    return weights.most_common(1)[0][0]


def _columns(page: int, boxes: list[Box]) -> list[Column]:
    """The page's columns, parted by gutters: strips of the page that (almost) none of its lines
    narrower than half its text and not centred on it (a headline, a page number; `CENTRED_EM`) crosses, and no more than a quarter of all its lines (a headline
    over both columns crosses; in one column most lines do), with lines on either side. Lines
    wider than a column lie in a column spanning the page."""
    lo, hi = int(min(b.x0 for b in boxes)), int(max(b.x1 for b in boxes)) + 1
    middle = (lo + hi) / 2
    narrow = [b for b in boxes if b.x1 - b.x0 < NARROW_SHARE * (hi - lo) and abs((b.x0 + b.x1) / 2 - middle) > CENTRED_EM * b.size]
    cuts = [x for x in _gutters(narrow, lo, hi) if _parts_columns(boxes, x)] if len(boxes) >= FEW_LINES else []
    if not cuts:
        return [_column(page, boxes, lo, hi)]
    edges = [lo, *cuts, hi]
    columns = [_column(page, [b for b in narrow if a <= (b.x0 + b.x1) / 2 <= z], a, z) for a, z in zip(edges, edges[1:], strict=False)]
    return [*columns, Column(page, lo, hi)]


def _gutters(narrow: list[Box], lo: int, hi: int) -> list[float]:
    """The middles of the strips, inside the text, that at most a few of the narrow lines cover; a
    line's last em does not count, as a closing mark may hang into the gutter."""
    cover = [0] * (hi - lo + 2)
    for box in narrow:
        cover[int(box.x0) - lo] += 1
        cover[int(max(box.x1 - box.size, box.x0)) - lo + 1] -= 1
    threshold = max(1, GUTTER_SHARE * len(narrow))
    middles, level, start = [], 0, None
    for x, change in enumerate(cover[:-1]):
        level += change
        if level <= threshold and start is None:
            start = x
        elif level > threshold and start is not None:
            if start > 0 and x - start >= MIN_GUTTER:
                middles.append(lo + (start + x) / 2)
            start = None
    return middles


def _parts_columns(boxes: list[Box], x: float) -> bool:
    crossing = sum(1 for b in boxes if b.x0 < x < b.x1)
    left = sum(1 for b in boxes if b.x1 <= x)
    right = sum(1 for b in boxes if b.x0 >= x)
    return crossing <= CROSSING_SHARE * len(boxes) and left >= FEW_LINES and right >= FEW_LINES


def _column(page: int, boxes: list[Box], start: float, end: float) -> Column:
    if not boxes:
        return Column(page, start, end)
    starts, ends = sorted(b.x0 for b in boxes), sorted(b.x1 for b in boxes)
    return Column(page, starts[int(EDGE_QUANTILE * (len(starts) - 1))], ends[int((1 - RIGHT_EDGE_SHARE) * (len(ends) - 1))])


def _widen_short_pages(columns: dict[int, list[Column]], by_page: dict[int, list[Box]], size: float) -> None:
    """A page of short lines (a table of contents, a last page) has no full line to show its right
    edge: a one-column page narrower than the document's usual column takes that width."""
    single = [cols[0] for page, cols in columns.items() if len(cols) == 1 and len(by_page[page]) >= FEW_LINES]
    if not single:
        return
    width = statistics.median(c.right - c.left for c in single)
    for page, cols in columns.items():
        if len(cols) == 1 and cols[0].right - cols[0].left < width - size:
            columns[page] = [Column(page, cols[0].left, cols[0].left + width)]


def _pitch(by_page: dict[int, list[Box]], size: float) -> float:
    """The usual distance between the baselines of two lines of text in a row: the shortest of the
    common ones (where paragraphs are short and spaced, the spaced steps can be the most common)."""
    steps = [above.baseline - below.baseline for boxes in by_page.values() for above, below in zip(boxes, boxes[1:], strict=False)
             if 0.8 * size < above.baseline - below.baseline < 3 * size and abs(above.size - size) < 0.5 and abs(below.size - size) < 0.5]
    if not steps:
        return 1.5 * size
    counts = Counter(round(step * 2) / 2 for step in steps)
    common = max(counts.values())
    return min(step for step, count in counts.items() if count >= max(MIN_SAMPLES, common / 4) or count == common)
