"""PDF tables over a page break, with cells spanning columns, and ruled inside form XObjects."""

from __future__ import annotations

import io
import json

from lxml import etree
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks.pipeline import clean
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
