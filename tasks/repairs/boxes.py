"""Box order: text boxes an extractor read out of column order.

pdfminer.six groups a page's lines into text boxes (runs of lines between blank
lines) and orders them by height and column together. On a two-column page the
second column, or its end, can come out before the first, or the two columns
can come out interleaved box by box. Each column's boxes keep their own order:
what is lost is which column a box belongs to.

The numbering tells. Article, chapter and item numbers run 1, 2, 3 and restart
at 1; a salutation (`各位代表：`) opens the body, under no body text; a sentence
cut at the end of a box goes on in a box that does not open with a label, and
a colon's list opens with its first item. On a page whose numbering breaks,
the boxes are split into two sequences, each in the order given, the first read
before the second. The split chosen leaves the fewest breaks, then the fewest
wrong labels after a cut sentence or a colon, then moves the fewest boxes; it
is kept only when it mends the page (one break at most left, as a number the
document itself skips). Pages that read true, text without boxes, and boxes
scrambled inside are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from zhengli.tasks.charclass import HAS_SENTENCE_END, display_width, ends_sentence
from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.numbering import scheme as scheme_of
from zhengli.tasks.evidence.tables import TABLE_HINTS
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import addresses_readers
from zhengli.tasks.model import Label
from zhengli.tasks.repairs.state import RepairState

_MOST_BOXES = 60
"""A page with more boxes than this is not a page of text boxes; the search would only cost time."""
_BEAM = 400
"""Partial splits kept at each box; the search stays well under a second for a page of 60 boxes."""
_BREAKS_LEFT = 1
"""A split is kept when it leaves at most this many breaks (a number the document itself skips);
boxes shuffled worse than two columns can be are left as they came."""
_MULTI_LINE_SHARE = 0.3
"""Below this share of boxes holding two lines or more, blank lines separate lines, not boxes."""

_SALUTATION = re.compile("^(?:各|同志们|女士们|朋友们)")
"""How the readers a body opens with are addressed: `各位代表：`, `各区人民政府：`, `同志们：`."""
_EDITORS_NOTE = re.compile(r"[【\[（(]?编者(?:按|的话)")
"""An editor's note may stand above a speech's salutation; it is no body text out of place."""
_PARENTHESIS = re.compile(r"^[（(].*[）)]$")
"""A line in brackets, as an adoption note: complete even when it fills the line."""

Numbering = dict[str, int]
Cost = tuple[int, int, int]


@dataclass(frozen=True)
class Box:
    lines: list[Line]
    labels: tuple[tuple[str, int], ...]
    opens_with: Label | None
    ending: str
    """`cut` (a full line inside a sentence), `lead-in` (a colon) or `complete`."""
    salutation: bool
    body: bool

    def goes_on_in(self, below: Box | None) -> bool:
        """Can `below` follow? A cut sentence goes on in text without a label; a lead-in's list opens
        with its first item, not with a chapter, section or article."""
        label = below and below.opens_with
        if label is None:
            return True
        return self.ending == "complete" or (self.ending == "lead-in" and not scheme_of(label.scheme).division and label.n == 1)

    @property
    def content(self) -> list[Line]:
        return [line for line in self.lines if line.text.strip()]


def restore_box_order(state: RepairState) -> None:
    """Guesses from text alone; a PDF's lines are in the page's order already (`page-order`)."""
    if any(line.box is not None for line in state.lines):
        return
    pages = [runs_of(page) for page in by_page(state.lines)]
    boxed = [_laid_in_boxes(runs) and not holds_table(runs) for _, runs in pages]
    if not any(boxed):
        return
    full = state.full_width()
    numbering: Numbering = {}
    ordered: list[Line] = []
    for (lead, runs), searchable in zip(pages, boxed, strict=True):
        boxes = [_box(run, full) for run in runs]
        moved = _best_split(boxes, numbering) if searchable and _worth_searching(boxes, numbering) else [False] * len(boxes)
        order = [i for i, later in enumerate(moved) if not later] + [i for i, later in enumerate(moved) if later]
        record_moves(state, "box-order", [box.content for box in boxes], order, moved)
        ordered += lead + [line for index in order for line in boxes[index].lines]
        _follow(numbering, [boxes[index] for index in order])
    state.set_lines(ordered)


def by_page(lines: list[Line]) -> Iterator[list[Line]]:
    page: list[Line] = []
    for line in lines:
        if page and line.page != page[-1].page:
            yield page
            page = []
        page.append(line)
    if page:
        yield page


def runs_of(page: list[Line]) -> tuple[list[Line], list[list[Line]]]:
    """The blank lines that open the page, and its runs of lines, each with the blank lines after it."""
    lead: list[Line] = []
    runs: list[list[Line]] = []
    for line in page:
        if not runs and not line.text.strip():
            lead.append(line)
        elif line.text.strip() and (not runs or not runs[-1][-1].text.strip()):
            runs.append([line])
        else:
            runs[-1].append(line)
    return lead, runs


def holds_table(runs: list[list[Line]]) -> bool:
    """A page with a table's rows on it keeps its order: a table's cells say nothing of the numbering."""
    return any(line.hint in TABLE_HINTS for run in runs for line in run)


def _laid_in_boxes(runs: list[list[Line]]) -> bool:
    """Runs of lines between blank lines that look like text boxes: a few to a page, many of several lines."""
    if not 3 <= len(runs) <= _MOST_BOXES:
        return False
    several = sum(1 for run in runs if sum(1 for line in run if line.text.strip()) > 1)
    return several >= _MULTI_LINE_SHARE * len(runs)


def _box(lines: list[Line], full: float) -> Box:
    texts = [line.text.strip() for line in lines if line.text.strip()]
    labels = []
    for index, text in enumerate(texts):
        label = find_label(text)
        if label is not None and label.n is not None and (index == 0 or _ends_paragraph(texts[index - 1], full)):
            labels.append((label.scheme, label.n))
    opening = find_label(texts[0])
    salutation = len(texts) == 1 and addresses_readers(texts[0]) and _SALUTATION.match(texts[0]) is not None
    body = any(HAS_SENTENCE_END.search(text) for text in texts) and not _EDITORS_NOTE.match(texts[0])
    return Box(lines, tuple(labels), opening, _ending(texts[-1], full), salutation, body)


def _ending(text: str, full: float) -> str:
    if text.endswith(("：", ":")):
        return "lead-in"
    cut = not ends_sentence(text) and display_width(text) >= full - 2.5 and not _PARENTHESIS.match(text)
    return "cut" if cut else "complete"


def _ends_paragraph(text: str, full: float) -> bool:
    return ends_sentence(text) or display_width(text) < full - 2


def _worth_searching(boxes: list[Box], numbering: Numbering) -> bool:
    if any(_out_of_order_inside(box) for box in boxes):
        return False
    return _cost(boxes, [False] * len(boxes), numbering)[0] > 0


def _out_of_order_inside(box: Box) -> bool:
    """Numbers out of order inside one box: its lines, not its place, are scrambled (pdftotext's
    default mode reads two columns line by line), and no order of boxes mends that."""
    last: Numbering = {}
    for scheme, n in box.labels:
        if scheme in last and not in_sequence(n, last[scheme]):
            return True
        last[scheme] = n
    return False


def in_sequence(n: int, last: int) -> bool:
    """Does number `n` follow `last` (0 before the first) of its scheme, or restart the scheme?"""
    return n == 1 or n == last + 1


def _breaks(numbering: Numbering, box: Box) -> int:
    """Labels of `box` that neither follow the last of their scheme nor restart it at 1; `numbering` is advanced."""
    count = 0
    for scheme, n in box.labels:
        count += not in_sequence(n, numbering.get(scheme, 0))
        numbering[scheme] = n
    return count


def _follow(numbering: Numbering, boxes: list[Box]) -> None:
    for box in boxes:
        _breaks(numbering, box)


def _cost(boxes: list[Box], second: list[bool], numbering: Numbering) -> Cost:
    """(breaks in the numbering or a salutation under body text, cut sentences followed by a
    numbered box, boxes moved) when the boxes flagged `second` are read after the others."""
    split = _Split.start(numbering)
    for box, later in zip(boxes, second, strict=True):
        split = split.then_second(box) if later else split.then_first(box)
    return split.finished()


@dataclass(frozen=True)
class _Split:
    """The first boxes of a page split into the two sequences, with what the rest needs to know."""

    cost: Cost
    second: tuple[bool, ...]
    first_last: Box | None = None
    first_numbering: tuple[tuple[str, int], ...] = ()
    first_body: bool = False
    second_first: Box | None = None
    second_last: Box | None = None
    second_numbering: tuple[tuple[str, int], ...] = ()
    second_opening: tuple[tuple[str, int], ...] = ()
    second_body: bool = False

    @staticmethod
    def start(numbering: Numbering) -> _Split:
        return _Split((0, 0, 0), (), first_numbering=tuple(sorted(numbering.items())))

    def key(self) -> tuple:
        return (
            id(self.first_last),
            self.first_numbering,
            self.first_body,
            id(self.second_first),
            id(self.second_last),
            self.second_numbering,
            self.second_opening,
            self.second_body,
        )

    def then_first(self, box: Box) -> _Split:
        numbering = dict(self.first_numbering)
        breaks, cut, moved = self.cost
        breaks += _breaks(numbering, box) + (box.salutation and self.first_body)
        cut += bool(self.first_last and not self.first_last.goes_on_in(box))
        return replace(
            self,
            cost=(breaks, cut, moved),
            second=(*self.second, False),
            first_last=box,
            first_numbering=tuple(sorted(numbering.items())),
            first_body=self.first_body or box.body,
        )

    def then_second(self, box: Box) -> _Split:
        numbering, opening = dict(self.second_numbering), dict(self.second_opening)
        breaks, cut, moved = self.cost
        for scheme, n in box.labels:
            if scheme in numbering:
                breaks += not in_sequence(n, numbering[scheme])
            else:
                opening[scheme] = n
            numbering[scheme] = n
        breaks += box.salutation and (self.first_body or self.second_body)
        cut += bool(self.second_last and not self.second_last.goes_on_in(box))
        return replace(
            self,
            cost=(breaks, cut, moved + 1),
            second=(*self.second, True),
            second_first=self.second_first or box,
            second_last=box,
            second_numbering=tuple(sorted(numbering.items())),
            second_opening=tuple(sorted(opening.items())),
            second_body=self.second_body or box.body,
        )

    def finished(self) -> Cost:
        """The cost once the second sequence is read after the first."""
        breaks, cut, moved = self.cost
        numbering = dict(self.first_numbering)
        breaks += sum(1 for scheme, n in self.second_opening if not in_sequence(n, numbering.get(scheme, 0)))
        cut += bool(self.first_last and not self.first_last.goes_on_in(self.second_first))
        return breaks, cut, moved


def _best_split(boxes: list[Box], numbering: Numbering) -> list[bool]:
    """A beam search over splits, box by box; splits that leave the same state behind are merged."""
    splits = [_Split.start(numbering)]
    for box in boxes:
        merged: dict[tuple, _Split] = {}
        for split in splits:
            for grown in (split.then_first(box), split.then_second(box)):
                known = merged.get(grown.key())
                if known is None or (grown.cost, grown.second) < (known.cost, known.second):
                    merged[grown.key()] = grown
        splits = sorted(merged.values(), key=lambda split: (split.cost, split.second))[:_BEAM]
    best = min(splits, key=lambda split: (split.finished(), split.second))
    second = list(best.second)
    breaks = _cost(boxes, second, numbering)[0]
    mended = breaks < _cost(boxes, [False] * len(boxes), numbering)[0] and breaks <= _BREAKS_LEFT and not all(second)
    return second if mended else [False] * len(boxes)


def record_moves(state: RepairState, step: str, contents: list[list[Line]], order: list[int], moved: list[bool]) -> None:
    """A block of the second sequence (its lines of text, `contents[index]`) is recorded leaving its
    first line, and arriving before the block it now precedes, or after the last line of the block it
    now follows at the end of the page."""
    for position, index in enumerate(order):
        if not moved[index]:
            continue
        text = "".join(line.text.strip() for line in contents[index])
        state.record(step, contents[index][0].no, text, "")
        if position + 1 < len(order):
            state.record(step, contents[order[position + 1]][0].no, "", text)
        else:
            state.record(step, contents[order[position - 1]][-1].no, "", text)
