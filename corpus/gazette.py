"""Render a law as a gazette prints it: two justified columns under a full-width headline.

The nine layouts of `corpus.pdf` break lines ragged-right, leaving an em free; a gazette
(the NPC Gazette style) sets its articles in two narrow columns, justified, so every line but a
paragraph's last fills the measure exactly, and a paragraph ending on a full line shows no end at
all. Each page has a running head naming the gazette and issue over a rule, and a page number; the
law's title and its adoption note span the page, the rest runs down the left column, then the
right, then the next page. Glyphs are placed one by one, as typesetting systems write justified
lines (a `TJ` of glyphs and the gap after each), or as a line with character spacing.

Typesetting systems write more ways than these (the Founder class): each glyph in a text object of
its own, placed and sized by its own transformation matrix; a page number written right to left;
digits and punctuation in a font of their own, written in a pass of their own after a line's other
glyphs; heads in a heavier face, letter-spaced; the adoption note's digits full-width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, B5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from zhengli.tasks.evidence.wording import CONTENTS_TITLE

from corpus.documents import CorpusBlock, CorpusDocument
from corpus.pdf import FONT, FONT_FILE, register_font, wrap

HEAVY = "WenQuanYiZenHeiSharp"
"""The face labels and headings are set in, as a gazette sets them in 黑体 beside the body's 宋体."""
_LABEL = re.compile(r"^第[一二三四五六七八九十百零]+条")

_HEADLINE = {"title", "kicker", "subtitle", "meta"}


@dataclass(frozen=True)
class GazetteLayout:
    """A gazette's page: its size, type, the columns' measure in characters and the gutter in em."""

    name: str
    page: tuple[float, float]
    size: float
    measure: int
    gutter: float
    head: str
    page_number: str
    number_at_top: bool
    setting: str
    """How a justified line is written: `glyphs` each placed at its own position, `kerned` one `TJ` array
    with the gap after each glyph, `spaced` one string with character spacing (`Tc`), `matrices` each
    glyph in a text object of its own, placed and sized by its own matrix (`q s 0 0 s x y cm BT /F 1 Tf
    (g) Tj ET Q`), `passes` each line a text object of its own, each glyph at its own text matrix, the
    line's digits and punctuation in a second font after its other glyphs."""
    leading: float = 1.55
    folio_backwards: bool = False
    """The page number's glyphs written right to left, as a system setting it flush right writes it."""
    head_tracking: float = 0.0
    """Heads (headings, the title) in the heavy face with this much space between glyphs, in em,
    where they stay well inside the measure (a long head is set solid)."""
    note_digits: str = ""
    """`full`: the adoption note printed with full-width digits."""


GAZETTE_LAYOUTS = (
    GazetteLayout("gazette-b5", B5, 9.5, 20, 1.6, "江川市人民代表大会常务委员会公报　２０２４·３", "—{n}—", False, "glyphs"),
    GazetteLayout("gazette-a4", A4, 10.5, 22, 2.0, "江川市人民代表大会常务委员会公报　2024年第3号", "- {n} -", True, "glyphs"),
    GazetteLayout("gazette-kerned", B5, 9.5, 20, 1.5, "江川市人民代表大会常务委员会公报　２０２４·３", "—{n}—", True, "kerned"),
    GazetteLayout("gazette-spaced", B5, 9.5, 20, 1.8, "江川市人民政府公报　2024年第5期", "{n}", False, "spaced"),
    GazetteLayout("gazette-matrices", (481, 740), 9.5, 21, 1.6, "江川市人民代表大会常务委员会公报　２０２４·５", "—{n}—", False,
                  "matrices", folio_backwards=True, head_tracking=1.0, note_digits="full"),
    GazetteLayout("gazette-passes", (481, 740), 9.5, 21, 1.6, "江川市人民代表大会常务委员会公报　２０２４·５", "—{n}—", True,
                  "passes", folio_backwards=True, head_tracking=0.5),
)
GAZETTE_NAMES = frozenset(layout.name for layout in GAZETTE_LAYOUTS)
FIRST_PAGE = 37
"""A gazette numbers its pages through the year's issues: a law starts on a page well past 1."""
SECOND_PASS = frozenset("，。、；：？！（）《》“”‘’0123456789０１２３４５６７８９%．.·—")
"""What the `passes` setting writes in its second font, after a line's other glyphs."""
SECOND_FONT = "WenQuanYiZenHeiMono"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class _Line:
    text: str
    size: float
    x: float
    width: float | None
    """The width the line is justified to, or None for a line set at its natural width."""
    space_before: float
    heavy: int = 0
    """How many of the line's first characters are set in the heavy face."""
    tracking: float = 0.0
    """Space between the glyphs of a line set at its natural width, in points."""


