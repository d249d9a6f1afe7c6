"""Render corpus documents to PDF under varied layouts, the way offices and newspapers print them.

A layout fixes the page, the type size, indentation, spacing, columns and the
page furniture (running header, page-number style). Lines are broken by
measured glyph widths, with the usual CJK rule that closing punctuation never
starts a line, so the extractors see what they see in real documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks.evidence.wording import CONTENTS_TITLE

from corpus.documents import CorpusBlock, CorpusDocument

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
FONT = "WenQuanYiZenHei"
_NO_LINE_START = set("，。、；：？！”’）》」』】…%")
_UNBREAKABLE = re.compile(r"[A-Za-z0-9.%]+|.", re.S)
_CENTERED = {"title", "kicker", "subtitle"}
_HEADLINE = {"title", "kicker", "subtitle", "meta"}


@dataclass(frozen=True)
class Layout:
    name: str
    size: float
    margin: float
    indent: int
    gap: float
    columns: int
    header: str | None
    page_number: str
    centre_headings: bool
    leading: float = 1.5


LAYOUTS = (
    Layout("official", 16, 80, 2, 0.0, 1, None, "— {n} —", True),
    Layout("compact", 10.5, 56, 0, 0.8, 1, None, "第 {n} 页 共 {total} 页", False),
    Layout("report", 12, 70, 2, 0.0, 1, "{title}", "- {n} -", False),
    Layout("newspaper", 9.5, 40, 2, 0.0, 2, "江川日报　2024年3月5日　星期二", "{n}", False, 1.25),
    Layout("plain", 14, 64, 2, 0.3, 1, None, "{n}/{total}", True),
    Layout("narrow", 12, 110, 2, 0.0, 1, "{title}", "第{n}页", True),
    Layout("gazette", 11, 50, 2, 0.0, 2, None, "- {n} -", False, 1.4),
    Layout("flush", 15, 60, 0, 0.5, 1, None, "{n}", True),
    Layout("bulletin", 9, 36, 2, 0.0, 1, "江川市人民政府公报　2024年第3期", "— {n} —", False, 1.6),
)
TWO_COLUMNS = frozenset(layout.name for layout in LAYOUTS if layout.columns > 1)


@dataclass(frozen=True)
class _Line:
    text: str
    size: float
    x: float
    space_before: float


def register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        if not FONT_FILE.exists():
            raise FileNotFoundError(f"{FONT_FILE}: CJK font missing (Debian package fonts-wqy-zenhei)")
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))


def wrap(text: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    """Break text into lines no wider than `width`; closing punctuation hangs rather than opening a line."""
    lines, current, used = [], "", first_indent
    for unit in _UNBREAKABLE.findall(text):
        advance = pdfmetrics.stringWidth(unit, FONT, size)
        if current and used + advance > width and unit[0] not in _NO_LINE_START:
            lines.append(current)
            current, used = "", 0.0
        current += unit
        used += advance
    return [*lines, current] if current else lines


def _block_lines(block: CorpusBlock, layout: Layout, width: float, text: str) -> list[_Line]:
    size = layout.size * {"title": 1.5, "kicker": 1.1, "subtitle": 1.1}.get(block.type, 1.0)
    if block.type == "heading" and block.level == 2:
        size = layout.size * 1.15
    space = layout.size * (1.2 if block.type in ("title", "heading") else layout.gap)
    centred = block.type in _CENTERED or (block.type == "heading" and layout.centre_headings) or (
        block.type == "meta" and not text.endswith("：")) or CONTENTS_TITLE.fullmatch(text) is not None
    indent = layout.indent * size if block.type in ("paragraph", "heading") and not centred else 0.0
    lines = wrap(text, size, width, indent)
    placed = []
    for i, line in enumerate(lines):
        line_width = pdfmetrics.stringWidth(line, FONT, size)
        x = (width - line_width) / 2 if centred else (indent if i == 0 else 0.0)
        placed.append(_Line(line, size, x, space if i == 0 else 0.0))
    return placed


def render_pdf(document: CorpusDocument, layout: Layout, path: Path, raw_text: dict[str, str] | None = None) -> None:
    """Write the document as a PDF; `raw_text` maps block text to what is printed instead (traditional script).

    On a multi-column page the headline group spans the columns, as newspapers print it.
    """
    register_font()
    page_w, page_h = A4
    gutter = 18.0
    full_w = page_w - 2 * layout.margin
    col_w = (full_w - gutter * (layout.columns - 1)) / layout.columns
    printed = (raw_text or {}).get
    spanning = [] if layout.columns == 1 else list(takewhile(lambda b: b.type in _HEADLINE, document.blocks))
    head = [line for block in spanning for line in _block_lines(block, layout, full_w, printed(block.text, block.text))]
    body = [line for block in document.blocks[len(spanning):]
            for line in _block_lines(block, layout, col_w, printed(block.text, block.text))]
    offset = sum(line.space_before + line.size * layout.leading for line in head)
    pages = _paginate(body, page_h - 2 * layout.margin, layout.columns, layout.leading, offset)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for n, columns in enumerate(pages, 1):
        _furniture(canvas, layout, document, n, len(pages))
        top = page_h - layout.margin
        if n == 1:
            _draw(canvas, head, layout.margin, top, layout.leading)
            top -= offset
        for c, column in enumerate(columns):
            _draw(canvas, column, layout.margin + c * (col_w + gutter), top, layout.leading)
        canvas.showPage()
    canvas.save()


def _draw(canvas: Canvas, lines: list[_Line], left: float, top: float, leading: float) -> None:
    y = top
    for line in lines:
        y -= line.space_before + line.size * leading
        canvas.setFont(FONT, line.size)
        canvas.drawString(left + line.x, y, line.text)


def _paginate(lines: list[_Line], height: float, columns: int, leading: float, first_offset: float) -> list[list[list[_Line]]]:
    pages: list[list[list[_Line]]] = [[[]]]
    used = first_offset
    for line in lines:
        need = line.space_before + line.size * leading
        if used + need > height and pages[-1][-1]:
            if len(pages[-1]) < columns:
                pages[-1].append([])
                used = first_offset if len(pages) == 1 else 0.0
            else:
                pages.append([[]])
                used = 0.0
            line = _Line(line.text, line.size, line.x, 0.0)
            need = line.size * leading
        pages[-1][-1].append(line)
        used += need
    return pages


def _furniture(canvas: Canvas, layout: Layout, document: CorpusDocument, n: int, total: int) -> None:
    page_w, page_h = A4
    small = max(layout.size * 0.75, 8)
    canvas.setFont(FONT, small)
    if layout.header and n > 1:
        canvas.drawCentredString(page_w / 2, page_h - layout.margin / 2, layout.header.format(title=document.title))
    canvas.drawCentredString(page_w / 2, layout.margin / 2, layout.page_number.format(n=n, total=total))
