"""Structure detection on small, purpose-written documents."""

from tasks.pipeline import clean
from tasks.structure.labels import chinese_number, find_label


def blocks(text):
    document = clean(text.encode("utf-8"), "t.txt")
    return [(b.type, b.level, b.label.text if b.label else None, b.text) for b in document.blocks()], document


def test_chinese_numerals_to_integers():
    assert [chinese_number(s) for s in ["一", "九", "十", "十一", "二十", "三十九", "一百", "一百零一"]] == [1, 9, 10, 11, 20, 39, 100, 101]


def test_every_numbering_scheme_is_recognised():
    cases = {
        "第一编 总则": "part", "第二章 总纲": "chapter", "第三节 范围": "section", "第十二条 本法": "article",
        "一、总体要求": "cn", "（二）主要目标": "cn-paren", "(三)任务": "cn-paren", "4.加强领导": "arabic",
        "5．加强": "arabic", "6、加强": "arabic", "（7）加强": "arabic-paren", "⑧加强": "circled",
        "一是加强": "shi", "第一，加强": "ordinal", "——打造": "dash",
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
