"""PDF in: the text layer of a PDF as lines, each with where and how it is printed.

PDFium (pypdfium2) reads the characters in the order of the page's content stream, which is
the order the producer wrote them — column by column for the two-column Gazette, where
pdftotext's default mode interleaves the columns — and breaks lines where the baseline
changes. Each line keeps its box (PDF points, origin at the page's bottom left), its font
size and whether its font is heavier than the page's body text; the repair chain reads these
as evidence beside the text (`tasks.evidence.geometry`).

The text layer is what nothing-lost is measured against: pages joined by form feeds, lines by
line breaks, exactly as `split_lines` numbers them, so the box of line N is `boxes[N]`.
"""

from __future__ import annotations

import ctypes
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from zhengli.tasks.decode import MAX_BYTES
from zhengli.tasks.evidence.units import Box, Rule

PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 1024 * 1024 * 1024
"""PDFs carry images: a file may be large; its text is held to the text limit (`MAX_BYTES`)."""
PRIVATE_USE_SHARE = 0.02
"""More of a document's characters than this in the Private Use Area, or without a Unicode
map, and its fonts did not say what their glyphs are: the text layer is no text."""
CODES_AS_TEXT_SHARE = 0.95
"""Characters PDFium found no Unicode map for are read by their codes (its fallback); where at least
this share of them, so read, are characters of GB 2312 and most of those Chinese, the codes are
Unicode (an OCR layer's font, Tesseract's `GlyphLessFont`, maps its codes to themselves with one
range PDFium does not apply): glyph numbers read as Unicode scatter over every script and rarely
land on common Chinese."""
INVISIBLE = pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
"""Text drawn with neither fill nor stroke (render mode 3): an OCR layer over a page image."""
_BREAKS = "\r\n"
_FONT_NAME_BYTES = 128
GUTTER_EM = 1.5
"""Characters of one baseline further apart than this (in the line's height) are in two columns."""
RUN_GAP_EM = 0.5
"""A character this close after the previous one on its baseline (in its height) continues its line,
whatever break PDFium generated between them: a wider gap may part two cells of a table."""
ROW_OVERLAP_EM = 0.1
"""Boxes of two lines may overlap this much of a character's height (a note's raised number
overlaps its line by half its own height or more)."""
_TYPE_SAMPLES = 8
"""A line's type is read from its first characters."""
RULE_THICKNESS = 2.0
"""A filled bar no thicker than this (in points) is a ruled line: producers draw rules as thin rectangles."""
MIN_RULE = 6.0
"""Strokes shorter than this (in points) are no rules: ticks, underlines of a character, glyph parts."""
_AXIS = 0.5
"""A segment whose ends differ by less than this (in points) across it is horizontal or vertical."""


class PdfError(ValueError):
    """A PDF zhengli cannot read as text: locked, damaged, without a text layer, or without a Unicode map."""


@dataclass(frozen=True)
class PdfPage:
    width: float
    height: float


@dataclass
class PdfLayer:
    """A PDF's text layer: the text, the box of each line by its line number, and the pages."""

    text: str
    boxes: dict[int, Box]
    pages: list[PdfPage]
    producer: str
    """The software that wrote the PDF: its Producer, or where it names none (WPS) its Creator."""
    flags: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    """The horizontal and vertical lines drawn on the pages (a table's rules), page by page."""


def is_pdf(data: bytes) -> bool:
    """A PDF by its header (it may follow a little junk, as readers allow), not by its name."""
    return PDF_MAGIC in data[:1024]


PDFIUM = threading.Lock()
"""Held for all PDFium work: PDFium is not thread-safe, not even on different documents (two threads
in it at once crash the process), and a build reads its documents on threads."""


def read_pdf(data: bytes) -> PdfLayer:
    if len(data) > MAX_PDF_BYTES:
        raise PdfError(f"file too large: {len(data)} bytes, the limit for a PDF is {MAX_PDF_BYTES}")
    with PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PdfError(_load_error(str(error))) from None
        try:
            return _layer(document)
        finally:
            document.close()


