"""Genres the tuning never saw (issue 13: speeches, press Q&As, plans with 专栏, 通报 with their 附件
lists): each class of failure they showed as a small case of its own (never a corpus document's
words), then `corpus/genres/` printed as Word prints it and read back."""

import pytest
from zhengli.tasks.evidence.numbering import bare_label, find_label
from zhengli.tasks.pipeline import clean

from corpus.documents import load_documents
from corpus.pdf import FONT_FILE
from corpus.producers import GENRES, kind_cases, score_kind_case


def blocks(raw: str) -> list[tuple[str, str]]:
    return [(b.type, b.text) for b in clean(raw.encode(), "t.txt").blocks()]


def wrapped(text: str, width: int) -> list[str]:
    """Justified text without indents, cut into full lines."""
    return [text[i:i + width] for i in range(0, len(text), width)]


BODY = wrapped("全市上下坚持稳中求进工作总基调，统筹推进各项工作，经济社会发展保持良好态势，人民群众获得感持续增强，发展基础更加坚实。", 25)


def test_a_speakers_turn_opens_a_paragraph_after_a_full_line_that_ends_a_sentence():
    """No indent, and the answer's last line exactly full: only the turn's label shows the new paragraph."""
    answer = "答：主要考虑有三点。一是回应企业关切，二是补齐制度短板，三是稳定市场预期，增强发展的信心。"
    assert len(answer) == 45
    turns = ["问：这次出台的办法有哪些考虑？", *wrapped(answer, 15), "问：下一步如何推进落实？",
             *wrapped("答：我们将会同有关部门建立工作台账，逐项明确责任单位和完成时限，定期通报进展。", 15)]
    found = [text for _, text in blocks("某局负责人答记者问\n" + "\n".join(turns) + "\n")]
    assert found[1:4] == ["问：这次出台的办法有哪些考虑？", answer, "问：下一步如何推进落实？"]


def test_a_speech_turning_to_its_audience_opens_a_paragraph():
    duty = "各级各部门要把这项工作摆上重要议事日程，主要负责人亲自抓，分管同志具体抓，确保工作落到实处。"
    close = "同志们，任务艰巨，使命光荣。让我们团结一心，真抓实干，奋力完成全年目标任务！"
    lines = [*wrapped(duty, 23), *wrapped(close, 23)]
    assert len(duty) % 23 == 0
    found = [text for _, text in blocks("在某会议上的讲话\n" + "\n".join(lines) + "\n")]
    assert found[-2:] == [duty, close]


def test_a_turn_label_inside_a_line_or_a_word_that_starts_like_one_opens_nothing():
    text = "有关同志们的意见已经汇总，我们将认真研究，逐条研究答复，并在下次会议上通报有关情况，请大家监督。"
    lines = [*BODY, *wrapped(text, 25), *BODY]
    assert lines[len(BODY) + 1].startswith("答复，")
    found = [text for _, text in blocks("工作简报\n" + "\n".join(lines) + "\n")]
    assert text in found


def test_a_division_label_under_a_numbered_headings_whole_line_opens_a_heading_of_its_own():
    """`第二篇　…` most of a line wide over `第三章　…`: an outline's label never goes on a heading."""
    part = "第二篇　坚持创新驱动发展，建设区域科技创新中心"
    assert len(part) > 0.7 * 25
    lines = ["第一篇　总体要求", "第一章　发展环境", *BODY, part, "第三章　强化战略科技力量", *BODY]
    found = blocks("某市发展规划纲要\n" + "\n".join(lines) + "\n")
    assert ("heading", part.replace("\u3000", " ")) in found
    assert ("heading", "第三章 强化战略科技力量") in found


def test_a_reference_cut_before_its_bracketed_number_under_a_numbered_line_goes_on():
    """`一、…第十条第` filling the line over `（三）项规定…`: a cited item, no subdivision's label."""
    first = "一、申请人符合本办法第十条第一款第二项或者第十二条第二款第四项或者第"
    rest = ["（三）项规定情形的，可以向市人民政府申请复核，市人民政府应当在十个工作日内作出决定，", "并书面告知申请人。"]
    text = wrapped("为规范行政许可的实施，保护公民、法人和其他组织的合法权益，根据有关法律法规，结合本市实际，制定本办法。", len(first))
    found = blocks("某市实施办法\n" + "\n".join([*text, first, *rest, *text]) + "\n")
    assert ("paragraph", first + "".join(rest)) in found
    heading = "二、坚持创新驱动，培育发展新动能，加快建设区域科技创新高地和产业"
    found = blocks("某市实施办法\n" + "\n".join([*text, heading, "1.", *text]) + "\n")
    assert ("heading", heading) in found, "a bare label cites nothing"


