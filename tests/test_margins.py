"""browser-margins: a browser's print header and footer are set aside where the footer proves the print."""

from zhengli.tasks.evidence.units import Box
from zhengli.tasks.pipeline import clean
from zhengli.tasks.repairs import repair

BODY = "为进一步加强城市管理工作，提高管理水平，现就有关事项通知如下，请各单位认真贯彻落实。"
TITLE = "关于加强城市管理工作的通知_某某市人民政府网"
ADDRESS = "https://www.example.gov.cn/zwgk/content_123.html"


def _removed(raw: str, boxes: dict[int, Box] | None = None) -> list[str]:
    return [r.before for r in repair(raw, boxes=boxes).repairs if r.step == "browser-margins"]


def test_each_row_on_lines_of_their_own_in_the_order_an_extractor_gives_them_is_set_aside():
    """pdftotext's default mode puts a page's title above or below the time of printing, the counter
    under the address: every item goes, the text stays as it was."""
    pages = [f"{TITLE}\n\n12/4/26, 6:00 PM\n\n关于加强城市管理工作的通知\n{BODY}\n{ADDRESS}\n\n1/2\n",
             f"\f12/4/26, 6:00 PM\n\n{TITLE}\n\n{BODY}\n{ADDRESS}\n\n2/2\n"]
    raw = "".join(pages)
    assert _removed(raw) == [TITLE, "12/4/26, 6:00 PM", ADDRESS, "1/2", "12/4/26, 6:00 PM", TITLE, ADDRESS, "2/2"]
    blocks = clean(raw.encode(), "print.txt").blocks()
    assert [b.text for b in blocks] == ["关于加强城市管理工作的通知", BODY, BODY]


def test_a_row_read_as_one_line_after_the_page_text_is_set_aside():
    """`pdftotext -raw` and pypdf write the print's rows after the page's text, each row one line."""
    raw = f"关于加强城市管理工作的通知\n{BODY}\n2026/12/4 18:00 {TITLE}\n{ADDRESS} 1/1\n"
    assert _removed(raw) == [f"2026/12/4 18:00 {TITLE}", f"{ADDRESS} 1/1"]


def test_a_row_with_the_time_at_its_right_is_set_aside_too():
    raw = f"关于加强城市管理工作的通知\n{BODY}\n{TITLE}      2026/12/4 18:00\n{ADDRESS}      1/1\n"
    assert _removed(raw) == [f"{TITLE}      2026/12/4 18:00", f"{ADDRESS}      1/1"]


def test_on_a_pdf_the_title_is_the_line_printed_in_the_row_of_the_time():
    raw = f"关于加强城市管理工作的通知\n{BODY}\n12/4/26, 6:00 PM\n{TITLE}\n{ADDRESS}\n1/1\n"
    body, margin = 12.0, 8.0
    boxes = {1: Box(1, 200, 700, 400, 718, 18.0, baseline=702), 2: Box(1, 72, 660, 520, 672, body, baseline=662),
             3: Box(1, 24, 767, 92, 777, margin, baseline=769.5), 4: Box(1, 309, 767, 401, 777, margin, baseline=769.5),
             5: Box(1, 24, 15, 160, 25, margin, baseline=17.25), 6: Box(1, 575, 15, 588, 25, margin, baseline=17.25)}
    assert _removed(raw, boxes) == ["12/4/26, 6:00 PM", TITLE, ADDRESS, "1/1"]


def test_without_a_footer_an_address_and_a_time_are_text():
    """An address on its own line and a dated time stay where no page counter stands beside an address."""
    raw = f"关于开通网上办事大厅的通知\n{BODY}\n网址：\n{ADDRESS}\n开通时间：\n2026/12/4 18:00\n"
    assert _removed(raw) == []


def test_counters_that_do_not_count_one_print_s_pages_prove_nothing():
    raw = f"通知\n{BODY}\n{ADDRESS} 2/3\n{BODY}\n{ADDRESS} 1/2\n"
    assert _removed(raw) == []


def test_a_line_that_opens_with_a_time_but_goes_on_as_a_sentence_is_text():
    raw = f"通知\n{BODY}\n2026/12/4 18:00，{BODY}\n{ADDRESS} 1/1\n"
    assert _removed(raw) == [f"{ADDRESS} 1/1"]