def _load_error(message: str) -> str:
    if "password" in message.lower():
        return "the PDF is encrypted with a password to open it; zhengli reads PDFs that open without one"
    return f"the PDF is damaged or truncated and cannot be opened ({message.strip('.')})"


def _layer(document: pdfium.PdfDocument) -> PdfLayer:
    pages: list[PdfPage] = []
    page_lines: list[list[PageLine]] = []
    rules: list[Rule] = []
    unmapped = total = 0
    by_code: list[str] = []
    for number in range(len(document)):
        page = document[number]
        width, height = page.get_size()
        pages.append(PdfPage(round(width, 2), round(height, 2)))
        textpage = page.get_textpage()
        lines, page_unmapped, page_by_code, page_total = _page_lines(textpage, number + 1)
        textpage.close()
        rules += _page_rules(page, number + 1)
        page.close()
        page_lines.append(lines)
        unmapped, total = unmapped + page_unmapped, total + page_total
        by_code += page_by_code
    if not pages:
        raise PdfError("the PDF has no pages")
    if total == 0:
        raise PdfError(f"no text layer on any of its {len(pages)} pages: a scan without OCR (zhengli does not do OCR)")
    read_by_code = bool(by_code) and _codes_read_as_text(by_code)
    if not read_by_code:
        unmapped += len(by_code)
    if unmapped > PRIVATE_USE_SHARE * total:
        raise PdfError(f"{unmapped} of its {total} characters have no Unicode meaning (fonts without a ToUnicode map, "
                       "private-use or (cid:N) codes): the text layer cannot be read as text")
    text, boxes = _text_and_boxes(_untyped_invisible(page_lines))
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise PdfError(f"text layer too large: {len(text.encode('utf-8'))} bytes of text, the limit is {MAX_BYTES}")
    metadata = document.get_metadata_dict()
    producer = (metadata.get("Producer") or metadata.get("Creator") or "").strip()
    flags = [f"{unmapped} characters without a Unicode meaning were kept as extracted"] if unmapped else []
    if read_by_code:
        flags.append(f"{len(by_code)} characters without a Unicode map were read by their codes, which read as Chinese text")
    return PdfLayer(text, boxes, pages, producer, flags, rules)


def _codes_read_as_text(chars: list[str]) -> bool:
    """Characters read by their codes make Chinese text (`CODES_AS_TEXT_SHARE`)."""
    common = chinese = 0
    for char in chars:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
        chinese += "\u4e00" <= char <= "\u9fff"
    return common >= CODES_AS_TEXT_SHARE * len(chars) and 2 * chinese >= len(chars)


PageLine = tuple[str, Box | None, bool]
"""A line as read: its text, its box, and whether it is drawn invisibly (an OCR layer)."""


def _untyped_invisible(page_lines: list[list[PageLine]]) -> list[list[tuple[str, Box | None]]]:
    """The lines with their boxes, an invisible line's type made the invisible text's usual size,
    regular weight: an OCR engine sizes its text to fit the word or block boxes it found (Tesseract
    one size a block, each word stretched to its width), so its sizes and weights say nothing of
    the printed type and would part headings and body text where the print does not."""
    invisible = [box for lines in page_lines for _, box, hidden in lines if hidden and box is not None]
    if not invisible:
        return [[(text, box) for text, box, _ in lines] for lines in page_lines]
    size = _median(tuple(box.size for box in invisible))
    font = _mode(tuple(box.font for box in invisible))
    return [[(text, replace(box, size=size, weight=400, font=font) if hidden and box is not None else box)
             for text, box, hidden in lines] for lines in page_lines]


Matrix = tuple[float, float, float, float, float, float]
"""A PDF transformation (a, b, c, d, e, f): x' = a·x + c·y + e, y' = b·x + d·y + f."""
Extent = tuple[float, float, float, float]
"""A character's loose box as the line reader keeps it: left, right, bottom, top (page points), the
order its tests read it in, not PDFium's (left, top, right, bottom)."""
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_FORM_DEPTH = 8
"""Form XObjects nested deeper than this are not read for rules (producers nest one or two)."""


