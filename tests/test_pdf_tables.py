"""PDF tables over a page break, with cells spanning columns, and ruled inside form XObjects."""

from __future__ import annotations

import io
import json

from lxml import etree
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks.moves import measure_moves
from zhengli.tasks.pipeline import clean, read_input
from zhengli.tasks.render.json import render_json
from zhengli.tasks.render.markdown import render_markdown
from zhengli.tasks.render.tei import render_tei

from corpus.pdf import FONT, register_font

from .test_pdf import AFTER, BEFORE, COLUMNS, LEFT, NS, PITCH, ROWS, SIZE, TOP, _validates, opened_page, pytestmark  # noqa: F401

RIGHT_EDGE = LEFT + 26 * SIZE
HEAD = ROWS[0]
BODY = [[str(n), f"第{n}中学", str(100 + n)] for n in range(1, 9)]


def _grid(canvas: Canvas, rows: list[list[str]], top: float, head_size: float = SIZE) -> float:
    """A full grid of `rows` from `top` down, its cells written row by row (the first in `head_size`);
    the y of its bottom rule."""
    edges = [top - k * PITCH for k in range(len(rows) + 1)]
    canvas.grid([*COLUMNS, RIGHT_EDGE], edges)
    for r, row in enumerate(rows):
        canvas.setFont(FONT, head_size if r == 0 else SIZE)
        for c, text in enumerate(row):
            canvas.drawString(COLUMNS[c] + 4, edges[r] - PITCH + 5, text)
    canvas.setFont(FONT, SIZE)
    return edges[-1]


def _over_two_pages(first: list[list[str]], second: list[list[str]], columns_moved: float = 0.0, head_size: float = SIZE,
                    between: str | None = None) -> bytes:
    """A paragraph and a ruled table on a page, the table's rest on the next page (under the line
    `between`, where there is one) and a paragraph under it; a page number at the foot of each page."""
    canvas, out = opened_page()
    _grid(canvas, first, TOP - PITCH, head_size)
    canvas.drawString(LEFT + 13 * SIZE, 40, "— 1 —")
    canvas.showPage()
    canvas.setFont(FONT, SIZE)
    canvas.translate(columns_moved, 0)
    if between:
        canvas.drawString(LEFT, TOP, between)
    bottom = _grid(canvas, second, TOP - (PITCH if between else 0), head_size if second[0] != first[1] else SIZE)
    canvas.drawString(LEFT, bottom - PITCH, AFTER)
    canvas.drawString(LEFT + 13 * SIZE, 40, "— 2 —")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _blocks(data: bytes) -> list:
    return clean(data, "t.pdf").blocks()


def test_a_ruled_table_the_page_break_cuts_is_one_table_block_its_repeated_header_row_dropped_and_recorded():
    document = clean(_over_two_pages([HEAD, *BODY[:5]], [HEAD, *BODY[5:]]), "t.pdf")
    assert [b.type for b in document.blocks()] == ["paragraph", "table-text", "paragraph"]
    before, table, after = document.blocks()
    assert (before.text, after.text) == (BEFORE, AFTER)
    assert table.rows == [HEAD, *BODY] and table.header and not table.spans, "every cell ruled round spans nothing"
    assert [r.after for r in document.repairs if r.step == "continued-tables"] == ["", "", ""]
    assert sorted(r.before for r in document.repairs if r.step == "continued-tables") == sorted(HEAD)
    assert {r.before.strip() for r in document.repairs if r.step == "page-numbers"} == {"— 1 —", "— 2 —"}
    assert [region.page for region in table.regions] == [1, 2] and table.offset_breaks
    tei = etree.fromstring(render_tei(document).encode())
    assert len(tei.findall(".//t:table", NS)) == 1 and tei.find(".//t:table/t:pb", NS) is not None
    _validates(tei)


def test_a_table_continued_without_its_header_goes_on_and_one_with_other_columns_is_a_table_of_its_own():
    (table,) = [b for b in _blocks(_over_two_pages([HEAD, *BODY[:5]], BODY[5:])) if b.type == "table-text"]
    assert table.rows == [HEAD, *BODY]
    moved = [b for b in _blocks(_over_two_pages([HEAD, *BODY[:5]], BODY[5:], columns_moved=3 * SIZE)) if b.type == "table-text"]
    assert [t.rows for t in moved] == [[HEAD, *BODY[:5]], BODY[5:]]
    parted = [b for b in _blocks(_over_two_pages([HEAD, *BODY[:5]], BODY[5:], between="注：金额单位为万元。")) if b.type == "table-text"]
    assert [t.rows for t in parted] == [[HEAD, *BODY[:5]], BODY[5:]], "text between the parts keeps them apart"


