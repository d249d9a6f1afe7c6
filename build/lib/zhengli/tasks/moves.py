"""Order is text: how much of an edition stands in another order than its raw text.

The nothing-lost check counts characters; this measures their order. An edition is its raw
text less deletions, with substitutions and insertions, each in the repair record, and with the
moves a step recorded (text leaving one place, `before` → "", and arriving at another,
"" → `after`). Any other change of order moved text without a record.

Alignment in n log n: anchors are k-grams, sampled by their content so both texts keep the
same ones, that occur once in the raw text and once in the edition. Anchors on one diagonal
(the same offset between the two texts) form runs; the heaviest chain of runs that goes forward
in both texts (a weighted longest increasing subsequence) kept its order, and the edition's
characters under the other runs moved. Characters a repair substituted one for one are folded
on both sides first; the k-grams of recorded moves are no anchors.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy
from zhengli.tasks.charclass import code_points
from zhengli.tasks.model import Document, Flag, Repair

FLAGGED_SHARE = 0.01
"""A document with more of its characters moved without a record is flagged for review."""

_K = 12
"""Characters of an anchor: long enough to be unique in running Chinese text."""
_SAMPLE = 4
"""One k-gram in this many, chosen by its hash, is a candidate anchor."""
_RUN_GAP = 3 * _K
"""Anchors on one diagonal this close in the edition belong to one run."""
_BASE = numpy.uint64(0x100000001B3)


@dataclass(frozen=True)
class Moves:
    moved: int
    """Characters of the edition (whitespace aside) out of the raw text's order, not recorded."""
    total: int
    first_line: int | None
    """The raw line the first moved stretch of the edition came from."""

    @property
    def share(self) -> float:
        return self.moved / self.total if self.total else 0.0


def moved_text_flag(raw_text: str, document: Document) -> Flag | None:
    """A flag for review when more than `FLAGGED_SHARE` of the edition moved without a record."""
    moves = measure_moves(raw_text, document)
    if moves.share <= FLAGGED_SHARE or moves.first_line is None:
        return None
    return Flag("moved-text", moves.first_line,
                f"{moves.share:.1%} of the text ({moves.moved} of {moves.total} characters) stands in another order "
                f"than in the raw text, without a repair record; first from line {moves.first_line}")


def measure_moves(raw_text: str, document: Document) -> Moves:
    fold = _Folding(document.repairs)
    raw_visible = _visible(raw_text)
    edition_visible = _visible("".join(block.text for block in document.blocks()))
    raw, edition = fold(raw_visible), fold(edition_visible)
    recorded = [_visible(text) for text in _recorded_moves(document.repairs)]
    exempt = numpy.unique(numpy.concatenate([_NONE, *(_hashes(fold(text)) for text in recorded)]))
    raw_hashes, edition_hashes = _hashes(raw), _hashes(edition)
    in_raw_move = _recorded(raw_visible, raw_hashes, exempt, recorded)
    in_edition_move = _recorded(edition_visible, edition_hashes, exempt, recorded)
    r, e = _anchors(raw_hashes, edition_hashes)
    free = ~(_touches(in_raw_move, r) | _touches(in_edition_move, e))
    r, e = r[free], e[free]
    if not len(e):
        return Moves(0, len(edition), None)
    runs = _runs(r, e)
    kept = _heaviest_chain(runs)
    moved_runs = [run for index, run in enumerate(runs) if index not in kept]
    moved = _covered(len(edition), moved_runs) & ~_covered(len(edition), [runs[index] for index in kept]) & ~in_edition_move
    if not moved.any():
        return Moves(0, len(edition), None)
    first = int(numpy.argmax(moved))
    e_start, _, r_start, _ = next(run for run in moved_runs if run[0] <= first < run[1])
    return Moves(int(moved.sum()), len(edition), _raw_line(raw_text, r_start + first - e_start))


_NONE = numpy.zeros(0, dtype=numpy.uint64)


def _visible(text: str) -> str:
    return "".join(text.split())


class _Folding:
    """Characters repairs replaced one for one (punctuation widened, radicals and traditional
    characters unified), folded the same way in both texts: code points in, code points out."""

    def __init__(self, repairs: list[Repair]) -> None:
        table: dict[int, int] = {}
        for repair in repairs:
            if len(repair.before) == len(repair.after) and repair.before != repair.after:
                table.update((ord(a), ord(b)) for a, b in zip(repair.before, repair.after, strict=True) if a != b)
        self.keys = numpy.array(sorted(table), dtype=numpy.uint64)
        self.values = numpy.array([table[key] for key in sorted(table)], dtype=numpy.uint64)

    def __call__(self, text: str) -> numpy.ndarray:
        codes = code_points(text).astype(numpy.uint64)
        if len(self.keys):
            index = numpy.minimum(numpy.searchsorted(self.keys, codes), len(self.keys) - 1)
            found = self.keys[index] == codes
            codes[found] = self.values[index[found]]
        return codes


def _recorded_moves(repairs: list[Repair]) -> set[str]:
    """Texts a step recorded leaving one place and arriving at another."""
    left = {r.before for r in repairs if r.before and not r.after}
    arrived = {r.after for r in repairs if r.after and not r.before}
    return left & arrived


def _hashes(codes: numpy.ndarray, k: int = _K) -> numpy.ndarray:
    """The hash of every k-gram of a text's code points, by its start."""
    count = len(codes) - k + 1
    if count <= 0:
        return _NONE
    hashes = numpy.zeros(count, dtype=numpy.uint64)
    for offset in range(k):
        hashes = hashes * _BASE + codes[offset:offset + count]
    return hashes


