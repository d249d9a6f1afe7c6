"""Structure detection on small, purpose-written documents."""

from hypothesis import given, settings
from hypothesis import strategies as st
from zhengli.tasks.evidence.numbering import chinese_number, find_label
from zhengli.tasks.pipeline import clean
from zhengli.tasks.structure.titles import parse_headline

from .conftest import side_by_side


def blocks(text):
    document = clean(text.encode("utf-8"), "t.txt")
    return [(b.type, b.level, b.label.text if b.label else None, b.text) for b in document.blocks()], document


def test_chinese_numerals_to_integers():
    assert [chinese_number(s) for s in ["一", "九", "十", "十一", "二十", "三十九", "一百", "一百零一"]] == [1, 9, 10, 11, 20, 39, 100, 101]


def test_a_figure_after_a_label_s_point_is_a_decimal_unless_it_is_a_year():
    assert find_label("1.5倍以上") is None
    assert find_label("3.2024年度任务清单").text == "3."


def test_every_numbering_scheme_is_recognised():
    cases = {
        "第一编 总则": "part", "第二篇 产业体系": "part", "第三部分 主要任务": "part",
        "第二章 总纲": "chapter", "第三节 范围": "section", "第十二条 本法": "article",
        "一、总体要求": "cn", "（二）主要目标": "cn-paren", "(三)任务": "cn-paren", "4.加强领导": "arabic",
        "5．加强": "arabic", "6、加强": "arabic", "（7）加强": "arabic-paren", "⑧加强": "circled",
        "一是加强": "shi", "第一，加强": "ordinal", "——打造": "dash", "1.2024年度任务清单": "arabic",
    }
    for text, scheme in cases.items():
        assert find_label(text).scheme == scheme, text


def test_headings_and_clauses_with_levels_from_the_schemes_in_use():
    found, _ = blocks(
        "一、总体要求\n\n（一）指导思想。坚持以人民为中心。\n\n（二）主要目标\n\n1.稳增长。要稳住经济。\n\n二、重点任务\n\n工作要落实。"
    )
    assert found == [
        ("heading", 2, "一、", "一、总体要求"),
        ("paragraph", None, "（一）", "（一）指导思想。坚持以人民为中心。"),
        ("heading", 3, "（二）", "（二）主要目标"),
        ("paragraph", None, "1.", "1.稳增长。要稳住经济。"),
        ("heading", 2, "二、", "二、重点任务"),
        ("paragraph", None, None, "工作要落实。"),
    ]


def test_a_document_using_only_lower_schemes_starts_at_level_two():
    found, _ = blocks("（一）总体要求\n\n内容如下。\n\n（二）主要目标\n\n1.稳增长\n\n内容。")
    assert [(t, level) for t, level, _, _ in found if t == "heading"] == [("heading", 2), ("heading", 2), ("heading", 3)]


def test_a_headline_group_is_split_into_kicker_title_and_subtitle():
    found, _ = blocks("习近平在会议上强调\n\n加快发展 推进改革\n\n——一论学习贯彻会议精神\n\n会议指出，要加快发展。")
    assert [(t, text) for t, _, _, text in found] == [
        ("kicker", "习近平在会议上强调"), ("title", "加快发展 推进改革"), ("subtitle", "——一论学习贯彻会议精神"), ("paragraph", "会议指出，要加快发展。"),
    ]


def test_numbering_gaps_are_flagged_with_their_line():
    _, document = blocks("一、甲方面\n\n内容。\n\n三、丙方面\n\n内容。")
    flags = [f for f in document.flags if f.kind == "numbering"]
    assert [(f.line, "gap" in f.message) for f in flags] == [(5, True)]


def test_clauses_numbered_through_a_document_raise_no_false_alarm():
    text = "\n\n".join(f"{'一二三'[i]}、第{i}部分\n\n{i * 2 + 1}.要求一。内容。\n\n{i * 2 + 2}.要求二。内容。" for i in range(3))
    _, document = blocks(text.replace("第0部分", "总则"))
    assert [f for f in document.flags if f.kind == "numbering"] == []


def test_a_kicker_of_the_form_writing_on_the_occasion_is_told_from_the_title():
    found, _ = blocks("写在全市高质量发展大会召开之际\n以实干担当开创发展新局面\n新年伊始，万象更新。全会对今年工作作出全面部署。\n")
    assert [(t, x) for t, _, _, x in found[:2]] == [("kicker", "写在全市高质量发展大会召开之际"), ("title", "以实干担当开创发展新局面")]


