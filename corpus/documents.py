"""The test corpus: structured documents written for the purpose, in a one-block-a-line form.

Each line of `documents/NAME.txt` is `KIND: TEXT`, KIND one of title, kicker,
subtitle, meta, h2, h3, h4, p, toc (the table of contents: its title line, then its entries),
head and row (a table's header row and its other rows, cells parted by ` | `: consecutive ones are
one table). The line `# raw: traditional` means the raw form of the
document is in traditional characters (the text here stays simplified: it is the gold).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from zhengli.tasks.evaluate import GoldBlock, gold_kind
from zhengli.tasks.evidence.wording import CONTENTS_TITLE
from zhengli.tasks.model import cells_text

DOCUMENTS = Path(__file__).parent / "documents"
_KINDS = {"title": ("title", 1), "kicker": ("kicker", None), "subtitle": ("subtitle", None), "meta": ("meta", None),
          "h2": ("heading", 2), "h3": ("heading", 3), "h4": ("heading", 4), "p": ("paragraph", None), "toc": ("toc", None)}
_ROWS = ("head", "row")


@dataclass(frozen=True)
class CorpusBlock:
    type: str
    level: int | None
    text: str
    rows: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    """A table's cells, row by row (its text is `cells_text` of them)."""
    header: bool = field(default=False, repr=False)
    """A table whose first row is a header row."""


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    blocks: tuple[CorpusBlock, ...]
    traditional: bool

    @property
    def title(self) -> str:
        return next(b.text for b in self.blocks if b.type == "title")

    def gold(self) -> list[GoldBlock]:
        """The blocks as scored: a table of contents' title is a heading (`../shared/gold/README.md`)."""
        return [GoldBlock("heading" if b.type == "toc" and CONTENTS_TITLE.fullmatch(b.text) else gold_kind(b.type), b.text) for b in self.blocks]


def parse_document(name: str, source: str) -> CorpusDocument:
    """The blocks of a corpus document; a malformed line names its number.

    >>> parse_document("x", "title: 标题\\np: 正文。").blocks[1]
    CorpusBlock(type='paragraph', level=None, text='正文。')
    """
    blocks, traditional = [], False
    for number, line in enumerate(source.splitlines(), 1):
        kind, sep, text = line.partition(": ")
        if line.strip() == "# raw: traditional":
            traditional = True
            continue
        if not line.strip():
            continue
        if not sep or kind not in (*_KINDS, *_ROWS) or not text.strip():
            raise ValueError(f"{name}:{number}: expected 'KIND: TEXT' with KIND in {sorted((*_KINDS, *_ROWS))}, got {line[:30]!r}")
        if kind in _ROWS:
            _add_row(blocks, kind, tuple(cell.strip() for cell in text.split(" | ")))
            continue
        block_type, level = _KINDS[kind]
        blocks.append(CorpusBlock(block_type, level, text.strip()))
    return CorpusDocument(name, tuple(blocks), traditional)


def _add_row(blocks: list[CorpusBlock], kind: str, cells: tuple[str, ...]) -> None:
    r"""A table's row: a table of its own after any other block, the last table's next row after a row.

    >>> parse_document("x", "head: 序号 | 名称\nrow: 1 | 甲").blocks[0].text
    '序号\t名称\n1\t甲'
    """
    table = blocks[-1] if blocks and blocks[-1].type == "table-text" and kind == "row" else None
    rows = (*table.rows, cells) if table else (cells,)
    block = CorpusBlock("table-text", None, cells_text([list(row) for row in rows]), rows, table.header if table else kind == "head")
    if table:
        blocks[-1] = block
    else:
        blocks.append(block)


def load_documents(folder: Path = DOCUMENTS) -> list[CorpusDocument]:
    return [parse_document(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def gold_documents(folder: Path) -> list[CorpusDocument]:
    """The hand-checked texts of the samples (`../shared/gold/*.jsonl`), one document per article
    with a title: real wording, headline groups and numbering, to print under every layout."""
    documents = []
    for path in sorted(folder.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for article in sorted({row["article"] for row in rows}):
            blocks = tuple(CorpusBlock(row["type"], row.get("level"), row["text"]) for row in rows if row["article"] == article)
            if any(block.type == "title" for block in blocks):
                documents.append(CorpusDocument(f"{path.stem[:3]}-{article}", blocks, False))
    return documents
