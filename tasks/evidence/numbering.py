"""The numbering schemes of Chinese official documents: one table, one record per scheme.

A scheme says how its labels look (`pattern`, the characters they open with), how to read
their number, and what a label of it opens: a `heading` (ranked, outermost first), a
`clause` (a law's 第X条: a paragraph with a lead sentence) or an `enumeration` (一是, 第一，,
——: items inside running text). Adding a scheme is one entry here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from zhengli.tasks.model import Label

Role = Literal["heading", "clause", "enumeration"]

_NUM = "零〇一二三四五六七八九十百千两"
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CIRCLED = "".join(map(chr, range(0x2460, 0x2474)))


_REFERS_ON = "的、，,之至第"
"""After `第N条`, what only a reference to the article goes on with (`第二十七条的规定`, `第五条、第六条`,
`第九条第二款`, `第三条至第五条`), as a line cut inside a sentence may open: an article's own text
never starts so."""


def chinese_number(numeral: str) -> int | None:
    """Integer value of a Chinese or Arabic numeral.

    >>> [chinese_number(s) for s in ("三", "十", "十二", "二十", "一百零五", "两千", "40", "〇")]
    [3, 10, 12, 20, 105, 2000, 40, 0]
    """
    if numeral.isascii() and numeral.isdigit():
        return int(numeral)
    total, digit = 0, None
    for ch in numeral:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def circled_number(numeral: str) -> int:
    """① is 1, ⑳ is 20."""
    return ord(numeral) - 0x245F


def unnumbered(_: str) -> None:
    """A mark that counts nothing (`——`)."""
    return None


@dataclass(frozen=True)
class Scheme:
    """One numbering scheme. `pattern` captures the numeral in group 1."""

    name: str
    pattern: re.Pattern[str]
    starts: str
    """The characters a label of this scheme can open with: most lines are ruled out by their first."""
    number: Callable[[str], int | None]
    role: Role
    runs_on: bool = False
    """Its labels may run on inside a paragraph (`一是…二是…`) rather than open a block."""
    division: bool = False
    """A division of a law (编, 章, 节, 条): a colon's list never opens with one."""

    @property
    def counts(self) -> bool:
        return self.number is not unnumbered


def _scheme(name: str, pattern: str, starts: str, number: Callable[[str], int | None], role: Role, **flags: bool) -> Scheme:
    return Scheme(name, re.compile(pattern), starts, number, role, **flags)


SCHEMES: tuple[Scheme, ...] = (
    _scheme("part", rf"^第([{_NUM}\d]+)(?:编|篇|部分)", "第", chinese_number, "heading", division=True),
    _scheme("subpart", rf"^第([{_NUM}\d]+)分编", "第", chinese_number, "heading", division=True),
    _scheme("chapter", rf"^第([{_NUM}\d]+)章", "第", chinese_number, "heading", division=True),
    _scheme("section", rf"^第([{_NUM}\d]+)节", "第", chinese_number, "heading", division=True),
    _scheme("article", rf"^第([{_NUM}\d]+)条(?![{_REFERS_ON}])", "第", chinese_number, "clause", division=True),
    _scheme("ordinal", rf"^第([{_NUM}]+)[，,、]", "第", chinese_number, "enumeration", runs_on=True),
    _scheme("cn", rf"^([{_NUM}]+)、", _NUM, chinese_number, "heading"),
    _scheme("cn-paren", rf"^[（(]([{_NUM}]+)[）)]", "（(", chinese_number, "heading"),
    _scheme("arabic", r"^(\d{1,3})(?:[.．](?!\d)|[.．](?=\d{4}\s*年度?[^\d\s])|、)", "0123456789", chinese_number, "heading"),
    _scheme("arabic-paren", r"^[（(](\d{1,3})[）)]", "（(", chinese_number, "heading"),
    _scheme("circled", r"^([\u2460-\u2473])", _CIRCLED, circled_number, "heading"),
    _scheme("box", r"^专栏\s*(\d{1,2})(?![\d.．])", "专", chinese_number, "heading"),
    _scheme("shi", rf"^([{_NUM}]+)是", _NUM, chinese_number, "enumeration", runs_on=True),
    _scheme("dash", r"^(——)(?!\d)", "—", unnumbered, "enumeration"),
)
"""Tried in this order: the first that matches names the label. Heading schemes rank in
this order too, outermost first (编 over 章 over 一、 over （一）). A box (`专栏3`: a report's or
plan's panel of figures or projects, titled and numbered through the document) stands outside
the outline: it ranks last, below whatever heading it is set under."""


