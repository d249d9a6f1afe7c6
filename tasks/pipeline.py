"""The text logic end to end, as plain functions: decode, repair, structure, check.

Prefect tasks wrap these one to one; tests and benchmarks call them directly.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import numpy
from zhengli.tasks import readahead
from zhengli.tasks.charclass import code_points
from zhengli.tasks.decode import Decoded, decode
from zhengli.tasks.evidence.units import Box, Rule
from zhengli.tasks.model import Document, Flag, Region, Source, Surface
from zhengli.tasks.moves import moved_text_flag
from zhengli.tasks.pdf import is_pdf, read_pdf
from zhengli.tasks.repairs import repair
from zhengli.tasks.repairs.script import classify_script
from zhengli.tasks.repairs.state import RepairState
from zhengli.tasks.structure.build import build_texts, label_sequence_problems


class NothingLostError(AssertionError):
    """Characters of the raw text vanished without a repair record: a bug in a repair."""


def read_source(data: bytes, path: str) -> tuple[Source, str]:
    raw = read_input(data, path)
    return raw.source, raw.text


@dataclass
class Input:
    """A raw file as the repairs read it: its text, and where the file was a PDF, each line's box
    and the pages."""

    source: Source
    text: str
    boxes: dict[int, Box] = field(default_factory=dict)
    surfaces: list[Surface] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    """The ruled lines drawn on a PDF's pages."""
    doubts: list[str] = field(default_factory=list)
    """Why what was read may not be the text (a guessed encoding, unmapped glyphs): the first flags."""


def read_input(data: bytes, path: str) -> Input:
    """A PDF (by its header) through its text layer, anything else through `decode`."""
    if is_pdf(data):
        digest = hashlib.sha256(data).hexdigest()
        layer = readahead.take(digest)
        if layer is None:
            layer = read_pdf(data)
        source = Source(path, digest, len(data), "pdf", 1.0, layer.producer)
        surfaces = [Surface(n, page.width, page.height) for n, page in enumerate(layer.pages, start=1)]
        return Input(source, layer.text, layer.boxes, surfaces, layer.rules, layer.flags)
    decoded = decode(data)
    return Input(_source(data, path, decoded), decoded.text, doubts=[decoded.doubt] if decoded.doubt else [])


def _source(data: bytes, path: str, decoded: Decoded) -> Source:
    return Source(path, hashlib.sha256(data).hexdigest(), len(data), decoded.encoding, round(decoded.confidence, 3))


def structure(source: Source, raw_text: str, state: RepairState) -> Document:
    """The document model of the repaired text, checked for lost characters and flagged for review
    where text moved without a record."""
    document = detect_structure(source, raw_text, state)
    check_nothing_lost(raw_text, document)
    check_order(raw_text, document)
    return document


def detect_structure(source: Source, raw_text: str, state: RepairState) -> Document:
    document = Document(
        source=source,
        script=_dominant_script(raw_text),
        texts=build_texts(state.paras, state.page_breaks),
        repairs=list(state.repairs),
        flags=list(state.flags),
        page_breaks=list(state.page_breaks),
    )
    for text in document.texts:
        document.flags += [Flag("numbering", line, message) for line, message in label_sequence_problems(text)]
    return document


class NoText(ValueError):
    """A raw file with nothing to make an edition of: only whitespace and form feeds, or only page furniture."""


def clean(data: bytes, path: str, disabled: Collection[str] = ()) -> Document:
    """The document of a raw file; what makes its reading doubtful is its first flag."""
    raw = read_input(data, path)
    state = repair(raw.text, disabled, raw.boxes, raw.rules)
    document = structure(raw.source, raw.text, state)
    if not document.blocks():
        held = "only whitespace and form feeds" if not raw.text.strip() else "nothing the repairs left: only page numbers, headers or markers"
        raise NoText(f"holds no text ({held}): no edition to make")
    document.flags[:0] = [Flag("encoding" if raw.source.encoding != "pdf" else "pdf", 1, doubt) for doubt in raw.doubts]
    if raw.surfaces:
        document.surfaces = raw.surfaces
        locate_blocks(document, state)
    return document


def locate_blocks(document: Document, state: RepairState) -> None:
    """Each block's regions: the boxes of the lines it holds, united per page (lines a repair
    emptied, such as page numbers, are no part of it)."""
    boxes = {line.no: line.box for line in state.lines if line.box is not None and line.text.strip()}
    for block in document.blocks():
        pages: dict[int, list[Box]] = {}
        for no in range(block.first_line, block.last_line + 1):
            box = boxes.get(no)
            if box is not None:
                pages.setdefault(box.page, []).append(box)
        block.regions = [Region(page, (min(b.x0 for b in mine), min(b.y0 for b in mine), max(b.x1 for b in mine), max(b.y1 for b in mine)))
                         for page, mine in sorted(pages.items())]


def _dominant_script(text: str) -> str:
    script = classify_script(text)
    return "simplified" if script == "neutral" else script


def check_nothing_lost(raw_text: str, document: Document) -> None:
    """Every visible character of the raw text is in a block or in a repair's `before`.

    Compared as multisets of non-whitespace characters: raw + inserted == kept + removed.
    The multisets are sorted arrays of code points, four times faster than `Counter`s.
    """
    supplied = _visible([raw_text, *(r.after for r in document.repairs)])
    accounted = _visible([*(b.text for b in document.blocks()), *(r.before for r in document.repairs)])
    if not numpy.array_equal(supplied, accounted):
        missing, extra = _difference(supplied, accounted), _difference(accounted, supplied)
        raise NothingLostError(
            f"{document.source.path}: text changed without a repair record: lost {missing[:60]!r}, invented {extra[:60]!r}"
        )


def check_order(raw_text: str, document: Document) -> None:
    """Order is text: more than 1 % of the characters out of the raw text's order, with no step's
    record of the move, flags the document (`tasks/moves.py`)."""
    flag = moved_text_flag(raw_text, document)
    if flag is not None:
        document.flags.append(flag)


def _visible(parts: Iterable[str]) -> numpy.ndarray:
    visible = "".join("".join(parts).split())
    return numpy.sort(code_points(visible))


def _difference(these: numpy.ndarray, those: numpy.ndarray) -> str:
    """The characters `these` holds more often than `those`, in code-point order."""
    surplus = Counter(these.tolist()) - Counter(those.tolist())
    return "".join(chr(code) for code in sorted(surplus.elements()))