def test_a_wrapped_dateline_subtitle_is_one_segment():
    parts = ["政府工作报告", "——2024年1月15日在江川市第十六届人民代表大会第", "三次会议上", "各位代表："]
    assert [(s.role, s.text) for s in parse_headline(parts)] == [
        ("title", "政府工作报告"), ("subtitle", "——2024年1月15日在江川市第十六届人民代表大会第三次会议上"), ("meta", "各位代表：")]


def test_an_addressee_line_after_the_title_is_meta():
    found, _ = blocks("关于加快推进全域旅游发展的实施意见\n各区人民政府，市政府各部门：\n为加快建设全域旅游示范市，现提出如下实施意见。\n")
    assert found[1][0] == "meta"


def test_newspaper_bylines_and_source_lines_under_the_headline_are_meta():
    body = "\n\n　　连日来，全市各地抢抓农时，春耕生产有序推进。\n"
    cases = {
        "全市春耕生产有序推进\n本报记者　王明　李华": ["title", "meta"],
        "以实干担当开创发展新局面\n——一论深入学习贯彻市委全会精神\n本报评论员": ["title", "subtitle", "meta"],
        "全市春耕生产有序推进\n来源：江川日报　　2024-03-05": ["title", "meta", "meta"],
        "坚持以人民为中心的发展思想\n作者：王明（江川市委党校教授）": ["title", "meta"],
        "坚定信心 实干担当": ["title"],
    }
    for headline, kinds in cases.items():
        found, _ = blocks(headline + body)
        assert [t for t, *_ in found] == [*kinds, "paragraph"], headline


NOTICE_BODY = ("　　为做好今年春季农业生产工作，经市政府同意，现将有关事项通知如下。\n\n"
               "　　一、稳定粮食播种面积\n\n　　各区要将粮食生产目标任务分解落实到乡镇。\n\n")


def test_text_a_block_a_line_keeps_a_kicker_and_a_subtitle_apart_from_the_headline():
    """Copied from a page one block a line, no blank lines: the kicker by its wording, the subtitle
    by its dash, each a block of its own."""
    body = "新年伊始，万象更新。市委全会对今年工作作出全面部署，吹响了奋进新征程的号角。\n" * 2
    found, _ = blocks("写在全市高质量发展大会召开之际\n以实干担当开创发展新局面\n——一论深入学习贯彻市委全会精神\n" + body)
    assert [(t, text) for t, _, _, text in found[:3]] == [
        ("kicker", "写在全市高质量发展大会召开之际"), ("title", "以实干担当开创发展新局面"), ("subtitle", "——一论深入学习贯彻市委全会精神")]
    report = "现在，我代表市人民政府，向大会报告工作，请予审议。\n" * 2
    found, _ = blocks("政府工作报告\n——2024年1月15日在江川市第十六届人民代表大会第三次会议上\n市长　王明远\n各位代表：\n" + report)
    assert [t for t, *_ in found[:4]] == ["title", "subtitle", "meta", "meta"]


def test_a_list_going_on_over_a_page_break_opens_no_new_text():
    """Items one a line after a colon, the page breaking after one that ends `；`: the short items
    at the next page's head read as a headline, but a text never ends with a clause leading on."""
    first = "　　今年政府工作的主要预期目标是：\n地区生产总值增长6%左右；\n— 1 —\n\f"
    second = "一般公共预算收入增长5%；\n城镇新增就业4500人以上；\n粮食总产量稳定在18万吨以上。\n　　实现上述目标，重点抓好以下工作。\n"
    found, document = blocks("政府工作报告\n\n" + NOTICE_BODY + first + second)
    assert len(document.texts) == 1
    assert ("paragraph", None, None, "一般公共预算收入增长5%；") in found


def test_a_document_number_under_the_title_is_meta():
    found, _ = blocks("江川市人民政府办公室\n关于做好春季农业生产工作的通知\n江政办发〔2024〕5号\n\n各区人民政府：\n\n" + NOTICE_BODY)
    assert [(t, text) for t, _, _, text in found[:3]] == [
        ("title", "江川市人民政府办公室关于做好春季农业生产工作的通知"), ("meta", "江政办发〔2024〕5号"), ("meta", "各区人民政府：")]


