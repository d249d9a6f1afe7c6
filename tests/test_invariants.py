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
