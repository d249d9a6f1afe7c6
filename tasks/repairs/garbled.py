"""Garbled spans: decoding debris and mojibake.

Text decoded with the wrong codec upstream shows as runs of Latin-1 letters
(`ä¸­å›½`), replacement characters, or `?` and kana where Chinese characters
were lost. A span whose bytes survive (UTF-8 read as Latin-1/cp1252) is
repaired; every other span is flagged with its line and left as it is,
since guessing would invent text.
"""

from __future__ import annotations

import re

from tasks.charclass import CJK
from tasks.repairs.state import RepairState

_LEAD_BYTE = "[\u00c0-\u00ef]"
_TRAIL_BYTES = "[\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac\u2122]{1,2}"
_MOJIBAKE = re.compile(f"(?:{_LEAD_BYTE}{_TRAIL_BYTES})+")
_SUSPECT = re.compile(f"{_LEAD_BYTE}|[\ufffd?\u3040-\u30ff]")
"""A character every garbled span holds: one search rules most texts out."""
_DEBRIS = re.compile(f"\ufffd+|(?<=[{CJK}])\\?+[a-z\u00e0-\u01dc]*\\)?|[\u3040-\u30ff]+(?=[{CJK}])|(?<=[{CJK}])[\u3040-\u30ff]+")


def recover_mojibake(span: str) -> str | None:
    """The original text when `span` is UTF-8 read as cp1252 or Latin-1.

    >>> recover_mojibake("ä¸­å›½")
    '中国'
    """
    for codec in ("cp1252", "latin-1"):
        try:
            return span.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return None


def repair_garbled(state: RepairState) -> None:
    for para in state.paras:
        if not _SUSPECT.search(para.text):
            continue
        edits = []
        for match in _MOJIBAKE.finditer(para.text):
            recovered = recover_mojibake(match.group())
            if recovered:
                edits.append((match.start(), match.end(), recovered))
            else:
                state.flag("garbled", para.line_at(match.start()), f"mojibake {match.group()!r} could not be recovered")
        state.edit_para("garbled", para, edits)
        for match in _DEBRIS.finditer(para.text):
            context = para.text[max(match.start() - 4, 0):match.end() + 4]
            state.flag("garbled", para.line_at(match.start()), f"decoding debris {match.group()!r} in {context!r}, left as is")
