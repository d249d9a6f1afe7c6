"""Each repair step, alone, on the kind of damage it exists for."""

from zhengli.tasks.evidence.units import Para
from zhengli.tasks.evidence.wording import page_number
from zhengli.tasks.pipeline import clean
from zhengli.tasks.repairs import REPAIRS, STEP_NAMES, repair, split_lines
from zhengli.tasks.repairs.characters import find_character_fixes
from zhengli.tasks.repairs.pinyin import find_pinyin
from zhengli.tasks.repairs.punctuation import find_half_width_punctuation
from zhengli.tasks.repairs.script import classify_script, find_traditional
from zhengli.tasks.repairs.spacing import find_spurious_spaces
from zhengli.tasks.repairs.state import RepairState

from .conftest import side_by_side


def apply(text, finder):
    para = Para(text, [(0, 1)], [(0, 1)])
    para.apply(list(finder(text)))
    return para.text


def before_joining(text):
    """The state after the line steps, before `join-lines` makes paragraphs."""
    state = RepairState(split_lines(text))
    for step in REPAIRS[:STEP_NAMES.index("join-lines")]:
        step.run(state)
    return state


def paragraphs(text, **kwargs):
    return [p.text for p in repair(text, **kwargs).paras]


def test_the_chain_is_a_list_of_uniquely_named_steps():
    names = [step.name for step in REPAIRS]
    assert len(names) == len(set(names))
    assert names.index("join-lines") < names.index("spacing")


def test_kangxi_radicals_and_invisible_characters_are_normalised():
    assert apply("\u2f2f作\u200b人\u00ad员", find_character_fixes) == "工作人员"


def test_cjk_supplement_radicals_become_the_ideographs_they_look_like():
    """A font that maps ideographs to the CJK Radicals Supplement gives `⺠` for `民`, `⻋` for `车`:
    each is the unified ideograph Unicode pairs it with, also those outside the basic plane."""
    assert apply("人\u2ea0代表，\u2ecb辆\u2ed4口，看\u2ec5", find_character_fixes) == "人民代表，车辆门口，看见"
    assert apply("\u2e87", find_character_fixes) == "\U00020628"
    assert list(find_character_fixes("\u2e80\u2e9a")) == [], "no ideograph is paired with these"


def test_latin_ligatures_are_their_letters():
    assert apply("\ufb01le:///a.html 与 o\ufb00ice", find_character_fixes) == "file:///a.html 与 office"


def test_full_width_punctuation_is_not_folded_by_character_repair():
    assert list(find_character_fixes("发展，（一）“好”！")) == []


def test_page_number_lines_in_every_common_form():
    for line in ["13", " — 13 — ", "- 13 -", "第13页", "第 13 页 共 60 页", "13/60"]:
        assert page_number(line) == "13", line
    for line in ["2023年", "13个", "一、总则"]:
        assert page_number(line) is None


def test_spaces_between_cjk_and_digits_are_removed_but_clause_separators_stay():
    assert apply("中央政治局 10 月 27 日下午", find_spurious_spaces) == "中央政治局10月27日下午"
    assert apply("总    纲", find_spurious_spaces) == "总纲"
    assert apply("铸牢中华民族共同体意识 推进新时代党的民族工作", find_spurious_spaces) == "铸牢中华民族共同体意识 推进新时代党的民族工作"
    assert apply("use the Prefect server", find_spurious_spaces) == "use the Prefect server"


def test_half_width_punctuation_in_chinese_becomes_full_width_numbers_keep_theirs():
    assert apply("今天,我们要把握(试行)的关系:一是", find_half_width_punctuation) == "今天，我们要把握（试行）的关系：一是"
    assert apply("增长2.1%,达到1,000亿元", find_half_width_punctuation) == "增长2.1%，达到1,000亿元"
    assert apply("Hello, world (2023)", find_half_width_punctuation) == "Hello, world (2023)"


def test_question_marks_left_by_lost_characters_are_not_taken_for_punctuation():
    assert apply("必须勇?lián)湄?、先行", find_half_width_punctuation) == "必须勇?lián)湄?、先行"


def test_pinyin_annotations_are_removed_real_parentheses_kept():
    assert apply("現(xiàn)代化（试行）(2023)(一)", find_pinyin) == "現代化（试行）(2023)(一)"


