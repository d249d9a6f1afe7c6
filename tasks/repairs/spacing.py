"""Spaces the extractor invented: `10 月 27 日` -> `10月27日`, `总    纲` -> `总纲`.

Chinese text has no spaces between characters, digits and Chinese
punctuation, so a space there is an artifact. Spaces that carry meaning stay:
between Latin words, inside numbers (`1 000`), and the single space that
separates two clauses of a headline or a title in 《》.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhengli.tasks.charclass import CJK, CJK_PUNCT, CLOSERS
from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.tables import GRID_STARTS
from zhengli.tasks.evidence.wording import headline_like
from zhengli.tasks.repairs.state import Edit, RepairState

_SPACES = re.compile("[ \u3000\u00a0]+")
_WIDE = re.compile(f"[{CJK}{CJK_PUNCT}]")
_LETTER = re.compile(f"[{CJK}]")
_RUN = re.compile(f"[{CJK}]+")
_CLOSERS = set(CLOSERS)
_CELL = re.compile("[^\t\n]+")


def find_spurious_spaces(text: str) -> Iterator[Edit]:
    """
    >>> t = "中共中央政治局 10月 27 日，《突出问题 为辽宁振兴》总    纲"
    >>> [(t[a:b], r) for a, b, r in find_spurious_spaces(t)]
    [(' ', ''), (' ', ''), (' ', ''), ('    ', '')]
    >>> [r for _, _, r in find_spurious_spaces("扭住科技创新“牛鼻子” 提升产业体系现代化水平")]
    []

    The space that parts a label from its text stays, however short the word after it:
    >>> [r for _, _, r in find_spurious_spaces("第四条 市、区人民政府")]
    []
    """
    headline = headline_like(text)
    label = find_label(text)
    label_end = len(label.text) if label else -1
    for match in _SPACES.finditer(text):
        start, end = match.span()
        if start == 0 or end == len(text):
            continue
        before, after = text[start - 1], text[end]
        if not (_WIDE.match(before) or _WIDE.match(after)):
            continue
        separates = (_LETTER.match(before) or (headline and before in _CLOSERS)) and _LETTER.match(after)
        if separates and (start == label_end or _run_length(text, start - 1) != 1 and _run_length(text, end) > 1):
            if match.group() != " ":
                yield start, end, " "
            continue
        yield start, end, ""


def _run_length(text: str, index: int) -> int:
    """Length of the run of CJK letters around `index`."""
    left = index
    while left > 0 and _LETTER.match(text[left - 1]):
        left -= 1
    match = _RUN.match(text, left)
    return len(match.group()) if match else 0


def remove_spurious_spaces(state: RepairState) -> None:
    """A table printed as text keeps the spaces that part and align its cells; a PDF table's
    cells are parted by its rules (`grid-…`), so the text of each cell is spaced as running text."""
    state.edit_paras("spacing", find_spurious_spaces, gate=_SPACES, tables=False)
    grids = [para for para in state.paras if para.hint in GRID_STARTS and _SPACES.search(para.text)]
    for para in grids:
        state.edit_para("spacing", para, list(_cell_spaces(para.text)))


def _cell_spaces(text: str) -> Iterator[Edit]:
    r"""The spurious spaces of each cell of a PDF table's text (cells parted by tabs, rows by line breaks).

    >>> t = "序号\t完成时限\n1\t2025 年 2 月底前"
    >>> [(t[a:b], r) for a, b, r in _cell_spaces(t)]
    [(' ', ''), (' ', ''), (' ', '')]
    """
    for cell in _CELL.finditer(text):
        yield from ((cell.start() + start, cell.start() + end, replacement) for start, end, replacement in find_spurious_spaces(cell.group()))
