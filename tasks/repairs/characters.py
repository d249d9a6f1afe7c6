"""Character-level damage that PDF fonts and web pages leave behind.

PDF fonts often map ideographs to Kangxi radicals or compatibility ideographs
(`⼯作` for `工作`): they look right and search wrong. Zero-width characters,
soft hyphens, stray control characters and non-characters are invisible and break search and
diff. NFKC would fix the radicals but also turn full-width punctuation
half-width, so only the affected characters are normalised.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from zhengli.tasks.repairs.state import Edit, RepairState

_NOT_IN_XML = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)) + "\ud800-\udfff"
"""Non-characters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF) and lone surrogates: XML cannot hold them, nor can a reader see them."""
_INVISIBLE = re.compile(f"[\u200b-\u200f\u2060-\u2064\ufeff\u0000-\u0008\u000b\u000e-\u001f\u007f{_NOT_IN_XML}]+|(?<![\u00a1-\u00ff])\u00ad")
"""Invisible characters; a soft hyphen after a Latin-1 letter is kept, as the byte 0xAD of mojibake
(`ä¸\u00ad` is UTF-8's `中` read as cp1252) that the `mojibake` step may decode back."""
_RADICALS = re.compile("[\u2f00-\u2fd5]")
_COMPOSABLE = re.compile(".[\u0300-\u036f]+")
_COMPATIBILITY = re.compile("[\uf900-\ufaff]")


def find_character_fixes(text: str) -> Iterator[Edit]:
    """Edits that unify look-alike ideographs, compose accents and drop invisible characters.

    A character both a compatibility ideograph and followed by a combining mark is fixed once, by
    the longer edit (two edits of one character would overlap):

    >>> list(find_character_fixes("\u2f2f作\u200b"))
    [(0, 1, '工'), (2, 3, '')]
    >>> list(find_character_fixes("\uf900\u0301"))
    [(0, 2, '豈́')]
    """
    edits: list[Edit] = []
    edits += [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    edits += [(m.start(), m.end(), unicodedata.normalize("NFKC", m.group())) for m in _RADICALS.finditer(text)]
    for pattern in (_COMPOSABLE, _COMPATIBILITY):
        for m in pattern.finditer(text):
            fixed = unicodedata.normalize("NFC", m.group())
            if fixed != m.group():
                edits.append((m.start(), m.end(), fixed))
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e[0], -e[1])):
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return iter(kept)


_ANY = re.compile(f"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u0000-\u0008\u000b\u000e-\u001f\u007f\u2f00-\u2fd5\u0300-\u036f\uf900-\ufaff{_NOT_IN_XML}]")
"""One character of any fix: invisible, radical, combining mark or compatibility ideograph."""


def normalize_characters(state: RepairState) -> None:
    state.edit_lines("characters", find_character_fixes, gate=_ANY)