def test_only_traditional_paragraphs_are_converted():
    assert classify_script("現代化建設開局起步") == "traditional"
    assert apply("全面貫徹落實黨的二十大精神", find_traditional) == "全面贯彻落实党的二十大精神"
    assert find_traditional("坏人坏事要批评") == []


def test_continuation_markers_and_markdown_heading_marks_are_removed():
    state = repair("## 二、总体要求\n\n(上接第一版)今天,我们开会。")
    assert [p.text for p in state.paras] == ["二、总体要求", "今天，我们开会。"]
    assert state.paras[0].hint == "heading-2"
    assert {r.step for r in state.repairs} >= {"markup-headings", "continuation-markers"}


def test_every_repair_is_recorded_with_its_source_line():
    state = repair("第一段。\n\n中央 10 月 27 日开会。")
    spacing = [r for r in state.repairs if r.step == "spacing"]
    assert [(r.line, r.before, r.after) for r in spacing] == [(3, " ", "")] * 4


def test_a_step_can_be_switched_off_by_name():
    assert paragraphs("今天,我们开会。", disabled={"punctuation"}) == ["今天,我们开会。"]


def test_a_page_number_glued_between_two_articles_becomes_a_page_break():
    state = repair("第一条 为了保障权益，制定本法。8第二条 本法适用于境内。")
    assert [p.text for p in state.paras] == ["第一条 为了保障权益，制定本法。第二条 本法适用于境内。"]
    assert [(r.step, r.before) for r in state.repairs if r.step == "glued-page-numbers"] == [("glued-page-numbers", "8")]
    assert [pb.n for pb in state.page_breaks] == ["9"]


def test_two_columns_side_by_side_are_read_left_column_first():
    left = ["左栏第一段的第一行文字比较长", "左栏第一段的第二行文字结束。", "左栏第二段开始于此处继续写", "左栏第二段结束了在这里。"]
    right = ["右栏第一段的第一行文字也长", "右栏第一段的第二行到此结束。", "右栏第二段的第一行也写满了", "右栏第二段也结束在这里。"]
    rows = side_by_side(left, right)
    state = before_joining("\n".join(rows))
    assert [line.text.strip() for line in state.lines if line.text.strip()] == left + right
    assert {r.step for r in state.repairs} == {"columns"}


def test_one_column_text_with_a_centred_title_is_not_cut_into_columns():
    rows = ["            关于做好防汛工作的通知", "各区人民政府：", "当前我市已全面进入汛期，气象部门预测今年汛期降雨总体偏多。"]
    state = before_joining("\n".join(rows))
    assert "columns" not in {r.step for r in state.repairs}


def test_a_running_title_at_page_boundaries_is_removed_but_the_title_stays():
    para = "第一条 为了促进城市绿化事业发展，改善生态环境和人居环境，维护公民的合法权益，制定本条例。"
    raw = "\n".join(["江川市城市绿化管理条例", para, "江川市城市绿化管理条例", "- 2 -", para.replace("一", "二")])
    state = repair(raw)
    assert [p.text for p in state.paras] == ["江川市城市绿化管理条例", para, para.replace("一", "二")]
    assert [r.before for r in state.repairs if r.step == "running-headers"] == ["江川市城市绿化管理条例"]


def test_where_form_feeds_mark_the_pages_a_line_opening_with_one_space_is_no_page_start():
    para = "第一条 为了促进城市绿化事业发展，改善生态环境和人居环境，维护公民的合法权益，制定本条例。"
    body = [para[i:i + 20] for i in range(0, len(para), 20)] * 3
    raw = "\n".join(["江川市城市绿化管理条例", " 第一章　总则", *body, " 第二章　附则", *body]) + "\f下一页。"
    assert [pb.line for pb in repair(raw).page_breaks] == [2 * len(body) + 3]


def test_a_numbered_heading_repeated_by_the_table_of_contents_is_no_running_header():
    para = "第一条 为了促进城市绿化事业发展，改善生态环境和人居环境，维护公民的合法权益，制定本条例。"
    raw = "\n".join(["江川市城市绿化管理条例", "目录", "第一章　总则", "第二章　附则", " ", " ", "第一章　总则", para, " ", " ",
                     "第二章　附则", para.replace("一条", "二条")])
    assert "running-headers" not in {r.step for r in repair(raw).repairs}