def _block_lines(block: CorpusBlock, layout: GazetteLayout, width: float, text: str) -> list[_Line]:
    """A block's lines: headline parts and headings centred, paragraphs indented two em and justified."""
    size = layout.size * (1.6 if block.type == "title" else 1.0)
    if block.type in _HEADLINE or block.type == "heading" or CONTENTS_TITLE.fullmatch(text):
        heavy = block.type in ("title", "heading")
        lines = wrap(text, size, width)
        space = layout.size * (0.8 if block.type in ("title", "heading") else 0.3)
        placed = []
        for i, line in enumerate(lines):
            natural = pdfmetrics.stringWidth(line, FONT, size)
            tracking = layout.head_tracking * size if heavy and natural + layout.head_tracking * size * (len(line) - 1) <= 0.6 * width else 0.0
            placed.append(_Line(line, size, (width - natural - tracking * (len(line) - 1)) / 2, None,
                                space if i == 0 else 0.0, len(line) if heavy else 0, tracking))
        return placed
    indent = 0.0 if block.type == "toc" else 2 * size
    lines = wrap(text, size, width, indent)
    label = _LABEL.match(text)
    return [_Line(line, size, indent if i == 0 else 0.0, None if i == len(lines) - 1 else width - (indent if i == 0 else 0.0), 0.0,
                  label.end() if label and i == 0 else 0) for i, line in enumerate(lines)]


def render_gazette(document: CorpusDocument, layout: GazetteLayout, path: Path, raw_text: dict[str, str] | None = None) -> None:
    """Write the document as gazette pages; the headline group spans both columns of the first page.
    `raw_text` maps block text to what is printed instead (traditional script)."""
    register_font()
    if HEAVY not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(HEAVY, str(FONT_FILE), subfontIndex=2))
    if SECOND_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(SECOND_FONT, str(FONT_FILE), subfontIndex=1))
    page_w, page_h = layout.page
    col_w = layout.measure * layout.size
    gutter = layout.gutter * layout.size
    left = (page_w - 2 * col_w - gutter) / 2
    top_margin = 0.09 * page_h
    spanning = document.blocks[:next(i for i, b in enumerate(document.blocks) if b.type not in _HEADLINE)]
    forms = dict(raw_text or {})
    if layout.note_digits == "full":
        forms |= {b.text: forms.get(b.text, b.text).translate(_FULL_WIDTH_DIGITS) for b in document.blocks if b.type == "meta" and b.text.startswith("（")}
    printed = forms.get
    head = [line for block in spanning for line in _block_lines(block, layout, 2 * col_w + gutter, printed(block.text, block.text))]
    body = [line for block in document.blocks[len(spanning):] for line in _block_lines(block, layout, col_w, printed(block.text, block.text))]
    offset = sum(line.space_before + line.size * layout.leading for line in head) + layout.size
    height = page_h - 2 * top_margin
    pages = _paginate(body, height, layout.leading, offset)
    canvas = Canvas(str(path), pagesize=layout.page, invariant=1)
    for n, columns in enumerate(pages):
        _furniture(canvas, layout, FIRST_PAGE + n, left, 2 * col_w + gutter)
        top = page_h - top_margin
        if n == 0:
            _draw(canvas, head, left, top, layout)
            top -= offset
        for c, column in enumerate(columns):
            _draw(canvas, column, left + c * (col_w + gutter), top, layout)
        canvas.showPage()
    canvas.save()


def _paginate(lines: list[_Line], height: float, leading: float, first_offset: float) -> list[list[list[_Line]]]:
    pages: list[list[list[_Line]]] = [[[]]]
    used = first_offset
    for line in lines:
        need = line.space_before + line.size * leading
        if used + need > height and pages[-1][-1]:
            if len(pages[-1]) < 2:
                pages[-1].append([])
                used = first_offset if len(pages) == 1 else 0.0
            else:
                pages.append([[]])
                used = 0.0
            line = _Line(line.text, line.size, line.x, line.width, 0.0, line.heavy, line.tracking)
            need = line.size * leading
        pages[-1][-1].append(line)
        used += need
    return pages


def _draw(canvas: Canvas, lines: list[_Line], left: float, top: float, layout: GazetteLayout) -> None:
    y = top
    for line in lines:
        y -= line.space_before + line.size * layout.leading
        _draw_line(canvas, line, left + line.x, y, layout.setting)


