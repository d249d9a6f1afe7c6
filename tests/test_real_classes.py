"""General classes of damage real publishers' PDFs and real extractors showed, each as a small
case of its own (never a real document's words)."""

import re

import pytest
from zhengli.tasks.evidence.layout import LineModel
from zhengli.tasks.evidence.units import Line, Para
from zhengli.tasks.moves import measure_moves
from zhengli.tasks.pipeline import clean
from zhengli.tasks.repairs import repair
from zhengli.tasks.repairs.lines import Boundary, Tally, decide
from zhengli.tasks.repairs.passes import MARKS

from .conftest import side_by_side


def blocks(raw: str) -> list[tuple[str, str]]:
    return [(b.type, b.text) for b in clean(raw.encode(), "t.txt").blocks()]


def double_spaced(lines: list[str]) -> str:
    """pdfminer.six: a blank line after every line."""
    return "\n\n".join(lines) + "\n"


ARTICLES = [
    "第一条  为了规范城市树木的养护管理工作，保障",
    "绿化成果，根据有关法律、法规，制定本条例。",
    "第二条  本市行政区域内城市树木的养护和管理活",
    "动，适用本条例。",
    "第三条  市绿化主管部门负责全市树木的养护管理",
    "工作，区绿化主管部门负责本辖区内的有关工作。",
]


def test_a_page_number_between_full_width_hyphens_is_page_furniture():
    found = blocks(double_spaced([*ARTICLES[:2], "－3－", *ARTICLES[2:]]))
    assert all("－3－" not in text for _, text in found)
    assert [t for kind, t in found if kind == "paragraph"][0].endswith("制定本条例。")


def test_a_letter_spaced_heading_broken_at_its_gaps_is_one_heading():
    found = blocks(double_spaced(["第一章  总 ", "  则 ", *ARTICLES]))
    assert found[0][0] == "heading" and found[0][1].replace(" ", "").replace("\u3000", "") == "第一章总则"
    assert not any(text.strip() == "则" for _, text in found)


def test_an_adoption_note_over_several_lines_is_one_meta_block_under_the_title():
    note = ["（2010年3月1日某市第十三届人民代表大会常务委员", "会第十五次会议通过  根据2015年6月5日某市第十", "四届人民代表大会常务委员会第二次会议修正） "]
    found = blocks(double_spaced(["某市城市树木养护条例 ", *note, *ARTICLES]))
    assert found[0] == ("title", "某市城市树木养护条例")
    assert found[1][0] == "meta" and found[1][1].startswith("（2010年") and found[1][1].endswith("修正）")


def test_a_clauses_line_cut_mid_sentence_is_never_a_heading_however_wide_the_next_line():
    lines = ["第四条  对擅自砍伐城市树木的单位，绿化主管部门应当根据",
             "本条例第三条规定的标准合理确定其补种数量和补偿金额",
             "标准。", *ARTICLES[2:]]
    found = blocks(double_spaced(lines))
    assert [kind for kind, _ in found] == ["paragraph"] * 3
    assert found[0][1].startswith("第四条") and "补偿金额标准。" in found[0][1]


def test_an_unnumbered_short_line_under_an_unfinished_sentence_is_no_heading():
    raw = "第五条 树木的养护单位应当定期修剪，并且\n\n保持树冠完整\n\n第六条 本条例自公布之日起施行。\n"
    assert [kind for kind, _ in blocks(raw)] == ["paragraph", "paragraph", "paragraph"]


def test_a_clause_cut_mid_sentence_goes_on_past_the_blank_line_of_a_wide_gap():
    """pdftotext's default mode: the label alone, then the first line, then a blank line where the
    first line's indent made a box of its own; the first line is short by the label's width."""
    articles = [("第一条", "为了规范城市树木养护，保障", "绿化成果，根据有关法律、法规，结合本", "市实际情况，制定本条例。"),
                ("第二条", "本市行政区域内树木养护、管", "理活动，以及相关的监督检查，适用本条", "例的规定。"),
                ("第三条", "市绿化主管部门负责养护、管", "理工作，区绿化主管部门负责本辖区内树木", "的养护管理工作。")]
    raw = "".join(f"{label}\n\n{first}\n\n{second}\n{third}\n" for label, first, second, third in articles)
    assert [text.replace(" ", "") for _, text in blocks(raw)] == ["".join(article) for article in articles]


def test_a_signature_under_a_finished_paragraph_is_not_joined_to_it():
    raw = "通知\n\n各区：\n\n请各区做好防汛工作，确保安全度汛，并及时报告。\n\n某市人民政府办公室\n\n2024年5月20日\n"
    assert [text for kind, text in blocks(raw)][-2:] == ["某市人民政府办公室", "2024年5月20日"]


def after_blank_line(typical: float, label: str, last: str, following: str) -> tuple[str, bool]:
    """The decision at a blank line in a wrapped text without indents, after a paragraph of
    `label` (alone on its line, or '') and `last`."""
    model = LineModel(typical=typical, wrapped=True, double_spaced=False, trailing_space_ends=False, indent_starts=False)
    text = f"{label} {last}" if label else last
    starts = [(0, 1), (len(label) + 1, 3)] if label else [(0, 3)]
    return decide(Boundary(model, Para(text, starts, [(0, 1)]), Line(3, last), Line(5, following), gap=1, tally=Tally.of(text)))


def test_the_cut_mid_sentence_rule_decides_a_blank_line_after_a_short_clause_line():
    assert after_blank_line(18, "第一条", "为了规范城市树木养护，保障", "绿化成果，根据有关法律、法规，结合本") == ("cut-mid-sentence", False)
    assert after_blank_line(18, "", "一、坚持稳中求进，推动高质量发展", "今年是全面贯彻落实党的二十大精神的开局之年。")[1] is True


def test_a_long_adoption_note_in_brackets_is_meta_however_long():
    note = ("（2001年10月28日某省第九届人民代表大会常务委员会第二十三次会议通过　"
            "根据2005年3月1日某省第十届人民代表大会常务委员会第十次会议《关于修改部分地方性法规的决定》修正　"
            "2013年8月1日某省第十二届人民代表大会常务委员会第三次会议修订）")
    found = blocks(f"某省城市树木养护条例\n{note}\n第一条 为了规范城市树木的养护管理，制定本条例。\n第二条 本条例自公布之日起施行。\n")
    assert found[0] == ("title", "某省城市树木养护条例")
    assert found[1][0] == "meta" and "".join(found[1][1].split()) == "".join(note.split())


def test_a_numbered_heading_on_its_own_line_of_web_text_stands_alone():
    """Web text, one paragraph a line: a numbered heading never runs on into its body."""
    long = "今年经济社会发展任务重、挑战多，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，推动高质量发展。" * 4
    short = "今年要坚持稳中求进工作总基调，推动高质量发展。"
    raw = f"各位代表：\r\n{long}\r\n{long}\r\n{long}\r\n三、2024年政府工作任务\r\n{short}\r\n"
    assert [kind for kind, _ in blocks(raw)][-2:] == ["heading", "paragraph"]


def test_an_article_cut_mid_sentence_goes_on_past_a_blank_line_even_without_commas():
    assert after_blank_line(26, "第二十二条", "劳动合同当事人可以约定保守", "用人单位商业秘密的有关事项。") == ("cut-mid-sentence", False)


