"""Numbering labels of Chinese official documents and their integer values."""

from __future__ import annotations

import re

from tasks.model import Label

_NUM = "零〇一二三四五六七八九十百千两"
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

SCHEMES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in (
        ("part", rf"^第([{_NUM}\d]+)(?:编|篇|部分)"),
        ("subpart", rf"^第([{_NUM}\d]+)分编"),
        ("chapter", rf"^第([{_NUM}\d]+)章"),
        ("section", rf"^第([{_NUM}\d]+)节"),
        ("article", rf"^第([{_NUM}\d]+)条"),
        ("ordinal", rf"^第([{_NUM}]+)[，,、]"),
        ("cn", rf"^([{_NUM}]+)、"),
        ("cn-paren", rf"^[（(]([{_NUM}]+)[）)]"),
        ("arabic", r"^(\d{1,3})(?:[.．](?!\d)|、)"),
        ("arabic-paren", r"^[（(](\d{1,3})[）)]"),
        ("circled", r"^([\u2460-\u2473])"),
        ("shi", rf"^([{_NUM}]+)是"),
        ("dash", r"^(——)(?!\d)"),
    )
]

_LABEL_STARTS = frozenset("第（(—0123456789" + _NUM + "".join(map(chr, range(0x2460, 0x2474))))
"""Every label opens with one of these: most lines are ruled out by their first character."""

HEADING_RANK = ["part", "subpart", "chapter", "section", "cn", "cn-paren", "arabic", "arabic-paren", "circled"]
"""The usual order of heading schemes, outermost first."""


def chinese_number(numeral: str) -> int | None:
    """Integer value of a Chinese or Arabic numeral.

    >>> [chinese_number(s) for s in ("三", "十", "十二", "二十", "一百零五", "两千", "40", "〇")]
    [3, 10, 12, 20, 105, 2000, 40, 0]
    """
    if numeral.isascii() and numeral.isdigit():
        return int(numeral)
    if len(numeral) == 1 and "\u2460" <= numeral <= "\u2473":
        return ord(numeral) - 0x245F
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


def find_label(text: str) -> Label | None:
    """The numbering label at the start of a block, if any.

    >>> find_label("（一）千方百计稳住经济基本盘。")
    Label(text='（一）', scheme='cn-paren', n=1)
    >>> find_label("1.5%的增长") is None
    True
    """
    if text[:1] not in _LABEL_STARTS:
        return None
    for scheme, pattern in SCHEMES:
        match = pattern.match(text)
        if match:
            n = None if scheme == "dash" else chinese_number(match.group(1))
            return Label(match.group(0), scheme, n)
    return None


CONTENTS_TITLE = re.compile(r"\s*目\s*[录次]\s*")
"""The line that opens a table of contents: `目录`, `目　　录`, `目次`."""
