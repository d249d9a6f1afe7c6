"""Local and administrative regulations as the national law database ships them (`corpus/regulations/`):
Word 2019 PDFs, A4, printed by every extractor and scored.

What the database's prints have, and these pages reproduce:

- the title centred in a heading face, the adoption, approval and amendment note under it in
  brackets, set as a block narrower than the text (no first-line indent);
- a 目录: its title letter-spaced (`目　　录`), the 章 entries flush left, the 节 entries indented;
- 章 headings centred, a two-character name letter-spaced (`第一章　总　　则`, `附　　则`), a long
  one broken over two centred lines; 节 headings centred; an unnumbered 附则;
- articles justified to the measure, the first line indented two em, the label in the heading
  face and a U+3000 after it; numbered items `（一）` indented like paragraphs;
- page numbers `－ N －` at the outer edge (right on odd pages, left on even ones) written first in
  the page's text (`flk`), or `- N -` centred and written last (`flk-wps`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.wording import CONTENTS_TITLE

from corpus.documents import CorpusBlock, CorpusDocument, load_documents
from corpus.extract import READERS, raw_input
from corpus.pdf import FONT, wrap
from corpus.producers import HEADING_FONT, MM, reader_table, register_fonts, score_kind_case

REGULATIONS = Path(__file__).parent / "regulations"
SPLIT_HEADING = 12
"""A 章 heading longer than this (label included) is broken over two centred lines."""


@dataclass(frozen=True)
class FlkPage:
    name: str
    size: float
    pitch: float
    margin: float
    page_number: str
    number_first: bool
    outer: bool
    """The page number at the outer edge (right on odd pages), else centred."""


FLK_PAGES = (
    FlkPage("flk", 16, 28.9, 27 * MM, "－ {n} －", True, True),
    FlkPage("flk-wps", 15.5, 28, 28 * MM, "- {n} -", False, False),
)


@dataclass(frozen=True)
class _Run:
    text: str
    font: str


@dataclass(frozen=True)
class _Placed:
    runs: tuple[_Run, ...]
    size: float
    x: float
    char_space: float
    space_before: float


def spaced(text: str) -> str:
    """`第一章　总则` → `第一章　总　　则`, `附则` → `附　　则`: a two-character name letter-spaced."""
    label = find_label(text)
    head = label.text if label else ""
    name = text[len(head):].strip("\u3000 ")
    if len(name) != 2:
        return text
    return (head + "\u3000" if head else "") + name[0] + "\u3000\u3000" + name[1]


def _heading_lines(text: str, size: float, width: float) -> list[_Placed]:
    """Centred heading lines; a long one in two, broken after its label and half its name."""
    if len(text) <= SPLIT_HEADING:
        parts = [spaced(text)]
    else:
        label = find_label(text)
        cut = len(label.text) + 1 + (len(text) - len(label.text)) // 2 if label else len(text) // 2
        parts = [text[:cut], text[cut:]]
    placed = []
    for i, part in enumerate(parts):
        used = pdfmetrics.stringWidth(part, HEADING_FONT, size)
        placed.append(_Placed((_Run(part, HEADING_FONT),), size, (width - used) / 2, 0.0, size if i == 0 else 0.0))
    return placed


def _justified(text: str, size: float, width: float, indent: float, left: float = 0.0) -> list[_Placed]:
    """A paragraph justified to the measure, its first line indented; the label in the heading face."""
    label = find_label(text)
    labelled = label is not None and label.scheme == "article"
    lines = wrap(text, size, width - left, indent)
    placed = []
    for i, line in enumerate(lines):
        x = left + (indent if i == 0 else 0.0)
        used = pdfmetrics.stringWidth(line, FONT, size)
        gap = 0.0 if i == len(lines) - 1 or len(line) < 2 else max((width - x - used) / (len(line) - 1), 0.0)
        if i == 0 and labelled:
            runs = (_Run(label.text, HEADING_FONT), _Run(line[len(label.text):], FONT))
        else:
            runs = (_Run(line, FONT),)
        placed.append(_Placed(runs, size, x, gap, 0.0))
    return placed


def _block_lines(block: CorpusBlock, page: FlkPage, width: float) -> list[_Placed]:
    size = page.size
    if block.type == "title":
        lines = wrap(block.text, size * 22 / 16, width)
        return [_Placed((_Run(line, HEADING_FONT),), size * 22 / 16,
                        (width - pdfmetrics.stringWidth(line, HEADING_FONT, size * 22 / 16)) / 2, 0.0, 0.0) for line in lines]
    if block.type == "meta":
        note = _justified(block.text, size, width - 2 * size, 0.0, 2 * size)
        return [_Placed(p.runs, p.size, p.x, p.char_space, size if i == 0 else 0.0) for i, p in enumerate(note)]
    if block.type == "toc":
        if CONTENTS_TITLE.fullmatch(block.text):
            used = pdfmetrics.stringWidth(block.text, HEADING_FONT, size)
            return [_Placed((_Run(block.text, HEADING_FONT),), size, (width - used) / 2, 0.0, size)]
        label = find_label(block.text)
        x = 2 * size if label is not None and label.scheme == "section" else 0.0
        return [_Placed((_Run(spaced(block.text), FONT),), size, x, 0.0, 0.0)]
    if block.type == "heading":
        return _heading_lines(block.text, size, width)
    return _justified(block.text, size, width, 2 * size)


def render_flk(document: CorpusDocument, page: FlkPage, path: Path) -> None:
    """Write the regulation as the database's Word 2019 PDF (see the module's docstring)."""
    register_fonts()
    page_w, page_h = A4
    width = page_w - 2 * page.margin
    pages: list[list[_Placed]] = [[]]
    used, height = 0.0, page_h - 2 * page.margin
    for line in (line for block in document.blocks for line in _block_lines(block, page, width)):
        need = line.space_before + page.pitch
        if used + need > height and pages[-1]:
            pages.append([])
            used, need = 0.0, page.pitch
        pages[-1].append(line)
        used += need
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for n, lines in enumerate(pages, 1):
        if page.number_first:
            _page_number(canvas, page, n)
        y = page_h - page.margin
        for line in lines:
            y -= (line.space_before if line is not lines[0] else 0.0) + page.pitch
            x = page.margin + line.x
            for run in line.runs:
                canvas.setFont(run.font, line.size)
                canvas.drawString(x, y, run.text, charSpace=line.char_space)
                x += pdfmetrics.stringWidth(run.text, run.font, line.size) + line.char_space * len(run.text)
        if not page.number_first:
            _page_number(canvas, page, n)
        canvas.showPage()
    canvas.save()


def _page_number(canvas: Canvas, page: FlkPage, n: int) -> None:
    canvas.setFont(FONT, 14)
    text, y = page.page_number.format(n=n), page.margin / 2
    if not page.outer:
        canvas.drawCentredString(A4[0] / 2, y, text)
    elif n % 2:
        canvas.drawRightString(A4[0] - page.margin, y, text)
    else:
        canvas.drawString(page.margin, y, text)


def regulation_documents() -> list[CorpusDocument]:
    return load_documents(REGULATIONS)


def flk_cases(folder: Path, documents: list[CorpusDocument] | None = None) -> list[tuple[str, CorpusDocument, bytes]]:
    """Every regulation on every page, read by every reader: (name, document, raw)."""
    cases = []
    for document in regulation_documents() if documents is None else documents:
        for page in FLK_PAGES:
            pdf = folder / f"{document.name}-{page.name}.pdf"
            render_flk(document, page, pdf)
            cases += [(f"{document.name}/{page.name}/{reader}", document, raw_input(pdf, reader)) for reader in READERS]
    return cases


def report(folder: Path) -> str:
    """Per reader over every regulation and page, then per page, then the weakest cases."""
    scores = [score_kind_case(*case) for case in flk_cases(folder)]
    return reader_table(scores, [(f"printed as {page.name}", f"/{page.name}/") for page in FLK_PAGES])


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        print(report(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(scratch)))
