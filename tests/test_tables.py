"""Tables printed as text (`tasks/evidence/tables.py`): what counts as one, and its cells."""

from zhengli.tasks.evidence.tables import find_tables, table_cells

from .conftest import side_by_side

CHAR_ALIGNED = ["序号  地区      人口（万人）  面积",
                "1     东城区    70.5          41.8",
                "2     西城区    110.6         50.5",
                "3     朝阳区    345.2         470.8"]
"""As `pdftotext -layout` pads rows: every cell starts at the same character position."""


def test_rows_aligned_by_character_position_are_a_table_with_a_cell_per_column():
    assert find_tables(["说明如下：", *CHAR_ALIGNED, "以上数据截至年底。"]) == [range(1, 5)]
    assert table_cells(CHAR_ALIGNED)[2] == ["2", "西城区", "110.6", "50.5"]


def test_a_right_aligned_column_counts_as_aligned_by_its_cells_ends():
    rows = ["单位名称          金额", "江川市第一中学     120", "江川市人民医院    1350", "江川市图书馆        80"]
    assert find_tables(rows) == [range(0, 4)]


def test_a_blank_line_between_rows_keeps_one_table_two_end_it():
    assert find_tables([CHAR_ALIGNED[0], "", *CHAR_ALIGNED[1:]]) == [range(0, 5)]
    assert find_tables([*CHAR_ALIGNED[:2], "", "", *CHAR_ALIGNED[2:]]) == []


def test_two_columns_of_running_text_side_by_side_are_no_table():
    left = ["左栏第一段的第一行文字，比较长", "左栏第一段的第二行文字结束。", "左栏第二段开始于此处，继续写", "左栏第二段结束了在这里。"]
    right = ["右栏第一段的第一行文字，也长", "右栏第一段的第二行到此结束。", "右栏第二段的第一行，也写满了", "右栏第二段也结束在这里。"]
    assert find_tables(side_by_side(left, right)) == []


def test_a_list_of_numbered_headings_spaced_out_is_no_table():
    assert find_tables(["第一章  总    则", "第二章  生产经营", "第三章  监督管理", "第四章  附    则"]) == []


def test_fewer_than_three_rows_and_a_running_header_are_no_table():
    assert find_tables(CHAR_ALIGNED[:2]) == []
    assert find_tables(["江川日报   2024年3月5日   星期二", "今天，我们召开大会。"]) == []


def test_a_text_that_is_nothing_but_a_table_is_one_table_block():
    from zhengli.tasks.pipeline import clean

    assert [b.type for b in clean("\n".join(CHAR_ALIGNED).encode(), "t.txt").blocks()] == ["table-text"]