def test_the_continued_table_mark_over_the_second_part_is_recorded_and_the_parts_are_one_table():
    document = clean(_over_two_pages([HEAD, *BODY[:5]], [HEAD, *BODY[5:]], between="续表1"), "t.pdf")
    assert [b.type for b in document.blocks()] == ["paragraph", "table-text", "paragraph"]
    assert document.blocks()[1].rows == [HEAD, *BODY]
    assert [r.before for r in document.repairs if r.step == "continued-tables"][0] == "续表1"


def test_a_table_that_opens_the_next_page_under_a_header_row_of_its_own_is_another_table():
    other = ["编号", "学校名称", "人数"]
    tables = [b for b in _blocks(_over_two_pages([HEAD, *BODY[:5]], [other, *BODY[5:]], head_size=14.0)) if b.type == "table-text"]
    assert [(t.rows, t.header) for t in tables] == [([HEAD, *BODY[:5]], True), ([other, *BODY[5:]], True)]
    (repeated,) = [b for b in _blocks(_over_two_pages([HEAD, *BODY[:5]], [HEAD, *BODY[5:]], head_size=14.0)) if b.type == "table-text"]
    assert repeated.rows == [HEAD, *BODY] and repeated.header


def test_a_table_ruled_inside_a_form_xobject_is_read_by_its_rules():
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.beginForm("grid")
    canvas.grid([0, 8 * SIZE, 18 * SIZE, 26 * SIZE], [k * PITCH for k in range(len(ROWS) + 1)])
    canvas.endForm()
    top = TOP - PITCH
    canvas.saveState()
    canvas.translate(LEFT, top - len(ROWS) * PITCH)
    canvas.doForm("grid")
    canvas.restoreState()
    canvas.setFont(FONT, SIZE)
    canvas.drawString(LEFT, TOP, BEFORE)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            canvas.drawString(COLUMNS[c] + 4, top - (r + 1) * PITCH + 5, text)
    canvas.drawString(LEFT, top - (len(ROWS) + 1) * PITCH, AFTER)
    canvas.showPage()
    canvas.save()
    blocks = _blocks(out.getvalue())
    assert [b.type for b in blocks] == ["paragraph", "table-text", "paragraph"]
    assert blocks[1].rows == ROWS


MERGED = [HEAD, ["一类", "第一中学", "120"], ["", "第二中学", "345"], ["合计", "", "465"]]
"""A cell merged over two rows (一类) and one over two columns (合计), the cells they cover empty."""


def _merged_cells() -> bytes:
    """A paragraph, a grid whose first column's second and third rows are one cell and whose last
    row's first two columns are one cell (no rule drawn through either), and a paragraph."""
    canvas, out = opened_page()
    top = TOP - PITCH
    y = [top - k * PITCH for k in range(5)]
    for k in (0, 1, 3, 4):
        canvas.line(LEFT, y[k], RIGHT_EDGE, y[k])
    canvas.line(COLUMNS[1], y[2], RIGHT_EDGE, y[2])
    for x in (LEFT, COLUMNS[2], RIGHT_EDGE):
        canvas.line(x, y[0], x, y[4])
    canvas.line(COLUMNS[1], y[0], COLUMNS[1], y[3])
    for r, row in enumerate(MERGED):
        for c, text in enumerate(row):
            if text:
                canvas.drawString(COLUMNS[c] + 4, y[r] - PITCH + 5, text)
    canvas.drawString(LEFT, y[4] - PITCH, AFTER)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_cells_merged_over_rows_or_columns_span_them_in_json_and_tei_and_stay_empty_in_markdown():
    document = clean(_merged_cells(), "t.pdf")
    assert [b.type for b in document.blocks()] == ["paragraph", "table-text", "paragraph"]
    table = document.blocks()[1]
    assert table.rows == MERGED
    assert [(s.row, s.column, s.rows, s.cols) for s in table.spans] == [(1, 0, 2, 1), (3, 0, 1, 2)]
    data = json.loads(render_json(document))["texts"][0]["blocks"]
    assert data[1]["spans"] == [{"row": 1, "column": 0, "rows": 2, "cols": 1}, {"row": 3, "column": 0, "rows": 1, "cols": 2}]
    assert "spans" not in data[0]
    tei = etree.fromstring(render_tei(document).encode())
    rows = tei.findall(".//t:table/t:row", NS)
    assert [[(cell.text, cell.get("rows"), cell.get("cols")) for cell in row] for row in rows[1:]] == [
        [("一类", "2", "1"), ("第一中学", None, None), ("120", None, None)],
        [("第二中学", None, None), ("345", None, None)],
        [("合计", "1", "2"), ("465", None, None)]]
    _validates(tei)
    assert "| 一类 | 第一中学 | 120 |\n|  | 第二中学 | 345 |\n| 合计 |  | 465 |" in render_markdown(document)