def test_reading_two_columns_apart_is_a_recorded_move_the_order_check_accepts():
    left = ["左栏第一段的第一行文字比较长", "左栏第一段的第二行文字结束。", "左栏第二段开始于此处继续写", "左栏第二段结束了在这里。"] * 2
    right = ["右栏第一段的第一行文字也长", "右栏第一段的第二行到此结束。", "右栏第二段的第一行也写满了", "右栏第二段也结束在这里。"] * 2
    raw = "\n".join(side_by_side(left, right)) + "\n"
    document = clean(raw.encode(), "t.txt")
    moves = [(r.before, r.after) for r in document.repairs if r.step == "columns"]
    assert moves[:2] == [(right[0], ""), ("", right[0])]
    assert measure_moves(raw, document).moved == 0


def test_the_full_line_of_justified_short_articles_is_the_commonest_wide_width():
    """Short articles print few full lines: first lines narrower by a lost indent, lines of a label
    and a half-width space, last lines; no width holds a fifth of the lines, and the full line is
    the commonest at or above the 80th percentile, not the percentile itself."""
    from zhengli.tasks.evidence.layout import full_width

    widths = [28] * 12 + [26] * 10 + [25.5] * 10 + [27] * 2 + [29] * 2 + [20, 18, 15, 12, 11, 9, 8, 7, 6, 5] * 4
    mid_word = [width == 28 for width in widths]
    assert full_width(widths, mid_word) == 28


def test_a_width_wider_by_hanging_punctuation_is_no_full_line():
    from zhengli.tasks.evidence.layout import full_width

    widths = [27] * 12 + [26] * 10 + [25.5] * 10 + [20, 18, 15, 12, 11, 9, 8, 7, 6, 5] * 4
    assert full_width(widths, [False] * len(widths)) == 26


def test_a_justified_comma_line_parted_from_its_article_label_goes_on_past_the_blank_line():
    """pdftotext's default mode: `第六条`, a blank line, the first line's rest ending at a comma, a
    blank line where the line's box ended, then the sentence goes on."""
    assert after_blank_line(26, "第六条", "养护单位应当依法建立和完善养护管理制度，", "规范养护作业，保障树木正常生长。") == ("cut-mid-sentence", False)


def test_a_short_item_ending_at_a_comma_is_no_run_on_line():
    assert after_blank_line(26, "", "市绿化局局长，", "市城管局副局长，")[0] != "cut-mid-sentence"


ARTICLE_LINES = [
    ("第八条", "养护单位应当按照技术规范修剪树木，", "及时清除枯枝，防止倒伏。"),
    ("第九条", "任何单位和个人不得擅自砍伐城市树木，不得", "损坏树木及其附属设施。"),
    ("第十条", "养护单位应当建立树木养护档案，如实记录养护", "情况，并接受主管部门的监督检查。"),
]


def test_an_article_label_printed_after_its_first_line_goes_back_before_it():
    """pdftotext's default mode reads a label set apart by a wide gap after the line it heads."""
    (l1, a1, b1), (l2, a2, b2), (l3, a3, b3) = ARTICLE_LINES
    raw = f"{l1}\n\n{a1}\n\n{b1}\n{a2}\n\n{l2}\n\n{b2}\n{l3}\n\n{a3}\n\n{b3}\n"
    document = clean(raw.encode(), "t.txt")
    assert [b.text.replace(" ", "") for b in document.blocks()] == ["".join(article) for article in ARTICLE_LINES]
    assert measure_moves(raw, document).moved == 0


def test_an_article_label_between_a_chapters_label_and_its_name_lets_the_name_back():
    (l1, a1, b1), (l2, a2, b2), _ = ARTICLE_LINES
    raw = f"第一章\n\n总则\n\n{l1}\n\n{a1}\n\n{b1}\n第二章\n\n{l2}\n\n养护管理\n\n{a2}\n\n{b2}\n" + double_spaced(ARTICLES)
    found = [(kind, text.replace(" ", "")) for kind, text in blocks(raw)][:4]
    assert found == [("heading", "第一章总则"), ("paragraph", l1 + a1 + b1), ("heading", "第二章养护管理"), ("paragraph", l2 + a2 + b2)]


def test_an_article_label_out_of_sequence_inside_a_sentence_is_not_moved():
    """Only a label that numbers the next article is taken for a displaced one."""
    (l1, a1, b1), (_, a2, b2), _ = ARTICLE_LINES
    raw = f"{l1}\n\n{a1}\n\n{b1}\n{a2}\n\n第三十条\n\n{b2}\n"
    assert "reading-order" not in {r.step for r in clean(raw.encode(), "t.txt").repairs}


MORE_ARTICLES = [
    "第四条  市、区人民政府应当将树木养护经费列入本级",
    "财政预算，保障养护管理工作的正常开展。",
    "第五条  任何单位和个人都有保护城市树木的义务，",
    "并有权制止、检举损害树木的行为。",
]
CLOSING_ARTICLE = [
    "第六条  本条例自 2020 年 5 月 1 日起正式施行。",
    "2008",
    "年 3 月 1 日通过的《城市树木管理办法》同时废止。",
]


def test_a_year_broken_off_a_full_line_is_text_and_the_paragraph_joins_around_it():
    """`-raw` breaks a line where its font changes: a year ending a full line comes out alone."""
    found = blocks("\n".join([*ARTICLES[:4], "1", *ARTICLES[4:], "2", *MORE_ARTICLES, *CLOSING_ARTICLE]) + "\n")
    assert found[-1] == ("paragraph", "第六条 本条例自2020年5月1日起正式施行。2008年3月1日通过的《城市树木管理办法》同时废止。")
    assert all(text not in ("1", "2") for _, text in found)


def test_bare_numbers_in_the_documents_page_sequence_are_page_numbers_and_one_alone_next_to_a_form_feed_too():
    in_sequence = blocks("\n".join([*ARTICLES[:2], "7", *ARTICLES[2:4], "8", *ARTICLES[4:]]) + "\n")
    by_form_feed = blocks("\n".join([*ARTICLES[:2], "7", "\f" + ARTICLES[2], *ARTICLES[3:]]) + "\n")
    for found in (in_sequence, by_form_feed):
        assert [text for _, text in found][0].endswith("制定本条例。")
        assert all(text not in ("7", "8") for _, text in found)


def test_where_the_document_numbers_its_pages_with_dashes_a_bare_number_inside_a_page_is_text():
    """`- 1 -` `- 2 -` by the form feeds make the dashed form the document's own: `2024` or `356`
    alone on a line inside a page (an amount, a year the extractor broke off) stays, joined."""
    pages = ["全市森林面积达到\n2024\n公顷，比上年增长。\n- 1 -", "全年完成造林任务。投入资金\n356\n万元。\n- 2 -", "继续推进国土绿化。\n- 3 -"]
    found = [text for _, text in blocks("一、总体情况\n" + "\n\f".join(pages) + "\n")]
    assert "全市森林面积达到2024公顷，比上年增长。" in found and "全年完成造林任务。投入资金356万元。" in found
    assert not any(text.startswith("-") for text in found)


def test_letter_spaced_lines_read_as_two_columns_are_interleaved_again():
    """pdftotext's default mode reads `目 录` over `第一章 总 则` as two columns: the parts before the gaps first."""
    contents = ["目", "第一章 总", "", "录", "", "则", "", "第二章 树木养护", "第三章 法律责任", ""]
    found = blocks("\n".join([*contents, "第一章  总 ", "", "则", "", *ARTICLES]) + "\n")
    assert found[:4] == [("heading", "目录"), ("toc", "第一章 总则"), ("toc", "第二章 树木养护"), ("toc", "第三章 法律责任")]


