"""The units evidence is about: physical lines of the decoded text, and paragraphs in the
making with the provenance of every piece."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

Edit = tuple[int, int, str]
"""Replace text[start:end] with the string."""


@dataclass(frozen=True, slots=True)
class Box:
    """Where and how a line of a PDF is printed: its page, its box in PDF points (origin at the page's
    bottom left: `y0` below, `y1` above), the size of its type, its weight (400 regular, as the font
    says: fonts disagree, so only a difference from the body text means something) and font."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    weight: int = 400
    font: str = ""
    baseline: float = 0.0


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruled line printed on a PDF page, in points: horizontal (`y0 == y1`) or vertical (`x0 == x1`).
    Tables are drawn with them; the cells of a ruled table lie between them."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.y1 - self.y0


@dataclass(slots=True)
class Line:
    """One physical line of the decoded raw text; `box` where it came from a PDF."""

    no: int
    text: str
    page: int = 1
    hint: str | None = None
    form_feed: bool = False
    box: Box | None = None
    cell: tuple[int, int] | None = None
    """(row, column) of the PDF table cell the line is printed in, counted from 0, set by `tables`."""
    span: tuple[int, int] | None = None
    """(rows, columns) that cell spans, where it is merged over more than one."""


@dataclass(slots=True)
class Para:
    """A paragraph in the making: its text and where each piece of it came from."""

    text: str
    starts: list[tuple[int, int]]
    page_starts: list[tuple[int, int]]
    hint: str | None = None
    rule: str = "first-line"
    """The boundary rule that started this paragraph (see `tasks.repairs.lines`)."""
    originals: list[tuple[int, int, str]] = field(default_factory=list)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    """A PDF table's merged cells: (row, column, rows, columns), rows counted in the paragraph's lines."""
    """Marked normalisations: `text[offset:offset + length]` was the string in the source
    (`RepairState.edit_para(..., marked=True)`); the blocks made of the paragraph carry them."""

    @property
    def first_line(self) -> int:
        return self.starts[0][1]

    @property
    def last_line(self) -> int:
        return self.starts[-1][1]

    @property
    def pages(self) -> list[int]:
        return sorted({page for _, page in self.page_starts})

    def line_at(self, offset: int) -> int:
        return self.lines_at([offset])[0]

    def lines_at(self, offsets: list[int]) -> list[int]:
        """The source line of each offset; one index over the paragraph's line starts serves them all."""
        starts = [start for start, _ in self.starts]
        return [self.starts[max(bisect.bisect_right(starts, offset) - 1, 0)][1] for offset in offsets]

    def truncate(self, cut: int) -> str:
        """Keep the text before `cut` and its provenance; return the rest, which the caller places."""
        tail, self.text = self.text[cut:], self.text[:cut]
        self.starts = [(offset, no) for offset, no in self.starts if offset < cut]
        self.page_starts = [(offset, page) for offset, page in self.page_starts if offset < cut]
        return tail

    def apply(self, edits: list[Edit], marked: bool = False) -> None:
        """Apply non-overlapping edits in one pass, shifting the provenance maps and the marked
        normalisations (one a later edit reaches into is no longer what the source printed there,
        and is dropped: the repair record still holds it); `marked` marks these edits too."""
        edits = sorted(edits)
        pieces, position = [], 0
        for start, end, replacement in edits:
            pieces += [self.text[position:start], replacement]
            position = end
        pieces.append(self.text[position:])
        if self.originals:
            self.originals = _shift_spans(self.originals, edits)
        if marked:
            self.originals = sorted(self.originals + _marks(self.text, edits))
        self.text = "".join(pieces)
        self.starts = _shift(self.starts, edits)
        self.page_starts = _shift(self.page_starts, edits)


def _marks(text: str, edits: list[Edit]) -> list[tuple[int, int, str]]:
    """Sorted edits of `text` as marked spans of the text they make: where each replacement lands, and what it replaced.

    >>> _marks("國務院關於通知", [(0, 3, "国务院"), (3, 5, "关于")])
    [(0, 3, '國務院'), (3, 2, '關於')]
    """
    marks, delta = [], 0
    for start, end, replacement in edits:
        marks.append((start + delta, len(replacement), text[start:end]))
        delta += len(replacement) - (end - start)
    return marks


def _shift_spans(spans: list[tuple[int, int, str]], edits: list[Edit]) -> list[tuple[int, int, str]]:
    """Sorted spans after sorted edits, in one pass over both: moved by the edits before them,
    dropped where an edit reaches into them.

    >>> _shift_spans([(0, 2, "a"), (4, 2, "b"), (8, 1, "c")], [(2, 3, ""), (5, 6, "xy")])
    [(0, 2, 'a'), (8, 1, 'c')]
    """
    shifted, delta, index = [], 0, 0
    for offset, length, original in spans:
        while index < len(edits) and edits[index][1] <= offset:
            start, end, replacement = edits[index]
            delta += len(replacement) - (end - start)
            index += 1
        if index == len(edits) or edits[index][0] >= offset + length:
            shifted.append((offset + delta, length, original))
    return shifted


def _shift(marks: list[tuple[int, int]], edits: list[Edit]) -> list[tuple[int, int]]:
    """Offsets after the edits: moved by the edits before them; a mark inside an edit goes to its start.

    >>> _shift([(0, 1), (5, 2), (9, 3)], [(2, 4, ""), (6, 8, "abcd")])
    [(0, 1), (3, 2), (9, 3)]
    """
    shifted, delta, index = [], 0, 0
    for offset, value in marks:
        while index < len(edits) and edits[index][1] <= offset and edits[index][0] < offset:
            start, end, replacement = edits[index]
            delta += len(replacement) - (end - start)
            index += 1
        inside = index < len(edits) and edits[index][0] < offset < edits[index][1]
        shifted.append(((edits[index][0] if inside else offset) + delta, value))
    return shifted
