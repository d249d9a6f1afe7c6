"""Traditional-character passages become simplified, and only those.

OpenCC's t2s is not safe on simplified text (it turns some simplified
characters into others, OpenCC issue 1390: 坏 -> 坯), so each paragraph is
classified first by counting characters that exist only in traditional or
only in simplified script, and the converter runs on traditional ones alone.
The `tw2s` configuration is t2s preceded by OpenCC's variant phrase tables,
which also settle characters t2s leaves ambiguous (著力 -> 着力). It runs on
`tasks.repairs.t2s`, OpenCC's own tables applied faster, with the same result.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import numpy
import opencc
from zhengli.tasks.charclass import Letters, code_points
from zhengli.tasks.repairs.state import Edit, RepairState
from zhengli.tasks.repairs.t2s import converter


@cache
def _script_letters() -> tuple[Letters, Letters]:
    """The letters only traditional, and only simplified, script has."""
    folder = Path(opencc.__file__).parent / "dictionary"
    traditional = _keys(folder / "TSCharacters.txt")
    simplified = _keys(folder / "STCharacters.txt")
    return Letters(traditional - simplified), Letters(simplified - traditional)


def _keys(path: Path) -> set[str]:
    keys = set()
    for row in path.read_text(encoding="utf-8").splitlines():
        key, _, values = row.partition("\t")
        if len(key) == 1 and values.split() != [key]:
            keys.add(key)
    return keys


def classify_script(text: str) -> str:
    """`traditional`, `simplified`, or `neutral` (no character tells).

    >>> classify_script("現代化建設"), classify_script("现代化建设"), classify_script("工作")
    ('traditional', 'simplified', 'neutral')
    """
    traditional, simplified = _script_letters()
    if not traditional.present(text):
        return "simplified" if simplified.present(text) else "neutral"
    return "traditional" if traditional.count(text) > simplified.count(text) else "simplified"


def find_traditional(text: str) -> list[Edit]:
    """Edits turning a traditional paragraph into simplified; none for other text."""
    return _conversions([text])[0]


def _conversions(texts: list[str]) -> list[list[Edit]]:
    """Edits converting each text that counts as traditional; the others get none."""
    edits: list[list[Edit]] = [[] for _ in texts]
    convert = converter("tw2s").convert
    chosen = [(index, text, convert(text)) for index, text in enumerate(texts) if classify_script(text) == "traditional"]
    for index, text, converted in chosen:
        if len(converted) != len(text):
            matcher = SequenceMatcher(None, text, converted, autojunk=False)
            edits[index] = [(i1, i2, converted[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    kept = [(index, text, converted) for index, text, converted in chosen if len(converted) == len(text)]
    runs = _changed_runs([text for _, text, _ in kept], [converted for _, _, converted in kept])
    for (index, _, _), found in zip(kept, runs, strict=True):
        edits[index] = found
    return edits


def _changed_runs(texts: list[str], converted: list[str]) -> list[list[Edit]]:
    """Runs of changed characters between texts and their conversions of the same length; runs at
    most `_GAP` characters apart are one edit, so the record reads `國務院關於` -> `国务院关于`, not
    letter by letter. All texts are compared in one vectorised pass, joined by separators wider
    than the gap.

    >>> _changed_runs(["現代化建設工作", "國務院關於"], ["现代化建设工作", "国务院关于"])
    [[(0, 1, '现'), (4, 5, '设')], [(0, 5, '国务院关于')]]
    """
    separator = "\n" * (_GAP + 1)
    before, after = code_points(separator.join(texts)), code_points(separator.join(converted))
    changed = numpy.flatnonzero(before != after)
    offsets = numpy.cumsum([0, *(len(text) + len(separator) for text in texts[:-1])])
    result: list[list[Edit]] = [[] for _ in texts]
    if not len(changed):
        return result
    cuts = numpy.flatnonzero(numpy.diff(changed) > _GAP + 1)
    starts, ends = changed[numpy.r_[0, cuts + 1]], changed[numpy.r_[cuts, len(changed) - 1]] + 1
    owners = numpy.searchsorted(offsets, starts, side="right") - 1
    for owner, start, end in zip(owners.tolist(), (starts - offsets[owners]).tolist(), (ends - offsets[owners]).tolist(), strict=True):
        result[owner].append((start, end, converted[owner][start:end]))
    return result


_GAP = 2


def simplify_traditional(state: RepairState) -> None:
    for para, edits in zip(state.paras, _conversions([para.text for para in state.paras]), strict=True):
        state.edit_para("script", para, edits, marked=True)