def test_an_article_label_printed_between_a_chapter_heading_and_its_first_line_goes_back_before_it():
    """pdftotext's default mode: the label set apart by a wide gap comes out after the line it opens, cut at a comma."""
    label_between = ["市绿化主管部门负责全市树木的养护管理工作，", "", "第三条", "", "区绿化主管部门负责本辖区内的有关工作。"]
    found = blocks("\n".join([*ARTICLES[:4], "第二章 养护管理", *label_between, *MORE_ARTICLES]) + "\n")
    assert found[-4:-2] == [("heading", "第二章 养护管理"), ("paragraph", f"第三条 {ARTICLES[4][5:]}{ARTICLES[5]}")]


def test_an_article_label_printed_below_its_one_sentence_goes_back_before_it():
    lines = [*ARTICLES[:4], "本市各区应当每年组织一次树木普查。", "", "第三条", "", *MORE_ARTICLES]
    found = blocks("\n".join(lines) + "\n")
    assert found[2] == ("paragraph", "第三条 本市各区应当每年组织一次树木普查。")
    assert [text[:3] for _, text in found] == ["第一条", "第二条", "第三条", "第四条", "第五条"]


GAZETTE_COLUMN = [
    "第一条　为了规范城市树木的养护管理工作，",
    "保障绿化成果，根据有关法律、法规和本市实际",
    "情况，制定本条例。",
    "第二条 本条例自2024年3月1日起正式施",
    "行。",
    "第三条　本市行政区域内城市树木的养护和管",
    "理活动，适用本条例。市绿化主管部门负责全市",
    "树木的养护管理工作，区绿化主管部门负责本辖",
    "区内的有关工作。",
]


def test_a_justified_line_full_of_half_width_digits_goes_on():
    """A justified column spreads `2024年3月1日` to the measure: the line is full in print, though its
    digits count half an em each, and the sentence it cuts goes on."""
    found = [text for kind, text in blocks("\n".join(GAZETTE_COLUMN) + "\n") if kind == "paragraph"]
    assert len(found) == 3
    assert found[1].endswith("起正式施行。")


def test_a_running_head_with_its_page_number_at_the_outer_edge_is_page_furniture_on_every_page():
    """A gazette prints the page number in the running head's row at the page's outer edge: right
    of the head on odd pages, left of it on even ones; read as one line, both are one header, and
    the first page's is no part of the title under it."""
    head = "江川市人民代表大会常务委员会公报 ２０２４·３"
    pages = [[f"{head} —37—", "江川市城市树木养护管理条例", *GAZETTE_COLUMN[:5]], [f"—38— {head}", *GAZETTE_COLUMN[5:]]]
    found = blocks("\f".join("\n".join(page) + "\n" for page in pages))
    assert found[0] == ("title", "江川市城市树木养护管理条例")
    assert all("公报" not in text and "—3" not in text for _, text in found)
    assert len([kind for kind, _ in found if kind == "paragraph"]) == 3


def test_a_periodicals_head_over_a_one_page_text_is_page_furniture_and_no_part_of_its_title():
    """A gazette's head (its name and issue) printed once, over the one page a text fills: no
    repetition shows it, its form does; inside the page, between sentences, the same line is text."""
    for head in ("江川市人民代表大会常务委员会公报　２０２４·３", "江川市人民政府公报　2024年第5期"):
        found = blocks("\n".join([head, "—37—", "关于做好城市树木养护工作的通知", *GAZETTE_COLUMN[:5]]) + "\n")
        assert found[0] == ("title", "关于做好城市树木养护工作的通知")
        assert all("公报" not in text for _, text in found)
    inside = ["关于做好城市树木养护工作的通知", *GAZETTE_COLUMN[:3], "江川市人民政府公报　2024年第5期", *GAZETTE_COLUMN[3:]]
    assert any("公报" in text for _, text in blocks("\n".join(inside) + "\n"))


def test_a_periodicals_head_over_side_by_side_columns_is_not_cut_at_their_gutter():
    """`pdftotext -layout` prints the head's name and issue apart, the issue over the right column (the
    page, numbered through the year, is one of the gazette's)."""
    left, right = GAZETTE_COLUMN[:5], GAZETTE_COLUMN[5:] + [""]
    head = f"{'江川市人民代表大会常务委员会公报':<20}      ２０２４·３"
    found = blocks("\n".join([head, "", *side_by_side(left, right), "", f"{'—37—':>24}"]) + "\n")
    assert all("公报" not in text and "２０２４" not in text for _, text in found)
    assert len([kind for kind, _ in found if kind == "paragraph"]) == 3


def test_a_page_number_written_right_to_left_one_glyph_a_line_is_page_furniture():
    """`pdftotext -raw` breaks the line at every glyph written right to left: `—３７—` comes out
    as `—` `７` `３` `—`, one a line, backwards."""
    head = "江川市人民代表大会常务委员会公报　２０２４·３"
    found = blocks("\n".join([head, "—", "７", "３", "—", "江川市城市树木养护管理条例", *GAZETTE_COLUMN]) + "\n")
    assert found[0] == ("title", "江川市城市树木养护管理条例")
    assert all("—" not in text and "７" not in text for _, text in found)
    for run in ([f"{head} —", "７", "３", "—"], ["—", "８", "３", f"— {head}"]):
        # in the head's row, the dash next to the head stays on the head's line
        found = blocks("\n".join([*run, "江川市城市树木养护管理条例", *GAZETTE_COLUMN]) + "\n")
        assert found[0] == ("title", "江川市城市树木养护管理条例")
        assert all("—" not in text and "公报" not in text for _, text in found)


def test_a_column_of_one_digit_lines_is_no_page_number_written_right_to_left():
    """A table's column or a list's numbers one a line (`1` `2` `3`) read backwards is a number, but
    not in a folio's form: only a run between dashes is a page number written right to left."""
    page = ["某市统计表", "序号", "1", "2", "3", "合计", "全年新签约项目五十八个，竣工投产项目三十一个。"]
    pages = [page, GAZETTE_COLUMN[:3], GAZETTE_COLUMN[3:6], GAZETTE_COLUMN[6:]]
    raw = "\f".join("\n".join([*lines, f"- {n} -"]) + "\n" for n, lines in enumerate(pages, 1))
    found = re.sub(r"\s", "", "".join(text for _, text in blocks(raw)))
    assert "序号123合计" in found


def test_bare_numbers_on_lines_next_to_each_other_are_a_column_not_page_numbers():
    """`1` `2` `3` one a line, away from any page's end: each would number a page holding nothing
    (single digits but for that may be one page number's glyphs written right to left)."""
    found = re.sub(r"\s", "", "".join(text for _, text in blocks("\n".join(["某市统计表", "序号", "1", "2", "3", "4", "合计", *GAZETTE_COLUMN]) + "\n")))
    assert "序号1234合计" in found
    for column in (["12", "7"], ["5", "3", "4", "2", "5"]):  # a figure of two digits; more digits than a folio has
        found = re.sub(r"\s", "", "".join(text for _, text in blocks("\n".join(["某市统计表", "得分", *column, "合计", *GAZETTE_COLUMN]) + "\n")))
        assert "得分" + "".join(column) + "合计" in found


