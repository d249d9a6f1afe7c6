"""Footnotes printed in a PDF: at a page's foot, below all its body text, in smaller type than
the body, each opening with its marker (`①`, `1`, `*`, `[1]`, `注：`).

The marker in the running text stays where it is; the note is a block of its own where it is
printed. Each condition alone is weak (a last line of small type, a line opening with a number)
— together they are a footnote. A page's lines only count where they carry a box: text input has
no footnotes by this evidence.
"""

from __future__ import annotations

import re

from zhengli.tasks.evidence.geometry import Geometry
from zhengli.tasks.evidence.units import Line

SMALLER = 0.9
"""A footnote is set in type at most this share of the body text's size."""
NOTE_STEP_EM = 2.5
"""A footnote's next line lies at most this far (in ems of the note's type) below its last."""
FOOTNOTE_MARK = re.compile(
    r"^(?:[①-⑳]|[⑴-⒇]|[\[［〔]\d{1,3}[\]］〕]|[*＊]{1,3}|注\d{0,2}[：:]|\d{1,3}(?![\d.．、，,)）年月日号条款项%％]))"
)
"""What a footnote opens with: a circled or bracketed number, asterisks, `注：`, or a bare number
that is no date, clause or list label."""
FOOTNOTE = "footnote"
FOOTNOTE_LINE = "footnote-line"
FOOTNOTE_HINTS = frozenset({FOOTNOTE, FOOTNOTE_LINE})
"""The hints of a footnote's first line and of its other lines, from the `footnotes` step on."""


def note_marker(text: str) -> str | None:
    """The footnote's marker as printed, without the colon after `注`.

    >>> note_marker("①本条所称单位，是指机关。"), note_marker("注：单位为万元"), note_marker("2024年起施行")
    ('①', '注', None)
    """
    match = FOOTNOTE_MARK.match(text.strip())
    return match.group().rstrip("：:") if match else None


def find_footnotes(lines: list[Line], geometry: Geometry) -> list[list[int]]:
    """The footnotes of the lines, each the indices of its lines: runs of consecutive lines in
    small type below every line of body-size type on their page, each opening with a marker; a
    small line without one goes on with the note above it, directly under it."""
    lowest: dict[int, float] = {}
    for line in lines:
        if line.box is not None and line.text.strip() and line.hint is None and not _small(line, geometry):
            lowest[line.box.page] = min(lowest.get(line.box.page, float("inf")), line.box.baseline)
    notes: list[list[int]] = []
    last: int | None = None
    for index, line in enumerate(lines):
        if not line.text.strip():
            continue
        box = line.box
        at_foot = box is not None and line.hint is None and _small(line, geometry) and box.baseline < lowest.get(box.page, float("inf"))
        if not at_foot:
            last = None
        elif note_marker(line.text) is not None:
            notes.append([index])
            last = index
        elif last is not None and _directly_under(lines[last], line):
            notes[-1].append(index)
            last = index
        else:
            last = None
    return notes


def _small(line: Line, geometry: Geometry) -> bool:
    return line.box is not None and line.box.size <= SMALLER * geometry.size


def _directly_under(above: Line, below: Line) -> bool:
    a, b = above.box, below.box
    return a.page == b.page and 0 < a.baseline - b.baseline <= NOTE_STEP_EM * a.size