def _sampled(hashes: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The candidate anchors among a text's k-gram hashes that occur once in it: hashes, sorted, and their starts."""
    starts = numpy.flatnonzero((hashes >> numpy.uint64(40)) % numpy.uint64(_SAMPLE) == 0)
    values, first, counts = numpy.unique(hashes[starts], return_index=True, return_counts=True)
    once = counts == 1
    return values[once], starts[first[once]]


def _anchors(raw: numpy.ndarray, edition: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Starts in the raw text and in the edition of the anchors both hold once (from the k-gram
    hashes of the two texts), in the edition's order."""
    raw_values, raw_starts = _sampled(raw)
    edition_values, edition_starts = _sampled(edition)
    _, in_raw, in_edition = numpy.intersect1d(raw_values, edition_values, assume_unique=True, return_indices=True)
    r, e = raw_starts[in_raw], edition_starts[in_edition]
    order = numpy.argsort(e, kind="stable")
    return r[order], e[order]


def _touches(marked: numpy.ndarray, starts: numpy.ndarray) -> numpy.ndarray:
    """Which k-grams starting at `starts` hold a marked character."""
    before = numpy.concatenate([[0], numpy.cumsum(marked)])
    return before[numpy.minimum(starts + _K, len(marked))] > before[starts]


Run = tuple[int, int, int, int]
"""Edition start and end, raw start and the raw start of its last anchor."""


def _runs(r: numpy.ndarray, e: numpy.ndarray) -> list[Run]:
    """Anchors in the edition's order cut where the diagonal changes or the edition's gap is long."""
    cut = numpy.flatnonzero((numpy.diff(r) != numpy.diff(e)) | (numpy.diff(e) > _RUN_GAP)) + 1
    starts = numpy.concatenate([[0], cut]).tolist()
    ends = numpy.concatenate([cut, [len(e)]]).tolist()
    r_list, e_list = r.tolist(), e.tolist()
    return [(e_list[a], e_list[b - 1] + _K, r_list[a], r_list[b - 1]) for a, b in zip(starts, ends, strict=True)]


def _heaviest_chain(runs: list[Run]) -> set[int]:
    """The runs, in the edition's order, whose raw starts also go forward, of the largest total
    length: a weighted longest increasing subsequence over a Fenwick tree of prefix maxima."""
    keys = sorted({run[3] for run in runs})
    tree: list[tuple[int, int]] = [(0, -1)] * (len(keys) + 1)
    best: list[tuple[int, int]] = []
    for index, (e_start, e_end, r_start, r_last) in enumerate(runs):
        weight, previous = 0, -1
        position = bisect.bisect_left(keys, r_start)
        while position > 0:
            if tree[position][0] > weight:
                weight, previous = tree[position]
            position -= position & -position
        total = weight + e_end - e_start
        best.append((total, previous))
        position = bisect.bisect_left(keys, r_last) + 1
        while position <= len(keys):
            if total > tree[position][0]:
                tree[position] = (total, index)
            position += position & -position
    chain, index = set(), max(range(len(runs)), key=lambda i: best[i][0])
    while index >= 0:
        chain.add(index)
        index = best[index][1]
    return chain


def _covered(length: int, runs: list[Run]) -> numpy.ndarray:
    """The edition's characters under any of the runs."""
    marks = numpy.zeros(length + 1, dtype=numpy.int32)
    for e_start, e_end, _, _ in runs:
        marks[e_start] += 1
        marks[e_end] -= 1
    return numpy.cumsum(marks[:-1]) > 0


def _recorded(text: str, hashes: numpy.ndarray, exempt: numpy.ndarray, recorded: list[str]) -> numpy.ndarray:
    """The characters of a text under a k-gram of a recorded move, or in a recorded move too short
    for one (a label, a short line: every place it occurs)."""
    marks = numpy.zeros(len(text) + 1, dtype=numpy.int32)
    starts = numpy.flatnonzero(numpy.isin(hashes, exempt))
    numpy.add.at(marks, starts, 1)
    numpy.add.at(marks, starts + _K, -1)
    short = {move for move in recorded if 0 < len(move) < _K}
    codes = code_points(text).astype(numpy.uint64) if short else _NONE
    for length in sorted({len(move) for move in short}):
        starts = _occurrences(text, codes, {move for move in short if len(move) == length}, length)
        numpy.add.at(marks, starts, 1)
        numpy.add.at(marks, starts + length, -1)
    return numpy.cumsum(marks[:-1]) > 0


def _occurrences(text: str, codes: numpy.ndarray, moves: set[str], length: int) -> numpy.ndarray:
    """Where any of `moves`, all `length` long, starts in `text` (overlapping ones too): one pass of
    hashes over the text for them all, each hit checked against the text, where a search of the
    text for each move is quadratic when a document has many."""
    hashes = _hashes(codes, length)
    wanted = numpy.unique(numpy.concatenate([_hashes(code_points(move).astype(numpy.uint64), length) for move in moves]))
    hits = numpy.flatnonzero(numpy.isin(hashes, wanted)).tolist()
    return numpy.array([start for start in hits if text[start:start + length] in moves], dtype=numpy.int64)


def _raw_line(raw_text: str, offset: int) -> int:
    """The 1-based line of the raw text holding its `offset`-th visible character."""
    counts = [len(_visible(line)) for line in raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return bisect.bisect_right(numpy.cumsum(counts).tolist(), offset) + 1