@pytest.mark.parametrize("column", [["3", "1"], ["8", "2"], ["1", "2"], ["—", "3", "—"], ["－", "1", "2", "－"]])
def test_figures_and_cells_one_a_line_inside_a_page_are_kept(column):
    """Two single digits that do not count up (`3` `1`), a table's cells (`—` `3` `—`), one a line
    inside a page: no page number is printed among them, nor a folio between dashes."""
    raw = "\n".join(["某市统计表", "得分", *column, "合计", *GAZETTE_COLUMN]) + "\n"
    found = re.sub(r"\s", "", "".join(text for _, text in blocks(raw)))
    assert "得分" + "".join(column) + "合计" in found
    assert not [r for r in repair(raw).repairs if r.step == "page-numbers"]


POEM = ["春风吹过山岗，", "绿了江南两岸。", "秋雨落在田间，", "黄了北方大地。"]
FORM = ["个人情况登记表", "姓名：", "张明", "年龄：", "30", "职务：", "科员"]


@pytest.mark.parametrize("raw", [
    "\n\n".join(["山河", *POEM[:2], "2", *POEM[2:]]) + "\n",  # a stanza's number in verse
    "\n".join(FORM) + "\n",  # a field's value under its label
    "\n".join(["全年主要指标：", "新签约项目（个）", "58", "其中竣工投产的占四成。", "以上情况，请各单位知悉。"]) + "\n",
    "\n".join(FORM) + "\n\f",  # pdftotext ends the page with a form feed: the number is not beside it
])
def test_a_lone_bare_number_inside_a_page_is_text_where_nothing_shows_a_page_there(raw):
    """A bare number alone on its line with no page edge beside it (a form feed, a run of blank
    lines, the text's start or end, a running head), fitting no sequence of page numbers and not
    its page's own ordinal: nothing shows a page there; deleting it would lose text."""
    assert not [r for r in repair(raw).repairs if r.step == "page-numbers"]


@pytest.mark.parametrize("raw", [
    "\n".join(POEM[:2]) + "\n1\n\f" + "\n".join(POEM[2:]) + "\n",  # before a form feed
    "\n".join(POEM) + "\n1\n",  # the text's last line
    "\n".join(POEM[:2]) + "\n1\n \n \n" + "\n".join(POEM[2:]) + "\n",  # before a run of blank lines where a page breaks
    "\n".join([POEM[0], "1", *POEM[1:]]) + "\n\f",  # its own page's ordinal, read between two columns
    "\n".join([*POEM[:2], "1", "某某工作简报"]) + "\n\f" + "\n".join([*POEM[2:], "某某工作简报"]) + "\n",  # over a running foot
])
def test_a_lone_bare_number_at_a_pages_edge_or_counting_its_page_is_a_page_number(raw):
    assert [r.before for r in repair(raw).repairs if r.step == "page-numbers"][:1] == ["1"]


def test_a_bare_number_fitting_no_sequence_inside_a_page_the_form_feeds_mark_is_text():
    """Pages numbered 1, 2, 3 beside the form feeds: a figure inside a page (`5000` between
    `培训` and `人次以上`, no unit opening the next line) is text."""
    pages = ["每年培训从业人员\n5000\n人次以上。\n1", "继续推进国土绿化。\n2", "完善考核评价机制。\n3"]
    raw = "\n\f".join(pages) + "\n"
    assert [r.before for r in repair(raw).repairs if r.step == "page-numbers"] == ["1", "2", "3"]


def test_a_folio_between_dashes_one_glyph_a_line_stands_at_a_pages_edge():
    """`—` `3` `—` after a form feed, or under the head over the page, is the page number still."""
    for page_top in (["—", "3", "—"], ["江川市人民政府公报　2024年第5期", "—", "3", "—"]):
        raw = "\n".join(GAZETTE_COLUMN[:4]) + "\n\f" + "\n".join([*page_top, *GAZETTE_COLUMN[4:]]) + "\n"
        assert ("—3—", "") in [(r.before, r.after) for r in repair(raw).repairs if r.step == "page-numbers"]


def test_a_bulletins_name_and_issue_opening_its_text_is_its_title():
    """`…工作简报　2024年第12期` as a text's first line, no page ending under it, names the text; over a
    page that a page number ends it is the periodical's head."""
    body = ["本期要目：全市教育工作会议召开。", "3月5日，全市教育工作会议召开，会议总结了2023年工作，部署了2024年重点任务。"]
    for head in ("教育工作简报　2024年第12期", "江川市人民政府公报　2024年第5期"):
        found = blocks("\n".join([head, *body]) + "\n")
        assert found[0][0] == "title" and "2024年第" in found[0][1], head


@pytest.mark.parametrize("folio", ["— 1 —", "1", "第1页"])
def test_a_bulletins_masthead_over_its_own_paged_text_is_its_title(folio):
    """The name and issue over a bulletin's first page, printed there alone (no page number in its
    row, no later page under the same head), is the text's own title block, pages or not."""
    body = ["3月5日，全市教育工作会议召开，会议总结了2023年工作，部署了2024年重点任务。",
            "会议要求，各地各校要抓好落实，确保各项任务按期完成。"]
    raw = "\n".join(["教育工作简报　2024年第12期", body[0], folio]) + "\n\f" + "\n".join([body[1], folio.replace("1", "2")]) + "\n"
    found = blocks(raw)
    assert found[0] == ("title", "教育工作简报2024年第12期")
    assert not [r for r in repair(raw).repairs if r.step == "running-headers"]


@pytest.mark.parametrize("page_number", ["—37—", "—37— "])
def test_a_periodicals_head_in_traditional_characters_is_page_furniture(page_number):
    """`…公報　2024年第5期` (traditional script) over a page whose number stands under it is the head, as
    `…公报` is; over the text's first page alone, with the page number beside it, too."""
    head = "江川市人民政府公報　2024年第5號"
    one = [head, page_number, "關於做好城市樹木養護工作的通知", *GAZETTE_COLUMN[:5]]
    two = [*one, "\f" + head, "—38—", *GAZETTE_COLUMN[5:]]
    for lines in (one, two):
        found = blocks("\n".join(lines) + "\n")
        assert found[0][0] == "title" and "公報" not in found[0][1] and "公报" not in found[0][1]
        assert all("2024年第5" not in text for _, text in found)


JUSTIFIED_21 = [
    "第一条 为了促进城市绿化事业发展，改善",
    "生态环境和人居环境，维护公民、法人和其他组",
    "织的合法权益，根据有关法律、行政法规，结合",
    "本市实际，制定本条例。",
    "第二条 本条例适用于本市城市规划区内城",
    "市绿化的规划、建设、保护和管理活动。",
    "第三条 城市绿化工作坚持政府主导、社会",
    "参与、统筹规划、因地制宜、生态优先、保护优",
    "先的原则。",
]
"""A justified column of 21 as `pdftotext -raw` reads it: first lines lost their two-em indent."""


def test_a_first_line_full_but_for_its_lost_indent_is_no_heading_however_heading_like():
    found = blocks("\n".join(JUSTIFIED_21) + "\n")
    assert [kind for kind, _ in found] == ["paragraph"] * 3
    assert found[1][1] == "第二条 本条例适用于本市城市规划区内城市绿化的规划、建设、保护和管理活动。"


def late_breaks(lines: list[str], space: str = " ") -> str:
    """pypdf on glyphs each placed by a matrix of its own: the break or space before a glyph comes
    out after it (every line's first glyph, the document's too, is followed by the break)."""
    return "".join(char + ("\n" if index == 0 else space) for line in lines for index, char in enumerate(line))