def test_a_request_s_signer_in_the_number_s_row_is_meta_in_any_order_an_extractor_reads_the_row():
    """A report or request to a higher authority prints `签发人：…` beside its number: one line, or
    two in either order, all meta under the mark and over the title."""
    title = "江川县人民政府关于申请拨付防汛资金的请示"
    body = "\n\n市人民政府：\n\n　　今年入汛以来，我县遭受多轮强降雨袭击，特申请拨付防汛资金。\n\n　　妥否，请批示。\n"
    for row in ["江政〔2024〕8号　　　签发人：王某某", "江政〔2024〕8号\n签发人：王某某", "签发人：王某某\n江政〔2024〕8号"]:
        found, _ = blocks(f"江川县人民政府文件\n\n{row}\n\n{title}{body}")
        above = found[: [t for t, *_ in found].index("title")]
        assert {t for t, *_ in above} == {"meta"}, row
        assert "".join(text for *_, text in above) == "江川县人民政府文件" + "".join(row.split()), row
        assert [text for t, _, _, text in found if t == "title"] == [title], row


def test_the_signature_and_date_that_close_a_notice_are_meta_and_an_attachment_note_is_a_paragraph():
    closing = "　　附件：重点任务分工\n\n江川市人民政府办公室\n二〇二四年三月五日\n\n（此件公开发布）\n"
    found, _ = blocks("关于做好春季农业生产工作的通知\n\n" + NOTICE_BODY + closing)
    assert [(t, text) for t, _, _, text in found[-4:]] == [
        ("paragraph", "附件：重点任务分工"), ("meta", "江川市人民政府办公室"), ("meta", "二〇二四年三月五日"), ("paragraph", "（此件公开发布）")]


def test_the_back_matter_under_a_signed_notice_is_paragraphs_not_headings():
    back = "江川市人民政府办公室\n2024年3月5日\n\n（此件公开发布）\n\n抄送：市委办公室。\n\n江川市人民政府办公室　　2024年3月6日印发\n"
    found, _ = blocks("关于做好春季农业生产工作的通知\n\n" + NOTICE_BODY + back)
    assert [t for t, *_ in found[-5:]] == ["meta", "meta", "paragraph", "paragraph", "paragraph"]
    assert found[-1][3] == "江川市人民政府办公室2024年3月6日印发", "the print record is one block"


def test_the_print_record_under_a_full_line_of_back_matter_is_a_block_of_its_own():
    """Wrapped text, no blank lines: the copy-to line fills its line, the print record is still its own."""
    wrapped = ("关于做好春季农业生产工作的通知\n各区人民政府：\n为做好今年春季农业生产工作，经市政府同意，现将\n"
               "有关事项通知如下，请认真贯彻执行。\n江川市人民政府办公室\n2024年3月5日\n")
    back = "抄送：市委各部门，市人大常委会办公室，市政协办公。\n江川市人民政府办公室        2024年3月6日印发\n"
    found, _ = blocks(wrapped + back)
    assert [text for *_, text in found[-2:]] == ["抄送：市委各部门，市人大常委会办公室，市政协办公。", "江川市人民政府办公室2024年3月6日印发"]


def test_a_full_line_of_running_text_ending_in_an_office_and_a_date_is_no_dated_row():
    """`…省委省政府2024年3月5日` cut at the measure goes on into `召开的…`: no row of its own, and the
    addressee above it stays where it is (no byline under a title)."""
    text = ("关于做好春季防火工作的通知\n各乡镇人民政府，县政府各部门：\n"
            "　　为深入贯彻落实党中央国务院决策部署和省委省政府2024年3月5日\n"
            "召开的全省森林防火工作电视电话会议精神，切实做好我县春季森林防\n火工作，现将有关事项通知如下。\n"
            "　　一、提高思想认识。各地各部门要充分认识做好森林防火工作的重要\n性，切实增强责任感和紧迫感。\n")
    found, document = blocks(text)
    assert [text for *_, text in found][1:3] == [
        "各乡镇人民政府，县政府各部门：",
        "为深入贯彻落实党中央国务院决策部署和省委省政府2024年3月5日召开的全省森林防火工作电视电话会议精神，切实做好我县春季森林防火工作，现将有关事项通知如下。"]
    assert [r.step for r in document.repairs if r.step == "reading-order"] == []


def test_minutes_number_and_the_issuer_and_date_under_their_title_are_meta():
    """Wrapped, no indents: the number and the dated row stand apart from the title and the body."""
    head = "江川市人民政府常务会议纪要\n〔2024〕第5次\n江川市人民政府办公室　　　　2024年3月8日\n"
    body = ("2024年3月6日，市长主持召开市政府第5次常务会议，研究\n部署近期重点工作。现将会议议定事项纪要如下：\n"
            "一、关于春季造林绿化工作\n会议原则同意工作方案。\n")
    found, _ = blocks(head + body)
    assert [(t, text) for t, _, _, text in found[:4]] == [
        ("title", "江川市人民政府常务会议纪要"), ("meta", "〔2024〕第5次"), ("meta", "江川市人民政府办公室2024年3月8日"),
        ("paragraph", "2024年3月6日，市长主持召开市政府第5次常务会议，研究部署近期重点工作。现将会议议定事项纪要如下：")]


