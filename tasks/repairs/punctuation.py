"""Half-width punctuation inside Chinese text becomes full-width.

Web pages, some PDF fonts and OCR layers emit `,;:?!()` in Chinese sentences, and OCR reads `。`
as `.`. A mark is converted only when a Chinese character touches it, so numbers (`1,000`,
`2.1%`), Latin text, URLs and labels like `1.` keep their own; a `.` only where it closes a Chinese
sentence (a Chinese character or closing mark before it, nothing, Chinese or a closing mark after
it), never an ellipsis of stops or a numeral's `一.` opening the text.

A stop is widened line by line before the lines are joined (`line-stops`), so that a sentence's
end is seen as one when paragraphs are made; the other marks only over paragraphs (`punctuation`):
a line's width is measured in its marks' widths, and a print that sets `(` half-width has its lines
no wider for it (widened early, a line with brackets read as full where it is short).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from zhengli.tasks.charclass import CJK, CJK_PUNCT, CLOSERS
from zhengli.tasks.repairs.state import Edit, RepairState

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_MARK = re.compile(r"[,;:?!]")
_HALF_WIDTH = re.compile(r"[,;:?!().]")
_STOP = re.compile(f"(?<=[{CJK}{CLOSERS}])\\.(?![.0-9A-Za-z])(?=[{CJK}{CJK_PUNCT}]|$)")
"""A `.` closing a Chinese sentence (`CLOSERS`: a quote or bracket closed before it)."""
_NUMERAL_LABEL = re.compile(r"\s*[一二三四五六七八九十]+\.")
_PAIR = re.compile(r"\(([^()]*)\)")
_STUCK = re.compile("[?!A-Za-z\u3040-\u30ff\u00e0-\u01dc]")
_WIDE = re.compile(f"[{CJK}{CJK_PUNCT}]")
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@$&'*+=%]+|[A-Za-z0-9.-]+@[A-Za-z0-9.-]+")


def find_half_width_punctuation(text: str) -> Iterator[Edit]:
    """
    >>> t = "今天,我们(试行)增长2.1%,访问 https://a.cn/x?y=1,谢谢!1,000"
    >>> "".join(r for _, _, r in find_half_width_punctuation(t))
    '，（），！'
    >>> "".join(r for _, _, r in find_half_width_punctuation("推行“一件事”.梳理事项.等...第1.2条"))
    '。。'
    >>> list(find_half_width_punctuation("一.总则"))
    []
    """
    protected = [m.span() for m in _URL.finditer(text)]
    ends = [end for _, end in protected]

    def free(index: int) -> bool:
        """Outside every URL: the first to end after `index` (they come in order, apart) starts after it."""
        found = bisect.bisect_right(ends, index)
        return found == len(protected) or protected[found][0] > index

    edits: list[Edit] = []
    for match in _MARK.finditer(text):
        i = match.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if (not protected or free(i)) and not _debris(match.group(), before, after) and (
            _WIDE.match(before or " ") or (_WIDE.match(after or " ") and not before.isdigit())
        ):
            edits.append((i, i + 1, _FULL[match.group()]))
    edits += [edit for edit in find_ascii_stops(text) if not protected or free(edit[0])]
    for match in _PAIR.finditer(text):
        a, b = match.start(), match.end() - 1
        outside = (text[a - 1] if a else "") + (text[b + 1] if b + 1 < len(text) else "")
        if (not protected or free(a)) and (_WIDE.search(match.group(1)) or _WIDE.search(outside)):
            edits += [(a, a + 1, "（"), (b, b + 1, "）")]
    return iter(sorted(edits))


def find_ascii_stops(text: str) -> Iterator[Edit]:
    """`.` closing a Chinese sentence, but a numeral's `一.` opening the text.

    >>> list(find_ascii_stops("推行“一件事”.梳理事项.等...第1.2条")), list(find_ascii_stops("一.总则"))
    ([(7, 8, '。'), (12, 13, '。')], [])
    """
    if "." not in text:
        return
    numeral = _NUMERAL_LABEL.match(text)
    for match in _STOP.finditer(text):
        if not (numeral and match.end() == numeral.end()):
            yield match.start(), match.end(), "。"


def _debris(mark: str, before: str, after: str) -> bool:
    """`勇?lián`, `三?!惫`, `湄?、`: a `?` or `!` stuck to letters or other marks is
    what is left of lost characters, kept as it is for the garbled-text report."""
    if mark not in "?!":
        return False
    return bool(_STUCK.match(before or " ") or _STUCK.match(after or " ") or after in "、，,。；")


def widen_line_stops(state: RepairState) -> None:
    state.edit_lines("line-stops", find_ascii_stops, gate=_STOP)


def widen_punctuation(state: RepairState) -> None:
    state.edit_paras("punctuation", find_half_width_punctuation, gate=_HALF_WIDTH)