def test_breaks_written_one_glyph_late_give_each_line_its_first_glyph_back():
    """`…制定本条例。 第` over `二 条 …`: each line's last glyph heads the line below, and the space
    after every glyph goes; without the spaces, the breaks alone come back."""
    column = GAZETTE_COLUMN + JUSTIFIED_21
    expected = blocks("\n".join(column) + "\n")
    assert blocks(late_breaks(column)) == expected
    assert [text.replace(" ", "") for _, text in blocks(late_breaks(column, ""))] == [text.replace(" ", "") for _, text in expected]


def test_a_line_ending_once_one_glyph_past_its_sentence_is_no_sign_of_late_breaks():
    lines = [*GAZETTE_COLUMN[:3], "第二条 本条例自2024年3月1日起施行。第", "三条　本市行政区域内城市树木的养护和管", *GAZETTE_COLUMN[6:]]
    assert any(text.startswith("第三条") or "。第三条" in text for _, text in blocks("\n".join(lines) + "\n"))


def test_lines_closing_a_quoted_sentence_are_no_sign_of_late_breaks():
    """`。”`, `！）` end a quoted or bracketed sentence on time: a closing mark never opens a line."""
    lines = ["宣传标语", "“安全第一，预防为主！”", "“生命至上，安全发展！”", "“人人讲安全，事事为安全！”", "（安全生产，人人有责。）"]
    document = clean(("\n".join(lines) + "\n").encode(), "t.txt")
    assert not [repair for repair in document.repairs if repair.step == "late-breaks"]


def test_a_forms_fields_of_one_glyph_after_a_colon_are_no_sign_of_late_breaks():
    """`性别：男` over `民族：汉`: a field's value, not the next line's first glyph."""
    person = ["性别：男", "民族：汉", "籍贯：江苏", "学历：大学"]
    lines = ["候选人基本情况", "张三", *person, "李四", *person]
    document = clean(("\n".join(lines) + "\n").encode(), "t.txt")
    assert not [repair for repair in document.repairs if repair.step == "late-breaks"]


def second_pass(lines: list[str], own_line: bool) -> str:
    """Digits and punctuation written after each line's other glyphs, read in stream order: a gap
    where each run of them stood inside the line, the runs after it, on the line (pypdf) or on a
    line of their own (`pdftotext -raw`)."""
    marks = f"[{MARKS}]+"
    rows = []
    for line in lines:
        body = re.sub(f"(?<=[^ ]){marks}(?=[^ ])", " ", line)
        body = re.sub(f"^{marks}|{marks}$", "", body)
        groups = " ".join(re.findall(marks, line))
        rows += [body, groups] if own_line and groups else [body + groups]
    return "\n".join(rows) + "\n"


def test_digits_and_punctuation_written_in_a_second_pass_go_back_where_their_gaps_are():
    """`市绿化的规划 建设 保护和管理活动、 、 。`: the marks fill the gaps in order, the one more opens or
    ends the line; from pypdf's lines and from `pdftotext -raw`'s lines of marks alike."""
    column = GAZETTE_COLUMN + JUSTIFIED_21
    expected = [(kind, text.replace(" ", "").replace("\u3000", "")) for kind, text in blocks("\n".join(column) + "\n")]
    for own_line in (False, True):
        found = [(kind, text.replace(" ", "").replace("\u3000", "")) for kind, text in blocks(second_pass(column, own_line))]
        assert found == expected, own_line


def test_lines_that_only_end_in_punctuation_are_no_second_pass():
    """Running text whose lines end in marks, with a gap or two of its own, keeps its order."""
    lines = ["各区人民政府 市政府各部门：", "现将有关事项通知如下。", *GAZETTE_COLUMN]
    assert blocks("\n".join(lines) + "\n")[0][1].startswith("各区人民政府")


def test_lines_parted_by_a_space_and_ending_in_one_mark_are_no_second_pass():
    """Slogans, verse, a list of aims set with a space for a comma (`安全第一 预防为主！`): one mark at
    the end and one gap inside are any text's; a second pass leaves marks in groups apart (`、 、 。`)."""
    lines = ["安全第一 预防为主！", "生命至上 安全发展！", "人人讲安全 事事为安全！", "安全生产 人人有责！",
             "隐患险于明火 防范胜于救灾！", "强化红线意识 促进安全发展！"]
    assert [text for _, text in blocks("\n\n".join(["宣传标语", *lines]) + "\n")][1:] == lines


def test_numbers_on_lines_of_their_own_under_parted_names_are_no_second_pass():
    """A table read one cell a line: a name with a space inside (`地区 生产总值`) over its figure; a
    figure under a line is a table's, not marks a second pass left (those hold punctuation)."""
    rows = [("地区 生产总值", "1250.6"), ("一般公共 预算收入", "86.3"), ("城镇居民 人均收入", "52180"),
            ("农村居民 人均收入", "28960"), ("社会消费品 零售总额", "560.2"), ("固定资产 投资增长", "5.6%")]
    found = "".join(text for _, text in blocks("\n".join(["2024年部分指标", *[cell for row in rows for cell in row]]) + "\n"))
    assert all(name.split()[0] + figure not in found for name, figure in rows)


BODY = "全年新签约项目五十八个，竣工投产项目三十一个，规模以上工业增加值增长百分之八。"


def test_a_numbered_lead_sentence_on_its_own_line_over_its_body_is_a_heading():
    """`（一）坚持稳中求进。` alone, its body the next paragraph: a heading, as without its `。`;
    the same label run into its body in one paragraph stays a paragraph."""
    found = blocks(f"一、工作回顾\n（一）产业发展势头良好。\n{BODY}\n（二）城乡融合步伐加快。\n{BODY}\n")
    assert found[1:] == [("heading", "（一）产业发展势头良好。"), ("paragraph", BODY), ("heading", "（二）城乡融合步伐加快。"), ("paragraph", BODY)]
    assert blocks(f"一、工作回顾\n（一）产业发展势头良好。{BODY}\n")[1][0] == "paragraph"


def test_a_numbered_lead_sentence_alone_over_its_own_items_numbered_one_level_deeper_is_a_heading():
    """`（一）提升政务服务效能。` over `1.…` `2.…`: it heads its items, as a sibling over running text
    does; an item of a shallower scheme under it (`二、…`) is no child of it."""
    items = "1.推进一网通办。实现高频事项全程网办。\n2.深化一件事一次办。实现关联事项集成办理。\n"
    found = blocks(f"二、重点任务\n（一）提升政务服务效能。\n{items}（二）优化市场准入环境。\n{BODY}\n")
    assert [kind for kind, _ in found] == ["heading", "heading", "paragraph", "paragraph", "heading", "paragraph"]
    assert blocks(f"一、工作回顾\n（一）产业发展势头良好。\n二、工作安排\n{BODY}\n")[1][0] == "paragraph"


def test_numbered_sentences_listed_one_under_another_are_paragraphs_even_the_last_over_text():
    found = blocks(f"一、工作要求\n（一）加强组织领导。\n（二）强化要素保障。\n（三）严格督查考核。\n{BODY}\n")
    assert [kind for kind, _ in found[1:4]] == ["paragraph"] * 3


