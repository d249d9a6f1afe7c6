"""Score Markdown editions against gold structure (JSONL, see ../shared/gold/README.md).

Metrics: character error rate of the whole text after folding whitespace and
punctuation width (and strictly, without folding); block-boundary F1, with
boundaries placed by aligning the edition's text to the gold text; and
paragraph and heading F1 on exact folded block texts.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from rapidfuzz.distance import Levenshtein
from zhengli.tasks.model import cells_text

_HEADING_TYPES = {"title", "heading"}
_PARAGRAPH_TYPES = {"paragraph", "toc", "table-text"}


@dataclass(frozen=True)
class GoldBlock:
    kind: str
    text: str


@dataclass(frozen=True)
class Score:
    name: str
    cer: float
    strict_cer: float
    boundary_f1: float
    paragraph_f1: float
    heading_f1: float


def fold(text: str) -> str:
    """Whitespace removed, full-width punctuation and digits folded to ASCII."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def read_gold(path: Path) -> list[GoldBlock]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [GoldBlock(gold_kind(row["type"]), row["text"]) for row in rows]


def gold_kind(block_type: str) -> str:
    """How the scorer counts a block type: heading, paragraph or meta."""
    if block_type in _HEADING_TYPES:
        return "heading"
    return "paragraph" if block_type in _PARAGRAPH_TYPES else "meta"


def read_markdown(text: str) -> list[GoldBlock]:
    """The blocks a Markdown edition parses into, as a reader's tools see them."""
    blocks: list[GoldBlock] = []
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows: list[list[str]] | None = None
    for index, token in enumerate(tokens):
        if token.type in ("table_open", "tr_open", "table_close"):
            rows = _table_rows(token.type, rows, blocks)
            continue
        if token.type != "inline":
            continue
        opener = tokens[index - 1]
        plain = "".join("\n" if child.type == "hardbreak" else child.content
                        for child in token.children or [] if child.type in ("text", "code_inline", "hardbreak"))
        if rows is not None:
            rows[-1].append(plain)
        elif opener.type == "heading_open":
            blocks.append(GoldBlock("heading", plain))
        else:
            children = [c.type for c in token.children or []]
            whole_emphasis = children[:1] == ["em_open"] and children[-1:] == ["em_close"]
            blocks.append(GoldBlock("meta" if whole_emphasis else "paragraph", plain))
    return blocks


def _table_rows(token: str, rows: list[list[str]] | None, blocks: list[GoldBlock]) -> list[list[str]] | None:
    """A pipe table is one block, its text its cells as the JSON edition holds them (`cells_text`);
    a header row with no text is the one a table without a header opens with."""
    if token == "table_open":
        return []
    if token == "tr_open" and rows is not None:
        rows.append([])
        return rows
    blocks.append(GoldBlock("paragraph", cells_text([row for row in rows or [] if any(row)])))
    return None


def _f1(gold: list[str], found: list[str]) -> float:
    if not gold and not found:
        return 1.0
    common = sum((Counter(gold) & Counter(found)).values())
    precision = common / len(found) if found else 0.0
    recall = common / len(gold) if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _boundaries(blocks: list[str]) -> list[int]:
    positions, total = [], 0
    for text in blocks[:-1]:
        total += len(text)
        positions.append(total)
    return positions


def boundary_f1(gold: list[str], found: list[str]) -> float:
    gold_text, found_text = "".join(gold), "".join(found)
    mapping = _position_map(found_text, gold_text)
    gold_b = set(_boundaries(gold))
    found_b = [mapping[p] for p in _boundaries(found)]
    return _f1(sorted(gold_b), [b for b in found_b])


def _position_map(source: str, target: str) -> list[int]:
    """For each position of `source`, the aligned position in `target`."""
    mapping = [0] * (len(source) + 1)
    for op in Levenshtein.opcodes(source, target):
        for offset in range(op.src_end - op.src_start + 1):
            mapping[op.src_start + offset] = min(op.dest_start + offset, op.dest_end) if op.tag in ("equal", "replace") else op.dest_start
    return mapping


def score(name: str, gold: list[GoldBlock], found: list[GoldBlock]) -> Score:
    """A block with no text (a gold file may hold one where its source had only invisible characters) is nothing to find."""
    gold, found = [b for b in gold if fold(b.text)], [b for b in found if fold(b.text)]
    gold_folded = [fold(b.text) for b in gold]
    found_folded = [fold(b.text) for b in found]
    gold_text, found_text = "".join(gold_folded), "".join(found_folded)
    strict_gold = "".join(b.text for b in gold)
    strict_found = "".join(b.text for b in found)
    return Score(
        name=name,
        cer=Levenshtein.distance(gold_text, found_text) / max(len(gold_text), 1),
        strict_cer=Levenshtein.distance(strict_gold, strict_found) / max(len(strict_gold), 1),
        boundary_f1=boundary_f1(gold_folded, found_folded),
        paragraph_f1=_f1([fold(b.text) for b in gold if b.kind == "paragraph"], [fold(b.text) for b in found if b.kind == "paragraph"]),
        heading_f1=_f1([fold(b.text) for b in gold if b.kind == "heading"], [fold(b.text) for b in found if b.kind == "heading"]),
    )


def evaluate_folder(gold_dir: Path, editions: Path) -> list[Score]:
    scores = []
    for gold_path in sorted(gold_dir.glob("*.jsonl")):
        edition = editions / (gold_path.stem + ".md")
        if not edition.exists():
            raise FileNotFoundError(f"{edition}: no Markdown edition for gold file {gold_path}")
        scores.append(score(gold_path.stem, read_gold(gold_path), read_markdown(edition.read_text(encoding="utf-8"))))
    return scores


def overall(scores: list[Score]) -> Score:
    n = max(len(scores), 1)
    return Score("overall", *(sum(getattr(s, f) for s in scores) / n for f in ("cer", "strict_cer", "boundary_f1", "paragraph_f1", "heading_f1")))


def format_report(scores: list[Score]) -> str:
    rows = [f"{'document':<28} {'CER':>7} {'strict':>7} {'bound F1':>8} {'para F1':>8} {'head F1':>8}"]
    for s in [*scores, overall(scores)]:
        rows.append(f"{s.name:<28} {s.cer:7.4f} {s.strict_cer:7.4f} {s.boundary_f1:8.3f} {s.paragraph_f1:8.3f} {s.heading_f1:8.3f}")
    return "\n".join(rows)
