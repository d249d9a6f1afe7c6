"""Why the edition is what it is at one line of the raw file: the evidence and the deciding rules.

`zhengli explain FILE LINE` prints this; it is what a maintainer reads when a boundary or a
block type is wrong, before touching any rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from zhengli.tasks.charclass import display_width, ends_sentence
from zhengli.tasks.evidence.geometry import measure_geometry
from zhengli.tasks.evidence.layout import LineModel
from zhengli.tasks.evidence.numbering import find_label, scheme
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import furniture_key, heading_like, meta_kind, page_number
from zhengli.tasks.model import Block, Document
from zhengli.tasks.pipeline import read_input, structure
from zhengli.tasks.repairs import lines, repair
from zhengli.tasks.repairs.state import RepairState


@dataclass(frozen=True)
class Explanation:
    line: int
    raw: str
    state: RepairState
    document: Document

    def __str__(self) -> str:
        return "\n".join([
            f"line {self.line}: {_short(self.raw)!r}",
            "", "line model: " + _model(self.state.line_model()),
            "", *(_evidence(self.state.line_model(), line) for line in self.state.lines if line.no == self.line and line.text.strip()),
            *_printed(self.state.lines, self.line),
            "", *_repairs(self),
            "", *_decisions(self),
            "", *_blocks(self),
        ]).rstrip() + "\n"


def explain(data: bytes, path: str, line: int, disabled: Collection[str] = ()) -> Explanation:
    raw = read_input(data, path)
    source, text = raw.source, raw.text
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not 1 <= line <= len(rows):
        raise ValueError(f"{path}: line {line} is out of range: the file has {len(rows)} lines")
    state = repair(text, disabled, raw.boxes, raw.rules)
    return Explanation(line, rows[line - 1], state, structure(source, text, state))


def _model(model: LineModel) -> str:
    return (f"full line {model.typical:g} em, wrapped {model.wrapped}, double-spaced {model.double_spaced}, "
            f"indents mark paragraphs {model.indent_starts}, lost indent {model.lost_indent:g} em, "
            f"curly quotes {model.quote_width:g} em, trailing spaces end paragraphs {model.trailing_space_ends}")


def _evidence(model: LineModel, line: Line) -> str:
    text = line.text.strip()
    label = find_label(text)
    facts = [
        f"page {line.page}", f"width {display_width(text):g} em", f"short of full by {model.shortfall(line):g} em",
        f"indented {model.indented(line)}", f"ends a sentence {ends_sentence(text)}", f"heading-like {heading_like(text)}",
        f"label {label.text!r} ({label.scheme}, {scheme(label.scheme).role})" if label else "no label",
    ]
    if meta_kind(text):
        facts.append(f"reads as meta: {meta_kind(text)}")
    if page_number(text):
        facts.append("reads as a page number")
    elif furniture_key(text):
        facts.append("could be a running header")
    return f"after the line steps: {_short(text)!r}\n  " + ", ".join(facts)


def _printed(lines: list[Line], no: int) -> list[str]:
    """Where a PDF's line is printed, measured as `page-geometry` measures it."""
    geometry = measure_geometry(lines)
    if geometry is None:
        return []
    return [f"  printed on page {box.page} at x {box.x0:g}–{box.x1:g}, baseline {box.baseline:g}, {box.size:g} pt {box.font} "
            f"weight {box.weight} (body {geometry.size:g} pt {geometry.font} weight {geometry.weight}); "
            f"indent {geometry.indent(box):.2f} em, short of the column's edge by {geometry.shortfall(box):.2f} em, "
            f"centred {geometry.centred(box)}, raggedness {geometry.ragged:.2f} em, pitch {geometry.pitch:g} pt"
            for line in lines if line.no == no and line.text.strip() and (box := line.box) is not None]


def _repairs(explanation: Explanation) -> list[str]:
    found = [r for r in explanation.document.repairs if r.line == explanation.line]
    return [f"repair {r.step}: {r.before!r} -> {r.after!r}" for r in found] or ["no repair on this line"]


def _decisions(explanation: Explanation) -> list[str]:
    rules = dict(lines.BOUNDARY_RULES)
    found = [d for d in explanation.state.decisions if d.line == explanation.line]
    described = []
    for decision in found:
        doc = " ".join((rules[decision.rule].__doc__ or "").split("\n\n")[0].split()) if decision.rule in rules else ""
        verdict = "a paragraph ends before it" if decision.ends else "it continues the paragraph"
        described.append(f"boundary: {verdict}, by rule {decision.rule!r}" + (f": {doc}" if doc else ""))
    return described or ["no boundary decision: the line holds no text after the line steps"]


def _blocks(explanation: Explanation) -> list[str]:
    found = [b for b in explanation.document.blocks() if b.first_line <= explanation.line <= b.last_line]
    return [_block(block) for block in found] or ["in no block: its text went into the repair record"]


def _block(block: Block) -> str:
    kind = f" ({block.kind})" if block.kind else ""
    level = f" level {block.level}" if block.level else ""
    text = _short(block.text)
    return (f"block {block.type}{level}{kind}, lines {block.first_line}-{block.last_line}: {text!r}\n"
            f"  starts by rule {block.why.get('start')!r}, typed by rule {block.why.get('type')!r}")


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length] + "…"


def rules_fired(document: Document) -> Counter[str]:
    """Blocks per rule: `start:NAME` for the boundary rule that began a block, `type:NAME` for the
    rule that typed it. Summed over a build, a shift in these counts shows what a change did."""
    counts: Counter[str] = Counter()
    for block in document.blocks():
        counts.update(f"{part}:{name}" for part, name in block.why.items())
    return counts
