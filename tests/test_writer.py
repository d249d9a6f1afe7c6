"""Real PDFs from LibreOffice Writer (`corpus/writer/`): a fast subset of what `python -m corpus` reports."""

import shutil

import pytest

from corpus.producers import score_kind_case
from corpus.writer import FOOTERS, WRITER, score_tables, writer_cases

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


@pytest.mark.parametrize("name", ["t-tasks", "t-funds", "t-contacts"])
def test_a_writer_table_comes_back_whole_from_the_pdf_itself_the_text_around_it_unscrambled(name):
    """Ruled round every cell; `t-tasks` runs over five pages, its header row repeated atop each and
    rows cut by the page breaks; `t-contacts` has no header row. The header row Writer sets bold
    (a synthetic bold PDFium reports as regular weight) is known only where it is repeated."""
    (case,) = writer_cases([name], ("lo",), ("zhengli-pdf",))
    score = score_kind_case(*case)
    assert score.cer == 0 and score.paragraph_f1 == 1 and score.heading_f1 == 1, score
    tables = score_tables(*case)
    assert tables.tables == tables.whole == 1
    assert tables.headed == (0 if name == "t-funds" else 1)
