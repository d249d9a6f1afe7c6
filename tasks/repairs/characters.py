"""Character-level damage that PDF fonts and web pages leave behind.

PDF fonts often map ideographs to Kangxi radicals, CJK radicals (`⻋辆` for `车辆`) or compatibility
ideographs (`⼯作` for `工作`): they look right and search wrong. Zero-width characters,
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
_SUPPLEMENT = {int(radical, 16): chr(int(ideograph, 16)) for radical, ideograph in (pair.split(":") for pair in (
    "2E81:5382 2E82:4E5B 2E83:4E5A 2E84:4E59 2E85:4EBB 2E86:5182 2E87:20628 2E88:5200 2E89:5202 "
    "2E8A:535C 2E8B:353E 2E8C:5C0F 2E8D:5C0F 2E8E:5140 2E8F:5C23 2E90:5C22 2E91:21BC2 2E92:5DF3 "
    "2E93:5E7A 2E94:5F51 2E95:5F50 2E96:5FC4 2E97:5FC3 2E98:624C 2E99:6535 2E9B:65E1 2E9C:65E5 "
    "2E9D:6708 2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35 2EA2:6C3A 2EA3:706C 2EA4:722B 2EA5:722B "
    "2EA6:4E2C 2EA7:725B 2EA8:72AD 2EA9:738B 2EAA:24D14 2EAB:76EE 2EAC:793A 2EAD:793B 2EAE:25AD7 "
    "2EAF:7CF9 2EB0:7E9F 2EB1:7F53 2EB2:7F52 2EB3:34C1 2EB4:5197 2EB5:2626B 2EB6:7F8A 2EB7:2634C "
    "2EB8:2634B 2EB9:8002 2EBA:8080 2EBB:807F 2EBC:8089 2EBD:26951 2EBE:8279 2EBF:8279 2EC0:8279 "
    "2EC1:864E 2EC2:8864 2EC3:8980 2EC4:897F 2EC5:89C1 2EC6:89D2 2EC7:278B2 2EC8:8BA0 2EC9:8D1D "
    "2ECA:27FB7 2ECB:8F66 2ECC:8FB6 2ECD:8FB6 2ECE:8FB6 2ECF:9091 2ED0:9485 2ED1:9577 2ED2:9578 "
    "2ED3:957F 2ED4:95E8 2ED5:28E0F 2ED6:961D 2ED7:96E8 2ED8:9752 2ED9:97E6 2EDA:9875 2EDB:98CE "
    "2EDC:98DE 2EDD:98DF 2EDE:2967F 2EDF:98E0 2EE0:9963 2EE1:29810 2EE2:9A6C 2EE3:9AA8 2EE4:9B3C "
    "2EE5:9C7C 2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE 2EEB:6589 2EEC:9F50 2EED:6B6F "
    "2EEE:9F7F 2EEF:7ADC 2EF0:9F99 2EF1:9F9C 2EF2:4E80 2EF3:9F9F"
).split())}
"""The CJK Radicals Supplement (U+2E81–U+2EF3) and the unified ideograph each looks like, as Unicode's
EquivalentUnifiedIdeograph.txt pairs them: NFKC maps only two of them, and a PDF font may map `车`
to `⻋` as another maps `工` to the Kangxi `⼯`."""
_SUPPLEMENT_RADICALS = re.compile("[" + "".join(map(chr, _SUPPLEMENT)) + "]")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
"""Latin ligatures (`ﬁ`, `ﬂ`, `ﬀ`): pdfminer and pypdf give a ligature glyph of Latin type as one
code point, which no reader searches for (`ﬁle`)."""
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
    edits += [(m.start(), m.end(), _SUPPLEMENT[ord(m.group())]) for m in _SUPPLEMENT_RADICALS.finditer(text)]
    edits += [(m.start(), m.end(), unicodedata.normalize("NFKC", m.group())) for m in _LIGATURES.finditer(text)]
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


_ANY = re.compile(f"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u0000-\u0008\u000b\u000e-\u001f\u007f"
                  f"\u2e81-\u2ef3\u2f00-\u2fd5\u0300-\u036f\uf900-\ufaff\ufb00-\ufb06{_NOT_IN_XML}]")
"""One character of any fix: invisible, radical, combining mark, compatibility ideograph or ligature."""


def normalize_characters(state: RepairState) -> None:
    state.edit_lines("characters", find_character_fixes, gate=_ANY)
