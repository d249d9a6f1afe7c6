"""Reading order: a centred line pdfminer let slip below its neighbours goes back where it was printed."""

from hypothesis import given, settings
from hypothesis import strategies as st
from zhengli.tasks.repairs import repair

BODY = [
    "1.夯实农业基础。稳定粮食播种面积，加快高标准农田建设，推进种业振兴行动，提升农业综合生产能力。",
    "2.拓宽增收渠道。发展乡村特色产业，壮大新型农村集体经济，促进农民工资性收入和经营性收入稳定增长。",
    "3.改善人居环境。持续推进农村厕所革命和生活污水治理，建设宜居宜业和美乡村，让乡村面貌焕然一新。",
    "4.强化要素保障。完善乡村振兴投入机制，引导金融资源和各类人才向农村流动，形成共同推进的合力。",
]


def wrap(text: str, width: int = 24) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def double_spaced(lines: list[str]) -> str:
    """pdfminer's layout: a blank line after every line, indentation dropped."""
    return "\n\n".join(lines) + "\n"


def paragraphs(raw: str) -> list[str]:
    return [p.text for p in repair(raw).paras]


def test_a_heading_that_cuts_a_sentence_goes_before_the_paragraph_it_cut():
    first, second = wrap(BODY[2])[0], wrap(BODY[2])[1:]
    lines = ["一、总体要求", *wrap(BODY[0]), *wrap(BODY[1]), first, "二、重点任务", *second, *wrap(BODY[3])]
    assert paragraphs(double_spaced(lines)) == ["一、总体要求", BODY[0], BODY[1], "二、重点任务", BODY[2], BODY[3]]


def test_a_heading_left_under_the_last_paragraph_goes_above_it():
    lines = ["第一章　总则", *wrap(BODY[0]), *wrap(BODY[1]), "第十条　本办法自印发之日起施行。", "第二章　附则"]
    assert paragraphs(double_spaced(lines))[-2:] == ["第二章 附则", "第十条 本办法自印发之日起施行。"]


def test_a_salutation_above_the_byline_goes_below_it():
    lines = ["政府工作报告", "各位代表：", "县长　王明", *wrap(BODY[0]), *wrap(BODY[1])]
    assert paragraphs(double_spaced(lines))[:3] == ["政府工作报告", "县长 王明", "各位代表："]


def test_an_addressee_above_the_last_character_of_the_title_goes_below_it():
    lines = ["关于做好今年秋冬季农业生产工作的通", "各乡镇人民政府，县直各部门：", "知", *wrap(BODY[0]), *wrap(BODY[1])]
    assert paragraphs(double_spaced(lines))[:3] == ["关于做好今年秋冬季农业生产工作的通", "知", "各乡镇人民政府，县直各部门："]


def test_a_move_is_recorded_where_the_line_left_and_where_it_arrived():
    lines = ["第一章　总则", *wrap(BODY[0]), "第十条　本办法自印发之日起施行。", "第二章　附则"]
    state = repair(double_spaced(lines))
    moves = [(r.line, r.before, r.after) for r in state.repairs if r.step == "reading-order"]
    moved_from = 2 * len(lines) - 1
    assert moves == [(moved_from, "第二章　附则", ""), (moved_from - 2, "", "第二章　附则")]


def test_text_in_reading_order_is_left_alone():
    lines = ["一、总体要求", *wrap(BODY[0]), *wrap(BODY[1]), "二、重点任务", *wrap(BODY[2]), *wrap(BODY[3])]
    state = repair(double_spaced(lines))
    assert not [r for r in state.repairs if r.step == "reading-order"]
    assert [p.text for p in state.paras] == ["一、总体要求", BODY[0], BODY[1], "二、重点任务", BODY[2], BODY[3]]


def test_a_subheading_under_a_full_width_heading_stays_where_it_is():
    heading = "一、坚持以人民为中心的发展思想推动城乡融合发展"
    lines = [heading, "（一）完善体制机制", *wrap(BODY[0][2:]), *wrap(BODY[1][2:])]
    state = repair("\n".join(lines))
    assert not [r for r in state.repairs if r.step == "reading-order"]


def test_a_title_that_slipped_below_the_addressee_and_the_first_sentence_goes_back_to_the_top():
    lines = ["各区人民政府，市政府各部门：", "为深入贯彻落实省委部署，现提出如下实施意见。", "关于加快推进乡村振兴的实施意见",
             "一、总体要求", *wrap(BODY[0]), *wrap(BODY[1])]
    assert paragraphs(double_spaced(lines))[:3] == [lines[2], lines[0], lines[1]]


def test_an_addressee_opening_a_text_without_a_headline_stays_first():
    lines = ["各区人民政府，市政府各部门：", "为深入贯彻落实省委部署，现提出如下实施意见。", "一、总体要求", *wrap(BODY[0])]
    assert not [r for r in repair(double_spaced(lines)).repairs if r.step == "reading-order"]


def test_labels_and_names_printed_as_two_columns_are_paired_again():
    """pdftotext's default mode, a table of contents with a wide gap between labels and names."""
    body = [line for text in BODY for line in wrap(text)]
    lines = ["目录", "第一章　总则", "第二章", "第三章", "第四章", "", "规划与建设", "保护与管理", "附则", "", *body]
    assert paragraphs("\n".join(lines))[:5] == ["目录", "第一章 总则", "第二章 规划与建设", "第三章 保护与管理", "第四章 附则"]


