"""The samples scored against the hand-checked gold, with the project's own evaluation."""

import pytest
from zhengli.tasks.evaluate import GoldBlock, evaluate_folder, fold, overall, read_markdown, score

from .conftest import CLEAN, GOLD

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside this checkout")


def test_fold_ignores_whitespace_and_punctuation_width():
    assert fold("今天， 我们（一） 2.1%") == fold("今天,我们(一)2.1%")


def test_markdown_blocks_are_read_as_a_reader_sees_them():
    blocks = read_markdown("# 标题\n\n*——副题*\n\n**（一）要求**。内容。\n")
    assert [(b.kind, b.text) for b in blocks] == [("heading", "标题"), ("meta", "——副题"), ("paragraph", "（一）要求。内容。")]


def test_the_samples_meet_the_targets():
    scores = evaluate_folder(GOLD, CLEAN)
    total = overall(scores)
    assert total.cer <= 0.001
    assert total.strict_cer <= 0.003
    assert total.boundary_f1 >= 0.99
    assert total.heading_f1 >= 0.98


def test_a_block_without_text_is_nothing_to_find():
    gold = [GoldBlock("heading", "第一章 总则"), GoldBlock("paragraph", ""), GoldBlock("paragraph", "第一条 内容。")]
    found = [GoldBlock("heading", "第一章 总则"), GoldBlock("paragraph", "第一条 内容。")]
    result = score("x", gold, found)
    assert (result.boundary_f1, result.paragraph_f1, result.heading_f1) == (1.0, 1.0, 1.0)