def _page_rules(page: pdfium.PdfPage, number: int) -> list[Rule]:
    """The page's ruled lines: the horizontal and vertical segments of its stroked paths, and its
    filled bars no thicker than a rule, in page coordinates — also those drawn inside form XObjects
    (a table a producer drew once as a form and placed on the page), each carried to the page by
    the matrices of the forms around it."""
    rules: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    edges = [ctypes.c_float() for _ in range(4)]
    for path, outer in _paths(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, _IDENTITY, 0):
        pdfium_c.FPDFPath_GetDrawMode(path, fill, stroke)
        if stroke.value:
            rules += _segments(path, outer, number)
        elif fill.value:
            pdfium_c.FPDFPageObj_GetBounds(path, *edges)
            left, bottom, right, top = _bounds(tuple(edge.value for edge in edges), outer)
            if min(right - left, top - bottom) <= RULE_THICKNESS and max(right - left, top - bottom) >= MIN_RULE:
                middle = ((bottom + top) / 2, (left + right) / 2)
                rules.append(Rule(number, left, middle[0], right, middle[0]) if right - left > top - bottom
                             else Rule(number, middle[1], bottom, middle[1], top))
    return rules


def _paths(parent: ctypes.c_void_p, count: Callable, get: Callable, outer: Matrix, depth: int) -> Iterator[tuple[ctypes.c_void_p, Matrix]]:
    """The path objects of a page or form, each with the matrix that carries its form's space to
    the page (PDFium gives a form's children in the form's space), forms' children included, read
    through PDFium's raw calls: most objects are text, and a helper object for each costs more
    than reading the page."""
    matrix = pdfium_c.FS_MATRIX()
    for index in range(count(parent)):
        item = get(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(item)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield item, outer
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
            pdfium_c.FPDFPageObj_GetMatrix(item, matrix)
            yield from _paths(item, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject,
                              _times(_of(matrix), outer), depth + 1)


def _of(matrix: pdfium_c.FS_MATRIX) -> Matrix:
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _times(first: Matrix, then: Matrix) -> Matrix:
    """`first` applied, then `then`."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then  # noqa: N806 - the second matrix's entries, named as the first's
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _bounds(bounds: tuple[float, ...], matrix: Matrix) -> tuple[float, float, float, float]:
    """A box carried by a matrix: the box around its carried corners."""
    left, bottom, right, top = bounds
    corners = [_apply(matrix, x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _segments(path: ctypes.c_void_p, outer: Matrix, number: int) -> list[Rule]:
    """The straight horizontal and vertical segments of a stroked path (a grid is often one path)."""
    own = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(path, own)
    matrix = _times(_of(own), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    rules: list[Rule] = []
    current = start = (0.0, 0.0)
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            rules += _rule(number, current, point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            rules += _rule(number, point, start)
            point = start
        current = point
    return rules


def _rule(number: int, a: tuple[float, float], b: tuple[float, float]) -> list[Rule]:
    (x0, y0), (x1, y1) = sorted([a, b])
    if abs(y1 - y0) < _AXIS and x1 - x0 >= MIN_RULE:
        return [Rule(number, round(x0, 2), round(y0, 2), round(x1, 2), round(y0, 2))]
    if abs(x1 - x0) < _AXIS and abs(y1 - y0) >= MIN_RULE:
        low, high = sorted((y0, y1))
        return [Rule(number, round(x0, 2), round(low, 2), round(x0, 2), round(high, 2))]
    return []


def _text_and_boxes(page_lines: list[list[tuple[str, Box | None]]]) -> tuple[str, dict[int, Box]]:
    """Pages joined by `\\n\\f`, so that a page's first line shares its line number with the form feed."""
    rows: list[str] = []
    boxes: dict[int, Box] = {}
    for index, lines in enumerate(page_lines):
        texts = [text for text, _ in lines] or [""]
        if index:
            texts[0] = "\f" + texts[0]
        boxes.update((len(rows) + 1 + k, box) for k, (_, box) in enumerate(lines) if box is not None)
        rows += texts
    return "\n".join(rows), boxes


def _page_lines(textpage: pdfium.PdfTextPage, page: int) -> tuple[list[PageLine], int, list[str], int]:
    """The page's lines with their boxes, how many of its characters are private-use, those PDFium
    read by their codes for want of a Unicode map, and how many characters it has.

    PDF reading's hot loop: PDFium has no call that returns a page's boxes at once, so each character
    costs its calls (made bare, `_bare`), and little else per character is a Python call."""
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
    rect = pdfium_c.FS_RECTF()
    rect_at = ctypes.byref(rect)
    read_rect = _RECT.unpack_from
    unicode, generated, map_error, loose_box = _PER_CHARACTER
    sample = _Sampler(handle)
    lines: list[PageLine] = []
    line = _Line(page)
    unmapped = total = 0
    by_code: list[str] = []
    # PDFium generated a line break (`broken`, the spaces after it `held`): the line ends there
    # unless the next character runs on (`_runs_on`).
    broken = False
    held: list[str] = []
    for index in range(pdfium_c.FPDFText_CountChars(textpage.raw)):
        code = unicode(handle, index)
        char = chr(code) if code < 0x110000 else "\ufffd"
        if char in _BREAKS:
            if not generated(handle, index):
                if broken:
                    line = line.close(lines)
                    line.chars += held
                    held.clear()
                    broken = False
                line = line.close(lines)
            elif char == "\n":
                broken = True
            continue
        if char.isspace():
            (held if broken else line.chars).append(char)
            continue  # PDFium generates only spaces and line breaks; a space has no box worth reading
        total += 1
        if 0xE000 <= code <= 0xF8FF:
            unmapped += 1
        elif map_error(handle, index) == 1:
            by_code.append(char)
        loose_box(handle, index, rect_at)
        left, top, right, bottom = read_rect(rect)
        current = (left, right, bottom, top)
        if broken:
            if not line.extents or not _runs_on(line.extents[-1], current):
                line = line.close(lines)
            line.chars += held
            held.clear()
            broken = False
        if line.extents and (_parted(line.extents[-1], current) or _next_row(line.extents[-1], current)):
            while line.chars[-1] == " ":
                line.chars.pop()
            line = line.close(lines)
        line.chars.append(char)
        line.extents.append(current)
        if len(line.samples) < _TYPE_SAMPLES:
            line.samples.append(sample(index))
    if broken:
        line = line.close(lines)
        line.chars += held
    line.close(lines)
    return lines, unmapped, by_code, total


def _bare(function: Callable, restype: type) -> Callable:
    """A PDFium function called without pypdfium2's checks of its arguments, which cost more than the
    call itself: for the calls made per character, whose arguments (the text page's handle as a
    `c_void_p`, an index, structs and numbers by reference, a buffer's length as a `c_ulong`) are
    built right by their callers."""
    bare = type(function)(ctypes.cast(function, ctypes.c_void_p).value)  # the library's calling convention
    bare.restype = restype
    return bare


_PER_CHARACTER = (_bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint), _bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int),
                  _bare(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int), _bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int))
