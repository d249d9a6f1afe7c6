"""The repair engine against PDFs rendered from known structure and read back by real extractors."""

import shutil

import pytest
from zhengli.tasks.evaluate import overall

from corpus.documents import gold_documents, load_documents, parse_document
from corpus.extract import COLUMN_BLIND, READERS, extract_cases, on_one_column_page, score_case, traditional_forms
from corpus.gazette import GAZETTE_LAYOUTS
from corpus.pdf import FONT_FILE, LAYOUTS

from .conftest import GOLD

pytestmark = pytest.mark.skipif(not FONT_FILE.exists() or not shutil.which("pdftotext"),
                                reason="needs fonts-wqy-zenhei and poppler-utils (make test installs them)")


@pytest.fixture(scope="session")
def scores(tmp_path_factory):
    cases = extract_cases(tmp_path_factory.mktemp("pdf-corpus"))
    return {case.name: score_case(case) for case in cases}


def one_column(scores, extractor):
    return [s for name, s in scores.items() if name.endswith("/" + extractor) and on_one_column_page(name)]


def test_every_document_is_rendered_under_every_layout_and_read_by_every_extractor(scores):
    assert len(scores) == len(load_documents()) * len(LAYOUTS) * len(READERS)


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pdftotext-layout", "pdfminer", "pypdf"])
def test_text_and_paragraphs_come_back_from_each_extractor(scores, extractor):
    total = overall([s for name, s in scores.items() if name.endswith("/" + extractor)])
    assert total.cer <= 0.002
    assert total.boundary_f1 >= 0.98


@pytest.mark.parametrize("extractor", COLUMN_BLIND)
def test_extractors_with_their_own_reading_order_meet_the_targets_on_one_column_pages(scores, extractor):
    """Their reading order scrambles two-column pages; pdftotext's, line by line, cannot be repaired."""
    total = overall(one_column(scores, extractor))
    assert total.cer <= 0.002
    assert total.boundary_f1 >= 0.98


def test_pdfminer_centred_lines_come_back_in_reading_order_on_one_column_pages(scores):
    """pdfminer lets centred headings, bylines and title ends slip below their neighbours; `reading-order` moves them back."""
    pages = one_column(scores, "pdfminer")
    assert max(s.cer for s in pages) <= 0.0005
    assert overall(pages).heading_f1 == 1.0


def test_pdfminer_two_column_pages_come_back_in_column_order(scores):
    """pdfminer returns the second column first, or the columns interleaved box by box; `box-order` mends it."""
    pages = [s for name, s in scores.items() if name.endswith("/pdfminer") and not on_one_column_page(name)]
    assert len(pages) == 10
    assert max(s.cer for s in pages) <= 0.0005


def test_headings_are_found_whatever_the_extractor(scores):
    assert overall(list(scores.values())).heading_f1 >= 0.97


def test_the_traditional_document_survives_its_round_trip():
    notice = next(d for d in load_documents() if d.traditional)
    forms = traditional_forms(notice)
    assert any(forms[b.text] != b.text for b in notice.blocks)


def test_a_malformed_corpus_line_names_its_place():
    with pytest.raises(ValueError, match="x:2: expected 'KIND: TEXT'"):
        parse_document("x", "title: 标题\n正文没有类型")


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside this checkout")
def test_the_samples_gold_texts_printed_under_every_layout_come_back(tmp_path):
    """Real wording, headline groups and numbering, under layouts the samples never had."""
    cases = extract_cases(tmp_path, gold_documents(GOLD), extractors=["pdftotext-raw", "pdftotext-layout", "pypdf"])
    for extractor in ("pdftotext-raw", "pdftotext-layout", "pypdf"):
        total = overall([score_case(case) for case in cases if case.extractor == extractor])
        assert total.cer <= 0.002, extractor
        assert total.boundary_f1 >= 0.975, extractor


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pypdf", "zhengli-pdf"])
def test_a_law_in_two_justified_gazette_columns_comes_back_whole(tmp_path, extractor):
    """Gazette pages (`corpus.gazette`): a running head with its page number at the outer edge, the
    title over both columns, justified columns whose full lines hold half-width digits."""
    law = [d for d in load_documents() if d.name == "law"]
    total = overall([score_case(case) for case in extract_cases(tmp_path, law, [extractor], GAZETTE_LAYOUTS)])
    assert total.cer <= 0.002
    assert total.boundary_f1 >= 0.98