def test_an_attachment_listed_after_the_colon_whose_name_opens_with_a_figure_is_an_item_not_a_heading():
    """`2.…` under `附件：1.2024年度…` is the list's next item in its place: not a heading, not moved,
    no gap in the numbering."""
    closing = "附件：1.2024年度重点任务清单\n\n2.工作联系人名单\n\n江川市人民政府办公室\n2024年3月5日\n"
    found, document = blocks("关于做好春季农业生产工作的通知\n\n" + NOTICE_BODY + closing)
    assert [text for *_, text in found[-4:-2]] == ["附件：1.2024年度重点任务清单", "2.工作联系人名单"]
    assert found[-3][0] == "paragraph"
    assert document.repairs == [] and document.flags == []


def test_a_date_followed_by_more_text_is_no_closing_signature():
    found, _ = blocks("关于做好春季农业生产工作的通知\n\n" + NOTICE_BODY + "2024年3月5日\n\n　　各区要及时报送工作进展情况。\n")
    assert "meta" not in [t for t, *_ in found[1:]]


def test_a_regulation_issued_by_a_notice_is_an_article_of_its_own_after_the_notices_signature():
    notice = "江川市人民政府关于印发古树名木保护办法的通知\n\n各区人民政府：\n\n　　现将《古树名木保护办法》印发给你们，请认真贯彻执行。\n\n"
    signature = "江川市人民政府\n2024年3月5日\n\n（此件公开发布）\n\n"
    regulation = "江川市古树名木保护办法\n\n第一章　总则\n\n　　第一条　为了加强古树名木保护，制定本办法。\n"
    _, document = blocks(notice + signature + regulation)
    assert [[b.type for b in text.blocks] for text in document.texts] == [
        ["title", "meta", "paragraph", "meta", "meta", "paragraph"], ["title", "heading", "paragraph"]]


def test_articles_strung_together_without_page_breaks_part_at_a_headline_with_its_own_meta_line():
    first = "以实干担当开创发展新局面\n\n　　新年伊始，万象更新。市委全会对今年工作作出全面部署。\n\n"
    second = "江川市城市绿化管理条例\n\n（2021年10月28日江川市人民代表大会常务委员会通过）\n\n第一条　为了促进城市绿化事业发展，制定本条例。\n"
    _, document = blocks(first + second)
    assert [[b.type for b in text.blocks] for text in document.texts] == [["title", "paragraph"], ["title", "meta", "paragraph"]]


def test_the_issuing_body_over_the_closing_date_opens_no_article_where_a_page_begins():
    notice = "关于做好春季农业生产工作的通知\n\n各区人民政府：\n\n　　现将有关事项通知如下，请认真贯彻执行。\n\f"
    regulation = "江川市古树名木保护办法\n\n第一条　为了加强古树名木保护，制定本办法。\n"
    _, document = blocks(notice + "江川市人民政府\n2024年3月5日\n\f" + regulation)
    assert [[b.type for b in text.blocks] for text in document.texts] == [
        ["title", "meta", "paragraph", "meta", "meta"], ["title", "paragraph"]]


def test_a_dateline_under_the_headline_opens_no_article():
    _, document = blocks("政府工作报告\n\n2024年1月10日\n\n各位代表：\n\n　　现在，我代表市人民政府向大会报告工作。\n")
    assert [[b.type for b in text.blocks] for text in document.texts] == [["title", "meta", "meta", "paragraph"]]


def test_a_labelled_item_ending_in_a_semicolon_is_a_clause_not_a_heading():
    found, _ = blocks("第十三条 禁止下列行为：\n（一）在树木上刻划、钉钉；\n（二）在绿地内倾倒垃圾。\n")
    assert [t for t, *_ in found] == ["paragraph", "paragraph", "paragraph"]


