"""Properties every input must keep: nothing lost, deterministic, idempotent."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zhengli.tasks.pipeline import NoText, clean
from zhengli.tasks.repairs import repair

SENTENCE = st.text(alphabet="中华人民共和国发展改革工作全面建设現代經濟會議的一二三，、“”（）(),.:;?! 1234567890abc\u3000\u200b", min_size=1, max_size=60)
DOCUMENT = st.lists(st.tuples(SENTENCE, st.sampled_from(["\n", "\n\n", "\n \n", "\u3000\u3000", "\r\n", "\f"])), min_size=1, max_size=12)


def _raw(parts):
    return "".join(sentence + sep for sentence, sep in parts)


@settings(max_examples=200, deadline=None)
@given(DOCUMENT)
def test_nothing_is_lost_and_the_result_is_deterministic(parts):
    raw = _raw(parts)
    try:
        first = clean(raw.encode("utf-8"), "p.txt")
    except NoText:  # whitespace, invisible characters or page numbers only: the file's own error, every time
        with pytest.raises(NoText):
            clean(raw.encode("utf-8"), "p.txt")
        return
    second = clean(raw.encode("utf-8"), "p.txt")
    assert [b.text for b in first.blocks()] == [b.text for b in second.blocks()]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="中华人民共和国发展改革工作全面建设的，、“”（）", min_size=1, max_size=40).map(lambda s: s + "。"), min_size=1, max_size=8))
def test_repairing_clean_paragraphs_changes_nothing(sentences):
    cleaned = [p.text for p in repair("\n\n".join(sentences)).paras]
    again = repair("\n\n".join(cleaned))
    assert [p.text for p in again.paras] == cleaned
    assert again.repairs == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=2, max_size=4).filter(
    lambda digits: any(b != a + 1 for a, b in zip(digits, digits[1:], strict=False))))
def test_figures_one_a_line_inside_a_page_are_never_page_numbers(digits):
    """Single digits one a line that do not count up, between two sentences of one page: a table's or
    a list's figures (a page between two numbers would hold nothing), never dropped."""
    raw = "\n".join(["全年新签约项目五十八个，竣工投产项目三十一个。", "各项目得分如下", *map(str, digits), "以上情况，请各单位知悉。"]) + "\n"
    assert not [r for r in repair(raw).repairs if r.step == "page-numbers"]


LINE = st.tuples(st.text(alphabet="春风吹过山岗绿了江南两岸姓名年龄职务单位项目", min_size=2, max_size=20), st.sampled_from(["。", "，", "：", "；", ""]))


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, min_size=2, max_size=10), st.integers(min_value=0, max_value=9999), st.data(), st.sampled_from(["\n", "\n\n"]))
def test_a_lone_number_inside_a_text_that_shows_no_pages_is_never_a_page_number(lines, number, data, separator):
    """One bare number alone on its line (a stanza's number, a field's value under `年龄：`, a figure
    in a list), with no form feed, no run of blank lines, no other number it could follow in a
    sequence and neither end of the text beside it: nothing shows a page there, so it is text."""
    texts = ["各单位：", *(body + end for body, end in lines), "特此通知。"]
    at = data.draw(st.integers(min_value=1, max_value=len(texts) - 1))
    raw = separator.join([*texts[:at], str(number), *texts[at:]]) + "\n"
    assert not [r for r in repair(raw).repairs if r.step == "page-numbers"]


ADDRESS = st.from_regex(r"https://www\.[a-z]{2,8}\.gov\.cn(/[a-z0-9_]{1,8}){0,3}", fullmatch=True)
CELL = st.one_of(ADDRESS, st.sampled_from(["某某区人民政府网", "完成", "2024/3/5 10:00", "12/4/26, 6:00 PM", "市政务服务中心"]),
                 st.tuples(st.integers(1, 9), st.integers(1, 9)).map(lambda nm: f"{nm[0]}/{nm[1]}"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL, min_size=2, max_size=4), min_size=1, max_size=6), st.integers(0, 2))
def test_a_table_of_addresses_fractions_and_times_inside_a_page_is_never_a_browsers_margins(rows, pages):
    """Cells one a line (addresses, fractions `1/2`, dates with times), on pages shown by form feeds
    or on none, with text after them on their page: no browser printed them, nothing is set aside."""
    table = "\n".join(cell for row in rows for cell in row)
    page = f"现将有关网站的检查情况通报如下。\n{table}\n请各单位对照检查，认真整改。\n"
    raw = "\f".join([page] * (pages + 1))
    assert not [r for r in repair(raw).repairs if r.step == "browser-margins"]