def test_items_listed_one_a_line_after_a_colon_that_holds_the_first_are_paragraphs():
    """`附件：1.某某方案` over `2.某某清单`: the second item is no heading, however short."""
    raw = ("通知\n各区：\n现将方案印发给你们，请认真贯彻落实。\n附件：1.某市防汛工作方案\n2.某市防汛重点任务清单\n"
           "某市人民政府办公室\n2024年5月20日\n")
    found = blocks(raw)
    assert found[-4:] == [("paragraph", "附件：1.某市防汛工作方案"), ("paragraph", "2.某市防汛重点任务清单"),
                          ("meta", "某市人民政府办公室"), ("meta", "2024年5月20日")]


def test_the_issuing_body_over_the_closing_date_is_never_joined_to_the_line_above_it():
    """A wrapped print: a numbered line most of a line wide above the signature would otherwise go
    on into it, as a heading too long for one line does."""
    lines = ["现将《某市防汛工作方案》印发给你们，请结合实际认真", "贯彻落实，并及时报告工作进展情况和存在的问题。各区",
             "要加强组织领导，压实防汛责任，做好人员转移避险和物", "资储备等各项准备工作，确保人民群众生命财产安全。",
             "附件：1.某市防汛工作方案", "2.某市防汛重点任务分工清单和时间", "某市人民政府办公室", "2024年5月20日"]
    found = blocks("通知\n各区：\n" + "\n".join(lines) + "\n")
    assert [text for _, text in found][-3:] == ["2.某市防汛重点任务分工清单和时间", "某市人民政府办公室", "2024年5月20日"]


def wrapped(text: str, width: int = 25) -> list[str]:
    """Justified text without indents, cut into full lines."""
    return [text[i:i + width] for i in range(0, len(text), width)]


def test_a_short_line_ending_in_a_semicolon_under_a_colons_full_line_opens_a_listed_item():
    """Justified text without indents: the colon's line is full, the item under it is not."""
    opening = wrapped("全会认为，面对复杂多变的外部环境，全省上下迎难而上、奋勇争先，经济运行稳中有进，"
                      "改革开放持续深化，民生福祉不断增进，社会大局保持稳定，各项事业取得新的进展。")
    lead = "全会提出，到二〇二九年，全省要在以下方面取得成果："
    items = ["现代化产业体系基本形成；", "城乡区域发展更加协调；", "生态环境质量持续改善。"]
    closing = wrapped("全会号召，全省各级党组织和广大党员干部要更加紧密地团结起来，真抓实干、攻坚克难，奋力谱写现代化建设新篇章！")
    found = [text for _, text in blocks("某省委全会公报\n" + "\n".join([*opening, *wrapped(lead), *items, *closing]) + "\n")]
    assert found[2:6] == [lead, *items]


def test_a_commentarys_place_in_its_series_is_a_kicker_above_the_title():
    found = blocks("学习贯彻全会精神系列评论之二\n以小切口撬动大民生\n本报评论员\n民生无小事，枝叶总关情。\n")
    assert found[:3] == [("kicker", "学习贯彻全会精神系列评论之二"), ("title", "以小切口撬动大民生"), ("meta", "本报评论员")]


def test_a_numbered_item_alone_in_a_text_of_articles_stays_an_item():
    found = blocks(f"第一条 为了规范管理，制定本办法。\n第二条 成绩显著的，予以表彰。\n（一）成绩显著。\n{BODY}\n")
    assert [kind for kind, _ in found] == ["paragraph"] * 4


def repairs_of(raw: str, step: str) -> list[str]:
    return [r.before for r in clean(raw.encode(), "t.txt").repairs if r.step == step]


WEB_BODY = ["　　一、工作目标", "　　到2026年底，全县建成标准化社区卫生服务站二十个，群众就医更加方便。",
            "　　二、工作措施", "　　各乡镇要落实专项经费，确保各项措施按期见效。"]


def test_a_web_pages_navigation_and_buttons_are_set_aside_and_recorded():
    raw = "\r\n".join(["您的位置：首页 ＞ 信息公开 ＞ 通知公告", "某县卫生健康局关于推进社区卫生服务站建设的通知",
                       "文字大小：大 中 小", *WEB_BODY, "[打印] [收藏] [关闭]", "用手机扫描二维码查看本页", "下一条：某县开展义诊活动"]) + "\r\n"
    found = blocks(raw)
    assert found[0] == ("title", "某县卫生健康局关于推进社区卫生服务站建设的通知")
    assert found[-1][1] == "各乡镇要落实专项经费，确保各项措施按期见效。"
    assert repairs_of(raw, "web-chrome") == ["您的位置：首页 ＞ 信息公开 ＞ 通知公告", "文字大小：大 中 小", "[打印] [收藏] [关闭]",
                                            "用手机扫描二维码查看本页", "下一条：某县开展义诊活动"]


def test_a_bracketed_head_alone_on_its_line_is_the_text_s_own_and_only_a_named_control_alone_is_a_button():
    raw = "\n".join(["某县社区卫生服务站建设方案", "【编者按】", *WEB_BODY, "【打印】"]) + "\n"
    assert repairs_of(raw, "web-chrome") == ["【打印】"]
    assert any("【编者按】" in text for _, text in blocks(raw))


def test_a_related_links_list_at_a_foot_is_set_aside_but_a_listed_text_is_not():
    links = ["相关阅读", "某县召开卫生工作会议", "某县社区卫生服务站名单公布"]
    raw = "\n".join(["某县社区卫生服务站建设方案", *WEB_BODY, *links]) + "\n"
    assert repairs_of(raw, "web-chrome") == links
    listed = "\n".join(["某县社区卫生服务站建设方案", *WEB_BODY, "相关文件：", "各乡镇要在月底前报送名单。"]) + "\n"
    assert repairs_of(listed, "web-chrome") == []


def test_an_issuing_blocks_label_value_rows_are_meta_lines_each_above_the_title():
    rows = ["索引号：000123/2025-00011", "发布机构：某县卫生健康局", "生成日期：2025年01月06日", "文号：某卫发〔2025〕2号"]
    raw = "\r\n".join([*rows, "某县卫生健康局关于推进社区卫生服务站建设的通知", "来源：某县卫生健康局　发布日期：2025-01-07 09:00",
                       *WEB_BODY]) + "\r\n"
    found = blocks(raw)
    assert found[:6] == [*(("meta", row) for row in rows), ("title", "某县卫生健康局关于推进社区卫生服务站建设的通知"),
                         ("meta", "来源：某县卫生健康局 发布日期：2025-01-07 09:00")]


def test_a_datetime_opening_a_dateline_of_fields_is_one_meta_line():
    raw = "\n".join(["谈谈社区卫生服务的几点体会", "2025-01-07 09:00:12　来源：某县融媒体中心　作者：陈一鸣", *WEB_BODY]) + "\n"
    found = blocks(raw)
    assert found[:2] == [("title", "谈谈社区卫生服务的几点体会"), ("meta", "2025-01-07 09:00:12来源：某县融媒体中心 作者：陈一鸣")]


def test_the_editors_credit_under_a_web_article_is_meta():
    for credit in ("责任编辑：陈一鸣", "（编辑：陈一鸣）"):
        found = blocks("\n".join(["某县社区卫生服务站建设方案", *WEB_BODY, credit]) + "\n")
        assert found[-1] == ("meta", credit)
        assert found[-2] == ("paragraph", "各乡镇要落实专项经费，确保各项措施按期见效。")


def test_the_paper_and_dated_issue_a_web_copy_cites_is_meta():
    raw = "\n".join(["社区卫生服务站遍布全县", "本报记者 陈一鸣", "《某县日报》（2025年1月8日 第02版）",
                     "　　本报讯　近年来，某县持续推进社区卫生服务站建设，群众就医更加方便。"]) + "\n"
    assert blocks(raw)[2] == ("meta", "《某县日报》（2025年1月8日第02版）")