def test_a_grid_drawn_cell_by_cell_each_border_a_thin_bar_of_its_own_is_read_by_its_rules_whole():
    """Two rows, too few for a table by alignment: only the rules, joined end to end, find it."""
    canvas, out = opened_page()
    xs, top = [*COLUMNS, RIGHT_EDGE], TOP - PITCH
    for r, row in enumerate(ROWS[:2]):
        y = top - (r + 1) * PITCH
        for c, text in enumerate(row):
            width = xs[c + 1] - xs[c]
            for left, bottom, w, h in ((xs[c], y, width, 0.5), (xs[c], y + PITCH, width, 0.5),
                                       (xs[c], y, 0.5, PITCH), (xs[c + 1], y, 0.5, PITCH)):
                canvas.rect(left, bottom, w, h, stroke=0, fill=1)
            canvas.drawString(xs[c] + 4, y + 5, text)
    canvas.drawString(LEFT, top - 3 * PITCH, AFTER)
    canvas.showPage()
    canvas.save()
    blocks = _blocks(out.getvalue())
    assert [b.type for b in blocks] == ["paragraph", "table-text", "paragraph"]
    assert blocks[1].rows == ROWS[:2]


BODY_SIZE, TITLE_SIZE = 16.0, 22.0
TITLE = "某县重点工作任务分工方案"
OPENING = ["为抓好今年各项重点工作的落实，现将任务分解如下，各", "牵头单位要细化措施，按期完成。"]
CLOSING = "各单位每季度末报送进展情况。"
TASK_HEAD = ["序号", "重点任务", "牵头单位", "完成时限"]
TASK_EDGES = [LEFT, LEFT + 9 * SIZE, LEFT + 16 * SIZE, LEFT + 21 * SIZE, LEFT + 36 * SIZE]
"""Four columns ruled round, the third so narrow that its head nearly touches the second's."""
LINE_STEP = 21.0


def _task(n: int) -> list[str]:
    """A row: its number, a task wrapped over three lines of its cell, a unit over two, a date spaced as Writer's text layer spaces it."""
    return [str(n), f"完成第{n}项工作并且健全长效机制", "县发展和改革局", f"2025 年 {n} 月底前"]


def _cell_lines(column: int, text: str) -> list[str]:
    """The lines a cell's text is wrapped into: six characters a line in the task's column, four in the unit's."""
    width = {1: 6, 2: 4}.get(column, len(text))
    return [text[k:k + width] for k in range(0, len(text), width)]


def _draw_rows(canvas: Canvas, rows: list[list[list[str]]], top: float) -> float:
    """Rows of cells, each cell its wrapped lines, ruled round, written row by row and cell by cell
    (each cell's lines centred but the task's); the y of the bottom rule."""
    y = top
    bottoms = [top]
    for row in rows:
        for column, lines in enumerate(row):
            for k, text in enumerate(lines):
                left, right = TASK_EDGES[column], TASK_EDGES[column + 1]
                x = left + 4 if column == 1 else (left + right - len(text.replace(" ", "")) * SIZE) / 2
                canvas.drawString(x, y - (k + 1) * LINE_STEP + 5, text)
        y -= max(len(lines) for lines in row) * LINE_STEP + 6
        bottoms.append(y)
    canvas.grid(TASK_EDGES, bottoms)
    return y


def _task_table(pages: list[list[list[list[str]]]]) -> bytes:
    """A centred bold title, an indented paragraph in the body type, and a task table in smaller
    type over `pages` (each page's rows, its header row repeated at the top of every page after the
    first), a closing paragraph and page numbers: the table's lines far outnumber the text's."""
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    for number, rows in enumerate(pages, start=1):
        top = TOP
        if number == 1:
            canvas.setFont(FONT, TITLE_SIZE)
            canvas.drawCentredString((TASK_EDGES[0] + TASK_EDGES[-1]) / 2, TOP, TITLE)
            canvas.setFont(FONT, BODY_SIZE)
            canvas.drawString(LEFT + 2 * BODY_SIZE, TOP - 40, OPENING[0])
            canvas.drawString(LEFT, TOP - 68, OPENING[1])
            top = TOP - 80
        canvas.setFont(FONT, SIZE)
        bottom = _draw_rows(canvas, [[[text] for text in TASK_HEAD], *rows], top)
        if number == len(pages):
            canvas.setFont(FONT, BODY_SIZE)
            canvas.drawString(LEFT + 2 * BODY_SIZE, bottom - 30, CLOSING)
        canvas.setFont(FONT, SIZE)
        canvas.drawString(LEFT + 17 * SIZE, 40, f"— {number} —")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _wrapped(row: list[str]) -> list[list[str]]:
    return [_cell_lines(column, text) for column, text in enumerate(row)]


