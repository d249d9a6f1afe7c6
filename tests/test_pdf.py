"""PDF in: the text layer read with each line's box, and each geometric decision on small PDFs
the tests print themselves (reportlab, with the CJK font the corpus uses)."""

import io
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pypdfium2
import pytest
from lxml import etree
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks import pdf as reader
from zhengli.tasks.pdf import PdfError, _next_row, _runs_on, is_pdf, read_pdf
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.json import render_json
from zhengli.tasks.render.tei import render_tei

from corpus.pdf import FONT, FONT_FILE, register_font

from .conftest import RAW

pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="needs fonts-wqy-zenhei (make test installs it)")

SIZE = 12.0
LEFT, RIGHT = 72.0, 72.0 + 30 * SIZE
"""A column 30 characters wide."""
TOP, PITCH = 760.0, 20.0

Line = tuple[float, str] | tuple[float, str, float]
"""(x, text) or (x, text, size), one per pitch down the page; a None leaves a line's space empty."""


def pdf(*pages: list[Line | None], producer: str = "zhengli tests") -> bytes:
    """A PDF of the given pages, each a list of lines set from the top, one pitch apart."""
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setProducer(producer)
    for lines in pages:
        y = TOP
        for line in lines:
            if line is not None:
                x, text, *size = line
                canvas.setFont(FONT, size[0] if size else SIZE)
                canvas.drawString(x, y, text)
            y -= PITCH
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def full(text: str) -> Line:
    """A line of 30 characters, the column's full measure."""
    assert len(text) == 30, len(text)
    return (LEFT, text)


def indented(text: str) -> Line:
    assert len(text) == 28, len(text)
    return (LEFT + 2 * SIZE, text)


TITLE: Line = (LEFT + 11 * SIZE, "关于测试的通知", 16.0)


def paragraphs(*lines: Line | None) -> list[str]:
    """The blocks of a page with these lines under a title (headings too, whatever their type)."""
    return [b.text for b in clean(pdf([TITLE, None, *lines]), "t.pdf").blocks() if b.type != "title"]


FIRST = "这一段的第一行缩进两个字，其余二十八个汉字写满整行宽度了"
A = "甲" * 29 + "。"
B = "乙乙乙乙乙，" * 5
C = "丙" * 10 + "。"


def test_a_pdf_is_known_by_its_header_not_its_name():
    assert is_pdf(pdf([full(A)]))
    assert not is_pdf("%PD 不是PDF".encode())


def test_the_text_layer_has_a_line_per_printed_line_a_form_feed_per_page_and_each_line_its_box():
    layer = read_pdf(pdf([full(A), (LEFT, C)], [(LEFT, "第二页")], producer="Word"))
    assert layer.text == f"{A}\n{C}\n\f第二页"
    assert sorted(layer.boxes) == [1, 2, 3] and [box.page for box in layer.boxes.values()] == [1, 1, 2]
    first = layer.boxes[1]
    assert first.x0 == pytest.approx(LEFT, abs=0.5) and first.x1 == pytest.approx(RIGHT, abs=0.5)
    assert first.size == pytest.approx(SIZE, abs=0.1) and first.baseline == pytest.approx(TOP, abs=0.5)
    assert layer.producer == "Word" and len(layer.pages) == 2


def test_a_paragraph_that_ends_on_a_full_line_ends_where_the_next_line_is_indented():
    """Text alone cannot see it: the line is full and ends a sentence, as lines inside paragraphs do."""
    assert paragraphs(indented(FIRST), full(A), indented("丁" * 27 + "。")) == [FIRST + A, "丁" * 27 + "。"]


def test_a_run_in_item_label_at_the_left_edge_under_a_full_line_goes_on_in_its_paragraph():
    """`…：一是…；` fills the line, `二是…` opens the next at the column's edge: the items run on."""
    lead = "全会强调，必须始终把握好以下原则：一是坚持党的全面领导；"
    items = "二是坚持以人民为中心；三是坚持守正创新。"
    assert paragraphs(indented(lead), (LEFT, items), indented("丁" * 27 + "。")) == [lead + items, "丁" * 27 + "。"]
    assert paragraphs(indented(FIRST), full(A), indented("二是" + "丁" * 25 + "。")) == [FIRST + A, "二是" + "丁" * 25 + "。"]


