"""Every corpus, kinds and genres document as text copied from its page, one block a line
(`corpus/web.py`): the wording and the numbering alone tell its blocks apart."""

import pytest

from corpus.producers import score_kind_case
from corpus.web import COPIED_FORMS, copied_cases

CASES = copied_cases()


def test_every_document_is_copied_in_every_form():
    assert {name.split("/")[1] for name, _, _ in CASES} == set(COPIED_FORMS)
    assert len(CASES) >= 4 * 20


@pytest.mark.parametrize("case", CASES, ids=[name for name, _, _ in CASES])
def test_copied_text_comes_back_as_its_blocks(case):
    score = score_kind_case(*case)
    assert score.cer == 0 and score.boundary_f1 == 1 and score.paragraph_f1 == 1 and score.heading_f1 == 1, score
