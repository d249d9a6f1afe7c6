"""Real PDFs from LibreOffice Writer (`corpus/writer/`): a fast subset of what `python -m corpus` reports."""

import shutil

import pytest

from corpus.producers import score_kind_case
from corpus.writer import FOOTERS, WRITER, writer_cases

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def test_every_committed_gold_has_its_pdf_under_every_footer():
    golds = sorted(WRITER.glob("*.txt"))
    assert len(golds) >= 10
    assert all((WRITER / f"{gold.stem}-{variant}.pdf").exists() for gold in golds for variant in FOOTERS)


@pytest.mark.parametrize("name", ["k-notice", "c-law", "k-commentary"])
def test_a_writer_pdf_comes_back_whole_through_pdftotext_and_the_pdf_itself(name):
    """Justified, kinsoku-broken lines, indents lost by pdftotext, `— N —` footers."""
    cases = [case for case in writer_cases([name], ("lo",), ("pdftotext", "zhengli-pdf"))]
    assert len(cases) == 2
    for case in cases:
        score = score_kind_case(*case)
        assert score.cer == 0 and score.paragraph_f1 == 1 and score.heading_f1 == 1, score