def test_a_speech_turning_to_its_audience_at_the_left_edge_under_a_full_line_goes_on_in_its_paragraph():
    """`同志们，…` opens a paragraph where the text cannot see its lines; on a page printed with
    indents, a line at the column's edge under a full line goes on, whatever it opens with."""
    ends = "丁" * 27 + "。"
    turn = "同志们，" + "戊" * 25 + "。"
    assert paragraphs(indented(ends), (LEFT, turn), indented(ends)) == [ends + turn, ends]
    indented_turn = "同志们，" + "戊" * 23 + "。"
    assert paragraphs(indented(FIRST), full(A), indented(indented_turn)) == [FIRST + A, indented_turn]


def test_a_full_line_ending_a_sentence_goes_on_into_a_line_at_the_left_edge():
    assert paragraphs(indented(FIRST), full(A), (LEFT, C)) == [FIRST + A + C]


def test_a_line_that_stops_short_ends_its_block_even_without_punctuation():
    short = "戊" * 12
    assert paragraphs(indented(FIRST), full(A), indented(FIRST), (LEFT, short), full(B), (LEFT, C)) == [FIRST + A, FIRST + short, B + C]


def test_a_line_that_stops_short_only_because_the_next_word_would_not_fit_goes_on():
    """A Latin word or a number is not broken: the line before it stops early."""
    before = "己" * 26
    assert paragraphs(indented(FIRST), (LEFT, before), (LEFT, "2024年" + C)) == [FIRST + before + "2024年" + C]


def test_space_between_paragraphs_parts_them_where_nothing_is_indented():
    assert paragraphs(full(A), None, full(A), (LEFT, C)) == [A, A + C]


