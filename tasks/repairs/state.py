"""The shared state the repair chain works on, and the one way to change it.

Repairs never assign text directly: they propose edits (start, end,
replacement) and the state applies them, records each as a `Repair` with
its source line, and keeps the offset-to-line map of every paragraph true.
That is what makes the repair record complete by construction.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from tasks.model import Flag, PageBreak, Repair

Edit = tuple[int, int, str]
"""Replace text[start:end] with the string."""

Finder = Callable[[str], Iterable[Edit]]


@dataclass(slots=True)
class Line:
    """One physical line of the decoded raw text."""

    no: int
    text: str
    page: int = 1
    hint: str | None = None
    form_feed: bool = False


@dataclass(slots=True)
class Para:
    """A paragraph in the making: its text and where each piece of it came from."""

    text: str
    starts: list[tuple[int, int]]
    page_starts: list[tuple[int, int]]
    hint: str | None = None

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

    def apply(self, edits: list[Edit]) -> None:
        """Apply non-overlapping edits in one pass, shifting the provenance maps."""
        edits = sorted(edits)
        pieces, position = [], 0
        for start, end, replacement in edits:
            pieces += [self.text[position:start], replacement]
            position = end
        pieces.append(self.text[position:])
        self.text = "".join(pieces)
        self.starts = _shift(self.starts, edits)
        self.page_starts = _shift(self.page_starts, edits)


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


@dataclass
class RepairState:
    lines: list[Line]
    paras: list[Para] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    page_breaks: list[PageBreak] = field(default_factory=list)

    def record(self, step: str, line: int, before: str, after: str) -> None:
        self.repairs.append(Repair(step, line, before, after))

    def flag(self, kind: str, line: int, message: str) -> None:
        self.flags.append(Flag(kind, line, message))

    def edit_lines(self, step: str, finder: Finder, gate: re.Pattern[str] | None = None) -> None:
        """Run `finder` on every line; `gate`, a pattern every edit needs, skips a text without it in one pass."""
        for line in _gated(self.lines, gate):
            self.edit_line(step, line, list(finder(line.text)))

    def edit_line(self, step: str, line: Line, edits: list[Edit]) -> None:
        if not edits:
            return
        for start, end, replacement in edits:
            self.record(step, line.no, line.text[start:end], replacement)
        line.text = _apply(line.text, edits)

    def edit_paras(self, step: str, finder: Finder, gate: re.Pattern[str] | None = None) -> None:
        """Run `finder` on every paragraph, gated as `edit_lines`."""
        for para in _gated(self.paras, gate):
            self.edit_para(step, para, list(finder(para.text)))

    def edit_para(self, step: str, para: Para, edits: list[Edit]) -> None:
        if not edits:
            return
        lines = para.lines_at([start for start, _, _ in edits])
        text = para.text
        self.repairs += [Repair(step, line, text[start:end], replacement) for line, (start, end, replacement) in zip(lines, edits, strict=True)]
        para.apply(edits)

    def drop_line(self, step: str, line: Line) -> None:
        self.record(step, line.no, line.text.strip(), "")
        line.text = ""


Unit = TypeVar("Unit", Line, Para)


def _gated(units: list[Unit], gate: re.Pattern[str] | None) -> list[Unit]:
    """The units whose text `gate` finds; one search over all of them first, as most texts have none."""
    if gate is None:
        return units
    if not gate.search("\n".join(unit.text for unit in units)):
        return []
    return [unit for unit in units if gate.search(unit.text)]


def _apply(text: str, edits: list[Edit]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
