"""Garbled spans: mojibake (step `mojibake`) and decoding debris (step `garbled`).

Text decoded with the wrong codec upstream shows as runs of Latin-1 letters (`ä¸­å›½` is
UTF-8 read as cp1252, `ÖÐ¹ú` GBK read as Latin-1), replacement characters, or `?` and kana
where Chinese characters were lost. A run of Latin-1 letters is read back into its bytes and
decoded as UTF-8, GB18030 and Big5; it is repaired only where a decoding reads as Chinese
(common characters, `COMMON_SHARE` of them at least). Every other span is flagged with its line
and left as it is: a decoding that merely succeeds (GBK bytes read as UTF-8 give Hangul and
Latin letters) would invent text.
"""

from __future__ import annotations

import re

from zhengli.tasks.charclass import CJK, CJK_PUNCT, common_chinese
from zhengli.tasks.repairs.state import RepairState

COMMON_SHARE = 0.9
"""Share of a decoding's non-ASCII characters that must be common Chinese characters or punctuation."""
_LATIN_1 = "\u00a1-\u00ff"
_CP1252 = "\u0080-\u009f\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
"""What the bytes 0x80–0x9F become read as cp1252 (or, as Latin-1, control characters)."""
_MOJIBAKE = re.compile(f"[{_LATIN_1}](?:[{_LATIN_1}{_CP1252}\u00a0!-~]*[{_LATIN_1}])?")
"""A run of Latin-1 letters, with what cp1252 makes of other bytes and the ASCII (digits,
punctuation) a double-byte text holds between them."""
_LAST_BYTE = re.compile(f"[{_CP1252}!-~]")
_LATIN_1_LETTER = re.compile(f"[{_LATIN_1}]")
_SUSPECT = re.compile("[\ufffd?\u3040-\u30ff]")
"""A character all debris holds: one search rules most texts out."""
_DEBRIS = re.compile(f"\ufffd+|(?<=[{CJK}])\\?+[a-z\u00e0-\u01dc]*\\)?|[\u3040-\u30ff]+(?=[{CJK}])|(?<=[{CJK}])[\u3040-\u30ff]+")
_LETTERS = re.compile("[\u00c0-\u00ff]{2}")
"""Two accented letters in a row: what mojibake shows and Latin text (`°C±2°`, `déjà`) hardly does."""
_ASCII_LETTERS = re.compile("[A-Za-z]{2}")
_CHINESE = re.compile(f"[{CJK}{CJK_PUNCT}]")
_CODECS = (("cp1252", "utf-8"), ("latin-1", "utf-8"), ("latin-1", "gb18030"), ("latin-1", "big5hkscs"))
"""How a span's bytes are read back (the codec that misread them) and decoded again."""


def recover_mojibake(span: str, in_word: bool = False) -> str | None:
    """The original text when `span` is Chinese text in UTF-8, GB18030 or Big5 misread as cp1252
    or Latin-1; None when no decoding reads as Chinese. UTF-8 checks itself, so one character
    is evidence; two bytes of Latin-1 letters read as one double-byte character by chance, so a
    double-byte decoding needs two characters at least (`çõ` of `Informações` is no `珲`), and
    none is tried on a span `in_word`, inside a Latin word (`Müller`).

    >>> recover_mojibake("ä¸­å›½"), recover_mojibake("ÖÐ¹ú2024Äê"), recover_mojibake("Ç¿")
    ('中国', '中国2024年', None)
    """
    for misread, codec in _CODECS:
        if in_word and codec != "utf-8":
            continue
        try:
            text = span.encode(misread).decode(codec)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if reads_as_chinese(text) and (codec == "utf-8" or len(_CHINESE.findall(text)) >= 2):
            return text
    return None


def reads_as_chinese(text: str) -> bool:
    """Is the text Chinese: its non-ASCII characters common Chinese characters and punctuation?

    >>> reads_as_chinese("中国，2024年"), reads_as_chinese("ǿ"), reads_as_chinese("쵼칫")
    (True, False, False)
    """
    wide = [ch for ch in text if not ch.isascii()]
    chinese = sum(1 for ch in wide if _CHINESE.match(ch) and common_chinese(ch))
    return bool(wide) and chinese >= COMMON_SHARE * len(wide)


def repair_mojibake(state: RepairState) -> None:
    """Runs of Latin-1 letters decoded back where they read as Chinese, flagged where not; early,
    so that the text recovered is spaced, punctuated and simplified like the rest."""
    for para in state.paras:
        if not _LATIN_1_LETTER.search(para.text):
            continue
        edits = []
        for match in _MOJIBAKE.finditer(para.text):
            in_word = _in_latin_word(para.text, match)
            recovered = _recover_run(para.text, match, in_word)
            if recovered:
                edits.append(recovered)
            elif _LETTERS.search(match.group()) and not in_word:
                state.flag("garbled", para.line_at(match.start()), f"mojibake {match.group()!r} could not be recovered, left as is")
        state.edit_para("mojibake", para, edits)


def _recover_run(text: str, match: re.Match[str], in_word: bool) -> tuple[int, int, str] | None:
    """The edit that recovers a run. A run ends on a Latin-1 letter, but a character's last byte
    may read as an ASCII sign (`¡C` is Big5's `。`) or a cp1252 mark (`æ°‘` is UTF-8's `民`), so
    the run is tried first with the character after it."""
    start, end = match.span()
    for stop in ((end + 1, end) if _LAST_BYTE.match(text, end) else (end,)):
        recovered = recover_mojibake(text[start:stop], in_word)
        if recovered:
            return start, stop, recovered
    return None


def flag_debris(state: RepairState) -> None:
    """Replacement characters, and `?` or kana where Chinese characters were lost: flagged, left as is."""
    for para in state.paras:
        if not _SUSPECT.search(para.text):
            continue
        for match in _DEBRIS.finditer(para.text):
            context = para.text[max(match.start() - 4, 0):match.end() + 4]
            state.flag("garbled", para.line_at(match.start()), f"decoding debris {match.group()!r} in {context!r}, left as is")


def _in_latin_word(text: str, match: re.Match[str]) -> bool:
    """Accented letters in a Latin word (`Informações`, `Größe`: two ASCII letters next to them)
    are spelling, not double-byte mojibake, whose ASCII bytes stand one by one between others."""
    return bool(_ASCII_LETTERS.fullmatch(text[max(match.start() - 2, 0):match.start()])
                or _ASCII_LETTERS.fullmatch(text[match.end():match.end() + 2]))
