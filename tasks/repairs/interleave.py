"""Interleaved columns: the text blocks of a two-column page read across the columns.

pdftotext's default mode and pdfminer.six read a two-column page (a gazette's) block by block,
in an order of their own: a block of the left column, then one of the right, and so on; the
lines inside a block keep their order. What is lost is which column each block belongs to.

A narrow column of justified text tells. Every line of a paragraph but its last fills the
measure, its first is narrower by the indent (which extraction drops), and its last stops short
after the sentence's end; so a full line that stops inside a sentence goes on in a line that
opens no paragraph, and a short finished line is followed by one that does. Article, chapter and
item numbers run 1, 2, 3 and restart at 1. The blocks of a page are split into two sequences,
each in the order given, the first read before the second, such that every line goes on in the
line after it and every number follows the one before. The split is kept only where the order given
puts a number out of sequence and it is the one split that reads true: where two or more read true (a finished
paragraph could stand in either column, lines of running text could swap columns where both
columns are inside a paragraph), nothing moves and the document is flagged for review, as it is
where none does. Where no number is out of sequence, only where lines end and open says the page
breaks, and it is flagged only where its paragraphs open with the lost indent of a justified
column: one column wrapped as narrow whose paragraphs open unindented at full width, blank lines
between, breaks so at every paragraph (a short finished line, then a full one), which is its own
form. Text whose measure is that of a page, not of a column, is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from zhengli.tasks.charclass import NO_LINE_START, display_width, ends_sentence
from zhengli.tasks.evidence.numbering import find_label, is_heading_scheme, listed_label
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.repairs.boxes import by_page, holds_table, in_sequence, record_moves, runs_of
from zhengli.tasks.repairs.state import RepairState

WIDEST_COLUMN = 23
"""The widest measure, in em, of a column of a two-column page: half an A4 or B5 type area at body
size holds 20 to 22 characters (a gazette's column); a one-column page holds 24 and more (28 in an
official document, GB/T 9704), and its paragraphs may open unindented at full width."""
NARROWEST_COLUMN = 10
"""The narrowest measure, in em, of a column of running text (a newspaper's holds 12 or more): lines
narrower throughout are a list, verse or fragments, whose ends say nothing of where they go on."""
_FEWEST_BLOCKS = 4
"""Runs of lines between blank lines a page needs: extractors that interleave columns part their
blocks with blank lines, and text without them (pdftotext `-raw`, pypdf) is read in one order."""
_MOST_SPLITS = 200
"""Splits that read true so far, at any block; past this the page is too uncertain to move (and the
search would cost time)."""
_FAULTS = 2
"""Breaks in the order given (a block after a blank line that cannot follow the one before, a number
out of sequence) from which a page reads as interleaved; one alone is as likely a slip of the text."""

Numbering = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Block:
    """Lines of one column in order: how the first line opens, how the last ends, the numbers held.

    `opens`: `start` (a label, or a line narrower by an indent that goes on), `middle` (a full
    line, or one opening with a comma), or `either`; `ends`: `open` (a full line stopping inside a
    sentence, an article's label alone), `closed` (a short finished line, a heading), or `either`."""

    lines: list[Line]
    opens: str
    ends: str
    labels: Numbering
    after_blank: bool
    """The block opens a run of lines (after a blank line), not a part of one the classes cut."""

    def goes_on_in(self, below: Block) -> bool:
        return _goes_on(self.ends, below.opens)

    @property
    def indented(self) -> bool:
        """Opens a paragraph by a first line narrower by the indent an extractor drops, not by a label:
        what justified columns show and text whose paragraphs open at full width never does."""
        first = next(line.text.strip() for line in self.lines if line.text.strip())
        label = find_label(first)
        return self.opens == "start" and (label is None or label.n is None)


def _goes_on(ends: str, opens: str) -> bool:
    """Can a line that ends so be followed by one that opens so? Not a paragraph's start after a line
    cut inside its sentence, nor a paragraph's middle after a finished short line."""
    return not ((ends == "open" and opens == "start") or (ends == "closed" and opens == "middle"))


def restore_interleaved_columns(state: RepairState) -> None:
    """Guesses from text alone; a PDF's lines are in the page's order already (`page-order`)."""
    if any(line.box is not None for line in state.lines):
        return
    full = state.full_width()
    if not NARROWEST_COLUMN <= full <= WIDEST_COLUMN:
        return
    numbering: dict[str, int] = {}
    previous: Block | None = None
    ordered: list[Line] = []
    doubtful: list[int] = []
    for page in by_page(state.lines):
        lead, runs = runs_of(page)
        blocks = [block for run in runs for block in _blocks(run, full)]
        moved = [False] * len(blocks)
        if len(runs) >= _FEWEST_BLOCKS and not holds_table(runs) and _faults(blocks, numbering, previous) >= _FAULTS:
            if _out_of_sequence(blocks, numbering):
                found = _only_split(blocks, numbering, previous)
                if found is None:
                    doubtful.append(page[0].page)
                else:
                    moved = found
            elif _indent_after_cut(blocks, previous, full):
                doubtful.append(page[0].page)
        order = [i for i, later in enumerate(moved) if not later] + [i for i, later in enumerate(moved) if later]
        if any(moved):
            record_moves(state, "interleaved-columns", [_content(block) for block in blocks], order, moved)
        ordered += lead + [line for index in order for line in blocks[index].lines]
        for index in order:
            _advance(numbering, blocks[index].labels)
        previous = blocks[order[-1]] if order else previous
    if any(r.step == "interleaved-columns" for r in state.repairs):
        state.set_lines(ordered)
    if doubtful:
        first = next(line for line in state.lines if line.page == doubtful[0] and line.text.strip())
        pages = ("page " if len(doubtful) == 1 else "pages ") + ", ".join(str(page) for page in doubtful)
        state.flag("interleaved-columns", first.no,
                   f"{pages}: the text reads as two columns interleaved block by block (numbers or sentences break where "
                   "a block of one column follows one of the other), and no single split of the blocks into two columns "
                   "reads true, so they were not put back in column order; pdftotext -raw, or zhengli given the PDF "
                   "itself, reads the columns in order")


def _indent_after_cut(blocks: list[Block], previous: Block | None, full: float) -> bool:
    """Does a block open with the indent a justified column loses right after a block left inside
    its sentence? A paragraph's first line cannot go on a sentence left open: that break is the mark
    of two columns read across, where the line left open fills the measure (a line cut at the
    column's edge), or where, the page opening no paragraph at full width after a finished one (the
    columns read line by line, in step), an indent follows an indent. Text whose paragraphs open at
    full width breaks the other way at every paragraph (a finished short line, then a full one), and
    its lines an indent narrower are short paragraphs of their own (a slogan, a heading), one after
    another as may be."""
    pairs = [(above, block) for above, block in zip([previous, *blocks], blocks, strict=False) if block.after_blank and above is not None]
    cut = [above for above, block in pairs if above.ends == "open" and block.indented]
    opens_full = any(above.ends != "open" and block.opens == "middle" for above, block in pairs)
    return any(_full(_content(above)[-1].text.strip(), full) for above in cut) or (bool(cut) and not opens_full)


def _full(text: str, full: float) -> bool:
    """Does the line fill the measure (a justified line's width, Latin and digits counted at half)?"""
    width = display_width(text)
    return width == full if width == len(text) else full - 1 <= width <= full + 0.5


def _content(block: Block) -> list[Line]:
    return [line for line in block.lines if line.text.strip()]


def _kinds(text: str, full: float) -> tuple[str, str]:
    """How a line opens and ends, from its label, its punctuation and its width against the measure."""
    width = display_width(text)
    exact = width == len(text)  # full-width characters only: a full line is the measure exactly
    whole = _full(text, full)
    indented = width == full - 2 if exact else full - 3 < width <= full - 2
    label = find_label(text)
    finished = ends_sentence(text)
    if label is not None and label.n is not None:
        opens = "start"
    elif text[0] in NO_LINE_START or whole:
        opens = "middle"
    elif indented and not finished:
        opens = "start"
    else:
        opens = "either"
    if label is not None and label.text == text:
        ends = "closed" if is_heading_scheme(label.scheme) else "open"
    elif (whole or indented) and not finished:
        ends = "open"
    elif finished and width < full - 2:
        ends = "closed"
    elif label is not None and is_heading_scheme(label.scheme) and width < full - 2 and not any(mark in text for mark in "，、；"):
        ends = "closed"
    else:
        ends = "either"
    return opens, ends


def _blocks(run: list[Line], full: float) -> list[Block]:
    """A run of lines as blocks: cut where a line cannot go on in the next (an extractor can set a
    line of the other column under a block's last line without a blank line between)."""
    blocks: list[Block] = []
    part: list[Line] = []
    kinds: list[tuple[str, str]] = []
    for line in run:
        text = line.text.strip()
        if not text:
            part.append(line)
            continue
        here = _kinds(text, full)
        if kinds and not _goes_on(kinds[-1][1], here[0]):
            blocks.append(_block(part, kinds, not blocks))
            part, kinds = [], []
        part.append(line)
        kinds.append(here)
    if kinds:
        blocks.append(_block(part, kinds, not blocks))
    elif blocks:
        blocks[-1].lines.extend(part)
    return blocks


def _block(lines: list[Line], kinds: list[tuple[str, str]], after_blank: bool) -> Block:
    texts = [line.text.strip() for line in lines if line.text.strip()]
    labels = []
    for index, text in enumerate(texts):
        label = find_label(text) or listed_label(text)
        if label is not None and label.n is not None and (index == 0 or kinds[index - 1][1] != "open"):
            labels.append((label.scheme, label.n))
    return Block(lines, kinds[0][0], kinds[-1][1], tuple(labels), after_blank)


def _advance(numbering: dict[str, int], labels: Numbering) -> int:
    """Labels that neither follow the last of their scheme nor restart it; `numbering` is advanced."""
    breaks = 0
    for scheme, n in labels:
        breaks += not in_sequence(n, numbering.get(scheme, 0))
        numbering[scheme] = n
    return breaks


def _out_of_sequence(blocks: list[Block], numbering: dict[str, int]) -> int:
    """Numbers the order given puts out of sequence: a move needs one at least, for where lines
    stop and open alone (short fragments, lists) may read true in more orders than the text's."""
    counted = dict(numbering)
    return sum(_advance(counted, block.labels) for block in blocks)


def _faults(blocks: list[Block], numbering: dict[str, int], previous: Block | None) -> int:
    """How often the page breaks in the order given: a block after a blank line that cannot follow the
    one above, a number out of sequence."""
    counted = dict(numbering)
    faults = 0
    for above, block in zip([previous, *blocks], blocks, strict=False):
        faults += (block.after_blank and above is not None and not above.goes_on_in(block)) + _advance(counted, block.labels)
    return faults


@dataclass(frozen=True)
class _Split:
    """The first blocks of a page split into two sequences that read true so far."""

    second: tuple[bool, ...]
    first_last: int | None
    second_first: int | None
    second_last: int | None
    first_numbering: Numbering
    second_numbering: Numbering
    second_opening: Numbering
    """The first number of each scheme in the second sequence, checked once the first is known."""
    histories: int = 1
    """How many splits of the blocks so far leave this same state (counted up to two)."""

    def key(self) -> tuple:
        return (self.first_last, self.second_first, self.second_last, self.first_numbering, self.second_numbering, self.second_opening)


def _only_split(blocks: list[Block], numbering: dict[str, int], previous: Block | None) -> list[bool] | None:
    """Which blocks the one split of the page into two sequences that reads true puts in the second,
    or None where none or more than one reads true (or too many splits read true so far to tell)."""
    splits = [_Split((), None, None, None, tuple(sorted(numbering.items())), (), ())]
    for index in range(len(blocks)):
        merged: dict[tuple, _Split] = {}
        for split in splits:
            # the page's first block opens its first column: every extractor starts at the top left
            for grown in (_then_first(split, blocks, index, previous), _then_second(split, blocks, index) if index else None):
                if grown is None:
                    continue
                known = merged.get(grown.key())
                merged[grown.key()] = grown if known is None else replace(known, histories=min(2, known.histories + grown.histories))
        if len(merged) > _MOST_SPLITS:
            return None
        splits = list(merged.values())
    finished = [split for split in splits if _finishes(split, blocks)]
    if len(finished) != 1 or finished[0].histories != 1:
        return None
    return list(finished[0].second)


def _then_first(split: _Split, blocks: list[Block], index: int, previous: Block | None) -> _Split | None:
    above = blocks[split.first_last] if split.first_last is not None else previous
    counted = dict(split.first_numbering)
    if (above is not None and not above.goes_on_in(blocks[index])) or _advance(counted, blocks[index].labels):
        return None
    return _Split((*split.second, False), index, split.second_first, split.second_last, tuple(sorted(counted.items())),
                  split.second_numbering, split.second_opening, split.histories)


def _then_second(split: _Split, blocks: list[Block], index: int) -> _Split | None:
    block = blocks[index]
    if split.second_last is not None and not blocks[split.second_last].goes_on_in(block):
        return None
    counted, opening = dict(split.second_numbering), dict(split.second_opening)
    for scheme, n in block.labels:
        if scheme in counted and not in_sequence(n, counted[scheme]):
            return None
        opening.setdefault(scheme, n)
        counted[scheme] = n
    first = split.second_first if split.second_first is not None else index
    return _Split((*split.second, True), split.first_last, first, index, split.first_numbering,
                  tuple(sorted(counted.items())), tuple(sorted(opening.items())), split.histories)


def _finishes(split: _Split, blocks: list[Block]) -> bool:
    """Does the split read true once the second sequence follows the first, and is it a split that
    moves text (its second sequence opens before the first one ends)?"""
    if split.second_first is None or split.first_last is None or split.second_first > split.first_last:
        return False
    counted = dict(split.first_numbering)
    if any(not in_sequence(n, counted.get(scheme, 0)) for scheme, n in split.second_opening):
        return False
    return blocks[split.first_last].goes_on_in(blocks[split.second_first])
