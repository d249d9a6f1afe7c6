"""footnotes: a PDF page's footnotes (`tasks/evidence/footnotes.py`) are marked where they are
printed, so that `join-lines` makes each a block of its own and joins no text to it: the note's
first line is `footnote`, its other lines `footnote-line`. Nothing moves: the note stays where
the PDF has it in the text, between the page's last line and the next page's first."""

from __future__ import annotations

from zhengli.tasks.evidence.footnotes import FOOTNOTE, FOOTNOTE_LINE, find_footnotes
from zhengli.tasks.repairs.state import RepairState


def mark_footnotes(state: RepairState) -> None:
    geometry = state.geometry()
    if geometry is None:
        return
    for note in find_footnotes(state.lines, geometry):
        for position, index in enumerate(note):
            state.lines[index].hint = FOOTNOTE if position == 0 else FOOTNOTE_LINE
