"""Line models: the same paragraphs whatever the extractor did with lines."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zhengli.tasks.evidence.layout import measure
from zhengli.tasks.evidence.wording import role_of
from zhengli.tasks.repairs import repair, split_lines

PARAGRAPHS = [
    "中共中央政治局十月二十七日下午就铸牢中华民族共同体意识进行第九次集体学习。中共中央总书记习近平在主持学习时强调，要全面贯彻党的二十大部署。",
    "中国社会科学院民族学与人类学研究所所长王延中同志就这个问题进行讲解，提出工作建议。",
    "习近平在听取讲解和讨论后发表了重要讲话。他指出，自古以来，我国各族人民共同创造了璀璨夺目的中华文明，铸就了伟大的中华民族。",
]


def wrap(text, width=26):
    return [text[i:i + width] for i in range(0, len(text), width)]


def paragraphs(raw):
    return [p.text for p in repair(raw).paras]


def test_pdfminer_style_blank_line_after_every_line_with_indented_paragraphs():
    lines = []
    for para in PARAGRAPHS:
        wrapped = wrap(para)
        lines += ["    " + wrapped[0]] + wrapped[1:-1] + [wrapped[-1] + " "]
    assert paragraphs("\n\n".join(lines)) == PARAGRAPHS


def test_pdftotext_style_no_blank_lines_with_ideographic_indent():
    lines = []
    for para in PARAGRAPHS:
        wrapped = wrap(para)
        lines += ["\u3000\u3000" + wrapped[0]] + wrapped[1:]
    assert paragraphs("\n".join(lines)) == PARAGRAPHS


def test_pdftotext_style_no_indent_short_last_line_ends_the_paragraph():
    lines = [line for para in PARAGRAPHS for line in wrap(para)]
    assert paragraphs("\n".join(lines)) == PARAGRAPHS


def test_web_text_blank_lines_between_unwrapped_paragraphs():
    assert paragraphs("\n\n".join(PARAGRAPHS)) == PARAGRAPHS


def test_paragraphs_separated_by_ideographic_spaces_inside_one_line():
    assert paragraphs("标题在这里\u3000\u3000" + "\u3000\u3000".join(PARAGRAPHS)) == ["标题在这里", *PARAGRAPHS]


def test_a_paragraph_continues_across_a_page_break_with_page_number():
    first, second = PARAGRAPHS[0][:52], PARAGRAPHS[0][52:]
    raw = "\n".join(wrap(first) + ["", "— 3 —", "\f" + wrap(second)[0]] + wrap(second)[1:])
    state = repair(raw)
    assert [p.text for p in state.paras] == [PARAGRAPHS[0]]
    assert [pb.n for pb in state.page_breaks] == ["4"]
    assert state.paras[0].pages == [1, 2]


def test_latin_words_are_joined_with_a_space_and_dehyphenated_before_lowercase():
    raw = "The pipeline runs on Prefect and writes the edi-\ntions as TEI and Markdown files for all the\nusers of the project."
    assert paragraphs(raw) == ["The pipeline runs on Prefect and writes the editions as TEI and Markdown files for all the users of the project."]


def test_a_full_line_ending_a_sentence_before_a_line_short_by_the_lost_indent_opens_a_paragraph():
    body = "为做好今年工作，必须坚持稳中求进、以进促稳、先立后破，在转方式、调结构、提质量、增效益上积极进取。" * 2
    first, second = "当前发展面临的形势依然复杂严峻，" + body[:-1] + "。", "我们要坚定信心，迎难而上，" + body
    lines = []
    for para in (first, second, first):
        wrapped = wrap("  " + para)
        wrapped[0] = wrapped[0][2:]
        lines += wrapped
    assert paragraphs("\n".join(lines)) == [first, second, first]


def test_pypdf_single_space_indents_open_paragraphs_instead_of_pages():
    lines = []
    for para in PARAGRAPHS:
        wrapped = wrap(para)
        lines += [" " + wrapped[0], *wrapped[1:]]
    assert paragraphs("\n".join(lines)) == PARAGRAPHS


def test_a_wrapped_line_breaking_before_a_number_is_not_a_paragraph_end():
    text = "全年地区生产总值增长，一般公共预算收入达到了历史新高，全市规模以上工业增加值增长率达到12345678.9%，创历史新高。"
    assert paragraphs("全年地区生产总值增长，一般公共预算收入达到了历史新高，全市\n规模以上工业增加值增长率达到12345678.9%，创历史新\n高。") == [text]


def test_an_adoption_note_in_brackets_is_a_paragraph_of_its_own():
    raw = "江川市城市绿化管理条例\n（2021年10月28日江川市第十六届人民代表大会常务委员会第三十四次会议通过）\n第一章 总则\n"
    assert paragraphs(raw)[1:] == ["（2021年10月28日江川市第十六届人民代表大会常务委员会第三十四次会议通过）", "第一章 总则"]


def test_an_unindented_enumeration_runs_on_where_paragraphs_are_indented():
    text = ("担当体现在关键时刻。一是要敢于直面问题，对群众反映强烈的急难愁盼问题，不回避、不推诿，拿出真招实策。"
            "二是要勇于攻坚克难，在项目建设、改革攻坚、风险防范中冲锋在前。")
    lines = []
    for para in [*PARAGRAPHS, text]:
        wrapped = wrap(para[24:])
        lines += ["\u3000\u3000" + para[:24], *wrapped]
    assert lines[-2].startswith("二是")
    assert paragraphs("\n".join(lines)) == [*PARAGRAPHS, text]


def test_an_indented_first_line_is_not_short_for_the_width_its_indent_takes():
    lines = []
    for para in PARAGRAPHS:
        wrapped = wrap("    " + para)
        lines += wrapped
    assert paragraphs("\n\n".join(lines)) == PARAGRAPHS


def test_a_heading_line_between_a_finished_paragraph_and_an_indented_one_stands_alone():
    heading = "坚持发展实体经济，锚定主导产业，打造特色产业集群"
    lines = []
    for para in PARAGRAPHS:
        lines += wrap("　　" + para)
    lines.insert(len(wrap("　　" + PARAGRAPHS[0])), heading)
    assert paragraphs("\n".join(lines)) == [PARAGRAPHS[0], heading, *PARAGRAPHS[1:]]


def test_a_form_feed_inside_a_line_starts_a_page():
    state = repair("第一段文字。\n— 4 —\f第二页的文字。\n")
    assert [p.text for p in state.paras] == ["第一段文字。", "第二页的文字。"]
    assert [b.n for b in state.page_breaks] == ["5"]


def test_where_the_indent_was_lost_a_narrower_line_opens_a_paragraph_and_a_full_one_runs_on():
    run_on = ("担当体现在关键时刻。一是要敢于直面问题，对群众反映强烈的急难愁盼问题，不回避、不推诿，拿出真招实策。"
              "二是要勇于攻坚克难，在项目建设、改革攻坚、风险防范中冲锋在前。")
    opening = "三是要善于创新突破，用新思路新办法破解发展难题，把各项任务落到实处，以实干实绩交出满意答卷。"
    long_paragraphs = [para * 3 for para in PARAGRAPHS]
    lines = []
    for para in [*long_paragraphs, run_on, opening]:
        lines += [para[:24], *wrap(para[24:])]
    assert any(line.startswith("二是") for line in lines) and any(line.startswith("三是") for line in lines)
    assert paragraphs("\n".join(lines)) == [*long_paragraphs, run_on, opening]


def test_a_blank_line_after_a_first_line_cut_mid_sentence_is_a_text_box_boundary_not_a_paragraph_end():
    lines = []
    for para in PARAGRAPHS:
        wrapped = [para[:24], *wrap(para[24:])]
        lines += [wrapped[0], "", *wrapped[1:], ""]
    assert paragraphs("\n".join(lines)) == PARAGRAPHS


def test_the_lost_indent_is_measured_under_numbered_headings_too():
    body = "坚持稳中求进、以进促稳、先立后破，在转方式、调结构、提质量、增效益上积极进取，推动经济实现质的有效提升"
    ends_full = body[:24] + body[:26] + body[:25] + "。"
    follows = "同时统筹发展和安全，" + body + "。"
    lines = []
    for n, (first, second) in enumerate([(ends_full, follows)] * 3):
        lines.append(["一、", "二、", "三、"][n] + "总体要求")
        for para in (first, second):
            lines += [para[:24], *wrap(para[24:], 26)]
    assert wrap(ends_full[24:], 26)[-1].endswith("。") and len(wrap(ends_full[24:], 26)[-1]) == 26
    assert paragraphs("\n".join(lines)) == ["一、总体要求", ends_full, follows, "二、总体要求", ends_full, follows, "三、总体要求", ends_full, follows]


@pytest.mark.parametrize("space", [" ", "\u3000"])
def test_a_byline_under_a_long_subtitle_is_a_block_of_its_own(space):
    subtitle = "——2024年1月15日在江南县第十八届人民代表大会第二次会议上"
    lines = ["政府工作报告", subtitle, f"县长{space}王明", "各位代表：", *wrap(PARAGRAPHS[0]), *wrap(PARAGRAPHS[1])]
    assert paragraphs("\n".join(lines))[:4] == ["政府工作报告", subtitle, "县长 王明", "各位代表："]


def test_a_wrapped_clause_ending_in_a_colon_runs_on_from_its_numbered_first_line():
    clause = "第八条 新建、改建、扩建建设工程项目的附属绿地面积占建设工程项目用地面积的比例，应当符合下列规定："
    lines = [*wrap(PARAGRAPHS[0]), clause[:24], clause[24:], "（一）新建居住区不低于百分之三十；"]
    assert role_of(clause[24:]) == "meta"
    assert paragraphs("\n".join(lines))[1:] == [clause, "（一）新建居住区不低于百分之三十；"]


def test_a_first_line_printed_without_its_indent_is_no_paragraph_end_when_a_full_line_follows():
    opening = "各区要修订完善防汛预案，提前预置抢险队伍和物资。"
    para = opening + "遇有险情，要第一时间组织转移危险区域群众，做到应转尽转、应转早转，坚决避免群死群伤事件发生。"
    long_paragraphs = [p * 2 for p in PARAGRAPHS]
    lines = []
    for text in long_paragraphs:
        lines += wrap("\u3000\u3000" + text)
    lines += [opening, *wrap(para[len(opening):])]
    assert len(opening) == 24 and len(wrap(para[len(opening):])[0]) == 26
    assert paragraphs("\n".join(lines)) == [*long_paragraphs, para]


def test_a_blank_line_after_an_indented_first_line_that_ends_a_sentence_is_a_text_box_boundary():
    first = "当前我市已全面进入汛期，气象部门预测降雨将偏多。"
    para = first + "为切实做好今年防汛工作，保障人民群众生命财产安全，切实加强组织领导，现将有关事项通知如下。"
    lines = []
    for text in [*(p * 2 for p in PARAGRAPHS), para]:
        lines += [text[:24], "", *wrap(text[24:]), ""]
    assert len(first) == 24
    assert paragraphs("\n".join(lines))[-1] == para


def test_an_addressee_under_a_headline_as_wide_as_the_columns_opens_the_body():
    title = "关于加快推进全域旅游发展的实施意见的通知"
    lines = [title, "各区人民政府，市政府各部门：", *[line for text in PARAGRAPHS for line in wrap(text, 20)]]
    assert paragraphs("\n".join(lines))[:2] == [title, "各区人民政府，市政府各部门："]


def test_an_addressee_under_the_title_of_unwrapped_text_stands_alone():
    lines = ["关于加快推进全域旅游发展的实施意见", "各区人民政府，市政府各部门：", *PARAGRAPHS]
    assert paragraphs("\n".join(lines)) == ["关于加快推进全域旅游发展的实施意见", "各区人民政府，市政府各部门：", *PARAGRAPHS]


def wrap_printed(text, width=26.0, quote=1 / 3, first_indent=0.0):
    """Lines as a font prints them whose curly quotes are `quote` em wide."""
    lines, line, used = [], "", first_indent
    for ch in text:
        advance = quote if ch in "“”" else 1.0
        if used + advance > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += advance
    return [*lines, line]


QUOTED = [
    "要在引育高素质人才上下功夫。深入实施“兴辽英才计划”，深化“百万学子留辽来辽”行动，完善“引育用留”人才工作体系，更好招引“急需人才”，持续优化人才政策，吸引“孔雀向北飞”。",
    "要在提升人口整体素质上下功夫。完善“高质量教育体系”，推进义务教育优质均衡发展，围绕“机器人”“石油化工”等产业建设产教融合共同体，提升“辽宁工匠”品牌价值。",
]


def test_curly_quotes_are_measured_as_wide_as_the_document_prints_them():
    texts = [PARAGRAPHS[0] * 2, QUOTED[0], PARAGRAPHS[1] * 2, PARAGRAPHS[2] * 2, QUOTED[1], PARAGRAPHS[0] * 2, PARAGRAPHS[1] * 2]
    lines = [line for text in texts for line in wrap_printed(text, first_indent=2.0)]
    model = measure(split_lines("\n".join(lines)))
    assert 0.25 <= model.quote_width <= 0.5
    assert paragraphs("\n".join(lines)) == texts


def test_a_numbered_heading_goes_on_in_a_short_centred_line():
    heading = "二、牢牢把握三年行动重点任务，以中国式现代化辽宁实践推动全面振兴取得新突破"
    long_paragraphs = [p * 2 for p in PARAGRAPHS]
    body = [line for text in long_paragraphs for line in [" " + text[:24], *wrap(text[24:])]]
    raw = "\n".join([*body, heading[:22], " " + heading[22:], *body])
    assert paragraphs(raw)[len(PARAGRAPHS)] == heading


def test_a_numbered_heading_set_larger_goes_on_in_a_line_as_wide_as_its_first_in_a_narrow_column():
    heading = "二、牢牢把握三年行动重点任务，以中国式现代化辽宁实践推动全面振兴取得新突破"
    long_paragraphs = [p * 2 for p in PARAGRAPHS]
    body = [line for text in long_paragraphs for line in [text[:19], *wrap(text[19:], 21)]]
    raw = "\n".join([*body, heading[:16], heading[16:34], heading[34:], *body])
    assert len(heading[16:34]) > 0.8 * 21
    assert paragraphs(raw)[len(PARAGRAPHS)] == heading


def test_a_label_or_a_letter_spaced_heading_broken_at_its_wide_gap_is_joined_again():
    raw = "目\n录\n第一章\n\n总则\n\n第一条\n\n为了规范城市绿化管理，制定本办法。\n第二条 本办法适用于全市。\n第三条\n第四条 本办法自公布之日起施行。"
    assert paragraphs(raw) == ["目录", "第一章 总则", "第一条 为了规范城市绿化管理，制定本办法。", "第二条 本办法适用于全市。",
                               "第三条", "第四条 本办法自公布之日起施行。"]


COLUMN_BODY = "中共中央总书记、国家主席、中央军委主席习近平十一月七日下午主持召开会议，审议通过了多项重要文件，会议强调要推动各项改革举措落地见效。"


def test_a_dated_note_in_brackets_under_the_title_stands_alone_however_wide():
    title, note = "中国共产党江川市第五届委员会第六次全体会议公报", "（2023年11月7日中国共产党江川市第五届委员会第六次全体会议通过）"
    assert paragraphs("\n".join([title, note, *wrap(COLUMN_BODY, 22)])) == [title, note, COLUMN_BODY]


def test_headline_lines_wider_than_the_column_under_them_are_lines_of_their_own():
    kicker, title, subtitle = "习近平主持召开中央全面深化改革委员会第三次会议强调", "全面推进美丽中国建设 健全自然垄断环节监管体制机制", "李强王沪宁蔡奇出席"
    assert paragraphs("\n".join([kicker, title, subtitle, *wrap(COLUMN_BODY, 22)])) == [kicker, title, subtitle, COLUMN_BODY]


def test_a_headline_line_wider_than_the_column_starts_a_line_of_its_own_under_one_as_wide_as_the_column():
    kicker, title = "习近平在中共中央政治局第九次集体学习时强调", "铸牢中华民族共同体意识 推进新时代党的民族工作高质量发展"
    assert len(kicker) == 21
    assert paragraphs("\n".join([kicker, title, *wrap(COLUMN_BODY, 21)])) == [kicker, title, COLUMN_BODY]


def test_a_two_line_paragraph_whose_last_line_is_as_narrow_as_its_first_is_one_paragraph():
    """Indents dropped: first lines are two em narrower; a last line two em short is a coincidence."""
    def dropped_indent(text, width=21):
        return [text[:width - 2]] + wrap(text[width - 2:], width)

    short = "中共中央政治局常委、中央全面深化改革委员会副主任李强、王沪宁、蔡奇出席会议。"
    assert [len(line) for line in dropped_indent(short)] == [19, 19]
    paras = [COLUMN_BODY, short, PARAGRAPHS[0], PARAGRAPHS[2]]
    assert paragraphs("\n".join(line for para in paras for line in dropped_indent(para))) == paras


def test_a_date_under_a_signature_in_unwrapped_text_is_a_paragraph_of_its_own():
    raw = "\n".join(["关于做好春季农业生产工作的通知", "各区人民政府：", PARAGRAPHS[1], "江川市人民政府办公室", "2024年3月5日"])
    assert paragraphs(raw)[-2:] == ["江川市人民政府办公室", "2024年3月5日"]


def test_a_date_alone_on_its_line_ends_its_paragraph():
    raw = "\n\n".join(["关于做好春季农业生产工作的通知", "　　" + PARAGRAPHS[1], "江川市人民政府办公室", "2024年3月5日\n\f关于加快推进全域旅游发展的实施意见",
                       "　　" + PARAGRAPHS[0]])
    assert paragraphs(raw)[-3:-1] == ["2024年3月5日", "关于加快推进全域旅游发展的实施意见"]


PIECES = st.lists(st.text("（）()。！？…；：，、文字", max_size=6), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(PIECES)
def test_the_tally_kept_line_by_line_says_what_the_whole_paragraph_says(pieces):
    """What the rules ask of a paragraph in the making, counted as its lines join it, is what a
    scan of the whole text tells: an open bracket, a note in brackets, a sentence end, commas in
    the sentence still open, where the text after the last full stop begins."""
    from zhengli.tasks.charclass import HAS_SENTENCE_END
    from zhengli.tasks.repairs.lines import Tally

    tally, text = Tally(), ""
    for piece in pieces:
        tally.add(piece, len(text))
        text += piece
    assert (tally.unclosed > 0) == (text.count("（") + text.count("(") > text.count("）") + text.count(")"))
    assert tally.bracketed(text) == bool(re.fullmatch(r"（[^（）]+）|\([^()]+\)", text))
    assert tally.sentence_end == bool(HAS_SENTENCE_END.search(text))
    assert tally.runs_on == bool(re.search("[，、]", re.split("[。！？；：]", text)[-1]))
    assert tally.stop == max(text.rfind(stop) for stop in "。！？") + 1


def test_a_paragraph_of_many_lines_is_tallied_line_by_line(monkeypatch):
    """Counted, not timed: join-lines counts each line's brackets and stops once, as it joins its
    paragraph, not the whole paragraph again at every line (quadratic in its length)."""
    from zhengli.tasks.repairs.lines import Tally

    tallied = []
    real = Tally.add
    monkeypatch.setattr(Tally, "add", lambda self, text, offset: tallied.append(len(text)) or real(self, text, offset))
    text = "（本条例" + "，".join(f"第{n}项规定适用于全市各级机关和事业单位" for n in range(3000))
    lines = wrap(text, 30)
    assert len(paragraphs("\n".join(lines))) == 1
    assert sum(tallied) <= 2 * len(text)


def test_a_paragraph_in_the_making_is_not_remembered_by_the_label_lookup():
    """Counted, not timed: join-lines asks a paragraph's label at every line that joins it, each time
    of a new, longer text; remembering those would hash each whole (quadratic in the paragraph's
    length) and keep thousands of them alive (a paragraph of 4 MB took gigabytes)."""
    import sys

    from zhengli.tasks.evidence.numbering import find_label

    text = "第三条" + "本条例适用于全市各级机关和事业单位" * 200
    held = sys.getrefcount(text)
    assert find_label(text).scheme == "article"
    assert sys.getrefcount(text) == held


def justified(text, width=26):
    """Lines as a typesetter breaks a paragraph whose first-line indent the extractor dropped: the
    first two em narrower, and no line opening with `，。、`: the glyph before it goes down too."""
    lines, start, room = [], 0, width - 2
    while start < len(text):
        end = min(start + room, len(text))
        if end < len(text) and text[end] in "，。、；：":
            end -= 1
        lines.append(text[start:end])
        start, room = end, width
    return lines


KINSOKU = [
    "各地要加快推进城乡融合发展，深化户籍制度改革，推动有条件的农业转移人口落户城镇，健全人口市民化机制。",
    "进一步完善城乡基本公共服务制度和配套政策标准体系，健全常住地提供基本公共服务制度，推进基本公共服务均等化，提升公共服务水平。",
    "加强耕地保护和用途管制，坚决遏制耕地非农化，防止耕地非粮化，持续提升耕地质量，确保粮食安全。",
]


def test_a_first_line_a_glyph_short_of_its_lost_indent_still_opens_a_paragraph():
    """A first line printed without its indent is short by the indent, and by an em more where it
    broke a glyph early. After a full line that ends a sentence, such a line that runs on opens a
    paragraph."""
    printed = [justified(text) for text in KINSOKU]
    assert len(printed[0][-1]) == 26 and len(printed[1][0]) == 23, "a full last line, then a first line one glyph short"
    before = [line for text in PARAGRAPHS for line in justified(text * 3)]
    assert paragraphs("\n".join(before + [line for lines in printed for line in lines])) == [*(p * 3 for p in PARAGRAPHS), *KINSOKU]


def test_a_line_short_by_the_lost_indent_and_an_em_that_ends_its_sentence_after_a_full_sentence_goes_on():
    """A line that ends its sentence that short is a paragraph's last line, not a first one."""
    paragraph = KINSOKU[0] + "各地要抓好任务落实，按季度向市政府报告其进展。"
    printed = [*justified(paragraph), *justified(KINSOKU[2])]
    assert len(printed[1]) == 26 and printed[1].endswith("。") and len(printed[2]) == 23
    before = [line for text in PARAGRAPHS for line in justified(text * 3)]
    assert paragraphs("\n".join(before + printed)) == [*(p * 3 for p in PARAGRAPHS), paragraph, KINSOKU[2]]


def test_a_first_line_going_on_after_a_colon_inside_it_is_no_heading_whatever_follows():
    """`…目标是：地区生产总值` fills the measure with its lost indent: a paragraph's first line, though
    the line under it counts narrower (its digits are half an em each by estimate, full in print)."""
    targets = "今年全市经济社会发展主要预期目标是：地区生产总值增长5.5%左右；一般公共预算收入增长5%；城镇新增就业5万人以上；居民收入增长与经济增长基本同步。"
    before = [line for text in PARAGRAPHS for line in justified(text * 3)]
    printed = justified(targets)
    assert printed[0].endswith("：地区生产总值")
    assert paragraphs("\n".join([*before, "二、主要目标任务", *printed])) == [*(p * 3 for p in PARAGRAPHS), "二、主要目标任务", targets]