def _cut(row: list[str], kept: int) -> tuple[list[list[str]], list[list[str]]]:
    """A row the page break cuts after `kept` lines: what its cells print on the page, and the rest
    on the next (the cells whose text ended, empty)."""
    cells = _wrapped(row)
    return [lines[:kept] for lines in cells], [lines[kept:] for lines in cells]


def test_a_table_filling_the_pages_makes_no_columns_of_the_text_and_its_type_no_body_type():
    """The cells' lines outnumber the text's: the page's columns and body type are the text's, so the
    title stands apart and the paragraph is one, and two heads in adjacent narrow cells stay two cells."""
    data = _task_table([[_wrapped(_task(n)) for n in range(1, 9)]])
    document = clean(data, "t.pdf")
    blocks = document.blocks()
    assert [(b.type, b.text) for b in blocks if b.type != "table-text"] == [
        ("title", TITLE), ("paragraph", "".join(OPENING)), ("paragraph", CLOSING)]
    (table,) = [b for b in blocks if b.type == "table-text"]
    assert table.rows[0] == TASK_HEAD
    assert table.rows[1:] == [[str(n), f"完成第{n}项工作并且健全长效机制", "县发展和改革局", f"2025年{n}月底前"] for n in range(1, 9)], \
        "a cell's text is spaced as running text: no space between Chinese and digits"
    assert _unrecorded_moves(data, document) == 0


def _unrecorded_moves(data: bytes, document) -> int:
    """Characters the edition holds out of the text layer's order without a record (`clean` has
    checked that nothing was lost)."""
    return measure_moves(read_input(data, "t.pdf").text, document).moved


def _tasks_over_two_pages(cut: bool) -> bytes:
    """Rows 1-6 on the first page, the header row repeated on the second and rows 7-9 under it;
    where `cut`, the page break cuts row 6 after its first line (its task's and unit's rest, and
    nothing of the other cells, on the next page), else row 6 is whole and row 7, atop the second
    page, has no date, as row 3 has none."""
    first = [_wrapped(_task(n)) for n in range(1, 6)]
    first[2][3] = []
    rest = [_wrapped(_task(n)) for n in range(7, 10)]
    if cut:
        printed, overflow = _cut(_task(6), 1)
        return _task_table([[*first, printed], [overflow, *rest]])
    rest[0][3] = []
    return _task_table([[*first, _wrapped(_task(6))], rest])


def test_a_row_the_page_break_cuts_is_one_row_its_rest_moved_into_its_cells_and_the_repeated_header_recorded():
    data = _tasks_over_two_pages(cut=True)
    document = clean(data, "t.pdf")
    (table,) = [b for b in document.blocks() if b.type == "table-text"]
    assert table.header and table.rows[0] == TASK_HEAD
    assert [row[0] for row in table.rows[1:]] == [str(n) for n in range(1, 10)]
    assert table.rows[6] == ["6", "完成第6项工作并且健全长效机制", "县发展和改革局", "2025年6月底前"]
    recorded = [(r.before, r.after) for r in document.repairs if r.step == "continued-tables"]
    assert sorted(before for before, _ in recorded if before in TASK_HEAD) == sorted(TASK_HEAD)
    moved = [text for lines in _cut(_task(6), 1)[1] for text in lines]
    assert [pair for pair in recorded if pair[0] not in TASK_HEAD] == [pair for text in moved for pair in ((text, ""), ("", text))]
    assert _unrecorded_moves(data, document) == 0
    tei = etree.fromstring(render_tei(document).encode())
    assert len(tei.findall(".//t:table/t:row", NS)) == 10
    _validates(tei)


def test_a_row_of_its_own_atop_the_next_page_stays_a_row_though_a_cell_of_it_is_empty():
    """Its empty cell is in a column another row leaves empty too: no column every row fills is
    empty in it, so it is no rest of the row above."""
    (table,) = [b for b in clean(_tasks_over_two_pages(cut=False), "t.pdf").blocks() if b.type == "table-text"]
    assert [row[0] for row in table.rows[1:]] == [str(n) for n in range(1, 10)]
    assert table.rows[7] == ["7", "完成第7项工作并且健全长效机制", "县发展和改革局", ""]
