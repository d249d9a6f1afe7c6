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
