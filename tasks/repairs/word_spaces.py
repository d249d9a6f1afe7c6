"""Spaces between the words an OCR engine found: `临 溪 县 人民 政府 ， 现 印发` -> `临溪县人民政府，现印发`.

An OCR layer is written a word at a time, each word followed by a space (Tesseract), or a glyph at
a time with spaces between; extractors give those spaces back between every word or glyph of
Chinese text, where print has none. The spacing step later reads a space between two words of
several characters as a headline's pause and keeps it, and before that the columns step reads runs
of two spaces as a gutter and the numbering reads `一 、` as no label: so where the whole text is so
spaced, the spaces go at once, on every line, before the columns and tables steps read them — but after
`late-breaks` and `second-pass`, whose evidence is the space pypdf writes between the glyphs of
type placed glyph by glyph (`gazette-matrices`: taken away first, pypdf's late breaks stayed).

The evidence is the text's own: against its Chinese characters and marks, a large share
(`SPACED_SHARE`) of places where two of them meet parted by one or two spaces (counted at the
spaces alone: a scan of every character in Python cost more than the rest of the chain's steps). Typeset Chinese parts none of them, but a
headline's pause, a label's space or a letter-spaced heading, which are few against the body text
(a text of one headline alone is too short to count, `MIN_SPACED`). Runs of three spaces and more
stay (table cells, the gaps of a laid-out page), as do spaces between Latin words and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhengli.tasks.charclass import CJK, CJK_PUNCT
from zhengli.tasks.repairs.state import Edit, RepairState

SPACED_SHARE = 0.2
"""Spaces parting two Chinese characters or marks, at least this share of the text's Chinese characters and marks."""
MIN_SPACED = 20
"""…and at least this many of them."""
_WIDE = f"{CJK}{CJK_PUNCT}"
_NEAR = _WIDE + r"0-9,.;:()'\"!?"
"""What a word's space may be removed beside: Chinese, digits, and the ASCII marks OCR reads for Chinese ones."""
_SPACED = re.compile(f"(?<=[{_WIDE}]) {{1,2}}(?=[{_WIDE}])")
_NOT_WIDE = re.compile(f"[^{_WIDE}]+")
_WORD_SPACE = re.compile(f"(?<=[{_NEAR}]) {{1,2}}(?=[{_NEAR}])")


def is_word_spaced(text: str) -> bool:
    """Most of the text's Chinese is parted into words by spaces.

    >>> is_word_spaced("临 溪 县 人民 政府 办公室 关于 印发 进一步 优化 营 商 环境 若干 措施 的 通知 各 乡镇 人民 政府 县 政府 各 部门")
    True
    >>> is_word_spaced("第一条　为了规范管理，制定本条例。\\n第二条 本条例适用于本市。")
    False
    """
    spaced = sum(1 for _ in _SPACED.finditer(text))
    return spaced >= MIN_SPACED and spaced >= SPACED_SHARE * len(_NOT_WIDE.sub("", text))


def find_word_spaces(text: str) -> Iterator[Edit]:
    """The spaces of one or two between words or marks, but between two numbers (`1 000`).

    >>> t = "附件 : 1. 临 溪 县 2025 年 3 月 GDP 增长"
    >>> [t[a - 1:b + 1] for a, b, _ in find_word_spaces(t)]
    ['件 :', ': 1', '. 临', '临 溪', '溪 县', '县 2', '5 年', '年 3', '3 月']
    >>> list(find_word_spaces("1 000 元 GDP 增长"))
    [(5, 6, '')]
    """
    for match in _WORD_SPACE.finditer(text):
        start, end = match.span()
        if not (text[start - 1].isdigit() and text[end].isdigit()):
            yield start, end, ""


def remove_word_spaces(state: RepairState) -> None:
    if is_word_spaced("\n".join(line.text for line in state.lines)):
        state.edit_lines("word-spaces", find_word_spaces, gate=_WORD_SPACE)
