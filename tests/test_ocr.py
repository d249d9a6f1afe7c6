"""Scans with a hidden OCR layer: the committed Tesseract PDFs of `corpus/ocr/` read back, and each
class the OCR set showed on small inputs of its own (`python -m corpus.ocr` reports the whole set)."""

import io

import pytest
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks.pdf import _next_row, read_pdf
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.markdown import render_markdown
from zhengli.tasks.repairs.word_spaces import find_word_spaces, is_word_spaced

from corpus.extract import raw_input
from corpus.ocr import OCR, ocr_documents
from corpus.pdf import FONT, FONT_FILE, register_font
from corpus.producers import score_kind_case

needs_font = pytest.mark.skipif(not FONT_FILE.exists(), reason="needs fonts-wqy-zenhei (make test installs it)")


@pytest.mark.parametrize("reader", ["zhengli-pdf", "pypdf"])
def test_a_tesseract_scan_of_a_notice_comes_back_with_its_structure(reader):
    """Recognition errors stay (a few characters misread); the blocks, their kinds and the text's
    spacing come back: no space between Chinese words, the numbered heads headings."""
    notice = next(d for d in ocr_documents() if d.name == "notice")
    raw = raw_input(OCR / "notice-tesseract.pdf", reader)
    document = clean(raw, f"notice-tesseract.{'pdf' if reader == 'zhengli-pdf' else 'txt'}")
    score = score_kind_case(f"notice/tesseract/{reader}", notice, raw)
    assert score.cer < 0.03 and score.boundary_f1 >= 0.9, score
    headings = [b.text for b in document.blocks() if b.type == "heading"]
    assert [h[:2] for h in headings if h[1:2] == "、"] == ["一、", "二、", "三、"]
    assert " 县" not in render_markdown(document) and "县 " not in render_markdown(document)


def test_a_tesseract_layer_is_read_though_pdfium_finds_no_unicode_map_for_its_codes():
    """Tesseract's font maps each code to itself with one range PDFium does not apply: its codes are
    the characters, which reads as Chinese, and the reading says so."""
    layer = read_pdf((OCR / "notice-tesseract.pdf").read_bytes())
    assert "营商环境" in layer.text.replace(" ", "")
    assert any("read by their codes" in flag for flag in layer.flags)


def test_lines_whose_boxes_touch_are_two_rows():
    """An OCR layer's type fills its line pitch: the line below touches the one above by a sliver."""
    previous = (453.6, 464.6, 271.2, 299.7)
    assert _next_row(previous, (112.3, 131.0, 242.9, 271.3))
    assert not _next_row(previous, (112.3, 131.0, 262.9, 291.3)), "half an em up is the same row"


@needs_font
def test_invisible_lines_lose_the_type_an_ocr_engine_fitted_to_their_boxes():
    """One line set larger than the others by the engine's fit is no heading: every invisible line
    takes the layer's usual size and weight; a visible line keeps its own."""
    register_font()
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.saveState()
    for y, size, text in ((760, 14, "第一行正文写在这里。"), (740, 19, "第二行正文写在这里。"), (720, 14, "第三行正文写在这里。")):
        written = canvas.beginText(72, y)
        written.setTextRenderMode(3)
        written.setFont(FONT, size)
        written.textOut(text)
        canvas.drawText(written)
    canvas.restoreState()  # the render mode is graphics state: it outlives the text object
    canvas.setFont(FONT, 20)
    canvas.drawString(72, 680, "看得见的标题")
    canvas.showPage()
    canvas.save()
    boxes = read_pdf(out.getvalue()).boxes
    assert [boxes[n].size for n in (1, 2, 3)] == [14.0, 14.0, 14.0]
    assert boxes[4].size == 20.0


def test_a_text_spaced_word_by_word_loses_its_spaces_and_a_typeset_one_keeps_its_pauses():
    spaced = "关于 印发 临 溪 县 进一步 优化 营 商 环境 若干 措施 的 通知 各 乡镇 人民 政府 县 政府 各 部门 直属 机构 : 1. 现 印发 给 你们"
    assert is_word_spaced(spaced)
    edits = list(find_word_spaces(spaced))
    kept = "".join(c for i, c in enumerate(spaced) if not any(a <= i < b for a, b, _ in edits))
    assert kept == "关于印发临溪县进一步优化营商环境若干措施的通知各乡镇人民政府县政府各部门直属机构:1.现印发给你们"
    typeset = "扭住科技创新“牛鼻子” 提升产业体系现代化水平\n" + "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。" * 5
    assert not is_word_spaced(typeset)


def test_a_word_spaced_text_keeps_runs_of_spaces_and_the_spaces_inside_numbers():
    assert [(a, b) for a, b, _ in find_word_spaces("项目 名称    金额 1 000 元")] == [(2, 3), (11, 12), (17, 18)]


def test_stops_read_as_ascii_full_stops_end_sentences_before_the_lines_are_joined():
    """OCR reads `。` as `.`: widened on each line, the sentence end shows where a paragraph ends."""
    raw = "通知\n\n" + "为持续打造一流营商环境，激发各类经营主体活力，制定以下措\n施.\n一、提升政务服务效能\n梳理企业和群众办事高频事项.\n"
    text = render_markdown(clean(raw.encode("utf-8"), "t.txt"))
    assert "制定以下措施。" in text and "高频事项。" in text and "." not in text