"""GetUnicode, IsGenerated, HasUnicodeMapError and GetLooseCharBox."""
_RECT = struct.Struct("4f")
"""FS_RECTF's fields as laid out: left, top, right, bottom (read at once: field by field costs more than the call)."""
_MATRIX, _ORIGIN, _FONT_INFO, _FONT_SIZE, _FONT_WEIGHT, _TEXT_OBJECT, _RENDER_MODE = (
    _bare(pdfium_c.FPDFText_GetMatrix, ctypes.c_int), _bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int),
    _bare(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong), _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double),
    _bare(pdfium_c.FPDFText_GetFontWeight, ctypes.c_int), _bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p),
    _bare(pdfium_c.FPDFTextObj_GetTextRenderMode, ctypes.c_int))


Sample = tuple[float, int, str, float, bool]
"""A character's type: size, weight, font, baseline, and whether it is invisible."""


class _Sampler:
    """The type of a character of one text page: its size scaled by the text matrix, weight, font,
    baseline and whether it is drawn invisibly (a line's type is read from its first characters)."""

    def __init__(self, handle: ctypes.c_void_p) -> None:
        self.handle = handle
        self.matrix = pdfium_c.FS_MATRIX()
        self.origin_x, self.origin_y = ctypes.c_double(), ctypes.c_double()
        self.font_name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
        self.flags = ctypes.c_int()
        self._arguments = (ctypes.byref(self.matrix), ctypes.byref(self.origin_x), ctypes.byref(self.origin_y),
                           self.font_name, ctypes.c_ulong(_FONT_NAME_BYTES), ctypes.byref(self.flags))

    def __call__(self, index: int) -> Sample:
        handle, matrix = self.handle, self.matrix
        matrix_at, origin_x_at, origin_y_at, font_name, length, flags_at = self._arguments
        _MATRIX(handle, index, matrix_at)
        _ORIGIN(handle, index, origin_x_at, origin_y_at)
        _FONT_INFO(handle, index, font_name, length, flags_at)
        return (_FONT_SIZE(handle, index) * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5,
                _FONT_WEIGHT(handle, index), font_name.value.decode("latin-1"), self.origin_y.value,
                _RENDER_MODE(ctypes.c_void_p(_TEXT_OBJECT(handle, index))) == INVISIBLE)