def test_on_one_page_the_line_beside_the_time_is_the_page_s_title_only_by_its_form():
    """A page without a `<title>` prints the time alone: the line beside it is then the headline."""
    headline = "关于加强城市管理工作的通知"
    printed = f"12/4/26, 6:00 PM\n\n{{}}\n{headline}\n{BODY}\n{ADDRESS}\n\n1/1\n"
    assert TITLE in _removed(printed.format(TITLE))
    assert _removed(f"12/4/26, 6:00 PM\n\n{headline}\n{BODY}\n{ADDRESS}\n\n1/1\n") == ["12/4/26, 6:00 PM", ADDRESS, "1/1"]
    assert headline in _removed(printed.format(headline)), "the page titled by the headline it prints below"


def test_a_table_of_addresses_and_fractions_inside_a_page_is_text():
    """Cells one a line (an address, then a fraction `1/2`) count like a print's counters, but stand
    inside the page, text after them: no print's footer."""
    rows = "".join(f"{n}\n某某区人民政府网\nhttps://www.q{n}.gov.cn\n{n}/2\n" for n in (1, 2))
    closing = "请各单位按期完成整改。\n某某市人民政府办公室\n2024年3月5日\n"
    assert _removed(f"关于公布政府网站地址的通知\n{BODY}\n序号\n网站名称\n网址\n整改进度\n{rows}{closing}") == []
    one_a_page = f"通知\n{BODY}\nhttps://www.q1.gov.cn\n1/2\n{BODY}\n\f{BODY}\nhttps://www.q2.gov.cn\n2/2\n{BODY}\n"
    assert _removed(one_a_page) == [], "on pages shown by form feeds, a footer stands at its page's edge"


def test_a_footer_counts_its_own_page_among_the_pages_the_text_shows():
    raw = f"通知\n{BODY}\n{ADDRESS} 2/2\n\f{BODY}\n{ADDRESS} 1/2\n"
    assert _removed(raw) == []
    assert _removed(f"通知\n{BODY}\n{ADDRESS} 1/2\n\f{BODY}\n{ADDRESS} 2/2\n\f") == [f"{ADDRESS} 1/2", f"{ADDRESS} 2/2"], \
        "a form feed closing the text opens no page"


def test_the_margin_left_by_the_print_s_rows_in_a_layout_extraction_closes_so_indents_show():
    """`pdftotext -layout` sets the text right of the print's address at the page's edge: with the
    rows gone, the page's lines move back by the spaces they share, and first lines stand indented."""
    margin, indent = " " * 11, " " * 19
    first, second = "各地要加快推进城乡融合发展，深化户籍制度改革，推动有条件的农业转移", "人口落户城镇，健全农业转移人口市民化机制，提高公共服务水平。"
    body = [indent + first, margin + second, "", indent + first, margin + second]
    raw = "\n".join([f"12/4/26, 6:00 PM       {TITLE}", "", *body, "", f"{ADDRESS}          1/1"]) + "\n"
    state = repair(raw)
    assert [p.text for p in state.paras] == [first + second, first + second]
    assert [line.text[:8] for line in state.lines if line.text.strip()][:2] == [" " * 8, second[:8]]


def test_a_text_s_first_sentence_beside_a_time_is_no_page_title_that_puts_a_footer_at_the_edge():
    """A time, an address and `1/1` listed one a line under the text's first sentence: the sentence
    is no title of the print's, so nothing stands the address at the page's edge."""
    raw = f"现将有关网站的检查情况通报如下。\n2024/3/5 10:00\n{ADDRESS}\n1/1\n请各单位对照检查，认真整改。\n"
    assert _removed(raw) == []


def test_a_time_of_the_text_s_own_leaves_the_print_s_time_and_title_to_go():
    """The print's time is on every page; a deadline with a time in the text is another, and stays."""
    raw = f"{TITLE}\n\n12/4/26, 6:00 PM\n\n关于加强城市管理工作的通知\n{BODY}\n报名截止：2024/3/5 17:00\n{ADDRESS}\n\n1/1\n"
    removed = _removed(raw)
    assert "12/4/26, 6:00 PM" in removed and TITLE in removed and "报名截止：2024/3/5 17:00" not in removed