def test_a_numbered_headings_line_well_short_of_the_measure_is_no_paragraphs_first_line():
    """A justified first line falls short by its indent at most: four ems short, the heading ended."""
    text = wrapped("今年以来，我们围绕中心、服务大局，坚持问题导向和目标导向，推动各项工作取得新的进展，群众满意度明显提高。"
                   "各地各部门密切配合，形成了上下联动、齐抓共管的工作格局，为完成全年目标任务打下了坚实基础。", 30)
    heading = "二、聚焦重点领域和关键环节，推动营商环境持续优化提升"
    assert len(heading) == 26
    lines = ["一、总体情况", *text, heading, "今年要重点抓好以下几个方面的工作。", *text]
    found = blocks("讲话\n" + "\n".join(lines) + "\n")
    assert ("heading", heading) in found and ("paragraph", "今年要重点抓好以下几个方面的工作。") in found


def test_a_line_short_only_because_the_address_after_it_had_no_room_goes_on():
    """An address is never broken: the line before it stops as far short as the address is long,
    a numbered first line as any other (heading-short, short-line)."""
    text = wrapped("今年以来，我们围绕中心、服务大局，坚持问题导向和目标导向，推动各项工作取得新的进展，群众满意度明显提高。", 30)
    first = "一、申报人通过某某市政务服务网统一身份认证平台"
    rest = ["https://zwfw.example.gov.cn/uc/login登录后进行申报，逐项填写", "相关内容并上传有关材料。"]
    found = blocks("通知\n" + "\n".join([*text, first, *rest, *text]) + "\n")
    assert ("paragraph", first + "".join(rest)) in found


def test_a_box_numbered_through_a_document_is_a_heading_and_its_label_parted_at_a_gap_goes_on():
    assert find_label("专栏3　重大工程").scheme == "box" and bare_label("专栏12")
    assert find_label("专栏作者认为") is None and find_label("专栏1.5") is None
    lines = ["一、主要成效", *BODY, "专栏1", "2024年民生实事完成情况", "1.新建改扩建学校21所，新增学位1.8万个。",
             "2.新增养老床位1600张。", "二、主要任务", *BODY]
    found = blocks("工作报告\n" + "\n".join(lines) + "\n")
    assert ("heading", "专栏1 2024年民生实事完成情况") in found
    assert ("paragraph", "2.新增养老床位1600张。") in found


def test_a_numbered_lead_sentence_over_a_body_of_items_running_on_is_a_heading():
    """`（一）…。` alone over `一是…；二是…。`: the body is running text that opens with its first item."""
    lines = ["一、过去一年的工作", "（一）着力扩大有效需求。", "一是抓项目稳投资，完成投资812亿元；二是抓消费促升级，带动消费45亿元。",
             "（二）着力推进城市更新。", "改造老旧小区68个，新增城市绿道56公里。"]
    found = blocks("工作报告\n各位代表：\n" + "\n".join(lines) + "\n")
    assert ("heading", "（一）着力扩大有效需求。") in found and ("heading", "（二）着力推进城市更新。") in found


def test_items_listed_after_a_colon_stay_paragraphs_past_the_second_and_a_year_after_a_label_is_no_decimal():
    assert find_label("3.2025年度重点任务清单").text == "3." and find_label("1.2025") is None
    items = ["附件：1.2024年度考核优秀单位名单", "2.2024年度考核结果汇总表", "3.2025年度重点工作任务清单"]
    raw = "\n".join(["通报", "各区：", *BODY, *items, "某市人民政府办公室", "2025年2月20日"]) + "\n"
    found = blocks(raw)
    assert found[-5:-2] == [("paragraph", item) for item in items]


def test_numbered_headings_under_a_colon_less_list_stay_headings():
    """The list rule reaches back only through items of one scheme in sequence to a colon that holds the first."""
    lines = ["一、总体情况", *BODY, "1.扩大有效投资", *BODY, "2.激发消费活力", *BODY, "3.稳住外贸外资", *BODY]
    found = blocks("工作报告\n" + "\n".join(lines) + "\n")
    assert [text for kind, text in found if kind == "heading"][-3:] == ["1.扩大有效投资", "2.激发消费活力", "3.稳住外贸外资"]


@pytest.mark.skipif(not FONT_FILE.exists(), reason="needs the WenQuanYi Zen Hei font (fonts-wqy-zenhei)")
def test_the_genres_printed_by_word_come_back_whole(tmp_path):
    """Every genre but the speech (whose `二、` heading is nearly a first line's width: undecidable
    from text) through the text path and the PDF path."""
    documents = [d for d in load_documents(GENRES) if d.name != "speech"]
    assert len(documents) == 8
    for case in kind_cases(tmp_path, documents, ("word",), ("pdftotext-raw", "pdftotext-layout", "zhengli-pdf")):
        score = score_kind_case(*case)
        assert score.cer == 0 and score.paragraph_f1 == 1 and score.heading_f1 == 1, score
