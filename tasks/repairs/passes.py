"""second-pass: digits and punctuation a producer wrote after a line's other glyphs, put back.

Typesetting systems may set a line's digits and punctuation in a font of their own and write them
in a pass of their own, after the line's other glyphs. An extractor that keeps the order of the
stream (pypdf, `pdftotext -raw`) gives the line with a gap where each went and the marks after it,
on the line (`市绿化的规划 建设 保护和管理活动、 、 。`) or on a line of their own (`、 、 。`); marks
side by side in print stay together (`12%，“`). The marks fill the gaps in order; one more than the
gaps opens the line if it opens a bracket, a quote, a subtitle's dash or a label (`1.`), or is a
number whose unit opens the line (`2024` before `年 月 日`), else closes it; two more do
both. A periodical's head, whose issue stands after an ideographic space, is left alone. Only where
the text shows the class throughout: a quarter of its lines parted so, their marks in groups apart
or punctuation on a line of its own, as many as fit their gaps, hardly a line holding a mark between two characters of its own (as most lines
of running text do otherwise), and spaces no more than the marks could have left (not a text
spaced out glyph by glyph). A line whose marks do not fit its gaps is left as it is.
"""

from __future__ import annotations

import re

from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.units import Edit, Line
from zhengli.tasks.evidence.wording import FOLIO_GLYPHS, NUMBER_UNITS, is_periodical_head, one_glyph_run
from zhengli.tasks.repairs.state import RepairState

MARKS = "0-9０-９%％.．·・,，。、；;：:？?！!（）()《》〈〉“”‘’「」『』【】〔〕—…"
_MARK_RUN = re.compile(f"(?<=[^ {MARKS}])[{MARKS}]+(?: [{MARKS}]+)* ?$")
"""The marks written after a line's other glyphs: groups parted by single spaces, at its end."""
_MARK_LINE = re.compile(f"[{MARKS}]+(?: [{MARKS}]+)* ?")
_INNER_MARK = re.compile(f"[^ {MARKS}][{MARKS}]+[^ {MARKS}]")
"""A mark between two characters of the line's own: what running text holds on nearly every line."""
_PUNCTUATION = re.compile("[^ 0-9０-９%％.．·・]")
"""A mark that is no part of a number."""
_GAP = re.compile(f"(?<=[^ {MARKS}]) (?=[^ {MARKS}])")
_OPENS = (*"（(《〈“‘「『【〔", "——")
"""What opens a line: a bracket, a quote, a subtitle's dash."""
_NUMERAL = re.compile("[一二三四五六七八九十百零〇]+(?= )")
_SPACED_OUT = 0.8
_SPACED_HEAD = 5
"""Gaps between this share of a line's glyphs, at least, and this many glyphs: a letter-spaced head
(a date's `年 月 日` are three words the digits part)."""
MIN_LINES = 5
FITTING_SHARE = 0.25
"""Lines parted so, their marks fitting their gaps, at least: five, and a quarter of the lines."""
GAP_SHARE = 0.2
"""Spaces per glyph, at most: a gap where each mark went (a tenth of running text's characters are
marks), not a space after every glyph, as an extractor gives text spaced out glyph by glyph."""
INNER_SHARE = 0.02
"""Lines holding a mark between two glyphs of their own, at most: where a pass wrote the marks,
none does; in running text written in one pass most do."""


def restore_second_pass(state: RepairState) -> None:
    if any(line.box is not None for line in state.lines):
        return
    content = [line for line in state.lines if line.text.strip()]
    # the whole-text conditions first, cheap: running text holds a mark between its own glyphs on most lines
    if _inner_lines_exceed(content, INNER_SHARE * len(content)):
        return
    glyphs = sum(len(line.text.replace(" ", "")) for line in content)
    spaces = sum(line.text.strip().count(" ") for line in content)
    if spaces > GAP_SHARE * glyphs:
        return
    pairs = _parted_lines(content)
    # evidence is a line whose marks go back inside it and that no text holds otherwise: marks in groups
    # apart (`、 、 。`), or punctuation on a line of its own (`，`); one mark at a line's end and a space
    # inside it (`安全第一 预防为主！`) any text may hold, and a number on a line of its own a table does
    fitting = sum(1 for _, mark_line, edits, groups in pairs
                  if edits is not None and len(edits) > 1 and (groups > 1 or (mark_line is not None and _PUNCTUATION.search(mark_line.text))))
    if fitting < max(MIN_LINES, FITTING_SHARE * len(content)):
        return
    for line, mark_line, edits, _ in pairs:
        if edits is None or (mark_line is None and len(edits) == 1):
            continue
        state.edit_line("second-pass", line, edits)
        if mark_line is not None:
            state.drop_line("second-pass", mark_line)