def test_a_control_word_alone_on_a_line_may_end_a_wrapped_sentence_and_stays():
    raw = "\n".join(["某县社区卫生服务站建设方案", "　　对不符合标准的服务站，经整改仍不达标的，予以", "关闭", "　　各乡镇要落实专项经费。"]) + "\n"
    assert repairs_of(raw, "web-chrome") == []
    assert "打印 关闭" in repairs_of("正文第一句。\n打印 关闭\n", "web-chrome")



TEXT = ("养护单位应当按照技术规范定期修剪树木及时清除枯枝和病虫害枝条防止树木倒伏危及行人安全绿化主管部门应当会同有关"
        "部门制定城市树木养护标准并向社会公布接受公众监督任何单位和个人不得擅自砍伐移植城市树木不得在树木上悬挂广告牌")
NUMERALS = "一二三四五六七八九"


def run_of(width: int, start: int = 0, end: str = "") -> str:
    """`width` characters of running text (a comma every ninth), closed by `end` where given."""
    chars = [("，" if k % 9 == 8 else TEXT[(start + k) % len(TEXT)]) for k in range(width - len(end))]
    return "".join(chars) + end


def article(n: int, lines: int, full: int = 28) -> list[str]:
    """Article `n` (`第N条` and a half-width space) as pdftotext prints it without the 2-em indent:
    a first line the indent narrower, then full lines, the last one short and ending the sentence."""
    label = f"第{'十' if n >= 10 else ''}{NUMERALS[n % 10 - 1]}条 "
    first = label + run_of(full - 2 - len(label), n)
    return [first, *(run_of(full, n + k) for k in range(1, lines - 1)), run_of(9, n, "。")]


def test_a_page_of_short_articles_narrower_by_the_lost_indent_keeps_the_documents_line_width():
    """A page of two-line articles shows more first lines (narrower by the lost indent) than full
    lines: that is no narrower measure of its own, and the full line that ends an article's first
    paragraph is followed by a second paragraph the lost indent opens."""
    page_one = [line for n in range(1, 9) for line in article(n, 6)]
    two = ["第九条 " + run_of(22, 3), run_of(28, 5, "。"), run_of(26, 7), run_of(9, 2, "。")]
    page_two = [line for n in (1, 2, 3, 4, 5, 6, 7, 8) for line in article(n, 2)] + two
    page_two += [line for n in range(11, 20) for line in article(n, 2)]
    state = repair("\n".join(page_one) + "\n\f" + "\n".join(page_two) + "\n")
    assert state.line_model().page_typical == {}
    assert two[0] + two[1] in [p.text for p in state.paras]


def law(*middle: str) -> str:
    """Eight articles of six lines as pdftotext prints them without indents, `middle` among them."""
    before = [line for n in range(1, 5) for line in article(n, 6)]
    after = [line for n in range(5, 9) for line in article(n, 6)]
    return "\n".join([*before, *middle, *after]) + "\n"


def test_an_article_reference_opening_a_line_is_no_label():
    from zhengli.tasks.evidence.numbering import find_label

    for reference in ("第二十七条的规定", "第五条、第六条", "第九条第二款", "第三条至第五条", "第四条，"):
        assert find_label(reference) is None
    assert find_label("第二十七条 养护单位").scheme == "article"
    assert find_label("第二十七条养护单位").scheme == "article"
    raw = "第五条\n\n养护单位依照本条例第三条、第四条、\n\n第六条的规定承担养护责任。\n第六条 本条例自公布之日起施行。\n"
    assert [text.replace(" ", "") for _, text in blocks(raw)] == ["第五条养护单位依照本条例第三条、第四条、第六条的规定承担养护责任。",
                                                                  "第六条本条例自公布之日起施行。"]


def test_an_articles_first_line_left_open_at_a_comma_is_no_heading_over_a_narrower_line():
    """`第九条 …，` a little short of full (its lost indent, a compressed comma), then the article's
    last line as narrow as a first line: one paragraph, not a heading line and a paragraph."""
    first, last = "第九条 " + run_of(23, 3, "，"), run_of(25, 5, "。")
    assert first + last in [p.text for p in repair(law(first, last)).paras]


def test_a_line_pushed_right_after_a_short_comma_line_goes_on():
    """pdftotext `-layout`: a justified line ended early at a comma, the rest of the printed line on
    a line of its own, pushed right further than any paragraph indent."""
    lines = law().splitlines()
    indented = [("  " + line if line.startswith("第") else line) for line in lines]
    middle = ["  第九条 " + run_of(22, 3), run_of(9, 5, "，"), "          " + run_of(14, 6, "，"), run_of(12, 7, "。")]
    paras = [p.text for p in repair("\n".join(indented[:24] + middle + indented[24:]) + "\n").paras]
    assert "".join(line.strip() for line in middle) in paras


def test_an_items_label_alone_on_its_line_is_no_note_in_brackets():
    raw = "第三条 有下列情形之一的，不予批准：\n（一）树木生长状况良好的；\n（二）\n移植后难以成活的；\n（三）其他不宜移植的。\n"
    assert [text for _, text in blocks(raw)][1:] == ["（一）树木生长状况良好的；", "（二）移植后难以成活的；", "（三）其他不宜移植的。"]


def test_a_printed_line_broken_into_runs_of_text_is_measured_whole():
    """pdftotext `-raw` and pypdf break a printed line where a run of text ends (after `、`, `，`, `；`):
    a short piece that ends at a comma never ends its printed line, so the pieces before it and
    after it belong to one; a clause end inside a printed line ends no paragraph, and a sentence end
    that closes a full printed line is no paragraph's end by its width."""
    semicolon = ["第九条 " + run_of(22, 3), run_of(16, 4, "；"), run_of(8, 5, "，"), run_of(28, 6), run_of(10, 7, "。")]
    pieces = ["第十条 " + run_of(22, 3), run_of(2, 4, "、"), run_of(5, 5, "、"), run_of(7, 6, "、"), run_of(8, 7, "，"),
              run_of(7, 8, "。"), run_of(28, 9), run_of(10, 10, "。")]
    in_article = ["第十一条 " + run_of(21, 3), run_of(28, 4), run_of(8, 5, "；"), run_of(10, 6, "，"), run_of(9, 7, "。")]
    paras = [p.text for p in repair(law(*semicolon, *pieces, *in_article)).paras]
    assert "".join(semicolon) in paras and "".join(pieces) in paras and "".join(in_article) in paras
    listed = ["第十二条 " + run_of(21, 3, "："), run_of(12, 4, "；"), run_of(11, 5, "；"), run_of(10, 6, "。")]
    assert all(item in [p.text for p in repair(law(*listed)).paras] for item in listed[1:])


def test_an_article_label_pypdf_set_alone_where_its_type_changed_is_part_of_the_first_line():
    """pypdf breaks a line where the label's heading face gives way to the body's, opening the next
    with the separator: `第九条` + `　养护…` is one printed line, not a label and a short line."""
    middle = ["第九条", "\u3000" + run_of(21, 3), run_of(28, 4), run_of(10, 5, "。")]
    assert "第九条 " + "".join(line.strip() for line in middle[1:]) in [p.text for p in repair(law(*middle)).paras]