class _Line:
    """A line being read: its characters, their advance boxes (left, right, bottom, top) and the type
    of its first characters."""

    __slots__ = ("chars", "extents", "page", "samples")

    def __init__(self, page: int) -> None:
        self.page = page
        self.chars: list[str] = []
        self.extents: list[Extent] = []
        self.samples: list[Sample] = []

    def close(self, lines: list[PageLine]) -> _Line:
        """Add the line to `lines` if it has characters; the line that follows, empty. A line is
        invisible where most of its first characters are."""
        if not self.chars:
            return self
        hidden = 2 * sum(sample[4] for sample in self.samples) > len(self.samples)
        lines.append(("".join(self.chars), self._box() if self.extents else None, hidden))
        return _Line(self.page)

    def _box(self) -> Box:
        """A line's box, from its characters' advance boxes (a full line reaches the column's edge even
        where it ends in a narrow comma); its type (size scaled by the text matrix, weight, font) and
        baseline those of most of its first characters (a line is set in one type)."""
        lefts, rights, bottoms, tops = zip(*self.extents, strict=True)
        sizes, weights, fonts, baselines, _ = zip(*self.samples, strict=True)
        return Box(self.page, round(min(lefts), 2), round(min(bottoms), 2), round(max(rights), 2), round(max(tops), 2),
                   round(_median(sizes), 2), int(_median(weights)), _mode(fonts), round(_median(baselines), 2))


def _median(values: tuple[float, ...]) -> float:
    """`statistics.median`, without its conversions (a line's few samples)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _mode(values: tuple[str, ...]) -> str:
    """`statistics.mode`: the most common value, the first seen among equals."""
    return values[0] if values.count(values[0]) == len(values) else Counter(values).most_common(1)[0][0]


def _runs_on(previous: Extent, current: Extent) -> bool:
    """The character stands on the previous one's baseline, right where it ended: PDFium generated a
    line break where the producer only began a new text object (a run of other type, a justified
    stretch, a word set glyph by glyph); the line goes on."""
    left, _, bottom, top = current
    em = top - bottom
    return abs(previous[2] - bottom) < em / 2 and -em / 4 <= left - previous[1] <= RUN_GAP_EM * em


def _next_row(previous: Extent, current: Extent) -> bool:
    """The character stands below the previous one and starts left of it: a new line, where PDFium
    generated only a space (or nothing) between the two. Below is wholly below but for a sliver
    (`ROW_OVERLAP_EM`): an OCR layer's type fills its line pitch, so the boxes of two lines touch. A
    raised or lowered mark (a note's number) overlaps its line's height and runs on to the right."""
    return current[3] <= previous[2] + ROW_OVERLAP_EM * (current[3] - current[2]) and current[0] < previous[0]


def _parted(previous: Extent, current: Extent) -> bool:
    """A gap wider than a gutter between two characters on one baseline: PDFium joined the lines of
    two columns written row by row; they are two lines."""
    left, _, bottom, top = current
    em = top - bottom
    return abs(previous[2] - bottom) < em / 2 and left - previous[1] > GUTTER_EM * em