def _two_columns(left: list[str], right: list[str], headline: str, written: str = "by column") -> bytes:
    """A page with a headline over two columns of 14 characters, written into the PDF column by
    column, the right column first, or row by row across both."""
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont(FONT, 18)
    canvas.drawString(LEFT + 8 * SIZE, TOP, headline)
    canvas.setFont(FONT, SIZE)
    placed = [(x, row, text) for x, lines in ((LEFT, left), (LEFT + 16 * SIZE, right)) for row, text in enumerate(lines)]
    if written == "right first":
        placed = [p for p in placed if p[0] != LEFT] + [p for p in placed if p[0] == LEFT]
    elif written == "by row":
        placed.sort(key=lambda p: (p[1], p[0]))
    for x, row, text in placed:
        canvas.drawString(x, TOP - 2 * PITCH - row * PITCH, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_two_columns_are_found_by_their_gutter_and_a_paragraph_runs_from_one_into_the_next():
    runs_on, ends = "庚" * 14, "辛" * 6 + "。"
    left = ["　　" + "庚" * 12, *[runs_on] * 7]
    right = [ends, "　　" + "壬" * 11 + "。"] + ["　　" + "癸" * 12, *[runs_on] * 5]
    document = clean(_two_columns(left, right, "两栏排印的通知"), "t.pdf")
    texts = [b.text for b in document.blocks()]
    assert texts[0] == "两栏排印的通知"
    assert texts[1] == "庚" * 12 + runs_on * 7 + ends
    assert texts[2] == "壬" * 11 + "。"


RUNS_ON, ENDS = "庚" * 14, "辛" * 6 + "。"
LEFT_COLUMN = ["　　" + "庚" * 12, *[RUNS_ON] * 7]
RIGHT_COLUMN = [ENDS, "　　" + "壬" * 11 + "。", "　　" + "癸" * 12, *[RUNS_ON] * 5]


@pytest.mark.parametrize("written", ["right first", "by row"])
def test_columns_written_out_of_order_are_read_in_column_order_and_the_moves_recorded(written):
    document = clean(_two_columns(LEFT_COLUMN, RIGHT_COLUMN, "两栏排印的通知", written), "t.pdf")
    assert [b.text for b in document.blocks()][:3] == ["两栏排印的通知", "庚" * 12 + RUNS_ON * 7 + ENDS, "壬" * 11 + "。"]
    moves = [r for r in document.repairs if r.step == "page-order"]
    assert moves and {r.before for r in moves if r.before} == {r.after for r in moves if r.after}
    assert not [f for f in document.flags if f.kind == "moved-text"]


def test_a_table_of_short_cells_is_no_pair_of_columns_and_keeps_the_order_it_was_written_in():
    cells = _two_columns(["序号一", "序号二", "序号三", "序号四"], ["一百万元", "二百万元", "三百万元", "四百万元"], "经费表", "by row")
    assert "page-order" not in {r.step for r in clean(cells, "t.pdf").repairs}


def test_a_numbered_heading_set_large_and_centred_goes_on_in_its_second_line():
    first, second = "第二章　生产经营单位的", "安全生产保障"
    heading = [(LEFT + 30 * SIZE / 2 - len(first) * 8, first, 16.0), (LEFT + 30 * SIZE / 2 - len(second) * 8, second, 16.0)]
    blocks = clean(pdf([indented(FIRST), (LEFT, C), *heading, indented(FIRST), (LEFT, C)]), "t.pdf").blocks()
    assert [b.text for b in blocks if b.type == "heading"] == ["第二章 生产经营单位的安全生产保障"]


def test_a_page_number_printed_first_on_its_page_numbers_that_page():
    document = clean(pdf([(LEFT + 14 * SIZE, "－1－"), indented(FIRST), full(B)], [(LEFT + 14 * SIZE, "－2－"), (LEFT, C)]), "t.pdf")
    assert [(pb.n, pb.line) for pb in document.page_breaks] == [("2", 5)]
    assert [b.pages for b in document.blocks()] == [[1, 2]]


def test_a_bare_number_printed_inside_the_page_is_text_and_only_the_one_in_its_margin_is_the_page_number():
    page = [indented(FIRST), (LEFT, C), (LEFT, "1999"), indented(FIRST), (LEFT, C), None, (LEFT + 14 * SIZE, "3")]
    document = clean(pdf(page), "t.pdf")
    assert "1999" in [b.text for b in document.blocks()]
    assert [r.before.strip() for r in document.repairs if r.step == "page-numbers"] == ["3"]


def test_every_block_keeps_its_page_and_box_in_json_and_a_zone_of_its_page_in_tei():
    document = clean(pdf([indented(FIRST), full(B)], [(LEFT, C)]), "t.pdf")
    (block,) = json.loads(render_json(document))["texts"][0]["blocks"]
    assert [region["page"] for region in block["regions"]] == [1, 2]
    x0, y0, x1, y1 = block["regions"][0]["bbox"]
    assert x0 == pytest.approx(LEFT, abs=0.5) and x1 == pytest.approx(RIGHT, abs=0.5) and y0 < y1 < 842
    tei = etree.fromstring(render_tei(document).encode())
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    surfaces = tei.findall("t:facsimile/t:surface", ns)
    assert [s.get("n") for s in surfaces] == ["1", "2"]
    (p,) = tei.findall(".//t:body/t:p", ns)
    zones = [z.lstrip("#") for z in p.get("facs").split()]
    assert [tei.find(f".//t:zone[@{{http://www.w3.org/XML/1998/namespace}}id='{z}']/..", ns).get("n") for z in zones] == ["1", "2"]


def test_the_tei_of_a_pdf_validates_against_the_projects_schema_and_tei_all():
    tei = etree.fromstring(render_tei(clean(pdf([indented(FIRST), full(B)], [(LEFT, C)]), "t.pdf")).encode())
    schemas = [RAW.parent / "schema" / "zhengli-tei-1.rng", RAW.parent.parent / "shared" / "tei" / "tei_all.rng"]
    for schema in [s for s in schemas if s.exists()]:
        relaxng = etree.RelaxNG(etree.parse(str(schema)))
        assert relaxng.validate(tei), (schema.name, relaxng.error_log.last_error)


def test_text_editions_carry_no_geometry():
    data = json.loads(render_json(clean("正文第一段。\n".encode(), "t.txt")))
    assert "surfaces" not in data and "producer" not in data["source"] and "regions" not in data["texts"][0]["blocks"][0]


def _encrypted(user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([full(A)]))))
    writer.encrypt(user_password=user, owner_password=owner)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_with_a_password_to_open_it_is_refused_and_one_with_permissions_only_is_read():
    with pytest.raises(PdfError, match="encrypted with a password to open it"):
        read_pdf(_encrypted("secret", "owner"))
    assert read_pdf(_encrypted("", "owner")).text == A


