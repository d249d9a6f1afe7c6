"""Interleaved columns: a two-column page read block by block across the columns goes back to
column order only where one order alone reads true; elsewhere it is kept and flagged."""

import pytest
from zhengli.tasks.moves import measure_moves
from zhengli.tasks.pipeline import clean
from zhengli.tasks.repairs import repair

from corpus.documents import parse_document
from corpus.extract import EXTRACTORS
from corpus.gazette import GAZETTE_LAYOUTS, render_gazette

MEASURE = 20


def column(*paragraphs: str, measure: int = MEASURE) -> list[str]:
    """Paragraphs set justified in a column, as an extractor gives them: every line full but a
    paragraph's last, the first narrower by the two-em indent it lost."""
    lines = []
    for text in paragraphs:
        lines.append(text[: measure - 2])
        lines += [text[i : i + measure] for i in range(measure - 2, len(text), measure)]
    return lines


def interleaved(left: list[str], right: list[str], pattern: list[tuple[str, int]]) -> list[list[str]]:
    """Blocks taken from the two columns in turn, `pattern` saying which column and how many lines."""
    taken = {"L": 0, "R": 0}
    columns = {"L": left, "R": right}
    blocks = []
    for side, count in pattern:
        blocks.append(columns[side][taken[side] : taken[side] + count])
        taken[side] += count
    assert taken == {"L": len(left), "R": len(right)}
    return blocks


def page(blocks: list[list[str]]) -> str:
    """A page as pdfminer and pdftotext's default mode write it: a blank line between blocks."""
    return "\n\n".join("\n".join(block) for block in blocks) + "\n\n\f"


ITEMS = [f"（{n}）{text}；" for n, text in zip("一二三四五六七八", [
    "新建居住区绿地率不低于三成",
    "旧城改建区绿地率不低于两成半",
    "学校医院等单位不低于三成半",
    "工业企业项目不低于两成",
    "交通枢纽项目不低于两成",
    "仓储物流项目不低于一成半",
    "道路绿化带宽度不少于八米",
    "河道两侧绿化带不少于十米",
], strict=True)]
LEAD = ("第一条　新建、改建、扩建建设工程项目，应当按照城市绿地系统专项规划同步建设附属绿地，附属绿地面积占建设工程"
        "项目用地面积的比例，应当符合下列规定：")
TAIL = ("第二条　城市绿化工程的设计，应当委托具有相应资质的设计单位承担，并符合国家和本市有关技术规范。绿化工程设计方案"
        "应当优先选用适合本地生长的乡土树种，合理配置乔木、灌木和地被植物。")


def moves(raw: str) -> list[tuple[int, str, str]]:
    return [(r.line, r.before, r.after) for r in repair(raw).repairs if r.step == "interleaved-columns"]


def flags(raw: str) -> list[str]:
    return [f.message for f in repair(raw).flags if f.kind == "interleaved-columns"]


def texts(raw: str) -> str:
    return "".join(line.text.strip() for line in repair(raw).lines)


def test_numbered_one_line_items_read_across_two_columns_go_back_to_column_order():
    left = column(LEAD, *ITEMS[:4])
    right = column(*ITEMS[4:], TAIL)
    blocks = interleaved(left, right, [("L", len(left) - 4), ("L", 1), ("R", 1), ("L", 1), ("R", 1), ("L", 1), ("R", 1),
                                       ("L", 1), ("R", len(right) - 3)])
    raw = page(blocks)
    assert texts(raw) == "".join(left + right)
    assert flags(raw) == []


def test_each_moved_block_is_recorded_and_the_order_check_finds_nothing_unrecorded():
    left = column(LEAD, *ITEMS[:4])
    right = column(*ITEMS[4:], TAIL)
    raw = page(interleaved(left, right, [("L", len(left) - 2), ("R", 1), ("L", 1), ("R", 1), ("L", 1), ("R", len(right) - 2)]))
    recorded = moves(raw)
    rest = "".join(right[2:])
    assert [before for _, before, after in recorded if before] == [ITEMS[4], ITEMS[5], rest]
    assert sorted(after for _, _, after in recorded if after) == sorted([ITEMS[4], ITEMS[5], rest])
    document = clean(raw.encode("utf-8"), "items.txt")
    assert measure_moves(raw, document).moved == 0


RUNNING = [
    "过去一年，面对复杂严峻的外部环境和艰巨繁重的改革发展稳定任务，我们坚持稳中求进工作总基调，全市经济运行持续回升向好，城乡居民收入稳步增长。",
    "我们着力扩大有效需求，谋划实施重大项目，开展消费提振系列活动，培育夜间经济和首店经济，推动商贸街区提质升级，市场活力不断增强。",
    "同时，我们也清醒看到，经济发展仍面临不少困难和挑战，有效需求不足，部分企业生产经营困难，创新能力还不够强，民生领域还有不少短板。",
    "今年我们将坚持依法行政，自觉接受人大法律监督和政协民主监督，认真办理代表建议和政协提案，坚持过紧日子，把有限的资金用在紧要处。",
]


def test_running_text_interleaved_line_by_line_is_kept_and_flagged():
    """Lines of running text could swap columns wherever both columns are inside a paragraph:
    no one order is proved, so none is chosen."""
    left, right = column(*RUNNING[:2]), column(*RUNNING[2:])
    pattern = [(side, 1) for pair in zip(["L"] * len(left), ["R"] * len(right), strict=False) for side in pair]
    pattern += [("L", 1)] * (len(left) - len(right)) + [("R", 1)] * (len(right) - len(left))
    raw = page(interleaved(left, right, pattern))
    assert moves(raw) == []
    assert texts(raw) == "".join(line for block in interleaved(left, right, pattern) for line in block)
    [message] = flags(raw)
    assert "interleaved" in message and "pdftotext -raw" in message


