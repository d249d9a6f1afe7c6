"""The document model every stage shares: one typed tree with provenance.

Repairs produce `Repair` records, structure detection produces `Text`s of
`Block`s, and the three renderers read nothing else. Source line numbers are
1-based lines of the decoded raw text, so every block and every repair can be
traced back to the file a reader holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, is_dataclass
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

BlockType = Literal["title", "kicker", "subtitle", "meta", "heading", "paragraph", "toc", "table-text"]
"""`table-text`: a table, kept row by row (its text holds one row a line: spaced as printed where
the input was text, its cells parted by tabs where a PDF's geometry decided them)."""


@dataclass(frozen=True)
class Repair:
    """One change made to the raw text: which step, where, what it was, what it became."""

    step: str
    line: int
    before: str
    after: str


@dataclass(frozen=True)
class Flag:
    """A problem noticed but not (or not fully) repaired, such as a garbled span or a numbering gap."""

    kind: str
    line: int
    message: str


@dataclass(frozen=True)
class PageBreak:
    """A page boundary: the page that starts at `line`, with its printed number when one was found."""

    line: int
    n: str | None = None


@dataclass(frozen=True)
class Label:
    """A numbering label such as `第三条` or `（一）`, with its scheme and integer value; or a PDF
    footnote's marker as printed (`①`, `[1]`, `注`), scheme `footnote`, no value."""

    text: str
    scheme: str
    n: int | None


@dataclass(frozen=True)
class Region:
    """Where part of a block is printed: its page and box in PDF points, origin at the page's bottom left."""

    page: int
    bbox: tuple[float, float, float, float]
    """x0, y0 (below), x1, y1 (above)."""


@dataclass(frozen=True)
class Surface:
    """A page of a PDF and its size in points."""

    page: int
    width: float
    height: float


@dataclass(frozen=True)
class Original:
    """What the source printed where a repair normalised a block's text and the edition marks it:
    `text[offset:offset + length]` of the block was `original` (the script step's conversions:
    `现代化` was `現代化`). The TEI edition writes both; the repair record holds them too."""

    offset: int
    length: int
    original: str


@dataclass(frozen=True)
class Span:
    """A table cell merged over more than one row or column: the cell at (`row`, `column`) of the
    block's `rows` (counted from 0) covers `rows` rows and `cols` columns, the cells it covers empty."""

    row: int
    column: int
    rows: int
    cols: int


@dataclass
class Block:
    """One block of a text. `offset_breaks` are page breaks falling inside the block's text."""

    type: BlockType
    text: str
    first_line: int
    last_line: int
    pages: list[int] = field(default_factory=list)
    level: int | None = None
    label: Label | None = None
    lead: str | None = None
    offset_breaks: list[tuple[int, str | None]] = field(default_factory=list)
    kind: str | None = None
    """What a meta or toc block is: `masthead` (an official document's issuing authority's mark
    above its number), `dateline`, `signer`, `byline`, `note`, `addressee`, `doc-number`, `serial`
    (minutes' or an issue's number, `〔2024〕第5次`), `dated-row` (an office and a date in one row),
    `field` (a label-and-value row), `issue` (a periodical's name and issue), `meta-line` (meta by
    its place alone), `footnote` (a PDF's footnote, where it is printed);
    `contents-title`, `contents-entry`."""
    why: dict[str, str] = field(default_factory=dict)
    """The rules that decided the block: `start` (where it begins, a boundary rule of
    `join-lines`) and `type` (a rule of the structure builder)."""
    regions: list[Region] = field(default_factory=list)
    """Where the block is printed, one region per page, when the input was a PDF."""
    rows: list[list[str]] | None = None
    """A `table-text` block's cells, row by row, one entry per column (`""` where a row has none)."""
    originals: list[Original] = field(default_factory=list)
    """Where the script step converted the block's text, in order (see `Original`)."""
    header: bool | None = None
    """Whether a `table-text` block's first row is a header row (set apart by its type or by a rule
    under it, in a PDF); None for other blocks."""
    spans: list[Span] = field(default_factory=list)
    """A PDF table's cells merged over rows or columns (see `Span`)."""


@dataclass
class Text:
    """One article of a file; a compilation holds several."""

    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if b.type == "title"), "")


@dataclass
class Source:
    """What was read: the raw file and how its bytes were decoded."""

    path: str
    sha256: str
    size: int
    encoding: str
    confidence: float
    producer: str | None = None
    """The PDF's producer (`Microsoft® Word 2019`, `Skia/PDF m136`) when the raw file was a PDF."""


@dataclass
class Document:
    source: Source
    script: str = "simplified"
    texts: list[Text] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    page_breaks: list[PageBreak] = field(default_factory=list)
    surfaces: list[Surface] = field(default_factory=list)
    """The pages of a PDF input, for the blocks' regions; empty for text input."""

    @property
    def title(self) -> str:
        return next((t.title for t in self.texts if t.title), "")

    def blocks(self) -> list[Block]:
        return [b for t in self.texts for b in t.blocks]

    def to_dict(self) -> dict:
        return {"schema_version": SCHEMA_VERSION, **plain(self)}


def plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples as lists, recursively: `asdict` without its deep copies (10x faster)."""
    if is_dataclass(value):
        fields_ = dict(value.__dict__)
        for name, item in fields_.items():
            if not isinstance(item, _SCALARS):
                fields_[name] = plain(item)
        return fields_
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


_SCALARS = (str, int, float, bool, type(None))


def cells_text(rows: list[list[str]]) -> str:
    r"""The text of a table whose cells the PDF's geometry decided: a row a line, a tab between
    cells, a row's empty cells at its end left out.

    >>> cells_text([["名称", "金额", ""], ["", "645", ""]])
    '名称\t金额\n\t645'
    """
    return "\n".join("\t".join(row).rstrip("\t") for row in rows)

