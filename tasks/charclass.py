"""Character classes shared by repairs and structure detection."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
TERMINAL = "。！？…!?"
CLOSERS = "”’」』）》】〕)"
NO_LINE_START = CLOSERS + "，、。；：！？…,.;:!?%％"
"""What never opens a line (the line-breaking rule of Chinese type): a closing quote or bracket, a
mark that ends a clause or a sentence, a percent sign; a line opening with one goes on from the line above."""

FINISHED = re.compile(f"[{TERMINAL}][{CLOSERS}]*$")
"""A sentence's end, the closing marks after it at most: where a text may end."""
ENDS_SENTENCE = re.compile(f"{FINISHED.pattern}|[；;:：]$")
HAS_SENTENCE_END = re.compile(f"[{TERMINAL}]")


def ends_sentence(text: str) -> bool:
    """True when a line ends the way Chinese sentences (and therefore paragraphs) end.

    Only the tail is searched: a sentence end is followed by a few closing marks at most.
    """
    text = text.rstrip()
    return ENDS_SENTENCE.search(text, max(len(text) - 8, 0)) is not None


@lru_cache(maxsize=4096)
def display_width(text: str) -> float:
    """Printed width in em: CJK characters and full-width forms count 1, ASCII and Latin letters ½.

    Line lengths are compared in this unit, so a line that wraps before `2024` is
    not mistaken for a short (paragraph-final) line.

    >>> display_width("增长5.6%"), display_width("Café “好”")
    (4.0, 5.5)
    """
    narrow = len(text.encode("ascii", "ignore"))
    if narrow < len(text):
        narrow += len(_LATIN.findall(text))
    return len(text) - 0.5 * narrow


_LATIN = re.compile("[\u00c0-\u00ff\u0100-\u024f]")


class Letters:
    """Counts the letters of a set in a text at regex speed: a character class for the Basic
    Multilingual Plane (fast), a set lookup for the rare astral-plane letters."""

    _ASTRAL = re.compile("[\U00010000-\U0010ffff]")

    def __init__(self, letters: set[str]):
        self.bmp = re.compile("[" + "".join(re.escape(ch) for ch in sorted(letters) if ord(ch) < 0x10000) + "]")
        self.astral = frozenset(ch for ch in letters if ord(ch) >= 0x10000)

    def present(self, text: str) -> bool:
        return self.bmp.search(text) is not None or bool(self.astral and self._ASTRAL.search(text) and not self.astral.isdisjoint(text))

    def count(self, text: str) -> int:
        found = len(self.bmp.findall(text)) if self.bmp.search(text) else 0
        if self.astral and self._ASTRAL.search(text):
            found += sum(1 for ch in text if ch in self.astral)
        return found


def common_chinese(ch: str) -> bool:
    """In GB2312 or Big5, the character sets of everyday simplified and traditional text.

    >>> common_chinese("国"), common_chinese("國"), common_chinese("쵼"), common_chinese("ǿ")
    (True, True, False, False)
    """
    for codec in ("gb2312", "big5"):
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            continue
        return True
    return False


def code_points(text: str) -> numpy.ndarray:
    """The text as an array of code points, for comparisons at C speed."""
    return numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4")