class SchemeTable:
    """The lookups every reader of the table needs, derived once from it."""

    def __init__(self, schemes: tuple[Scheme, ...]):
        self.schemes = schemes
        self.by_name = {scheme.name: scheme for scheme in schemes}
        self.starts = frozenset("".join(scheme.starts for scheme in schemes))
        headings = [scheme.name for scheme in schemes if scheme.role == "heading"]
        self.rank = {name: position for position, name in enumerate(headings)}

    def find(self, text: str) -> Label | None:
        if text[:1] not in self.starts:
            return None
        for scheme in self.schemes:
            if text[:1] in scheme.starts:
                match = scheme.pattern.match(text)
                if match:
                    return Label(match.group(0), scheme.name, scheme.number(match.group(1)))
        return None


TABLE = SchemeTable(SCHEMES)


_REMEMBERED_CHARS = 1000
"""Texts up to this long are remembered by `find_label`; a longer one (a paragraph in the making,
asked again at each line that joins it) would cost a hash of its whole length and be kept alive."""


def find_label(text: str) -> Label | None:
    """The numbering label at the start of a block, if any. Remembered for the last few thousand
    short texts: the steps ask it of the same line again and again (as a boundary's line, the next
    one's text, a heading candidate), and a label is immutable.

    >>> find_label("（一）千方百计稳住经济基本盘。")
    Label(text='（一）', scheme='cn-paren', n=1)
    >>> find_label("1.5%的增长") is None
    True
    >>> find_label("2.2024年度考核结果汇总表")
    Label(text='2.', scheme='arabic', n=2)
    """
    return _remembered_label(text) if len(text) <= _REMEMBERED_CHARS else TABLE.find(text)


@lru_cache(maxsize=4096)
def _remembered_label(text: str) -> Label | None:
    return TABLE.find(text)


def opens_list_after_colon(text: str, label: Label) -> bool:
    """Does `text` lead into a list after its last colon with the item before `label`
    (`附件：1.某某方案` before `2.…`)? Items listed one a line then follow it, each a block.

    >>> opens_list_after_colon("附件：1.某某方案", Label("2.", "arabic", 2)), opens_list_after_colon("附件：1.某某方案", Label("（二）", "cn-paren", 2))
    (True, False)
    """
    first = listed_label(text)
    return first is not None and label.n is not None and first.scheme == label.scheme and first.n == label.n - 1


def scheme(name: str) -> Scheme:
    return TABLE.by_name[name]


def heading_rank(name: str) -> int | None:
    """Depth of a heading scheme in the usual order (0 outermost); None for other schemes."""
    return TABLE.rank.get(name)


def is_heading_scheme(name: str) -> bool:
    return name in TABLE.rank


def is_numbering(label: Label | None) -> bool:
    """A label that counts (`第三条`, `（一）`), not a dash that merely marks an item."""
    return label is not None and scheme(label.scheme).counts


def bare_label(text: str) -> bool:
    """The text is nothing but a counting label (`第一章`, left alone on its line)."""
    label = find_label(text)
    return is_numbering(label) and label.text == text


def letter_spaced_start(text: str) -> bool:
    """What a letter-spaced heading broken at its gaps leaves before its last character: one
    character, or a label and one character (`目`, `第一章 总`)."""
    label = find_label(text)
    name = text[len(label.text):] if label is not None else text
    return len(name.strip()) == 1 and name.strip().isalpha()


def listed_label(text: str) -> Label | None:
    """The label a list opens with after the text's colon (`附件：1.某某方案` gives `1.`): the items
    under it go on counting from it.

    >>> listed_label("附件：1.临溪县防汛工作方案").text, listed_label("现通知如下：") is None
    ('1.', True)
    """
    _, colon, rest = text.rpartition("：")
    return find_label(rest.strip()) if colon else None