def test_the_right_column_keeps_only_the_indentation_of_its_paragraph_starts_where_its_edge_drifts():
    left = ["左栏第一段的第一行文字比较长", "左栏第一段的第二行文字较长", "左栏第一段到此结束。",
            "左栏第二段开始于此处继续写", "左栏第二段的第二行文字较长", "左栏第二段结束了在这里。"]
    right = ["  右栏第一段的第一行文字长", "右栏第一段的第二行文字也长", "右栏第一段到此结束。",
             "  右栏第二段的第一行写满了", "右栏第二段的第二行也写满了", "右栏第二段结束在这里。"]
    drift = [0, 0, 0, 3, 3, 3]
    rows = side_by_side(left, right, drift)
    state = before_joining("\n".join(rows))
    assert [line.text for line in state.lines if line.text.strip()][len(left):] == right


SENTENCE = "违反本条例第十二条规定，擅自砍伐城市树木的，由城市绿化主管部门责令停止违法行为，按照所砍伐树木价值的三倍至五倍处以罚款。"
ARTICLE = ["第十四条　城市绿化主管部门应当建立古树名木档案，设置保护标志，明确养护", "责任单位，定期开展检查。"]


def test_a_header_printed_once_between_the_halves_of_a_sentence_a_page_break_cut_is_furniture():
    raw = "\n".join([*ARTICLE, "第十五条　" + SENTENCE[:34], "江川市人民政府公报　2024年第3期", "— 2 —", SENTENCE[34:]])
    state = repair(raw)
    assert [r.before for r in state.repairs if r.step == "running-headers"] == ["江川市人民政府公报　2024年第3期"]
    assert [p.text for p in state.paras][-1] == "第十五条 " + SENTENCE


def test_a_short_line_of_running_text_at_the_top_of_the_next_page_is_text():
    raw = "\n".join([*ARTICLE, "第十五条　" + SENTENCE[:34], "— 2 —", "倍至五倍处以罚款，没收", "违法所得。"])
    assert "running-headers" not in {r.step for r in repair(raw).repairs}


def test_a_long_title_printed_again_at_the_head_of_a_page_is_a_running_header():
    kicker, title = "习近平主持召开中央全面深化改革委员会第三次会议强调", "全面推进美丽中国建设 健全自然垄断环节监管体制机制"
    body = ["会议指出，党的十八大以来，我国生态文明建设从理论到实践都发生了历史性、转折性、全局性变化，要根据经济社会高质量发展的新需",
            "求，加大对突出生态环境问题集中解决力度，推动局部和全局相协调、治标和治本相贯通、当前和长"]
    raw = "\n".join([kicker, title[:22], title[22:], *body, "", title, "第2页", "远相结合。"])
    state = repair(raw)
    assert [r.before for r in state.repairs if r.step == "running-headers"] == [title]
    assert [p.text for p in state.paras][-1].endswith("当前和长远相结合。")


def test_a_sentence_of_the_opening_lines_said_again_at_the_end_is_no_running_title():
    said = "会议指出，要加大对突出生态环境问题集中解决力度。"
    raw = "\n\n".join(["全面推进美丽中国建设", said, "会议强调，要推动局部和全局相协调。", "会议要求，各地要抓好落实。", said])
    assert [p.text for p in repair(raw).paras][-1] == said


def test_a_row_whose_column_gap_closed_to_one_space_is_still_cut_but_a_headline_above_the_columns_is_not():
    left = ["左栏第一段的第一行文字比较长", "左栏第一段的第二行有2024年的数字", "左栏第一段到此结束了。",
            "左栏第二段的第一行文字较长", "左栏第二段的第二行文字较长", "左栏第二段结束了在这里。"]
    right = ["右栏第一段的第一行文字也长", "右栏第一段的第二行文字也长", "右栏第一段到此结束。",
             "右栏第二段的第一行写满了", "右栏第二段的第二行也写满了", "右栏第二段结束在这里。"]
    rows = side_by_side(left, right)
    rows[1] = f"{left[1]} {right[1]}"
    headline = "        全面推进美丽中国建设 健全自然垄断环节监管体制机制"
    state = before_joining("\n".join([headline, *rows]))
    assert [line.text.strip() for line in state.lines if line.text.strip()] == [headline.strip(), *left, *right]


