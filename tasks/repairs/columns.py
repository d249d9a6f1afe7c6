"""Two-column pages laid side by side (pdftotext `-layout`) are read column by column.

The extractor pads each row with spaces so that the right column starts at
about the same character position on every row. A page whose rows mostly
have text on both sides of a wide gap at one position is cut there; the
left column is read first, then the right, each keeping its own indentation. A periodical's running
head over the page (`…公报   ２０２４·３`) is no row of the columns, however wide its gap. A table's rows
(marked by `tables`) are no columns: they stay as they are, and the text around them is read on its own.
"""

from __future__ import annotations

import re
from collections import Counter

from zhengli.tasks.charclass import CJK, CJK_PUNCT
from zhengli.tasks.evidence.tables import TABLE_HINTS, TABLE_STARTS
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import is_periodical_head
from zhengli.tasks.repairs.state import RepairState

_RUN_START = re.compile(r"  (?=\S)")
"""Two spaces before a character: a run of text starts at the end of the match."""
_INNER_GAP = re.compile(r"\S {2,}\S")
"""Text, two spaces or more, text: a page without it has no columns side by side."""
_LONE_SPACE = re.compile(f"(?<=[{CJK}{CJK_PUNCT}]) (?=[{CJK}{CJK_PUNCT}])")
_WINDOW = 3
_SIDE = 6
"""Characters each side must hold for a row to count as two columns (not a spaced-out heading)."""


def split_columns(state: RepairState) -> None:
    if not _INNER_GAP.search("\n".join(line.text for line in state.lines)):
        return
    result: list[Line] = []
    for page in _pages(state.lines):
        gutter = None if page[0].hint in TABLE_HINTS else find_gutter([line.text for line in page])
        result += _read_columns(state, page, gutter) if gutter is not None else page
    state.set_lines(result)


def _pages(lines: list[Line]) -> list[list[Line]]:
    """The lines page by page, a table's rows apart from the text around them."""
    pages: list[list[Line]] = [[]]
    for line in lines:
        table = line.hint in TABLE_HINTS
        if pages[-1] and (line.form_feed or line.hint in TABLE_STARTS or (not table and line.text.strip() and pages[-1][-1].hint in TABLE_HINTS)):
            pages.append([])
        pages[-1].append(line)
    return pages


def find_gutter(rows: list[str]) -> int | None:
    """The character position where a right column starts, if the rows show one: rows of two runs,
    text on both sides of the one gap (a row of three names or cells parted by two spaces each,
    `王明  李华  张强`, is a list's or a table's row, not two columns).

    >>> find_gutter(["左栏第一行文字    右栏第一行文字", "左栏第二行文字    右栏第二行文字", "左栏第三行        右栏第三行文字",
    ...              "左栏第四行文字    右栏第四行文字", "左栏第五行文字    右栏第五行文字"])
    11
    >>> find_gutter(["陈军  刘涛超  胡伟  林杰", "朱涛  周平  刘明明  王杰", "赵明秀  黄超霞  黄丽英", "朱娜  吴勇  何秀英  赵洋平"] * 2) is None
    True
    """
    filled = [row for row in rows if row.strip()]
    starts = [{m.end() for m in _RUN_START.finditer(row) if m.end() >= 10} for row in filled]
    counts = Counter(position for found in starts for position in found)
    if not counts:
        return None
    mode = max(counts, key=lambda p: (counts[p], -p))
    window = range(mode - _WINDOW, mode + _WINDOW + 1)
    both = sum(1 for row, found in zip(filled, starts, strict=True)
               if found & set(window) and min(len(row[:window.start].strip()), len(row[window.start:].strip())) >= _SIDE
               and len(_INNER_GAP.findall(row.strip())) == 1)
    if both < max(4, 0.1 * len(filled)):
        return None
    return min(p for found in starts for p in found if p in window)


def _read_columns(state: RepairState, page: list[Line], gutter: int) -> list[Line]:
    left: list[Line] = []
    right: list[Line] = []
    cuts = [len(line.text) if is_periodical_head(line.text) else _cut(line.text, gutter) for line in page]
    split = [index for index, line in enumerate(page) if cuts[index] < len(line.text)]
    for index, line in enumerate(page):
        cut = cuts[index]
        if cut == len(line.text) and split and split[0] < index < split[-1]:
            cut = _narrow_cut(line.text, gutter)
        head, tail = line.text[:cut].rstrip(), line.text[cut:]
        if head.strip() or not tail.strip():
            left.append(Line(line.no, head, line.page, line.hint))
        if tail.strip():
            state.record("columns", line.no, tail.strip(), "")
            state.record("columns", line.no, "", tail.strip())
            right.append(Line(line.no, tail, line.page, line.hint))
    ordered = left + _flush_left(right)
    if ordered and page and page[0].form_feed:
        ordered[0].form_feed = True
    return ordered


def _flush_left(lines: list[Line]) -> list[Line]:
    """In `pdftotext -layout` the right column's left edge moves from row to row with what the left
    column holds. A line's edge is taken as the lesser indentation of itself and the line below
    (a paragraph's first line is indented against its second) and cut away, so that only the
    indentation of paragraph starts stays."""
    leads = [len(line.text) - len(line.text.lstrip(" ")) for line in lines]
    for index, line in enumerate(lines):
        line.text = line.text[min(leads[index:index + 2]):]
    return lines


def _cut(text: str, gutter: int) -> int:
    """Where the right column begins in this row: the first run starting near the gutter, or nowhere."""
    for match in _RUN_START.finditer(text):
        if match.end() >= gutter - _WINDOW:
            cut = min(gutter, match.end())
            return cut if not text[cut:match.end()].strip() else match.end()
    return len(text)


def _narrow_cut(text: str, gutter: int) -> int:
    """In a row among rows cut into two columns: a single space between Chinese characters a
    little before the gutter (`pdftotext -layout` closes the gap to one space where the left line
    is narrower than its characters count), or nowhere."""
    for match in _LONE_SPACE.finditer(text, max(gutter - 3 * _WINDOW, 0), gutter + _WINDOW):
        if len(text[:match.start()].strip()) >= _SIDE and len(text[match.end():].strip()) >= _SIDE:
            return match.end()
    return len(text)