def _draw_line(canvas: Canvas, line: _Line, x: float, y: float, setting: str) -> None:
    """A justified line spreads the measure's spare width over the gaps between its characters."""
    natural = pdfmetrics.stringWidth(line.text, FONT, line.size)
    spare = line.tracking if line.width is None or len(line.text) < 2 else (line.width - natural) / (len(line.text) - 1)
    if setting in ("matrices", "passes"):
        positions = []
        for char in line.text:
            positions.append(x)
            x += pdfmetrics.stringWidth(char, FONT, line.size) + spare
        faces = [HEAVY if index < line.heavy else FONT for index in range(len(line.text))]
        order = list(range(len(line.text)))
        if setting == "passes":
            faces = [SECOND_FONT if char in SECOND_PASS else face for char, face in zip(line.text, faces, strict=True)]
            order = sorted(order, key=lambda index: faces[index] == SECOND_FONT)
        _place(canvas, [(line.text[i], faces[i], positions[i]) for i in order], y, line.size, setting)
        return
    text = canvas.beginText(x, y)
    text.setFont(FONT, line.size)
    if setting == "kerned":
        _kerned(canvas, text, line, -spare * 1000 / line.size)
    elif setting == "glyphs":
        for index, char in enumerate(line.text):
            text.setTextOrigin(x, y)
            text.setFont(HEAVY if index < line.heavy else FONT, line.size)
            text.textOut(char)
            x += pdfmetrics.stringWidth(char, FONT, line.size) + spare
    else:
        text.setCharSpace(spare)
        text.textOut(line.text)
        text.setCharSpace(0)
    canvas.drawText(text)


def _place(canvas: Canvas, glyphs: list[tuple[str, str, float]], y: float, size: float, setting: str) -> None:
    """Glyphs (character, face, x) in the order given: `matrices` each in a text object of its own
    under its own matrix, `passes` all in one text object, each at its own text matrix."""
    code = ["BT"] if setting == "passes" else []
    for char, face, x in glyphs:
        font = pdfmetrics.getFont(face)
        for subset, glyph in font.splitString(char, canvas._doc):
            name, shown = font.getSubsetInternalName(subset, canvas._doc), canvas._escape(glyph)
            if setting == "matrices":
                code.append(f"q {size:g} 0 0 {size:g} {x:.2f} {y:.2f} cm BT {name} 1 Tf ({shown}) Tj ET Q")
            else:
                code.append(f"{name} {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({shown}) Tj")
    canvas._code.extend([*code, "ET"] if setting == "passes" else code)


def _kerned(canvas: Canvas, text: PDFTextObject, line: _Line, shift: float) -> None:
    """The line as `TJ` arrays, a glyph then the displacement that spreads it (thousandths of an em)."""
    for index, char in enumerate(line.text):
        font = pdfmetrics.getFont(HEAVY if index < line.heavy else FONT)
        for subset, glyph in font.splitString(char, canvas._doc):
            text._code.append(f"{font.getSubsetInternalName(subset, canvas._doc)} {line.size:g} Tf "
                              f"[({canvas._escape(glyph)}) {shift:.1f}] TJ")
    text._curSubset = -1


def _furniture(canvas: Canvas, layout: GazetteLayout, number: int, left: float, width: float) -> None:
    """The running head over a rule at the top; the page number at the top's outer edge (written
    first) or the foot (written last). A system that places glyphs one by one places these too, the
    page number backwards where it says so."""
    page_w, page_h = layout.page
    small = layout.size * 0.85
    y = page_h - 0.055 * page_h
    folio = layout.page_number.format(n=str(number).translate(_FULL_WIDTH_DIGITS) if layout.folio_backwards else number)
    folio_width, head_width = (pdfmetrics.stringWidth(text, FONT, small) for text in (folio, layout.head))
    if layout.number_at_top:
        outer_left = number % 2 == 0
        folio_at = (left if outer_left else left + width - folio_width, y)
        head_at = (left + width - head_width if outer_left else left, y)
    else:
        head_at = ((page_w - head_width) / 2, y)
        folio_at = ((page_w - folio_width) / 2, 0.045 * page_h)
    runs = [(layout.head, head_at, False), (folio, folio_at, layout.folio_backwards)]
    for text, (x, at_y), backwards in runs[::-1] if layout.number_at_top else runs:
        if layout.setting in ("matrices", "passes"):
            _run(canvas, text, x, at_y, small, layout.setting, backwards)
        else:
            canvas.setFont(FONT, small)
            canvas.drawString(x, at_y, text)
    canvas.setLineWidth(0.5)
    canvas.line(left, y - 3, left + width, y - 3)


def _run(canvas: Canvas, text: str, x: float, y: float, size: float, setting: str, backwards: bool) -> None:
    """A line at its natural width, glyph by glyph, from its last glyph to its first if `backwards`."""
    glyphs = []
    for char in text:
        glyphs.append((char, FONT, x))
        x += pdfmetrics.stringWidth(char, FONT, size)
    _place(canvas, glyphs[::-1] if backwards else glyphs, y, size, setting)
