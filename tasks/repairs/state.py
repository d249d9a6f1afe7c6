"""The shared state the repair chain works on, and the one way to change it.

Repairs never assign text directly: they propose edits (start, end, replacement), drop
lines or replace the list of lines through the state, which records each change as a
`Repair` with its source line and keeps the offset-to-line map of every paragraph true.
The state also keeps what later steps read: the line model (`line_model`, measured once for
the lines as they stand, measured again only after they change), a PDF's geometry (`geometry`) and the boundary decisions
of `join-lines`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from zhengli.tasks.evidence.cells import Grid
from zhengli.tasks.evidence.geometry import Geometry, measure_geometry
from zhengli.tasks.evidence.layout import LineModel, full_width_of, measure
from zhengli.tasks.evidence.tables import TABLE_HINTS
from zhengli.tasks.evidence.units import Edit, Line, Para, Rule
from zhengli.tasks.model import Flag, PageBreak, Repair

Finder = Callable[[str], Iterable[Edit]]


@dataclass(frozen=True)
class Decision:
    """How `join-lines` decided the boundary before a line: the rule, and whether a paragraph ended."""

    line: int
    rule: str
    ends: bool


@dataclass
class RepairState:
    lines: list[Line]
    paras: list[Para] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    page_breaks: list[PageBreak] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    """The ruled lines drawn on a PDF's pages (a table's rules); none for text input."""
    tables: list[tuple[Line, Grid]] = field(default_factory=list)
    """A PDF's tables as `tables` found them, page by page: each one's first line and its grid."""
    _model: LineModel | None = field(default=None, repr=False)
    _full: float | None = field(default=None, repr=False)
    _geometry: tuple[tuple, Geometry | None] | None = field(default=None, repr=False)

    def line_model(self) -> LineModel:
        """The model of the lines of text: a table's rows are measured by no line width."""
        if self._model is None:
            self._model = measure(self._text_lines())
        return self._model

    def geometry(self) -> Geometry | None:
        """The pages' geometry for the lines as they stand (None for text input), measured again only
        when a line's text, box or table cell changed: four steps read it, and measuring costs more
        than comparing."""
        key = tuple((line.box, line.text, line.cell) for line in self.lines)
        if self._geometry is None or self._geometry[0] != key:
            self._geometry = (key, measure_geometry(self.lines, self.rules))
        return self._geometry[1]

    def full_width(self) -> float:
        """The width of a full line, in em, for the lines as they stand (cheaper than the whole model)."""
        if self._full is None:
            self._full = self._model.typical if self._model is not None else full_width_of(self._text_lines())
        return self._full

    def _text_lines(self) -> list[Line]:
        """The lines but a table's rows; all of them where nothing else is text."""
        text = [line for line in self.lines if line.hint not in TABLE_HINTS]
        return text if any(line.text.strip() for line in text) else self.lines

    def set_lines(self, lines: list[Line]) -> None:
        """Replace the lines (reordered, split): a step that moves text records the move itself."""
        self.lines = lines
        self._changed()

    def _changed(self) -> None:
        self._model = self._full = None

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
        self._changed()

    def edit_paras(self, step: str, finder: Finder, gate: re.Pattern[str] | None = None, tables: bool = True) -> None:
        """Run `finder` on every paragraph (a table's block too, unless `tables` is false), gated as `edit_lines`."""
        paras = self.paras if tables else [para for para in self.paras if para.hint not in TABLE_HINTS]
        for para in _gated(paras, gate):
            self.edit_para(step, para, list(finder(para.text)))

    def edit_para(self, step: str, para: Para, edits: list[Edit], marked: bool = False) -> None:
        """Edit a paragraph and record each edit; `marked`: the edition also marks where the text
        was changed and what the source printed (`Para.originals`), as for the script's conversions."""
        if not edits:
            return
        lines = para.lines_at([start for start, _, _ in edits])
        text = para.text
        self.repairs += [Repair(step, line, text[start:end], replacement) for line, (start, end, replacement) in zip(lines, edits, strict=True)]
        para.apply(edits, marked)

    def drop_line(self, step: str, line: Line) -> None:
        self.record(step, line.no, line.text.strip(), "")
        line.text = ""
        self._changed()


Unit = TypeVar("Unit", Line, Para)


def _gated(units: list[Unit], gate: re.Pattern[str] | None) -> list[Unit]:
    """The units whose text `gate` finds; one search over all of them first, as most texts have none."""
    if gate is None:
        return units
    if not gate.search("\n".join(unit.text for unit in units)):
        return []
    return [unit for unit in units if gate.search(unit.text)]


def _apply(text: str, edits: list[Edit]) -> str:
    """The edits made from the last to the first, each on the text the later ones left, in one
    pass: the text is cut once, not copied whole for every edit (a long line can take thousands).
    `pieces` holds what follows `position`, last piece first; an edit reaching past `position`
    takes characters off the front of it, as when it overlaps an edit made before it."""
    pieces: list[str] = []
    position = len(text)
    for start, end, replacement in sorted(edits, reverse=True):
        if end <= position:
            pieces.append(text[end:position])
        else:
            _drop_front(pieces, end - position)
        pieces.append(replacement)
        position = start
    pieces.append(text[:position])
    return "".join(reversed(pieces))


def _drop_front(pieces: list[str], count: int) -> None:
    """Take `count` characters off the front of the text `pieces` hold, last piece first."""
    while count > 0 and pieces:
        piece = pieces.pop()
        if len(piece) > count:
            pieces.append(piece[count:])
        count -= len(piece)