def _inner_lines_exceed(content: list[Line], limit: float) -> bool:
    """More than `limit` lines hold a mark between two glyphs of their own (stops counting there)."""
    inner = 0
    for line in content:
        if _INNER_MARK.search(line.text):
            inner += 1
            if inner > limit:
                return True
    return False


def _parted_lines(content: list[Line]) -> list[tuple[Line, Line | None, list[Edit] | None, int]]:
    """Each line parted from its marks, with the line of its marks (or None where they end it), the
    edits that put them back (None where they do not fit its gaps) and the number of groups."""
    found: list[tuple[Line, Line | None, list[Edit] | None, int]] = []
    for index, line in enumerate(content):
        text = line.text.rstrip()
        below = content[index + 1] if index + 1 < len(content) else None
        if _MARK_LINE.fullmatch(text) or _INNER_MARK.search(text) or is_periodical_head(text):
            continue
        run = _MARK_RUN.search(text)
        if run is not None:
            groups = _groups(run.group())
            found.append((line, None, _placed(text[:run.start()], groups, run.start(), len(line.text)), len(groups)))
        elif below is not None and _MARK_LINE.fullmatch(below.text.strip()) and len(one_glyph_run(content, index + 1)) < FOLIO_GLYPHS:
            groups = _groups(below.text)
            found.append((line, below, _placed(text, groups, len(text), len(line.text)), len(groups)))
    return found


def _groups(marks: str) -> list[str]:
    """The groups of marks, a dash standing alone joined to what follows it: the extractor spaces
    a dash's glyphs apart (`— — 2024`), though `——2024年` is printed as one."""
    groups: list[str] = []
    for group in marks.split():
        if groups and groups[-1].strip("—") == "":
            groups[-1] += group
        else:
            groups.append(group)
    return groups


def _placed(body: str, groups: list[str], body_end: int, line_end: int) -> list[Edit] | None:
    """The edits that put the groups into the body's gaps (the run after the body removed), or None."""
    gaps = _gaps(body)
    extra = len(groups) - len(gaps)
    if not 0 <= extra <= 2 or not groups:
        return None
    opens = groups[0].startswith(_OPENS) or find_label(groups[0] + body.lstrip()) is not None
    counts = groups[0][0].isdigit() and body.lstrip()[:1] in NUMBER_UNITS
    start = (extra == 1 and (opens or counts)) or (extra == 2 and (opens or groups[0][0].isdigit()))
    end = extra == 2 or (extra == 1 and not start)
    if (end and groups[-1].startswith(_OPENS)) or (extra == 2 and not start):
        return None
    inner = groups[1:] if start else groups
    edits: list[Edit] = [(0, 0, groups[0])] if start else []
    edits += [(gap, gap + 1, group) for gap, group in zip(gaps, inner, strict=False)]
    edits.append((body_end, line_end, groups[-1] if end else ""))
    return edits


def _gaps(body: str) -> list[int]:
    """Where the marks were taken out: the body's gaps, but for the space after a label (`第一条 `,
    which `pdftotext -raw` prints for the ideographic space); in a letter-spaced head, whose glyphs
    all stand apart, only the gap after its leading numeral (`一 总 体 要 求` + `、`)."""
    gaps = [m.start() for m in _GAP.finditer(body)]
    glyphs = len(body.replace(" ", ""))
    if glyphs >= _SPACED_HEAD and len(gaps) >= _SPACED_OUT * (glyphs - 1):
        numeral = _NUMERAL.match(body)
        return [numeral.end()] if numeral else []
    label = find_label(body)
    return [gap for gap in gaps if label is None or gap != len(label.text)]