class _CountingText(str):
    """A text that counts the characters its slices copy, and whose slices and sums count too."""

    copied = 0

    def __getitem__(self, key):
        item = super().__getitem__(key)
        if isinstance(key, slice):
            _CountingText.copied += len(item)
        return _CountingText(item)

    def __add__(self, other):
        return _CountingText(str.__add__(self, other))


def test_a_long_line_with_thousands_of_fixes_is_copied_once():
    """Counted, not timed: a line's edits are made in one pass (a web page's text can come as one
    line of a megabyte, every tenth character a Kangxi radical), not a copy of the line per edit."""
    from zhengli.tasks.evidence.units import Line

    text = "⼯作" * 5000
    state = RepairState([Line(1, "")])
    state.lines[0].text = _CountingText(text)
    _CountingText.copied = 0
    state.edit_line("characters", state.lines[0], list(find_character_fixes(text)))
    assert state.lines[0].text == "工作" * 5000
    assert _CountingText.copied <= 2 * len(text)


def test_edits_made_in_one_pass_read_as_if_made_from_the_last_to_the_first():
    """Overlapping edits too: each takes the text the edits after it left."""
    from zhengli.tasks.repairs.state import _apply

    assert _apply("abcdef", [(1, 2, "X"), (4, 6, "")]) == "aXcd"
    assert _apply("abcdef", [(1, 3, "XY"), (1, 2, "Z")]) == "aZYdef"
    assert _apply("abcdef", [(0, 4, ""), (2, 3, "XYZ")]) == "Zdef"


class _CountedBound(int):
    """A URL's start or end that counts how often a mark's position is compared with it."""

    compared = 0

    def _count(self, other, compare):
        _CountedBound.compared += 1
        return compare(int(self), other)

    def __lt__(self, other):
        return self._count(other, int.__lt__)

    def __le__(self, other):
        return self._count(other, int.__le__)

    def __gt__(self, other):
        return self._count(other, int.__gt__)

    def __ge__(self, other):
        return self._count(other, int.__ge__)


class _CountedURLs:
    """The URL pattern, giving spans of counted bounds."""

    def __init__(self, pattern):
        self.pattern = pattern

    def finditer(self, text):
        for match in self.pattern.finditer(text):
            yield _CountedSpan(match)


class _CountedSpan:
    def __init__(self, match):
        self.match = match

    def span(self):
        start, end = self.match.span()
        return _CountedBound(start), _CountedBound(end)


def test_a_paragraph_of_many_links_is_widened_without_comparing_every_mark_with_every_link(monkeypatch):
    """Counted, not timed: a mark is looked up among the paragraph's URLs (a reference list can
    hold thousands in one paragraph), not compared with each of them."""
    from zhengli.tasks.repairs import punctuation

    monkeypatch.setattr(punctuation, "_URL", _CountedURLs(punctuation._URL))
    text = "".join(f"详见https://www.gov.cn/zhengce/{n}.htm,附件{n}" for n in range(2000))
    _CountedBound.compared = 0
    edits = list(find_half_width_punctuation(text))
    assert [replacement for _, _, replacement in edits] == ["，"] * 2000
    marks = len(punctuation._MARK.findall(text)) + 2 * len(punctuation._PAIR.findall(text))
    assert _CountedBound.compared <= marks * (2000 .bit_length() + 2)


def test_a_compatibility_ideograph_carrying_a_combining_mark_is_fixed_once_and_nothing_is_lost():
    from zhengli.tasks.pipeline import clean

    document = clean("关于测试的通知\n\n正文\uf900\u0301第一段。\n".encode(), "t.txt")
    assert document.blocks()[-1].text == "正文\u5c82\u0301第一段。"


def test_the_space_after_an_article_label_stays_however_short_the_word_after_it():
    document = clean("第四条 市、区人民政府应当加强领导。\n".encode(), "t.txt")
    assert [b.text for b in document.blocks()] == ["第四条 市、区人民政府应当加强领导。"]


NOTICE_BODY = "为进一步加强城市管理工作，提高管理水平，现就有关事项通知如下，请各单位认真贯彻落实，确保各项任务按期完成。"


