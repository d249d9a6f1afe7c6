"""late-breaks: line breaks an extractor wrote one glyph late, and the space it put after every glyph.

Where a PDF places every glyph by a transformation matrix of its own and shows it with no text
positioning operator (`q s 0 0 s x y cm BT /F 1 Tf (g) Tj ET Q`, as typesetting systems of the
Founder class write), pypdf compares a glyph's place with the one before only after it has added
the glyph: the break or space that stands before a glyph comes out after it. Its text holds each
line's first glyph at the end of the line above (`…制定本条例。 第` over `二 条 　 本 条 例 …`), and, as
it measures the move in the matrix's units, a space after nearly every glyph. Where lines end one
glyph past a sentence's end far more often than on it, each line's last glyph goes back to the
head of the line below; where most glyphs are followed by a space, the spaces between glyphs go
too (not between two Latin letters, where a word may end). A page
number written right to left comes back whole, as its glyphs hold no space: `—` over `２１０１—`
and the head's first glyph read `—２１０１—` over the head.
"""

from __future__ import annotations

import re

from zhengli.tasks.charclass import CLOSERS, NO_LINE_START
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.repairs.state import RepairState

_LATE = re.compile(f"[。！？；] ?[^\\s{NO_LINE_START}]$")
"""A line that ends one glyph past its sentence's end: the glyph is the next line's first (so one
that can open a line: `。”` closes a quoted sentence on time). Not past a colon: a form's field
holds one glyph after it (`性别：男`)."""
_ON_TIME = re.compile(f"[。！？；：][{CLOSERS}]*\\s*$")
_GLYPH_SPACE = re.compile(r"(?<=[^ ]) (?=[^ ])")
"""A space between two glyphs (an ideographic space, U+3000, is a glyph the PDF shows)."""
_LATIN = re.compile(r"[A-Za-z]")
SPACED_SHARE = 0.5
"""Glyphs followed by a space, at least, where pypdf spaced every glyph the matrix moved right."""
_EVIDENCE = 3
"""Lines ending one glyph late, at least, and twice as many as end on a sentence's end."""


def restore_late_breaks(state: RepairState) -> None:
    if any(line.box is not None for line in state.lines) or not breaks_are_late(state.lines):
        return
    glyphs = sum(len(line.text) - line.text.count(" ") for line in state.lines)
    spaced = sum(line.text.count(" ") for line in state.lines) >= SPACED_SHARE * glyphs
    lines: list[Line] = []
    carried = ""
    for line in state.lines:
        text = carried + line.text
        carried = ""
        if text and text[-1] != " " and line is not state.lines[-1]:
            text, carried = text[:-1], text[-1]
        if spaced:
            text = _GLYPH_SPACE.sub(lambda m: " " if _latin_pair(m.string, m.start()) else "", text)
        if text != line.text:
            state.record("late-breaks", line.no, line.text, text)
        lines.append(Line(line.no, text, line.page, line.hint, line.form_feed))
    state.set_lines(lines)


def breaks_are_late(lines: list[Line]) -> bool:
    """Lines end one glyph past a sentence's end (`。 第`, `。第`) at least three times and twice as
    often as on it (a page's last line ends on its sentence).

    >>> breaks_are_late([Line(n, t) for n, t in enumerate(["第", "一 条 　 本 条 例 。 第", "二 条 　 施 行 。 第", "三 条 　 解 释 。 第", "四 条 。 "])])
    True
    >>> breaks_are_late([Line(n, t) for n, t in enumerate(["第 一 章 总 则", "第一条　本条例。", "第二条　施行。"])])
    False
    """
    late = sum(1 for line in lines if _LATE.search(line.text))
    on_time = sum(1 for line in lines if _ON_TIME.search(line.text))
    return late >= _EVIDENCE and late >= 2 * on_time


def _latin_pair(text: str, index: int) -> bool:
    return _LATIN.match(text[index - 1]) is not None and _LATIN.match(text[index + 1]) is not None