def test_a_truncated_pdf_is_refused_as_damaged():
    data = pdf([full(A)] * 30)
    with pytest.raises(PdfError, match="damaged or truncated"):
        read_pdf(data[: len(data) // 3])


def test_a_scan_without_a_text_layer_is_refused_saying_no_ocr_is_done():
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.rect(100, 100, 300, 300, fill=1)
    canvas.showPage()
    canvas.save()
    with pytest.raises(PdfError, match="no text layer on any of its 1 pages: a scan without OCR"):
        read_pdf(out.getvalue())


def test_glyphs_without_a_unicode_map_are_refused_not_published_as_text():
    reader = PdfReader(io.BytesIO(pdf([full(A), full(B)])))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            font.pop("/ToUnicode", None)
            for descendant in font.get("/DescendantFonts", []):
                descendant.get_object().pop("/ToUnicode", None)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(PdfError, match="no Unicode meaning"):
        read_pdf(out.getvalue())


@pytest.mark.flow
def test_a_build_takes_pdfs_beside_text_files_records_their_producer_and_pages_and_a_locked_one_fails_alone(prefect_backend, tmp_path):
    from zhengli.flows.build import build_editions, report_of

    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "notice.pdf").write_bytes(pdf([TITLE, None, indented(FIRST), full(A)], [(LEFT, C)], producer="WPS 文字"))
    (raw / "locked.pdf").write_bytes(_encrypted("secret", "owner"))
    (raw / "note.txt").write_text("关于测试的通知\n\n正文第一段。\n", encoding="utf-8")
    report = report_of(build_editions(raw=str(raw), out=str(out), return_state=True))
    assert {r.source: r.status for r in report.built + report.failed} == {"notice.pdf": "built", "locked.pdf": "failed", "note.txt": "built"}
    catalog = {e["source"]: e for e in json.loads((out / "catalog.json").read_text(encoding="utf-8"))["editions"]}
    assert (catalog["notice.pdf"]["producer"], catalog["notice.pdf"]["pages"]) == ("WPS 文字", 2)
    assert (catalog["note.txt"]["producer"], catalog["note.txt"]["pages"]) == (None, None)
    assert catalog["locked.pdf"]["errors"] == ["locked.pdf: pdf: the PDF is encrypted with a password to open it; zhengli reads PDFs that open without one"]
    assert "关于测试的通知" in (out / "notice.md").read_text(encoding="utf-8")
    assert report_of(build_editions(raw=str(raw), out=str(out), return_state=True)).built == []


def test_explain_shows_where_a_pdf_line_is_printed_and_what_the_page_decided():
    from zhengli.tasks.explain import explain

    text = str(explain(pdf([TITLE, None, indented(FIRST), full(A), indented(FIRST), (LEFT, C)]), "t.pdf", 4))
    assert "printed on page 1 at x 96–432" in text and "indent 2.00 em" in text
    assert "by rule 'page-geometry'" in text


def test_a_scan_with_a_hidden_ocr_layer_is_read_through_that_layer():
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.rect(60, 600, 400, 200, fill=1)
    text = canvas.beginText(LEFT, TOP)
    text.setFont(FONT, SIZE)
    text.setTextRenderMode(3)
    text.textLine(A)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    assert read_pdf(out.getvalue()).text == A


def test_a_text_layer_larger_than_the_text_limit_is_refused(monkeypatch):
    monkeypatch.setattr("zhengli.tasks.pdf.MAX_BYTES", 50)
    with pytest.raises(PdfError, match="text layer too large: 90 bytes of text, the limit is 50"):
        read_pdf(pdf([full(A)]))


def test_the_pdf_reader_is_part_of_the_pipeline_version_so_a_change_to_it_rebuilds_pdfs():
    from zhengli.tasks.version import _TASKS, _TEXT_LOGIC

    assert "pdf.py" in _TEXT_LOGIC and (_TASKS / "pdf.py").is_file()


def test_a_pdf_naming_no_producer_is_recorded_by_its_creator():
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setProducer("")
    canvas.setCreator("WPS 文字")
    canvas.setFont(FONT, SIZE)
    canvas.drawString(LEFT, TOP, A)
    canvas.showPage()
    canvas.save()
    assert read_pdf(out.getvalue()).producer == "WPS 文字"


ROWS = [["序号", "单位名称", "金额"], ["1", "第一中学", "120"], ["2", "第二中学", "345"], ["3", "第三中学", "96"]]
COLUMNS = [LEFT, LEFT + 8 * SIZE, LEFT + 18 * SIZE]
BEFORE = "下表列出各单位今年的经费安排，请各单位按表执行。"
AFTER = "以上经费应当专款专用，不得挪作他用。"


def opened_page() -> tuple[Canvas, io.BytesIO]:
    """A canvas, and what it writes to, whose page opens with the paragraph before a table (`BEFORE`)."""
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont(FONT, SIZE)
    canvas.drawString(LEFT, TOP, BEFORE)
    return canvas, out


def _table_page(rows: list[list[str]], rules: str = "grid", head_size: float = SIZE, written: str = "by row") -> bytes:
    """A paragraph, a table of `rows` (cells at `COLUMNS`, a pitch apart) and a paragraph; the table
    ruled as a full grid, with the three rules of a 三线表, or not at all; its cells written row by
    row or column by column."""
    canvas, out = opened_page()
    top = TOP - PITCH
    edges = [top - k * PITCH for k in range(len(rows) + 1)]
    if rules == "grid":
        canvas.grid([*COLUMNS, LEFT + 26 * SIZE], edges)
    elif rules == "three-line":
        for y in (edges[0], edges[1], edges[-1]):
            canvas.line(LEFT, y, LEFT + 26 * SIZE, y)
    cells = [(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text]
    for r, c, text in sorted(cells, key=lambda cell: (cell[1], cell[0])) if written == "by column" else cells:
        canvas.setFont(FONT, head_size if r == 0 else SIZE)
        canvas.drawString(COLUMNS[c] + 4, edges[r] - PITCH + 5, text)
    canvas.setFont(FONT, SIZE)
    canvas.drawString(LEFT, edges[-1] - PITCH, AFTER)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _tables(data: bytes) -> list:
    return [b for b in clean(data, "t.pdf").blocks() if b.type == "table-text"]


def test_a_ruled_table_becomes_one_table_block_of_its_rows_and_cells_and_the_text_around_it_stays_as_it_was():
    document = clean(_table_page(ROWS), "t.pdf")
    assert [b.type for b in document.blocks()] == ["paragraph", "table-text", "paragraph"]
    before, table, after = document.blocks()
    assert (before.text, after.text) == (BEFORE, AFTER)
    assert table.rows == ROWS and table.text == "\n".join("\t".join(row) for row in ROWS)
    assert table.header is False, "a first row set like the others, in a grid ruled alike, is no header"
    assert not [f for f in document.flags if f.kind == "moved-text"] and not document.repairs


def test_cells_aligned_down_the_rows_without_rules_are_a_table_an_empty_cell_kept_in_its_column():
    rows = [*ROWS, ["合计", "", "561"]]
    (table,) = _tables(_table_page(rows, rules="none"))
    assert table.rows == rows


def test_a_first_row_set_in_other_type_or_parted_by_the_rule_of_a_three_line_table_is_a_header_row():
    (by_type,) = _tables(_table_page(ROWS, head_size=14.0))
    (by_rule,) = _tables(_table_page(ROWS, rules="three-line"))
    assert by_type.header and by_rule.header and by_rule.rows == ROWS


def test_cells_written_column_by_column_are_no_table_so_that_nothing_is_read_out_of_the_order_written():
    document = clean(_table_page(ROWS, rules="none", written="by column"), "t.pdf")
    assert not [b for b in document.blocks() if b.type == "table-text"]
    letters = "".join(ch for b in document.blocks() for ch in b.text if not ch.isdigit())
    assert letters == BEFORE + "序号单位名称第一中学第二中学第三中学金额" + AFTER


def test_a_pdf_table_is_a_pipe_table_in_markdown_a_table_of_rows_and_cells_in_tei_and_the_editions_agree():
    from zhengli.tasks.publish.gate import check_texts
    from zhengli.tasks.render.markdown import render_markdown

    document = clean(_table_page(ROWS, head_size=14.0), "t.pdf")
    texts = {".md": render_markdown(document), ".json": render_json(document), ".tei.xml": render_tei(document)}
    assert "| 序号 | 单位名称 | 金额 |\n| --- | --- | --- |\n| 1 | 第一中学 | 120 |" in texts[".md"]
    assert check_texts(texts, {suffix: suffix for suffix in texts}) == []
    tei = etree.fromstring(texts[".tei.xml"].encode())
    rows = tei.findall(".//t:table/t:row", NS)
    assert [[cell.text for cell in row] for row in rows] == ROWS and rows[0].get("role") == "label"
    _validates(tei)
    table = next(b for b in json.loads(texts[".json"])["texts"][0]["blocks"] if b["type"] == "table-text")
    assert (table["rows"], table["header"]) == (ROWS, True)


NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _validates(tei: etree._Element) -> None:
    schemas = [RAW.parent / "schema" / "zhengli-tei-1.rng", RAW.parent.parent / "shared" / "tei" / "tei_all.rng"]
    for schema in [s for s in schemas if s.exists()]:
        relaxng = etree.RelaxNG(etree.parse(str(schema)))
        assert relaxng.validate(tei), (schema.name, relaxng.error_log.last_error)


NOTE = "①本条所称单位，是指依法设立的机关和组织。"
MARKED = "甲" * 9 + "①" + "甲" * 19 + "，"
OVER = "第二页的这一段也缩进两个字，其余二十六个汉字写满整行宽度"
BROKEN = "第二段也从缩进两个字的地方写起，这一行正好有二十八个字了"
E = "戊" * 8 + "。"
FOOT = 16
"""Lines down from the top where a page's foot is: far below its text."""


def _with_foot(lines: list[Line | None], foot: Line) -> list[Line | None]:
    return [*lines, *[None] * (FOOT - len(lines)), foot]


def test_a_footnote_in_small_type_at_the_pages_foot_is_a_meta_block_where_it_is_printed_its_marker_left_in_the_text():
    page = _with_foot([TITLE, None, indented(FIRST), full(MARKED), (LEFT, C)], (LEFT, NOTE, 9.0))
    document = clean(pdf(page, [indented(OVER), (LEFT, E)]), "t.pdf")
    blocks = [(b.type, b.kind, b.text) for b in document.blocks()][1:]
    assert blocks == [("paragraph", None, FIRST + MARKED + C), ("meta", "footnote", NOTE), ("paragraph", None, OVER + E)]
    tei = etree.fromstring(render_tei(document).encode())
    (note,) = tei.findall(".//t:body/t:note", NS)
    assert (note.get("place"), note.get("n"), note.text) == ("foot", "①", NOTE)
    _validates(tei)


def test_a_marked_line_is_no_footnote_in_the_body_type_nor_in_small_type_above_the_body_text():
    normal = clean(pdf(_with_foot([TITLE, None, indented(FIRST), (LEFT, C)], (LEFT, NOTE))), "t.pdf")
    above = clean(pdf([TITLE, None, (LEFT, NOTE, 9.0), indented(FIRST), (LEFT, C)]), "t.pdf")
    assert not [b for b in [*normal.blocks(), *above.blocks()] if b.kind == "footnote"]
    assert NOTE in [b.text for b in normal.blocks()]


def test_a_paragraph_the_footnote_parts_at_the_pages_foot_goes_on_after_it_with_nothing_moved():
    page = _with_foot([TITLE, None, indented(FIRST), full(A), indented(BROKEN), full(MARKED)], (LEFT, NOTE, 9.0))
    document = clean(pdf(page, [(LEFT, C), indented(OVER), (LEFT, E)]), "t.pdf")
    blocks = [(b.text, b.why["start"]) for b in document.blocks()][1:]
    assert blocks == [(FIRST + A, "page-geometry"), (BROKEN + MARKED, "page-geometry"), (NOTE, "footnote"), (C, "after-footnote"),
                      (OVER + E, "page-geometry")]
    assert not document.repairs and not [f for f in document.flags if f.kind == "moved-text"]


def _rect(left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
    return (left, right, bottom, top)


def test_a_break_pdfium_generates_between_characters_on_one_baseline_side_by_side_is_no_line_end():
    """A producer that starts a new text object mid-line (another font subset, a run of digits, a
    justified stretch) gets a generated break from PDFium where the line goes on."""
    previous = (242.5, 253.0, 277.4, 287.9)
    assert _runs_on(previous, _rect(253.5, 276.9, 264.0, 287.4))
    assert not _runs_on(previous, _rect(66.5, 262.4, 77.0, 272.9)), "the next line, below and back at the left"
    assert not _runs_on(previous, _rect(253.0 + 3 * 10.5, 277.4, 253.0 + 4 * 10.5, 287.9)), "a cell three ems away"


def test_a_character_wholly_below_the_previous_one_and_left_of_it_starts_a_line_whatever_pdfium_generated():
    previous = (213.5, 224.0, 670.3, 680.0)
    assert _next_row(previous, _rect(66.5, 655.8, 77.0, 665.2))
    assert not _next_row(previous, _rect(224.5, 674.0, 230.0, 681.0)), "a raised note number runs on"
    assert not _next_row(previous, _rect(224.5, 670.3, 235.0, 680.0))


def _printed_by_browser(pages: list[list[str]], address: str) -> bytes:
    """Pages whose header (a date, the title) and footer (the address, `n/N`) are written into the
    PDF after the page's text, in small type in the margins, as a browser prints a web page."""
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    for n, lines in enumerate(pages, start=1):
        canvas.setFont(FONT, SIZE)
        for row, text in enumerate(lines):
            canvas.drawString(LEFT + (2 * SIZE if text.startswith("　") else 0), TOP - row * PITCH, text.lstrip("　"))
        canvas.setFont(FONT, 8)
        canvas.drawString(24, TOP + 40, "2025/3/18 09:30")
        canvas.drawString(300, TOP + 40, "关于测试的通知")
        canvas.drawString(24, 20, address)
        canvas.drawString(560, 20, f"{n}/{len(pages)}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_browsers_header_and_footer_written_after_each_pages_text_are_furniture_and_paragraphs_run_across_pages():
    address = "https://www.example.gov.cn/zhengce/content/2025-03/18/content_10086.html"
    runs_on, goes_on, last = "子丑寅卯辰，" * 5, "巳午未申酉，" * 5, "戌亥金木水，" * 5
    pages = [["　" + FIRST, A, B], [runs_on, C, "　" + FIRST, goes_on], [last, C]]
    document = clean(_printed_by_browser(pages, address), "t.pdf")
    texts = [b.text for b in document.blocks()]
    assert texts == [FIRST + A + B + runs_on + C, FIRST + goes_on + last + C]
    dropped = {r.before.strip() for r in document.repairs if r.step == "browser-margins"}
    assert dropped == {address, "2025/3/18 09:30", "关于测试的通知", "1/3", "2/3", "3/3"}
    assert [r.step for r in document.repairs if r.before.strip() == FIRST] == [], "the text's first line, printed again, is text"


def test_a_headline_over_two_columns_set_a_little_off_the_pages_middle_does_not_hide_the_gutter():
    """A running header at one side widens the text's extent, and a browser centres in its own box:
    lines over both columns may stand an em or so off the middle of the page's text."""
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont(FONT, 8)
    canvas.drawString(LEFT - 6, TOP + 30, "江川日报　2025年3月6日")
    canvas.setFont(FONT, SIZE)
    for row, (text, off) in enumerate((("——在市人民代表大会第五次会议上", 2.5), ("市长　王明远", -2.5))):
        canvas.drawString(LEFT + (30 - len(text) + off) * SIZE / 2, TOP - row * PITCH, text)
    for x, lines in ((LEFT, LEFT_COLUMN), (LEFT + 16 * SIZE, RIGHT_COLUMN)):
        for row, text in enumerate(lines):
            canvas.drawString(x, TOP - 3 * PITCH - row * PITCH, text)
    canvas.showPage()
    canvas.save()
    texts = [b.text for b in clean(out.getvalue(), "t.pdf").blocks()]
    assert "庚" * 12 + RUNS_ON * 7 + ENDS in texts and "壬" * 11 + "。" in texts


def test_pdfium_is_entered_by_one_thread_at_a_time_so_a_threaded_build_reads_pdfs_without_crashing(monkeypatch):
    opened = pypdfium2.PdfDocument
    unlocked: list[str] = []

    def guarded(data):
        if not reader.PDFIUM.locked():
            unlocked.append(threading.current_thread().name)
        return opened(data)

    monkeypatch.setattr(reader.pdfium, "PdfDocument", guarded)
    data = [pdf([full(f"第{n}条" + "文" * 27)] * 40) for n in range(1, 7)]
    alone = [read_pdf(d).text for d in data]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda d: read_pdf(d).text, data))
    assert together == alone
    assert unlocked == []


def _gazette_law(tmp_path, layout_name: str):
    """The corpus's law (two pages of two columns) printed under one of the gazette layouts."""
    from corpus.documents import load_documents
    from corpus.gazette import GAZETTE_LAYOUTS, render_gazette

    path = tmp_path / "law.pdf"
    render_gazette(next(d for d in load_documents() if d.name == "law"), next(layout for layout in GAZETTE_LAYOUTS if layout.name == layout_name), path)
    return path


def _plain(blocks) -> list[tuple[str, str]]:
    return [(b.type, b.text.replace(" ", "").replace("\u3000", "")) for b in blocks]


@pytest.mark.parametrize("setting", ["gazette-matrices", "gazette-passes"])
def test_heads_letter_spaced_inside_a_gazette_column_are_one_line_each_and_a_label_opens_its_own_head(tmp_path, setting):
    """A typesetting system sets `目　　录` and `第 一 章 　 总 则` letter-spaced, in a column, glyph by
    glyph: the reader parts them at gaps as wide as a gutter; inside one column they are one line,
    and a centred head under another (`第 一 节 …` under `第二章　规划与建设`) is a head of its own."""
    blocks = _plain(clean(_gazette_law(tmp_path, setting).read_bytes(), "t.pdf").blocks())
    headings = [text for kind, text in blocks if kind == "heading"]
    assert headings[:4] == ["目录", "第一章总则", "第二章规划与建设", "第一节绿化规划"]
    assert [text for kind, text in blocks if kind == "toc"][:2] == ["第一章总则", "第二章规划与建设"]


def test_pypdf_on_glyphs_each_placed_by_a_matrix_of_its_own_gives_a_gazettes_text_back(tmp_path):
    """pypdf puts the break before such a glyph after it (`late-breaks`), and the page number written
    right to left comes out backwards with the head's first glyph: both come back."""
    from corpus.extract import pypdf as pypdf_text

    raw = pypdf_text(_gazette_law(tmp_path, "gazette-matrices"))
    assert raw.startswith("江\n") and "。 第\n" in raw
    blocks = _plain(clean(raw.encode(), "t.txt").blocks())
    assert blocks[0] == ("title", "江川市城市绿化管理条例")
    assert ("heading", "第一章总则") in blocks and ("paragraph", "第二条本条例适用于本市城市规划区内城市绿化的规划、建设、保护和管理活动。") in blocks
    assert not any("公报" in text or "—" in text for _, text in blocks)
