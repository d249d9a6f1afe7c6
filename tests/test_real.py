"""Real publishers' PDFs (`../shared/real/`) read by every extractor: a fast subset of `make eval`'s real part.

The floors sit just below the figures of the code they were measured on, so a regression fails;
they are no targets, and nothing is tuned to these files.
"""

import importlib.util
import shutil

import pytest
from zhengli.tasks.editions import RENDERERS
from zhengli.tasks.evaluate import overall
from zhengli.tasks.pipeline import clean
from zhengli.tasks.publish.gate import check_texts

from corpus.extract import DIRECT, EXTRACTORS, READERS
from corpus.real import AS_COMMITTED, HALVES, PEER, REAL, load_manifest, raw_text, report, score_all, score_document

pytestmark = pytest.mark.skipif(not REAL.is_dir() or not shutil.which("pdftotext"),
                                reason="needs ../shared/real beside this checkout and poppler-utils (make test installs them)")

FLOORS = {
    # (document, extractor): (CER at most, boundary F1, paragraph F1, heading F1 at least)
    ("guojiaanquan-2015.edge", "pdftotext"): (0.0005, 0.991, 0.978, 0.958),
    ("guojiaanquan-2015.edge", "pdftotext-raw"): (0.0005, 0.991, 0.978, 0.958),
    ("guojiaanquan-2015.edge", "pdftotext-layout"): (0.0005, 0.995, 0.990, 0.958),
    ("guojiaanquan-2015.edge", "pdfminer"): (0.0005, 0.995, 0.990, 0.958),
    ("guojiaanquan-2015.edge", "pypdf"): (0.0005, 0.991, 0.978, 0.958),
    ("shandong-ldht-2013.flk", "pdftotext"): (0.0020, 0.970, 0.945, 0.990),
    ("shandong-ldht-2013.flk", "pdftotext-raw"): (0.0005, 0.970, 0.915, 0.990),
    ("shandong-ldht-2013.flk", "pdftotext-layout"): (0.0005, 0.991, 0.983, 0.904),
    ("shandong-ldht-2013.flk", "pdfminer"): (0.0005, 0.981, 0.950, 0.904),
    ("shandong-ldht-2013.flk", "pypdf"): (0.0005, 0.991, 0.983, 0.904),
}
JUSTIFIED = ["shandong-ldht-2013.flk", "xiaofeizhe-2013.wps"]
"""One-column Word and WPS prints whose lines are justified to the full measure."""


@pytest.fixture(scope="session")
def documents():
    return {document.name: document for document in load_manifest()}


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    """A fresh extraction cache: the tests read each PDF with the extractors themselves."""
    return tmp_path_factory.mktemp("extractions")


def test_the_manifest_lists_every_file_once_in_one_of_two_halves(documents):
    files = sorted(p.name for folder in ("pdf", "txt") for p in (REAL / folder).iterdir())
    assert sorted(d.path.name for d in documents.values()) == files
    assert {d.half for d in documents.values()} == set(HALVES)
    assert all(d.gold_path.exists() for d in documents.values())


def test_a_pdf_is_read_by_every_extractor_and_a_text_file_as_committed(documents):
    assert documents["guojiaanquan-2015.edge"].extractors == READERS
    assert documents["gwr2022.web"].extractors == [AS_COMMITTED]


def test_a_file_that_does_not_match_its_manifest_row_names_the_row(tmp_path):
    (tmp_path / "txt").mkdir()
    (tmp_path / "txt" / "a.txt").write_text("正文。", encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text("name\thalf\tkind\tsource_file\tsha1\na\ttune\ttxt\tweb copy\t000000000000\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"MANIFEST.tsv:2: .*a.txt does not match its SHA-1 000000000000"):
        load_manifest(tmp_path)


def test_extraction_is_deterministic_so_its_cache_is_true(documents, tmp_path):
    document = documents["guojiaanquan-2015.edge"]
    for extractor in EXTRACTORS:
        assert raw_text(document, extractor, tmp_path / "first") == raw_text(document, extractor, tmp_path / "second"), extractor


@pytest.mark.parametrize(("name", "extractor"), FLOORS)
def test_real_pdfs_keep_their_scores(documents, cache, name, extractor):
    result = score_document(documents[name], extractor, cache)
    cer, boundary, paragraph, heading = FLOORS[name, extractor]
    assert result.score.cer <= cer
    assert result.score.boundary_f1 >= boundary
    assert result.score.paragraph_f1 >= paragraph
    assert result.score.heading_f1 >= heading


@pytest.mark.parametrize("extractor", list(EXTRACTORS))
@pytest.mark.parametrize("name", JUSTIFIED)
def test_one_column_justified_pdfs_come_out_with_nothing_moved(documents, cache, name, extractor):
    """Full-measure lines are no two columns, and nothing reorders them: not one character moves."""
    assert score_document(documents[name], extractor, cache).moved_share == 0.0


def test_the_report_gives_each_extractor_both_halves_and_their_difference(documents, cache):
    scores = score_all([documents["guojiaanquan-2015.edge"], documents["henan-jiancha-2010.flk"]], cache)
    lines = report(scores).splitlines()
    assert [line.split()[:2] for line in lines[1:4]] == [["pdftotext", "tune"], ["pdftotext", "check"], ["pdftotext", "check−tune"]]
    peer = importlib.util.find_spec(PEER) is not None
    assert sum(1 for line in lines if line.startswith("guojiaanquan-2015.edge ")) == len(READERS) + peer


@pytest.mark.parametrize("half", HALVES)
def test_pdfs_read_directly_meet_the_targets_on_both_halves(documents, half):
    """Issue 14's targets for PDF input: CER ≤ 0.001, boundary F1 ≥ 0.99, paragraph F1 ≥ 0.98, heading F1 ≥ 0.97,
    the two-column Gazette included; and nothing moved without a record."""
    scores = [score_document(d, DIRECT) for d in documents.values() if d.is_pdf and d.half == half]
    total = overall([s.score for s in scores])
    assert total.cer <= 0.001
    assert total.boundary_f1 >= 0.99
    assert total.paragraph_f1 >= 0.98
    assert total.heading_f1 >= 0.97
    assert all(s.moved_share == 0.0 for s in scores)


def test_every_real_pdf_read_directly_gives_editions_the_quality_gate_passes(documents):
    """The tables of contents, page breaks and two-column pages of real prints, in all three editions."""
    for document in (d for d in documents.values() if d.is_pdf):
        edition = clean(document.path.read_bytes(), document.path.name)
        texts = {suffix: render(edition) for suffix, render in RENDERERS.items()}
        assert check_texts(texts, {suffix: f"{document.name}{suffix}" for suffix in texts}) == []
