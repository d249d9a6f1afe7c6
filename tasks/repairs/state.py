"""The shared state the repair chain works on, and the one way to change it.

Repairs never assign text directly: they propose edits (start, end,
replacement) and the state applies them, records each as a `Repair` with
its source line, and keeps the offset-to-line map of every paragraph true.
That is what makes the repair record complete by construction.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tasks.model import Flag, PageBreak, Repair

Edit = tuple[int, int, str]
"""Replace text[start:end] with the string."""

Finder = Callable[[str], Iterable[Edit]]


@dataclass
class Line:
    """One physical line of the decoded raw text."""

    no: int
    text: str
    page: int = 1
    hint: str | None = None
    form_feed: bool = False


@dataclass
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
        index = bisect.bisect_right([start for start, _ in self.starts], offset) - 1
        return self.starts[max(index, 0)][1]

    def apply(self, edits: list[Edit]) -> None:
        """Apply non-overlapping edits, shifting the provenance maps."""
        for start, end, replacement in sorted(edits, reverse=True):
            self.text = self.text[:start] + replacement + self.text[end:]
            delta = len(replacement) - (end - start)
            self.starts = _shift(self.starts, start, end, delta)
            self.page_starts = _shift(self.page_starts, start, end, delta)


def _shift(marks: list[tuple[int, int]], start: int, end: int, delta: int) -> list[tuple[int, int]]:
    shifted = []
    for offset, value in marks:
        if offset >= end and offset > start:
            offset += delta
        elif offset > start:
            offset = start
        shifted.append((offset, value))
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

    def edit_lines(self, step: str, finder: Finder) -> None:
        for line in self.lines:
            self.edit_line(step, line, list(finder(line.text)))

    def edit_line(self, step: str, line: Line, edits: list[Edit]) -> None:
        for start, end, replacement in edits:
            self.record(step, line.no, line.text[start:end], replacement)
        line.text = _apply(line.text, edits)

    def edit_paras(self, step: str, finder: Finder) -> None:
        for para in self.paras:
            self.edit_para(step, para, list(finder(para.text)))

    def edit_para(self, step: str, para: Para, edits: list[Edit]) -> None:
        if not edits:
            return
        for start, end, replacement in edits:
            self.record(step, para.line_at(start), para.text[start:end], replacement)
        para.apply(edits)

    def drop_line(self, step: str, line: Line) -> None:
        self.record(step, line.no, line.text.strip(), "")
        line.text = ""


def _apply(text: str, edits: list[Edit]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
