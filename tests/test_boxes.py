"""Box order: text boxes pdfminer read out of column order go back to the order of the numbering."""

from zhengli.tasks.repairs import repair

ARTICLES = [
    "第一条　为了加强城市绿化管理，改善生态环境和人居环境，根据有关法律法规，制定本办法。",
    "第二条　本办法适用于本市城市规划区内城市绿化的规划、建设、保护和管理活动。",
    "第三条　城市绿化工作坚持政府主导、社会参与、统筹规划、因地制宜、生态优先的原则，并接受社会监督，定期向社会公布绿化建设情况。",
    "第四条　市城市绿化主管部门负责全市城市绿化工作的统一监督管理和组织协调。",
    "第五条　鼓励单位和个人以投资、捐资、认建、认养等形式参与城市绿化建设和养护。",
]
TITLE = "江川市城市绿化管理办法"


def wrap(text: str, width: int = 24) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def page(*boxes: str) -> str:
    """A page as pdfminer writes it: the lines of a box, a blank line between boxes."""
    return "\n\n".join(wrap(box) for box in boxes) + "\n\n\f"


def paragraphs(raw: str) -> list[str]:
    return [p.text for p in repair(raw).paras]


def moves(raw: str) -> list[tuple[int, str, str]]:
    return [(r.line, r.before, r.after) for r in repair(raw).repairs if r.step == "box-order"]


def reading(*articles: str) -> list[str]:
    return [TITLE, *(" ".join(text.split("　", 1)) for text in articles)]


def test_a_second_column_read_before_the_first_goes_after_it():
    raw = page(TITLE, ARTICLES[3], ARTICLES[4], ARTICLES[0], ARTICLES[1], ARTICLES[2])
    assert paragraphs(raw) == reading(*ARTICLES)


def test_columns_read_box_by_box_are_told_apart_by_numbering_and_cut_sentences():
    cut, rest = ARTICLES[2][:48], ARTICLES[2][48:]
    raw = page(TITLE, ARTICLES[0], rest, ARTICLES[1], ARTICLES[3], cut, ARTICLES[4])
    assert paragraphs(raw) == reading(*ARTICLES)


def test_body_text_above_the_salutation_is_the_end_of_a_column():
    opening = "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。"
    body = "过去一年，全市经济运行稳中有进，地区生产总值增长百分之五点二，居民收入稳步提高，民生保障不断加强。"
    closing = "各位代表！新的征程已经开启，让我们团结一心、真抓实干，为建设美丽江川而努力奋斗！"
    raw = page("政府工作报告", closing, "各位代表：", opening, body)
    assert paragraphs(raw) == ["政府工作报告", "各位代表：", opening, body, closing]


def test_a_page_whose_numbering_runs_true_is_left_alone():
    raw = page(TITLE, *ARTICLES)
    assert moves(raw) == []
    assert paragraphs(raw) == reading(*ARTICLES)


def test_numbering_that_restarts_at_one_is_a_new_document_not_a_misplaced_box():
    raw = page(TITLE, ARTICLES[3], ARTICLES[4], "江川市古树名木保护办法", ARTICLES[0], ARTICLES[1])
    assert moves(raw) == []


def test_lines_separated_by_blank_lines_are_not_boxes():
    lines = [TITLE, *wrap(ARTICLES[3]).split("\n"), *wrap(ARTICLES[0]).split("\n"), *wrap(ARTICLES[1]).split("\n")]
    assert moves("\n\n".join(lines) + "\n") == []


def test_a_moved_box_is_recorded_where_it_left_and_after_the_box_it_now_follows():
    raw = page(TITLE, ARTICLES[2], ARTICLES[0], ARTICLES[1])
    text = ARTICLES[2]
    assert moves(raw) == [(3, text, ""), (11, "", text)]


def test_a_page_with_numbers_out_of_order_inside_a_box_is_left_alone():
    """pdftotext's default mode reads two columns line by line: no order of its boxes is right."""
    short = [text[:16] + "。" for text in ARTICLES]
    raw = "\n\n".join([TITLE, short[3] + "\n" + short[0], short[4] + "\n" + short[1], short[2]]) + "\n\n\f"
    assert moves(raw) == []


def test_boxes_shuffled_worse_than_two_columns_can_be_are_left_as_they_came():
    raw = page(TITLE, *reversed(ARTICLES))
    assert moves(raw) == []


def test_an_editors_note_above_the_salutation_stays_where_it_is():
    note = "编者按：市长王明在市十六届人大三次会议上作政府工作报告，本报今日全文刊发，敬请关注。"
    opening = "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。"
    assert moves(page("政府工作报告", note, "各位代表：", opening, ARTICLES[0])) == []