def test_a_table_of_contents_is_a_heading_over_entries_that_are_not_headings():
    raw = ("江川市城市绿化管理条例\n目　　录\n第一章　总则\n第二章　附则\n第一章　总则\n"
           "第一条　为了促进城市绿化事业发展，制定本条例。\n第二章　附则\n第二条　本条例自2022年1月1日起施行。\n")
    found, document = blocks(raw)
    assert [(t, level, x) for t, level, _, x in found[1:4]] == [("heading", 2, "目录"), ("toc", None, "第一章 总则"), ("toc", None, "第二章 附则")]
    assert [b.kind for b in document.blocks()[1:4]] == ["contents-title", "contents-entry", "contents-entry"]
    assert [x for t, _, _, x in found if t == "heading"] == ["目录", "第一章 总则", "第二章 附则"]
    assert document.flags == []


def test_a_paragraph_read_across_two_columns_spans_the_source_lines_it_came_from():
    left = ["左栏第一段的第一行文字比较长", "左栏第一段的第二行文字较长", "左栏第一段到此结束了。",
            "左栏第二段的第一行文字较长", "左栏第二段的第二行文字较长", "左栏第二段写到这里还没有"]
    right = ["结束，这是左栏第二段的续行", "在右栏顶部继续写到这里。", "右栏第二段的第一行写满了",
             "右栏第二段的第二行也写满了", "右栏第二段结束在这里。", "右栏第三段结束在这里。"]
    rows = side_by_side(left, right)
    blocks = clean("\n".join(rows).encode("utf-8"), "columns.txt").blocks()
    spanning = next(b for b in blocks if "续行" in b.text)
    assert (spanning.first_line, spanning.last_line) == (1, 6)
    assert all(b.first_line <= b.last_line for b in blocks)


def test_cutting_a_compilation_into_articles_reads_each_paragraph_a_bounded_number_of_times(monkeypatch):
    """Counted, not timed: whether the article so far has a body (a finished sentence) is kept as
    its paragraphs join it, not asked again of the whole article at every paragraph."""
    from zhengli.tasks.evidence.units import Para
    from zhengli.tasks.structure import build

    read = []
    for name in ("ends_sentence", "heading_like", "find_label"):
        real = getattr(build, name)
        monkeypatch.setattr(build, name, lambda text, real=real: read.append(text) or real(text))
    paras = [Para(f"没有句号的第{n}行", [(0, n)], [(0, 1)]) for n in range(1, 3001)]
    assert len(build.split_articles(paras, set())) == 1
    assert len(read) <= 10 * len(paras)


def test_finding_the_table_of_contents_compacts_each_paragraph_once(monkeypatch):
    """Counted, not timed: a text of many `目录` lines is not searched again from each of them."""
    from zhengli.tasks.evidence.units import Para
    from zhengli.tasks.structure import build

    compacted = []
    real = build._compact
    monkeypatch.setattr(build, "_compact", lambda text: compacted.append(text) or real(text))
    paras = [Para(text, [(0, 1)], [(0, 1)]) for _ in range(1000) for text in ("目录", "本办法自公布之日起施行。")]
    assert build.contents_span(paras) == range(0)
    assert len(compacted) <= len(paras)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["目录", "目　录", "第一章 总则", "第一章　总则", "第二章 附则", "第一条 为了规范管理，制定本办法。"]), max_size=12))
def test_the_table_of_contents_runs_from_its_title_to_where_its_first_entry_comes_back(texts):
    """…when every entry before that reads as a heading; else the next `目录` is tried."""
    from zhengli.tasks.evidence.units import Para
    from zhengli.tasks.evidence.wording import CONTENTS_TITLE, heading_like
    from zhengli.tasks.structure.build import contents_span

    expected = range(0)
    for start in (start for start, text in enumerate(texts[:-1]) if CONTENTS_TITLE.fullmatch(text)):
        first = "".join(texts[start + 1].split())
        end = next((end for end in range(start + 2, len(texts)) if "".join(texts[end].split()) == first), None)
        if end is not None and all(heading_like(text) for text in texts[start + 1:end]):
            expected = range(start, end)
            break
    assert contents_span([Para(text, [(0, 1)], [(0, 1)]) for text in texts]) == expected


def test_a_run_in_head_is_the_short_first_sentence_of_a_numbered_paragraph_with_a_body_after_it():
    raw = "（一）坚持稳中求进。今年要稳字当头。\n\n（二）扩大内需。\n\n第三条 本法适用于全国。\n\n第四条 国家保护劳动者。劳动者享有权利。\n"
    document = clean(raw.encode(), "t.txt")
    assert [(b.label.text, b.lead) for b in document.blocks() if b.label] == [
        ("（一）", "坚持稳中求进。"), ("（二）", None), ("第三条", None), ("第四条", None)]