def test_two_numbered_headings_in_a_row_are_no_columns():
    lines = ["一、总体要求", "二、重点任务", *wrap(BODY[0]), *wrap(BODY[1])]
    assert "reading-order" not in {r.step for r in repair("\n".join(lines)).repairs}


class _CountingLines(list):
    """Lines that count how many items their slices copy."""

    copied = 0

    def __getitem__(self, key):
        item = super().__getitem__(key)
        if isinstance(key, slice):
            _CountingLines.copied += len(item)
        return item


def test_pairing_labels_with_names_is_linear_in_the_number_of_lines():
    """Counted, not timed: the scan copies no more lines than the document holds, give or take."""
    from zhengli.tasks.evidence.units import Line
    from zhengli.tasks.repairs import order

    _CountingLines.copied = 0
    order._label_columns(_CountingLines(Line(i, "这是一行正文，写在这里。") for i in range(5000)))
    assert _CountingLines.copied <= 2 * 5000


def test_many_moves_rebuild_the_line_list_once(monkeypatch):
    """Counted, not timed: every move goes into one new list of the lines, not a list per move;
    each label is still followed by its name."""
    from zhengli.tasks.repairs.state import RepairState

    written = []
    real = RepairState.set_lines
    monkeypatch.setattr(RepairState, "set_lines", lambda self, lines: written.append(len(lines)) or real(self, lines))
    tables = [["第一章", "第二章", "总则", "附则", "本办法自公布之日起施行，由市政府负责解释。"] for _ in range(1000)]
    state = repair("\n".join(line for table in tables for line in table) + "\n")
    assert written == [len(state.lines)]
    assert [p.text for p in state.paras[:3]] == ["第一章 总则", "第二章 附则", "本办法自公布之日起施行，由市政府负责解释。"]


def _moves(count: int) -> st.SearchStrategy:
    """Up to eight moves among `count` lines: (the line moved, the line it goes before)."""
    line = st.integers(0, count - 1)
    return st.tuples(st.just(count), st.lists(st.tuples(line, line).filter(lambda move: move[0] != move[1]), max_size=8))


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 12).flatmap(_moves))
def test_moves_made_in_one_pass_land_as_if_made_one_after_another(case):
    """Also a line moved twice, and a line moved before one that moved."""
    from zhengli.tasks.evidence.units import Line
    from zhengli.tasks.repairs import order
    from zhengli.tasks.repairs.state import RepairState

    count, pairs = case
    lines = [Line(no, f"第{no}行") for no in range(count)]
    expected = list(lines)
    for moved, before in pairs:
        expected.remove(lines[moved])
        expected.insert(expected.index(lines[before]), lines[moved])
    state = RepairState(list(lines))
    order._move(state, [(lines[moved], lines[before]) for moved, before in pairs])
    assert [line.no for line in state.lines] == [line.no for line in expected]


ITEMS = ["（一）城区主干道两侧的行道树成活率应当不低于百分之九", "十五；", "（二）新建小区、学校的绿地面积应当不低于用地的百分之三", "十。"]


def _tail_read_early(items: list[str], next_page: str = "二、保障措施") -> str:
    """pdfminer: the page's last line, short, read above the full line it ends; then the page's end."""
    lines = [*items[:2], items[3], items[2]]
    return double_spaced(lines) + "\f" + double_spaced([next_page, "各区应当将养护经费列入本级财政预算。"])


def test_a_sentences_tail_read_above_the_line_it_ends_at_a_pages_end_goes_after_it():
    state = repair(_tail_read_early(ITEMS))
    texts = [p.text for p in state.paras]
    assert "（二）新建小区、学校的绿地面积应当不低于用地的百分之三十。" in texts and "十。" not in texts
    assert [(r.before, r.after) for r in state.repairs if r.step == "reading-order"] == [("十。", ""), ("", "十。")]


def test_a_short_line_between_a_closed_clause_and_a_labelled_line_stays_unless_that_line_stops_mid_word_at_a_pages_end():
    """Every piece of evidence is needed: a mark alone (`；`) is no word's end; a labelled line that
    ends with a mark, or stops inside its page, or follows a clause left open, keeps the order."""
    cases = [
        [*ITEMS[:3], "；"],
        [*ITEMS[:2], ITEMS[2] + "，", "十。"],
        [ITEMS[0], "十五", *ITEMS[2:]],
    ]
    for items in cases:
        assert not [r for r in repair(_tail_read_early(items)).repairs if r.step == "reading-order"], items
    inside_page = double_spaced([*ITEMS[:2], ITEMS[3], ITEMS[2], "（三）其他单位的绿地率参照执行。"])
    assert not [r for r in repair(inside_page).repairs if r.step == "reading-order"]


def test_a_sentence_tail_read_above_the_text_s_last_line_stays_where_no_line_follows_to_move_it_before():
    """The cut line ends the text with no final line break: no line follows it, nothing moves."""
    raw = double_spaced([*ITEMS[:2], ITEMS[3], ITEMS[2]]).rstrip("\n")
    assert [r for r in repair(raw).repairs if r.step == "reading-order"] == []
