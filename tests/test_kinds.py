"""Documents of other kinds than laws (`corpus/kinds/`: a work report, an opinion, a notice with its
attachment, a communiqué, a decision, a commentary) printed as Word, WPS and a browser print
them, read back: a fast subset of what `python -m corpus` reports."""

import pytest

from corpus.pdf import FONT_FILE
from corpus.producers import CHROMIUM, kind_cases, kind_documents, score_kind_case

pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="needs the WenQuanYi Zen Hei font (fonts-wqy-zenhei)")
SUBSET = ("report", "notice", "communique")


def test_every_document_parses_with_the_structure_its_gold_intends():
    documents = {document.name: document for document in kind_documents()}
    assert set(documents) == {"report", "opinion", "notice", "communique", "decision", "commentary"}
    assert any(block.type == "heading" and block.level == 4 for block in documents["report"].blocks)


@pytest.mark.parametrize("producer", ["word", "wps"])
def test_office_prints_come_back_whole_through_the_text_and_pdf_paths(tmp_path, producer):
    documents = [d for d in kind_documents() if d.name in SUBSET]
    for case in kind_cases(tmp_path, documents, (producer,), ("pdftotext-raw", "pdftotext-layout", "zhengli-pdf")):
        score = score_kind_case(*case)
        assert score.cer == 0 and score.paragraph_f1 == 1 and score.heading_f1 == 1, score


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")
def test_a_browser_print_without_indents_comes_back_whole(tmp_path):
    documents = [d for d in kind_documents() if d.name == "report"]
    for case in kind_cases(tmp_path, documents, ("web",), ("pdftotext", "zhengli-pdf")):
        score = score_kind_case(*case)
        assert score.cer == 0 and score.paragraph_f1 == 1 and score.heading_f1 == 1, score


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")
def test_a_browser_print_with_its_header_and_footer_comes_back_without_them(tmp_path):
    """Chromium's default print: the time and the page's title over each page, the address and
    `N/M` under it; every reader's text comes back as the document, without the print's margins."""
    documents = [d for d in kind_documents() if d.name == "notice"]
    for case in kind_cases(tmp_path, documents, ("web-margins",), ("pdftotext", "pdftotext-raw", "pypdf", "zhengli-pdf")):
        score = score_kind_case(*case)
        assert score.cer == 0 and score.paragraph_f1 == 1 and score.heading_f1 == 1, score