def test_a_one_line_item_a_little_short_of_full_ends_before_an_unnumbered_heading():
    """A paragraph's only line that ends its sentence short of full (the lost indent not counted) ends
    the paragraph: the letter-spaced `附 则` under it is no part of it."""
    item = "（三）" + run_of(21, 3, "。")
    paras = [p.text for p in repair(law(item, "附 则", "第九条 本条例自公布之日起施行。")).paras]
    assert item in paras


def test_a_division_heading_broken_over_two_lines_is_one_heading():
    """`第二章　树木养护和` + `补植要求` over the section or article it opens is one heading, whatever
    the extractor did with the lines (pdfminer's blank lines, -layout's centring)."""
    for raw in ("第二章　树木养护和\n补植要求\n第一节　一般规定\n第五条　养护单位应当定期修剪树木。\n",
                "第二章　树木养护和 \n\n补植要求 \n\n第五条　养护单位应当定期修剪树木。 \n",
                "          第二章　树木养护和\n              补植要求\n  第五条　养护单位应当定期修剪树木。\n"):
        kind, text = blocks(raw)[0]
        assert kind == "heading" and "".join(text.split()) == "第二章树木养护和补植要求"
    contents = "目　　录\n第一章　总则\n第二章　法律责任\n附则\n第一章　总则\n第一条　本条例自公布之日起施行。\n"
    assert "附则" in [text for _, text in blocks(contents)]


def test_a_letter_spaced_chapter_name_read_after_the_first_articles_label_goes_back_to_its_label():
    """pdftotext's default mode: `第一章` / `第一条` / `总` / `则` / text: the name, a character a
    line, goes back after its chapter's label, the first article as any other; and an unnumbered
    letter-spaced heading parted by an article's label (`附` / `第九条` / `则`) is whole again."""
    raw = ("第一章\n\n第一条\n\n总\n\n则\n\n为了规范城市树木养护，制定本条例。\n第二条\n\n本条例适用于城市规划区。\n"
           "第三条\n\n养护单位应当定期修剪树木。\n附\n第四条\n\n则\n\n本条例自公布之日起施行。\n")
    found = [(kind, text.replace(" ", "").replace("\u3000", "")) for kind, text in blocks(raw)]
    assert found[0] == ("heading", "第一章总则") and found[1] == ("paragraph", "第一条为了规范城市树木养护，制定本条例。")
    assert ("heading", "附则") in found and found[-1] == ("paragraph", "第四条本条例自公布之日起施行。")


def test_a_contents_titles_second_character_set_down_among_the_entries_goes_back():
    raw = ("某市城市树木养护条例\n（2020年5月8日某市人民代表大会常务委员会通过）\n目\n第一章\n\n总\n\n则\n\n第二章\n\n养护管理\n\n"
           "第三章\n\n附\n\n录\n\n则\n第一章　总则\n第一条　本条例自公布之日起施行。\n")
    found = [text.replace(" ", "").replace("\u3000", "") for _, text in blocks(raw)]
    assert found[2] == "目录" and "第三章附则" in found and "录" not in "".join(found[3:])


def test_a_label_parted_from_its_line_is_measured_with_it():
    """pdftotext's default mode parts `第八条` from the rest of its first line at a wide gap: in a text
    of short articles those rests would outnumber the full lines; measured with their labels they
    are first lines narrower by the indent, not a narrower measure."""
    from zhengli.tasks.evidence.layout import printed_lines
    from zhengli.tasks.evidence.units import Line

    lines = [Line(1, "第八条"), Line(2, run_of(21, 1)), Line(3, run_of(9, 2, "。")), Line(4, "第一章"), Line(5, "第九条"), Line(6, "第二条的规定")]
    assert [line.text for line in printed_lines(lines)] == ["第八条 " + run_of(21, 1), run_of(9, 2, "。"), "第一章", "第九条 第二条的规定"]


def test_a_note_in_brackets_set_as_an_indented_block_is_one_note():
    """pdftotext `-layout` indents every line of a note set narrower than the text, as far as it
    indents a paragraph's first line: the note goes on until its bracket closes and stays apart
    from the title."""
    note = ["    （2020年5月8日某市人民政府令第三十一号公布        根据", "    2023年6月30日《某市人民政府关于修改部分规章的决",
            "    定》第一次修订      根据2024年2月6日《某市人民政府关于修", "    改部分规章的决定》第二次修订）"]
    body = [("    " + line if line.startswith("第") else line) for line in law().splitlines()]
    found = blocks("\n".join(["      某市城市树木养护条例", "", *note, "", "               第一章     总       则", *body]) + "\n")
    assert found[0] == ("title", "某市城市树木养护条例")
    assert found[1][0] == "meta" and found[1][1].startswith("（2020年") and found[1][1].endswith("修订）")


def test_a_first_line_full_with_its_parted_label_goes_on_past_the_blank_line_after_a_clause_end():
    """pdftotext's default mode: `第八条`, a blank line, the rest of the first line ending at `；`,
    a blank line where its box ended: with its label and indent the line was full, and the sentence
    goes on; a lost indent on the next line would have opened a paragraph."""
    rest = run_of(21, 3, "；")
    middle = ["第九条", "", rest, "", run_of(20, 4, "。")]
    paras = [p.text for p in repair(law(*middle)).paras]
    assert "第九条 " + rest + run_of(20, 4, "。") in paras


def test_a_full_line_of_running_text_is_no_heading_line_over_a_narrower_one():
    """A full line with commas in it, cut mid-sentence, is running text, whatever opens under it
    (two columns read across, a lost indent): no heading."""
    middle = [run_of(28, 3), run_of(26, 4), run_of(9, 5, "。")]
    found = blocks(law(*middle))
    assert all(kind != "heading" for kind, _ in found)


def test_a_mark_before_a_contents_entrys_label_is_no_text_and_the_entry_stands_alone():
    """A browser's print of a law's page marks the 节 entries of its 目录 (`*第一节 总体要求`): the mark
    goes, recorded, and the entries stay one a line even where pdfminer's lines run them together."""
    raw = ("某市城市树木养护条例\n（2020年5月8日某市人民代表大会常务委员会通过）\n目录\n\n第一章 总则\n\n第二章 养护管理\n\n"
           "*第一节 一般规定\n\n*第二节 修剪与补植\n\n第三章 附则\n\n第一章 总则\n\n第一条 本条例自公布之日起施行。\n")
    document = clean(raw.encode(), "t.txt")
    found = [b.text for b in document.blocks()]
    assert "第一节 一般规定" in found and "第二节 修剪与补植" in found and not any("*" in text for text in found)
    assert [(r.before, r.after) for r in document.repairs if r.step == "contents-marks"] == [("*", ""), ("*", "")]


def test_an_article_label_read_above_the_division_headings_it_opens_under_goes_back_under_them():
    """pdftotext's default mode: `第四条` / `第二章` / `养护管理` / `第一节` / `一般规定` / its text:
    the label goes back before its article's text, under the headings."""
    raw = ("第三条\n\n养护单位应当定期修剪树木。\n第四条\n\n第二章\n\n养护管理\n\n第一节\n\n一般规定\n\n"
           "养护单位应当建立树木养护档案。\n第五条 本条例自公布之日起施行。\n")
    found = [(kind, "".join(text.split())) for kind, text in blocks(raw)]
    assert found[1:4] == [("heading", "第二章养护管理"), ("heading", "第一节一般规定"), ("paragraph", "第四条养护单位应当建立树木养护档案。")]