def test_a_column_read_in_order_is_left_alone():
    left = column(LEAD, *ITEMS[:4], TAIL)
    raw = page([[line] for line in left])
    assert moves(raw) == [] and flags(raw) == []


def test_a_page_whose_order_breaks_once_is_neither_moved_nor_flagged():
    """One number out of sequence (an item the text itself skips) is as likely the text's own slip as a
    block of the other column."""
    raw = page([[line] for line in column(LEAD, *ITEMS[:2], *ITEMS[3:5], TAIL)])
    assert moves(raw) == [] and flags(raw) == []


def test_a_page_wide_measure_is_no_column_and_is_never_reordered():
    """A one-column page (28 characters a line) whose numbering breaks is left as the extractor gave it."""
    left, right = column(LEAD, *ITEMS[:4], measure=28), column(*ITEMS[4:], TAIL, measure=28)
    raw = page(interleaved(left, right, [("L", len(left) - 2), ("R", 1), ("L", 1), ("R", 1), ("L", 1), ("R", len(right) - 2)]))
    assert moves(raw) == [] and flags(raw) == []


def test_lines_too_short_for_a_column_are_never_reordered():
    """Fragments of a few characters each (a list, verse, marks) tell nothing by where they stop."""
    raw = "\n\n".join(["“。", "““““。", "“。", "”。", "（。“。“。"]) + "\n"
    assert moves(raw) == [] and flags(raw) == []


def test_no_number_out_of_sequence_no_move():
    """Where lines stop and open is the only evidence here, and it reads true in more orders than the
    text's own: without a number out of sequence nothing moves."""
    raw = "\n\n".join(["“。", "“““““““““。", "““““（。）。", "“。", "“““““““““。"]) + "\n"
    assert moves(raw) == []


REPORT = parse_document("bulletin", "\n".join([
    "title: 江川市生态环境状况公报",
    *(f"p: {text}" for text in RUNNING * 3),
]))


@pytest.mark.parametrize("extractor", ["pdftotext", "pdfminer"])
def test_gazette_pages_read_across_the_columns_move_nothing_unproved(tmp_path, extractor):
    """Two justified gazette columns of running text, read by the extractors that interleave them:
    the edition keeps their order (no text moved without a record) and says why it is doubtful."""
    pdf = tmp_path / "bulletin.pdf"
    render_gazette(REPORT, GAZETTE_LAYOUTS[0], pdf)
    raw = EXTRACTORS[extractor](pdf)
    document = clean(raw.encode("utf-8"), "bulletin.txt")
    assert measure_moves(raw, document).moved == 0
    assert not [r for r in document.repairs if r.step == "interleaved-columns"]
    assert [f.kind for f in document.flags if f.kind == "interleaved-columns"] == ["interleaved-columns"]


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pypdf"])
def test_gazette_pages_read_in_column_order_are_neither_moved_nor_flagged(tmp_path, extractor):
    pdf = tmp_path / "bulletin.pdf"
    render_gazette(REPORT, GAZETTE_LAYOUTS[0], pdf)
    document = clean(EXTRACTORS[extractor](pdf).encode("utf-8"), "bulletin.txt")
    assert not [r for r in document.repairs if r.step == "interleaved-columns"]
    assert not [f for f in document.flags if f.kind == "interleaved-columns"]


def wrapped(*paragraphs: str, measure: int = 16) -> list[list[str]]:
    """Paragraphs of one column wrapped to a narrow measure, each opening unindented at full width."""
    return [[text[i : i + measure] for i in range(0, len(text), measure)] for text in paragraphs]


@pytest.mark.parametrize("measure", [12, 16, 22])
def test_one_column_whose_paragraphs_open_at_full_width_is_not_flagged(measure):
    """A short finished line, then a full one, after every blank line: the form of text whose
    paragraphs open unindented, no sign of a column interleaved, where no number breaks its sequence."""
    raw = page(wrapped(*RUNNING, *RUNNING, measure=measure))
    assert moves(raw) == [] and flags(raw) == []


SLOGANS = ["坚持稳中求进，推动高质量发展，扎实推进", "主要目标和重点任务", "全面深化改革扩大高水平对外开放", "扎实推进共同富裕，奋力谱写新篇章，"]


@pytest.mark.parametrize("measure", [12, 16, 20, 22])
def test_one_column_with_short_paragraphs_an_indent_narrower_is_not_flagged(measure):
    """Paragraphs opening unindented at full width, blank lines between, among them short ones (a
    slogan, a heading of its own) exactly an indent narrower than the measure, two in a row too: a
    line so narrow after a finished paragraph or another short one is no lost indent where the page
    opens paragraphs at full width after finished ones."""
    short = [text[: measure - 2] for text in SLOGANS]
    paragraphs = [RUNNING[0], short[0], short[3], RUNNING[1], RUNNING[2], short[2], short[1], RUNNING[3], RUNNING[0], short[0]]
    raw = page(wrapped(*paragraphs, *paragraphs, measure=measure))
    assert moves(raw) == [] and flags(raw) == []


def test_a_paragraphs_first_line_after_a_line_cut_inside_its_sentence_is_flagged():
    """Justified columns read across: a full line left open, then, after the blank line, a line
    narrower by the lost indent that goes on: a paragraph cannot open inside a sentence."""
    left, right = column(*RUNNING[:2]), column(*RUNNING[2:])
    raw = page([left[:3], right[:2], left[3:], right[2:]])
    assert moves(raw) == []
    assert len(flags(raw)) == 1