def _dropped(raw: str, step: str = "running-headers") -> list[str]:
    return [r.before for r in repair(raw).repairs if r.step == step]


def test_labelled_attachments_each_opening_a_page_are_headings_not_a_running_header():
    raw = ("关于印发两项办法的通知\n各区人民政府：\n" + NOTICE_BODY + "\n某某市人民政府办公厅\n2024年3月1日\n"
           "\f附件1\n城市管理办法\n" + NOTICE_BODY + "\n\f附件2\n街道管理办法\n" + NOTICE_BODY + "\n")
    state = repair(raw)
    assert "running-headers" not in {r.step for r in state.repairs}
    assert [f.kind for f in state.flags] == ["repeated-line"]


def test_a_refrain_or_an_addressee_that_happens_to_stand_at_two_page_edges_is_text():
    notice = "\n各部门：\n" + NOTICE_BODY + "\n特此通知\n"
    raw = "关于召开会议的通知" + notice + "\f关于放假安排的通知" + notice + "\f某某公司办公室\n2024年3月1日\n"
    assert _dropped(raw) == []


def test_one_body_signing_twice_on_the_same_day_keeps_both_signatures():
    signature = "\n某某市人民政府\n2024年3月1日\n"
    raw = "关于印发实施方案的通知\n各区人民政府：\n" + NOTICE_BODY + signature + "\f附件\n某某实施方案\n" + NOTICE_BODY + signature
    assert _dropped(raw) == []


def test_a_sentence_among_the_opening_lines_repeated_at_a_page_edge_is_no_running_title():
    raw = "关于某某的说明\n" + NOTICE_BODY + "\n" + NOTICE_BODY + "\n注：" + NOTICE_BODY + "\n\f" + NOTICE_BODY + "\n"
    assert _dropped(raw) == []


def test_a_head_repeated_on_two_pages_goes_where_a_sentence_runs_on_past_it_or_its_digits_repeat():
    clause = "（二）在绿地内倾倒垃圾、堆放杂物或者取土；"
    raw = "\n".join(["江川市城市绿化管理条例", NOTICE_BODY, "江川市公报　2024年第3号", clause, "\f江川市公报　2024年第3号", clause])
    assert _dropped(raw) == ["江川市公报　2024年第3号", "江川市公报　2024年第3号"]
    raw = "\n".join(["江川市城市绿化管理条例", NOTICE_BODY, clause, "\f江川市公报", clause, "\f江川市公报", NOTICE_BODY])
    assert _dropped(raw) == ["江川市公报", "江川市公报"]
    assert _dropped(raw.replace(clause, NOTICE_BODY)) == []


def test_a_text_s_first_line_of_running_text_printed_again_at_a_page_s_head_is_text():
    """A text with no headline opens with a line of running text cut at the margin: printed again
    at a later page's head (a quotation, a refrain), it is no running title."""
    text = "各地要加快推进城乡融合发展，深化户籍制度改革，推动有条件的农业转移人口落户城镇，健全农业转移人口市民化机制，提高公共服务水平。" + NOTICE_BODY
    lines = [text[start:start + 26] for start in range(0, len(text), 26)]
    assert len(lines[0]) == 26 and "，" in lines[0]
    raw = "\n".join(lines) + "\n\f" + "\n".join(lines) + "\n"
    assert _dropped(raw) == []


def test_a_list_of_names_parted_by_two_spaces_is_read_in_its_order_not_as_two_columns():
    """Four names a row, two spaces between: the gaps line up about as a gutter does, but a row of
    three gaps is a list's row; nothing moves."""
    names = ["陈军  刘涛超  胡伟  林杰", "朱涛  周平  刘明明  王杰", "赵明秀  黄超霞  黄丽英  黄洋明", "朱娜  吴勇  何秀英  赵洋平"] * 2
    units = "".join(f"{unit}（8名）\n" + "\n".join(names[2 * n:2 * n + 2]) + "\n" for n, unit in enumerate(["市教育局", "市财政局"] * 2))
    raw = f"关于表彰优秀公务员的决定\n经研究，决定对以下同志予以表彰。\n{units}某某市人民政府\n2024年3月8日\n"
    result = repair(raw)
    assert [r for r in result.repairs if r.step == "columns"] == []
